//! Importing trainees from a file (Z-II.1): the templates (`#template-xlsx`, `#template-csv`),
//! the file (`#import-file`, `.xlsx` or `.csv`), "上传并检查" (`#import-upload`) for the kit's
//! preview (`#import-preview`: counts, seats, every row with its problems), then "确认导入"
//! (`#import-commit`), which adds the good rows together and says how it went.

use std::cell::RefCell;
use std::rc::Rc;

use frontend_kit::components::training::ImportPreviewView;
use frontend_kit::prelude::*;
use shared_types::training::{ImportPreview, ImportResult};
use uuid::Uuid;
use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;
use yew::prelude::*;

const TITLE: Text = Text::new("批量导入学员", "Import trainees");
const TEMPLATES: Text = Text::new("下载模板：", "Templates: ");
const XLSX: Text = Text::new("Excel 模板", "Excel template");
const CSV: Text = Text::new("CSV 模板", "CSV template");
const COLUMNS: Text = Text::new(
    "列：姓名、身份证号、手机号、学员类型（名称或代码）、所属企业（名称或统一社会信用代码，可空）、文化程度。最多 20,000 行、20 MB。",
    "Columns: name, ID-card number, phone, trainee type (name or code), enterprise (name or credit code, may be empty), education. Up to 20,000 rows, 20 MB.",
);
const FILE: Text = Text::new("导入文件", "File");
const CHOOSE: Text = Text::new("选择文件", "Choose a file");
const NOTHING_CHOSEN: Text = Text::new("未选择文件", "No file chosen");
const UPLOAD: Text = Text::new("上传并检查", "Upload and check");
const COMMIT: Text = Text::new("确认导入", "Import the good rows");
const NOTHING_GOOD: Text = Text::new(
    "没有可导入的行，请修改文件后重新上传。",
    "No row can be imported: correct the file and upload again.",
);
const RESULT: Text = Text::new(
    "已导入 {0} 人，跳过 {1} 行，新建账号 {2} 个，已排队发送首次登录短信 {3} 条",
    "{0} added, {1} rows skipped, {2} accounts created, {3} first-login texts queued",
);

fn result_text(i18n: &I18n, r: &ImportResult) -> String {
    let n = |v: u32| v.to_string();
    i18n.fmt(
        &RESULT,
        &[
            &n(r.added),
            &n(r.skipped),
            &n(r.accounts_created),
            &n(r.sms_queued),
        ],
    )
}

#[derive(Properties, PartialEq)]
pub struct ImportDialogProps {
    pub class_id: Uuid,
    /// `true` once rows were imported.
    pub on_done: Callback<bool>,
}

#[component]
pub fn ImportDialog(props: &ImportDialogProps) -> Html {
    let i18n = use_i18n();
    let toaster = use_toaster();
    let uploading = use_submit();
    let committing = use_submit();
    let file: Rc<RefCell<Option<web_sys::File>>> = use_mut_ref(|| None);
    let chosen = use_state_eq(|| None::<String>);
    let preview = use_state(|| None::<Rc<ImportPreview>>);
    let onchange = {
        let (file, chosen, preview) = (file.clone(), chosen.clone(), preview.clone());
        Callback::from(move |e: Event| {
            let picked = e
                .target()
                .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
                .and_then(|input| input.files())
                .and_then(|files| files.get(0));
            chosen.set(picked.as_ref().map(web_sys::File::name));
            *file.borrow_mut() = picked;
            preview.set(None);
        })
    };
    let upload = {
        let (uploading, file, preview, class_id) = (
            uploading.clone(),
            file.clone(),
            preview.clone(),
            props.class_id,
        );
        Callback::from(move |_: MouseEvent| {
            let Some(picked) = file.borrow().clone() else {
                return;
            };
            let preview = preview.clone();
            uploading.run(
                false,
                async move { frontend_kit::api::import_trainees(class_id, &picked).await },
                move |answer| preview.set(Some(Rc::new(answer))),
            );
        })
    };
    let commit = {
        let (committing, preview, class_id) = (committing.clone(), preview.clone(), props.class_id);
        let (on_done, toaster, i18n) = (props.on_done.clone(), toaster.clone(), i18n.clone());
        Callback::from(move |_: MouseEvent| {
            let Some(import_id) = preview.as_ref().map(|p| p.import_id) else {
                return;
            };
            let (on_done, toaster, i18n) = (on_done.clone(), toaster.clone(), i18n.clone());
            committing.run(
                false,
                frontend_kit::api::commit_import(class_id, import_id),
                move |result| {
                    toaster.success(&result_text(&i18n, &result));
                    on_done.emit(true);
                },
            );
        })
    };
    let can_commit = preview.as_ref().is_some_and(|p| p.good > 0);
    let on_close = props.on_done.reform(|()| false);
    let cancel = on_close.reform(|_: MouseEvent| ());
    let footer = html! {
        <>
            if can_commit {
                <button id="import-commit" type="button" class="pf-v6-c-button pf-m-primary" onclick={commit} disabled={committing.busy()}>
                    <span class="pf-v6-c-button__text">{ i18n.t(if committing.busy() { &texts::SUBMITTING } else { &COMMIT }) }</span>
                </button>
            }
            <button type="button" class="pf-v6-c-button pf-m-link" onclick={cancel}>
                <span class="pf-v6-c-button__text">{ i18n.t(&texts::CANCEL) }</span>
            </button>
        </>
    };
    html! {
        <Dialog id="import-dialog" title={i18n.t(&TITLE)} onclose={on_close} {footer} wide=true>
            <p>
                { i18n.t(&TEMPLATES) }
                <a id="template-xlsx" href={frontend_kit::api::import_template_url("xlsx")} download="">{ i18n.t(&XLSX) }</a>
                { " · " }
                <a id="template-csv" href={frontend_kit::api::import_template_url("csv")} download="">{ i18n.t(&CSV) }</a>
            </p>
            <p class="zp-muted">{ i18n.t(&COLUMNS) }</p>
            <div class="pf-v6-c-form">
                <div class="pf-v6-c-form__group">
                    <div class="pf-v6-c-form__group-label">
                        <label class="pf-v6-c-form__label" for="import-file"><span class="pf-v6-c-form__label-text">{ i18n.t(&FILE) }</span></label>
                    </div>
                    <div class="pf-v6-c-form__group-control zp-file-pick">
                        // As in the kit's upload field: the page's language on the button, not the browser's.
                        <input type="file" id="import-file" class="zp-file-input" accept=".xlsx,.csv" {onchange} />
                        <label for="import-file" class="pf-v6-c-button pf-m-secondary pf-m-small" aria-hidden="true">
                            <span class="pf-v6-c-button__icon pf-m-start"><i class="fas fa-file-excel"></i></span>
                            <span class="pf-v6-c-button__text">{ i18n.t(&CHOOSE) }</span>
                        </label>
                        <span class="zp-muted zp-file-name">{ (*chosen).clone().unwrap_or_else(|| i18n.t(&NOTHING_CHOSEN).to_owned()) }</span>
                        <button id="import-upload" type="button" class="pf-v6-c-button pf-m-primary pf-m-small"
                            disabled={chosen.is_none() || uploading.busy()} onclick={upload}>
                            <span class="pf-v6-c-button__text">{ i18n.t(if uploading.busy() { &texts::SUBMITTING } else { &UPLOAD }) }</span>
                        </button>
                    </div>
                </div>
            </div>
            <FormError id="import-error" message={uploading.form_error(&i18n).or_else(|| committing.form_error(&i18n))} />
            if let Some(p) = &*preview {
                if p.good == 0 {
                    <p class="zp-warn-text" role="status">{ i18n.t(&NOTHING_GOOD) }</p>
                }
                <ImportPreviewView preview={p.clone()} />
            }
        </Dialog>
    }
}
