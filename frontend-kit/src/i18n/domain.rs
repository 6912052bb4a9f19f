//! The domain enums of `shared-types` as [`Text`]: each carries its own Chinese and English
//! labels (`label_zh`, `label_en`); this makes them one value pages can hand to [`super::I18n::t`],
//! and turns a list of them into the options of a select.

use shared_types::archive::VoucherKind;
use shared_types::catalog::{
    CourseAction, CourseKind, CoursewareKind, Listing, RevisionStatus, TrainingCategory,
    TrainingType,
};
use shared_types::commerce::{InvoiceStatus, OrderStatus, PaymentState};
use shared_types::face::{
    CapturePurpose, FaceFallback, FaceOutcome, FaceProviderKind, RealNameMethod, RealNameStatus,
    TurnDirection,
};
use shared_types::learning::{Decision as StudyDecision, RiskKind, RiskLevel, RiskStatus};
use shared_types::media::{JobStatus, MediaStatus};
use shared_types::orgs::{Decision, InstitutionStatus, QualificationAction, ReviewStatus};
use shared_types::review::{DecisionRule, RoundStatus};
use shared_types::training::{
    ClassAction, ClassMode, ClassStatus, Education, EnrolmentStatus, PlanItemKind, ProjectStatus,
    TaskStatus,
};

use yew::AttrValue;

use super::{I18n, Text};

/// A domain value with a label in both languages and its wire name.
pub trait Labelled: Copy + Sized {
    fn text(self) -> Text;
    /// The snake_case name on the wire and in query strings.
    fn code(self) -> &'static str;
    fn from_code(code: &str) -> Option<Self>;
}

macro_rules! labelled {
    ($($t:ty),* $(,)?) => {
        $(impl Labelled for $t {
            fn text(self) -> Text {
                Text::new(self.label_zh(), self.label_en())
            }
            fn code(self) -> &'static str {
                self.as_str()
            }
            fn from_code(code: &str) -> Option<Self> {
                <$t>::parse(code)
            }
        })*
    };
}

/// `(value, label)` options of a select for `items`; with `all`, a first empty option labelled
/// with it (no filter).
pub fn choices<T: Labelled>(
    i18n: &I18n,
    items: impl IntoIterator<Item = T>,
    all: Option<&Text>,
) -> Vec<(AttrValue, AttrValue)> {
    all.map(|t| (AttrValue::from(""), AttrValue::from(i18n.t(t))))
        .into_iter()
        .chain(items.into_iter().map(|v| {
            (
                AttrValue::from(v.code()),
                AttrValue::from(i18n.t(&v.text())),
            )
        }))
        .collect()
}

labelled!(
    CourseKind,
    TrainingCategory,
    TrainingType,
    RevisionStatus,
    Listing,
    CoursewareKind,
    CourseAction,
    MediaStatus,
    JobStatus,
    DecisionRule,
    RoundStatus,
    InstitutionStatus,
    ReviewStatus,
    Decision,
    QualificationAction,
    OrderStatus,
    PaymentState,
    InvoiceStatus,
    VoucherKind,
    ProjectStatus,
    ClassMode,
    ClassStatus,
    ClassAction,
    TaskStatus,
    Education,
    EnrolmentStatus,
    PlanItemKind,
    StudyDecision,
    RiskKind,
    RiskLevel,
    RiskStatus,
    RealNameStatus,
    RealNameMethod,
    CapturePurpose,
    FaceOutcome,
    FaceFallback,
    FaceProviderKind,
    TurnDirection,
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_domain_label_is_chinese_first_with_its_english() {
        let t = CourseKind::Vod.text();
        assert_eq!((t.zh, t.en), ("点播课", "On-demand course"));
        assert_eq!(RoundStatus::Returned.text().zh, "退回");
        assert_eq!(
            RevisionStatus::from_code(RevisionStatus::InReview.code()),
            Some(RevisionStatus::InReview)
        );
        assert_eq!(ClassStatus::Approved.text().zh, "已开班");
        assert_eq!(
            InstitutionStatus::from_code("certified"),
            Some(InstitutionStatus::Certified)
        );
        assert_eq!(StudyDecision::SeekAhead.code(), "seek_ahead");
        assert_eq!(StudyDecision::CapReached.text().zh, "今日学时已达上限");
    }
}
