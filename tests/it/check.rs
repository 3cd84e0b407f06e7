//! `helder check` and the plain-language parts of `helder build` (issue 3,
//! spec §2 exit codes and §3 `[plain-language]`), end to end through the real
//! binary, on small fixture sites written into temp folders.

use std::collections::BTreeSet;

use crate::common::*;
use serde_json::Value;

// ---------------------------------------------------------------------------
// Fixtures and helpers.

/// A book.toml for a Dutch school without bands or classes; `plain` is
/// appended inside `[plain-language]` (e.g. `fail-on = "none"`).
fn book(plain: &str) -> String {
    format!(
        "[book]\ntitle = \"Testschool De Beuk\"\nlanguage = \"nl\"\n\n\
         [plain-language]\nlevel = \"B1\"\nmax-sentence-words = 20\n{plain}\n"
    )
}

/// A site with `book.toml` from `book(plain)` and the given pages.
fn site_with(plain: &str, pages: &[(&str, String)]) -> Site {
    let book = book(plain);
    let mut files: Vec<(&str, &str)> = vec![("book.toml", book.as_str())];
    files.extend(pages.iter().map(|(p, t)| (*p, t.as_str())));
    site(&files)
}

/// Short, plain Dutch sentences: no finding of any rule.
const CLEAN: &str = "Welkom op onze school. We zijn blij dat u er bent. \
                     De kinderen spelen buiten. De juf leest een boek voor.";

/// Exactly 35 words in one sentence: above 1.5 × 20, so a long-sentence error.
const SENTENCE_35: &str = "Op de eerste vrijdag van de maand gaan alle kinderen van de school \
     samen met de juf en de meester naar het grote bos bij het dorp om daar te \
     spelen en lekker te eten.";

/// Exactly 24 words in one sentence: above 20 (parents), below 30 (team).
const SENTENCE_24: &str = "Op vrijdag gaan alle kinderen van de school samen met de juf en \
     de meester naar het bos om te spelen en te eten.";

/// `helder check --root <root> EXTRA...`, run from the temp folder.
fn check(s: &Site, extra: &[&str]) -> Run {
    let root = s.root().to_str().unwrap().to_string();
    let mut args = vec!["check", "--root", root.as_str()];
    args.extend_from_slice(extra);
    let run = helder_in(s.parent(), &args);
    run.no_panic();
    run
}

/// `helder check --format json`, parsed.
fn check_json(s: &Site) -> (Run, Value) {
    let run = check(s, &["--format", "json"]);
    let json: Value = serde_json::from_str(&run.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout of `check --format json` is not JSON: {e}\n--- stdout ---\n{}\n--- stderr ---\n{}",
            run.stdout, run.stderr
        )
    });
    (run, json)
}

/// The page of the JSON report whose `file` is `file`.
fn page_of<'a>(json: &'a Value, file: &str) -> &'a Value {
    let pages = json["pages"].as_array().expect("`pages` is an array");
    pages.iter().find(|p| p["file"] == file).unwrap_or_else(|| {
        let files: Vec<&Value> = pages.iter().map(|p| &p["file"]).collect();
        panic!("no page with file {file:?} in the JSON report; files: {files:?}")
    })
}

fn findings(page: &Value) -> &Vec<Value> {
    page["findings"]
        .as_array()
        .unwrap_or_else(|| panic!("`findings` is not an array: {page}"))
}

/// The findings of `page` with rule `rule`.
fn with_rule<'a>(page: &'a Value, rule: &str) -> Vec<&'a Value> {
    findings(page)
        .iter()
        .filter(|f| f["rule"] == rule)
        .collect()
}

fn rules_of(page: &Value) -> Vec<String> {
    findings(page)
        .iter()
        .map(|f| f["rule"].as_str().unwrap_or("?").to_string())
        .collect()
}

/// Buttons with `popovertarget` whose popover element (the element with that
/// id, carrying the `popover` attribute) contains `explanation`. Returns the
/// ids.
fn term_popovers(html: &str, explanation: &str) -> Vec<String> {
    let all = tags(html);
    let mut ids = Vec::new();
    for button in all.iter().filter(|t| t.name == "button") {
        let Some(id) = button.attr("popovertarget") else {
            continue;
        };
        let Some(target) = all.iter().find(|t| t.attr("id") == Some(id)) else {
            panic!("popovertarget={id:?} names no element of the page");
        };
        // The text of the target element (up to its next closing tag of the same name).
        let rest = &html[target.offset..];
        let close = format!("</{}>", target.name);
        let body = &rest[..rest.find(&close).unwrap_or(rest.len())];
        if body.contains(explanation) {
            assert!(
                target.attrs.iter().any(|(n, _)| n == "popover"),
                "the explanation element #{id} has no `popover` attribute: {body}"
            );
            ids.push(id.to_string());
        }
    }
    ids
}

// ---------------------------------------------------------------------------
// 1. Exit codes of `helder check` (spec §2).

#[test]
fn check_exits_0_for_a_clean_dutch_site_and_writes_nothing() {
    let s = site_with(
        "",
        &[
            ("content/index.md", page("title: Welkom", CLEAN)),
            (
                "content/info.md",
                page("title: Info", "Wij gaan naar het bos. Het is leuk."),
            ),
        ],
    );
    let run = check(&s, &[]);
    run.ok();
    assert!(
        !s.public().exists(),
        "`helder check` must not write public/"
    );
}

#[test]
fn check_exits_1_for_a_long_sentence_error_on_a_parent_page() {
    let s = site_with(
        "",
        &[
            ("content/index.md", page("title: Welkom", CLEAN)),
            ("content/uitje.md", page("title: Uitje", SENTENCE_35)),
        ],
    );
    let run = check(&s, &[]);
    run.expect_code(1);
    assert!(
        run.stdout.contains("long-sentence"),
        "the report names the rule:\n{}",
        run.stdout
    );
}

#[test]
fn check_exits_1_for_a_hard_word_error_on_a_parent_page() {
    let s = site_with(
        "",
        &[(
            "content/brief.md",
            page(
                "title: Brief",
                "Wij vragen dit teneinde de school te helpen.",
            ),
        )],
    );
    let run = check(&s, &[]);
    run.expect_code(1);
    assert!(run.stdout.contains("hard-word"), "{}", run.stdout);
    assert!(run.stdout.contains("teneinde"), "{}", run.stdout);
}

#[test]
fn check_exits_0_with_fail_on_none_despite_errors() {
    let s = site_with(
        "fail-on = \"none\"",
        &[
            ("content/uitje.md", page("title: Uitje", SENTENCE_35)),
            (
                "content/brief.md",
                page(
                    "title: Brief",
                    "Wij vragen dit teneinde de school te helpen.",
                ),
            ),
        ],
    );
    let run = check(&s, &[]);
    run.ok();
    // The findings are still reported.
    assert!(run.stdout.contains("long-sentence"), "{}", run.stdout);
    assert!(run.stdout.contains("hard-word"), "{}", run.stdout);
}

#[test]
fn check_exits_1_with_fail_on_warning_when_only_a_warning_exists() {
    let pages = [(
        "content/brief.md",
        page("title: Brief", "Indien u komt, zeg het dan. Wij zijn blij."),
    )];
    // With the default fail-on = "error" the warning alone passes ...
    let s = site_with("", &pages);
    let (run, json) = check_json(&s);
    run.ok();
    let p = page_of(&json, "content/brief.md");
    let hard = with_rule(p, "hard-word");
    assert_eq!(hard.len(), 1, "{p}");
    assert_eq!(hard[0]["level"], "warning", "{p}");
    assert_eq!(json["summary"]["errors"], 0, "{json}");
    // ... and with fail-on = "warning" it fails.
    let s = site_with("fail-on = \"warning\"", &pages);
    check(&s, &[]).expect_code(1);
    let (run, json) = check_json(&s);
    run.expect_code(1);
    assert_eq!(json["summary"]["fail_on"], "warning", "{json}");
    assert_eq!(json["summary"]["failed"], true, "{json}");
}

#[test]
fn check_exits_2_without_book_toml() {
    let s = site(&[("content/index.md", &page("title: Welkom", CLEAN))]);
    let run = check(&s, &[]);
    run.expect_code(2);
    assert!(run.stderr.contains("book.toml"), "{}", run.stderr);
    let run = check(&s, &["--format", "json"]);
    run.expect_code(2);
}

#[test]
fn check_exits_1_for_broken_front_matter() {
    let s = site_with(
        "",
        &[
            ("content/index.md", page("title: Welkom", CLEAN)),
            (
                "content/kapot.md",
                "---\ntitle: Kapot\nsummary: Dit is: fout\n---\nTekst.\n".to_string(),
            ),
        ],
    );
    let run = check(&s, &[]);
    run.expect_code(1);
    assert!(
        names_file_line(&run.stderr, "content/kapot.md", Some(3)),
        "the error names content/kapot.md:3\n{}",
        run.stderr
    );
}

// ---------------------------------------------------------------------------
// 2. `--format json`.

/// Line numbers count from the file's first line (front matter included);
/// columns point at the word in the Markdown source, markup included.
const POSITIONS: &str = "---
title: Posities
summary: Waar staat het woord
---
# Welkom

Dit is een zin.
Wij doen **dit** teneinde te leren.

- Kom je ook? Indien je komt, zeg het dan.

Morgen vergadert de MR weer.
";

#[test]
fn json_has_the_documented_schema() {
    let s = site_with(
        "",
        &[
            ("content/index.md", page("title: Welkom", CLEAN)),
            ("content/posities.md", POSITIONS.to_string()),
        ],
    );
    let (run, json) = check_json(&s);
    run.expect_code(1);

    assert!(json["version"].is_number(), "version: {json}");
    let summary = &json["summary"];
    let pages = json["pages"].as_array().expect("pages is an array");
    assert_eq!(pages.len(), 2, "{json}");
    assert_eq!(summary["pages"], 2, "{summary}");
    assert_eq!(summary["fail_on"], "error", "{summary}");
    assert_eq!(summary["failed"], true, "{summary}");

    let (mut errors, mut warnings) = (0, 0);
    for p in pages {
        assert!(p["file"].is_string(), "file: {p}");
        assert!(p["flesch_douma"].is_number(), "flesch_douma: {p}");
        assert!(p["level"].is_string(), "level: {p}");
        for f in findings(p) {
            for key in ["rule", "level", "message", "suggestion"] {
                let v = f[key]
                    .as_str()
                    .unwrap_or_else(|| panic!("{key} is not a string: {f}"));
                assert!(!v.trim().is_empty(), "{key} is empty: {f}");
            }
            for key in ["line", "column"] {
                let n = f[key]
                    .as_u64()
                    .unwrap_or_else(|| panic!("{key} is not a number: {f}"));
                assert!(n >= 1, "{key} counts from 1: {f}");
            }
            match f["level"].as_str().unwrap() {
                "error" => errors += 1,
                "warning" => warnings += 1,
                other => panic!("finding level {other:?} is neither error nor warning"),
            }
        }
    }
    assert_eq!(summary["errors"], errors, "{summary}");
    assert_eq!(summary["warnings"], warnings, "{summary}");

    let clean = page_of(&json, "content/index.md");
    assert!(findings(clean).is_empty(), "{clean}");
}

#[test]
fn json_positions_point_at_the_word_in_the_markdown_file() {
    let s = site_with("", &[("content/posities.md", POSITIONS.to_string())]);
    let (_, json) = check_json(&s);
    let p = page_of(&json, "content/posities.md");
    let at = |rule: &str, word: &str| -> (u64, u64) {
        let f = with_rule(p, rule)
            .into_iter()
            .find(|f| f["message"].as_str().unwrap_or("").contains(word))
            .unwrap_or_else(|| panic!("no {rule} finding for {word:?}: {p}"));
        (f["line"].as_u64().unwrap(), f["column"].as_u64().unwrap())
    };
    // Line 8: "Wij doen **dit** teneinde te leren." — column 18.
    assert_eq!(at("hard-word", "teneinde"), (8, 18), "{p}");
    // Line 10: "- Kom je ook? Indien je komt, zeg het dan." — column 15.
    assert_eq!(at("hard-word", "Indien"), (10, 15), "{p}");
    // Line 12: "Morgen vergadert de MR weer." — column 21.
    assert_eq!(at("jargon", "MR"), (12, 21), "{p}");
    let teneinde = with_rule(p, "hard-word")
        .into_iter()
        .find(|f| f["message"].as_str().unwrap().contains("teneinde"))
        .unwrap();
    assert_eq!(teneinde["level"], "error", "{p}");
    assert!(
        teneinde["suggestion"].as_str().unwrap().contains("om"),
        "the suggestion offers the plain word: {teneinde}"
    );
}

#[test]
fn json_rule_ids_are_kebab_case_and_cover_every_rule() {
    // One hard, long page that trips every rule.
    let p = "De gemeenschappelijke verantwoordelijkheid voor de onderwijskundige \
             ontwikkeling van leerlingen vereist een zorgvuldige afstemming tussen ouders, \
             leerkrachten en de organisatie van de basisschool in haar geheel.";
    let para = [p; 4].join(" ");
    let body = format!(
        "De brief wordt morgen verstuurd. De MR vergadert teneinde te beslissen. \
         Wij zorgen er samen voor dat het verwerven van inzicht lukt.\n\n{para}\n\n{para}\n\n{para}"
    );
    let s = site_with("", &[("content/alles.md", page("title: Alles", &body))]);
    let (_, json) = check_json(&s);
    let page = page_of(&json, "content/alles.md");
    let seen: BTreeSet<String> = rules_of(page).into_iter().collect();
    for rule in &seen {
        assert!(
            !rule.is_empty()
                && rule
                    .split('-')
                    .all(|part| !part.is_empty() && part.chars().all(|c| c.is_ascii_lowercase())),
            "rule id {rule:?} is not kebab-case"
        );
    }
    let expected: BTreeSet<String> = [
        "long-sentence",
        "hard-word",
        "jargon",
        "passive",
        "rare-word",
        "nominalisation",
        "er-construction",
        "long-paragraph",
        "wall-of-text",
        "too-hard",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    assert_eq!(seen, expected, "{page}");
}

// ---------------------------------------------------------------------------
// 3. The text report.

#[test]
fn text_report_has_file_line_col_rule_lines_and_a_table_worst_first() {
    let s = site_with(
        "",
        &[
            // Alphabetical order is the reverse of worst-first order.
            ("content/a-schoon.md", page("title: Schoon", CLEAN)),
            (
                "content/b-een.md",
                page("title: Een fout", "Wij doen dit teneinde te leren."),
            ),
            (
                "content/c-twee.md",
                page(
                    "title: Twee fouten",
                    "Wij doen dit teneinde te leren.\n\nWij betalen middels de bank.",
                ),
            ),
        ],
    );
    let run = check(&s, &[]);
    run.expect_code(1);
    let out = &run.stdout;
    // Body line 1 is file line 4 ("---", "title: ...", "---").
    for expected in [
        "content/b-een.md:4:14 hard-word",
        "content/c-twee.md:4:14 hard-word",
        "content/c-twee.md:6:13 hard-word",
    ] {
        assert!(
            out.lines().any(|l| l.contains(expected)),
            "no line with `{expected}` in the report:\n{out}"
        );
    }
    // The table is the last place each file is named.
    let pos = |file: &str| {
        out.rfind(file)
            .unwrap_or_else(|| panic!("{file} is not in the report:\n{out}"))
    };
    let (a, b, c) = (
        pos("content/a-schoon.md"),
        pos("content/b-een.md"),
        pos("content/c-twee.md"),
    );
    assert!(
        c < b && b < a,
        "the summary table must list the page with the most errors first \
         (c-twee, then b-een, then a-schoon):\n{out}"
    );
    // Each table row sits on its own line, after every finding line.
    let last_finding = out.rfind("hard-word").unwrap();
    assert!(
        last_finding < c,
        "the table comes after the findings:\n{out}"
    );
}

// ---------------------------------------------------------------------------
// 4. Audience thresholds.

#[test]
fn a_24_word_sentence_is_a_finding_for_parents_but_not_for_the_team() {
    let s = site_with(
        "",
        &[
            (
                "content/ouders.md",
                page("title: Voor ouders\naudience: ouders", SENTENCE_24),
            ),
            (
                "content/team/overleg.md",
                page("title: Voor het team\naudience: team", SENTENCE_24),
            ),
        ],
    );
    let (_, json) = check_json(&s);
    let ouders = page_of(&json, "content/ouders.md");
    let long = with_rule(ouders, "long-sentence");
    assert_eq!(long.len(), 1, "{ouders}");
    assert!(
        long[0]["message"].as_str().unwrap().contains("24"),
        "the message gives the number of words: {}",
        long[0]
    );
    // Front matter: "---", title, audience, "---"; the sentence is line 5.
    assert_eq!(long[0]["line"], 5, "{ouders}");
    assert_eq!(long[0]["column"], 1, "{ouders}");
    let team = page_of(&json, "content/team/overleg.md");
    assert!(with_rule(team, "long-sentence").is_empty(), "{team}");
}

#[test]
fn unexplained_mr_is_jargon_for_parents_only_and_not_when_explained() {
    let s = site_with(
        "",
        &[
            (
                "content/ouders.md",
                page("title: Ouders", "De MR vergadert op dinsdag."),
            ),
            (
                "content/team/overleg.md",
                page("title: Team\naudience: team", "De MR vergadert op dinsdag."),
            ),
            (
                "content/uitgelegd.md",
                page(
                    "title: Uitgelegd",
                    "De MR (medezeggenschapsraad) vergadert op dinsdag.",
                ),
            ),
        ],
    );
    let (_, json) = check_json(&s);
    let ouders = page_of(&json, "content/ouders.md");
    let jargon = with_rule(ouders, "jargon");
    assert_eq!(jargon.len(), 1, "{ouders}");
    assert!(
        jargon[0]["message"].as_str().unwrap().contains("MR"),
        "{ouders}"
    );
    assert_eq!(
        (jargon[0]["line"].as_u64(), jargon[0]["column"].as_u64()),
        (Some(4), Some(4))
    );
    let team = page_of(&json, "content/team/overleg.md");
    assert!(with_rule(team, "jargon").is_empty(), "{team}");
    let explained = page_of(&json, "content/uitgelegd.md");
    assert!(with_rule(explained, "jargon").is_empty(), "{explained}");
}

// ---------------------------------------------------------------------------
// 5. Language.

#[test]
fn english_pages_get_only_language_neutral_rules() {
    let book = format!("{}\n[languages.en]\nname = \"English\"\n", book(""));
    let nl = page(
        "title: Uitje",
        "Indien u meegaat, zeg het dan. De MR gaat ook mee.",
    );
    let en = page(
        "title: Trip",
        "Indien you come along, let us know. The MR comes along too.\n\n\
         On the first Friday of the month all the children of the school go together with \
         their teachers to the big forest near the village to play there and to eat \
         lunch and to sing songs together.",
    );
    let s = site(&[
        ("book.toml", book.as_str()),
        ("content/x.md", nl.as_str()),
        ("content/x.en.md", en.as_str()),
    ]);
    let (_, json) = check_json(&s);
    let english = page_of(&json, "content/x.en.md");
    assert!(with_rule(english, "hard-word").is_empty(), "{english}");
    assert!(with_rule(english, "jargon").is_empty(), "{english}");
    assert_eq!(with_rule(english, "long-sentence").len(), 1, "{english}");
    // The same words on the Dutch page are findings.
    let dutch = page_of(&json, "content/x.md");
    assert_eq!(with_rule(dutch, "hard-word").len(), 1, "{dutch}");
    assert_eq!(with_rule(dutch, "jargon").len(), 1, "{dutch}");
}

// ---------------------------------------------------------------------------
// 6. `helder build`.

#[test]
fn build_prints_a_one_line_readability_summary_on_stderr() {
    let s = site_with(
        "",
        &[
            ("content/index.md", page("title: Welkom", CLEAN)),
            (
                "content/info.md",
                page("title: Info", "Indien u komt, zeg het dan."),
            ),
        ],
    );
    let run = s.build(&[]);
    run.ok().no_panic();
    let lines: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.contains("Leesbaarheid:"))
        .collect();
    assert_eq!(
        lines.len(),
        1,
        "one summary line on stderr:\n{}",
        run.stderr
    );
    assert!(
        lines[0].trim_start().starts_with("Leesbaarheid:"),
        "{}",
        lines[0]
    );
    assert!(
        !run.stdout.contains("Leesbaarheid:"),
        "the summary goes to stderr, not stdout:\n{}",
        run.stdout
    );
}

#[test]
fn build_fails_with_exit_1_and_writes_nothing_when_a_finding_reaches_fail_on() {
    let s = site_with(
        "",
        &[
            ("content/index.md", page("title: Welkom", CLEAN)),
            (
                "content/brief.md",
                page(
                    "title: Brief",
                    "Het is goed.\nWij doen **dit** teneinde te leren.",
                ),
            ),
        ],
    );
    let run = s.build(&[]);
    run.expect_code(1).no_panic();
    assert!(
        run.stderr.contains("content/brief.md:5:18"),
        "the error names file:line:col of the word:\n{}",
        run.stderr
    );
    let line = run
        .stderr
        .lines()
        .find(|l| l.contains("content/brief.md:5:18"))
        .unwrap();
    assert!(
        line.contains("hard-word"),
        "the error names the rule: {line}"
    );
    s.assert_nothing_written();

    // fail-on = "warning": a warning alone fails the build too.
    let s = site_with(
        "fail-on = \"warning\"",
        &[(
            "content/index.md",
            page("title: Welkom", "Indien u komt, zeg het dan."),
        )],
    );
    let run = s.build(&[]);
    run.expect_code(1).no_panic();
    assert!(
        run.stderr.contains("content/index.md:4:1") && run.stderr.contains("hard-word"),
        "{}",
        run.stderr
    );
    s.assert_nothing_written();
}

#[test]
fn build_writes_a_noindex_readability_report_listing_every_page() {
    let files = [
        ("content/index.md", page("title: Welkom", CLEAN)),
        (
            "content/info.md",
            page("title: Info", "Indien u komt, zeg het dan."),
        ),
        ("content/uitje.md", page("title: Uitje", SENTENCE_24)),
        (
            "content/team/overleg.md",
            page(
                "title: Overleg\naudience: team",
                "Wij praten over de ouders.",
            ),
        ),
        (
            "content/training/les.md",
            page("title: Les\naudience: training", "Wij leren schrijven."),
        ),
    ];
    let s = site_with("", &files);
    let out = s.build_ok(&[]);
    assert_file(&out, "team/leesbaarheid/index.html");
    let html = read_opened(&out.join("team/leesbaarheid/index.html"));
    let robots = tags(&html)
        .into_iter()
        .find(|t| t.name == "meta" && t.attr("name") == Some("robots"))
        .unwrap_or_else(|| panic!("no robots meta in the report:\n{html}"));
    assert!(
        robots.attr("content").unwrap_or("").contains("noindex"),
        "{robots:?}"
    );
    for (file, _) in &files {
        assert!(
            html.contains(file),
            "the report does not list {file}:\n{html}"
        );
    }
    // Findings are shown too.
    assert!(html.contains("long-sentence"), "{html}");
    assert!(html.contains("hard-word"), "{html}");
}

#[test]
fn build_writes_a_word_list_and_marks_the_first_use_of_a_term() {
    let s = site_with(
        "",
        &[
            ("content/index.md", page("title: Welkom", CLEAN)),
            (
                "content/raad.md",
                page("title: Raad", "De MR praat mee. Ook de MR is blij."),
            ),
        ],
    );
    let out = s.build_ok(&[]);
    let explanation = "Medezeggenschapsraad";

    assert_file(&out, "woordenlijst/index.html");
    let list = read(&out.join("woordenlijst/index.html"));
    assert!(list.contains(">MR<"), "the word list lists MR:\n{list}");
    assert!(list.contains(explanation), "with its explanation:\n{list}");

    let html = read(&out.join("raad/index.html"));
    let ids = term_popovers(&html, explanation);
    assert_eq!(
        ids.len(),
        1,
        "exactly one button (the first use) opens the MR explanation:\n{html}"
    );
    // The button holds the term itself, marked as an abbreviation.
    let button = tags(&html)
        .into_iter()
        .find(|t| t.name == "button" && t.attr("popovertarget") == Some(ids[0].as_str()))
        .unwrap();
    let after = &html[button.offset..];
    let text = &after[after.find('>').unwrap() + 1..after.find("</button>").unwrap()];
    assert_eq!(text.trim(), "<abbr>MR</abbr>", "{after}");
    // The second use stays plain text.
    assert!(
        html.contains("Ook de MR is blij."),
        "the second use of MR must be plain text:\n{html}"
    );
}

// ---------------------------------------------------------------------------
// 7. The site's glossary file.

const GLOSSARY_PLAIN: &str = "glossary = \"content/woordenlijst.yaml\"";

#[test]
fn site_glossary_terms_are_marked_and_listed() {
    let s = site_with(
        GLOSSARY_PLAIN,
        &[
            (
                "content/index.md",
                page(
                    "title: Welkom",
                    "De kleuters spelen in het Vossenhol. Het Vossenhol is groot.",
                ),
            ),
            (
                "content/woordenlijst.yaml",
                "Vossenhol: Het speellokaal van de kleuters\n".to_string(),
            ),
        ],
    );
    let out = s.build_ok(&[]);
    let explanation = "Het speellokaal van de kleuters";
    let html = read(&out.join("index.html"));
    assert_eq!(
        term_popovers(&html, explanation).len(),
        1,
        "the first use of Vossenhol opens its explanation:\n{html}"
    );
    let list = read(&out.join("woordenlijst/index.html"));
    assert!(list.contains("Vossenhol"), "{list}");
    assert!(list.contains(explanation), "{list}");
}

#[test]
fn a_yaml_error_in_the_glossary_names_the_file_and_line() {
    let s = site_with(
        GLOSSARY_PLAIN,
        &[
            ("content/index.md", page("title: Welkom", CLEAN)),
            (
                "content/woordenlijst.yaml",
                "Vossenhol: Het speellokaal van de kleuters\nMR: fout: [x\n".to_string(),
            ),
        ],
    );
    let run = check(&s, &[]);
    run.expect_code(1);
    assert!(
        names_file_line(&run.stderr, "content/woordenlijst.yaml", Some(2)),
        "check names content/woordenlijst.yaml:2\n{}",
        run.stderr
    );
    let run = s.build(&[]);
    run.expect_code(1).no_panic();
    assert!(
        names_file_line(&run.stderr, "content/woordenlijst.yaml", Some(2)),
        "build names content/woordenlijst.yaml:2\n{}",
        run.stderr
    );
    s.assert_nothing_written();
}

#[test]
fn a_missing_glossary_file_is_an_error_naming_book_toml() {
    let s = site_with(
        GLOSSARY_PLAIN,
        &[("content/index.md", page("title: Welkom", CLEAN))],
    );
    // book(): the glossary key is on line 8 of book.toml.
    let line = book(GLOSSARY_PLAIN)
        .lines()
        .position(|l| l.starts_with("glossary"))
        .unwrap()
        + 1;
    let run = check(&s, &[]);
    assert!(
        run.code == 1 || run.code == 2,
        "exit code 1 or 2, got {}\n{}",
        run.code,
        run.stderr
    );
    assert!(
        names_file_line(&run.stderr, "book.toml", Some(line)),
        "the error names book.toml:{line}\n{}",
        run.stderr
    );
    assert!(run.stderr.contains("woordenlijst.yaml"), "{}", run.stderr);
}

// ---------------------------------------------------------------------------
// 8. The demo school.

#[test]
fn the_demo_school_passes_check_with_parent_pages_at_b1_or_below() {
    let root = repo_root();
    let root_str = root.to_str().unwrap();
    let run = helder_in(&root, &["check", "--root", root_str, "--format", "json"]);
    run.ok().no_panic();
    let json: Value = serde_json::from_str(&run.stdout).expect("JSON on stdout");
    let pages = json["pages"].as_array().expect("pages");
    // The levels are for Dutch text; translations (index.en.md) get no level.
    let parent_pages: Vec<&Value> = pages
        .iter()
        .filter(|p| p["audience"] == "ouders" && p["lang"] == "nl")
        .collect();
    assert!(
        parent_pages.len() >= 10,
        "the demo has parent pages ({} found)",
        parent_pages.len()
    );
    for p in &parent_pages {
        let level = p["level"].as_str().unwrap_or("?");
        assert!(
            level == "A2" || level == "B1",
            "{} is level {level}, above B1",
            p["file"]
        );
    }
    assert_eq!(json["summary"]["errors"], 0, "{}", json["summary"]);
    let errors: Vec<String> = pages
        .iter()
        .flat_map(|p| {
            findings(p)
                .iter()
                .filter(|f| f["level"] == "error")
                .map(move |f| format!("{}:{}:{} {}", p["file"], f["line"], f["column"], f["rule"]))
        })
        .collect();
    assert!(
        errors.is_empty(),
        "error-level findings in the demo: {errors:#?}"
    );
}

#[test]
fn a_picture_without_a_description_is_an_image_alt_finding_at_its_line() {
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89\0\0\0\rIDATx\xdac\xf8\x0f\x04\0\x09\xfb\x03\xfd\xe3U\xf2\x9c\0\0\0\0IEND\xaeB`\x82";
    let s = site_with(
        "",
        &[(
            "content/uitleg.md",
            page(
                "title: Uitleg",
                "Kijk naar het plaatje.\n\n![](scherm.png)\n\nEn hier met uitleg:\n\n![Het scherm met de knop Opslaan](scherm.png)\n",
            ),
        )],
    );
    s.write_bytes("content/scherm.png", png);
    let (_, json) = check_json(&s);
    let page = page_of(&json, "content/uitleg.md");
    let found = with_rule(page, "image-alt");
    assert_eq!(found.len(), 1, "{page}");
    // The front matter is three lines: the body's third line is line 6.
    assert_eq!(found[0]["line"], 6, "{page}");
    assert_eq!(found[0]["level"], "warning");
}
