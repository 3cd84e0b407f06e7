//! Fenced code → highlighted HTML with CSS classes (syntect, pure-Rust regex).
//!
//! Classes instead of inline styles keep pages small and let the theme choose
//! colors with enough contrast. The syntax set loads once, on first use, so
//! sites without code pay nothing.

use std::sync::OnceLock;

use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

fn syntaxes() -> &'static SyntaxSet {
    static SET: OnceLock<SyntaxSet> = OnceLock::new();
    SET.get_or_init(SyntaxSet::load_defaults_newlines)
}

/// Highlighted `<pre><code>` for `code` in language `lang` (a fence info
/// string's first word); plain escaped code when the language is unknown.
pub(crate) fn code_block(lang: &str, code: &str) -> String {
    let lang = lang.split([' ', ',', '{']).next().unwrap_or("").trim();
    let class = if lang.is_empty() {
        String::new()
    } else {
        format!(" class=\"language-{}\"", escape(lang))
    };
    let inner = if lang.is_empty() {
        None
    } else {
        highlight(lang, code)
    };
    let inner = inner.unwrap_or_else(|| escape(code));
    // A long line scrolls sideways inside the block; tabindex lets keyboard
    // users scroll it too (WCAG 2.1.1).
    format!("<pre class=\"code\" tabindex=\"0\"><code{class}>{inner}</code></pre>\n")
}

/// Code with a line longer than this (in bytes) is shown without colors:
/// syntect's time grows with the square of a line's length, and one 50 KB
/// line (minified code) took many seconds.
const MAX_HIGHLIGHTED_LINE: usize = 1000;

fn highlight(lang: &str, code: &str) -> Option<String> {
    if code.lines().any(|line| line.len() > MAX_HIGHLIGHTED_LINE) {
        return None;
    }
    let set = syntaxes();
    let syntax = set
        .find_syntax_by_token(lang)
        .or_else(|| set.find_syntax_by_extension(lang))?;
    let mut generator = ClassedHTMLGenerator::new_with_class_style(
        syntax,
        set,
        ClassStyle::SpacedPrefixed { prefix: "hl-" },
    );
    for line in LinesWithEndings::from(code) {
        generator
            .parse_html_for_line_which_includes_newline(line)
            .ok()?;
    }
    Some(generator.finalize())
}

pub(crate) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_language_gets_classes() {
        let html = code_block("rust", "fn main() {}\n");
        assert!(html.contains("hl-"), "{html}");
        assert!(html.contains("language-rust"));
    }

    /// Found by fuzzing (fuzz/corpus/markdown/crash-long-code-line.md).
    #[test]
    fn a_very_long_line_is_not_highlighted() {
        let code = format!("{}\n", "fn a() { let x = \"".repeat(3000));
        let started = std::time::Instant::now();
        let html = code_block("rust", &code);
        assert!(started.elapsed().as_secs() < 2);
        assert!(!html.contains("hl-"));
        assert!(html.contains("language-rust"));
        assert!(html.contains("let x = &quot;"));
    }

    #[test]
    fn unknown_language_is_escaped_text() {
        let html = code_block("onbekend", "<b>\n");
        assert!(html.contains("&lt;b&gt;"));
        assert!(!html.contains("hl-"));
    }
}
