//! The institution app's pages, one folder per feature.

pub mod account;
pub mod certification;
pub mod classes;
pub mod courses;
pub mod departments;
pub mod home;
pub mod inventory;
pub mod invoices;
pub mod lecturers;
pub mod login;
pub mod orders;
pub mod plans;
pub mod projects;
pub mod qualifications;
pub mod real_name;
pub mod register;
pub mod shop;
pub mod vouchers;

use shared_types::Role;

/// 机构负责人: writes the institution's own data (Casbin `institution_self` write).
pub const HEADS: [Role; 1] = [Role::InstitutionAdmin];
/// The institution's office, head and staff: the shop, classes, plans, vouchers, departments.
pub const OFFICE: [Role; 2] = [Role::InstitutionAdmin, Role::InstitutionStaff];
/// Who reads classes: the office and the lecturers.
pub const TEACHING: [Role; 3] = [
    Role::InstitutionAdmin,
    Role::InstitutionStaff,
    Role::Lecturer,
];
