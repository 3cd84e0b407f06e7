//! The offline search (spec §5 `<site>/search-index.json`, the reserved
//! `zoeken/`): an index and a search page per site and language, Dutch
//! stemming at build time, team pages only in the team index, and a build
//! without the extras. The search itself, in a browser, from disk, is run by
//! tests/browser/main.rs.

use crate::common::*;

fn index_of(out: &std::path::Path, site_root: &str) -> serde_json::Value {
    let text = read(&out.join(format!("{site_root}search-index.json")));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{site_root}: {e}\n{text}"))
}

/// Every term of every page of an index, with the page's address.
fn terms(index: &serde_json::Value) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for page in index["pages"].as_array().unwrap() {
        let url = page["u"].as_str().unwrap().to_string();
        for group in page["k"].as_array().unwrap() {
            for t in group.as_str().unwrap().split_whitespace() {
                out.push((url.clone(), t.to_string()));
            }
        }
    }
    out
}

fn school() -> Site {
    site(&[
        (
            "book.toml",
            "[book]\ntitle = \"De Eik\"\n[[band]]\nid = \"onderbouw\"\nname = \"Onderbouw\"\n[[class]]\nid = \"groep-1\"\nname = \"Groep 1\"\nbands = [\"onderbouw\"]\n[languages.en]\nname = \"English\"\n",
        ),
        ("content/index.md", "---\ntitle: Welkom\n---\nWelkom op school.\n"),
        (
            "content/gesprekken.md",
            "---\ntitle: Oudergesprekken\nsummary: In maart praten we over uw kind.\n---\n## Inschrijven\n\nDe gesprekken duren tien minuten.\n",
        ),
        ("content/gesprekken.en.md", "---\ntitle: Parent meetings\n---\nThe meetings take ten minutes.\n"),
        ("content/groep-1/index.md", "---\ntitle: Groep 1\nclasses: [groep-1]\n---\nWelkom in groep 1. We knutselen graag.\n"),
        ("content/team/vergadering.md", "---\ntitle: Teamvergadering\naudience: team\n---\nGeheime agendapunten voor de vergadering.\n"),
    ])
}

#[test]
fn every_site_and_language_gets_an_index_a_script_and_a_search_page() {
    let s = school();
    let out = s.build_ok(&[]);
    for root in ["", "onderbouw/", "groep-1/", "en/", "en/groep-1/"] {
        let index = index_of(&out, root);
        let json = read(&out.join(format!("{root}search-index.json")));
        let script = read(&out.join(format!("{root}search-index.js")));
        assert_eq!(
            script.trim_end(),
            format!("window.helderZoekIndex={json};"),
            "{root}"
        );
        let page = read(&out.join(format!("{root}zoeken/index.html")));
        assert!(
            page.contains("<form class=\"search\" role=\"search\""),
            "{root}: {page}"
        );
        assert!(page.contains("id=\"zoekterm\""));
        // Every address in the index is a page of this site.
        for entry in index["pages"].as_array().unwrap() {
            let url = entry["u"].as_str().unwrap();
            assert_file(&out, &format!("{root}{url}"));
        }
        // Every page links to the search page of its own site.
        let home = read(&out.join(format!("{root}index.html")));
        assert!(
            home.contains("class=\"search-link\" href=\"zoeken/index.html\""),
            "{root}"
        );
    }
    assert_eq!(index_of(&out, "en/")["lang"], "en");
}

#[test]
fn dutch_words_are_stemmed_so_plurals_find_singulars() {
    let s = school();
    let out = s.build_ok(&[]);
    let school_terms = terms(&index_of(&out, ""));
    // "gesprekken" and "Oudergesprekken" are indexed by their stems.
    assert!(
        school_terms.contains(&("gesprekken/index.html".into(), "gesprek".into())),
        "{school_terms:?}"
    );
    assert!(school_terms.contains(&("gesprekken/index.html".into(), "oudergesprek".into())));
    // Headings and the summary count too; stop words do not.
    assert!(
        school_terms.iter().any(|(_, t)| t == "inschrijv"),
        "{school_terms:?}"
    );
    assert!(school_terms.iter().any(|(_, t)| t == "maart"));
    assert!(!school_terms.iter().any(|(_, t)| t == "de" || t == "in"));
    // The English site indexes the translation, stemmed as English
    // ("meetings" is found by "meeting").
    let en_terms = terms(&index_of(&out, "en/"));
    assert!(
        en_terms.contains(&("gesprekken/index.html".into(), "meet".into())),
        "{en_terms:?}"
    );
}

#[test]
fn team_pages_never_enter_a_parent_index() {
    let s = school();
    let out = s.build_ok(&[]);
    for root in ["", "onderbouw/", "groep-1/", "en/", "en/groep-1/"] {
        let json = read(&out.join(format!("{root}search-index.json")));
        assert!(
            !json.contains("Teamvergadering") && !json.contains("geheim"),
            "{root}: {json}"
        );
    }
    // The team's own index is encrypted (team is private by default).
    assert_no_file(&out, "team/search-index.json");
    let team = team_index(&out);
    assert!(team.contains("Teamvergadering") && team.contains("geheim"));
}

/// The team site's search index, opened with the fixture's team code.
fn team_index(out: &std::path::Path) -> String {
    let script = read(&out.join("team/search-index.js"));
    let envelope = script
        .strip_prefix("window.helderZoekIndexSealed=\"")
        .and_then(|rest| rest.split('"').next())
        .expect("a private site's index is encrypted");
    let code = code_in(FIXTURE_CODES, "team").unwrap();
    String::from_utf8(helder::open_sealed(&code, envelope).expect("opens with the team code"))
        .unwrap()
}

#[test]
fn a_private_sites_search_page_and_encrypted_index_work_together() {
    let s = school();
    let out = s.build_ok(&[]);
    let page = read_opened(&out.join("team/zoeken/index.html"));
    assert!(page.contains("<form class=\"search\" role=\"search\""));
    assert!(
        page.contains("search-index.js"),
        "the page loads the encrypted index"
    );
    let index: serde_json::Value = serde_json::from_str(&team_index(&out)).unwrap();
    for entry in index["pages"].as_array().unwrap() {
        let url = entry["u"].as_str().unwrap();
        assert_file(&out, &format!("team/{url}"));
    }
}

#[test]
fn a_class_index_holds_the_class_pages_and_no_other_class() {
    let s = site(&[
        (
            "book.toml",
            "[book]\ntitle = \"De Eik\"\n[[class]]\nid = \"groep-1\"\nname = \"Groep 1\"\n[[class]]\nid = \"groep-2\"\nname = \"Groep 2\"\n",
        ),
        ("content/index.md", "---\ntitle: Welkom\n---\nWelkom.\n"),
        ("content/groep-1/uitje.md", "---\ntitle: Uitje\nclasses: [groep-1]\n---\nWe gaan naar de dierentuin.\n"),
        ("content/groep-2/uitje.md", "---\ntitle: Uitje\nclasses: [groep-2]\n---\nWe gaan naar het strand.\n"),
    ]);
    let out = s.build_ok(&[]);
    let one = read(&out.join("groep-1/search-index.json"));
    assert!(
        one.contains("dierentuin") && !one.contains("strand"),
        "{one}"
    );
    let school = read(&out.join("search-index.json"));
    assert!(!school.contains("dierentuin") && !school.contains("strand"));
}

#[test]
fn the_search_page_lists_every_page_for_readers_without_javascript() {
    let s = school();
    let out = s.build_ok(&[]);
    let page = read(&out.join("zoeken/index.html"));
    assert!(page.contains("<noscript>"));
    assert!(
        page.contains("href=\"../gesprekken/index.html\">Oudergesprekken</a>"),
        "{page}"
    );
    // The scripts it needs, relative so the page works from disk.
    for script in [
        "../assets/stam.js",
        "../search-index.js",
        "../assets/zoeken.js",
    ] {
        assert!(page.contains(&format!("src=\"{script}\"")), "{script}");
    }
    assert_file(&out, "assets/stam.js");
    assert_file(&out, "assets/zoeken.js");
    let en = read(&out.join("en/zoeken/index.html"));
    assert!(
        en.contains("<html lang=\"en\"") && en.contains("All pages"),
        "{en}"
    );
}

#[test]
fn a_build_without_extras_writes_no_index_search_page_or_report() {
    let s = school();
    let out = s.build_ok(&["--no-extras"]);
    for root in ["", "groep-1/", "en/", "team/"] {
        assert_no_file(&out, &format!("{root}search-index.json"));
        assert_no_file(&out, &format!("{root}search-index.js"));
        assert_no_file(&out, &format!("{root}zoeken/index.html"));
        let home = read(&out.join(format!("{root}index.html")));
        assert!(!home.contains("search-link"), "{root}");
    }
    assert_no_file(&out, "team/leesbaarheid/index.html");
    assert_file(&out, "gesprekken/index.html");
}

#[test]
fn a_page_in_the_reserved_search_folder_is_an_error() {
    let s = site(&[
        ("book.toml", "[book]\ntitle = \"De Eik\"\n"),
        (
            "content/zoeken.md",
            "---\ntitle: Zoeken\n---\nZelf gemaakt.\n",
        ),
    ]);
    let run = s.build(&[]);
    run.expect_code(1).no_panic();
    assert!(run.stderr.contains("content/zoeken.md"), "{}", run.stderr);
}
