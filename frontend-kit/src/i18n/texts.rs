//! Text shared by the three apps. Page-specific text lives beside its page.

use super::Text;

pub const PLATFORM_NAME: Text = Text::new("职培云", "Zhipei Training Cloud");
pub const LEARNER_APP: Text = Text::new("学员端", "Learner");
pub const INSTITUTION_APP: Text = Text::new("机构端", "Institution");
pub const REGULATOR_APP: Text = Text::new("监管端", "Regulator");

pub const LOADING: Text = Text::new("加载中…", "Loading…");
pub const LANGUAGE: Text = Text::new("语言", "Language");
pub const LOGOUT: Text = Text::new("退出登录", "Sign out");
pub const MENU: Text = Text::new("菜单", "Menu");
pub const MAIN_NAV: Text = Text::new("主导航", "Main navigation");
pub const HOME: Text = Text::new("首页", "Home");
pub const ACCOUNT: Text = Text::new("账号设置", "Account settings");
pub const SITE: Text = Text::new("站点", "Site");
pub const ROLES: Text = Text::new("角色", "Roles");
pub const NAME: Text = Text::new("姓名", "Name");
pub const PHONE: Text = Text::new("手机号", "Mobile phone");
pub const USERNAME: Text = Text::new("用户名", "User name");
pub const PASSWORD: Text = Text::new("密码", "Password");
pub const SMS_CODE: Text = Text::new("短信验证码", "SMS code");
pub const SEND_CODE: Text = Text::new("获取验证码", "Send code");
pub const RESEND_IN: Text = Text::new("{0} 秒后重新获取", "Resend in {0}s");
pub const CODE_SENT: Text = Text::new("验证码已发送", "Code sent");
pub const SAVE: Text = Text::new("保存", "Save");
pub const SAVED: Text = Text::new("已保存", "Saved");
pub const CANCEL: Text = Text::new("取消", "Cancel");
pub const CLOSE: Text = Text::new("关闭", "Close");
pub const CONFIRM: Text = Text::new("确定", "Confirm");
pub const SUBMITTING: Text = Text::new("提交中…", "Submitting…");
pub const ACTIONS: Text = Text::new("操作", "Actions");
pub const NONE: Text = Text::new("无", "None");
pub const NOT_SET: Text = Text::new("未设置", "Not set");
pub const ALL: Text = Text::new("全部", "All");
pub const SEARCH: Text = Text::new("查询", "Search");
pub const RESET: Text = Text::new("重置", "Reset");
pub const NO_DATA: Text = Text::new("暂无数据", "No data");
pub const REQUIRED_MARK: Text = Text::new("必填", "required");

pub const PAGE_INFO: Text = Text::new("共 {0} 条，第 {1}/{2} 页", "{0} items, page {1} of {2}");
pub const PER_PAGE: Text = Text::new("每页条数", "Rows per page");
pub const PREV_PAGE: Text = Text::new("上一页", "Previous page");
pub const NEXT_PAGE: Text = Text::new("下一页", "Next page");
pub const PAGINATION: Text = Text::new("分页", "Pagination");

pub const SESSION_REPLACED_TITLE: Text = Text::new(
    "您的账号已在其他设备登录",
    "Your account was signed in on another device",
);
pub const SESSION_REPLACED_BODY: Text = Text::new(
    "为保障账号安全，同一账号同一时间只能在一台设备上登录。如果这不是您本人的操作，请重新登录后立即修改密码。",
    "For your security an account can be signed in on one device at a time. If this was not you, sign in again and change your password at once.",
);
pub const BACK_TO_LOGIN: Text = Text::new("返回登录", "Back to sign-in");
pub const STUDY_MOVED: Text = Text::new(
    "本页的学习已停止：已在其他页面或设备开始学习，不再计时。",
    "Study on this page has stopped: it started on another page or device and no longer counts here.",
);

pub const WRONG_SIDE_TITLE: Text =
    Text::new("此账号不属于本端", "This account belongs to another app");
pub const WRONG_SIDE_BODY: Text = Text::new(
    "您的账号（{0}）请在{1}使用。",
    "Your account ({0}) works in the {1} app.",
);
pub const GO_TO_APP: Text = Text::new("前往{0}", "Open the {0} app");
pub const NO_ROLE: Text = Text::new(
    "您的账号尚未分配角色，请联系管理员。",
    "Your account has no role yet; contact an administrator.",
);

pub const REQUIRED: Text = Text::new("请填写此项", "This field is required");
pub const BAD_PHONE: Text = Text::new("请输入 11 位手机号", "Enter an 11-digit mobile number");
pub const BAD_CODE: Text = Text::new("请输入 6 位数字验证码", "Enter the 6-digit code");
pub const PASSWORD_POLICY: Text = Text::new(
    "至少 8 位，须同时包含字母和数字",
    "At least 8 characters, with letters and digits",
);
pub const PASSWORD_MISMATCH: Text = Text::new("两次输入的密码不一致", "The passwords do not match");
pub const NAME_TOO_LONG: Text = Text::new("不能超过 50 个字", "At most 50 characters");
pub const BAD_WHOLE_NUMBER: Text =
    Text::new("请输入 0 或正整数", "Enter a whole number (0, 1, 2, …)");
pub const BAD_NUMBER: Text = Text::new("请输入数字", "Enter a number");
/// A number field's helper text followed by its bounds.
pub const WITH_RANGE: Text = Text::new("{0}（范围 {1}–{2}）", "{0} (range {1}–{2})");
