//! What the institution and the regulator apps both show of organisations (T-7.2.5b, T-7.2.7e,
//! T-7.2.7g, T-7.2.4): certification versions with their documents, qualifications and their
//! review history, and the department tree editor.

mod certification;
mod department_dialog;
mod departments;
mod qualification;

pub use certification::{CertificationHistory, CertificationView};
pub use departments::{DepartmentTree, subtree, tree_order};
pub use qualification::{qualification_columns, qualification_event_columns};
