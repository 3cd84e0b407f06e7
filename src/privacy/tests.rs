//! Rust seals, the browser's script opens: `slot.js` run by node (WebCrypto
//! as in a browser) must read what [`seal`](super::seal) writes.
//!
//! It needs Node.js 18 or later (`node` on the PATH) and fails, rather than
//! skips, without it: a silent skip would let the two sides drift apart.

use std::io::ErrorKind;
use std::path::Path;
use std::process::Command;

use super::seal::{SiteKey, ITERATIONS};

const CODE: &str = "zon-fiets-appel-boek";
const TEXT: &str =
    "<!doctype html><title>Groep 5</title><p>Foto's van de Kanjertraining — één, twee, drie 🎉</p>";

/// Runs `script` in node with slot.js's functions as `slot`, and the given
/// arguments as `args`; returns what the script printed.
fn node(script: &str, args: &[&str]) -> String {
    let slot_js = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/helder/static/assets/slot.js");
    let runner = format!(
        "if (!globalThis.crypto) globalThis.crypto = require('crypto').webcrypto;\n\
         const slot = require(process.argv[1]);\n\
         const args = process.argv.slice(2);\n\
         (async () => {{ {script} }})().catch(e => {{ console.error(e); process.exit(1); }});"
    );
    let result = Command::new("node")
        .arg("-e")
        .arg(&runner)
        .arg(&slot_js)
        .args(args)
        .output();
    let result = match result {
        Ok(result) => result,
        Err(e) if e.kind() == ErrorKind::NotFound => panic!(
            "this test needs Node.js 18 or later to run assets/slot.js, but `node` is not on \
             the PATH: install Node.js (https://nodejs.org/, or e.g. `apt install nodejs`) \
             and run it again"
        ),
        Err(e) => panic!("could not start node: {e}"),
    };
    assert!(
        result.status.success(),
        "node failed on slot.js ({}):\n{}",
        result.status,
        String::from_utf8_lossy(&result.stderr)
    );
    String::from_utf8(result.stdout).expect("node printed UTF-8")
}

/// With the real number of rounds: what Rust seals, slot.js opens with the
/// code (also as a phone types it), and refuses with another code.
#[test]
fn slot_js_opens_what_rust_seals() {
    let key = SiteKey::derive(CODE).unwrap();
    assert_eq!(key.iterations(), ITERATIONS);
    let envelope = key.seal_text(TEXT.as_bytes()).unwrap();
    let out = node(
        "const [code, other, typed, envelope] = args;\n\
         const text = await slot.openText(code, envelope);\n\
         const typedText = await slot.openText(typed, envelope);\n\
         let wrong;\n\
         try { await slot.openText(other, envelope); wrong = 'opened'; }\n\
         catch (e) { wrong = e.reason; }\n\
         console.log(JSON.stringify({ text, typedText, wrong }));",
        &[
            CODE,
            "zon-fiets-appel-boot",
            "Zon fiets Appel  boek ",
            &envelope,
        ],
    );
    let got: serde_json::Value = serde_json::from_str(out.trim()).expect("JSON from node");
    assert_eq!(got["text"], TEXT);
    assert_eq!(got["typedText"], TEXT, "normalised the same way");
    assert_eq!(got["wrong"], "wrong", "a wrong code must fail");
}

/// A sealed file (an image) opens under a key derived once, as the page
/// does with its remembered key; a changed byte is refused.
#[test]
fn slot_js_opens_sealed_files_with_one_key() {
    let key = SiteKey::with_salt(CODE, [7; 16], 1_000);
    let image: Vec<u8> = (0..=255u8).cycle().take(5_000).collect();
    let sealed = key.seal(&image).unwrap();
    let mut changed = sealed.clone();
    *changed.last_mut().unwrap() ^= 1;
    let b64 = |bytes: &[u8]| {
        use base64::Engine as _;
        base64::engine::general_purpose::STANDARD.encode(bytes)
    };
    let out = node(
        "const [code, sealed, changed] = args.map((a, i) => i ? slot.base64ToBytes(a) : a);\n\
         const env = slot.parseEnvelope(sealed);\n\
         const key = await slot.deriveKey(code, env.salt, env.iterations);\n\
         const blob = await slot.sealedBlob(key, sealed, 'image/png');\n\
         const bytes = Buffer.from(await blob.arrayBuffer()).toString('base64');\n\
         let refused;\n\
         try { await slot.sealedBlob(key, changed, 'image/png'); refused = 'no'; }\n\
         catch (e) { refused = e.reason; }\n\
         let broken;\n\
         try { slot.parseEnvelope(new Uint8Array(10)); } catch (e) { broken = e.reason; }\n\
         console.log(JSON.stringify({ iterations: env.iterations, type: blob.type, bytes, refused, broken }));",
        &[CODE, &b64(&sealed), &b64(&changed)],
    );
    let got: serde_json::Value = serde_json::from_str(out.trim()).expect("JSON from node");
    assert_eq!(got["iterations"], 1_000);
    assert_eq!(got["type"], "image/png");
    assert_eq!(got["bytes"], b64(&image));
    assert_eq!(got["refused"], "wrong");
    assert_eq!(got["broken"], "broken");
}

/// The same normalisation on both sides, also for odd input.
#[test]
fn slot_js_normalises_codes_like_rust() {
    let inputs = [
        "zon-fiets-appel-boek",
        "  Zon  FIETS\u{a0}appel\tboek\n",
        "--a--b--",
        "Één-ÀB",
        "",
        "k8#Lp2!x9Qz4",
    ];
    let json = serde_json::to_string(&inputs).unwrap();
    let out = node(
        "console.log(JSON.stringify(JSON.parse(args[0]).map(slot.normalizeCode)));",
        &[&json],
    );
    let got: Vec<String> = serde_json::from_str(out.trim()).expect("JSON from node");
    let want: Vec<String> = inputs
        .iter()
        .map(|c| super::seal::normalize_code(c))
        .collect();
    assert_eq!(got, want);
}

#[test]
fn every_private_site_gets_its_own_key() {
    let codes = super::codes::parse(
        "groep-5 = \"zon-fiets-appel-boek\"\nteam = \"kaas-brood-melk-thee\"\n",
        &["groep-5", "team"],
        &|_| None,
    )
    .unwrap();
    let keys = super::derive_keys_with(&codes, &["groep-5", "team"], 1_000).unwrap();
    assert_eq!(keys.len(), 2);
    assert_ne!(keys["groep-5"].salt(), keys["team"].salt());
    let sealed = keys["team"].seal(b"notulen").unwrap();
    assert_eq!(
        super::seal::open("kaas brood melk thee", &sealed).unwrap(),
        b"notulen"
    );
    let err = super::derive_keys(&codes, &["groep-5", "groep-6"]).unwrap_err();
    assert!(err.to_string().contains("groep-6"), "{err}");
    let (open, close) = super::slot_tags("groep-5\"");
    assert_eq!(
        format!("{open}QUJD{close}"),
        "<script type=\"application/octet-stream\" id=\"helder-slot\" \
         data-site=\"groep-5&quot;\">QUJD</script>"
    );
}
