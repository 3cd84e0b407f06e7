//! Splits a page into front matter and body, and parses the front matter.
//!
//! This is the only module that knows the front matter is YAML (serde_yaml), so
//! the parser can be swapped without touching the rest of the pipeline.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::error::did_you_mean;
use crate::msg;

/// The keys a page's front matter may have, for "did you mean" hints.
pub(crate) const KEYS: [&str; 18] = [
    "title",
    "type",
    "audience",
    "bands",
    "classes",
    "date",
    "summary",
    "weight",
    "draft",
    "slug",
    "color",
    "time",
    "location",
    "slides",
    "start",
    "end",
    "extra",
    "source-hash",
];

/// A page's front matter as written, before its values are checked.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawFrontMatter {
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
    /// In a translation: the hash of the original it translates (spec §8).
    #[serde(rename = "source-hash")]
    pub source_hash: Option<String>,
}

/// `bands: onderbouw` and `bands: [onderbouw, middenbouw]` both work.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub(crate) enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl OneOrMany {
    pub(crate) fn into_vec(self) -> Vec<String> {
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
pub(crate) enum Scalar {
    Text(String),
    Int(i64),
    Float(f64),
}

impl Scalar {
    pub(crate) fn text(&self) -> String {
        match self {
            Scalar::Text(s) => s.clone(),
            Scalar::Int(i) => i.to_string(),
            Scalar::Float(f) => f.to_string(),
        }
    }
}

/// The parts of a page file.
#[derive(Debug)]
pub(crate) struct Split<'a> {
    pub front_matter: &'a str,
    /// 1-based line of the first front matter line (after the opening `---`).
    pub front_matter_line: usize,
    pub body: &'a str,
    /// 1-based line where the body starts.
    pub body_line: usize,
    /// Line (1-based) of each top-level key, for error positions.
    pub key_lines: KeyLines,
}

/// The 1-based line of each top-level front matter key, first occurrence
/// kept. A page has a handful of keys, and every page keeps them to the end
/// of a build: a short list takes a fraction of a map's memory (at 50,000
/// pages the maps were 20 MB).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KeyLines(Vec<(Box<str>, usize)>);

impl KeyLines {
    /// The line of `key`, when the front matter has it.
    pub fn get(&self, key: &str) -> Option<usize> {
        self.0
            .iter()
            .find(|(k, _)| &**k == key)
            .map(|&(_, line)| line)
    }
}

/// Why a file could not be split or parsed, with a 1-based line and column.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct FrontMatterError {
    pub line: usize,
    pub column: usize,
    pub message: String,
    pub help: String,
}

/// Finds the `---` fenced front matter at the top of `text` (a leading BOM
/// already removed).
pub(crate) fn split(text: &str) -> Result<Split<'_>, FrontMatterError> {
    let mut lines = text.split_inclusive('\n');
    let first = lines.next().unwrap_or("");
    if first.trim_end() != "---" {
        return Err(FrontMatterError {
            line: 1,
            column: 1,
            message: msg!("kop.ontbreekt"),
            help: msg!("kop.ontbreekt-hulp"),
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
        message: msg!("kop.niet-gesloten"),
        help: msg!("kop.niet-gesloten-hulp"),
    })
}

/// Line numbers of the keys at the top level of the front matter.
fn key_lines(front_matter: &str, first_line: usize) -> KeyLines {
    let mut keys: Vec<(Box<str>, usize)> = Vec::new();
    for (i, line) in front_matter.lines().enumerate() {
        if line.starts_with(|c: char| c.is_ascii_alphabetic()) {
            if let Some((key, _)) = line.split_once(':') {
                let key = key.trim();
                if !keys.iter().any(|(k, _)| &**k == key) {
                    keys.push((key.into(), first_line + i));
                }
            }
        }
    }
    keys.shrink_to_fit();
    KeyLines(keys)
}

/// Parses the front matter of a split page.
pub(crate) fn parse(split: &Split<'_>) -> Result<RawFrontMatter, FrontMatterError> {
    if split.front_matter.trim().is_empty() {
        return Ok(RawFrontMatter::default());
    }
    if let Some((line, column)) = too_deep(split.front_matter) {
        return Err(FrontMatterError {
            line: split.front_matter_line + line - 1,
            column,
            message: msg!("kop.te-diep"),
            help: msg!("kop.te-diep-hulp"),
        });
    }
    serde_yaml::from_str::<Option<RawFrontMatter>>(split.front_matter)
        .map(Option::unwrap_or_default)
        .map_err(|e| yaml_error(&e, split.front_matter, split.front_matter_line))
}

/// A serde_yaml error in a coordinator's words: what is wrong on which line
/// and what to write instead. `text` starts at line `first_line` of the file.
///
/// serde_yaml (libyaml underneath) speaks of scanners, tokens and mapping
/// values, and only in English; the cases authors actually run into are
/// recognised here by its message and turned into an action, the first case
/// that matches winning.
fn yaml_error<'t>(e: &serde_yaml::Error, text: &'t str, first_line: usize) -> FrontMatterError {
    let yaml = YamlError::new(e, text, first_line);
    let cases: [fn(&YamlError<'t>) -> Option<Explained>; 6] = [
        YamlError::tab_in_indent,
        YamlError::unknown_key,
        YamlError::duplicate_key,
        YamlError::colon_in_value,
        YamlError::wrong_type,
        YamlError::unclosed,
    ];
    let explained = cases
        .iter()
        .find_map(|case| case(&yaml))
        .unwrap_or_else(|| yaml.other());
    FrontMatterError {
        line: first_line + explained.line - 1,
        column: explained.column,
        message: explained.message,
        help: explained.help,
    }
}

/// An error explained, at a line of the front matter (1 is its first).
struct Explained {
    line: usize,
    column: usize,
    message: String,
    help: String,
}

/// What a serde_yaml error says, taken apart.
struct YamlError<'a> {
    lines: Vec<&'a str>,
    first_line: usize,
    /// Where serde_yaml puts the error, in the front matter's own lines.
    line: usize,
    column: usize,
    /// serde_yaml's message with its tail ("..., while scanning ... at line L column C").
    whole: String,
    /// The message without its position (shown as file:line:column already).
    full: String,
    /// The key the error is about, when known.
    key: Option<&'static str>,
    /// The message after the key.
    detail: String,
}

impl<'a> YamlError<'a> {
    fn new(e: &serde_yaml::Error, text: &'a str, first_line: usize) -> YamlError<'a> {
        let (line, column) = e
            .location()
            .map(|l| (l.line(), l.column()))
            .unwrap_or((1, 1));
        let lines: Vec<&str> = text.lines().collect();
        let whole = e.to_string();
        // serde_yaml ends with " at line L column C[, while scanning ...]".
        let full = whole
            .split(" at line ")
            .next()
            .unwrap_or(&whole)
            .to_string();
        // A value error starts with the key it is about: "draft: invalid type...".
        let (mut key, detail) = match full.split_once(": ") {
            Some((k, rest)) => match KEYS.iter().find(|known| **known == k) {
                Some(known) => (Some(*known), rest),
                None => (None, full.as_str()),
            },
            None => (None, full.as_str()),
        };
        // An untagged enum (one-or-many, text-or-number) names no key; find
        // the key of that shape whose value is a list or a block.
        let shaped: &[&'static str] = if detail.contains("untagged enum OneOrMany") {
            &["bands", "classes"]
        } else if detail.contains("untagged enum Scalar") {
            &["date", "time", "start", "end"]
        } else {
            &[]
        };
        if let Some(k) = shaped.iter().find(|k| {
            written_value(&lines, k).is_some_and(|v| v.is_empty() || v.starts_with(['[', '{']))
        }) {
            key = Some(k);
        }
        let detail = if shaped.is_empty() {
            detail.to_string()
        } else {
            "invalid type".to_string()
        };
        YamlError {
            lines,
            first_line,
            line,
            column,
            whole,
            full,
            key,
            detail,
        }
    }

    /// YAML indents with spaces only; a tab at the start of a line is the
    /// most puzzling error of all ("found character that cannot start any
    /// token"), so any tab in the indentation is named first.
    fn tab_in_indent(&self) -> Option<Explained> {
        let i = self.lines.iter().position(|l| {
            l.chars()
                .take_while(|c| c.is_whitespace())
                .any(|c| c == '\t')
        })?;
        Some(Explained {
            line: i + 1,
            column: 1,
            message: msg!("kop.tab", regel = self.first_line + i),
            help: msg!("kop.tab-hulp"),
        })
    }

    fn unknown_key(&self) -> Option<Explained> {
        let unknown = quoted_after(&self.detail, "unknown field")?;
        let help = match did_you_mean(&unknown, KEYS) {
            Some(m) => msg!("kop.onbekende-sleutel-bedoel", sleutel = m),
            None => msg!("kop.onbekende-sleutel-hulp", sleutels = KEYS.join(", ")),
        };
        Some(Explained {
            line: key_line_in(&self.lines, &unknown, 0).unwrap_or(self.line),
            column: 1,
            message: msg!("kop.onbekende-sleutel", sleutel = unknown),
            help,
        })
    }

    /// serde_yaml points at the first of two equal keys; the author needs
    /// the second, the one to remove.
    fn duplicate_key(&self) -> Option<Explained> {
        let twice = quoted_after(&self.detail, "duplicate field")?;
        Some(Explained {
            line: key_line_in(&self.lines, &twice, 1).unwrap_or(self.line),
            column: 1,
            message: msg!("kop.dubbele-sleutel", sleutel = twice),
            help: msg!("kop.dubbele-sleutel-hulp"),
        })
    }

    /// `title: Ouderavond: groep 5`: the second colon starts a new key-value
    /// pair in YAML's eyes. Quoting the value fixes it.
    fn colon_in_value(&self) -> Option<Explained> {
        if !self.detail.starts_with("mapping values are not allowed") {
            return None;
        }
        let (i, quoted) = colon_in_value(&self.lines, self.line)?;
        Some(Explained {
            line: i + 1,
            column: self.column,
            message: msg!("kop.dubbele-punt", regel = self.first_line + i),
            help: msg!("kop.dubbele-punt-hulp", voorbeeld = quoted),
        })
    }

    /// A value of the wrong kind for its key: `draft: ja`, `weight: twee`.
    fn wrong_type(&self) -> Option<Explained> {
        let key = self
            .key
            .filter(|_| self.detail.starts_with("invalid type"))?;
        let value = written_value(&self.lines, key).unwrap_or_default();
        let (message, help) = if self.detail.contains("expected a boolean") {
            (
                msg!("kop.geen-ja-nee", sleutel = key, waarde = value),
                msg!("kop.geen-ja-nee-hulp", sleutel = key),
            )
        } else if self.detail.contains("expected i64") {
            (
                msg!("kop.geen-getal", sleutel = key, waarde = value),
                msg!("kop.geen-getal-hulp", sleutel = key),
            )
        } else if matches!(key, "date" | "time" | "start" | "end") {
            (
                msg!("kop.geen-datum-tijd", sleutel = key),
                msg!("kop.geen-datum-tijd-hulp"),
            )
        } else if key == "bands" || key == "classes" {
            (
                msg!("kop.geen-lijst", sleutel = key),
                msg!("kop.geen-lijst-hulp", sleutel = key),
            )
        } else {
            (
                msg!("kop.geen-tekst", sleutel = key),
                msg!("kop.geen-tekst-hulp", sleutel = key),
            )
        };
        Some(Explained {
            line: key_line_in(&self.lines, key, 0).unwrap_or(self.line),
            column: 1,
            message,
            help,
        })
    }

    /// An unclosed quote or list is found at the end; point at its start,
    /// given in "..., while scanning a quoted scalar at line L column C".
    fn unclosed(&self) -> Option<Explained> {
        let quote = self.whole.contains("quoted scalar");
        if !quote && !self.whole.contains("flow sequence") && !self.whole.contains("flow mapping") {
            return None;
        }
        let (line, column) = opened_at(&self.whole).unwrap_or((self.line, self.column));
        let (message, help) = if quote {
            (
                msg!("kop.aanhalingsteken-open"),
                msg!("kop.aanhalingsteken-open-hulp"),
            )
        } else {
            (msg!("kop.lijst-open"), msg!("kop.lijst-open-hulp"))
        };
        Some(Explained {
            line,
            column,
            message,
            help,
        })
    }

    /// Anything else, at serde_yaml's position.
    fn other(&self) -> Explained {
        let detail = &self.detail;
        let (message, help) = if detail.contains("cannot start any token") {
            (msg!("kop.vreemd-teken"), msg!("kop.vreemd-teken-hulp"))
        } else if detail.contains("expected ':'") || detail.contains("did not find expected key") {
            (
                msg!("kop.geen-dubbele-punt"),
                msg!("kop.geen-dubbele-punt-hulp"),
            )
        } else if detail.starts_with("invalid type") {
            (msg!("kop.geen-sleutels"), msg!("kop.geen-sleutels-hulp"))
        } else {
            (
                msg!("kop.onleesbaar", detail = self.full),
                msg!("kop.onleesbaar-hulp"),
            )
        };
        Explained {
            line: self.line,
            column: self.column,
            message,
            help,
        }
    }
}

/// Line and column in "..., while scanning X at line L column C".
fn opened_at(message: &str) -> Option<(usize, usize)> {
    let tail = message.split(", while ").nth(1)?;
    let mut words = tail.split(" at line ").nth(1)?.split_whitespace();
    let line = words.next()?.trim_end_matches(',').parse().ok()?;
    let column = words.nth(1)?.trim_end_matches(',').parse().ok()?;
    Some((line, column))
}

/// The text between the first pair of backticks after `after` in `text`.
fn quoted_after(text: &str, after: &str) -> Option<String> {
    let rest = text.strip_prefix(after)?;
    Some(rest.split('`').nth(1)?.to_string())
}

/// 1-based line of the `nth` (0-based) top-level `key:` line.
fn key_line_in(lines: &[&str], key: &str, nth: usize) -> Option<usize> {
    lines
        .iter()
        .enumerate()
        .filter(|(_, l)| {
            !l.starts_with([' ', '\t']) && l.split_once(':').is_some_and(|(k, _)| k.trim() == key)
        })
        .nth(nth)
        .map(|(i, _)| i + 1)
}

/// What the author wrote after `key:`, for repeating it in a message.
fn written_value(lines: &[&str], key: &str) -> Option<String> {
    let line = lines[key_line_in(lines, key, 0)? - 1];
    Some(line.split_once(':')?.1.trim().to_string())
}

/// For a "mapping values" error reported at 1-based `line`: the 0-based index
/// of the `key: value: more` line (that line or the one before: libyaml may
/// report the next line) and that line with its value quoted.
fn colon_in_value(lines: &[&str], line: usize) -> Option<(usize, String)> {
    [line, line.saturating_sub(1)]
        .into_iter()
        .filter(|l| *l >= 1 && *l <= lines.len())
        .find_map(|l| {
            let text = lines[l - 1];
            let (key, value) = text.split_once(':')?;
            let value = value.trim();
            let quoted_already = value.starts_with(['"', '\'']);
            (value.contains(':') && !quoted_already && !key.trim().is_empty())
                .then(|| (l - 1, format!("{}: {}", key.trim_end(), quote(value))))
        })
}

/// A YAML value in double quotes, or single quotes when it holds a `"`.
fn quote(value: &str) -> String {
    if value.contains('"') {
        format!("'{}'", value.replace('\'', "''"))
    } else {
        format!("\"{value}\"")
    }
}

/// Parses a site glossary file: a YAML mapping of term to explanation
/// (`MR: Ouders en leraren praten mee over de school`).
pub(crate) fn parse_glossary(text: &str) -> Result<Vec<(String, String)>, FrontMatterError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Ok(Vec::new());
    }
    if let Some((line, column)) = too_deep(text) {
        return Err(FrontMatterError {
            line,
            column,
            message: msg!("woordenlijst.te-diep"),
            help: msg!("kop.te-diep-hulp"),
        });
    }
    let map: BTreeMap<String, String> = serde_yaml::from_str(text).map_err(|e| {
        let mut error = yaml_error(&e, text, 1);
        error.message = msg!("woordenlijst.fout", fout = error.message);
        if error.help == msg!("kop.onleesbaar-hulp") || error.help == msg!("kop.geen-sleutels-hulp")
        {
            error.help = msg!("woordenlijst.fout-hulp");
        }
        error
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

/// A front matter value the editor sets: a text or a list of texts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Value {
    Text(String),
    List(Vec<String>),
    Bool(bool),
}

/// `front_matter` (the text between the fences) with each key of `set`
/// given its new value, or removed for None. Every other key keeps its lines
/// as written (comments too); keys that were not there go at the end. The
/// values are written as YAML reads them back: quoted where needed.
pub(crate) fn with_values(front_matter: &str, set: &[(&str, Option<Value>)]) -> String {
    let mut out = String::with_capacity(front_matter.len() + 64);
    let mut done: Vec<&str> = Vec::new();
    // The key whose lines are being replaced (its continuation lines skipped).
    let mut replacing = false;
    for line in front_matter.lines() {
        let starts_key = !line.starts_with([' ', '\t', '-', '#']) && !line.trim().is_empty();
        if !starts_key && replacing && !line.starts_with('#') {
            continue;
        }
        replacing = false;
        if starts_key {
            let key = line.split(':').next().unwrap_or("").trim();
            if let Some((name, value)) = set.iter().find(|(k, _)| *k == key) {
                replacing = true;
                if !done.contains(name) {
                    done.push(name);
                    if let Some(value) = value {
                        out.push_str(&entry(name, value));
                    }
                }
                continue;
            }
        }
        out.push_str(line);
        out.push('\n');
    }
    for (name, value) in set {
        if let (false, Some(value)) = (done.contains(name), value) {
            out.push_str(&entry(name, value));
        }
    }
    out
}

/// One `key: value` line.
fn entry(key: &str, value: &Value) -> String {
    match value {
        Value::Text(text) => format!("{key}: {}\n", scalar(text)),
        Value::Bool(yes) => format!("{key}: {yes}\n"),
        Value::List(items) => {
            let items: Vec<String> = items.iter().map(|i| scalar(i)).collect();
            format!("{key}: [{}]\n", items.join(", "))
        }
    }
}

/// `text` as a one-line YAML scalar: plain when YAML reads it back as the
/// same text, else in double quotes (serde_yaml decides, as it reads).
fn scalar(text: &str) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let plain = !text.is_empty()
        && !text.contains([':', ',', '[', ']', '{', '}', '#', '"', '\''])
        && serde_yaml::from_str::<serde_yaml::Value>(&format!("v: {text}"))
            .ok()
            .and_then(|v| v.get("v").and_then(|v| v.as_str().map(|s| s == text)))
            .unwrap_or(false);
    if plain {
        text
    } else {
        serde_json::to_string(&text).unwrap_or_else(|_| quote(&text))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_set_kept_and_quoted_where_yaml_needs_it() {
        let fm = "title: Oud\n# een opmerking\nweight: 3\nclasses:\n  - groep-5\n  - groep-6\nextra:\n  kleur: rood\n";
        let out = with_values(
            fm,
            &[
                ("title", Some(Value::Text("Kanjer: les #2".into()))),
                ("classes", Some(Value::List(vec!["groep-7".into()]))),
                ("summary", Some(Value::Text("ja".into()))),
                ("date", Some(Value::Text("2026-12-17".into()))),
                ("time", Some(Value::Text("19:30".into()))),
                ("location", None),
                ("draft", Some(Value::Bool(true))),
            ],
        );
        assert_eq!(
            out,
            "title: \"Kanjer: les #2\"\n# een opmerking\nweight: 3\nclasses: [groep-7]\nextra:\n  kleur: rood\nsummary: ja\ndate: 2026-12-17\ntime: \"19:30\"\ndraft: true\n"
        );
        let text = format!("---\n{out}---\nTekst\n");
        let raw = parse(&split(&text).unwrap()).unwrap();
        assert_eq!(raw.title.as_deref(), Some("Kanjer: les #2"));
        assert_eq!(raw.summary.as_deref(), Some("ja"));
        assert_eq!(raw.time.unwrap().text(), "19:30");
        assert_eq!(raw.weight, Some(3), "keys the form does not show are kept");
        let out = with_values("title: A\nbands: [a, b]\n", &[("bands", None)]);
        assert_eq!(out, "title: A\n");
        assert_eq!(scalar("Tab\tin de\nregel"), "Tab in de regel");
        assert_eq!(scalar("\"quote\" en 'ook'"), "\"\\\"quote\\\" en 'ook'\"");
    }

    #[test]
    fn splits_front_matter_and_body() {
        let s = split("---\ntitle: Hoi\nweight: 2\n---\n# Kop\n").unwrap();
        assert_eq!(s.front_matter, "title: Hoi\nweight: 2\n");
        assert_eq!(s.body, "# Kop\n");
        assert_eq!(s.body_line, 5);
        assert_eq!(s.key_lines.get("weight"), Some(3));
        assert_eq!(s.key_lines.get("kop"), None);
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
            "de pagina heeft geen kop"
        );
        assert_eq!(
            split("---\ntitle: x\n").unwrap_err().message,
            "de kop van de pagina is niet afgesloten"
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
        assert!(e.message.contains("twee keer"), "{e:?}");
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
        assert!(e.message.contains("lijsten in lijsten"), "{e:?}");
        let e = parse_glossary(&format!("MR: {}", "{".repeat(20_000))).unwrap_err();
        assert!(e.message.contains("lijsten in lijsten"), "{e:?}");
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

#[cfg(test)]
mod yaml_in_words {
    use super::*;

    fn error(front_matter: &str) -> FrontMatterError {
        let text = format!("---\n{front_matter}---\n");
        parse(&split(&text).unwrap()).unwrap_err()
    }

    #[test]
    fn a_tab_at_the_start_of_a_line() {
        let e = error("title: x\nsummary: y\n\tdraft: true\n");
        assert_eq!(e.message, "regel 4 begint met een tab; haal die weg");
        assert_eq!(e.line, 4);
    }

    #[test]
    fn a_colon_in_a_title_shows_the_quoted_version() {
        let e = error("title: Ouderavond: groep 5\n");
        assert_eq!(e.line, 2);
        assert!(e.message.contains("dubbele punt"), "{e:?}");
        assert!(e.help.ends_with("title: \"Ouderavond: groep 5\""), "{e:?}");
        let e = error("title: Zeg \"hoi\": groep 5\n");
        assert!(e.help.ends_with("title: 'Zeg \"hoi\": groep 5'"), "{e:?}");
    }

    #[test]
    fn yes_and_no_are_true_and_false() {
        let e = error("title: x\ndraft: ja\n");
        assert_eq!(e.message, "`draft: ja` kan niet; schrijf true of false");
        assert_eq!(e.line, 3);
        let e = error("title: x\nweight: twee\n");
        assert_eq!(e.message, "`weight: twee` is geen heel getal");
    }

    #[test]
    fn misspelled_keys_get_the_right_one() {
        let e = error("title: x\nsumary: y\n");
        assert_eq!(e.message, "de sleutel `sumary` kent helder niet");
        assert_eq!(e.help, "bedoel je `summary`?");
        assert_eq!(e.line, 3);
        assert!(error("title: x\nxyzzy: y\n")
            .help
            .contains("summary, weight"));
    }

    #[test]
    fn unclosed_quotes_and_lists_point_at_their_start() {
        let e = error("title: \"x\nsummary: y\n");
        assert!(e.message.contains("aanhalingsteken"), "{e:?}");
        assert_eq!((e.line, e.column), (2, 8));
        let e = error("title: x\nbands: [a\n");
        assert!(e.message.contains("lijst"), "{e:?}");
        assert_eq!((e.line, e.column), (3, 8));
        let e = error("title: x\nbands: {a: 1}\n");
        assert_eq!(
            e.message,
            "`bands` moet een naam of een lijst met namen zijn"
        );
    }
}
