//! Local text for every [`ErrorCode`], used when the server sent no message (or none arrived).

use shared_types::ErrorCode;

use super::Text;

/// Our own message for an error code. The match is exhaustive, so a new code added to
/// `shared-types` fails the build here until it has a text.
pub fn error_text(code: ErrorCode) -> Text {
    match code {
        ErrorCode::MalformedRequest => Text::new("请求格式不正确", "The request is malformed"),
        ErrorCode::InvalidField => Text::new(
            "填写的内容有误，请检查",
            "Please check the highlighted field",
        ),
        ErrorCode::PayloadTooLarge => {
            Text::new("提交的内容过大", "The submitted content is too large")
        }
        ErrorCode::UnsupportedMediaType => {
            Text::new("不支持的内容类型", "Unsupported content type")
        }
        ErrorCode::Unauthenticated => Text::new("请先登录", "Please sign in"),
        ErrorCode::SessionReplaced => Text::new(
            "您的账号已在其他设备登录",
            "Your account was signed in on another device",
        ),
        ErrorCode::DeviceInUse => Text::new(
            "此设备已登录其他账号，请先退出该账号",
            "This device is signed in to another account; sign that account out first",
        ),
        ErrorCode::InvalidCredentials => Text::new("账号或密码错误", "Wrong account or password"),
        ErrorCode::AccountLocked => Text::new(
            "登录失败次数过多，账号已暂时锁定",
            "Too many failed sign-ins; the account is locked for a while",
        ),
        ErrorCode::AccountDisabled => Text::new("账号已停用", "This account is disabled"),
        ErrorCode::InvalidSmsCode => {
            Text::new("验证码错误或已过期", "The SMS code is wrong or expired")
        }
        ErrorCode::SmsCooldown => Text::new(
            "验证码发送过于频繁，请稍后再试",
            "Please wait before requesting another code",
        ),
        ErrorCode::Forbidden => Text::new("没有权限执行此操作", "You are not allowed to do this"),
        ErrorCode::NotFound => Text::new("内容不存在", "Not found"),
        ErrorCode::TenantNotFound => Text::new("站点不存在", "This site does not exist"),
        ErrorCode::AlreadyExists => Text::new("已存在相同的记录", "It already exists"),
        ErrorCode::Conflict => Text::new(
            "数据已被修改，请刷新后重试",
            "The data changed; reload and try again",
        ),
        ErrorCode::RateLimited => Text::new(
            "操作过于频繁，请稍后再试",
            "Too many requests; try again later",
        ),
        ErrorCode::Timeout => Text::new("请求超时，请重试", "The request timed out; try again"),
        ErrorCode::Unavailable => Text::new(
            "服务繁忙，请稍后重试",
            "The service is busy; try again shortly",
        ),
        ErrorCode::DevOnly => Text::new("仅开发模式可用", "Only available in development mode"),
        ErrorCode::Internal => Text::new(
            "服务器出错了，请稍后再试",
            "Something went wrong on the server; try again later",
        ),
        ErrorCode::Unknown => Text::new("发生未知错误", "An unknown error occurred"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL: [ErrorCode; 23] = [
        ErrorCode::MalformedRequest,
        ErrorCode::InvalidField,
        ErrorCode::PayloadTooLarge,
        ErrorCode::UnsupportedMediaType,
        ErrorCode::Unauthenticated,
        ErrorCode::SessionReplaced,
        ErrorCode::DeviceInUse,
        ErrorCode::InvalidCredentials,
        ErrorCode::AccountLocked,
        ErrorCode::AccountDisabled,
        ErrorCode::InvalidSmsCode,
        ErrorCode::SmsCooldown,
        ErrorCode::Forbidden,
        ErrorCode::NotFound,
        ErrorCode::TenantNotFound,
        ErrorCode::AlreadyExists,
        ErrorCode::Conflict,
        ErrorCode::RateLimited,
        ErrorCode::Timeout,
        ErrorCode::Unavailable,
        ErrorCode::DevOnly,
        ErrorCode::Internal,
        ErrorCode::Unknown,
    ];

    #[test]
    fn every_code_has_a_distinct_text_in_both_languages() {
        let mut seen = std::collections::HashSet::new();
        for code in ALL {
            let text = error_text(code);
            assert!(!text.zh.is_empty() && !text.en.is_empty(), "{code:?}");
            assert!(seen.insert(text.zh), "duplicate zh text for {code:?}");
        }
    }

    #[test]
    fn the_session_replaced_text_is_the_contracted_one() {
        let text = error_text(ErrorCode::SessionReplaced);
        assert_eq!(text.zh, "您的账号已在其他设备登录");
        assert_eq!(text.en, "Your account was signed in on another device");
    }
}
