//! 职培云 学员端 (learner) app (see `app.rs` for its routes).

mod app;
mod pages;

fn main() {
    frontend_kit::start::<frontend_kit::spa::SpaApp<app::Route>>();
}
