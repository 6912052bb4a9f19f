//! Small coloured labels (PatternFly `c-label`) for statuses, kinds and tags.

use shared_types::catalog::{Listing, RevisionStatus};
use shared_types::commerce::{InvoiceStatus, OrderStatus};
use shared_types::face::{FaceOutcome, RealNameStatus};
use shared_types::learning::{RiskLevel, RiskStatus};
use shared_types::media::{JobStatus, MediaStatus};
use shared_types::orgs::{InstitutionStatus, ReviewStatus};
use shared_types::review::RoundStatus;
use shared_types::training::{ClassStatus, EnrolmentStatus, ProjectStatus, TaskStatus};
use yew::prelude::*;

use crate::i18n::{I18n, Labelled};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Tone {
    #[default]
    Grey,
    Blue,
    Green,
    Orange,
    Red,
    Purple,
}

impl Tone {
    fn class(self) -> Option<&'static str> {
        match self {
            Tone::Grey => None,
            Tone::Blue => Some("pf-m-blue"),
            Tone::Green => Some("pf-m-green"),
            Tone::Orange => Some("pf-m-orange"),
            Tone::Red => Some("pf-m-red"),
            Tone::Purple => Some("pf-m-purple"),
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct LabelProps {
    pub text: AttrValue,
    #[prop_or_default]
    pub tone: Tone,
    /// A Font Awesome icon name, e.g. `fa-check`.
    #[prop_or_default]
    pub icon: Option<&'static str>,
}

#[component]
pub fn Label(props: &LabelProps) -> Html {
    html! {
        <span class={classes!("pf-v6-c-label", "pf-m-compact", props.tone.class())}>
            <span class="pf-v6-c-label__content">
                if let Some(icon) = props.icon {
                    <span class="pf-v6-c-label__icon"><i class={classes!("fas", "fa-fw", icon)} aria-hidden="true"></i></span>
                }
                <span class="pf-v6-c-label__text">{ props.text.clone() }</span>
            </span>
        </span>
    }
}

/// How a status looks: waiting is blue or orange, good green, bad red, finished grey.
pub trait Toned: Labelled {
    fn tone(self) -> Tone;
}

impl Toned for RevisionStatus {
    fn tone(self) -> Tone {
        match self {
            RevisionStatus::Draft | RevisionStatus::Superseded => Tone::Grey,
            RevisionStatus::Submitted => Tone::Orange,
            RevisionStatus::InReview => Tone::Blue,
            RevisionStatus::Approved | RevisionStatus::Published => Tone::Green,
            RevisionStatus::Returned => Tone::Red,
        }
    }
}

impl Toned for Listing {
    fn tone(self) -> Tone {
        match self {
            Listing::Unlisted => Tone::Grey,
            Listing::Published => Tone::Green,
            Listing::TakenDown => Tone::Red,
        }
    }
}

impl Toned for RoundStatus {
    fn tone(self) -> Tone {
        match self {
            RoundStatus::Open => Tone::Blue,
            RoundStatus::Approved => Tone::Green,
            RoundStatus::Returned => Tone::Red,
            RoundStatus::Cancelled => Tone::Grey,
        }
    }
}

impl Toned for JobStatus {
    fn tone(self) -> Tone {
        match self {
            JobStatus::Queued => Tone::Grey,
            JobStatus::Running => Tone::Blue,
            JobStatus::Done => Tone::Green,
            JobStatus::Failed => Tone::Red,
        }
    }
}

impl Toned for MediaStatus {
    fn tone(self) -> Tone {
        match self {
            MediaStatus::Uploading | MediaStatus::Uploaded | MediaStatus::Transcoding => Tone::Blue,
            MediaStatus::Ready => Tone::Green,
            MediaStatus::Rejected | MediaStatus::Failed => Tone::Red,
        }
    }
}

impl Toned for InstitutionStatus {
    fn tone(self) -> Tone {
        match self {
            InstitutionStatus::Registered => Tone::Grey,
            InstitutionStatus::Pending => Tone::Orange,
            InstitutionStatus::Certified => Tone::Green,
            InstitutionStatus::Returned => Tone::Red,
        }
    }
}

impl Toned for ReviewStatus {
    fn tone(self) -> Tone {
        match self {
            ReviewStatus::Pending => Tone::Orange,
            ReviewStatus::Approved => Tone::Green,
            ReviewStatus::Returned | ReviewStatus::Revoked => Tone::Red,
            ReviewStatus::Superseded => Tone::Grey,
        }
    }
}

impl Toned for OrderStatus {
    fn tone(self) -> Tone {
        match self {
            OrderStatus::Pending => Tone::Orange,
            OrderStatus::Paid => Tone::Green,
            OrderStatus::Cancelled => Tone::Grey,
        }
    }
}

impl Toned for InvoiceStatus {
    fn tone(self) -> Tone {
        match self {
            InvoiceStatus::Requested => Tone::Orange,
            InvoiceStatus::Issued => Tone::Green,
            InvoiceStatus::Rejected => Tone::Red,
        }
    }
}

impl Toned for ProjectStatus {
    fn tone(self) -> Tone {
        match self {
            ProjectStatus::Open => Tone::Green,
            ProjectStatus::Closed => Tone::Grey,
        }
    }
}

impl Toned for ClassStatus {
    fn tone(self) -> Tone {
        match self {
            ClassStatus::Draft | ClassStatus::Closed => Tone::Grey,
            ClassStatus::Submitted => Tone::Orange,
            ClassStatus::Approved => Tone::Green,
            ClassStatus::Returned => Tone::Red,
        }
    }
}

impl Toned for TaskStatus {
    fn tone(self) -> Tone {
        match self {
            TaskStatus::Active => Tone::Blue,
            TaskStatus::Deleted => Tone::Grey,
        }
    }
}

impl Toned for EnrolmentStatus {
    fn tone(self) -> Tone {
        match self {
            EnrolmentStatus::Active => Tone::Green,
            EnrolmentStatus::Removed => Tone::Grey,
        }
    }
}

impl Toned for RiskStatus {
    fn tone(self) -> Tone {
        match self {
            RiskStatus::Open => Tone::Orange,
            RiskStatus::Cleared => Tone::Green,
            RiskStatus::Confirmed => Tone::Red,
        }
    }
}

impl Toned for RiskLevel {
    fn tone(self) -> Tone {
        match self {
            RiskLevel::Low => Tone::Grey,
            RiskLevel::Medium => Tone::Orange,
            RiskLevel::High => Tone::Red,
        }
    }
}

impl Toned for RealNameStatus {
    fn tone(self) -> Tone {
        match self {
            RealNameStatus::Unverified => Tone::Grey,
            RealNameStatus::Pending => Tone::Orange,
            RealNameStatus::Verified => Tone::Green,
            RealNameStatus::Rejected => Tone::Red,
        }
    }
}

impl Toned for FaceOutcome {
    fn tone(self) -> Tone {
        match self {
            FaceOutcome::Passed => Tone::Green,
            // The learner's setup, not who they are: worth a look, not an alarm.
            FaceOutcome::NoFace
            | FaceOutcome::Unclear
            | FaceOutcome::NoCamera
            | FaceOutcome::NotEnrolled => Tone::Orange,
            FaceOutcome::SeveralFaces
            | FaceOutcome::Mismatch
            | FaceOutcome::Repeated
            | FaceOutcome::VirtualCamera
            | FaceOutcome::LivenessFailed => Tone::Red,
        }
    }
}

/// A status as a coloured label in the language shown.
pub fn status_label(i18n: &I18n, status: impl Toned) -> Html {
    html! { <Label text={i18n.t(&status.text())} tone={status.tone()} /> }
}
