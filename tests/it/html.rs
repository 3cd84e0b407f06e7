//! Accessible page structure (issue 2 point 3): every generated HTML page has
//! `<html lang>`, exactly one `<h1>`, one `<main>`, and a skip link to it.

use std::path::Path;

use crate::common::*;

fn structure_problems(out: &Path) -> Vec<String> {
    let mut problems = Vec::new();
    let files = html_files(out);
    assert!(!files.is_empty(), "no HTML in {}", out.display());
    for f in files {
        let html = read(&out.join(&f));
        let all = tags(&html);
        let count = |name: &str| all.iter().filter(|t| t.name == name).count();

        match all.iter().find(|t| t.name == "html") {
            Some(t) if t.attr("lang").is_some_and(|l| !l.trim().is_empty()) => {}
            Some(_) => problems.push(format!("{f}: <html> without a lang")),
            None => problems.push(format!("{f}: no <html> element")),
        }
        let h1 = count("h1");
        if h1 != 1 {
            problems.push(format!("{f}: {h1} <h1> elements (expected exactly 1)"));
        }
        let main = count("main");
        if main != 1 {
            problems.push(format!("{f}: {main} <main> elements (expected exactly 1)"));
        }
        // Skip link: the first link of the page jumps to an id that exists at or
        // inside <main>.
        let main_at = all.iter().find(|t| t.name == "main").map(|t| t.offset);
        let first_link = all.iter().find(|t| t.name == "a");
        match (first_link.and_then(|a| a.attr("href")), main_at) {
            (Some(href), Some(main_at)) if href.starts_with('#') && href.len() > 1 => {
                let id = &href[1..];
                let target = all.iter().find(|t| t.attr("id") == Some(id));
                match target {
                    Some(t) if t.offset >= main_at => {}
                    Some(_) => problems.push(format!("{f}: skip link {href} points before <main>")),
                    None => problems.push(format!("{f}: skip link {href} has no target")),
                }
            }
            (href, _) => problems.push(format!(
                "{f}: the first link ({href:?}) is not a skip link to the content"
            )),
        }
    }
    problems
}

fn assert_structure(out: &Path) {
    let problems = structure_problems(out);
    assert!(
        problems.is_empty(),
        "{} problem(s):\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn fixture_pages_have_lang_one_h1_main_and_skip_link() {
    let s = school();
    let out = s.build_ok(&["--drafts"]);
    assert_structure(&out);
}

#[test]
fn heading_1_in_markdown_does_not_make_a_second_h1() {
    let s = school();
    s.write(
        "content/met-kop.md",
        "---\ntitle: Met een kop\n---\n# Een kop in de tekst\n\nTekst.\n\n## Tweede niveau\n\nMeer.\n",
    );
    s.write(
        "content/groep-1/index.md",
        "---\ntitle: Groep 1\nclasses: [groep-1]\n---\n# Welkom in groep 1\n\nTekst.\n",
    );
    s.write(
        "content/training/b.md",
        "---\ntitle: Hoofdstuk Eerste\naudience: training\nweight: 10\n---\n# Kop\n\nTekst.\n",
    );
    let out = s.build_ok(&[]);
    assert!(read(&out.join("met-kop/index.html")).contains("Een kop in de tekst"));
    assert_structure(&out);
}

#[test]
fn demo_pages_have_lang_one_h1_main_and_skip_link() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    helder_in(
        tmp.path(),
        &[
            "build",
            "--root",
            repo_root().to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ],
    )
    .ok();
    assert_structure(&out);
}

#[test]
fn starter_site_pages_have_lang_one_h1_main_and_skip_link() {
    let tmp = tempfile::tempdir().unwrap();
    helder_in(tmp.path(), &["init", "site"]).ok();
    helder_in(tmp.path(), &["build", "--root", "site"]).ok();
    assert_structure(&tmp.path().join("site/public"));
}

#[test]
fn page_language_follows_book_language() {
    let s = school();
    s.write(
        "book.toml",
        &BOOK_TOML.replacen("language = \"nl\"", "language = \"nl-BE\"", 1),
    );
    let out = s.build_ok(&[]);
    for f in html_files(&out) {
        let html = read(&out.join(&f));
        let lang = tags(&html)
            .into_iter()
            .find(|t| t.name == "html")
            .and_then(|t| t.attr("lang").map(str::to_string));
        assert_eq!(lang.as_deref(), Some("nl-BE"), "{f}");
    }
}

/// Issue 6, read-aloud: every page (but slides and search, issue 16) has a "Lees voor" button, hidden until the
/// script finds the browser's speech synthesis, and the script it needs.
#[test]
fn every_page_has_a_hidden_read_aloud_button_and_its_script() {
    let s = school();
    let out = s.build_ok(&[]);
    assert_file(&out, "assets/voorlezen.js");
    for f in html_files(&out) {
        // What a reader sees after typing the code (team and training are
        // private): the shell itself has no text to read aloud.
        let html = read_opened(&out.join(&f));
        // Issue 16: not over slides, and not on the search page.
        let without = html.contains("type-slides") || html.contains("type-search");
        assert_eq!(
            html.contains("data-read-aloud") && html.contains(" hidden>Lees voor</button>"),
            !without,
            "{f}"
        );
        assert_eq!(
            html.contains("assets/voorlezen.js\" defer"),
            !without,
            "{f}"
        );
    }
}
