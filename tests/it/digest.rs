//! `helder digest`, the posting rhythm, `new news` for a class and the reply
//! link (spec §7), end to end through the real binary on a small school the
//! code was not written around, and on the demo. The e-mails are read back
//! with Python's `email` package (tests/browser/parse-eml.py), as a mail
//! program would read them.

use std::path::Path;
use std::process::{Command, Stdio};

use crate::common::*;
use serde_json::Value;

/// 2026-12-02 00:00 UTC: "today" for the runs below.
const TODAY: &str = "1796169600";

const BOOK: &str = r##"[book]
title = "Kindcentrum De Zeeën"
language = "nl"

[site]
base-url = "https://ouders.anker.example/"

[school]
email = "info@anker.example"
post-every = 21

[[band]]
id = "jong"
name = "Jonge kinderen"

[[class]]
id = "groep-1"
name = "Groep 1"
bands = ["jong"]
email = "juf.ans@anker.example"

[[class]]
id = "groep-2"
name = "Groep 2"
bands = ["jong"]

[[class]]
id = "groep-3"
name = "Groep 3"
bands = ["jong"]

[languages.en]
name = "English"
"##;

fn anker() -> Site {
    let news = |title: &str, class: &str, date: &str, summary: &str, body: &str| {
        let summary = if summary.is_empty() {
            String::new()
        } else {
            format!("\nsummary: {summary}")
        };
        page(
            &format!("title: \"{title}\"\ntype: news\nclasses: [{class}]\ndate: {date}{summary}"),
            body,
        )
    };
    let files: Vec<(&str, String)> = vec![
        ("book.toml", BOOK.to_string()),
        ("content/index.md", page("title: Welkom", "Welkom bij het Anker.")),
        (
            "content/groep-1/moestuin.md",
            news(
                "Zaaien in de moestuin",
                "groep-1",
                "2026-11-20",
                "",
                "Groep 1 zaaide radijsjes in de moestuin achter de school.\n\nDe kinderen gieten elke dag.",
            ),
        ),
        (
            "content/groep-1/moestuin.en.md",
            news(
                "Sowing in the garden",
                "groep-1",
                "2026-11-20",
                "Group 1 sowed radishes.",
                "Group 1 sowed radishes behind the school.",
            ),
        ),
        (
            "content/groep-1/knutselen.md",
            news(
                "Knutselen met klei: één grote draak",
                "groep-1",
                "2026-11-03",
                "Samen maakten we een draak van klei. Iedereen deed mee.",
                "Een lange tekst over de draak. ".repeat(20).as_str(),
            ),
        ),
        (
            "content/groep-1/oud.md",
            news(
                "Oud nieuws uit september",
                "groep-1",
                "2026-09-10",
                "Dit is te oud.",
                "Dit is te oud voor de e-mail.",
            ),
        ),
        (
            "content/groep-2/oud.md",
            news(
                "Ook oud nieuws",
                "groep-2",
                "2026-10-01",
                "Groep 2 was op pad.",
                "Groep 2 was op pad.",
            ),
        ),
        (
            "content/ouderavond.md",
            page(
                "title: Ouderavond over lezen\ntype: evening\ndate: 2026-11-12\nsummary: Wat we vertelden over lezen.",
                "## In het kort\n\n- Lees elke dag samen.\n",
            ),
        ),
        (
            "content/sportdag.md",
            page(
                "title: Sportdag\ntype: event\ndate: 2026-11-25\nsummary: Alle kinderen sporten buiten.",
                "Neem sportkleren mee.",
            ),
        ),
        (
            "content/team/overleg.md",
            page(
                "title: Overleg\ntype: news\naudience: team\ndate: 2026-11-20",
                "Alleen voor het team.",
            ),
        ),
    ];
    let refs: Vec<(&str, &str)> = files.iter().map(|(p, t)| (*p, t.as_str())).collect();
    site(&refs)
}

/// `helder ARGS` in `cwd` with "today" at [`TODAY`].
fn helder_today(cwd: &Path, args: &[&str]) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_helder"))
        .args(args)
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .env("CI", "1")
        .env("SOURCE_DATE_EPOCH", TODAY)
        .stdin(Stdio::null())
        .output()
        .expect("could not run the helder binary");
    let run = Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    };
    run.no_panic();
    run
}

fn digest(s: &Site, extra: &[&str]) -> Run {
    let root = s.root().to_str().unwrap().to_string();
    let mut args = vec!["digest", "--root", root.as_str()];
    args.extend_from_slice(extra);
    helder_today(s.parent(), &args)
}

/// The e-mails in `dir`, read by Python's `email` package.
pub(crate) fn parse_emls(dir: &Path) -> Vec<Value> {
    let mut files: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path().to_str().unwrap().to_string())
        .filter(|p| p.ends_with(".eml"))
        .collect();
    files.sort();
    let out = Command::new("python3")
        .arg(repo_root().join("tests/browser/parse-eml.py"))
        .args(&files)
        .stdin(Stdio::null())
        .output()
        .expect("python3 is needed to read the e-mails back");
    assert!(
        out.status.success(),
        "parse-eml.py failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let list: Value = serde_json::from_slice(&out.stdout).unwrap();
    list.as_array().unwrap().clone()
}

fn by_file<'a>(emls: &'a [Value], name: &str) -> &'a Value {
    emls.iter()
        .find(|e| e["file"] == name)
        .unwrap_or_else(|| panic!("no {name} among {:?}", names(emls)))
}

fn names(emls: &[Value]) -> Vec<String> {
    emls.iter()
        .map(|e| e["file"].as_str().unwrap().to_string())
        .collect()
}

/// Everything a mail program needs, for every file.
fn assert_well_formed(eml: &Value) {
    let file = &eml["file"];
    assert_eq!(eml["defects"], serde_json::json!([]), "{file}: defects");
    assert_eq!(eml["mime_version"], "1.0", "{file}");
    assert_eq!(eml["x_unsent"], "1", "{file}");
    assert_eq!(eml["content_type"], "multipart/alternative", "{file}");
    let parts: Vec<(String, String)> = eml["parts"]
        .as_array()
        .unwrap()
        .iter()
        .skip(1)
        .map(|p| {
            (
                p["type"].as_str().unwrap().to_string(),
                p["charset"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    assert_eq!(
        parts,
        [
            ("text/plain".to_string(), "utf-8".to_string()),
            ("text/html".to_string(), "utf-8".to_string())
        ],
        "{file}"
    );
    assert!(eml["date"].is_string() && eml["message_id"].is_string());
    // RFC 5322: the file itself is 7-bit, non-ASCII is encoded (RFC 2047 in
    // headers, quoted-printable or base64 in bodies).
    assert_eq!(eml["ascii_only"], true, "{file}");
    let text = eml["text"].as_str().unwrap();
    for line in text.lines() {
        let long_address = line.starts_with("https://") && !line.contains(' ');
        assert!(
            line.chars().count() <= 72 || long_address,
            "{file}: line over 72 columns: {line:?}"
        );
    }
    let html = eml["html"].as_str().unwrap();
    assert!(
        !html.contains("<style") && !html.contains("<script"),
        "{file}"
    );
    assert!(html.contains("max-width:600px"), "{file}");
    for tag in tags(html).iter().filter(|t| t.name == "img") {
        assert!(
            tag.attr("alt").is_some_and(|a| !a.is_empty()),
            "{file}: img without alt"
        );
    }
}

#[test]
fn digest_per_site_and_language_with_the_pages_of_the_period() {
    let s = anker();
    let out = s.parent().join("post");
    let out_arg = out.to_str().unwrap();
    let run = digest(
        &s,
        &[
            "--since",
            "2026-11-01",
            "--until",
            "2026-11-30",
            "--out",
            out_arg,
        ],
    );
    run.ok();
    let emls = parse_emls(&out);
    // Every parent site in both languages (groep 2 and 3 have the school's
    // evening and event); the team is no parent site.
    let mut expected = vec![
        "groep-1.en.eml",
        "groep-1.eml",
        "groep-2.en.eml",
        "groep-2.eml",
        "groep-3.en.eml",
        "groep-3.eml",
        "jong.en.eml",
        "jong.eml",
        "school.en.eml",
        "school.eml",
    ];
    expected.sort();
    assert_eq!(names(&emls), expected, "{}", run.stderr);
    emls.iter().for_each(assert_well_formed);

    let g1 = by_file(&emls, "groep-1.eml");
    assert_eq!(
        g1["subject"],
        "Nieuws van Groep 1: 1 tot en met 30 november 2026"
    );
    assert_eq!(
        g1["from"],
        "Groep 1 · Kindcentrum De Zeeën <juf.ans@anker.example>"
    );
    let text = g1["text"].as_str().unwrap();
    // Newest first: the event, the garden, the evening, the clay dragon.
    let order: Vec<usize> = [
        "Sportdag",
        "Zaaien in de moestuin",
        "Ouderavond over lezen",
        "Knutselen met klei",
    ]
    .iter()
    .map(|t| {
        text.find(t)
            .unwrap_or_else(|| panic!("{t} missing:\n{text}"))
    })
    .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}\n{text}");
    assert!(!text.contains("Oud nieuws"), "outside the period:\n{text}");
    assert!(!text.contains("Overleg"), "a team page:\n{text}");
    // No summary: the first paragraph.
    assert!(text.contains("Groep 1 zaaide radijsjes in de moestuin achter de school."));
    assert!(
        !text.contains("De kinderen gieten"),
        "only the first paragraph"
    );
    // Absolute addresses (base-url's trailing slash is not doubled).
    assert!(text.contains("https://ouders.anker.example/groep-1/groep-1/moestuin/"));
    assert!(text.contains("https://ouders.anker.example/sportdag/"));
    let html = g1["html"].as_str().unwrap();
    assert!(html.contains("href=\"https://ouders.anker.example/groep-1/groep-1/moestuin/\""));
    assert!(html.contains("Knutselen met klei: één grote draak"));
    assert!(html.contains("mailto:juf.ans@anker.example"));

    let en = by_file(&emls, "groep-1.en.eml");
    assert_eq!(en["subject"], "News from Groep 1: 1 to 30 November 2026");
    assert!(en["text"]
        .as_str()
        .unwrap()
        .contains("Sowing in the garden"));
    assert!(en["html"].as_str().unwrap().contains("<html lang=\"en\""));

    // --site: only those sites.
    let only = s.parent().join("only");
    digest(
        &s,
        &[
            "--since",
            "2026-11-01",
            "--until",
            "2026-11-30",
            "--site",
            "school",
            "--out",
            only.to_str().unwrap(),
        ],
    )
    .ok();
    assert_eq!(list_files(&only), ["school.eml", "school.en.eml"]);
    let school = parse_emls(&only);
    // A subject with more than ASCII is RFC 2047 encoded and decodes back.
    let mail = by_file(&school, "school.eml");
    assert_eq!(
        mail["subject"],
        "Nieuws van Kindcentrum De Zeeën: 1 tot en met 30 november 2026"
    );
    assert!(
        mail["raw_subject"].as_str().unwrap().contains("=?utf-8?"),
        "{mail}"
    );
}

#[test]
fn the_default_period_is_the_last_31_days_and_the_default_folder_digest() {
    let s = anker();
    let run = digest(&s, &[]);
    run.ok();
    // 2026-11-02 up to 2026-12-02: the dragon of 3 November is in it.
    let emls = parse_emls(&s.path("digest"));
    let text = by_file(&emls, "groep-1.eml")["text"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(text.contains("Knutselen met klei"), "{text}");
    assert!(
        run.stderr.contains("2026-11-02") && run.stderr.contains("2026-12-02"),
        "{}",
        run.stderr
    );
    // A later period: the sites with nothing lose their old file, so no
    // old e-mail is sent by mistake; other files in the folder stay.
    s.write("digest/notitie.txt", "van de juf");
    s.write("digest/groep-1.eml.bak", "oud");
    digest(&s, &["--since", "2026-11-15", "--until", "2026-11-21"]).ok();
    let left = list_files(&s.path("digest"));
    assert!(left.contains(&"groep-1.eml".to_string()), "{left:?}");
    assert!(!left.contains(&"groep-2.eml".to_string()), "{left:?}");
    assert!(
        left.contains(&"notitie.txt".to_string()) && left.contains(&"groep-1.eml.bak".to_string())
    );
    // A period with nothing: no files, and a message saying so.
    let empty = s.parent().join("leeg");
    let run = digest(
        &s,
        &[
            "--since",
            "2025-01-01",
            "--until",
            "2025-01-31",
            "--out",
            empty.to_str().unwrap(),
        ],
    );
    run.ok();
    assert!(!empty.exists());
    assert!(run.stderr.contains("geen e-mail"), "{}", run.stderr);
}

#[test]
fn bad_digest_input_says_what_to_do_and_writes_nothing() {
    let s = anker();
    let out = s.parent().join("post");
    let out_arg = out.to_str().unwrap();
    let run = digest(
        &s,
        &[
            "--since",
            "2026-11-30",
            "--until",
            "2026-11-01",
            "--out",
            out_arg,
        ],
    );
    run.expect_code(2);
    assert!(
        run.stderr.contains("--since") && run.stderr.contains("2026-11-30"),
        "{}",
        run.stderr
    );
    let run = digest(&s, &["--since", "30-11-2026", "--out", out_arg]);
    run.expect_code(2);
    assert!(run.stderr.contains("JJJJ-MM-DD"), "{}", run.stderr);
    let run = digest(&s, &["--site", "groep-11", "--out", out_arg]);
    run.expect_code(2);
    assert!(
        run.stderr.contains("groep-11") && run.stderr.contains("groep-1"),
        "{}",
        run.stderr
    );
    let run = digest(&s, &["--site", "team", "--out", out_arg]);
    run.expect_code(2);
    s.write(
        "book.toml",
        &BOOK.replace("base-url = \"https://ouders.anker.example/\"\n", ""),
    );
    let run = digest(&s, &["--out", out_arg]);
    run.expect_code(2);
    assert!(
        run.stderr.contains("base-url") && run.stderr.contains("book.toml"),
        "{}",
        run.stderr
    );
    assert!(!out.exists(), "a refused digest wrote files");
}

#[test]
fn the_rhythm_is_a_warning_in_check_and_build_and_in_json() {
    let s = anker();
    let root = s.root().to_str().unwrap().to_string();
    let run = helder_today(s.parent(), &["check", "--root", &root, "--format", "json"]);
    run.ok();
    let json: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(
        json["rhythm"],
        serde_json::json!([
            {"class": "groep-1", "last": "2026-11-20", "days": 12, "late": false},
            {"class": "groep-2", "last": "2026-10-01", "days": 62, "late": true},
            {"class": "groep-3", "last": null, "days": null, "late": true},
        ])
    );
    assert!(json["pages"].is_array() && json["version"] == 1);
    let run = helder_today(s.parent(), &["check", "--root", &root]);
    run.ok();
    assert!(
        run.stderr.contains("rhythm: Groep 2") && run.stderr.contains("62"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("rhythm: Groep 3"), "{}", run.stderr);
    assert!(!run.stderr.contains("rhythm: Groep 1"), "{}", run.stderr);
    let out = s.parent().join("out");
    let run = helder_today(
        s.parent(),
        &["build", "--root", &root, "--out", out.to_str().unwrap()],
    );
    run.ok();
    assert!(run.stderr.contains("rhythm: Groep 2"), "{}", run.stderr);
    // The team's report has the table: class, last post, days, agreement, late.
    let report = read_opened(&out.join("team/leesbaarheid/index.html"));
    for row in [
        "<tr><td>Groep 1</td><td>2026-11-20</td><td>12</td><td>om de 21 dagen</td><td>nee</td></tr>",
        "<tr><td>Groep 2</td><td>2026-10-01</td><td>62</td><td>om de 21 dagen</td><td><strong>ja</strong></td></tr>",
        "<tr><td>Groep 3</td><td>nog geen</td><td>–</td><td>om de 21 dagen</td><td><strong>ja</strong></td></tr>",
    ] {
        assert!(report.contains(row), "{row} missing:\n{report}");
    }
    // Without the agreement: no warning, an empty list.
    s.write("book.toml", &BOOK.replace("post-every = 21\n", ""));
    let run = helder_today(s.parent(), &["check", "--root", &root, "--format", "json"]);
    let json: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(json["rhythm"], serde_json::json!([]));
    for bad in ["post-every = 0", "post-every = \"28\""] {
        s.write("book.toml", &BOOK.replace("post-every = 21", bad));
        let run = helder_today(s.parent(), &["check", "--root", &root]);
        run.expect_code(1);
        assert!(
            names_file_line(&run.stderr, "book.toml", Some(10)),
            "{bad}: {}",
            run.stderr
        );
        assert!(
            run.stderr.contains("post-every = 28"),
            "{bad}: {}",
            run.stderr
        );
    }
}

#[test]
fn new_class_news_has_the_class_and_the_agreed_parts() {
    let s = anker();
    let root = s.root().to_str().unwrap().to_string();
    helder_today(
        s.parent(),
        &["new", "news", "groep-2/uitje.md", "--root", &root],
    )
    .ok();
    let text = read(&s.path("content/groep-2/uitje.md"));
    assert!(text.contains("classes: [groep-2]\n"), "{text}");
    let parts: Vec<usize> = [
        "## Wat deden we?",
        "## Waarom?",
        "## Tip voor thuis",
        "## Praat erover",
    ]
    .iter()
    .map(|p| {
        text.find(p)
            .unwrap_or_else(|| panic!("{p} missing:\n{text}"))
    })
    .collect();
    assert!(parts.windows(2).all(|w| w[0] < w[1]));
    // It counts for the rhythm at once (dated today).
    let run = helder_today(s.parent(), &["check", "--root", &root]);
    assert!(!run.stderr.contains("rhythm: Groep 2"), "{}", run.stderr);
    // News outside a class folder stays as it was.
    helder_today(
        s.parent(),
        &["new", "news", "nieuws/feest.md", "--root", &root],
    )
    .ok();
    let text = read(&s.path("content/nieuws/feest.md"));
    assert!(
        !text.contains("classes:") && !text.contains("Wat deden we?"),
        "{text}"
    );
}

#[test]
fn parent_pages_end_with_a_reply_link_naming_page_and_site() {
    let s = anker();
    let out = s.build_ok(&[]);
    let link = |file: &str| -> Option<String> {
        // Team pages are private: read as a teacher with the code sees them.
        let html = read_opened(&out.join(file));
        let section = html.split("<section class=\"reply\">").nth(1)?;
        let tag = tags(section).into_iter().find(|t| t.name == "a")?;
        tag.attr("href").map(decode_entities)
    };
    assert_eq!(
        link("groep-1/groep-1/moestuin/index.html").as_deref(),
        Some("mailto:juf.ans@anker.example?subject=Vraag%20over%20Zaaien%20in%20de%20moestuin%20%28Groep%201%29")
    );
    // A class without an address of its own: the school's.
    let g2 = link("groep-2/groep-2/oud/index.html").unwrap();
    assert!(g2.starts_with("mailto:info@anker.example?subject="), "{g2}");
    let school = link("index.html").unwrap();
    assert!(
        school.ends_with("?subject=Vraag%20over%20Kindcentrum%20De%20Zee%C3%ABn"),
        "{school}"
    );
    assert!(link("en/groep-1/groep-1/moestuin/index.html")
        .unwrap()
        .contains("Question%20about%20Sowing"));
    assert_eq!(
        link("team/team/overleg/index.html"),
        None,
        "team pages have no reply link"
    );
}

#[test]
fn the_demo_digest_of_november() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("digest");
    let root = repo_root();
    helder_today(
        tmp.path(),
        &[
            "digest",
            "--root",
            root.to_str().unwrap(),
            "--since",
            "2026-11-01",
            "--until",
            "2026-11-30",
            "--out",
            out.to_str().unwrap(),
        ],
    )
    .ok();
    let emls = parse_emls(&out);
    emls.iter().for_each(assert_well_formed);
    let g34 = by_file(&emls, "groep-3-4.eml");
    assert_eq!(
        g34["subject"],
        "Nieuws van Groep 3/4: 1 tot en met 30 november 2026"
    );
    let text = g34["text"].as_str().unwrap();
    assert!(text.contains("Op bezoek bij de bakker") && text.contains("Elke ochtend samen lezen"));
    // The late class has only the school's and its bands' news of November.
    let g67 = by_file(&emls, "groep-6-7.eml")["text"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(!g67.contains("Kanjerles"), "{g67}");
    let ar = by_file(&emls, "groep-3-4.ar.eml");
    let html = ar["html"].as_str().unwrap();
    assert!(html.contains("<html lang=\"ar\" dir=\"rtl\">"));
    // The untranslated Dutch posts inside it read left to right.
    assert!(html.contains("<h2 lang=\"nl\" dir=\"ltr\""), "{html}");
}

#[test]
fn the_preview_overview_shows_the_rhythm() {
    let s = anker();
    let server = crate::serve::start(s.root());
    let (status, overview) = crate::serve::get(server.port, "/_helder/");
    assert_eq!(status, 200);
    let table = overview
        .split("id=\"ritme\"")
        .nth(1)
        .unwrap_or_else(|| panic!("no rhythm table:\n{overview}"));
    // Real time here (serve has no fixed "today"): Groep 3 never posted.
    assert!(
        table.contains("<tr><td>Groep 3</td><td>nog geen</td><td>–</td><td>om de 21 dagen</td><td><strong>ja</strong></td></tr>"),
        "{table}"
    );
}
