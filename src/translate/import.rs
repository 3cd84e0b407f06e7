//! `helder translate import`: an XLIFF file back into `NAME.LANG.md` files.
//!
//! Every unit of every page is checked before anything is written: a file
//! with one bad unit writes nothing. A translation is the original with the
//! text of each unit replaced, so its structure (lists, tables, code, raw
//! HTML, shortcodes) is the original's; a unit without a translation keeps
//! its Dutch text behind a visible mark.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use super::export::{body_unit_id, SUMMARY_ID, TITLE_ID};
use super::stale::{source_hash, translation_path};
use super::units::{escape_text, segment, CodeKind, Segmented, Unit, UnitKind};
use super::xliff::{self, Node, TransUnit};
use crate::content::{frontmatter, Page, PageKind, CONTENT_DIR};
use crate::error::{Diagnostic, Errors};
use crate::{msg, Loaded};

/// One translation an import writes.
#[derive(Debug, Clone)]
pub struct Planned {
    /// Where, relative to the site folder (`content/a.pl.md`).
    pub file: PathBuf,
    pub text: String,
    pub translated: usize,
    pub total: usize,
    /// Units left untranslated: (id, the start of their Dutch text).
    pub missing: Vec<(String, String)>,
}

/// Reads and checks `text` (the XLIFF at `shown`) against the site; the
/// translations to write, or every problem found.
pub(crate) fn plan(loaded: &Loaded, shown: &Path, text: &str) -> Result<Vec<Planned>, Errors> {
    let doc = xliff::read(text).map_err(|e| {
        Errors::from(
            Diagnostic::site(e.message)
                .in_file(shown)
                .at_line(e.line)
                .help(msg!("vertalen.xml-fout-hulp")),
        )
    })?;
    let mut errors = Errors::new();
    let mut planned = Vec::new();
    let mut seen = BTreeSet::new();
    if doc.files.is_empty() {
        errors.push(
            Diagnostic::site(msg!("vertalen.geen-paginas"))
                .in_file(shown)
                .help(msg!("vertalen.xml-fout-hulp")),
        );
    }
    for file in &doc.files {
        let at =
            |message: String, line: usize| Diagnostic::site(message).in_file(shown).at_line(line);
        let lang = match file_language(loaded, &file.target_language) {
            Ok(lang) => lang,
            Err((message, help)) => {
                errors.push(at(message, file.line).help(help));
                continue;
            }
        };
        let path = file
            .original
            .trim_start_matches("./")
            .strip_prefix(&format!("{CONTENT_DIR}/"))
            .unwrap_or(&file.original);
        let original = loaded
            .content
            .page_at(path)
            .filter(|&id| loaded.content.pages[id].lang == loaded.config.language);
        let Some(original) = original else {
            errors.push(
                at(
                    msg!("vertalen.pagina-onbekend", pagina = file.original),
                    file.line,
                )
                .help(msg!("vertalen.pagina-onbekend-hulp")),
            );
            continue;
        };
        if !seen.insert((original, lang.to_string())) {
            errors.push(
                at(
                    msg!("vertalen.pagina-dubbel", pagina = file.original),
                    file.line,
                )
                .help(msg!("vertalen.pagina-dubbel-hulp")),
            );
            continue;
        }
        let page = &loaded.content.pages[original];
        let hash = source_hash(page);
        if file.source_hash.as_deref().is_some_and(|h| h != hash) {
            errors.push(
                at(
                    msg!("vertalen.origineel-veranderd", pagina = file.original),
                    file.line,
                )
                .help(msg!("vertalen.origineel-veranderd-hulp", taal = lang)),
            );
            continue;
        }
        let headings = &loaded.rendered[original].headings;
        let heading_ids: Vec<&str> = if page.meta.kind == PageKind::Slides {
            Vec::new()
        } else {
            headings.iter().map(|h| h.id.as_str()).collect()
        };
        let page_plan = PagePlan {
            loaded,
            page,
            lang,
            hash,
            heading_ids,
            shown,
        };
        match page_plan.translate(&file.units) {
            Ok(p) => planned.push(p),
            Err(e) => errors.extend(e),
        }
    }
    errors.into_result(planned)
}

/// The language code if `code` is one of the site's extra languages.
/// The configured language of a `<file>`'s `target-language`, or the
/// error and its help.
fn file_language<'a>(loaded: &'a Loaded, code: &str) -> Result<&'a str, (String, String)> {
    if code.trim().is_empty() {
        return Err((
            msg!("vertalen.taal-ontbreekt"),
            msg!("vertalen.taal-ontbreekt-hulp", talen = configured(loaded)),
        ));
    }
    check_language(loaded, code).ok_or_else(|| {
        (
            msg!("vertalen.taal-onbekend", taal = code),
            msg!(
                "vertalen.taal-onbekend-hulp",
                talen = configured(loaded),
                taal = code
            ),
        )
    })
}

/// The configured language `code` names: exactly, or without its region
/// (translation tools such as memoQ and Trados write `pl-PL` for `pl`),
/// in any case.
fn check_language<'a>(loaded: &'a Loaded, code: &str) -> Option<&'a str> {
    let languages = &loaded.config.languages;
    let base = code.split(['-', '_']).next().unwrap_or(code);
    languages
        .iter()
        .find(|l| l.code == code)
        .or_else(|| languages.iter().find(|l| l.code.eq_ignore_ascii_case(code)))
        .or_else(|| languages.iter().find(|l| l.code.eq_ignore_ascii_case(base)))
        .map(|l| l.code.as_str())
}

fn configured(loaded: &Loaded) -> String {
    let codes: Vec<&str> = loaded
        .config
        .languages
        .iter()
        .map(|l| l.code.as_str())
        .collect();
    if codes.is_empty() {
        msg!("vertalen.geen-talen")
    } else {
        codes.join(", ")
    }
}

/// One page of the file being turned into its translation.
struct PagePlan<'a> {
    loaded: &'a Loaded,
    page: &'a Page,
    lang: &'a str,
    hash: String,
    /// The ids the original's headings have, in order.
    heading_ids: Vec<&'a str>,
    shown: &'a Path,
}

impl PagePlan<'_> {
    fn translate(&self, units: &[TransUnit]) -> Result<Planned, Errors> {
        let segmented = segment(&self.page.body);
        let mut errors = Errors::new();
        let mut title = None;
        let mut summary = None;
        let mut body: Vec<Option<String>> = vec![None; segmented.units.len()];
        let mut ids = BTreeSet::new();
        for unit in units {
            let error = |message: String, help: String| {
                Diagnostic::site(message)
                    .in_file(self.shown)
                    .at_line(unit.line)
                    .help(help)
            };
            if !ids.insert(unit.id.as_str()) {
                errors.push(error(
                    msg!(
                        "vertalen.unit-dubbel",
                        unit = unit.id,
                        pagina = self.page.source.display()
                    ),
                    msg!("vertalen.unit-onbekend-hulp"),
                ));
                continue;
            }
            let target = unit.target.as_deref().filter(|_| is_translated(unit));
            let result = match unit.id.as_str() {
                TITLE_ID => plain_target(target).map(|t| title = t),
                SUMMARY_ID if self.page.meta.summary.is_some() => {
                    plain_target(target).map(|t| summary = t)
                }
                id => match body_index(id, segmented.units.len()) {
                    Some(i) => match target {
                        Some(nodes) => markdown_target(&segmented, &segmented.units[i], nodes)
                            .map(|t| body[i] = (!t.is_empty()).then_some(t)),
                        None => Ok(()),
                    },
                    None => {
                        errors.push(error(
                            msg!(
                                "vertalen.unit-onbekend",
                                unit = unit.id,
                                pagina = self.page.source.display()
                            ),
                            msg!("vertalen.unit-onbekend-hulp"),
                        ));
                        continue;
                    }
                },
            };
            if let Err(problem) = result {
                errors.push(error(
                    msg!(
                        "vertalen.unit-fout",
                        unit = unit.id,
                        pagina = self.page.source.display(),
                        fout = problem
                    ),
                    msg!("vertalen.unit-fout-hulp"),
                ));
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        self.compose(&segmented, title, summary, body)
    }

    /// The translation's file from the checked units.
    fn compose(
        &self,
        segmented: &Segmented,
        title: Option<String>,
        summary: Option<String>,
        body: Vec<Option<String>>,
    ) -> Result<Planned, Errors> {
        let mark = super::untranslated_mark(&self.loaded.config);
        let mut missing = Vec::new();
        let mut replacements = Vec::new();
        let mut translated = 0;
        for (i, (unit, text)) in segmented.units.iter().zip(body).enumerate() {
            let new = match text {
                Some(text) => {
                    translated += 1;
                    text
                }
                None => {
                    missing.push((body_unit_id(i), excerpt(&unit.plain_text())));
                    format!("{mark} {}", &segmented.prepared[unit.range.clone()])
                }
            };
            replacements.push((i, new + &self.heading_id(unit)));
        }
        let title = match title {
            Some(t) => {
                translated += 1;
                t
            }
            None => {
                missing.push((TITLE_ID.into(), excerpt(&self.page.meta.title)));
                format!("{mark} {}", self.page.meta.title)
            }
        };
        let summary = self.page.meta.summary.as_ref().map(|s| match &summary {
            Some(t) => {
                translated += 1;
                t.clone()
            }
            None => {
                missing.push((SUMMARY_ID.into(), excerpt(s)));
                format!("{mark} {s}")
            }
        });
        let front_matter = self.front_matter(&title, summary.as_deref())?;
        let body = segmented.rebuild(&replacements);
        let total = segmented.units.len() + 1 + usize::from(self.page.meta.summary.is_some());
        Ok(Planned {
            file: Path::new(CONTENT_DIR).join(translation_path(&self.page.content_path, self.lang)),
            text: format!("---\n{front_matter}---\n{body}"),
            translated,
            total,
            missing,
        })
    }

    /// ` {#id}` after a heading that has no id of its own: the translated
    /// heading keeps the original's anchor, so links to it keep working.
    fn heading_id(&self, unit: &Unit) -> String {
        match (unit.kind, unit.explicit_id, unit.heading_index) {
            (UnitKind::Heading, false, Some(i)) => self
                .heading_ids
                .get(i)
                .map(|id| format!(" {{#{id}}}"))
                .unwrap_or_default(),
            _ => String::new(),
        }
    }

    /// The original's front matter with the translated title and summary
    /// and the `source-hash` of the version translated.
    fn front_matter(&self, title: &str, summary: Option<&str>) -> Result<String, Errors> {
        let path = self.loaded.config.root.join(&self.page.source);
        let bytes = std::fs::read(&path).map_err(|e| {
            Errors::from(Diagnostic::io(
                &self.page.source,
                &msg!("inhoud.io-pagina-lezen"),
                &e,
            ))
        })?;
        let text = crate::content::decode(&bytes)
            .map_err(|d| Errors::from(d.in_file(&self.page.source)))?;
        let split = frontmatter::split(text).map_err(|e| {
            Errors::from(
                Diagnostic::site(e.message)
                    .in_file(&self.page.source)
                    .at_line(e.line),
            )
        })?;
        let mut out = String::new();
        let mut skipping = false;
        for line in split.front_matter.lines() {
            let key = line
                .starts_with(|c: char| c.is_ascii_alphabetic())
                .then(|| line.split_once(':').map(|(k, _)| k.trim()))
                .flatten();
            if let Some(key) = key {
                skipping = false;
                let value = match key {
                    "title" => Some(Some(title)),
                    "summary" => Some(summary),
                    "source-hash" => Some(None),
                    _ => None,
                };
                if let Some(value) = value {
                    if let Some(value) = value {
                        out.push_str(&format!("{key}: {}\n", yaml_string(value)));
                    }
                    skipping = true;
                    continue;
                }
            }
            if !skipping {
                out.push_str(line);
                out.push('\n');
            }
        }
        out.push_str(&format!("source-hash: {}\n", self.hash));
        Ok(out)
    }
}

/// `value` as a YAML scalar, quoted where YAML needs it.
fn yaml_string(value: &str) -> String {
    serde_yaml::to_string(value)
        .map(|s| s.trim_end().to_string())
        .unwrap_or_else(|_| format!("{value:?}"))
}

/// Does the unit carry a translation? Tools mark a target that is only a
/// copy of the source as `new` or `needs-translation`.
fn is_translated(unit: &TransUnit) -> bool {
    !matches!(unit.state.as_deref(), Some("new" | "needs-translation"))
}

/// The index of body unit `id` (`b3` → 2).
fn body_index(id: &str, count: usize) -> Option<usize> {
    let n: usize = id.strip_prefix('b')?.parse().ok()?;
    (1..=count).contains(&n).then(|| n - 1)
}

/// The first words of a unit, for the report.
fn excerpt(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.len() > 6 {
        format!("{} ...", words[..6].join(" "))
    } else {
        words.join(" ")
    }
}

/// A title or summary: text only.
fn plain_target(target: Option<&[Node]>) -> Result<Option<String>, String> {
    let Some(nodes) = target else {
        return Ok(None);
    };
    let mut text = String::new();
    for node in nodes {
        match node {
            Node::Text(t) => text.push_str(t),
            Node::Element { name, id, .. } => {
                return Err(msg!(
                    "vertalen.code-onbekend",
                    code = format!("<{name} id=\"{}\">", id.as_deref().unwrap_or(""))
                ))
            }
        }
    }
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    Ok((!text.is_empty()).then_some(text))
}

/// A body unit's target as Markdown: its text escaped, each code replaced
/// by the original's Markdown. Every link, image, code, shortcode and
/// footnote of the source must be there once; none may be made up.
fn markdown_target(segmented: &Segmented, unit: &Unit, nodes: &[Node]) -> Result<String, String> {
    let codes = unit.codes();
    let mut used = Vec::new();
    let mut out = String::new();
    write_nodes(&codes, nodes, &mut used, &mut out)?;
    for (id, kind, open, close) in &codes {
        let count = used.iter().filter(|u| *u == id).count();
        let shown = || {
            format!(
                "{open}{}",
                close
                    .as_deref()
                    .map_or(String::new(), |c| format!("...{c}"))
            )
        };
        if count > 1 {
            return Err(msg!(
                "vertalen.code-dubbel",
                code = segmented.restore_calls(&shown())
            ));
        }
        if count == 0 && kind.required() {
            return Err(msg!(
                "vertalen.code-mist",
                code = segmented.restore_calls(&shown())
            ));
        }
    }
    Ok(out.trim_matches(' ').to_string())
}

fn write_nodes(
    codes: &[(usize, CodeKind, String, Option<String>)],
    nodes: &[Node],
    used: &mut Vec<usize>,
    out: &mut String,
) -> Result<(), String> {
    for node in nodes {
        match node {
            Node::Text(text) => {
                if text.contains("{{") || text.contains("{%") {
                    return Err(msg!("vertalen.shortcode-tekst"));
                }
                // Text that begins the unit must not start a block ("- ").
                if out.trim().is_empty() {
                    out.push_str(&escape_text(text.trim_start(), true));
                } else {
                    out.push_str(&escape_text(text, false));
                }
            }
            Node::Element { name, children, .. } if name == "mrk" => {
                write_nodes(codes, children, used, out)?;
            }
            Node::Element { name, id, children } => {
                let shown = format!("<{name} id=\"{}\">", id.as_deref().unwrap_or(""));
                let code = id
                    .as_deref()
                    .and_then(|id| id.parse::<usize>().ok())
                    .and_then(|id| codes.iter().find(|c| c.0 == id));
                let Some((id, _, open, close)) = code else {
                    return Err(msg!("vertalen.code-onbekend", code = shown));
                };
                used.push(*id);
                match (name.as_str(), close) {
                    ("g", Some(close)) => {
                        out.push_str(open);
                        write_nodes(codes, children, used, out)?;
                        out.push_str(close);
                    }
                    ("ph" | "x", None) => out.push_str(open),
                    _ => return Err(msg!("vertalen.code-soort", code = shown)),
                }
            }
        }
    }
    Ok(())
}
