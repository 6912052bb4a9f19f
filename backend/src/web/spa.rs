//! Serves the three built SPAs under `/learner/`, `/institution/`, `/regulator/`, with
//! `index.html` as the fallback for client-side routes.

use std::path::Path;

use axum::Router;
use axum::response::Redirect;
use axum::routing::get;
use tower_http::services::{ServeDir, ServeFile};

use crate::app::AppState;

pub const APPS: [&str; 3] = ["learner", "institution", "regulator"];

pub fn router(spa_dir: &Path) -> Router<AppState> {
    let mut router = Router::new().route("/", get(|| async { Redirect::temporary("/learner/") }));
    for app in APPS {
        let dir = spa_dir.join(app);
        let index = dir.join("index.html");
        let serve = ServeDir::new(&dir).fallback(ServeFile::new(&index));
        // Asset URLs are absolute (`--public-url /<app>/`), so `/learner` and `/learner/` both work.
        router = router.nest_service(&format!("/{app}"), serve);
    }
    router
}
