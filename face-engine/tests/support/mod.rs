//! The models and photos `cargo xtask models` puts under `var/models` (or `ZHIPEI_FACE_MODELS_DIR`).

use std::path::PathBuf;

use face_engine::LocalEngine;

pub fn models_dir() -> PathBuf {
    std::env::var_os("ZHIPEI_FACE_MODELS_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../var/models"))
}

pub fn engine() -> LocalEngine {
    match LocalEngine::load(&models_dir()) {
        Ok(engine) => engine,
        Err(e) => panic!("{e} (run `cargo xtask models` first)"),
    }
}

pub fn photo(name: &str) -> Vec<u8> {
    let path = models_dir().join("photos").join(name);
    std::fs::read(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (run `cargo xtask models`)", path.display()))
}
