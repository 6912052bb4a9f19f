//! A lecturer's qualification certificates (资格证书), edited as rows: name (`#lq-name-<n>`),
//! number (`#lq-number-<n>`) and valid-until date (`#lq-valid-<n>`), removable
//! (`#lq-remove-<n>`), with `#add-lecturer-qualification` for another; rows count from 1.
//! Serves T-7.2.5d.

use frontend_kit::components::form::check_required;
use frontend_kit::components::{EditRows, RowEdits};
use frontend_kit::dates::parse_date;
use frontend_kit::prelude::*;
use shared_types::catalog::LecturerQualification;
use yew::prelude::*;

const LEGEND: Text = Text::new("资格证书", "Certificates");
const NAME: Text = Text::new("证书名称", "Certificate");
const NUMBER: Text = Text::new("证书编号", "Number");
const VALID_UNTIL: Text = Text::new("有效期至", "Valid until");
const ADD: Text = Text::new("添加证书", "Add certificate");
const REMOVE: Text = Text::new("移除", "Remove");

#[derive(Properties, PartialEq)]
pub struct CertificateRowsProps {
    pub rows: Vec<LecturerQualification>,
    pub onchange: Callback<Vec<LecturerQualification>>,
    #[prop_or_default]
    pub error: Option<AttrValue>,
}

#[component]
pub fn CertificateRows(props: &CertificateRowsProps) -> Html {
    let i18n = use_i18n();
    let edits = RowEdits::new(&props.rows, &props.onchange);
    let blank = LecturerQualification {
        name: String::new(),
        number: String::new(),
        valid_until: None,
    };
    html! {
        <EditRows id="lecturer-qualifications" legend={i18n.t(&LEGEND)} add_id="add-lecturer-qualification"
            add_label={i18n.t(&ADD)} onadd={edits.add(blank)} error={props.error.clone()}>
            { for props.rows.iter().enumerate().map(|(n, row)| {
                let k = n + 1;
                let valid = row.valid_until.map(|d| d.to_string()).unwrap_or_default();
                html! {
                    <div class="zp-edit-row">
                        <TextField id={format!("lq-name-{k}")} label={i18n.t(&NAME)} required=true maxlength="100"
                            value={row.name.clone()} oninput={edits.edit(n, |r: &mut LecturerQualification, v: String| r.name = v)}
                            error={check_required(&row.name).map(|t| AttrValue::from(i18n.t(&t)))} />
                        <TextField id={format!("lq-number-{k}")} label={i18n.t(&NUMBER)} maxlength="50"
                            value={row.number.clone()} oninput={edits.edit(n, |r: &mut LecturerQualification, v: String| r.number = v)} />
                        <TextField id={format!("lq-valid-{k}")} label={i18n.t(&VALID_UNTIL)} input_type="date"
                            value={valid} oninput={edits.edit(n, |r: &mut LecturerQualification, v: String| r.valid_until = parse_date(&v))} />
                        <button type="button" class="pf-v6-c-button pf-m-link" id={format!("lq-remove-{k}")} onclick={edits.remove(n)}>
                            <span class="pf-v6-c-button__text">{ i18n.t(&REMOVE) }</span>
                        </button>
                    </div>
                }
            }) }
        </EditRows>
    }
}
