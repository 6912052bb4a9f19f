//! Adding or editing a department: name, parent (anywhere but under itself), head, phone and
//! position among its siblings (T-7.2.4).

use std::rc::Rc;

use shared_types::orgs::{Department, DepartmentInput};
use uuid::Uuid;
use yew::prelude::*;

use super::departments::subtree;
use crate::components::FormDialog;
use crate::components::form::{SelectField, TextField, bind, check_name, parse_field, use_submit};
use crate::i18n::{Text, texts, use_i18n};

const CREATE_TITLE: Text = Text::new("新增部门", "Add department");
const EDIT_TITLE: Text = Text::new("编辑部门：{0}", "Edit department: {0}");
const NAME: Text = Text::new("部门名称", "Name");
const PARENT: Text = Text::new("上级部门", "Parent department");
const TOP: Text = Text::new("（顶级部门）", "(top level)");
const LEADER: Text = Text::new("负责人", "Head");
const PHONE: Text = Text::new("联系电话", "Phone");
const POSITION: Text = Text::new("排序", "Position");
const POSITION_HINT: Text = Text::new(
    "同级部门按此数字从小到大排列",
    "Siblings are listed by this number, smallest first",
);
const BAD_POSITION: Text = Text::new("请输入整数", "Enter a whole number");

#[derive(Properties, PartialEq)]
pub struct DepartmentDialogProps {
    /// `None`: a new department.
    pub department: Option<Department>,
    /// Where a new department goes (the edited one's parent when editing).
    pub parent: Option<Uuid>,
    /// The whole tree, in order.
    pub all: Rc<Vec<Department>>,
    pub on_done: Callback<bool>,
}

#[component]
pub fn DepartmentDialog(props: &DepartmentDialogProps) -> Html {
    let i18n = use_i18n();
    let submit = use_submit();
    let d = props.department.as_ref();
    let name = use_state(|| d.map(|d| d.name.clone()).unwrap_or_default());
    let parent = use_state(|| props.parent.map(|p| p.to_string()).unwrap_or_default());
    let leader = use_state(|| d.map(|d| d.leader.clone()).unwrap_or_default());
    let phone = use_state(|| d.map(|d| d.phone.clone()).unwrap_or_default());
    let position = use_state(|| d.map_or(0, |d| d.position).to_string());
    let name_error = check_name(&name);
    let position_value = parse_field::<i32>(&position, BAD_POSITION);
    let onsubmit = {
        let req = DepartmentInput {
            name: name.trim().to_owned(),
            parent_id: Uuid::parse_str(&parent).ok(),
            leader: leader.trim().to_owned(),
            phone: phone.trim().to_owned(),
            position: position_value.unwrap_or_default(),
        };
        let invalid = name_error.is_some() || position_value.is_err();
        let id = d.map(|d| d.id);
        submit.for_dialog(invalid, req, &props.on_done, move |req| async move {
            match id {
                Some(id) => crate::api::update_department(id, &req).await,
                None => crate::api::create_department(&req).await,
            }
        })
    };
    let excluded = d.map(|d| subtree(&props.all, d.id)).unwrap_or_default();
    let options: Vec<(AttrValue, AttrValue)> =
        std::iter::once((AttrValue::from(""), AttrValue::from(i18n.t(&TOP))))
            .chain(
                props
                    .all
                    .iter()
                    .filter(|o| !excluded.contains(&o.id))
                    .map(|o| {
                        let indent = "　".repeat(usize::try_from(o.depth).unwrap_or_default());
                        (
                            AttrValue::from(o.id.to_string()),
                            AttrValue::from(format!("{indent}{}", o.name)),
                        )
                    }),
            )
            .collect();
    let title = match d {
        Some(d) => i18n.fmt(&EDIT_TITLE, &[&d.name]),
        None => i18n.t(&CREATE_TITLE).to_owned(),
    };
    let on_close = props.on_done.reform(|()| false);
    html! {
        <FormDialog id="department-dialog" {title} label={i18n.t(&texts::SAVE)} busy={submit.busy()}
            error={submit.form_error(&i18n)} {onsubmit} onclose={on_close}>
            <TextField id="department-name" label={i18n.t(&NAME)} required=true maxlength="50"
                value={(*name).clone()} oninput={bind(&name)} error={submit.field_error(&i18n, "name", name_error)} />
            <SelectField id="department-parent" label={i18n.t(&PARENT)} {options} value={(*parent).clone()}
                onchange={bind(&parent)} error={submit.field_error(&i18n, "parent_id", None)} />
            <TextField id="department-leader" label={i18n.t(&LEADER)} maxlength="50"
                value={(*leader).clone()} oninput={bind(&leader)} error={submit.field_error(&i18n, "leader", None)} />
            <TextField id="department-phone" label={i18n.t(&PHONE)} input_type="tel" maxlength="20"
                value={(*phone).clone()} oninput={bind(&phone)} error={submit.field_error(&i18n, "phone", None)} />
            <TextField id="department-position" label={i18n.t(&POSITION)} inputmode="numeric"
                helper={AttrValue::from(i18n.t(&POSITION_HINT))}
                value={(*position).clone()} oninput={bind(&position)}
                error={submit.field_error(&i18n, "position", position_value.err())} />
        </FormDialog>
    }
}
