//! PBKDF2-HMAC-SHA256 (RustCrypto's `pbkdf2` and `sha2`) behind one
//! function that is not generic.
//!
//! Why a crate of its own: `pbkdf2_hmac::<Sha256>` is generic, so its
//! 600,000 rounds are compiled into the crate that calls it, at that
//! crate's optimisation level. helder's debug and test builds are
//! unoptimised, where one key took seconds; this crate is optimised in
//! every profile (see `[profile.dev.package.helder-kdf]` in helder's
//! Cargo.toml), so tests and `helder build` in debug derive real keys fast.

#![forbid(unsafe_code)]

/// Fills `out` with the key PBKDF2-HMAC-SHA256 derives from `password`
/// and `salt` in `rounds` iterations.
pub fn pbkdf2_hmac_sha256(password: &[u8], salt: &[u8], rounds: u32, out: &mut [u8]) {
    pbkdf2::pbkdf2_hmac::<sha2::Sha256>(password, salt, rounds, out);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 7914, section 11: PBKDF2-HMAC-SHA256, P = "passwd", S = "salt",
    /// c = 1, dkLen = 64.
    #[test]
    fn matches_the_published_test_vector() {
        let mut out = [0u8; 64];
        pbkdf2_hmac_sha256(b"passwd", b"salt", 1, &mut out);
        let hex: String = out.iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(
            hex,
            "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc\
             49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783"
        );
    }
}
