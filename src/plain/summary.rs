//! Reports of a whole site: the text and JSON output of `helder check`, the
//! short summary of `helder build`, and which findings fail a build.

use std::fmt::Write as _;

use serde::Serialize;

use super::{Level, Report};
use crate::config::FailOn;
use crate::error::Diagnostic;

/// Does this finding fail the build under `fail-on`?
pub(crate) fn fails(level: Level, fail_on: FailOn) -> bool {
    match fail_on {
        FailOn::None => false,
        FailOn::Warning => true,
        FailOn::Error => level == Level::Error,
    }
}

/// The findings that fail the build, as errors with their position.
pub fn failing(reports: &[Report], fail_on: FailOn) -> Vec<Diagnostic> {
    reports
        .iter()
        .flat_map(|r| r.findings.iter().map(move |f| (r, f)))
        .filter(|(_, f)| fails(f.level, fail_on))
        .map(|(r, f)| {
            Diagnostic::site(format!(
                "{} ({}): {}",
                f.rule.id(),
                level_name(f.level),
                f.message
            ))
            .in_file(&r.file)
            .at(f.line, f.column)
            .help(format!(
                "{}; see `helder check` for the whole report, or set [plain-language] fail-on",
                f.suggestion
            ))
        })
        .collect()
}

fn level_name(level: Level) -> &'static str {
    match level {
        Level::Warning => "waarschuwing",
        Level::Error => "fout",
    }
}

/// Worst first: most errors, then most warnings, then lowest score.
pub(crate) fn worst_first_order(a: &Report, b: &Report) -> std::cmp::Ordering {
    b.errors()
        .cmp(&a.errors())
        .then(b.warnings().cmp(&a.warnings()))
        .then(a.flesch_douma.total_cmp(&b.flesch_douma))
        .then(a.file.cmp(&b.file))
}

pub(crate) fn worst_first(reports: &[Report]) -> Vec<&Report> {
    let mut sorted: Vec<&Report> = reports.iter().collect();
    sorted.sort_by(|a, b| worst_first_order(a, b));
    sorted
}

/// `helder check`: per page its score and findings, then a table worst first.
pub fn text(reports: &[Report], fail_on: FailOn) -> String {
    let mut out = String::new();
    for r in reports {
        let _ = write!(
            out,
            "{}: Flesch-Douma {:.1}, niveau {}, {} woorden, {:.1} woorden per zin",
            r.file, r.flesch_douma, r.level, r.words, r.mean_sentence_words
        );
        match &r.word_score {
            Some(w) => {
                let _ = writeln!(
                    out,
                    ", woordscore {:.0} (niveau {} van 4)",
                    w.score, w.level
                );
            }
            None => out.push('\n'),
        }
        for f in &r.findings {
            let _ = writeln!(
                out,
                "  {}:{}:{} {} {}: {}\n      → {}",
                r.file,
                f.line,
                f.column,
                f.rule.id(),
                level_name(f.level),
                f.message,
                f.suggestion
            );
        }
    }
    let _ = writeln!(out, "\nSamenvatting, moeilijkste eerst:");
    let _ = writeln!(
        out,
        "{:>6}  {:<6} {:>6} {:>6}  pagina",
        "score", "niveau", "fouten", "waarsch"
    );
    for r in worst_first(reports) {
        let _ = writeln!(
            out,
            "{:>6.1}  {:<6} {:>6} {:>6}  {}",
            r.flesch_douma,
            r.level,
            r.errors(),
            r.warnings(),
            r.file
        );
    }
    let _ = writeln!(out, "\n{}", one_line(reports, fail_on));
    out
}

/// The line `helder build` prints.
pub(crate) fn one_line(reports: &[Report], fail_on: FailOn) -> String {
    let words: usize = reports.iter().map(|r| r.words).sum();
    let errors: usize = reports.iter().map(Report::errors).sum();
    let warnings: usize = reports.iter().map(Report::warnings).sum();
    let weighted: f64 = reports
        .iter()
        .map(|r| r.flesch_douma * r.words as f64)
        .sum();
    let mean = if words == 0 {
        0.0
    } else {
        weighted / words as f64
    };
    crate::msg!(
        "leesbaarheid.samenvatting",
        paginas = reports.len(),
        score = format!("{mean:.0}"),
        fouten = errors,
        waarschuwingen = warnings,
        fail_on = fail_on.as_str()
    )
}

#[derive(Serialize)]
struct Json<'a> {
    /// Version of this JSON format.
    version: u32,
    summary: JsonSummary,
    pages: &'a [Report],
}

#[derive(Serialize)]
struct JsonSummary {
    pages: usize,
    errors: usize,
    warnings: usize,
    fail_on: &'static str,
    failed: bool,
}

/// `helder check --format json` (schema in the README).
pub fn json(reports: &[Report], fail_on: FailOn) -> String {
    let doc = Json {
        version: 1,
        summary: JsonSummary {
            pages: reports.len(),
            errors: reports.iter().map(Report::errors).sum(),
            warnings: reports.iter().map(Report::warnings).sum(),
            fail_on: fail_on.as_str(),
            failed: !failing(reports, fail_on).is_empty(),
        },
        pages: reports,
    };
    serde_json::to_string_pretty(&doc).unwrap_or_default()
}
