//! `/institution/course/{id}`: one course's editor — its elements, its outline (chapters,
//! coursewares with uploads and subtitles), submitting for review or withdrawing, a new revision
//! of a published course, the review results (returned reasons) and the history. The page
//! reloads itself while a video transcodes.

use std::rc::Rc;

use frontend_kit::components::history::history_columns;
use frontend_kit::components::{
    CourseHeading, CourseOutline, ReviewRounds, RoundsReader, use_poll,
};
use frontend_kit::pages::SectionCard;
use frontend_kit::prelude::*;
use shared_types::ApiError;
use shared_types::catalog::{CourseDetail, CourseEvent, RevisionStatus};
use shared_types::media::MediaStatus;
use uuid::Uuid;
use yew::prelude::*;

use super::fields::FieldsForm;
use super::outline::OutlineEditor;

const EDITOR: Text = Text::new("课程编辑", "Course editor");
const SUBMIT: Text = Text::new("提交审核", "Submit for review");
const WITHDRAW: Text = Text::new("撤回", "Withdraw");
const NEW_REVISION: Text = Text::new("修改课程（新建修订）", "Edit (new revision)");
const SUBMITTED: Text = Text::new("已提交审核", "Submitted for review");
const WITHDRAWN: Text = Text::new("已撤回，可继续编辑", "Withdrawn; you can edit again");
const REVISION_CREATED: Text = Text::new(
    "已新建修订；审核通过并发布后替换当前上线版本",
    "New revision created; it replaces the live one once approved and published",
);
const FIELDS: Text = Text::new("课程信息", "Course details");
const OUTLINE: Text = Text::new("课程大纲", "Outline");
const RESULTS: Text = Text::new("审核结果", "Review results");
const HISTORY: Text = Text::new("操作记录", "History");
const RETURNED: Text = Text::new(
    "课程已被退回，请根据下方审核意见修改后重新提交。",
    "The course was returned: change it as the opinions below ask and submit again.",
);
const LOCKED: Text = Text::new(
    "课程审核中或已发布，内容不可修改。",
    "The course is under review or published and cannot be changed.",
);
const TRANSCODING: Text = Text::new(
    "视频转码中，完成后方可提交审核（页面会自动刷新）。",
    "Videos are transcoding; submit once they are ready (this page refreshes itself).",
);

/// What the author can do to the course as a whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Action {
    Submit,
    Withdraw,
    NewRevision,
}

impl Action {
    /// The button's id, label and style.
    fn button(self) -> (&'static str, Text, &'static str) {
        match self {
            Action::Submit => ("submit-course", SUBMIT, "pf-m-primary"),
            Action::Withdraw => ("withdraw-course", WITHDRAW, "pf-m-secondary"),
            Action::NewRevision => ("new-revision", NEW_REVISION, "pf-m-secondary"),
        }
    }

    fn done(self) -> Text {
        match self {
            Action::Submit => SUBMITTED,
            Action::Withdraw => WITHDRAWN,
            Action::NewRevision => REVISION_CREATED,
        }
    }

    async fn call(self, id: Uuid) -> Result<CourseDetail, ApiError> {
        match self {
            Action::Submit => frontend_kit::api::submit_course(id).await,
            Action::Withdraw => frontend_kit::api::withdraw_course(id).await,
            Action::NewRevision => frontend_kit::api::new_revision(id).await,
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct CourseEditorProps {
    pub id: Uuid,
}

/// Whether a video of the revision is still being stored or transcoded.
fn transcoding(course: &CourseDetail) -> bool {
    course
        .revision
        .chapters
        .iter()
        .flat_map(|c| &c.coursewares)
        .any(|cw| {
            matches!(
                cw.media_status,
                Some(MediaStatus::Uploaded | MediaStatus::Transcoding)
            )
        })
}

#[component]
pub fn CourseEditor(props: &CourseEditorProps) -> Html {
    let i18n = use_i18n();
    let toaster = use_toaster();
    let action = use_submit();
    let changes = use_state_eq(|| 0u32);
    let remote = use_remote((props.id, *changes), |(id, _)| {
        frontend_kit::api::course(id)
    });
    let changed = {
        let changes = changes.clone();
        Callback::from(move |()| changes.set(changes.wrapping_add(1)))
    };
    let busy = remote.data.as_ref().is_some_and(|c| transcoding(c));
    use_poll(busy, 5_000, remote.reload.clone());

    let Some(course) = remote.data.clone() else {
        return match &remote.error {
            Some(err) => html! {
                <>
                    <frontend_kit::pages::PageTitle title={EDITOR} />
                    <FormError message={AttrValue::from(i18n.error(err))} />
                </>
            },
            None => html! { <Loading /> },
        };
    };
    let status = course.revision.status;
    let editable = status.is_editable();
    let act = |which: Action| {
        let (action, changed, toaster, t, course_id) = (
            action.clone(),
            changed.clone(),
            toaster.clone(),
            i18n.clone(),
            course.id,
        );
        let disabled = action.busy();
        let onclick = Callback::from(move |_: MouseEvent| {
            let (changed, toaster, i18n) = (changed.clone(), toaster.clone(), t.clone());
            action.run(false, which.call(course_id), move |_| {
                toaster.success(i18n.t(&which.done()));
                changed.emit(());
            });
        });
        let (id, label, class) = which.button();
        html! {
            <button {id} type="button" class={classes!("pf-v6-c-button", class)} {onclick} {disabled}>
                <span class="pf-v6-c-button__text">{ i18n.t(&label) }</span>
            </button>
        }
    };
    let actions = html! {
        <div class="zp-row-actions">
            if editable { { act(Action::Submit) } }
            if matches!(status, RevisionStatus::Submitted | RevisionStatus::InReview) {
                { act(Action::Withdraw) }
            }
            if matches!(status, RevisionStatus::Published | RevisionStatus::Superseded) {
                { act(Action::NewRevision) }
            }
        </div>
    };
    let revision = Rc::new(course.revision.clone());
    // A new revision or a withdrawal starts the form again from what the server has.
    let form_key = format!("{}-{}", course.revision.id, status.code());

    html! {
        <>
            <frontend_kit::pages::PageTitle title={EDITOR}>{ actions }</frontend_kit::pages::PageTitle>
            <CourseHeading course={course.clone()} />
            <FormError id="action-error" message={action.form_error(&i18n)} />
            if status == RevisionStatus::Returned {
                <p class="zp-warn-text" id="returned-notice" role="status">{ i18n.t(&RETURNED) }</p>
            }
            if !editable {
                <p class="zp-muted">{ i18n.t(&LOCKED) }</p>
            }
            if busy {
                <p class="zp-muted" id="transcoding-notice" role="status">{ i18n.t(&TRANSCODING) }</p>
            }
            <div class="zp-cards">
                <SectionCard id="fields" title={i18n.t(&FIELDS)}>
                    <FieldsForm key={form_key} course={course.clone()} {editable} on_saved={changed.clone()} />
                </SectionCard>
                <div>
                    <SectionCard id="outline" title={i18n.t(&OUTLINE)}>
                        if editable {
                            <OutlineEditor course={course.clone()} on_change={changed.clone()} />
                        } else {
                            <CourseOutline {revision} course_no={AttrValue::from(course.course_no.clone())} kind={course.kind} />
                        }
                    </SectionCard>
                    <SectionCard id="rounds" title={i18n.t(&RESULTS)}>
                        <ReviewRounds course_id={course.id} reader={RoundsReader::Author} changes={*changes} />
                    </SectionCard>
                </div>
            </div>
            <SectionCard id="history" title={i18n.t(&HISTORY)}>
                <CourseHistory course_id={course.id} changes={*changes} />
            </SectionCard>
        </>
    }
}

#[derive(Properties, PartialEq)]
struct CourseHistoryProps {
    course_id: Uuid,
    changes: u32,
}

#[component]
fn CourseHistory(props: &CourseHistoryProps) -> Html {
    let i18n = use_i18n();
    let remote = use_remote((props.course_id, props.changes), |(id, _)| {
        frontend_kit::api::course_events(id)
    });
    let rows: Rc<Vec<CourseEvent>> = remote.data.clone().unwrap_or_default();
    html! {
        <>
            <FormError message={remote.error.as_ref().map(|e| AttrValue::from(i18n.error(e)))} />
            <DataTable<CourseEvent> id="history-table" caption={i18n.t(&HISTORY)}
                columns={history_columns(&i18n)} {rows} loading={remote.loading} />
        </>
    }
}
