//! The school page types (issue 4, spec §4–5): caps, evenings, events, news,
//! manuals, slides and the `qr` shortcode. Each test writes a small school
//! (2 bands, 3 classes) into a temp folder, builds it with the real binary and
//! asserts on the files out. The agenda and the feed are parsed back with the
//! `icalendar` and `atom_syndication` crates, the PowerPoint file with `zip`.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{Cursor, Read};
use std::path::Path;
use std::process::{Command, Stdio};

use crate::common::*;

// ---------------------------------------------------------------------------
// Fixtures.

const BASE_URL: &str = "https://ouders.eik.example";
const PHONE: &str = "0123 456789";
const EMAIL: &str = "info@eik.example";
const PORTAL: &str = "https://ouderportaal.example.nl";

/// The standard book.toml (2 bands, 3 classes) with the school's phone and
/// portal, optionally a base-url and a time zone. Plain-language findings do
/// not fail these builds: they test the page types, not the wording.
fn book(base_url: Option<&str>, timezone: Option<&str>) -> String {
    let mut school = format!("[school]\nphone = \"{PHONE}\"\nportal-url = \"{PORTAL}\"\n");
    if let Some(tz) = timezone {
        school.push_str(&format!("timezone = \"{tz}\"\n"));
    }
    let mut toml = BOOK_TOML.replace("[school]\n", &school);
    assert!(toml.contains(&format!("email = \"{EMAIL}\"")));
    if let Some(b) = base_url {
        toml.push_str(&format!("\n[site]\nbase-url = \"{b}\"\n"));
    }
    toml.push_str("\n[plain-language]\nfail-on = \"none\"\n");
    toml
}

/// A site from book.toml and (path, text) pages.
fn school_with(book_toml: String, pages: Vec<(&str, String)>) -> Site {
    let mut files = vec![("book.toml", book_toml)];
    files.extend(pages);
    let refs: Vec<(&str, &str)> = files.iter().map(|(p, t)| (*p, t.as_str())).collect();
    site(&refs)
}

/// Every site of the ouders audience, as output roots.
const PARENT_SITES: [&str; 6] = [
    "",
    "onderbouw/",
    "bovenbouw/",
    "groep-1/",
    "groep-2/",
    "groep-3/",
];

/// Runs `helder build --root <root>` with extra environment variables.
fn build_with_env(s: &Site, env: &[(&str, &str)]) -> Run {
    let root = s.root().to_str().unwrap().to_string();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_helder"));
    cmd.args(["build", "--root", root.as_str()])
        .current_dir(s.parent())
        .env("NO_COLOR", "1")
        .env("CI", "1")
        .env_remove("SOURCE_DATE_EPOCH")
        .stdin(Stdio::null());
    for (k, v) in env {
        cmd.env(k, v);
    }
    let output = cmd.output().expect("could not run the helder binary");
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

fn epoch(y: i32, m: u32, d: u32) -> String {
    chrono::NaiveDate::from_ymd_opt(y, m, d)
        .unwrap()
        .and_hms_opt(12, 0, 0)
        .unwrap()
        .and_utc()
        .timestamp()
        .to_string()
}

/// A PNG of `w`×`h` pixels (a real image, with a gradient).
fn png(w: u32, h: u32) -> Vec<u8> {
    let img = image::RgbImage::from_fn(w, h, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, ((x + y) % 256) as u8])
    });
    let mut bytes = Vec::new();
    image::DynamicImage::ImageRgb8(img)
        .write_to(&mut Cursor::new(&mut bytes), image::ImageFormat::Png)
        .unwrap();
    bytes
}

// ---------------------------------------------------------------------------
// HTML helpers.

/// The text a reader sees: tags dropped (script and style with their
/// content), entities decoded, white space collapsed.
fn visible_text(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        out.push_str(&rest[..lt]);
        out.push(' ');
        let after = &rest[lt..];
        let lower = after.get(..7).unwrap_or("").to_ascii_lowercase();
        let close = if lower.starts_with("<script") {
            after.find("</script>").map(|e| e + 9)
        } else if lower.starts_with("<style") {
            after.find("</style>").map(|e| e + 8)
        } else if after.starts_with("<!--") {
            after.find("-->").map(|e| e + 3)
        } else {
            after.find('>').map(|e| e + 1)
        };
        rest = &after[close.unwrap_or(after.len())..];
    }
    out.push_str(rest);
    decode_entities(&out)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The whole element (outer HTML) whose start tag begins at `offset`.
fn element_at(html: &str, offset: usize) -> &str {
    let tag = tags(&html[offset..])
        .into_iter()
        .next()
        .expect("a tag at the offset");
    let name = tag.name;
    let open = format!("<{name}");
    let close = format!("</{name}>");
    let mut depth = 0usize;
    let mut i = offset;
    loop {
        let next_open = html[i..].find(&open).map(|p| p + i);
        let next_close = html[i..].find(&close).map(|p| p + i);
        match (next_open, next_close) {
            (Some(o), Some(c)) if o < c => {
                let after = html.as_bytes().get(o + open.len()).copied().unwrap_or(b' ');
                if after.is_ascii_whitespace() || after == b'>' {
                    depth += 1;
                }
                i = o + open.len();
            }
            (_, Some(c)) => {
                depth -= 1;
                i = c + close.len();
                if depth == 0 {
                    return &html[offset..i];
                }
            }
            _ => return &html[offset..],
        }
    }
}

/// Every element whose start tag contains `start` (e.g. `<li class="slide"`).
fn elements<'a>(html: &'a str, start: &str) -> Vec<&'a str> {
    html.match_indices(start)
        .map(|(o, _)| element_at(html, o))
        .collect()
}

/// The `<section class="list">` of a home page whose heading is `title`.
fn home_list<'a>(html: &'a str, title: &str) -> Option<&'a str> {
    elements(html, "<section class=\"list")
        .into_iter()
        .find(|s| s.contains(&format!(">{title}</h2>")))
}

/// Asserts `titles` appear in `text` in this order.
fn assert_in_order(text: &str, titles: &[&str], what: &str) {
    let mut last = 0;
    let mut last_title = "";
    for t in titles {
        let pos = text
            .find(t)
            .unwrap_or_else(|| panic!("{what}: `{t}` is missing in:\n{text}"));
        assert!(
            pos >= last,
            "{what}: `{t}` must come after `{last_title}`:\n{text}"
        );
        last = pos;
        last_title = t;
    }
}

// ---------------------------------------------------------------------------
// 1. cap

fn cap_page(title: &str, color: &str, extra: &str) -> String {
    page(
        &format!("title: {title}\ntype: cap\ncolor: {color}{extra}"),
        "Dit kind is rustig en voorzichtig.\n\n\
         ## De sterke kant\n\nHet kind luistert goed.\n\n\
         ## De zwakke kant\n\nHet kind durft weinig.\n\n\
         ## Tip voor thuis\n\nGeef het kind een compliment.\n\n\
         ## Praat erover\n\n- Wat vond je moeilijk?\n- Wat ging goed?",
    )
}

const CAP_YELLOW: &str = "Voorzichtig En Stil";
const CAP_RED: &str = "Grappig En Druk";
const CAP_CLASS: &str = "Onze Klassenpet";

fn cap_site() -> Site {
    school_with(
        book(None, None),
        vec![
            (
                "content/kanjer/gele-pet.md",
                cap_page(CAP_YELLOW, "yellow", ""),
            ),
            ("content/kanjer/rode-pet.md", cap_page(CAP_RED, "rood", "")),
            (
                "content/groep-1/pet.md",
                cap_page(CAP_CLASS, "wit", "\nclasses: [groep-1]"),
            ),
            (
                "content/uitleg.md",
                page(
                    "title: Uitleg Over Petten",
                    "Soms heeft een kind de {{ cap(color=\"rood\") }} op.",
                ),
            ),
        ],
    )
}

#[test]
fn cap_page_shows_color_and_animal_as_text_and_its_parts() {
    let s = cap_site();
    let out = s.build_ok(&[]);

    let yellow = read(&out.join("kanjer/gele-pet/index.html"));
    let text = visible_text(&yellow);
    assert!(
        text.contains("De gele pet"),
        "the yellow cap page must name the cap as text (`color: yellow`):\n{text}"
    );
    assert!(
        text.contains("konijn"),
        "the yellow cap's animal, as text:\n{text}"
    );
    // Parts are numbered in order, so the theme styles them alike in every
    // language; the heading's id stays as a second class.
    for (n, part) in [
        "de-sterke-kant",
        "de-zwakke-kant",
        "tip-voor-thuis",
        "praat-erover",
    ]
    .iter()
    .enumerate()
    {
        let open = format!("<section class=\"part part-{} part-{part}\">", n + 1);
        assert!(
            yellow.contains(&open),
            "missing {open} on the cap page:\n{yellow}"
        );
    }
    // Each part holds its own heading and text.
    let sterk = elements(
        &yellow,
        "<section class=\"part part-1 part-de-sterke-kant\">",
    );
    assert!(sterk[0].contains("De sterke kant") && sterk[0].contains("luistert goed"));
    assert!(
        !sterk[0].contains("durft weinig"),
        "parts must not nest: {}",
        sterk[0]
    );
    let tip = elements(
        &yellow,
        "<section class=\"part part-3 part-tip-voor-thuis\">",
    );
    assert!(tip[0].contains("compliment"));
    let praat = elements(&yellow, "<section class=\"part part-4 part-praat-erover\">");
    assert!(praat[0].contains("Wat vond je moeilijk?"));

    let red = visible_text(&read(&out.join("kanjer/rode-pet/index.html")));
    assert!(red.contains("De rode pet") && red.contains("aap"), "{red}");

    let white = visible_text(&read(&out.join("groep-1/groep-1/pet/index.html")));
    assert!(
        white.contains("De witte pet") && white.contains("tijger"),
        "{white}"
    );
}

#[test]
fn cap_folder_in_every_site_that_shows_caps() {
    let s = cap_site();
    let out = s.build_ok(&[]);
    for root in PARENT_SITES {
        let file = format!("{root}petten/folder/index.html");
        assert_file(&out, &file);
        let text = visible_text(&read(&out.join(&file)));
        for title in [CAP_YELLOW, CAP_RED] {
            assert!(
                text.contains(title),
                "{file} must hold the cap `{title}`:\n{text}"
            );
        }
        assert!(
            text.contains("De gele pet") && text.contains("konijn"),
            "{file}: {text}"
        );
        assert!(
            text.contains("De rode pet") && text.contains("aap"),
            "{file}: {text}"
        );
        let has_class_cap = text.contains(CAP_CLASS);
        assert_eq!(
            has_class_cap,
            root == "groep-1/",
            "{file}: the class-only cap of groep-1 must be in groep-1's folder only"
        );
        if root == "groep-1/" {
            assert!(
                text.contains("De witte pet") && text.contains("tijger"),
                "{text}"
            );
        }
    }
    // Team and training sites show no caps.
    assert_no_file(&out, "team/petten/folder/index.html");
}

#[test]
fn cap_shortcode_renders_a_badge_with_text() {
    let s = cap_site();
    let out = s.build_ok(&[]);
    let html = read(&out.join("uitleg/index.html"));
    let badges = elements(&html, "<span class=\"cap-badge");
    assert_eq!(badges.len(), 1, "one cap badge expected:\n{html}");
    let text = visible_text(badges[0]);
    assert!(
        text.contains("rode pet") && text.contains("aap"),
        "the badge must say `rode pet` and `aap` as text, got `{text}`"
    );
    // Inline: it stays inside its sentence's paragraph.
    assert!(visible_text(&html).contains("Soms heeft een kind de rode pet (aap) op."));
}

#[test]
fn cap_shortcode_with_a_bad_color_is_an_error_at_its_line() {
    let s = school_with(
        book(None, None),
        vec![(
            "content/fout.md",
            // Line 6 of the file holds the call.
            "---\ntitle: Foute Pet\n---\nEen regel.\n\nHier staat {{ cap(color=\"paars\") }} in de tekst.\n"
                .to_string(),
        )],
    );
    let run = s.build(&[]);
    run.no_panic().expect_code(1);
    assert!(
        names_file_line(&run.stderr, "fout.md", Some(6)),
        "the error must name fout.md:6, got:\n{}",
        run.stderr
    );
    assert!(!run.error_lines().is_empty(), "{}", run.stderr);
    // The template's own words, without Tera's English around them.
    assert!(
        run.stderr.contains(
            "shortcode `cap`: `color` is de kleur van de pet: kies wit, zwart, rood of geel"
        ),
        "{}",
        run.stderr
    );
}

// ---------------------------------------------------------------------------
// 2. evening (and the home page's news list)

const EVENING: &str = "Ouderavond Over Lezen";
const EVENING_2: &str = "Informatieavond Najaar";
const NEWS_SCHOOL: &str = "Start Van Het Schooljaar";
const NEWS_G1: &str = "Nieuws Uit Groep Een";
const NEWS_G3: &str = "Nieuws Uit Groep Drie";
const EVENT_IN_FEED_SITE: &str = "Sportdag Voor Iedereen";
const LONG_URL: &str = "https://www.rijksoverheid.example/onderwerpen/schoolvakanties/vraag-en-antwoord/wanneer-zijn-de-schoolvakanties";

fn dated_site(base_url: Option<&str>) -> Site {
    let evening_body = format!(
        "Welkom allemaal op deze avond over lezen.\n\n\
         ## In het kort\n\n\
         - Lees elke dag samen tien minuten.\n\
         - De bibliotheek is gratis voor kinderen.\n\n\
         ## Wat we vertelden\n\n\
         Lezen is belangrijk voor alle vakken op school, ook voor rekenen en \
         wereldoriëntatie, want in elke les staat tekst die een kind moet \
         begrijpen om mee te kunnen doen met de groep en de juf of meester.\n\n\
         Meer tips staan op de [website van de GGD](https://www.ggd.example/kinderen) \
         en op [onze kapstok](kapstok.md). De vakanties staan [hier]({LONG_URL}).\n"
    );
    school_with(
        book(base_url, None),
        vec![
            (
                "content/kapstok.md",
                page("title: Kapstok", "De kapstok geldt voor de hele school."),
            ),
            (
                "content/ouderavond.md",
                page(
                    &format!(
                        "title: {EVENING}\ntype: evening\ndate: 2026-10-08\ntime: \"19:30\"\n\
                         location: De aula\nslides: ouderavond-dia.md\nsummary: Wat we vertelden over lezen."
                    ),
                    &evening_body,
                ),
            ),
            (
                "content/ouderavond-dia.md",
                page(
                    "title: Dia's Ouderavond\ntype: slides",
                    "## Lezen\n\n- Elke dag\n\n---\n\n## Bibliotheek\n\n- Gratis\n",
                ),
            ),
            (
                "content/najaar.md",
                page(
                    &format!("title: {EVENING_2}\ntype: evening\ndate: 2026-11-12"),
                    "Een avond over de nieuwe methode.",
                ),
            ),
            (
                "content/nieuws/start.md",
                page(
                    &format!("title: {NEWS_SCHOOL}\ntype: news\ndate: 2026-09-01"),
                    "Het schooljaar is begonnen.",
                ),
            ),
            (
                "content/groep-1/nieuws.md",
                page(
                    &format!("title: {NEWS_G1}\ntype: news\ndate: 2026-10-20\nclasses: [groep-1]"),
                    "Groep 1 heeft een nieuwe hamster.",
                ),
            ),
            (
                "content/groep-3/nieuws.md",
                page(
                    &format!("title: {NEWS_G3}\ntype: news\ndate: 2026-12-01\nclasses: [groep-3]"),
                    "Groep 3 leert schrijven.",
                ),
            ),
            (
                "content/sportdag.md",
                page(
                    &format!("title: {EVENT_IN_FEED_SITE}\ntype: event\ndate: 2026-12-10"),
                    "De sportdag is op het veld.",
                ),
            ),
        ],
    )
}

#[test]
fn evening_page_has_date_time_place_and_key_points_first() {
    let s = dated_site(Some(BASE_URL));
    let out = s.build_ok(&[]);
    let html = read(&out.join("ouderavond/index.html"));
    let text = visible_text(&html);
    for want in ["8 oktober 2026", "19:30", "De aula"] {
        assert!(
            text.contains(want),
            "the evening page must show `{want}`:\n{text}"
        );
    }
    let boxes = elements(&html, "<section class=\"key-points\"");
    assert_eq!(boxes.len(), 1, "one key-points box expected:\n{html}");
    let key = boxes[0];
    assert!(key.contains("In het kort"), "{key}");
    assert!(
        key.contains("Lees elke dag samen tien minuten.")
            && key.contains("De bibliotheek is gratis voor kinderen."),
        "the `In het kort` list must be inside the key-points box:\n{key}"
    );
    let box_at = html.find("<section class=\"key-points\"").unwrap();
    let intro_at = html
        .find("Welkom allemaal op deze avond")
        .expect("the intro paragraph");
    let rest_at = html
        .find("Lezen is belangrijk")
        .expect("the rest of the body");
    assert!(
        box_at < intro_at && box_at < rest_at,
        "the key-points box must come before the rest of the body (box at {box_at}, intro at {intro_at})"
    );
}

#[test]
fn evening_links_to_its_slides_page() {
    let s = dated_site(Some(BASE_URL));
    let out = s.build_ok(&[]);
    for (page_file, slides_file) in [
        ("ouderavond/index.html", "ouderavond-dia/index.html"),
        (
            "groep-1/ouderavond/index.html",
            "groep-1/ouderavond-dia/index.html",
        ),
    ] {
        let html = read(&out.join(page_file));
        // The page's own link (the menu may list the slides page too).
        let article = elements(&html, "<article")[0];
        let link = tags(article)
            .into_iter()
            .filter(|t| t.name == "a")
            .filter_map(|t| t.attr("href").map(str::to_string))
            .find(|h| h.contains("ouderavond-dia"))
            .unwrap_or_else(|| {
                panic!("{page_file}: no link to the slides page in the article:\n{article}")
            });
        assert!(
            is_relative_url(&link),
            "{page_file}: `{link}` should be relative"
        );
        assert_eq!(
            resolve_rel(page_file, &link).as_deref(),
            Some(slides_file),
            "{page_file}: the slides link `{link}`"
        );
        assert_file(&out, slides_file);
    }
}

#[test]
fn evening_plain_text_summary() {
    let s = dated_site(Some(BASE_URL));
    let out = s.build_ok(&[]);
    assert_file(&out, "groep-1/ouderavond/samenvatting.txt");
    let txt = read(&out.join("ouderavond/samenvatting.txt"));
    let lines: Vec<&str> = txt.lines().collect();
    assert_eq!(
        lines.first().copied(),
        Some(EVENING),
        "starts with the title:\n{txt}"
    );

    let is_url = |s: &str| {
        let s = s.trim();
        !s.contains(char::is_whitespace) && (s.starts_with("https://") || s.starts_with("http://"))
    };
    for line in &lines {
        if line.chars().count() <= 72 {
            continue;
        }
        // A line that is a single URL (or a footnote holding one) can not be wrapped.
        let footnote_url = line
            .strip_prefix('[')
            .and_then(|r| r.split_once("] "))
            .is_some_and(|(n, url)| n.chars().all(|c| c.is_ascii_digit()) && is_url(url));
        assert!(
            is_url(line) || footnote_url,
            "line longer than 72 characters ({}): `{line}`",
            line.chars().count()
        );
    }
    let flat = txt.split_whitespace().collect::<Vec<_>>().join(" ");
    for want in [
        "8 oktober 2026",
        "19:30",
        "De aula",
        "Lees elke dag samen tien minuten.",
    ] {
        assert!(
            flat.contains(want),
            "the summary must hold `{want}`:\n{txt}"
        );
    }
    // Links as numbered footnotes, absolute with base-url.
    let footnotes: BTreeMap<String, String> = lines
        .iter()
        .filter_map(|l| {
            let rest = l.strip_prefix('[')?;
            let (n, url) = rest.split_once("] ")?;
            n.chars()
                .all(|c| c.is_ascii_digit())
                .then(|| (n.to_string(), url.to_string()))
        })
        .collect();
    let urls: BTreeSet<&str> = footnotes.values().map(String::as_str).collect();
    for want in [
        "https://www.ggd.example/kinderen",
        "https://ouders.eik.example/kapstok/",
        LONG_URL,
    ] {
        assert!(
            urls.contains(want),
            "footnote `[n] {want}` missing; footnotes: {footnotes:?}\n{txt}"
        );
    }
    for (n, url) in &footnotes {
        assert!(
            url.starts_with("https://"),
            "footnote [{n}] is not absolute: {url}"
        );
        assert!(
            flat.contains(&format!("GGD [{n}]"))
                || flat.contains(&format!("kapstok [{n}]"))
                || flat.contains(&format!("hier [{n}]")),
            "footnote [{n}] is not referenced in the text:\n{txt}"
        );
    }
    // No raw Markdown link syntax left.
    assert!(!txt.contains("](") && !txt.contains("kapstok.md"), "{txt}");
}

#[test]
fn home_lists_evenings_and_news_newest_first() {
    let s = dated_site(Some(BASE_URL));
    let out = s.build_ok(&[]);
    let cases: [(&str, Vec<&str>); 3] = [
        ("index.html", vec![EVENING_2, EVENING, NEWS_SCHOOL]),
        (
            "onderbouw/index.html",
            vec![EVENING_2, EVENING, NEWS_SCHOOL],
        ),
        (
            "groep-1/index.html",
            vec![EVENING_2, NEWS_G1, EVENING, NEWS_SCHOOL],
        ),
    ];
    for (file, order) in cases {
        let html = read(&out.join(file));
        let list = home_list(&html, "Nieuws")
            .unwrap_or_else(|| panic!("{file}: no `Nieuws` list on the home page:\n{html}"));
        let text = visible_text(list);
        assert_in_order(
            &text,
            &order,
            &format!("{file}: evenings and news, newest first"),
        );
        assert!(
            !visible_text(&html).contains(NEWS_G3),
            "{file} must not list groep 3's news"
        );
        assert!(
            !text.contains(EVENT_IN_FEED_SITE),
            "{file}: events are not news: {text}"
        );
    }
    let g3 = visible_text(home_list(&read(&out.join("groep-3/index.html")), "Nieuws").unwrap());
    assert_in_order(
        &g3,
        &[NEWS_G3, EVENING_2, EVENING, NEWS_SCHOOL],
        "groep-3/index.html",
    );
}

// ---------------------------------------------------------------------------
// 3. event → agenda.ics

const EV_FEEST: &str = "Schoolfeest Op Het Plein";
const EV_STUDIEDAG: &str = "Studiedag Iedereen Vrij";
const EV_G1: &str = "Boerderij Bezoek Groep Een";
const EV_G3: &str = "Museum Groep Drie";

fn event_site(base_url: Option<&str>, timezone: Option<&str>) -> Site {
    school_with(
        book(base_url, timezone),
        vec![
            (
                "content/schoolfeest.md",
                page(
                    &format!(
                        "title: {EV_FEEST}\ntype: event\ndate: 2026-11-20\nstart: \"14:00\"\nend: \"16:00\"\nlocation: Het plein"
                    ),
                    "Iedereen is welkom op het schoolfeest.",
                ),
            ),
            (
                "content/studiedag.md",
                page(
                    &format!("title: {EV_STUDIEDAG}\ntype: event\ndate: 2026-10-15"),
                    "De kinderen zijn vrij.",
                ),
            ),
            (
                "content/groep-1/boerderij.md",
                page(
                    &format!(
                        "title: {EV_G1}\ntype: event\ndate: 2026-11-05\nstart: \"09:00\"\nclasses: [groep-1]"
                    ),
                    "We gaan naar de boerderij.",
                ),
            ),
            (
                "content/groep-3/museum.md",
                page(
                    &format!("title: {EV_G3}\ntype: event\ndate: 2026-11-06\nclasses: [groep-3]"),
                    "We gaan naar het museum.",
                ),
            ),
        ],
    )
}

/// One parsed VEVENT: SUMMARY → (property name → (params, value)).
#[derive(Debug, Clone)]
struct Vevent {
    props: BTreeMap<String, (BTreeMap<String, String>, String)>,
}

impl Vevent {
    fn value(&self, name: &str) -> &str {
        &self
            .props
            .get(name)
            .unwrap_or_else(|| panic!("no {name} in {self:?}"))
            .1
    }
    fn param(&self, name: &str, key: &str) -> Option<&str> {
        self.props.get(name)?.0.get(key).map(String::as_str)
    }
}

struct Agenda {
    /// SUMMARY → event.
    events: BTreeMap<String, Vevent>,
    /// TZIDs of the VTIMEZONE components.
    timezones: Vec<String>,
}

fn parse_agenda(path: &Path) -> Agenda {
    let text = read(path);
    assert!(
        text.starts_with("BEGIN:VCALENDAR\r\n"),
        "{}: not an iCalendar file",
        path.display()
    );
    let unfolded = icalendar::parser::unfold(&text);
    let cal = icalendar::parser::read_calendar(&unfolded)
        .unwrap_or_else(|e| panic!("{} does not parse: {e}\n{text}", path.display()));
    assert!(
        cal.properties
            .iter()
            .any(|p| p.name.as_str() == "VERSION" && p.val.as_str() == "2.0"),
        "{}: VERSION:2.0 missing",
        path.display()
    );
    let mut events = BTreeMap::new();
    let mut timezones = Vec::new();
    for c in &cal.components {
        match c.name.as_str() {
            "VTIMEZONE" => timezones.push(
                c.find_prop("TZID")
                    .expect("VTIMEZONE without TZID")
                    .val
                    .as_str()
                    .to_string(),
            ),
            "VEVENT" => {
                let props = c
                    .properties
                    .iter()
                    .map(|p| {
                        let params = p
                            .params
                            .iter()
                            .map(|q| {
                                (
                                    q.key.as_str().to_ascii_uppercase(),
                                    q.val
                                        .as_ref()
                                        .map(|v| v.as_str().to_string())
                                        .unwrap_or_default(),
                                )
                            })
                            .collect();
                        (
                            p.name.as_str().to_string(),
                            (params, p.val.as_str().to_string()),
                        )
                    })
                    .collect();
                let ev = Vevent { props };
                let summary = ev.value("SUMMARY").to_string();
                assert!(
                    events.insert(summary.clone(), ev).is_none(),
                    "{}: `{summary}` twice",
                    path.display()
                );
            }
            _ => {}
        }
    }
    Agenda { events, timezones }
}

#[test]
fn event_agenda_per_site_with_class_events_only_in_their_class() {
    let s = event_site(Some(BASE_URL), None);
    let out = s.build_ok(&[]);
    let mut agendas = BTreeMap::new();
    for root in PARENT_SITES {
        let file = format!("{root}agenda.ics");
        assert_file(&out, &file);
        agendas.insert(root, parse_agenda(&out.join(&file)));
    }
    for (root, agenda) in &agendas {
        let names: BTreeSet<&str> = agenda.events.keys().map(String::as_str).collect();
        assert!(
            names.contains(EV_FEEST) && names.contains(EV_STUDIEDAG),
            "{root}agenda.ics must hold the school's events: {names:?}"
        );
        assert_eq!(
            names.contains(EV_G1),
            *root == "groep-1/",
            "{root}agenda.ics and `{EV_G1}`: {names:?}"
        );
        assert_eq!(
            names.contains(EV_G3),
            *root == "groep-3/",
            "{root}agenda.ics and `{EV_G3}`: {names:?}"
        );
    }
    // The same event has the same UID in every agenda.
    let uid = agendas[""].events[EV_FEEST].value("UID").to_string();
    assert!(!uid.is_empty());
    for (root, agenda) in &agendas {
        assert_eq!(
            agenda.events[EV_FEEST].value("UID"),
            uid,
            "{root}agenda.ics: UID of `{EV_FEEST}`"
        );
    }
    // UIDs differ between events.
    let g1 = &agendas["groep-1/"];
    let uids: BTreeSet<&str> = g1.events.values().map(|e| e.value("UID")).collect();
    assert_eq!(uids.len(), g1.events.len(), "UIDs must be unique");
    // With base-url, each event links to its page.
    let url = g1.events[EV_G1].value("URL");
    assert!(url.starts_with("https://ouders.eik.example/"), "URL: {url}");
}

#[test]
fn event_times_use_the_school_timezone_and_all_day_events_use_dates() {
    let s = event_site(None, None);
    let out = s.build_ok(&[]);
    let agenda = parse_agenda(&out.join("groep-1/agenda.ics"));
    assert!(
        agenda.timezones.iter().any(|t| t == "Europe/Amsterdam"),
        "a VTIMEZONE with TZID Europe/Amsterdam is required: {:?}",
        agenda.timezones
    );
    let feest = &agenda.events[EV_FEEST];
    assert_eq!(
        feest.param("DTSTART", "TZID"),
        Some("Europe/Amsterdam"),
        "{feest:?}"
    );
    assert_eq!(feest.value("DTSTART"), "20261120T140000");
    assert_eq!(
        feest.param("DTEND", "TZID"),
        Some("Europe/Amsterdam"),
        "{feest:?}"
    );
    assert_eq!(feest.value("DTEND"), "20261120T160000");
    assert_eq!(feest.value("LOCATION"), "Het plein");
    let boerderij = &agenda.events[EV_G1];
    assert_eq!(boerderij.param("DTSTART", "TZID"), Some("Europe/Amsterdam"));
    assert_eq!(boerderij.value("DTSTART"), "20261105T090000");

    let studiedag = &agenda.events[EV_STUDIEDAG];
    assert_eq!(
        studiedag.param("DTSTART", "VALUE"),
        Some("DATE"),
        "{studiedag:?}"
    );
    assert_eq!(studiedag.value("DTSTART"), "20261015");
    assert_eq!(
        studiedag.param("DTEND", "VALUE"),
        Some("DATE"),
        "{studiedag:?}"
    );
    assert_eq!(
        studiedag.value("DTEND"),
        "20261016",
        "an all-day DTEND is the next day"
    );
    assert!(studiedag.param("DTSTART", "TZID").is_none());
}

#[test]
fn event_times_use_a_configured_timezone() {
    let s = event_site(None, Some("Europe/Brussels"));
    let out = s.build_ok(&[]);
    for root in ["", "groep-1/"] {
        let agenda = parse_agenda(&out.join(format!("{root}agenda.ics")));
        assert!(
            agenda.timezones.iter().any(|t| t == "Europe/Brussels"),
            "{root}agenda.ics: VTIMEZONE Europe/Brussels required: {:?}",
            agenda.timezones
        );
        assert!(
            !agenda.timezones.iter().any(|t| t == "Europe/Amsterdam"),
            "{root}agenda.ics: Amsterdam is not the school's zone"
        );
        let feest = &agenda.events[EV_FEEST];
        assert_eq!(
            feest.param("DTSTART", "TZID"),
            Some("Europe/Brussels"),
            "{feest:?}"
        );
        assert_eq!(feest.value("DTSTART"), "20261120T140000");
    }
}

#[test]
fn event_agenda_is_byte_identical_between_builds() {
    let s = event_site(Some(BASE_URL), None);
    let out = s.build_ok(&[]);
    let first: Vec<Vec<u8>> = PARENT_SITES
        .iter()
        .map(|r| std::fs::read(out.join(format!("{r}agenda.ics"))).unwrap())
        .collect();
    let out2 = s.parent().join("tweede");
    s.build_to(&out2, &[]).ok().no_panic();
    for (r, bytes) in PARENT_SITES.iter().zip(&first) {
        let again = std::fs::read(out2.join(format!("{r}agenda.ics"))).unwrap();
        assert!(again == *bytes, "{r}agenda.ics differs between two builds");
    }
}

#[test]
fn home_agenda_lists_upcoming_events_soonest_first() {
    let s = event_site(None, None);
    let before = epoch(2026, 9, 1);
    build_with_env(&s, &[("SOURCE_DATE_EPOCH", &before)])
        .ok()
        .no_panic();
    let out = s.public();
    let cases = [
        ("index.html", vec![EV_STUDIEDAG, EV_FEEST]),
        ("groep-1/index.html", vec![EV_STUDIEDAG, EV_G1, EV_FEEST]),
        ("groep-3/index.html", vec![EV_STUDIEDAG, EV_G3, EV_FEEST]),
    ];
    for (file, order) in &cases {
        let html = read(&out.join(file));
        let list = home_list(&html, "Agenda")
            .unwrap_or_else(|| panic!("{file}: no `Agenda` list on the home page:\n{html}"));
        let text = visible_text(list);
        assert_in_order(
            &text,
            order,
            &format!("{file}: upcoming events, soonest first"),
        );
    }
    let g1 = visible_text(home_list(&read(&out.join("groep-1/index.html")), "Agenda").unwrap());
    assert!(
        !g1.contains(EV_G3),
        "groep-1's agenda must not list groep 3's event"
    );

    // Between the events: only the later ones.
    let between = epoch(2026, 11, 10);
    build_with_env(&s, &[("SOURCE_DATE_EPOCH", &between)])
        .ok()
        .no_panic();
    let g1 = read(&out.join("groep-1/index.html"));
    let text = visible_text(home_list(&g1, "Agenda").expect("an Agenda list"));
    assert!(text.contains(EV_FEEST), "{text}");
    assert!(
        !text.contains(EV_STUDIEDAG) && !text.contains(EV_G1),
        "past events listed: {text}"
    );

    // After all events: no upcoming list.
    let after = epoch(2027, 1, 15);
    build_with_env(&s, &[("SOURCE_DATE_EPOCH", &after)])
        .ok()
        .no_panic();
    for (file, _) in &cases {
        let html = read(&out.join(file));
        assert!(
            home_list(&html, "Agenda").is_none(),
            "{file}: past events still listed"
        );
        let text = visible_text(&html);
        for ev in [EV_FEEST, EV_STUDIEDAG, EV_G1, EV_G3] {
            assert!(
                !text.contains(ev),
                "{file}: past event `{ev}` still on the home page"
            );
        }
    }
}

// ---------------------------------------------------------------------------
// 4. news + evening → feed.xml

fn parse_feed(path: &Path) -> atom_syndication::Feed {
    let bytes = std::fs::read(path).unwrap();
    atom_syndication::Feed::read_from(&bytes[..])
        .unwrap_or_else(|e| panic!("{} is not a valid Atom feed: {e}", path.display()))
}

fn entry_titles(feed: &atom_syndication::Feed) -> Vec<String> {
    feed.entries()
        .iter()
        .map(|e| e.title().value.clone())
        .collect()
}

#[test]
fn feed_per_site_newest_first_with_absolute_urls() {
    let s = dated_site(Some(BASE_URL));
    let out = s.build_ok(&[]);
    for root in PARENT_SITES {
        let file = format!("{root}feed.xml");
        assert_file(&out, &file);
        let feed = parse_feed(&out.join(&file));
        let titles = entry_titles(&feed);
        assert!(
            titles.iter().any(|t| t == NEWS_SCHOOL),
            "{file}: the school's news: {titles:?}"
        );
        assert!(
            titles.iter().any(|t| t == EVENING),
            "{file}: the school's evening: {titles:?}"
        );
        assert_eq!(
            titles.iter().any(|t| t == NEWS_G1),
            root == "groep-1/",
            "{file}: {titles:?}"
        );
        assert_eq!(
            titles.iter().any(|t| t == NEWS_G3),
            root == "groep-3/",
            "{file}: {titles:?}"
        );
        assert!(
            !titles
                .iter()
                .any(|t| t == EVENT_IN_FEED_SITE || t == "Kapstok" || t == "Dia's Ouderavond"),
            "{file}: only news and evenings belong in the feed: {titles:?}"
        );
        // Newest first.
        let dates: Vec<_> = feed.entries().iter().map(|e| *e.updated()).collect();
        let mut sorted = dates.clone();
        sorted.sort_by(|a, b| b.cmp(a));
        assert_eq!(
            dates, sorted,
            "{file}: entries must be newest first ({titles:?})"
        );
        // Absolute links and ids.
        assert!(
            feed.id().starts_with("https://"),
            "{file}: feed id {}",
            feed.id()
        );
        for e in feed.entries() {
            assert!(
                e.id().starts_with("https://"),
                "{file}: entry id `{}`",
                e.id()
            );
            assert!(!e.links().is_empty(), "{file}: entry without link");
            for l in e.links() {
                assert!(
                    l.href().starts_with("https://"),
                    "{file}: entry link `{}`",
                    l.href()
                );
            }
        }
        for l in feed.links() {
            assert!(
                l.href().starts_with("https://"),
                "{file}: feed link `{}`",
                l.href()
            );
        }
    }
    let g1 = parse_feed(&out.join("groep-1/feed.xml"));
    assert_eq!(
        entry_titles(&g1),
        [EVENING_2, NEWS_G1, EVENING, NEWS_SCHOOL]
    );
    let evening = g1
        .entries()
        .iter()
        .find(|e| e.title().value == EVENING)
        .unwrap();
    assert_eq!(
        evening.links()[0].href(),
        "https://ouders.eik.example/ouderavond/"
    );
}

#[test]
fn feed_without_base_url_still_parses() {
    let s = dated_site(None);
    let out = s.build_ok(&[]);
    for root in PARENT_SITES {
        let feed = parse_feed(&out.join(format!("{root}feed.xml")));
        let titles = entry_titles(&feed);
        assert!(
            titles.iter().any(|t| t == NEWS_SCHOOL),
            "{root}feed.xml: {titles:?}"
        );
        for e in feed.entries() {
            assert!(
                !e.id().is_empty() && e.id().contains(':'),
                "entry id must be an IRI: `{}`",
                e.id()
            );
            assert!(!e.links().is_empty());
        }
    }
    let g3 = parse_feed(&out.join("groep-3/feed.xml"));
    assert_eq!(
        entry_titles(&g3),
        [NEWS_G3, EVENING_2, EVENING, NEWS_SCHOOL]
    );
}

// ---------------------------------------------------------------------------
// 5. manual

const MANUAL: &str = "Inloggen Op Het Portaal";

fn manual_site() -> Site {
    let s = school_with(
        book(None, None),
        vec![(
            "content/portaal.md",
            page(
                &format!("title: {MANUAL}\ntype: manual"),
                "Zo logt u in op het ouderportaal.\n\n\
                 1. Open de app.\n\
                 2. Tik op **Inloggen**.\n\n\
                 \x20  ![Het scherm om in te loggen](inloggen.png)\n\n\
                 3. Vul uw code in.\n\n\
                 > [!CAUTION]\n\
                 > Deel uw code met niemand.\n",
            ),
        )],
    );
    s.write_bytes("content/inloggen.png", &png(1600, 1000));
    s
}

#[test]
fn manual_has_steps_help_block_portal_link_and_callouts() {
    let s = manual_site();
    let out = s.build_ok(&[]);
    let html = read(&out.join("portaal/index.html"));
    let steps = elements(&html, "<ol class=\"steps\"");
    assert_eq!(
        steps.len(),
        1,
        "the numbered list must be `<ol class=\"steps\"`:\n{html}"
    );
    let step_text = visible_text(steps[0]);
    for s in ["Open de app.", "Tik op Inloggen", "Vul uw code in."] {
        assert!(step_text.contains(s), "step `{s}` missing: {step_text}");
    }
    assert!(
        steps[0].contains("<img"),
        "the screenshot belongs to its step"
    );

    let article = elements(&html, "<article")[0];
    let text = visible_text(article);
    assert!(
        text.contains("Lukt het niet?"),
        "no `Lukt het niet?` block:\n{text}"
    );
    let help_at = article.find("Lukt het niet?").unwrap();
    let help = visible_text(&article[help_at..]);
    assert!(
        help.contains(PHONE),
        "the help block must give the phone number: {help}"
    );
    assert!(
        help.contains(EMAIL),
        "the help block must give the e-mail address: {help}"
    );
    let hrefs: Vec<String> = tags(article)
        .into_iter()
        .filter(|t| t.name == "a")
        .filter_map(|t| t.attr("href").map(str::to_string))
        .collect();
    assert!(
        hrefs.iter().any(|h| h == PORTAL),
        "no link to the portal in the page: {hrefs:?}"
    );
    assert!(
        hrefs.iter().any(|h| h == &format!("mailto:{EMAIL}")),
        "{hrefs:?}"
    );
    assert!(hrefs.iter().any(|h| h.starts_with("tel:")), "{hrefs:?}");

    let callouts = elements(&html, "<aside class=\"callout callout-caution\"");
    assert_eq!(
        callouts.len(),
        1,
        "the CAUTION alert must be a callout:\n{html}"
    );
    assert!(callouts[0].contains("Deel uw code met niemand."));
    assert!(!html.contains("[!CAUTION]"));
}

#[test]
fn manual_screenshot_is_responsive() {
    let s = manual_site();
    let out = s.build_ok(&[]);
    let file = "portaal/index.html";
    let html = read(&out.join(file));
    let img = tags(&html)
        .into_iter()
        .find(|t| t.name == "img" && t.attr("alt") == Some("Het scherm om in te loggen"))
        .unwrap_or_else(|| panic!("no screenshot img:\n{html}"));
    let src = img.attr("src").expect("src");
    assert_file(&out, &resolve_rel(file, src).unwrap());
    assert_eq!(img.attr("loading"), Some("lazy"), "{img:?}");
    assert_eq!(
        img.attr("width"),
        Some("1600"),
        "the img needs width=\"1600\": {img:?}"
    );
    assert_eq!(
        img.attr("height"),
        Some("1000"),
        "the img needs height=\"1000\": {img:?}"
    );
    let srcset = img
        .attr("srcset")
        .unwrap_or_else(|| panic!("the 1600×1000 screenshot has no srcset: {img:?}"));
    let candidates: Vec<&str> = srcset.split(',').map(str::trim).collect();
    assert!(
        candidates.len() >= 2,
        "srcset should offer resized copies: {srcset}"
    );
    for c in candidates {
        let (url, width) = c.split_once(' ').unwrap_or((c, ""));
        assert!(
            width.trim().ends_with('w'),
            "srcset candidate without a width: `{c}`"
        );
        let target = resolve_rel(file, url).unwrap();
        assert_file(&out, &target);
        let w: u32 = width.trim().trim_end_matches('w').parse().unwrap();
        let dims = image::image_dimensions(out.join(&target)).unwrap();
        assert_eq!(dims.0, w, "{target} is not {w} px wide");
        assert!(w <= 1600);
    }
}

// ---------------------------------------------------------------------------
// 6. slides

const TEAM_DECK: &str = "Teamoverleg Oktober";
const PARENT_DECK: &str = "Dia's Voor Ouders";

fn slides_site() -> Site {
    let team_body = "## Welkom\n\n\
                     - Koffie staat klaar\n\
                     - We beginnen op tijd\n\n\
                     Notes: Vraag eerst hoe het gaat.\n\n\
                     ---\n\n\
                     ## Het nieuwe rooster\n\n\
                     - Maandag gym\n  - in de grote zaal\n\
                     - Woensdag muziek\n\n\
                     ![Het rooster](rooster.png)\n\n\
                     ---\n\n\
                     ## Een voorbeeld\n\n\
                     ```text\nregel een\n---\nregel twee\n```\n\n\
                     Notes: Dit is de laatste dia.\n";
    let parent_body = "## Lezen thuis\n\n- Elke dag tien minuten\n\n\
                       Notes: Laat het boekje zien.\n\n---\n\n## De bibliotheek\n\n- Gratis lid\n";
    let s = school_with(
        book(None, None),
        vec![
            (
                "content/team/overleg-dia.md",
                page(
                    &format!("title: {TEAM_DECK}\ntype: slides\naudience: team"),
                    team_body,
                ),
            ),
            (
                "content/ouder-dia.md",
                page(
                    &format!("title: {PARENT_DECK}\ntype: slides\ndate: 2026-10-08"),
                    parent_body,
                ),
            ),
        ],
    );
    s.write_bytes("content/team/rooster.png", &png(320, 200));
    s
}

const TEAM_DIR: &str = "team/team/overleg-dia/";

#[test]
fn slides_html_deck_one_slide_per_part_with_notes() {
    let s = slides_site();
    let out = s.build_ok(&[]);
    let file = format!("{TEAM_DIR}index.html");
    let html = read_opened(&out.join(&file));
    let slides = elements(&html, "<li class=\"slide\"");
    assert_eq!(
        slides.len(),
        3,
        "3 slides expected (a `---` inside fenced code does not split):\n{html}"
    );
    assert!(slides[0].contains("Welkom") && slides[0].contains("Koffie staat klaar"));
    assert!(slides[1].contains("Het nieuwe rooster") && slides[1].contains("in de grote zaal"));
    assert!(
        slides[2].contains("regel een") && slides[2].contains("regel twee"),
        "the code block stays whole on slide 3: {}",
        slides[2]
    );
    let notes = elements(&html, "<details class=\"slide-notes\"");
    assert_eq!(notes.len(), 2, "two slides have notes:\n{html}");
    assert!(
        slides[0].contains("<details class=\"slide-notes\"")
            && notes[0].contains("Vraag eerst hoe het gaat.")
    );
    assert!(!slides[1].contains("slide-notes"));
    assert!(notes[1].contains("Dit is de laatste dia."));
    assert_eq!(
        html.matches("Vraag eerst hoe het gaat.").count(),
        1,
        "the note only inside its details"
    );
    assert!(!html.contains("Notes:"), "the `Notes:` prefix is not shown");

    let script = tags(&html)
        .into_iter()
        .find(|t| t.name == "script" && t.attr("src").is_some_and(|s| s.ends_with("slides.js")))
        .unwrap_or_else(|| panic!("no slides.js script:\n{html}"));
    let src = script.attr("src").unwrap();
    assert!(
        is_relative_url(src),
        "slides.js must be referenced relatively: `{src}`"
    );
    assert_eq!(resolve_rel(&file, src).as_deref(), Some("assets/slides.js"));
    assert_file(&out, "assets/slides.js");
}

#[test]
fn slides_handout_has_every_slide_and_its_notes() {
    let s = slides_site();
    let out = s.build_ok(&[]);
    let html = read_opened(&out.join(format!("{TEAM_DIR}handout/index.html")));
    let text = visible_text(&html);
    for want in [
        "Welkom",
        "Koffie staat klaar",
        "Het nieuwe rooster",
        "Woensdag muziek",
        "Een voorbeeld",
        "Vraag eerst hoe het gaat.",
        "Dit is de laatste dia.",
    ] {
        assert!(
            text.contains(want),
            "the handout must hold `{want}`:\n{text}"
        );
    }
    assert_in_order(
        &text,
        &[
            "Welkom",
            "Vraag eerst hoe het gaat.",
            "Het nieuwe rooster",
            "Een voorbeeld",
            "Dit is de laatste dia.",
        ],
        "handout: each slide followed by its notes",
    );
    let parent = read(&out.join("ouder-dia/handout/index.html"));
    assert!(visible_text(&parent).contains("Laat het boekje zien."));
}

fn unzip(bytes: &[u8]) -> BTreeMap<String, Vec<u8>> {
    let mut archive =
        zip::ZipArchive::new(Cursor::new(bytes)).expect("slides.pptx is not a zip file");
    let mut parts = BTreeMap::new();
    for i in 0..archive.len() {
        let mut f = archive.by_index(i).unwrap();
        let name = f.name().expect("a zip entry name").to_string();
        let mut data = Vec::new();
        f.read_to_end(&mut data).unwrap();
        assert!(
            parts.insert(name.clone(), data).is_none(),
            "{name} twice in the zip"
        );
    }
    parts
}

fn part_text(parts: &BTreeMap<String, Vec<u8>>, name: &str) -> String {
    String::from_utf8(
        parts
            .get(name)
            .unwrap_or_else(|| panic!("{name} missing; parts: {:#?}", parts.keys()))
            .clone(),
    )
    .unwrap()
}

/// The part a relationship in `rels_name` points to.
fn rel_target(rels_name: &str, target: &str) -> String {
    if let Some(abs) = target.strip_prefix('/') {
        return abs.to_string();
    }
    // ppt/slides/_rels/slide1.xml.rels → base ppt/slides
    let base = rels_name
        .rsplit_once("_rels/")
        .map(|(b, _)| b.trim_end_matches('/'))
        .unwrap_or("");
    let mut segs: Vec<&str> = base.split('/').filter(|s| !s.is_empty()).collect();
    for seg in target.split('/') {
        match seg {
            ".." => {
                segs.pop();
            }
            "." | "" => {}
            s => segs.push(s),
        }
    }
    segs.join("/")
}

/// (target part, type) of every internal relationship of a .rels part.
fn relationships(parts: &BTreeMap<String, Vec<u8>>, rels_name: &str) -> Vec<(String, String)> {
    tags(&part_text(parts, rels_name))
        .into_iter()
        .filter(|t| t.name == "relationship")
        .filter(|t| t.attr("targetmode") != Some("External"))
        .map(|t| {
            (
                rel_target(rels_name, t.attr("target").expect("Target")),
                t.attr("type").unwrap_or("").to_string(),
            )
        })
        .collect()
}

#[test]
fn slides_pptx_parts_and_relationships() {
    let s = slides_site();
    let out = s.build_ok(&[]);
    // Team material is private: the PowerPoint is encrypted too.
    let bytes = read_file_opened(
        &out,
        &format!("{TEAM_DIR}slides.pptx"),
        "team",
        FIXTURE_CODES,
    );
    let parts = unzip(&bytes);
    for name in [
        "[Content_Types].xml",
        "_rels/.rels",
        "ppt/presentation.xml",
        "ppt/_rels/presentation.xml.rels",
    ] {
        assert!(
            parts.contains_key(name),
            "{name} missing: {:#?}",
            parts.keys()
        );
    }
    // Title slide + 3 slides.
    let slides: Vec<&String> = parts
        .keys()
        .filter(|n| n.starts_with("ppt/slides/slide") && n.ends_with(".xml"))
        .collect();
    assert_eq!(slides.len(), 4, "title slide + one per slide: {slides:?}");
    for n in 1..=4 {
        assert!(parts.contains_key(&format!("ppt/slides/slide{n}.xml")));
    }
    let pres_rels = relationships(&parts, "ppt/_rels/presentation.xml.rels");
    let slide_rels = pres_rels
        .iter()
        .filter(|(t, _)| t.starts_with("ppt/slides/slide"))
        .count();
    assert_eq!(
        slide_rels, 4,
        "presentation.xml must reference 4 slides: {pres_rels:?}"
    );
    assert_eq!(
        part_text(&parts, "ppt/presentation.xml")
            .matches("<p:sldId ")
            .count(),
        4
    );

    // Every relationship target exists.
    for rels in parts.keys().filter(|n| n.ends_with(".rels")) {
        for (target, kind) in relationships(&parts, rels) {
            assert!(
                parts.contains_key(&target),
                "{rels}: relationship ({kind}) to {target}, which is not in the zip"
            );
        }
    }
    // Every part has a content type.
    let ct = tags(&part_text(&parts, "[Content_Types].xml"));
    let overrides: BTreeSet<String> = ct
        .iter()
        .filter(|t| t.name == "override")
        .filter_map(|t| {
            t.attr("partname")
                .map(|p| p.trim_start_matches('/').to_string())
        })
        .collect();
    let defaults: BTreeSet<String> = ct
        .iter()
        .filter(|t| t.name == "default")
        .filter_map(|t| t.attr("extension").map(|e| e.to_ascii_lowercase()))
        .collect();
    for name in parts.keys().filter(|n| *n != "[Content_Types].xml") {
        let ext = name.rsplit('.').next().unwrap().to_ascii_lowercase();
        assert!(
            overrides.contains(name) || defaults.contains(&ext),
            "{name} has no content type"
        );
    }
    for n in 1..=4 {
        assert!(
            overrides.contains(&format!("ppt/slides/slide{n}.xml")),
            "slide{n} content type"
        );
    }

    // Titles and bullets.
    let title = part_text(&parts, "ppt/slides/slide1.xml");
    assert!(
        title.contains(TEAM_DECK),
        "the title slide shows the deck's title"
    );
    let expect = [
        (
            2,
            vec!["Welkom", "Koffie staat klaar", "We beginnen op tijd"],
        ),
        (
            3,
            vec![
                "Het nieuwe rooster",
                "Maandag gym",
                "in de grote zaal",
                "Woensdag muziek",
            ],
        ),
        (4, vec!["Een voorbeeld"]),
    ];
    for (n, texts) in &expect {
        let xml = part_text(&parts, &format!("ppt/slides/slide{n}.xml"));
        for t in texts {
            assert!(
                xml.contains(&format!(">{t}<")),
                "slide{n}.xml must hold `{t}`"
            );
        }
    }

    // Notes: a notes slide for each slide with notes (slides 2 and 4).
    let notes: Vec<&String> = parts
        .keys()
        .filter(|n| n.starts_with("ppt/notesSlides/notesSlide") && n.ends_with(".xml"))
        .collect();
    assert_eq!(notes.len(), 2, "{notes:?}");
    let notes_of = |n: usize| -> Option<String> {
        relationships(&parts, &format!("ppt/slides/_rels/slide{n}.xml.rels"))
            .into_iter()
            .find(|(t, _)| t.starts_with("ppt/notesSlides/"))
            .map(|(t, _)| part_text(&parts, &t))
    };
    assert!(notes_of(2)
        .expect("slide 2 has notes")
        .contains("Vraag eerst hoe het gaat."));
    assert!(notes_of(3).is_none(), "slide 3 has no notes");
    assert!(notes_of(4)
        .expect("slide 4 has notes")
        .contains("Dit is de laatste dia."));

    // The PNG on slide 3 is in ppt/media/.
    let media: Vec<&String> = parts
        .keys()
        .filter(|n| n.starts_with("ppt/media/"))
        .collect();
    assert_eq!(media.len(), 1, "{media:?}");
    assert!(
        parts[media[0]].starts_with(b"\x89PNG\r\n\x1a\n"),
        "{} is not a PNG",
        media[0]
    );
    let slide3 = relationships(&parts, "ppt/slides/_rels/slide3.xml.rels");
    assert!(
        slide3.iter().any(|(t, _)| t == media[0]),
        "slide 3 must use {}: {slide3:?}",
        media[0]
    );
}

#[test]
fn slides_pptx_of_a_parent_deck_is_the_same_in_every_site() {
    let s = slides_site();
    let out = s.build_ok(&[]);
    let school = std::fs::read(out.join("ouder-dia/slides.pptx")).expect("school site pptx");
    let class = std::fs::read(out.join("groep-1/ouder-dia/slides.pptx")).expect("class site pptx");
    assert!(
        school == class,
        "the parents' deck must be byte-identical in the school and groep-1 sites"
    );
    let band = std::fs::read(out.join("onderbouw/ouder-dia/slides.pptx")).expect("band site pptx");
    assert!(school == band);
    let parts = unzip(&school);
    // Title slide + 2 slides, one with notes.
    assert!(
        parts.contains_key("ppt/slides/slide3.xml") && !parts.contains_key("ppt/slides/slide4.xml")
    );
    assert!(part_text(&parts, "ppt/slides/slide2.xml").contains("Lezen thuis"));
    let notes: Vec<&String> = parts
        .keys()
        .filter(|n| n.starts_with("ppt/notesSlides/notesSlide"))
        .collect();
    assert_eq!(notes.len(), 1, "{notes:?}");
    // And the team's deck is only in the team site.
    assert_no_file(&out, "team/overleg-dia/slides.pptx");
    assert_no_file(&out, "groep-1/team/overleg-dia/slides.pptx");
}

// ---------------------------------------------------------------------------
// 7. qr shortcode

#[test]
fn qr_shortcode_renders_an_inline_accessible_svg() {
    let s = school_with(
        book(Some(BASE_URL), None),
        vec![(
            "content/poster.md",
            page(
                "title: Poster Voor De Gang",
                "Scan de code met uw telefoon.\n\n{{ qr(url=\"https://ouders.school.example/groep-5/\") }}\n",
            ),
        )],
    );
    let run = s.build(&[]);
    run.no_panic();
    assert_eq!(
        run.code, 0,
        "the build with a `qr` shortcode must succeed; stderr:\n{}",
        run.stderr
    );
    let html = read(&s.public().join("poster/index.html"));
    // The first <svg> in the page's text (the header has its icons).
    let main_at = html.find("<main").expect("<main>");
    let svg = tags(&html)
        .into_iter()
        .find(|t| t.name == "svg" && t.offset > main_at)
        .unwrap_or_else(|| panic!("no inline <svg> on the page:\n{html}"));
    assert_eq!(svg.attr("role"), Some("img"), "{svg:?}");
    let label = svg.attr("aria-label").unwrap_or("");
    assert!(
        !label.trim().is_empty(),
        "the QR svg needs an aria-label: {svg:?}"
    );
    let element = element_at(&html, svg.offset);
    assert!(
        element.contains("<path") || element.contains("<rect"),
        "the svg draws nothing"
    );
    // No image file is loaded for it.
    assert!(!html.contains("qr.png") && !html.contains("qr.svg"));
}
