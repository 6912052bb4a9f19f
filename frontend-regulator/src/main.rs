//! 职培云 监管端 (regulator) app (see `app.rs` for its routes).

mod app;
mod pages;

fn main() {
    frontend_kit::start::<frontend_kit::spa::SpaApp<app::Route>>();
}
