//! Private sites (spec §6): what a private class or the team writes is
//! encrypted, nothing of it is readable in any output file, codes and
//! their mistakes, `helder codes` and its letters.

use std::io::Cursor;
use std::path::Path;

use crate::common::*;

const CODE: &str = "tijger-konijn-appel-kring";

/// Words and sentences that only the private pages hold: none may appear
/// in any output file.
const SECRET_TITLE: &str = "Zwemfeest met de zeehonden";
const SECRET_SENTENCE: &str = "Lotte en Daan sprongen als eerste van de hoge duikplank";
const SECRET_TERM: &str = "duikplankkampioen";
const SECRET_TEAM: &str = "Evaluatie van de oudergesprekken in blok twee";

const BOOK: &str = r#"[book]
title = "Basisschool De Linde"
language = "nl"

[site]
base-url = "https://ouders.delinde.example"

[school]
email = "info@delinde.example"
phone = "0123 456 789"

[[band]]
id = "middenbouw"
name = "Middenbouw"

[[class]]
id = "groep-4"
name = "Groep 4"
bands = ["middenbouw"]

[[class]]
id = "groep-5"
name = "Groep 5"
bands = ["middenbouw"]
teacher = "Juf Kim"

[privacy]
private = ["team", "training", "groep-5"]
"#;

/// A PNG no other file holds (its pixels follow a pattern of their own).
fn secret_png() -> Vec<u8> {
    let img = image::RgbImage::from_fn(64, 48, |x, y| {
        image::Rgb([(x * 3 % 256) as u8, (y * 5 % 256) as u8, 77])
    });
    let mut bytes = Vec::new();
    image::DynamicImage::ImageRgb8(img)
        .write_to(&mut Cursor::new(&mut bytes), image::ImageFormat::Png)
        .unwrap();
    bytes
}

fn codes_toml() -> String {
    format!("{FIXTURE_CODES}groep-5 = \"{CODE}\"\n")
}

/// A school with a private class (a page with a photo, and its slides
/// and evening), a public class, school pages and a private team page.
fn private_school() -> Site {
    let s = site(&[
        ("book.toml", BOOK),
        ("codes.toml", &codes_toml()),
        ("content/index.md", &page("title: Welkom", "Welkom bij De Linde.")),
        (
            "content/nieuws/schoolreis.md",
            &page(
                "title: Schoolreis\ntype: news\ndate: 2026-11-02",
                "De hele school gaat op schoolreis.",
            ),
        ),
        (
            "content/groep-4/index.md",
            &page("title: Groep 4\nclasses: [groep-4]", "Welkom in groep 4."),
        ),
        (
            "content/groep-5/index.md",
            &page("title: Groep 5\nclasses: [groep-5]", "Welkom in groep 5."),
        ),
        (
            "content/groep-5/zwemmen.md",
            &page(
                &format!(
                    "title: {SECRET_TITLE}\ntype: news\nclasses: [groep-5]\ndate: 2026-11-20\nsummary: Een dag in het zwembad."
                ),
                &format!(
                    "{SECRET_SENTENCE}. Daarna was iedereen een {SECRET_TERM}.\n\n![De klas bij het zwembad](klas.png)\n\n[Het verslag als tekst](verslag.txt)\n"
                ),
            ),
        ),
        ("content/groep-5/verslag.txt", "Verslag: alleen voor groep 5.\n"),
        (
            "content/team/evaluatie.md",
            &page(
                &format!("title: {SECRET_TEAM}\naudience: team"),
                "De gesprekken liepen goed.",
            ),
        ),
    ]);
    s.write_bytes("content/groep-5/klas.png", &secret_png());
    s
}

/// Every file under `dir` whose bytes contain `needle`.
fn files_containing(dir: &Path, needle: &[u8]) -> Vec<String> {
    list_files(dir)
        .into_iter()
        .filter(|rel| {
            let bytes = std::fs::read(dir.join(rel)).unwrap();
            bytes.windows(needle.len()).any(|w| w == needle)
        })
        .collect()
}

/// The encrypted page inside a shell.
fn slot_of(html: &str) -> String {
    let start = html.find("id=\"helder-slot\"").expect("a shell has a slot");
    let open = start + html[start..].find('>').unwrap() + 1;
    let close = open + html[open..].find("</script>").unwrap();
    html[open..close].to_string()
}

fn open_page(path: &Path, code: &str) -> String {
    let html = read(path);
    let bytes = helder::open_sealed(code, &slot_of(&html)).expect("opens with the right code");
    String::from_utf8(bytes).unwrap()
}

#[test]
fn nothing_of_a_private_page_is_readable_in_any_output_file() {
    let s = private_school();
    let out = s.build_ok(&[]);
    let files = list_files(&out);
    assert!(files.len() > 30, "a whole site was written: {files:?}");
    let mut needles: Vec<(&str, Vec<u8>)> = vec![
        ("title", SECRET_TITLE.as_bytes().to_vec()),
        ("sentence", SECRET_SENTENCE.as_bytes().to_vec()),
        ("search term", SECRET_TERM.as_bytes().to_vec()),
        ("team title", SECRET_TEAM.as_bytes().to_vec()),
        ("attached text", b"alleen voor groep 5".to_vec()),
        ("image address", b"klas.png\"".to_vec()),
        ("the code", CODE.as_bytes().to_vec()),
    ];
    // The photo's bytes, and a stretch from its middle.
    let png = secret_png();
    needles.push((
        "image bytes",
        png[png.len() / 2..png.len() / 2 + 32].to_vec(),
    ));
    for (what, needle) in &needles {
        let hits = files_containing(&out, needle);
        assert!(hits.is_empty(), "the {what} is readable in {hits:?}");
    }
    // ... while the pages are there, encrypted, and open with the code.
    let opened = open_page(&out.join("groep-5/groep-5/zwemmen/index.html"), CODE);
    assert!(opened.contains(SECRET_TITLE) && opened.contains(SECRET_SENTENCE));
    assert!(
        opened.contains("data-helder-sealed-src=\"../../klas.png.helder.js\""),
        "the photo loads its encrypted copy"
    );
    assert!(opened.contains("data-helder-sealed-href=\"../../verslag.txt.helder.js\""));
    assert_file(&out, "groep-5/klas.png.helder.js");
    assert_no_file(&out, "groep-5/klas.png");
    assert_no_file(&out, "groep-5/verslag.txt");
    let photo = read_file_opened(&out, "groep-5/klas.png", "groep-5", &codes_toml());
    assert_eq!(
        photo,
        secret_png(),
        "the photo opens with the code, byte for byte"
    );
    let team = open_page(&out.join("team/index.html"), "wolk-fiets-appel-boom");
    assert!(team.contains(SECRET_TEAM));
    // The wrong code opens nothing.
    let shell = read(&out.join("groep-5/index.html"));
    assert!(helder::open_sealed("wolk-fiets-appel-boom", &slot_of(&shell)).is_none());
}

#[test]
fn a_shell_is_a_labelled_form_with_whom_to_ask_and_no_index() {
    let s = private_school();
    let out = s.build_ok(&[]);
    let shell = read(&out.join("groep-5/groep-5/zwemmen/index.html"));
    for part in [
        "<html lang=\"nl\"",
        "Basisschool De Linde",
        "<label for=\"helder-slot-code\">Code</label>",
        ">Openen</button>",
        "role=\"status\"",
        "<noscript>",
        "Juf Kim",
        "info@delinde.example",
        "<meta name=\"robots\" content=\"noindex, nofollow\">",
        "../../../assets/slot.js",
    ] {
        assert!(shell.contains(part), "the shell lacks {part}:\n{shell}");
    }
    // Public pages stay as they were: no shell.
    let public = read(&out.join("groep-4/index.html"));
    assert!(!public.contains("helder-slot") && public.contains("Welkom in groep 4."));
}

#[test]
fn private_sites_have_no_feed_agenda_or_sitemap_entries_and_an_encrypted_search_index() {
    let s = private_school();
    let out = s.build_ok(&[]);
    assert_file(&out, "groep-4/feed.xml");
    assert_file(&out, "groep-4/agenda.ics");
    for file in ["feed.xml", "agenda.ics", "search-index.json"] {
        assert_no_file(&out, &format!("groep-5/{file}"));
    }
    let index = read(&out.join("groep-5/search-index.js"));
    assert!(index.starts_with("window.helderZoekIndexSealed=\""));
    let sitemap = read(&out.join("sitemap.xml"));
    assert!(sitemap.contains("groep-4/") && !sitemap.contains("groep-5"));
    assert!(!sitemap.contains("team"));
}

#[test]
fn a_report_others_can_read_leaves_out_private_pages() {
    // Team open on purpose, the class private: the report under /team/ is
    // public, so the class's page is not in it.
    let s = private_school();
    s.write(
        "book.toml",
        &BOOK.replace(
            "private = [\"team\", \"training\", \"groep-5\"]",
            "private = [\"groep-5\"]",
        ),
    );
    s.write("codes.toml", &format!("groep-5 = \"{CODE}\"\n"));
    let out = s.build_ok(&[]);
    let report = read(&out.join("team/leesbaarheid/index.html"));
    assert!(
        report.contains(SECRET_TEAM),
        "the team page is in the open report"
    );
    assert!(!report.contains(SECRET_TITLE));
}

#[test]
fn two_builds_differ_only_in_encrypted_files() {
    let s = private_school();
    let a = s.parent().join("a");
    let b = s.parent().join("b");
    for out in [&a, &b] {
        let root = s.root().to_str().unwrap();
        helder_env(
            s.parent(),
            &["build", "--root", root, "--out", out.to_str().unwrap()],
            &[("SOURCE_DATE_EPOCH", "1790000000")],
        )
        .ok();
    }
    let (ta, tb) = (tree(&a), tree(&b));
    assert_eq!(ta.keys().collect::<Vec<_>>(), tb.keys().collect::<Vec<_>>());
    let mut differing = 0;
    for (path, bytes) in &ta {
        let private = path.starts_with("groep-5/")
            || path.starts_with("team/")
            || path.starts_with("training/");
        // A parent site's service worker is public: it holds no page.
        let worker = path.ends_with("/sw.js");
        if private && !worker && (path.ends_with(".html") || path.ends_with(".js")) {
            assert_ne!(bytes, &tb[path], "{path}: fresh salts and nonces");
            differing += 1;
        } else if !path.starts_with(".helder") {
            assert_eq!(
                bytes, &tb[path],
                "{path} is public: the same in every build"
            );
        }
    }
    assert!(differing > 5);
}

#[test]
fn a_private_site_without_a_code_fails_naming_it_and_the_command() {
    let s = private_school();
    s.write("codes.toml", FIXTURE_CODES);
    let run = s.build(&[]);
    run.expect_code(1).no_panic();
    assert!(
        run.stderr.contains("`groep-5` heeft nog geen code") && run.stderr.contains("helder codes"),
        "{}",
        run.stderr
    );
    s.assert_nothing_written();
    // The environment can give it.
    let root = s.root().to_str().unwrap();
    helder_env(
        s.parent(),
        &["build", "--root", root],
        &[("HELDER_CODE_GROEP_5", CODE)],
    )
    .ok();
    let opened = open_page(&s.public().join("groep-5/index.html"), CODE);
    assert!(opened.contains("Welkom in groep 5."));
}

#[test]
fn a_private_id_that_is_not_a_site_is_an_error_at_its_line() {
    let s = private_school();
    s.write(
        "book.toml",
        &BOOK.replace("\"groep-5\"]", "\"groep-55\", \"school\"]"),
    );
    let run = s.build(&[]);
    run.expect_code(1).no_panic();
    let errors = run.error_lines();
    assert_eq!(errors.len(), 2, "{}", run.stderr);
    assert!(run.stderr.contains("book.toml:28"), "{}", run.stderr);
    assert!(run.stderr.contains("`groep-55`") && run.stderr.contains("bedoel je `groep-5`?"));
    assert!(run.stderr.contains("de schoolsite is voor iedereen"));
    s.assert_nothing_written();
}

#[test]
fn weak_hard_to_type_and_unknown_codes_are_warnings_bad_toml_an_error() {
    let s = private_school();
    s.write(
        "codes.toml",
        &format!("{FIXTURE_CODES}groep-5 = \"kim\"\ngroep-4 = \"{CODE}\"\n"),
    );
    let run = s.build(&[]);
    run.ok().no_panic();
    assert!(run.stderr.contains("makkelijk te raden"), "{}", run.stderr);
    assert!(run.stderr.contains("geen besloten site"), "{}", run.stderr);
    s.write(
        "codes.toml",
        &format!("{FIXTURE_CODES}groep-5 = \"zon€maan\"\n"),
    );
    let run = s.build(&[]);
    assert!(
        run.stderr.contains("moeilijk op een telefoon"),
        "{}",
        run.stderr
    );
    s.write("codes.toml", "groep-5 = zon-maan\n");
    let run = s.build(&[]);
    run.expect_code(1).no_panic();
    assert!(run.stderr.contains("codes.toml"), "{}", run.stderr);
}

#[test]
fn a_public_page_may_not_link_to_a_private_page() {
    let s = private_school();
    s.write(
        "content/groep-4/index.md",
        &page(
            "title: Groep 4\nclasses: [groep-4]",
            "Welkom.\n\nZie ook [het zwemfeest](../groep-5/zwemmen.md).",
        ),
    );
    let run = s.build(&[]);
    run.expect_code(1).no_panic();
    assert!(
        run.stderr
            .contains("content/groep-4/index.md:7: deze pagina is openbaar, maar de link gaat naar content/groep-5/zwemmen.md"),
        "{}",
        run.stderr
    );
}

#[test]
fn codes_makes_the_missing_codes_keeps_the_others_and_writes_letters() {
    let s = private_school();
    s.write(
        "codes.toml",
        "# codes van De Linde\nteam = \"wolk-fiets-appel-boom\"\n",
    );
    let letters = s.parent().join("brieven");
    let run = helder_in(
        s.parent(),
        &[
            "codes",
            "--root",
            s.root().to_str().unwrap(),
            "--letters",
            letters.to_str().unwrap(),
        ],
    );
    run.ok().no_panic();
    let toml = read(&s.path("codes.toml"));
    assert!(toml.starts_with("# codes van De Linde\nteam = \"wolk-fiets-appel-boom\"\n"));
    assert!(
        run.stdout.contains("team: wolk-fiets-appel-boom\n"),
        "{}",
        run.stdout
    );
    let new_code = |site: &str| -> String {
        let line = run
            .stdout
            .lines()
            .find(|l| l.starts_with(&format!("{site}: ")))
            .unwrap_or_else(|| panic!("{site} in {}", run.stdout));
        assert!(line.ends_with("(nieuw)"), "{line}");
        line.split_whitespace().nth(1).unwrap().to_string()
    };
    let code = new_code("groep-5");
    assert_eq!(code.split('-').count(), 4, "four words: {code}");
    assert!(toml.contains(&format!("groep-5 = \"{code}\"")));
    new_code("training");
    // A second run makes nothing new.
    let again = helder_in(s.parent(), &["codes", "--root", s.root().to_str().unwrap()]);
    assert!(!again.stdout.contains("(nieuw)"), "{}", again.stdout);
    let letter = read(&letters.join("groep-5.html"));
    for part in [
        "https://ouders.delinde.example/groep-5/",
        code.as_str(),
        "<svg",
        "Juf Kim",
        "Beste ouder,",
    ] {
        assert!(letter.contains(part), "the letter lacks {part}");
    }
    assert!(letters.join("team.html").is_file());
    // The site builds with the new codes.
    s.build_ok(&[]);
}

#[test]
fn letters_need_the_sites_address() {
    let s = private_school();
    s.write(
        "book.toml",
        &BOOK.replace("base-url = \"https://ouders.delinde.example\"", ""),
    );
    let letters = s.parent().join("brieven");
    let run = helder_in(
        s.parent(),
        &[
            "codes",
            "--root",
            s.root().to_str().unwrap(),
            "--letters",
            letters.to_str().unwrap(),
        ],
    );
    run.expect_code(2).no_panic();
    assert!(run.stderr.contains("base-url"), "{}", run.stderr);
    assert!(!letters.exists());
}

#[test]
fn check_says_which_sites_are_private_and_whether_each_has_a_code() {
    let s = private_school();
    s.write("codes.toml", FIXTURE_CODES);
    let run = helder_in(s.parent(), &["check", "--root", s.root().to_str().unwrap()]);
    run.expect_code(1).no_panic();
    assert!(run.stderr.contains("Besloten site team: heeft een code"));
    assert!(run
        .stderr
        .contains("Besloten site groep-5: heeft nog geen code"));
}

#[test]
fn init_makes_codes_for_the_team_and_keeps_them_out_of_git() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("school");
    let run = helder_in(tmp.path(), &["init", dir.to_str().unwrap()]);
    run.ok().no_panic();
    assert!(run.stderr.contains("besloten"), "{}", run.stderr);
    assert!(read(&dir.join(".gitignore"))
        .lines()
        .any(|l| l == "codes.toml"));
    let codes = read(&dir.join("codes.toml"));
    assert!(codes.contains("team = ") && codes.contains("training = "));
    helder_in(tmp.path(), &["build", "--root", dir.to_str().unwrap()]).ok();
    let team = read(&dir.join("public/team/index.html"));
    assert!(
        team.contains("helder-slot"),
        "the starter's team page is closed"
    );
}
