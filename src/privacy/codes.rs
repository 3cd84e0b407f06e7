//! The codes of private sites: `codes.toml` beside `book.toml`
//! (`groep-5 = "zon-fiets-appel-boek"`), overridden by `HELDER_CODE_<ID>`
//! in the environment; new codes of four words; how strong a code is.
//!
//! The file is secret: it is never copied to the output, and writing it
//! keeps what the coordinator wrote (lines, comments) and only adds lines.

use std::collections::BTreeMap;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use crate::error::{did_you_mean, line_col, Diagnostic, Errors};
use crate::msg;
use crate::privacy::seal::{normalize_code, random, SealError};

/// The file name, beside `book.toml`.
pub(crate) const CODES_FILE: &str = "codes.toml";
/// Below this a code is a warning: a guess per millisecond (each guess costs
/// one slow key derivation) still takes decades at 40 bits.
pub(crate) const MIN_BITS: f64 = 40.0;
/// Words in a new code: 4 × 11 = 44 bits.
pub(crate) const WORDS_PER_CODE: usize = 4;

/// Where a code came from, for messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Origin {
    /// A line of `codes.toml`.
    File { line: usize },
    /// `HELDER_CODE_<ID>`.
    Env { var: String },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Code {
    pub code: String,
    pub origin: Origin,
}

/// The codes of one site on disk, after the environment's overrides.
#[derive(Debug, Clone, Default)]
pub(crate) struct Codes {
    /// By site id.
    pub codes: BTreeMap<String, Code>,
    /// Weak or hard-to-type codes, codes for sites that are not private.
    pub warnings: Vec<Diagnostic>,
}

impl Codes {
    pub(crate) fn get(&self, site: &str) -> Option<&str> {
        self.codes.get(site).map(|c| c.code.as_str())
    }

    /// Private sites without a code, in the order given.
    pub(crate) fn missing<'a>(&self, private: &[&'a str]) -> Vec<&'a str> {
        private
            .iter()
            .copied()
            .filter(|id| !self.codes.contains_key(*id))
            .collect()
    }

    /// An error for each private site without a code (a build needs all).
    pub(crate) fn require(&self, private: &[&str]) -> Result<(), Errors> {
        let errors = self
            .missing(private)
            .into_iter()
            .map(|site| {
                Diagnostic::site(msg!("privacy.code-ontbreekt", site = site))
                    .in_file(CODES_FILE)
                    .help(msg!("privacy.code-ontbreekt-hulp"))
            })
            .collect();
        Errors(errors).into_result(())
    }
}

/// `HELDER_CODE_<ID>`: upper case, `-` → `_`.
pub(crate) fn env_var(site: &str) -> String {
    format!(
        "HELDER_CODE_{}",
        site.to_ascii_uppercase().replace('-', "_")
    )
}

/// Reads `codes.toml` in `root` (absent: no codes) and the environment.
/// `private` are the private site ids; a code for any other id is a warning.
pub(crate) fn load(root: &Path, private: &[&str]) -> Result<Codes, Errors> {
    load_with_env(root, private, &|var| std::env::var(var).ok())
}

/// [`load`] with the environment as a function (for tests).
pub(crate) fn load_with_env(
    root: &Path,
    private: &[&str],
    env: &dyn Fn(&str) -> Option<String>,
) -> Result<Codes, Errors> {
    let text = read_codes_file(root)?;
    parse(&text, private, env)
}

fn read_codes_file(root: &Path) -> Result<String, Errors> {
    match std::fs::read_to_string(root.join(CODES_FILE)) {
        Ok(text) => Ok(text),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(String::new()),
        Err(e) => {
            Err(Diagnostic::io(Path::new(CODES_FILE), &msg!("privacy.io-codes-lezen"), &e).into())
        }
    }
}

/// The codes in the text of a `codes.toml`, then the environment's.
pub(crate) fn parse(
    text: &str,
    private: &[&str],
    env: &dyn Fn(&str) -> Option<String>,
) -> Result<Codes, Errors> {
    let mut codes = Codes::default();
    let mut errors = Errors::new();
    for (site, value) in file_entries(text)? {
        match value {
            Ok((code, line)) => {
                let origin = Origin::File { line };
                codes.codes.insert(site, Code { code, origin });
            }
            Err(d) => errors.push(d),
        }
    }
    for site in codes.codes.keys() {
        if !private.contains(&site.as_str()) {
            codes
                .warnings
                .push(unknown_site(site, &codes.codes[site], private));
        }
    }
    let from_file: Vec<String> = codes.codes.keys().cloned().collect();
    for site in private.iter().map(|s| s.to_string()).chain(from_file) {
        let var = env_var(&site);
        if let Some(code) = env(&var) {
            let origin = Origin::Env { var };
            codes.codes.insert(site, Code { code, origin });
        }
    }
    for (site, code) in &codes.codes {
        let (errs, warns) = judge(site, code);
        errors.extend(errs);
        codes.warnings.extend(warns);
    }
    errors.into_result(codes)
}

/// (site, Ok((code, line)) or the error of a value that is not text).
type Entry = (String, Result<(String, usize), Diagnostic>);

fn file_entries(text: &str) -> Result<Vec<Entry>, Errors> {
    let table = toml::de::DeTable::parse(text).map_err(|e| {
        let mut d = Diagnostic::site(msg!("privacy.codes-toml", reden = e.message().trim()))
            .in_file(CODES_FILE)
            .help(msg!("privacy.codes-vorm-hulp"));
        if let Some(span) = e.span() {
            let (line, column) = line_col(text, span.start);
            d = d.at(line, column);
        }
        Errors::from(d)
    })?;
    let entries = table
        .into_inner()
        .into_iter()
        .map(|(key, value)| {
            let site = key.get_ref().to_string();
            let (line, column) = line_col(text, key.span().start);
            let value = match value.into_inner() {
                toml::de::DeValue::String(code) => Ok((code.to_string(), line)),
                other => Err(Diagnostic::site(msg!(
                    "privacy.codes-geen-tekst",
                    site = site,
                    soort = other.type_str()
                ))
                .in_file(CODES_FILE)
                .at(line, column)
                .help(msg!("privacy.codes-vorm-hulp"))),
            };
            (site, value)
        })
        .collect();
    Ok(entries)
}

/// A diagnostic about `code` placed where it came from.
fn placed(diagnostic: Diagnostic, code: &Code) -> Diagnostic {
    match &code.origin {
        Origin::File { line } => diagnostic.in_file(CODES_FILE).at_line(*line),
        Origin::Env { var } => diagnostic.in_file(var),
    }
}

fn unknown_site(site: &str, code: &Code, private: &[&str]) -> Diagnostic {
    let help = match did_you_mean(site, private.iter().copied()) {
        Some(close) => msg!("privacy.codes-onbekend-bedoel", site = close),
        None => msg!("privacy.codes-onbekend-hulp"),
    };
    placed(
        Diagnostic::site(msg!("privacy.codes-onbekend", site = site)).help(help),
        code,
    )
}

/// (errors, warnings) about one code: empty is an error; weak or hard to
/// type on a phone is a warning.
fn judge(site: &str, code: &Code) -> (Errors, Vec<Diagnostic>) {
    let mut errors = Errors::new();
    let mut warnings = Vec::new();
    if normalize_code(&code.code).is_empty() {
        let d = Diagnostic::site(msg!("privacy.code-leeg", site = site))
            .help(msg!("privacy.code-zwak-hulp"));
        errors.push(placed(d, code));
        return (errors, warnings);
    }
    let bits = strength_bits(&code.code);
    if bits < MIN_BITS {
        let d = Diagnostic::site(msg!(
            "privacy.code-zwak",
            site = site,
            bits = bits.floor(),
            minimum = MIN_BITS
        ))
        .help(msg!("privacy.code-zwak-hulp"));
        warnings.push(placed(d, code));
    }
    let hard = hard_to_type(&code.code);
    if !hard.is_empty() {
        let shown: Vec<String> = hard.iter().map(|c| format!("{c:?}")).collect();
        let d = Diagnostic::site(msg!(
            "privacy.code-tekens",
            site = site,
            tekens = shown.join(" ")
        ))
        .help(msg!("privacy.code-tekens-hulp"));
        warnings.push(placed(d, code));
    }
    (errors, warnings)
}

/// Characters a parent can not easily type on a phone: anything but a-z,
/// 0-9, `-` and space (each once, in order of appearance).
pub(crate) fn hard_to_type(code: &str) -> Vec<char> {
    let mut found = Vec::new();
    for c in code.chars() {
        let easy = c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == ' ';
        if !easy && !found.contains(&c) {
            found.push(c);
        }
    }
    found
}

/// The words new codes are made of (src/privacy/data/code-words.txt).
pub(crate) fn words() -> &'static [&'static str] {
    static WORDS: OnceLock<Vec<&'static str>> = OnceLock::new();
    WORDS.get_or_init(|| {
        include_str!("data/code-words.txt")
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect()
    })
}

/// About how many bits of guessing a code takes. A code made of words from
/// the list counts log2(list size) = 11 bits a word; any other code counts
/// its length (after [`normalize_code`]) times log2 of the alphabet its
/// character classes suggest. Generous for patterns ("aaaaaaaaaa"), which
/// is why four list words are what `helder codes` makes.
pub(crate) fn strength_bits(code: &str) -> f64 {
    let normalized = normalize_code(code);
    if normalized.is_empty() {
        return 0.0;
    }
    let list = words();
    let parts: Vec<&str> = normalized.split('-').collect();
    if parts.iter().all(|p| list.binary_search(p).is_ok()) {
        return parts.len() as f64 * (list.len() as f64).log2();
    }
    let has = |f: fn(&char) -> bool| normalized.chars().any(|c| f(&c));
    let mut alphabet = 0u32;
    if has(char::is_ascii_lowercase) {
        alphabet += 26;
    }
    if has(char::is_ascii_digit) {
        alphabet += 10;
    }
    if has(|c| *c == '-') {
        alphabet += 1;
    }
    if has(|c| c.is_ascii_punctuation() && *c != '-') {
        alphabet += 32;
    }
    if has(|c| !c.is_ascii()) {
        alphabet += 64;
    }
    normalized.chars().count() as f64 * f64::from(alphabet.max(2)).log2()
}

/// A new code: [`WORDS_PER_CODE`] words from the list, drawn with the
/// operating system's CSPRNG, joined by dashes.
pub(crate) fn generate() -> Result<String, SealError> {
    let list = words();
    let mut chosen = Vec::with_capacity(WORDS_PER_CODE);
    for _ in 0..WORDS_PER_CODE {
        chosen.push(list[uniform_below(list.len())?]);
    }
    Ok(chosen.join("-"))
}

/// A uniform index below `n` (rejection sampling: no modulo bias).
fn uniform_below(n: usize) -> Result<usize, SealError> {
    let n = n as u32;
    let zone = u32::MAX - (u32::MAX % n);
    loop {
        let mut bytes = [0u8; 4];
        random(&mut bytes)?;
        let value = u32::from_be_bytes(bytes);
        if value < zone {
            return Ok((value % n) as usize);
        }
    }
}

/// `helder codes`: a new code for each private site that has none (in the
/// file or the environment), added to `codes.toml` in `root` after what is
/// there, written atomically. Returns the added (site, code) pairs.
pub(crate) fn add_missing(
    root: &Path,
    private: &[&str],
    env: &dyn Fn(&str) -> Option<String>,
) -> Result<Vec<(String, String)>, Errors> {
    let text = read_codes_file(root)?;
    // Bad TOML is reported, not overwritten; weak codes are kept.
    let codes = parse(&text, private, env)?;
    let mut added = Vec::new();
    for site in codes.missing(private) {
        added.push((site.to_string(), generate().map_err(Diagnostic::from)?));
    }
    if added.is_empty() {
        return Ok(added);
    }
    let mut new_text = text;
    if !new_text.is_empty() && !new_text.ends_with('\n') {
        new_text.push('\n');
    }
    for (site, code) in &added {
        new_text.push_str(&format!("{} = {}\n", toml_key(site), toml_string(code)));
    }
    write_atomically(&root.join(CODES_FILE), &new_text)?;
    Ok(added)
}

/// A bare key when TOML allows it, else a quoted one.
fn toml_key(key: &str) -> String {
    let bare = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if bare {
        key.to_string()
    } else {
        toml_string(key)
    }
}

fn toml_string(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

/// Writes through a temporary file in the same folder, renamed over the
/// old one: a crash leaves the old file or the new, never half of one. The
/// temporary file is made readable by its owner only, so the codes are too.
fn write_atomically(path: &Path, text: &str) -> Result<(), Errors> {
    let shown = PathBuf::from(CODES_FILE);
    let action = msg!("privacy.io-codes-schrijven");
    let folder = path.parent().unwrap_or(Path::new("."));
    let mut file =
        tempfile::NamedTempFile::new_in(folder).map_err(|e| Diagnostic::io(&shown, &action, &e))?;
    file.write_all(text.as_bytes())
        .and_then(|()| file.as_file().sync_all())
        .map_err(|e| Diagnostic::io(&shown, &action, &e))?;
    file.persist(path)
        .map_err(|e| Diagnostic::io(&shown, &action, &e.error))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn no_env(_: &str) -> Option<String> {
        None
    }

    #[test]
    fn the_word_list_is_plain_and_big_enough() {
        let list = words();
        assert_eq!(list.len(), 2048, "11 bits a word");
        assert!(
            list.windows(2).all(|w| w[0] < w[1]),
            "sorted, no duplicates"
        );
        for word in list {
            assert!(
                (3..=8).contains(&word.len()) && word.chars().all(|c| c.is_ascii_lowercase()),
                "{word}"
            );
        }
    }

    #[test]
    fn a_new_code_is_four_list_words_and_strong() {
        let code = generate().unwrap();
        let parts: Vec<&str> = code.split('-').collect();
        assert_eq!(parts.len(), 4, "{code}");
        assert!(parts.iter().all(|p| words().binary_search(p).is_ok()));
        assert_eq!(strength_bits(&code), 44.0);
        assert_ne!(generate().unwrap(), code);
        assert!(hard_to_type(&code).is_empty());
    }

    #[test]
    fn strength_counts_words_or_characters() {
        let w = words();
        assert_eq!(strength_bits(&format!("{} {}", w[0], w[1])), 22.0);
        assert_eq!(strength_bits(""), 0.0);
        assert!(strength_bits("1234") < 14.0);
        let letters = strength_bits("abcdefghij");
        assert!((letters - 10.0 * 26f64.log2()).abs() < 1e-9);
        assert!(
            strength_bits("Abcdefghij") == letters,
            "capitals are lowered"
        );
        assert!(strength_bits("k8#Lp2!x9Qz4") > MIN_BITS);
    }

    #[test]
    fn codes_are_read_with_their_lines() {
        let text = "# groep 5\ngroep-5 = \"zon-fiets-appel-boek\"\n\nteam = \"kaas\"\n";
        let codes = parse(text, &["groep-5", "team"], &no_env).unwrap();
        assert_eq!(codes.get("groep-5"), Some("zon-fiets-appel-boek"));
        assert_eq!(codes.codes["team"].origin, Origin::File { line: 4 });
        // "kaas" is short: a warning on line 4.
        let weak: Vec<_> = codes
            .warnings
            .iter()
            .filter(|d| d.line == Some(4))
            .collect();
        assert_eq!(weak.len(), 1, "{:?}", codes.warnings);
        assert!(weak[0].message.contains("team"), "{}", weak[0].message);
    }

    #[test]
    fn bad_toml_and_values_that_are_not_text_are_errors_with_a_line() {
        let err = parse("groep-5 = \"zon\nteam = 1\n", &["groep-5"], &no_env).unwrap_err();
        assert_eq!(err.0[0].line, Some(1), "{err}");
        let err = parse(
            "groep-5 = \"zon-fiets-appel-boek\"\nteam = 12\n",
            &["team"],
            &no_env,
        )
        .unwrap_err();
        assert_eq!(err.0.len(), 1, "{err}");
        assert_eq!(err.0[0].line, Some(2));
        assert!(err.0[0].message.contains("team"), "{err}");
        let err = parse("groep-5 = \"  \"\n", &["groep-5"], &no_env).unwrap_err();
        assert!(err.0[0].message.contains("groep-5"), "{err}");
    }

    #[test]
    fn a_code_for_a_site_that_is_not_private_is_a_warning_with_a_suggestion() {
        let text = "groep5 = \"zon-fiets-appel-boek\"\n";
        let codes = parse(text, &["groep-5"], &no_env).unwrap();
        assert_eq!(codes.warnings.len(), 1);
        let w = &codes.warnings[0];
        assert_eq!(
            (w.line, w.file.as_deref()),
            (Some(1), Some(Path::new(CODES_FILE)))
        );
        assert!(w.help.as_deref().unwrap().contains("groep-5"), "{w}");
        assert_eq!(codes.missing(&["groep-5"]), vec!["groep-5"]);
        let err = codes.require(&["groep-5"]).unwrap_err();
        assert!(err.to_string().contains("helder codes"), "{err}");
    }

    #[test]
    fn the_environment_overrides_the_file() {
        let env = |var: &str| (var == "HELDER_CODE_GROEP_5").then(|| "zon maan ster €".to_string());
        let codes = parse("groep-5 = \"oud-oud-oud-oud\"\n", &["groep-5"], &env).unwrap();
        let code = &codes.codes["groep-5"];
        assert_eq!(code.code, "zon maan ster €");
        assert_eq!(
            code.origin,
            Origin::Env {
                var: "HELDER_CODE_GROEP_5".into()
            }
        );
        let hard: Vec<_> = codes
            .warnings
            .iter()
            .filter(|d| d.message.contains('€'))
            .collect();
        assert_eq!(hard.len(), 1, "{:?}", codes.warnings);
        assert_eq!(
            hard[0].file.as_deref(),
            Some(Path::new("HELDER_CODE_GROEP_5"))
        );
        assert_eq!(env_var("groep-5a"), "HELDER_CODE_GROEP_5A");
    }

    #[test]
    fn missing_codes_are_added_after_what_is_there() {
        let dir = tempfile::tempdir().unwrap();
        let old = "# Codes van onze school\nteam = \"kaas-brood-melk-thee\" # van juf Anna";
        std::fs::write(dir.path().join(CODES_FILE), old).unwrap();
        let private = ["team", "groep-5", "training"];
        let env = |var: &str| (var == "HELDER_CODE_TRAINING").then(|| "x".repeat(20));
        let added = add_missing(dir.path(), &private, &env).unwrap();
        assert_eq!(added.len(), 1);
        assert_eq!(added[0].0, "groep-5");
        let text = std::fs::read_to_string(dir.path().join(CODES_FILE)).unwrap();
        assert!(text.starts_with(&format!("{old}\n")), "{text}");
        assert!(
            text.ends_with(&format!("groep-5 = \"{}\"\n", added[0].1)),
            "{text}"
        );
        let codes = load_with_env(dir.path(), &private, &env).unwrap();
        assert_eq!(codes.get("groep-5"), Some(added[0].1.as_str()));
        assert!(add_missing(dir.path(), &private, &env).unwrap().is_empty());
        // Bad TOML is not overwritten.
        std::fs::write(dir.path().join(CODES_FILE), "team = \n").unwrap();
        assert!(add_missing(dir.path(), &private, &env).is_err());
        assert_eq!(
            std::fs::read_to_string(dir.path().join(CODES_FILE)).unwrap(),
            "team = \n"
        );
        // No file yet: one is made.
        let fresh = tempfile::tempdir().unwrap();
        assert_eq!(
            add_missing(fresh.path(), &["a b"], &no_env).unwrap().len(),
            1
        );
        let text = std::fs::read_to_string(fresh.path().join(CODES_FILE)).unwrap();
        assert!(text.starts_with("\"a b\" = \""), "{text}");
    }
}
