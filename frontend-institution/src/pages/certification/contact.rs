//! The institution's contact person and phone, changed at once without review (`#contact-name`,
//! `#contact-phone`, `#save-contact`); read-only for everyone but the head (T-7.2.5b).

use std::rc::Rc;

use frontend_kit::components::announce;
use frontend_kit::components::form::{check_name, check_phone};
use frontend_kit::prelude::*;
use shared_types::orgs::{ContactInput, Institution};
use yew::prelude::*;

const NAME: Text = Text::new("联系人", "Contact person");
const PHONE: Text = Text::new("联系电话", "Contact phone");

#[derive(Properties, PartialEq)]
pub struct ContactFormProps {
    pub institution: Rc<Institution>,
    pub can_edit: bool,
    pub on_saved: Callback<()>,
}

#[component]
pub fn ContactForm(props: &ContactFormProps) -> Html {
    let i18n = use_i18n();
    let toaster = use_toaster();
    let submit = use_submit();
    let name = use_state(|| props.institution.contact_name.clone());
    let phone = use_state(|| props.institution.contact_phone.clone());
    let name_error = check_name(&name);
    let phone_error = check_phone(&phone);
    let onsubmit = {
        let req = ContactInput {
            contact_name: name.trim().to_owned(),
            contact_phone: phone.trim().to_owned(),
        };
        let invalid = name_error.is_some() || phone_error.is_some();
        let (submit, on_saved, toaster) = (submit.clone(), props.on_saved.clone(), toaster.clone());
        let message = i18n.t(&texts::SAVED);
        Callback::from(move |()| {
            let req = req.clone();
            submit.run(
                invalid,
                async move { frontend_kit::api::update_contact(&req).await },
                announce(&toaster, message, on_saved.clone()),
            );
        })
    };
    html! {
        <form id="contact-form" class="pf-v6-c-form" novalidate=true onsubmit={on_submit(onsubmit)}>
            <fieldset disabled={!props.can_edit} class="zp-fieldset">
                <FormError message={submit.form_error(&i18n)} />
                <TextField id="contact-name" label={i18n.t(&NAME)} required=true maxlength="50"
                    value={(*name).clone()} oninput={bind(&name)} error={submit.field_error(&i18n, "contact_name", name_error)} />
                <TextField id="contact-phone" label={i18n.t(&PHONE)} input_type="tel" inputmode="numeric" maxlength="11"
                    required=true value={(*phone).clone()} oninput={bind(&phone)}
                    error={submit.field_error(&i18n, "contact_phone", phone_error)} />
                if props.can_edit {
                    <div class="pf-v6-c-form__group pf-m-action">
                        <SubmitButton id="save-contact" label={i18n.t(&texts::SAVE)} busy={submit.busy()} />
                    </div>
                }
            </fieldset>
        </form>
    }
}
