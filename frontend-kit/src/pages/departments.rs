//! 组织架构 (T-7.2.4): the department tree of the signed-in side — the regulator's own, or an
//! institution's — as a page; who may edit it is the app's call.

use yew::prelude::*;

use crate::components::orgs::DepartmentTree;
use crate::i18n::Text;

pub const DEPARTMENTS: Text = Text::new("组织架构", "Departments");

#[derive(Properties, PartialEq)]
pub struct DepartmentsPageProps {
    pub can_edit: bool,
}

#[component]
pub fn DepartmentsPage(props: &DepartmentsPageProps) -> Html {
    html! {
        <>
            <super::PageTitle title={DEPARTMENTS} />
            <DepartmentTree can_edit={props.can_edit} />
        </>
    }
}
