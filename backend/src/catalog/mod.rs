//! The course catalog (Z-III.1–III.4, Z-III.6, T-7.2.7i/j/k): lecturers, topics, courses and their
//! revisions, chapters and coursewares, course numbers, search and the published catalogue.

pub mod events;
pub mod revision;
