//! Splits a page into front matter and body, and parses the front matter.
//!
//! This is the only module that knows the front matter is YAML (serde_yaml), so
//! the parser can be swapped without touching the rest of the pipeline.

use std::collections::BTreeMap;

use serde::Deserialize;

/// A page's front matter as written, before its values are checked.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFrontMatter {
    pub title: Option<String>,
    #[serde(rename = "type")]
    pub kind: Option<String>,
    pub audience: Option<String>,
    pub bands: Option<OneOrMany>,
    pub classes: Option<OneOrMany>,
    pub date: Option<Scalar>,
    pub summary: Option<String>,
    pub weight: Option<i64>,
    pub draft: Option<bool>,
    pub slug: Option<String>,
    pub color: Option<String>,
    pub time: Option<Scalar>,
    pub location: Option<String>,
    pub slides: Option<String>,
    pub start: Option<Scalar>,
    pub end: Option<Scalar>,
    /// Free-form values for custom templates, like Zola's `extra`.
    pub extra: Option<serde_json::Value>,
}

/// `bands: onderbouw` and `bands: [onderbouw, middenbouw]` both work.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl OneOrMany {
    pub fn into_vec(self) -> Vec<String> {
        match self {
            OneOrMany::One(s) => vec![s],
            OneOrMany::Many(v) => v,
        }
    }
}

/// Dates and times may be written with or without quotes; YAML may then read
/// `19.30` as a number, so accept any scalar and check its text later.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum Scalar {
    Text(String),
    Int(i64),
    Float(f64),
}

impl Scalar {
    pub fn text(&self) -> String {
        match self {
            Scalar::Text(s) => s.clone(),
            Scalar::Int(i) => i.to_string(),
            Scalar::Float(f) => f.to_string(),
        }
    }
}

/// The parts of a page file.
#[derive(Debug)]
pub struct Split<'a> {
    pub front_matter: &'a str,
    /// 1-based line of the first front matter line (after the opening `---`).
    pub front_matter_line: usize,
    pub body: &'a str,
    /// 1-based line where the body starts.
    pub body_line: usize,
    /// Line (1-based) of each top-level key, for error positions.
    pub key_lines: BTreeMap<String, usize>,
}

/// Why a file could not be split or parsed, with a 1-based line and column.
#[derive(Debug, PartialEq, Eq)]
pub struct FrontMatterError {
    pub line: usize,
    pub column: usize,
    pub message: String,
    pub help: String,
}

/// Finds the `---` fenced front matter at the top of `text` (a leading BOM
/// already removed).
pub fn split(text: &str) -> Result<Split<'_>, FrontMatterError> {
    let mut lines = text.split_inclusive('\n');
    let first = lines.next().unwrap_or("");
    if first.trim_end() != "---" {
        return Err(FrontMatterError {
            line: 1,
            column: 1,
            message: "the page has no front matter".into(),
            help: "start the file with a line `---`, then `title: ...`, then another `---` line"
                .into(),
        });
    }
    let start = first.len();
    let mut offset = start;
    let mut line_no = 1;
    for line in lines {
        line_no += 1;
        let trimmed = line.trim_end();
        if trimmed == "---" || trimmed == "..." {
            let front_matter = &text[start..offset];
            return Ok(Split {
                front_matter,
                front_matter_line: 2,
                body: &text[offset + line.len()..],
                body_line: line_no + 1,
                key_lines: key_lines(front_matter, 2),
            });
        }
        offset += line.len();
    }
    Err(FrontMatterError {
        line: 1,
        column: 1,
        message: "the front matter is not closed".into(),
        help: "add a line with only `---` after the last front matter line (title, type, ...)"
            .into(),
    })
}

/// Line numbers of the keys at the top level of the front matter.
fn key_lines(front_matter: &str, first_line: usize) -> BTreeMap<String, usize> {
    let mut keys = BTreeMap::new();
    for (i, line) in front_matter.lines().enumerate() {
        if line.starts_with(|c: char| c.is_ascii_alphabetic()) {
            if let Some((key, _)) = line.split_once(':') {
                keys.entry(key.trim().to_string()).or_insert(first_line + i);
            }
        }
    }
    keys
}

/// Parses the front matter of a split page.
pub fn parse(split: &Split<'_>) -> Result<RawFrontMatter, FrontMatterError> {
    if split.front_matter.trim().is_empty() {
        return Ok(RawFrontMatter::default());
    }
    if let Some((line, column)) = too_deep(split.front_matter) {
        return Err(FrontMatterError {
            line: split.front_matter_line + line - 1,
            column,
            message: "front matter: the lists are nested too deeply".into(),
            help: TOO_DEEP_HELP.into(),
        });
    }
    serde_yaml::from_str::<Option<RawFrontMatter>>(split.front_matter)
        .map(Option::unwrap_or_default)
        .map_err(|e| {
            let (line, column) = e
                .location()
                .map(|l| (split.front_matter_line + l.line() - 1, l.column()))
                .unwrap_or((split.front_matter_line, 1));
            let message = yaml_message(&e.to_string());
            // serde_yaml points at the first of two equal keys; the author
            // needs the second, the one to remove.
            let (line, column) = duplicate_key_line(split, &message).map(|l| (l, 1)).unwrap_or((line, column));
            let help = if message.contains("unknown field") {
                "allowed keys: title, type, audience, bands, classes, date, summary, weight, draft, slug, color, time, location, slides, start, end, extra"
            } else if message.contains("duplicate") {
                "remove one of the two lines with this key"
            } else {
                "check the front matter: each line is `key: value`; put quotes around values with a colon or # in them"
            };
            FrontMatterError {
                line,
                column,
                message,
                help: help.into(),
            }
        })
}

/// Parses a site glossary file: a YAML mapping of term to explanation
/// (`MR: Ouders en leraren praten mee over de school`).
pub fn parse_glossary(text: &str) -> Result<Vec<(String, String)>, FrontMatterError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Ok(Vec::new());
    }
    if let Some((line, column)) = too_deep(text) {
        return Err(FrontMatterError {
            line,
            column,
            message: "glossary: the lists are nested too deeply".into(),
            help: TOO_DEEP_HELP.into(),
        });
    }
    let map: BTreeMap<String, String> = serde_yaml::from_str(text).map_err(|e| {
        let (line, column) = e.location().map(|l| (l.line(), l.column())).unwrap_or((1, 1));
        FrontMatterError {
            line,
            column,
            message: yaml_message(&e.to_string()).replace("front matter: ", "glossary: "),
            help: "write one term per line as `term: explanation`, e.g. `MR: Ouders en leraren praten mee`".into(),
        }
    })?;
    Ok(map
        .into_iter()
        .filter(|(t, _)| !t.trim().is_empty())
        .collect())
}

/// How deeply `[` and `{` may nest. serde_yaml refuses more than 128 levels
/// anyway, but only after its scanner (libyaml) has read them all, and that
/// takes time quadratic in the depth: 20,000 `[` took over a minute. So
/// deeper text is refused before it reaches serde_yaml.
const MAX_NESTING: usize = 128;

const TOO_DEEP_HELP: &str =
    "write a list as `[a, b]` or as `- a` lines; put quotes around text with many [ or { in it";

/// The 1-based line and column of the first `[` or `{` nested more than
/// [`MAX_NESTING`] deep. Brackets are counted everywhere, also inside quotes
/// and comments: that only overcounts, and no real page has 128 of them open.
fn too_deep(text: &str) -> Option<(usize, usize)> {
    let mut depth = 0usize;
    for (i, b) in text.bytes().enumerate() {
        match b {
            b'[' | b'{' => {
                depth += 1;
                if depth > MAX_NESTING {
                    return Some(crate::error::line_col(text, i));
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

/// The line of the second `key:` when `message` is about a duplicate key.
fn duplicate_key_line(split: &Split<'_>, message: &str) -> Option<usize> {
    let key = message
        .split("duplicate field `")
        .nth(1)?
        .split('`')
        .next()?;
    split
        .front_matter
        .lines()
        .enumerate()
        .filter(|(_, l)| {
            l.split_once(':')
                .is_some_and(|(k, _)| k.trim() == key && !l.starts_with(' '))
        })
        .nth(1)
        .map(|(i, _)| split.front_matter_line + i)
}

/// serde_yaml appends " at line L column C" itself; we show the position as
/// file:line:column, so drop it here.
fn yaml_message(message: &str) -> String {
    let message = match message.find(" at line ") {
        Some(i) => &message[..i],
        None => message,
    };
    format!("front matter: {message}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_front_matter_and_body() {
        let s = split("---\ntitle: Hoi\nweight: 2\n---\n# Kop\n").unwrap();
        assert_eq!(s.front_matter, "title: Hoi\nweight: 2\n");
        assert_eq!(s.body, "# Kop\n");
        assert_eq!(s.body_line, 5);
        assert_eq!(s.key_lines["weight"], 3);
    }

    #[test]
    fn crlf_is_accepted() {
        let s = split("---\r\ntitle: Hoi\r\n---\r\nTekst\r\n").unwrap();
        assert_eq!(parse(&s).unwrap().title.as_deref(), Some("Hoi"));
        assert_eq!(s.body, "Tekst\r\n");
    }

    #[test]
    fn missing_and_unclosed_front_matter() {
        assert_eq!(
            split("# Geen kop\n").unwrap_err().message,
            "the page has no front matter"
        );
        assert_eq!(
            split("---\ntitle: x\n").unwrap_err().message,
            "the front matter is not closed"
        );
    }

    #[test]
    fn yaml_errors_point_into_the_file() {
        let s = split("---\ntitle: x\nbands: [a\n---\n").unwrap();
        let e = parse(&s).unwrap_err();
        assert!(e.line >= 3, "{e:?}");
        let s = split("---\ntitle: x\ntitel: y\n---\n").unwrap();
        let e = parse(&s).unwrap_err();
        assert_eq!(e.line, 3);
        assert!(e.message.contains("titel"));
    }

    #[test]
    fn duplicate_keys_are_errors() {
        let s = split("---\ntitle: x\ntitle: y\n---\n").unwrap();
        let e = parse(&s).unwrap_err();
        assert!(e.message.contains("duplicate"));
        assert_eq!(e.line, 3, "the second title is the one to remove");
    }

    #[test]
    fn glossary_files() {
        let terms = parse_glossary("MR: Ouders praten mee\nVossenhol: Het speellokaal\n").unwrap();
        assert_eq!(terms.len(), 2);
        let e = parse_glossary("MR: a\nfout: [x\n").unwrap_err();
        assert!(e.line >= 2, "{e:?}");
        assert!(parse_glossary("- alleen\n- een lijst\n").is_err());
    }

    /// Found by fuzzing (fuzz/corpus/front_matter/crash-deep-nesting.md):
    /// 20,000 nested `[` kept serde_yaml busy for over a minute.
    #[test]
    fn deeply_nested_lists_are_refused_quickly() {
        let deep = format!("---\ntitle: x\nextra: {}\n---\n", "[".repeat(20_000));
        let started = std::time::Instant::now();
        let e = parse(&split(&deep).unwrap()).unwrap_err();
        assert_eq!((e.line, e.column), (3, 8 + MAX_NESTING), "{e:?}");
        assert!(e.message.contains("nested too deeply"), "{e:?}");
        let e = parse_glossary(&format!("MR: {}", "{".repeat(20_000))).unwrap_err();
        assert!(e.message.contains("nested too deeply"), "{e:?}");
        assert!(started.elapsed().as_secs() < 2);
        // Nesting within the limit, and brackets that close, are fine.
        let ok = format!(
            "---\ntitle: x\nextra: {}1{}\nsummary: \"{}\"\n---\n",
            "[".repeat(10),
            "]".repeat(10),
            "[]".repeat(500)
        );
        assert!(parse(&split(&ok).unwrap()).unwrap().extra.is_some());
    }

    #[test]
    fn times_without_quotes_are_kept() {
        let s = split("---\ntitle: x\ntime: 19:30\ndate: 2026-10-08\n---\n").unwrap();
        let fm = parse(&s).unwrap();
        assert_eq!(fm.time.unwrap().text(), "19:30");
        assert_eq!(fm.date.unwrap().text(), "2026-10-08");
    }
}
