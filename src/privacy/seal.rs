//! Sealing a private site's files: AES-256-GCM under a key made from the
//! site's code by PBKDF2-HMAC-SHA256 (spec §6), all from RustCrypto crates.
//!
//! Deriving the key is slow on purpose (600,000 rounds), so a build derives
//! one [`SiteKey`] per site, with a fresh random salt, and seals every file
//! of that site with it, in parallel; each sealed file gets its own random
//! 96-bit nonce.
//!
//! # The envelope (version 1)
//!
//! A sealed file is one byte string, read the same way by `slot.js`:
//!
//! | offset | bytes | what                                                    |
//! |-------:|------:|---------------------------------------------------------|
//! |      0 |     4 | magic `HLDR`                                            |
//! |      4 |     1 | version, `1`                                            |
//! |      5 |     4 | PBKDF2 iterations, unsigned, big-endian                 |
//! |      9 |    16 | PBKDF2 salt (random, one per site per build)            |
//! |     25 |    12 | AES-GCM nonce (random, one per sealed file)             |
//! |     37 |  n+16 | AES-256-GCM ciphertext, then its 16-byte tag            |
//!
//! The 37 header bytes are the cipher's additional authenticated data, so
//! a changed header fails like a changed ciphertext. The key is PBKDF2 with
//! HMAC-SHA256 over the UTF-8 bytes of the *normalised* code
//! ([`normalize_code`]), 32 bytes long. In an HTML page the envelope is
//! standard base64 with padding ([`SiteKey::seal_text`]); a sealed file on
//! its own (an image) is the raw bytes.

use aes_gcm::aead::{AeadInPlace, KeyInit};
use aes_gcm::{Aes256Gcm, Key, Nonce};
use std::io::Write as _;

use base64::Engine as _;

use crate::error::Diagnostic;
use crate::msg;

/// The first four bytes of every sealed file.
pub(crate) const MAGIC: [u8; 4] = *b"HLDR";
/// The envelope version this module writes and reads.
pub(crate) const VERSION: u8 = 1;
/// PBKDF2 rounds for a new key: OWASP's 2023 advice for PBKDF2-HMAC-SHA256.
pub(crate) const ITERATIONS: u32 = 600_000;
// Spec §6: never fewer.
const _: () = assert!(ITERATIONS >= 600_000);
pub(crate) const SALT_LEN: usize = 16;
pub(crate) const NONCE_LEN: usize = 12;
pub(crate) const TAG_LEN: usize = 16;
/// Magic, version, iterations, salt, nonce.
pub(crate) const HEADER_LEN: usize = 4 + 1 + 4 + SALT_LEN + NONCE_LEN;

/// The key of one private site for one build. Made once (slowly), then used
/// to seal any number of files, from any number of threads.
pub(crate) struct SiteKey {
    cipher: Aes256Gcm,
    salt: [u8; SALT_LEN],
    iterations: u32,
}

impl std::fmt::Debug for SiteKey {
    // Never the key itself.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SiteKey")
            .field("iterations", &self.iterations)
            .finish_non_exhaustive()
    }
}

impl SiteKey {
    /// A new key for `code` with a fresh random salt and [`ITERATIONS`]
    /// rounds. Takes about a fifth of a second; call it once per site.
    #[cfg(test)]
    pub(crate) fn derive(code: &str) -> Result<SiteKey, SealError> {
        SiteKey::derive_with_iterations(code, ITERATIONS)
    }

    /// [`derive`](Self::derive) with another round count: only for tests,
    /// where 600,000 rounds of unoptimised generic code take seconds.
    pub(crate) fn derive_with_iterations(
        code: &str,
        iterations: u32,
    ) -> Result<SiteKey, SealError> {
        let mut salt = [0u8; SALT_LEN];
        random(&mut salt)?;
        Ok(SiteKey::with_salt(code, salt, iterations))
    }

    /// The key for `code` with a given salt and round count (to open an
    /// envelope, or in tests with fewer rounds).
    pub(crate) fn with_salt(code: &str, salt: [u8; SALT_LEN], iterations: u32) -> SiteKey {
        let normalized = normalize_code(code);
        let mut key = Key::<Aes256Gcm>::default();
        helder_kdf::pbkdf2_hmac_sha256(normalized.as_bytes(), &salt, iterations, &mut key);
        SiteKey {
            cipher: Aes256Gcm::new(&key),
            salt,
            iterations,
        }
    }

    #[cfg(test)]
    pub(crate) fn iterations(&self) -> u32 {
        self.iterations
    }

    #[cfg(test)]
    pub(crate) fn salt(&self) -> [u8; SALT_LEN] {
        self.salt
    }

    /// `plaintext` sealed into an envelope, under a fresh random nonce.
    pub(crate) fn seal(&self, plaintext: &[u8]) -> Result<Vec<u8>, SealError> {
        let header = self.header()?;
        let mut out = Vec::with_capacity(HEADER_LEN + plaintext.len() + TAG_LEN);
        out.extend_from_slice(&header);
        out.extend_from_slice(plaintext);
        let tag = self.encrypt(&header, &mut out[HEADER_LEN..])?;
        out.extend_from_slice(&tag);
        Ok(out)
    }

    /// [`seal`](Self::seal), encrypting `plaintext` in its own buffer: a
    /// big page (a large site's readability report, megabytes) is never
    /// copied, and [`Envelope::write_base64`] writes it out piece by piece.
    pub(crate) fn seal_owned(&self, mut plaintext: Vec<u8>) -> Result<Envelope, SealError> {
        let header = self.header()?;
        let tag = self.encrypt(&header, &mut plaintext)?;
        Ok(Envelope {
            header,
            body: plaintext,
            tag,
        })
    }

    /// [`seal`](Self::seal) as base64 text, to embed in an HTML page.
    pub(crate) fn seal_text(&self, plaintext: &[u8]) -> Result<String, SealError> {
        Ok(base64::engine::general_purpose::STANDARD.encode(self.seal(plaintext)?))
    }

    /// Magic, version, rounds, salt and a fresh random nonce.
    fn header(&self) -> Result<[u8; HEADER_LEN], SealError> {
        let mut header = [0u8; HEADER_LEN];
        header[..4].copy_from_slice(&MAGIC);
        header[4] = VERSION;
        header[5..9].copy_from_slice(&self.iterations.to_be_bytes());
        header[9..9 + SALT_LEN].copy_from_slice(&self.salt);
        random(&mut header[9 + SALT_LEN..])?;
        Ok(header)
    }

    /// Encrypts `body` in place under the header's nonce, the header as
    /// additional data; gives the tag.
    fn encrypt(
        &self,
        header: &[u8; HEADER_LEN],
        body: &mut [u8],
    ) -> Result<[u8; TAG_LEN], SealError> {
        let nonce = Nonce::from_slice(&header[HEADER_LEN - NONCE_LEN..]);
        let tag = self
            .cipher
            .encrypt_in_place_detached(nonce, header, body)
            // Only for messages over 64 GiB, which a school site does not have.
            .map_err(|_| SealError::TooLong)?;
        Ok(tag.into())
    }

    /// The plaintext of an envelope sealed with this key (same salt and
    /// rounds; otherwise it was sealed by another build or site).
    #[cfg(test)]
    pub(crate) fn open(&self, envelope: &[u8]) -> Result<Vec<u8>, OpenError> {
        let header = Header::parse(envelope)?;
        if header.salt != self.salt || header.iterations != self.iterations {
            return Err(OpenError::WrongCodeOrDamaged);
        }
        self.open_unchecked(envelope, &header)
    }

    fn open_unchecked(&self, envelope: &[u8], header: &Header) -> Result<Vec<u8>, OpenError> {
        let (head, sealed) = envelope.split_at(HEADER_LEN);
        let (ciphertext, tag) = sealed.split_at(sealed.len() - TAG_LEN);
        let mut plaintext = ciphertext.to_vec();
        self.cipher
            .decrypt_in_place_detached(
                Nonce::from_slice(&header.nonce),
                head,
                &mut plaintext,
                aes_gcm::Tag::from_slice(tag),
            )
            .map_err(|_| OpenError::WrongCodeOrDamaged)?;
        Ok(plaintext)
    }
}

/// A sealed envelope kept in its three parts (header, ciphertext, tag):
/// the same bytes as [`SiteKey::seal`] gives, without joining them.
pub(crate) struct Envelope {
    header: [u8; HEADER_LEN],
    body: Vec<u8>,
    tag: [u8; TAG_LEN],
}

impl Envelope {
    /// The envelope as standard base64 with padding, as
    /// [`SiteKey::seal_text`] gives it, written through `out` in pieces.
    pub(crate) fn write_base64(&self, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        let mut encoder =
            base64::write::EncoderWriter::new(out, &base64::engine::general_purpose::STANDARD);
        encoder.write_all(&self.header)?;
        encoder.write_all(&self.body)?;
        encoder.write_all(&self.tag)?;
        encoder.finish()?;
        Ok(())
    }
}

/// Opens an envelope with the code alone, deriving the key from the salt
/// and rounds in its header (as the browser does). Slow: one derivation.
pub(crate) fn open(code: &str, envelope: &[u8]) -> Result<Vec<u8>, OpenError> {
    let header = Header::parse(envelope)?;
    SiteKey::with_salt(code, header.salt, header.iterations).open_unchecked(envelope, &header)
}

/// [`open`] for the base64 text form.
pub(crate) fn open_text(code: &str, text: &str) -> Result<Vec<u8>, OpenError> {
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(text.trim())
        .map_err(|_| OpenError::NotSealed)?;
    open(code, &bytes)
}

/// The readable part of an envelope.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Header {
    pub iterations: u32,
    pub salt: [u8; SALT_LEN],
    pub nonce: [u8; NONCE_LEN],
}

impl Header {
    pub(crate) fn parse(envelope: &[u8]) -> Result<Header, OpenError> {
        if envelope.len() < HEADER_LEN + TAG_LEN || envelope[..4] != MAGIC {
            return Err(OpenError::NotSealed);
        }
        if envelope[4] != VERSION {
            return Err(OpenError::UnknownVersion(envelope[4]));
        }
        let take = |from: usize, to: usize| &envelope[from..to];
        Ok(Header {
            iterations: u32::from_be_bytes(take(5, 9).try_into().expect("4 bytes")),
            salt: take(9, 25).try_into().expect("16 bytes"),
            nonce: take(25, HEADER_LEN).try_into().expect("12 bytes"),
        })
    }
}

/// The code as the key is made from it: phones capitalise the first letter
/// and parents type spaces where the letter shows dashes, so A-Z become
/// a-z, and every run of spaces, tabs, line breaks, no-break spaces and
/// dashes becomes one dash, none at either end. "Zon fiets-appel  boek"
/// opens what "zon-fiets-appel-boek" sealed. Other characters stay as they
/// are. `slot.js` does exactly the same (`normalizeCode`).
pub(crate) fn normalize_code(code: &str) -> String {
    let mut out = String::with_capacity(code.len());
    let mut pending_dash = false;
    for c in code.chars() {
        if matches!(c, ' ' | '\t' | '\n' | '\r' | '\u{a0}' | '-') {
            pending_dash = !out.is_empty();
            continue;
        }
        if pending_dash {
            out.push('-');
            pending_dash = false;
        }
        out.push(c.to_ascii_lowercase());
    }
    out
}

/// Fills `buf` from the operating system's CSPRNG.
pub(crate) fn random(buf: &mut [u8]) -> Result<(), SealError> {
    getrandom::fill(buf).map_err(|e| SealError::Random(e.to_string()))
}

/// Sealing failed: no randomness from the system (or an absurdly big file).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SealError {
    Random(String),
    TooLong,
}

impl std::fmt::Display for SealError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SealError::Random(reason) => write!(f, "{}", msg!("privacy.toeval", reden = reason)),
            SealError::TooLong => write!(f, "{}", msg!("privacy.te-groot")),
        }
    }
}

impl std::error::Error for SealError {}

impl From<SealError> for Diagnostic {
    fn from(e: SealError) -> Diagnostic {
        Diagnostic::usage(e.to_string()).help(msg!("privacy.toeval-hulp"))
    }
}

/// Opening failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum OpenError {
    /// Not an envelope at all (too short, no magic, bad base64).
    NotSealed,
    /// An envelope of a later helder.
    UnknownVersion(u8),
    /// AES-GCM refused: another code, another build, or changed bytes.
    WrongCodeOrDamaged,
}

impl std::fmt::Display for OpenError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text = match self {
            OpenError::NotSealed => msg!("privacy.open-geen-envelop"),
            OpenError::UnknownVersion(v) => msg!("privacy.open-versie", versie = v),
            OpenError::WrongCodeOrDamaged => msg!("privacy.open-mislukt"),
        };
        write!(f, "{text}")
    }
}

impl std::error::Error for OpenError {}

#[cfg(test)]
mod tests {
    use super::*;

    /// Few rounds, so the tests are quick; one test uses the real count.
    fn quick_key(code: &str) -> SiteKey {
        SiteKey::derive_with_iterations(code, 1_000).unwrap()
    }

    #[test]
    fn a_sealed_text_opens_with_its_code() {
        let key = quick_key("zon-fiets-appel-boek");
        let envelope = key.seal(b"Foto's van de Kanjertraining").unwrap();
        assert_eq!(&envelope[..4], b"HLDR");
        assert_eq!(
            envelope.len(),
            HEADER_LEN + "Foto's van de Kanjertraining".len() + TAG_LEN
        );
        assert_eq!(
            key.open(&envelope).unwrap(),
            b"Foto's van de Kanjertraining"
        );
        assert_eq!(
            open("zon-fiets-appel-boek", &envelope).unwrap(),
            b"Foto's van de Kanjertraining"
        );
        let text = key.seal_text(b"").unwrap();
        assert_eq!(open_text("zon-fiets-appel-boek", &text).unwrap(), b"");
    }

    #[test]
    fn a_streamed_envelope_opens_like_a_joined_one() {
        let key = quick_key("zon-fiets-appel-boek");
        // Lengths around base64's groups of three bytes.
        for len in [0, 1, 2, 3, 4, 5, 100_000] {
            let text: Vec<u8> = (0..len).map(|i| b'a' + (i % 26) as u8).collect();
            let envelope = key.seal_owned(text.clone()).unwrap();
            let mut base64 = Vec::new();
            envelope.write_base64(&mut base64).unwrap();
            let base64 = String::from_utf8(base64).unwrap();
            assert_eq!(base64.len(), (HEADER_LEN + len + TAG_LEN).div_ceil(3) * 4);
            assert_eq!(open_text("zon-fiets-appel-boek", &base64).unwrap(), text);
        }
    }

    #[test]
    fn a_wrong_code_does_not_open() {
        let key = quick_key("zon-fiets-appel-boek");
        let envelope = key.seal(b"geheim").unwrap();
        assert_eq!(
            open("zon-fiets-appel-boot", &envelope),
            Err(OpenError::WrongCodeOrDamaged)
        );
        assert_eq!(
            quick_key("zon-fiets-appel-boek").open(&envelope),
            Err(OpenError::WrongCodeOrDamaged),
            "same code, another salt (another build)"
        );
    }

    #[test]
    fn the_same_bytes_seal_differently_each_time() {
        let key = quick_key("code");
        let (a, b) = (key.seal(b"zelfde").unwrap(), key.seal(b"zelfde").unwrap());
        assert_ne!(a, b);
        assert_eq!(a[..25], b[..25], "one salt per key");
        assert_ne!(a[25..HEADER_LEN], b[25..HEADER_LEN], "a nonce per file");
    }

    #[test]
    fn every_changed_byte_is_noticed() {
        let key = quick_key("code");
        let envelope = key.seal(b"de klas gaat naar het bos").unwrap();
        // Iterations, salt, nonce, ciphertext and tag: each one flipped bit fails.
        for i in 5..envelope.len() {
            let mut bad = envelope.clone();
            bad[i] ^= 0x01;
            assert!(key.open(&bad).is_err(), "byte {i} changed unnoticed");
        }
        // With the code alone, the rounds, salt and nonce come from the header.
        for i in [8, 9, 24, 25, HEADER_LEN - 1, HEADER_LEN, envelope.len() - 1] {
            let mut bad = envelope.clone();
            bad[i] ^= 0x01;
            assert!(open("code", &bad).is_err(), "byte {i} changed unnoticed");
        }
        let mut bad = envelope.clone();
        bad[4] = 2;
        assert_eq!(open("code", &bad), Err(OpenError::UnknownVersion(2)));
        assert_eq!(
            open("code", &envelope[..HEADER_LEN + 3]),
            Err(OpenError::NotSealed)
        );
        assert_eq!(open_text("code", "<p>"), Err(OpenError::NotSealed));
    }

    #[test]
    fn a_new_key_records_its_rounds_and_salt() {
        let key = SiteKey::derive("zon-fiets-appel-boek").unwrap();
        assert_eq!(key.iterations(), ITERATIONS);
        let envelope = key.seal(b"x").unwrap();
        let header = Header::parse(&envelope).unwrap();
        assert_eq!(header.iterations, 600_000);
        assert_eq!(
            u32::from_be_bytes(envelope[5..9].try_into().unwrap()),
            600_000
        );
        assert_eq!(header.salt, key.salt());
        assert_eq!(key.open(&envelope).unwrap(), b"x");
        assert_ne!(
            quick_key("zon-fiets-appel-boek").salt(),
            quick_key("zon-fiets-appel-boek").salt(),
            "a fresh salt per site and build"
        );
        assert!(format!("{key:?}").contains("600000"));
    }

    #[test]
    fn one_key_seals_many_files_in_parallel_with_distinct_nonces() {
        use rayon::prelude::*;
        let key = quick_key("code");
        let nonces: std::collections::BTreeSet<Vec<u8>> = (0..2_000u32)
            .into_par_iter()
            .map(|i| {
                let envelope = key.seal(&i.to_be_bytes()).unwrap();
                assert_eq!(key.open(&envelope).unwrap(), i.to_be_bytes());
                envelope[25..HEADER_LEN].to_vec()
            })
            .collect();
        assert_eq!(nonces.len(), 2_000);
    }

    #[test]
    fn codes_are_normalised_for_phones() {
        let key = quick_key("zon-fiets-appel-boek");
        let envelope = key.seal(b"x").unwrap();
        assert_eq!(open("Zon Fiets appel-boek ", &envelope).unwrap(), b"x");
        assert_eq!(
            normalize_code("zon-fiets-appel-boek"),
            "zon-fiets-appel-boek"
        );
        assert_eq!(
            normalize_code(" Zon  Fiets\u{a0}-appel BOEK\n"),
            "zon-fiets-appel-boek"
        );
        assert_eq!(normalize_code("--a--b--"), "a-b");
        assert_eq!(normalize_code("Één"), "Één", "only A-Z change");
        assert_eq!(normalize_code(""), "");
    }
}
