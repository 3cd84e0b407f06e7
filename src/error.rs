//! One error type for the whole pipeline: a list of diagnostics, each naming the
//! file, line and column where known, what is wrong, and what to do about it.
//!
//! Stages collect every problem they find instead of stopping at the first, so an
//! author fixes a whole build's worth of mistakes in one go.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::msg;

/// Which exit code a failure maps to (spec §2): the site's own content is wrong
/// (1), or helder could not be used as asked / could not read or write (2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Cause {
    /// The site has errors: bad front matter, broken links, unknown ids.
    Site,
    /// Usage or I/O: bad arguments, unreadable files, unwritable output.
    Usage,
}

/// Whether a diagnostic stops the run or only asks for an improvement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    /// Works, but should be better (a color with too little contrast):
    /// shown, never fatal.
    Warning,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub cause: Cause,
    pub severity: Severity,
    pub file: Option<PathBuf>,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn site(message: impl Into<String>) -> Self {
        Diagnostic {
            cause: Cause::Site,
            severity: Severity::Error,
            file: None,
            line: None,
            column: None,
            message: message.into(),
            help: None,
        }
    }

    pub fn usage(message: impl Into<String>) -> Self {
        Diagnostic {
            cause: Cause::Usage,
            ..Diagnostic::site(message)
        }
    }

    /// helder could not `action` (a catalogue text: "de pagina lezen") the
    /// file at `path`.
    pub fn io(path: &Path, action: &str, err: &std::io::Error) -> Self {
        Diagnostic::usage(msg!("fout.io", actie = action, reden = io_reason(err)))
            .in_file(path)
            .help(io_help(err))
    }

    pub fn in_file(mut self, file: impl Into<PathBuf>) -> Self {
        self.file = Some(file.into());
        self
    }

    pub fn at(mut self, line: usize, column: usize) -> Self {
        self.line = Some(line);
        self.column = Some(column);
        self
    }

    pub fn at_line(mut self, line: usize) -> Self {
        self.line = Some(line);
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// The same diagnostic as a warning: shown, never fatal.
    pub fn warning(mut self) -> Self {
        self.severity = Severity::Warning;
        self
    }

    /// Everything after the label: place, message, help.
    fn write_body(&self, f: &mut impl fmt::Write) -> fmt::Result {
        if let Some(file) = &self.file {
            write!(f, "{}", file.display())?;
            if let Some(line) = self.line {
                write!(f, ":{line}")?;
                if let Some(column) = self.column {
                    write!(f, ":{column}")?;
                }
            }
            write!(f, ": ")?;
        }
        write!(f, "{}", self.message)?;
        if let Some(help) = &self.help {
            write!(f, "\n  {}{help}", msg!("fout.label-hulp"))?;
        }
        Ok(())
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => msg!("fout.label-fout"),
            Severity::Warning => msg!("fout.label-waarschuwing"),
        };
        write!(f, "{label}")?;
        self.write_body(f)
    }
}

/// What went wrong reading or writing, in words (the system's own text is
/// English and differs per computer).
pub(crate) fn io_reason(err: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    match err.kind() {
        K::NotFound => msg!("fout.io-bestaat-niet"),
        K::PermissionDenied => msg!("fout.io-geen-toestemming"),
        K::AlreadyExists => msg!("fout.io-bestaat-al"),
        K::StorageFull => msg!("fout.io-schijf-vol"),
        K::ReadOnlyFilesystem => msg!("fout.io-alleen-lezen"),
        K::IsADirectory => msg!("fout.io-is-map"),
        K::NotADirectory => msg!("fout.io-geen-map"),
        K::DirectoryNotEmpty => msg!("fout.io-map-niet-leeg"),
        K::InvalidData => msg!("fout.io-geen-tekst"),
        K::AddrInUse => msg!("fout.io-poort-bezet"),
        _ => msg!("fout.io-anders", systeem = err),
    }
}

/// What to do about an I/O error.
fn io_help(err: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    match err.kind() {
        K::NotFound => msg!("fout.io-hulp-bestaat-niet"),
        K::PermissionDenied | K::ReadOnlyFilesystem => msg!("fout.io-hulp-toestemming"),
        K::StorageFull => msg!("fout.io-hulp-schijf-vol"),
        _ => msg!("fout.io-hulp-anders"),
    }
}

/// Everything that went wrong in one run, in a stable order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Errors(pub Vec<Diagnostic>);

impl Errors {
    pub fn new() -> Self {
        Errors(Vec::new())
    }

    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.0.push(diagnostic);
    }

    pub fn extend(&mut self, other: Errors) {
        self.0.extend(other.0);
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Ok(value) when nothing was collected, else the sorted errors.
    pub fn into_result<T>(mut self, value: T) -> Result<T, Errors> {
        if self.0.is_empty() {
            Ok(value)
        } else {
            self.sort();
            Err(self)
        }
    }

    /// Sorted by file and position so output is the same on every run, whatever
    /// order the parallel stages finished in.
    pub fn sort(&mut self) {
        self.0.sort_by(|a, b| {
            (&a.file, a.line, a.column, &a.message).cmp(&(&b.file, b.line, b.column, &b.message))
        });
        self.0.dedup();
    }

    /// The exit code for this set of errors: 2 if any is a usage/I/O error, else 1.
    pub fn exit_code(&self) -> i32 {
        if self.0.iter().any(|d| d.cause == Cause::Usage) {
            2
        } else {
            1
        }
    }
}

impl From<Diagnostic> for Errors {
    fn from(d: Diagnostic) -> Self {
        Errors(vec![d])
    }
}

impl fmt::Display for Errors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in &self.0 {
            writeln!(f, "{d}")?;
        }
        let n = self.0.len();
        if n == 1 {
            write!(f, "{}", msg!("fout.samenvatting-een"))
        } else {
            write!(f, "{}", msg!("fout.samenvatting", aantal = n))
        }
    }
}

impl std::error::Error for Errors {}

/// 1-based line and column (in characters) of a byte offset in `text`.
pub(crate) fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..floor_char_boundary(text, offset)];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map(|i| i + 1).unwrap_or(0);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The closest of `known` to `unknown`, for "did you mean ...?" hints.
pub(crate) fn did_you_mean<'a>(
    unknown: &str,
    known: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    known
        .into_iter()
        .map(|k| (strsim::jaro_winkler(unknown, k), k))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, k)| k)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters() {
        let text = "ab\ncdé\nf";
        assert_eq!(line_col(text, 0), (1, 1));
        assert_eq!(line_col(text, 3), (2, 1));
        assert_eq!(line_col(text, text.find('f').unwrap()), (3, 1));
        assert_eq!(line_col(text, 1000), (3, 2));
    }

    #[test]
    fn suggestion_finds_close_ids() {
        assert_eq!(
            did_you_mean("onderbow", ["onderbouw", "bovenbouw"]),
            Some("onderbouw")
        );
        assert_eq!(did_you_mean("xyz", ["onderbouw"]), None);
    }
}
