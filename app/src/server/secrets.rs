//! The channels' credentials at rest (issue 17): sealed with AES-256-GCM under a key from the
//! environment (`WARTA_SECRET_KEY`, 32 bytes in base64), so a copy of the database or of a backup
//! holds no usable token. A sealed value is `v1:` and base64 of a fresh 12-byte nonce followed by
//! the ciphertext; the channel's id is bound as associated data, so a value moved to another
//! channel's record does not open.

use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::{Aes256Gcm, Nonce};
use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use rand::RngCore;

/// The key credentials are sealed with (and other keys are derived from: `subkey`).
#[derive(Clone)]
pub struct SecretKey {
    aead: Aes256Gcm,
    raw: [u8; 32],
}

impl std::fmt::Debug for SecretKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SecretKey(…)")
    }
}

/// Why a key or a sealed value was refused (never says anything about the secret itself).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SecretError {
    /// `WARTA_SECRET_KEY` is not 32 bytes in base64.
    BadKey,
    /// The value was not sealed with this key (another key, altered, or not sealed at all).
    WontOpen,
}

impl std::fmt::Display for SecretError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            SecretError::BadKey => {
                "WARTA_SECRET_KEY harus 32 bita dalam base64 (buat dengan: head -c32 /dev/urandom | base64)"
            }
            SecretError::WontOpen => "kredensial tidak dapat dibuka dengan kunci ini",
        })
    }
}

const PREFIX: &str = "v1:";

impl SecretKey {
    /// The key from its base64 text (as in `WARTA_SECRET_KEY`).
    pub fn from_base64(text: &str) -> Result<SecretKey, SecretError> {
        let bytes = STANDARD.decode(text.trim()).map_err(|_| SecretError::BadKey)?;
        if bytes.len() != 32 {
            return Err(SecretError::BadKey);
        }
        let raw: [u8; 32] = bytes.try_into().map_err(|_| SecretError::BadKey)?;
        Ok(SecretKey::from_raw(raw))
    }

    fn from_raw(raw: [u8; 32]) -> SecretKey {
        SecretKey {
            aead: Aes256Gcm::new_from_slice(&raw).expect("32 bytes"),
            raw,
        }
    }

    /// A key for another purpose (signing photo links, for one), derived from this one with
    /// HMAC-SHA256: knowing it opens no credential.
    pub fn subkey(&self, purpose: &str) -> [u8; 32] {
        use hmac::{Hmac, Mac};
        let mut mac = <Hmac<sha2::Sha256> as Mac>::new_from_slice(&self.raw).expect("any key length");
        mac.update(purpose.as_bytes());
        mac.finalize().into_bytes().into()
    }

    /// The key from the environment, if one is set.
    pub fn from_env() -> Result<Option<SecretKey>, SecretError> {
        match std::env::var("WARTA_SECRET_KEY") {
            Ok(v) if !v.trim().is_empty() => SecretKey::from_base64(&v).map(Some),
            _ => Ok(None),
        }
    }

    /// A fresh random key (tests).
    pub fn random() -> SecretKey {
        let mut bytes = [0u8; 32];
        rand::thread_rng().fill_bytes(&mut bytes);
        SecretKey::from_raw(bytes)
    }

    /// `plain` sealed for the record named `context`.
    pub fn seal(&self, context: &str, plain: &str) -> String {
        let mut nonce = [0u8; 12];
        rand::thread_rng().fill_bytes(&mut nonce);
        let sealed = self
            .aead
            .encrypt(
                &Nonce::from(nonce),
                Payload {
                    msg: plain.as_bytes(),
                    aad: context.as_bytes(),
                },
            )
            .expect("AES-GCM seals any length a form can send");
        let mut out = nonce.to_vec();
        out.extend_from_slice(&sealed);
        format!("{PREFIX}{}", STANDARD.encode(out))
    }

    /// What `sealed` holds, if it was sealed with this key for `context`.
    pub fn open(&self, context: &str, sealed: &str) -> Result<String, SecretError> {
        let raw = sealed
            .strip_prefix(PREFIX)
            .and_then(|b| STANDARD.decode(b).ok())
            .filter(|b| b.len() > 12)
            .ok_or(SecretError::WontOpen)?;
        let (nonce, body) = raw.split_at(12);
        let nonce: [u8; 12] = nonce.try_into().map_err(|_| SecretError::WontOpen)?;
        let plain = self
            .aead
            .decrypt(
                &Nonce::from(nonce),
                Payload {
                    msg: body,
                    aad: context.as_bytes(),
                },
            )
            .map_err(|_| SecretError::WontOpen)?;
        String::from_utf8(plain).map_err(|_| SecretError::WontOpen)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sealed_secret_opens_only_with_its_key_and_record() {
        let key = SecretKey::random();
        let sealed = key.seal("website", "abcd efgh ijkl");
        assert!(!sealed.contains("abcd"));
        assert_eq!(key.open("website", &sealed).unwrap(), "abcd efgh ijkl");
        assert_eq!(key.open("facebook", &sealed), Err(SecretError::WontOpen));
        assert_eq!(SecretKey::random().open("website", &sealed), Err(SecretError::WontOpen));
        // The same secret sealed twice looks different (a fresh nonce each time).
        assert_ne!(key.seal("website", "abcd"), key.seal("website", "abcd"));
    }

    #[test]
    fn subkeys_differ_by_purpose_and_by_key() {
        let key = SecretKey::random();
        assert_eq!(key.subkey("photo-links"), key.subkey("photo-links"));
        assert_ne!(key.subkey("photo-links"), key.subkey("webhook"));
        assert_ne!(key.subkey("photo-links"), SecretKey::random().subkey("photo-links"));
    }

    #[test]
    fn a_key_must_be_32_bytes_of_base64() {
        assert!(SecretKey::from_base64(&STANDARD.encode([7u8; 32])).is_ok());
        assert_eq!(SecretKey::from_base64("short").err(), Some(SecretError::BadKey));
        assert_eq!(
            SecretKey::from_base64(&STANDARD.encode([7u8; 16])).err(),
            Some(SecretError::BadKey)
        );
    }
}
