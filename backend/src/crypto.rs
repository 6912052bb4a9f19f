//! Personal data at rest (Z-V.1), passwords and tokens.
//!
//! - PII (name, phone, ID-card number) is sealed with AES-256-GCM under the current key of a
//!   [`Keyring`]; the row keeps the key id so old rows stay readable after a rotation.
//! - Look-ups by phone or ID number go through a blind index: HMAC-SHA256 of the normalized value
//!   under a separate key, so the database never holds the clear value.
//! - Passwords: argon2id. Session tokens: 32 random bytes, only their SHA-256 is stored.

use aes_gcm::aead::{Aead, KeyInit};
use aes_gcm::{Aes256Gcm, Nonce};
use anyhow::{Context, anyhow, bail};
use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, Mac};
use rand::RngCore;
use sha2::{Digest, Sha256};

const NONCE_LEN: usize = 12;

#[derive(Clone)]
pub struct Keyring {
    current: String,
    keys: Vec<(String, [u8; 32])>,
    /// HMAC state keyed once; cloned per look-up.
    blind_index: Hmac<Sha256>,
}

impl std::fmt::Debug for Keyring {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Keyring")
            .field("current", &self.current)
            .finish_non_exhaustive()
    }
}

impl Keyring {
    /// `keys`: `id:hex64[,id:hex64...]`, the first is used for new data; `blind_index`: hex64.
    pub fn parse(keys: &str, blind_index: &str) -> anyhow::Result<Keyring> {
        let keys = keys
            .split(',')
            .map(|entry| {
                let (id, hex_key) = entry
                    .trim()
                    .split_once(':')
                    .context("ZHIPEI_PII_KEYS entries are `id:hex`")?;
                if id.is_empty() || id.len() > 16 {
                    bail!("ZHIPEI_PII_KEYS: key ids are 1 to 16 characters");
                }
                Ok((id.to_owned(), key32(hex_key).context("ZHIPEI_PII_KEYS")?))
            })
            .collect::<anyhow::Result<Vec<_>>>()?;
        let current = keys
            .first()
            .map(|(id, _)| id.clone())
            .context("ZHIPEI_PII_KEYS is empty")?;
        let blind_index = hmac_key(&key32(blind_index).context("ZHIPEI_BLIND_INDEX_KEY")?)?;
        Ok(Keyring {
            current,
            keys,
            blind_index,
        })
    }

    /// Fixed, public keys for dev mode only (config refuses them in production).
    pub fn dev() -> Keyring {
        let derive =
            |label: &str| -> [u8; 32] { Sha256::digest(format!("zhipei-dev-only:{label}")).into() };
        let pii = derive("pii");
        let bidx = derive("bidx");
        Keyring::parse(&format!("dev1:{}", hex::encode(pii)), &hex::encode(bidx))
            .unwrap_or_else(|e| unreachable!("built-in dev keys are valid: {e}"))
    }

    pub fn current_key_id(&self) -> &str {
        &self.current
    }

    /// nonce || ciphertext under the current key.
    pub fn seal(&self, clear: &str) -> anyhow::Result<Vec<u8>> {
        self.seal_bytes(clear.as_bytes())
    }

    /// [`Keyring::seal`] for binary data (face embeddings).
    pub fn seal_bytes(&self, clear: &[u8]) -> anyhow::Result<Vec<u8>> {
        let key = self.key(&self.current)?;
        let mut nonce = [0u8; NONCE_LEN];
        rand::thread_rng().fill_bytes(&mut nonce);
        let cipher = Aes256Gcm::new(key.into());
        let sealed = cipher
            .encrypt(Nonce::from_slice(&nonce), clear)
            .map_err(|_| anyhow!("encryption failed"))?;
        Ok([nonce.as_slice(), &sealed].concat())
    }

    pub fn open(&self, key_id: &str, sealed: &[u8]) -> anyhow::Result<String> {
        String::from_utf8(self.open_bytes(key_id, sealed)?).context("sealed value is not UTF-8")
    }

    pub fn open_bytes(&self, key_id: &str, sealed: &[u8]) -> anyhow::Result<Vec<u8>> {
        if sealed.len() < NONCE_LEN {
            bail!("sealed value too short");
        }
        let (nonce, body) = sealed.split_at(NONCE_LEN);
        let cipher = Aes256Gcm::new(self.key(key_id)?.into());
        cipher
            .decrypt(Nonce::from_slice(nonce), body)
            .map_err(|_| anyhow!("decryption failed (key {key_id})"))
    }

    /// Keyed hash for equality look-ups; the caller normalizes the value first.
    pub fn blind_index(&self, kind: &str, normalized: &str) -> Vec<u8> {
        let mut mac = self.blind_index.clone();
        mac.update(kind.as_bytes());
        mac.update(&[0]);
        mac.update(normalized.as_bytes());
        mac.finalize().into_bytes().to_vec()
    }

    fn key(&self, id: &str) -> anyhow::Result<&[u8; 32]> {
        self.keys
            .iter()
            .find(|(k, _)| k == id)
            .map(|(_, key)| key)
            .with_context(|| format!("unknown PII key id {id}"))
    }
}

/// The signature of a request to an external service (identity check, face comparison):
/// hex HMAC-SHA256 over `timestamp` + `\n` + the body, with the secret the tenant's key id
/// names. The service recomputes it and refuses stale timestamps.
pub fn sign_request(secret: &str, timestamp: i64, body: &[u8]) -> anyhow::Result<String> {
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(secret.as_bytes())
        .map_err(|_| anyhow!("HMAC key rejected"))?;
    mac.update(timestamp.to_string().as_bytes());
    mac.update(b"\n");
    mac.update(body);
    Ok(hex::encode(mac.finalize().into_bytes()))
}

fn hmac_key(key: &[u8; 32]) -> anyhow::Result<Hmac<Sha256>> {
    <Hmac<Sha256> as Mac>::new_from_slice(key).map_err(|_| anyhow!("HMAC key rejected"))
}

fn key32(hex_key: &str) -> anyhow::Result<[u8; 32]> {
    let bytes = hex::decode(hex_key.trim()).context("key is not hex")?;
    bytes
        .try_into()
        .map_err(|_| anyhow!("key must be 32 bytes (64 hex digits)"))
}

pub fn hash_password(password: &str) -> anyhow::Result<String> {
    let salt = SaltString::generate(&mut argon2::password_hash::rand_core::OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| anyhow!("password hashing failed: {e}"))
}

pub fn verify_password(password: &str, stored: &str) -> bool {
    PasswordHash::new(stored).is_ok_and(|hash| {
        Argon2::default()
            .verify_password(password.as_bytes(), &hash)
            .is_ok()
    })
}

/// A hash to verify against when the account does not exist, so timing does not reveal it.
pub fn dummy_password_hash() -> &'static str {
    static DUMMY: std::sync::LazyLock<String> =
        std::sync::LazyLock::new(|| hash_password("no such account").unwrap_or_default());
    &DUMMY
}

/// A new opaque session token: `<tenant uuid>.<43 chars of randomness>`. The tenant prefix lets the
/// server open the right tenant transaction before looking the session up.
pub fn new_session_token(tenant_id: uuid::Uuid) -> String {
    let mut raw = [0u8; 32];
    rand::thread_rng().fill_bytes(&mut raw);
    format!("{}.{}", tenant_id.simple(), URL_SAFE_NO_PAD.encode(raw))
}

pub fn token_hash(token: &str) -> Vec<u8> {
    Sha256::digest(token.as_bytes()).to_vec()
}

pub fn random_digits(n: usize) -> String {
    let mut rng = rand::thread_rng();
    (0..n)
        .map(|_| char::from(b'0' + (rng.next_u32() % 10) as u8))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sealed_pii_opens_with_its_key_and_hides_the_clear_text() {
        let ring = Keyring::dev();
        let sealed = ring.seal("13800000001").unwrap_or_default();
        assert!(!String::from_utf8_lossy(&sealed).contains("13800000001"));
        assert_eq!(
            ring.open("dev1", &sealed).ok().as_deref(),
            Some("13800000001")
        );
        assert!(ring.open("other", &sealed).is_err());
    }

    #[test]
    fn rotation_keeps_old_rows_readable() {
        let k0 = "00".repeat(32);
        let k1 = "11".repeat(32);
        let old = Keyring::parse(&format!("k0:{k0}"), &k0).ok();
        let sealed = old
            .as_ref()
            .and_then(|r| r.seal("张三").ok())
            .unwrap_or_default();
        let rotated = Keyring::parse(&format!("k1:{k1},k0:{k0}"), &k0).ok();
        assert_eq!(rotated.as_ref().map(Keyring::current_key_id), Some("k1"));
        assert_eq!(
            rotated.and_then(|r| r.open("k0", &sealed).ok()).as_deref(),
            Some("张三")
        );
    }

    #[test]
    fn blind_indexes_are_stable_and_keyed() {
        let ring = Keyring::dev();
        assert_eq!(
            ring.blind_index("phone", "13800000001"),
            ring.blind_index("phone", "13800000001")
        );
        assert_ne!(
            ring.blind_index("phone", "13800000001"),
            ring.blind_index("id_card", "13800000001")
        );
    }

    #[test]
    fn bad_keys_are_refused() {
        assert!(Keyring::parse("k:abcd", &"00".repeat(32)).is_err());
        assert!(Keyring::parse(&format!("k:{}", "00".repeat(32)), "zz").is_err());
    }

    #[test]
    fn passwords_verify_only_against_their_hash() {
        let hash = hash_password("secret-123").unwrap_or_default();
        assert!(hash.starts_with("$argon2id$"));
        assert!(verify_password("secret-123", &hash));
        assert!(!verify_password("secret-124", &hash));
        assert!(!verify_password("secret-123", dummy_password_hash()));
    }

    #[test]
    fn session_tokens_carry_the_tenant_and_differ() {
        let tenant = uuid::Uuid::new_v4();
        let a = new_session_token(tenant);
        assert!(a.starts_with(&tenant.simple().to_string()));
        assert_ne!(a, new_session_token(tenant));
        assert_eq!(token_hash(&a).len(), 32);
    }
}
