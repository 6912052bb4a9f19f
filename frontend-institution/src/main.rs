//! 职培云 机构端 (institution) app (see `app.rs` for its routes).

mod app;
mod pages;

fn main() {
    frontend_kit::start::<app::App>();
}
