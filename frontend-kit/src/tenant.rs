//! Which tenant (site) anonymous calls name. Normally the server resolves it from the host name;
//! a page opened with `?tenant=xx` (development, shared hosts) pins it for the browser tab.

use gloo_storage::{SessionStorage, Storage};

const TENANT_KEY: &str = "zhipei_tenant";

/// Reads `?tenant=` from the page URL into sessionStorage. Call once at start-up.
pub fn remember_tenant_from_url() {
    let search = web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default();
    if let Some(code) = tenant_from_query(&search) {
        let _ = SessionStorage::set(TENANT_KEY, code);
    }
}

/// The tenant code this tab was pinned to, if any.
pub fn pinned_tenant() -> Option<String> {
    SessionStorage::get::<String>(TENANT_KEY)
        .ok()
        .filter(|c| is_tenant_code(c))
}

/// `?a=1&tenant=zj` → `Some("zj")`; invalid codes are ignored.
pub fn tenant_from_query(search: &str) -> Option<String> {
    search
        .trim_start_matches('?')
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .find(|(k, _)| *k == "tenant")
        .map(|(_, v)| v.to_ascii_lowercase())
        .filter(|c| is_tenant_code(c))
}

fn is_tenant_code(code: &str) -> bool {
    !code.is_empty()
        && code.len() <= 63
        && code
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tenant_parameter_is_found_among_others() {
        assert_eq!(tenant_from_query("?tenant=demo"), Some("demo".into()));
        assert_eq!(tenant_from_query("?x=1&tenant=ZJ&y=2"), Some("zj".into()));
        assert_eq!(tenant_from_query("?x=1"), None);
        assert_eq!(tenant_from_query(""), None);
    }

    #[test]
    fn a_tenant_code_cannot_smuggle_header_characters() {
        assert_eq!(tenant_from_query("?tenant=a%0d%0ab"), None);
        assert_eq!(tenant_from_query("?tenant="), None);
    }
}
