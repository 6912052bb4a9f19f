//! The roles of T-7.1 / T-7.2.1.1. The three regulator levels map to admin / operator / viewer.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Runs the SaaS for many regions; not bound to one tenant's data.
    PlatformAdmin,
    /// 系统管理员 — a region's system administrator (T-7.2.1.1 level 1).
    RegulatorAdmin,
    /// 运营人员 — operations (level 2).
    RegulatorOperator,
    /// 浏览人员 — browse only (level 3).
    RegulatorViewer,
    /// 课程审核专家 — a course-review expert.
    Expert,
    /// 机构负责人 — an institution's head.
    InstitutionAdmin,
    InstitutionStaff,
    Lecturer,
    /// 创业导师 — an entrepreneurship mentor.
    Mentor,
    /// 学员
    Trainee,
}

impl Role {
    pub const ALL: [Role; 10] = [
        Role::PlatformAdmin,
        Role::RegulatorAdmin,
        Role::RegulatorOperator,
        Role::RegulatorViewer,
        Role::Expert,
        Role::InstitutionAdmin,
        Role::InstitutionStaff,
        Role::Lecturer,
        Role::Mentor,
        Role::Trainee,
    ];

    /// Staff roles: every role but the platform operator's and the trainee's (trainees
    /// register themselves). A regulator admin grants these.
    pub const STAFF: [Role; 8] = [
        Role::RegulatorAdmin,
        Role::RegulatorOperator,
        Role::RegulatorViewer,
        Role::Expert,
        Role::InstitutionAdmin,
        Role::InstitutionStaff,
        Role::Lecturer,
        Role::Mentor,
    ];

    /// The snake_case name used on the wire, in the database and in Casbin policies.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::PlatformAdmin => "platform_admin",
            Role::RegulatorAdmin => "regulator_admin",
            Role::RegulatorOperator => "regulator_operator",
            Role::RegulatorViewer => "regulator_viewer",
            Role::Expert => "expert",
            Role::InstitutionAdmin => "institution_admin",
            Role::InstitutionStaff => "institution_staff",
            Role::Lecturer => "lecturer",
            Role::Mentor => "mentor",
            Role::Trainee => "trainee",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s)
    }

    /// Display name, Chinese first.
    pub fn label_zh(self) -> &'static str {
        match self {
            Role::PlatformAdmin => "平台管理员",
            Role::RegulatorAdmin => "监管系统管理员",
            Role::RegulatorOperator => "监管运营人员",
            Role::RegulatorViewer => "监管浏览人员",
            Role::Expert => "审核专家",
            Role::InstitutionAdmin => "机构负责人",
            Role::InstitutionStaff => "机构工作人员",
            Role::Lecturer => "讲师",
            Role::Mentor => "创业导师",
            Role::Trainee => "学员",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            Role::PlatformAdmin => "Platform admin",
            Role::RegulatorAdmin => "Regulator admin",
            Role::RegulatorOperator => "Regulator operator",
            Role::RegulatorViewer => "Regulator viewer",
            Role::Expert => "Review expert",
            Role::InstitutionAdmin => "Institution head",
            Role::InstitutionStaff => "Institution staff",
            Role::Lecturer => "Lecturer",
            Role::Mentor => "Mentor",
            Role::Trainee => "Trainee",
        }
    }

    /// Which front end this role works in.
    pub fn side(self) -> Side {
        match self {
            Role::PlatformAdmin
            | Role::RegulatorAdmin
            | Role::RegulatorOperator
            | Role::RegulatorViewer
            | Role::Expert => Side::Regulator,
            Role::InstitutionAdmin | Role::InstitutionStaff | Role::Lecturer | Role::Mentor => {
                Side::Institution
            }
            Role::Trainee => Side::Learner,
        }
    }
}

/// The three front ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Side {
    Learner,
    Institution,
    Regulator,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_role_parses_back_from_its_name() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()), Some(role));
        }
        assert_eq!(Role::parse("root"), None);
    }
}
