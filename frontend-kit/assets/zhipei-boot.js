// Starts the app's wasm without an inline script, so the CSP needs no hash or nonce.
// Trunk's `pattern_script` (Trunk.toml) puts the hashed file names on this script tag.
const tag = document.querySelector("script[data-zp-wasm]");
const { default: init } = await import(tag.dataset.zpJs);
await init({ module_or_path: tag.dataset.zpWasm });
