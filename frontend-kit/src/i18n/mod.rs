//! Languages and translated text. zh-CN is the default, en-US the second language.
//!
//! Every user-visible string is a [`Text`] constant holding both languages, declared next to the
//! page that shows it (common ones in [`texts`]). Components read the chosen language from the
//! [`I18n`] context; the choice is remembered in `localStorage["zhipei_lang"]` and sent to the
//! server as `Accept-Language` so its error messages come back in the same language.

mod domain;
mod errors;
pub mod texts;

use std::cell::Cell;

use gloo_storage::{LocalStorage, Storage};
use shared_types::{ApiError, ErrorCode, Role};
use yew::prelude::*;

pub use domain::{Labelled, choices};
pub use errors::error_text;

const LANG_KEY: &str = "zhipei_lang";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    ZhCn,
    EnUs,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::ZhCn, Lang::EnUs];

    /// BCP 47 tag, used for `Accept-Language` and `<html lang>`.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::ZhCn => "zh-CN",
            Lang::EnUs => "en-US",
        }
    }

    pub fn parse(tag: &str) -> Option<Lang> {
        Lang::ALL
            .into_iter()
            .find(|l| l.tag().eq_ignore_ascii_case(tag))
    }

    /// The language's own name, for the switch.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::ZhCn => "中文",
            Lang::EnUs => "English",
        }
    }
}

/// One piece of user-visible text in both languages. `{0}`, `{1}`… are placeholders for
/// [`I18n::fmt`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Text {
    pub zh: &'static str,
    pub en: &'static str,
}

impl Text {
    pub const fn new(zh: &'static str, en: &'static str) -> Self {
        Self { zh, en }
    }

    pub fn get(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::ZhCn => self.zh,
            Lang::EnUs => self.en,
        }
    }
}

/// Replaces `{0}`, `{1}`… in `template` with `args`.
pub fn format_text(template: &str, args: &[&str]) -> String {
    let mut out = template.to_owned();
    for (i, arg) in args.iter().enumerate() {
        out = out.replace(&format!("{{{i}}}"), arg);
    }
    out
}

thread_local! {
    // The API client reads this for `Accept-Language`; the provider keeps it current.
    static CURRENT: Cell<Lang> = const { Cell::new(Lang::ZhCn) };
}

/// The language currently shown (for code outside components, such as the API client).
pub fn current_lang() -> Lang {
    CURRENT.with(Cell::get)
}

fn stored_lang() -> Lang {
    LocalStorage::get::<String>(LANG_KEY)
        .ok()
        .and_then(|tag| Lang::parse(&tag))
        .unwrap_or_default()
}

fn apply_lang(lang: Lang) {
    CURRENT.with(|c| c.set(lang));
    if let Some(root) = gloo_utils::document().document_element() {
        let _ = root.set_attribute("lang", lang.tag());
    }
}

/// The translation context handed to every component.
#[derive(Clone, PartialEq)]
pub struct I18n {
    pub lang: Lang,
    set: Callback<Lang>,
}

impl I18n {
    pub fn t(&self, text: &Text) -> &'static str {
        text.get(self.lang)
    }

    pub fn fmt(&self, text: &Text, args: &[&str]) -> String {
        format_text(text.get(self.lang), args)
    }

    pub fn set_lang(&self, lang: Lang) {
        self.set.emit(lang);
    }

    pub fn role(&self, role: Role) -> &'static str {
        match self.lang {
            Lang::ZhCn => role.label_zh(),
            Lang::EnUs => role.label_en(),
        }
    }

    /// Roles joined for display, e.g. `学员、讲师`.
    pub fn roles(&self, roles: &[Role]) -> String {
        let sep = match self.lang {
            Lang::ZhCn => "、",
            Lang::EnUs => ", ",
        };
        roles
            .iter()
            .map(|r| self.role(*r))
            .collect::<Vec<_>>()
            .join(sep)
    }

    /// The message to show for a failed call: the server's localized message when it sent one,
    /// else our own text for the code.
    pub fn error(&self, err: &ApiError) -> String {
        if err.message.trim().is_empty() {
            self.code(err.code).to_owned()
        } else {
            err.message.clone()
        }
    }

    pub fn code(&self, code: ErrorCode) -> &'static str {
        error_text(code).get(self.lang)
    }
}

#[derive(Properties, PartialEq)]
pub struct I18nProviderProps {
    pub children: Html,
}

/// Provides [`I18n`]; the language starts from localStorage (zh-CN when unset).
#[component]
pub fn I18nProvider(props: &I18nProviderProps) -> Html {
    let lang = use_state(|| {
        let lang = stored_lang();
        apply_lang(lang);
        lang
    });
    let set = {
        let lang = lang.clone();
        Callback::from(move |next: Lang| {
            let _ = LocalStorage::set(LANG_KEY, next.tag());
            apply_lang(next);
            lang.set(next);
        })
    };
    let ctx = I18n { lang: *lang, set };
    html! {
        <ContextProvider<I18n> context={ctx}>{ props.children.clone() }</ContextProvider<I18n>>
    }
}

/// The translation context. Outside an [`I18nProvider`] it falls back to zh-CN.
#[hook]
pub fn use_i18n() -> I18n {
    use_context::<I18n>().unwrap_or(I18n {
        lang: Lang::ZhCn,
        set: Callback::noop(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_filled_in_order() {
        assert_eq!(format_text("{0} 秒后重发", &["59"]), "59 秒后重发");
        assert_eq!(format_text("{1} of {0}", &["a", "b"]), "b of a");
        assert_eq!(format_text("no placeholder", &["x"]), "no placeholder");
    }

    #[test]
    fn language_tags_round_trip_case_insensitively() {
        for lang in Lang::ALL {
            assert_eq!(Lang::parse(lang.tag()), Some(lang));
        }
        assert_eq!(Lang::parse("EN-us"), Some(Lang::EnUs));
        assert_eq!(Lang::parse("fr-FR"), None);
    }

    #[test]
    fn the_server_message_wins_over_the_local_text() {
        let i18n = I18n {
            lang: Lang::EnUs,
            set: Callback::noop(),
        };
        let with_message = ApiError {
            code: ErrorCode::InvalidCredentials,
            message: "账号或密码错误".into(),
            field: None,
        };
        assert_eq!(i18n.error(&with_message), "账号或密码错误");
        let without = ApiError {
            message: " ".into(),
            ..with_message
        };
        assert_eq!(
            i18n.error(&without),
            error_text(ErrorCode::InvalidCredentials).en
        );
    }

    #[test]
    fn roles_are_joined_in_the_chosen_language() {
        let zh = I18n {
            lang: Lang::ZhCn,
            set: Callback::noop(),
        };
        assert_eq!(zh.roles(&[Role::Trainee, Role::Lecturer]), "学员、讲师");
        let en = I18n {
            lang: Lang::EnUs,
            set: Callback::noop(),
        };
        assert_eq!(
            en.roles(&[Role::Trainee, Role::Lecturer]),
            "Trainee, Lecturer"
        );
    }
}
