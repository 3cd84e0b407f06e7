//! `helder serve` after a change of the theme or of book.toml (issue 19,
//! point 5): the pages are not read or rendered again, yet the change shows
//! on every page; a change the pages depend on builds in full; a broken
//! template or book.toml shows its error and the fix recovers.

use std::time::{Duration, Instant};

use crate::common::*;
use crate::serve::{eventually, get, start, Server};

/// The message of a rebuild that kept the pages (nl.toml:
/// voorbeeld.vormgeving-bijgewerkt).
const KEPT: &str = "de teksten zijn niet opnieuw gelezen";
/// The message of a full build (voorbeeld.gebouwd).
const FULL: &str = "pagina's gebouwd in";

/// Waits (bounded) for a line of serve's log holding `needle`; the lines
/// before it.
fn log_until(server: &Server, needle: &str) -> Vec<String> {
    let deadline = Instant::now() + Duration::from_secs(20);
    let mut seen = Vec::new();
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        let line = server
            .log
            .recv_timeout(left)
            .unwrap_or_else(|_| panic!("serve never said {needle:?}; it said {seen:#?}"));
        if line.contains(needle) {
            return seen;
        }
        seen.push(line);
    }
}

/// The built-in page template with `marker` in its main block.
fn page_template(marker: &str) -> String {
    read(&repo_root().join("themes/helder/templates/page.html")).replace(
        "{% endblock main %}",
        &format!("<p>{marker}</p>{{% endblock main %}}"),
    )
}

/// The school with its own copy of the page template (so themes/ is there,
/// and watched, from the start).
fn school_with_theme() -> Site {
    let s = school();
    s.write(
        "themes/helder/templates/page.html",
        &page_template("Eerste versie"),
    );
    s
}

#[test]
fn a_template_change_shows_without_reading_the_pages_again() {
    let s = school_with_theme();
    let server = start(s.root());
    assert!(get(server.port, "/kapstok/").1.contains("Eerste versie"));
    s.write(
        "themes/helder/templates/page.html",
        &page_template("Tweede versie"),
    );
    let before = log_until(&server, KEPT);
    assert!(!before.iter().any(|l| l.contains(FULL)), "{before:#?}");
    for path in ["/kapstok/", "/groep-1/kapstok/", "/onderbouw/kapstok/"] {
        let (status, body) = get(server.port, path);
        assert_eq!(status, 200, "{path}");
        assert!(body.contains("Tweede versie"), "{path}: {body}");
    }
    // A file of the site's static/ is a change of the theme too.
    s.write("static/rooster.txt", "Maandag gym.\n");
    log_until(&server, KEPT);
    assert_eq!(
        get(server.port, "/rooster.txt"),
        (200, "Maandag gym.\n".to_string())
    );
}

#[test]
fn a_class_name_and_color_in_book_toml_show_without_reading_the_pages_again() {
    let s = school();
    let server = start(s.root());
    let book = BOOK_TOML.replacen(
        "name = \"Groep 1\"",
        "name = \"Groep Een Nieuw\"\ncolor = \"#14532d\"",
        1,
    );
    assert_ne!(book, BOOK_TOML);
    s.write("book.toml", &book);
    let before = log_until(&server, KEPT);
    assert!(!before.iter().any(|l| l.contains(FULL)), "{before:#?}");
    let (status, body) = get(server.port, "/groep-1/kapstok/");
    assert_eq!(status, 200);
    assert!(body.contains("Groep Een Nieuw"), "{body}");
    assert!(body.contains("--accent:#14532d"), "{body}");

    // A setting the pages are read with (which classes there are): in full.
    s.write(
        "book.toml",
        &format!(
            "{book}\n[[class]]\nid = \"groep-4\"\nname = \"Groep 4\"\nbands = [\"bovenbouw\"]\n"
        ),
    );
    log_until(&server, FULL);
    eventually("the new class's site", || {
        get(server.port, "/groep-4/").0 == 200
    });
}

#[test]
fn a_broken_template_shows_its_error_and_the_fix_recovers() {
    let s = school_with_theme();
    let server = start(s.root());
    s.write(
        "themes/helder/templates/page.html",
        "{% extends \"base.html\" %}{% block main %}{% if %}{% endblock main %}",
    );
    eventually("the template's error", || {
        let (status, body) = get(server.port, "/kapstok/");
        status == 500 && body.contains("themes/helder/templates/page.html")
    });
    s.write(
        "themes/helder/templates/page.html",
        &page_template("Hersteld"),
    );
    eventually("recovery after the fix", || {
        let (status, body) = get(server.port, "/kapstok/");
        status == 200 && body.contains("Hersteld")
    });
}

#[test]
fn a_broken_book_toml_shows_its_error_and_the_fix_recovers() {
    let s = school();
    let server = start(s.root());
    s.write("book.toml", &BOOK_TOML.replacen("[school]", "[school", 1));
    eventually("book.toml's error", || {
        let (status, body) = get(server.port, "/kapstok/");
        status == 500 && body.contains("book.toml")
    });
    s.write(
        "book.toml",
        &BOOK_TOML.replacen("Testschool De Eik", "Testschool De Beuk", 1),
    );
    eventually("recovery after the fix", || {
        let (status, body) = get(server.port, "/kapstok/");
        status == 200 && body.contains("Testschool De Beuk")
    });
}
