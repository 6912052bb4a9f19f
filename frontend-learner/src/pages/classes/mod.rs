//! `/learner/classes`: 我的班级 (T-7.2.5d) — the trainee's approved and closed classes, each
//! (`.zp-class`) with its institution, project, schedule, venue, policy and how many tasks it
//! has.

use frontend_kit::components::training::PolicyView;
use frontend_kit::dates::date_range;
use frontend_kit::pages::{PageTitle, SectionCard};
use frontend_kit::prelude::*;
use shared_types::training::MyClass;
use yew::prelude::*;

pub const TITLE: Text = Text::new("我的班级", "My classes");
const EMPTY: Text = Text::new("您还没有加入班级", "You are not in a class yet");
const INSTITUTION: Text = Text::new("培训机构", "Institution");
const PROJECT: Text = Text::new("培训项目", "Project");
const TYPE: Text = Text::new("培训类型", "Training type");
const MODE: Text = Text::new("培训方式", "Mode");
const VENUE: Text = Text::new("培训地点", "Venue");
const PERIOD: Text = Text::new("起止日期", "Period");
const STATUS: Text = Text::new("状态", "Status");
const TASKS: Text = Text::new("学习任务", "Learning tasks");

#[component]
pub fn MyClasses() -> Html {
    let i18n = use_i18n();
    let remote = use_remote((), |()| frontend_kit::api::my_classes());
    let classes = remote.data.clone().unwrap_or_default();
    html! {
        <>
            <PageTitle title={TITLE} />
            <FormError message={remote.error.as_ref().map(|e| AttrValue::from(i18n.error(e)))} />
            if remote.loading && classes.is_empty() {
                <Loading />
            } else if classes.is_empty() {
                <p class="zp-muted" id="classes-empty">{ i18n.t(&EMPTY) }</p>
            }
            <div class="zp-cards">
                { for classes.iter().map(|c| html! { <ClassCard class={c.clone()} /> }) }
            </div>
        </>
    }
}

#[derive(Properties, PartialEq)]
struct ClassCardProps {
    class: MyClass,
}

#[component]
fn ClassCard(props: &ClassCardProps) -> Html {
    let i18n = use_i18n();
    let c = &props.class;
    html! {
        <div class="zp-class">
            <SectionCard id={format!("class-{}", c.id)} title={format!("{}（{}）", c.name, c.class_no)}>
                <Facts>
                    { fact(i18n.t(&STATUS), status_label(&i18n, c.status)) }
                    { fact(i18n.t(&INSTITUTION), c.institution_name.clone()) }
                    { fact(i18n.t(&PROJECT), c.project_name.clone()) }
                    { fact(i18n.t(&TYPE), i18n.t(&c.training_type.text())) }
                    { fact(i18n.t(&MODE), i18n.t(&c.mode.text())) }
                    if !c.venue.is_empty() {
                        { fact(i18n.t(&VENUE), c.venue.clone()) }
                    }
                    { fact(i18n.t(&PERIOD), date_range(c.starts_on, c.ends_on)) }
                    { fact(i18n.t(&TASKS), c.task_count.to_string()) }
                </Facts>
                <PolicyView policy={c.policy.clone()} />
            </SectionCard>
        </div>
    }
}
