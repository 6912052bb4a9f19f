//! What the three apps share of training (T-7.2.5d, T-7.2.7h, Z-II.1): a project's or class's
//! policy, the columns of project, class, trainee, task and class-history lists, the class list,
//! a class's page body (facts, history, trainees, tasks) and the preview of a trainee import.

mod class_list;
mod class_view;
mod columns;
mod import;
mod policy;

pub use class_list::ClassList;
pub use class_view::{ClassFacts, ClassTabs};
pub use columns::{ClassRoute, project_columns};
pub use import::{ImportPreviewView, bad_rows_first};
pub use policy::{PolicyView, policy_summary};
