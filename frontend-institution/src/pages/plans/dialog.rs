//! Creating or editing a training plan: name (`#plan-name`), period (`#plan-starts`,
//! `#plan-ends`), the trainees targeted (`#plan-target`), notes, and its items — each a class or a
//! course (`#plan-item-kind-<n>`, `#plan-item-ref-<n>`) with its own target
//! (`#plan-item-target-<n>`), removable (`#plan-item-remove-<n>`), more with `#plan-add-item`.
//! Serves Z-II.9.

use frontend_kit::components::form::{Period, check_required, parse_field};
use frontend_kit::components::{EditRows, RowEdits};
use frontend_kit::prelude::*;
use shared_types::ApiError;
use shared_types::training::{ClassQuery, Plan, PlanInput, PlanItemInput, PlanItemKind};
use uuid::Uuid;
use yew::prelude::*;

use crate::pages::inventory::usable_courses;

const CREATE_TITLE: Text = Text::new("新建培训计划", "New training plan");
const EDIT_TITLE: Text = Text::new("编辑培训计划：{0}", "Edit plan: {0}");
const NAME: Text = Text::new("计划名称", "Plan name");
const STARTS: Text = Text::new("开始日期", "From");
const ENDS: Text = Text::new("结束日期", "To");
const TARGET: Text = Text::new("目标培训人数", "Trainees targeted");
const BAD_NUMBER: Text = Text::new("请输入 0 或正整数", "Enter a whole number (0, 1, 2, …)");
const NOTES: Text = Text::new("备注", "Notes");
const ITEMS: Text = Text::new("计划明细", "Items");
const KIND: Text = Text::new("类型", "Kind");
const REF: Text = Text::new("班级 / 课程", "Class / course");
const PICK: Text = Text::new("请选择", "Choose");
const ITEM_TARGET: Text = Text::new("目标人数", "Target");
const ADD_ITEM: Text = Text::new("添加明细", "Add item");
const REMOVE: Text = Text::new("移除", "Remove");

/// One item as typed.
#[derive(Clone, PartialEq)]
struct ItemRow {
    kind: String,
    ref_id: String,
    target: String,
}

impl ItemRow {
    fn input(&self) -> Option<PlanItemInput> {
        Some(PlanItemInput {
            kind: PlanItemKind::from_code(&self.kind)?,
            ref_id: Uuid::parse_str(&self.ref_id).ok()?,
            target_trainees: self.target.trim().parse().ok()?,
        })
    }
}

/// The classes and the courses an item may name, as select options.
async fn references(
    i18n: I18n,
) -> Result<(Vec<(AttrValue, AttrValue)>, Vec<(AttrValue, AttrValue)>), ApiError> {
    let classes = frontend_kit::api::list_classes(&ClassQuery {
        per_page: Some(100),
        ..Default::default()
    })
    .await?;
    let courses = usable_courses(i18n).await?;
    let option =
        |id: Uuid, label: String| (AttrValue::from(id.to_string()), AttrValue::from(label));
    Ok((
        classes
            .items
            .into_iter()
            .map(|c| option(c.id, format!("{} {}", c.name, c.class_no)))
            .collect(),
        courses.into_iter().map(|c| option(c.id, c.label)).collect(),
    ))
}

#[derive(Properties, PartialEq)]
pub struct PlanDialogProps {
    /// `None`: a new plan.
    pub plan: Option<Plan>,
    pub on_done: Callback<bool>,
}

#[component]
pub fn PlanDialog(props: &PlanDialogProps) -> Html {
    let i18n = use_i18n();
    let submit = use_submit();
    let refs = use_remote(i18n.clone(), references);
    let p = props.plan.as_ref();
    let name = use_state(|| p.map(|p| p.name.clone()).unwrap_or_default());
    let starts = use_state(|| p.map(|p| p.starts_on.to_string()).unwrap_or_default());
    let ends = use_state(|| p.map(|p| p.ends_on.to_string()).unwrap_or_default());
    let target = use_state(|| p.map_or(0, |p| p.target_trainees).to_string());
    let notes = use_state(|| p.map(|p| p.notes.clone()).unwrap_or_default());
    let items = use_state(|| {
        p.map(|p| {
            p.items
                .iter()
                .map(|it| ItemRow {
                    kind: it.kind.code().to_owned(),
                    ref_id: it.ref_id.to_string(),
                    target: it.target_trainees.to_string(),
                })
                .collect::<Vec<_>>()
        })
        .unwrap_or_default()
    });
    let name_error = check_required(&name);
    let period = Period::check(&starts, &ends);
    let target_value = parse_field::<u32>(&target, BAD_NUMBER);
    let item_inputs: Option<Vec<PlanItemInput>> = items.iter().map(ItemRow::input).collect();
    let invalid = !period.is_valid()
        || [name_error, target_value.err()].iter().any(Option::is_some)
        || item_inputs.is_none();
    let onsubmit = {
        let req = PlanInput {
            name: name.trim().to_owned(),
            starts_on: period.starts.unwrap_or_default(),
            ends_on: period.ends.unwrap_or_default(),
            target_trainees: target_value.unwrap_or_default(),
            notes: notes.trim().to_owned(),
            items: item_inputs.unwrap_or_default(),
        };
        let id = p.map(|p| p.id);
        submit.for_dialog(invalid, req, &props.on_done, move |req| async move {
            match id {
                Some(id) => frontend_kit::api::update_plan(id, &req).await,
                None => frontend_kit::api::create_plan(&req).await,
            }
        })
    };
    let on_items = {
        let items = items.clone();
        Callback::from(move |rows: Vec<ItemRow>| items.set(rows))
    };
    let edits = RowEdits::new(&items, &on_items);
    let blank = ItemRow {
        kind: PlanItemKind::Class.code().to_owned(),
        ref_id: String::new(),
        target: "0".to_owned(),
    };
    let (class_options, course_options) = refs.data.as_deref().cloned().unwrap_or_default();
    let pick = (AttrValue::from(""), AttrValue::from(i18n.t(&PICK)));
    let title = match p {
        Some(p) => i18n.fmt(&EDIT_TITLE, &[&p.name]),
        None => i18n.t(&CREATE_TITLE).to_owned(),
    };
    let err = |field: &str, problem: Option<Text>| submit.field_error(&i18n, field, problem);
    let on_close = props.on_done.reform(|()| false);
    html! {
        <FormDialog id="plan-dialog" {title} label={i18n.t(&texts::SAVE)} busy={submit.busy()}
            error={submit.form_error(&i18n)} {onsubmit} onclose={on_close}>
            <TextField id="plan-name" label={i18n.t(&NAME)} required=true maxlength="100"
                value={(*name).clone()} oninput={bind(&name)} error={err("name", name_error)} />
            <TextField id="plan-starts" label={i18n.t(&STARTS)} input_type="date" required=true
                value={(*starts).clone()} oninput={bind(&starts)} error={err("starts_on", period.starts_error)} />
            <TextField id="plan-ends" label={i18n.t(&ENDS)} input_type="date" required=true
                value={(*ends).clone()} oninput={bind(&ends)} error={err("ends_on", period.ends_error)} />
            <TextField id="plan-target" label={i18n.t(&TARGET)} input_type="number" inputmode="numeric" min="0" step="1"
                value={(*target).clone()} oninput={bind(&target)} error={err("target_trainees", target_value.err())} />
            <TextAreaField id="plan-notes" label={i18n.t(&NOTES)} maxlength="2000"
                value={(*notes).clone()} oninput={bind(&notes)} error={err("notes", None)} />
            <EditRows id="plan-items" legend={i18n.t(&ITEMS)} add_id="plan-add-item" add_label={i18n.t(&ADD_ITEM)}
                onadd={edits.add(blank)} error={err("items", None)}>
                { for items.iter().enumerate().map(|(n, row)| {
                    let k = n + 1;
                    let refs = if row.kind == PlanItemKind::Course.code() { &course_options } else { &class_options };
                    let options: Vec<_> = std::iter::once(pick.clone()).chain(refs.iter().cloned()).collect();
                    let shown = |bad: bool| bad.then(|| AttrValue::from(i18n.t(&PICK)));
                    html! {
                        <div class="zp-edit-row">
                            <SelectField id={format!("plan-item-kind-{k}")} label={i18n.t(&KIND)} value={row.kind.clone()}
                                options={choices(&i18n, PlanItemKind::ALL.iter().copied(), None)}
                                onchange={edits.edit(n, |r: &mut ItemRow, v: String| { r.kind = v; r.ref_id.clear(); })} />
                            <SelectField id={format!("plan-item-ref-{k}")} label={i18n.t(&REF)} value={row.ref_id.clone()} {options}
                                onchange={edits.edit(n, |r: &mut ItemRow, v: String| r.ref_id = v)} />
                            if let Some(message) = shown(Uuid::parse_str(&row.ref_id).is_err()) {
                                <span class="zp-badge-off">{ message }</span>
                            }
                            <TextField id={format!("plan-item-target-{k}")} label={i18n.t(&ITEM_TARGET)} input_type="number"
                                inputmode="numeric" min="0" step="1" value={row.target.clone()}
                                oninput={edits.edit(n, |r: &mut ItemRow, v: String| r.target = v)} />
                            <button type="button" class="pf-v6-c-button pf-m-link" id={format!("plan-item-remove-{k}")} onclick={edits.remove(n)}>
                                <span class="pf-v6-c-button__text">{ i18n.t(&REMOVE) }</span>
                            </button>
                        </div>
                    }
                }) }
            </EditRows>
        </FormDialog>
    }
}
