//! 职培云 机构端 (institution) app (see `app.rs` for its routes).

mod app;
mod pages;

fn main() {
    frontend_kit::start::<frontend_kit::spa::SpaApp<app::Route>>();
}
