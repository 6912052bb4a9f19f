//! 姓名与身份证号 — the name and resident ID-card number a real-name verification starts with,
//! whether the learner submits their own (`#rn-name`, `#rn-id-number`) or institution staff
//! verify a trainee in person (`#ip-name`, `#ip-id-number`). Both are checked as typed by the
//! rules the server applies again (the number by GB 11643) and sent trimmed, `x` as `X`.

use yew::prelude::*;

use crate::components::form::{Submit, TextField, bind, check_id_card, check_name};
use crate::dates::today;
use crate::i18n::{I18n, Text, texts};

pub const ID_NUMBER: Text = Text::new("身份证号", "ID-card number");
const NAME_HELP: Text = Text::new("与身份证上的姓名一致", "As printed on the ID card");

/// Whose identity a form takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Whose {
    /// The signed-in user's own: the browser may fill in the name, the helper says to copy it
    /// from the card, and a complete but wrong number is pointed out at once.
    Own,
    /// A trainee's, typed by staff with the card in hand: nothing is filled in, problems show
    /// once they try to submit.
    Trainee,
}

/// A name and ID-card number being typed, from [`use_identity`].
pub struct Identity {
    name: UseStateHandle<String>,
    id_number: UseStateHandle<String>,
    name_error: Option<Text>,
    id_error: Option<Text>,
}

/// The fields' state, the name starting as `name()`.
#[hook]
pub fn use_identity<F>(name: F) -> Identity
where
    F: FnOnce() -> String,
{
    let name = use_state(name);
    let id_number = use_state(String::new);
    let name_error = check_name(&name);
    let id_error = check_id_card(&id_number, today());
    Identity {
        name,
        id_number,
        name_error,
        id_error,
    }
}

impl Identity {
    /// Whether either field breaks its rule (the form is not sent).
    pub fn invalid(&self) -> bool {
        self.name_error.is_some() || self.id_error.is_some()
    }

    /// The name as sent.
    pub fn name(&self) -> String {
        self.name.trim().to_owned()
    }

    /// The ID-card number as sent.
    pub fn id_number(&self) -> String {
        self.id_number.trim().to_ascii_uppercase()
    }

    /// The two fields, `#{ids}-name` and `#{ids}-id-number`, with their own problems once
    /// `submit` was tried, else the server's for `name` and `id_number`.
    pub fn fields(&self, i18n: &I18n, submit: &Submit, ids: &str, whose: Whose) -> Html {
        let own = whose == Whose::Own;
        // For one's own number, an immediate hint once it is complete; every problem after a submit.
        let id_hint = self
            .id_error
            .filter(|_| own && self.id_number.trim().chars().count() >= 18)
            .map(|t| AttrValue::from(i18n.t(&t)));
        html! {
            <>
                <TextField id={format!("{ids}-name")} label={i18n.t(&texts::NAME)} required=true maxlength="50"
                    autocomplete={own.then_some("name")} helper={own.then(|| AttrValue::from(i18n.t(&NAME_HELP)))}
                    value={(*self.name).clone()} oninput={bind(&self.name)}
                    error={submit.field_error(i18n, "name", self.name_error)} />
                <TextField id={format!("{ids}-id-number")} label={i18n.t(&ID_NUMBER)} required=true maxlength="18" autocomplete="off"
                    value={(*self.id_number).clone()} oninput={bind(&self.id_number)}
                    error={submit.field_error(i18n, "id_number", self.id_error).or(id_hint)} />
            </>
        }
    }
}
