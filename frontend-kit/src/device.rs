//! The device id: a random UUID kept in `localStorage["zhipei_device_id"]` for the life of the
//! browser profile. The server binds one live session to one device (Z-II.3).

use gloo_storage::{LocalStorage, Storage};

const DEVICE_KEY: &str = "zhipei_device_id";

/// This browser's device id, created on first use.
pub fn device_id() -> String {
    if let Ok(id) = LocalStorage::get::<String>(DEVICE_KEY)
        && is_uuid(&id)
    {
        return id;
    }
    let id = new_uuid();
    let _ = LocalStorage::set(DEVICE_KEY, &id);
    id
}

/// A v4 UUID from `crypto.getRandomValues`, which (unlike `crypto.randomUUID`) also exists on
/// pages served over plain http from a non-loopback host.
fn new_uuid() -> String {
    let mut bytes = [0u8; 16];
    let filled = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .map(|c| c.get_random_values_with_u8_array(&mut bytes).is_ok())
        .unwrap_or(false);
    if !filled {
        // No Web Crypto at all (very old browser): Math.random is still unique enough for a
        // device label; it is not a secret.
        for b in &mut bytes {
            *b = (js_sys::Math::random() * 256.0) as u8;
        }
    }
    format_uuid_v4(bytes)
}

/// Sets the version (4) and variant (RFC 4122) bits and formats as 8-4-4-4-12 hex.
pub fn format_uuid_v4(mut bytes: [u8; 16]) -> String {
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

fn is_uuid(s: &str) -> bool {
    s.len() == 36
        && s.char_indices().all(|(i, c)| match i {
            8 | 13 | 18 | 23 => c == '-',
            _ => c.is_ascii_hexdigit(),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formatted_ids_are_version_4_uuids() {
        let id = format_uuid_v4([0xff; 16]);
        assert_eq!(id, "ffffffff-ffff-4fff-bfff-ffffffffffff");
        assert!(is_uuid(&id));
        assert_eq!(
            format_uuid_v4([0; 16]),
            "00000000-0000-4000-8000-000000000000"
        );
    }

    #[test]
    fn a_tampered_stored_id_is_not_accepted() {
        assert!(!is_uuid(""));
        assert!(!is_uuid("not-a-uuid"));
        assert!(!is_uuid("ffffffff-ffff-4fff-bfff-fffffffffffg"));
    }
}
