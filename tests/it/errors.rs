//! Errors users can act on (spec §2, issue 2 point 6): each is exit code 1,
//! names the file and the line, and writes nothing.

use crate::common::*;

/// A site with the standard book.toml, one good page and `files`.
fn broken(files: &[(&str, &str)]) -> Site {
    let mut all: Vec<(&str, &str)> = vec![
        ("book.toml", BOOK_TOML),
        (
            "content/goed.md",
            "---\ntitle: Goede pagina\n---\nDeze pagina is in orde.\n",
        ),
    ];
    all.extend_from_slice(files);
    site(&all)
}

/// Builds `s`, expects exit 1 without a panic, nothing written, and stderr
/// naming `file` with `line` (any line when None). Returns stderr.
fn fails(s: &Site, file: &str, line: Option<usize>) -> String {
    let run = s.build(&[]);
    run.expect_code(1).no_panic();
    assert!(
        names_file_line(&run.stderr, file, line),
        "stderr does not name {file}:{}\n{}",
        line.map(|l| l.to_string()).unwrap_or_else(|| "LINE".into()),
        run.stderr
    );
    s.assert_nothing_written();
    run.stderr
}

#[test]
fn missing_title() {
    let s = broken(&[("content/a.md", "---\nweight: 1\n---\nTekst.\n")]);
    let err = fails(&s, "content/a.md", None);
    assert!(err.contains("title"), "{err}");
}

#[test]
fn empty_title_counts_as_missing() {
    let s = broken(&[("content/a.md", "---\ntitle: \"  \"\n---\nTekst.\n")]);
    let err = fails(&s, "content/a.md", None);
    assert!(err.contains("title"), "{err}");
}

#[test]
fn yaml_syntax_error_names_the_line_of_the_error() {
    // Line 3 holds a second `: ` in a plain value.
    let s = broken(&[(
        "content/a.md",
        "---\ntitle: Hallo\nsummary: Dit is: fout\nweight: 1\n---\nTekst.\n",
    )]);
    fails(&s, "content/a.md", Some(3));
}

#[test]
fn yaml_unclosed_list_is_an_error_at_or_after_its_line() {
    let s = broken(&[(
        "content/a.md",
        "---\ntitle: Hallo\nbands: [onderbouw\nweight: 1\n---\nTekst.\n",
    )]);
    let run = s.build(&[]);
    run.expect_code(1).no_panic();
    assert!(
        names_file_line(&run.stderr, "content/a.md", Some(3))
            || names_file_line(&run.stderr, "content/a.md", Some(4)),
        "{}",
        run.stderr
    );
    s.assert_nothing_written();
}

#[test]
fn unknown_type() {
    let s = broken(&[(
        "content/a.md",
        "---\ntitle: Hallo\ntype: pagina\n---\nTekst.\n",
    )]);
    let err = fails(&s, "content/a.md", Some(3));
    assert!(err.contains("pagina"), "{err}");
}

#[test]
fn unknown_audience() {
    let s = broken(&[(
        "content/a.md",
        "---\ntitle: Hallo\naudience: leerlingen\n---\nTekst.\n",
    )]);
    let err = fails(&s, "content/a.md", Some(3));
    assert!(err.contains("leerlingen"), "{err}");
}

#[test]
fn unknown_band_in_front_matter() {
    let s = broken(&[(
        "content/a.md",
        "---\ntitle: Hallo\nbands: [middenbouw]\n---\nTekst.\n",
    )]);
    let err = fails(&s, "content/a.md", Some(3));
    assert!(err.contains("middenbouw"), "{err}");
}

#[test]
fn page_for_a_class_that_does_not_exist() {
    let s = broken(&[(
        "content/a.md",
        "---\ntitle: Hallo\nweight: 2\nclasses: [groep-9]\n---\nTekst.\n",
    )]);
    let err = fails(&s, "content/a.md", Some(4));
    assert!(err.contains("groep-9"), "{err}");
}

#[test]
fn unknown_front_matter_key() {
    let s = broken(&[(
        "content/a.md",
        "---\ntitle: Hallo\ntitel: Dubbel\n---\nTekst.\n",
    )]);
    let err = fails(&s, "content/a.md", Some(3));
    assert!(err.contains("titel"), "{err}");
}

#[test]
fn duplicate_slug_names_both_files() {
    let s = broken(&[
        ("content/a.md", "---\ntitle: A\n---\nTekst.\n"),
        ("content/a/index.md", "---\ntitle: A ook\n---\nTekst.\n"),
    ]);
    let run = s.build(&[]);
    run.expect_code(1).no_panic();
    assert!(
        names_file_line(&run.stderr, "content/a.md", None)
            || names_file_line(&run.stderr, "content/a/index.md", None),
        "no file:line in\n{}",
        run.stderr
    );
    assert!(run.stderr.contains("content/a.md"), "{}", run.stderr);
    assert!(run.stderr.contains("content/a/index.md"), "{}", run.stderr);
    s.assert_nothing_written();
}

#[test]
fn duplicate_slug_through_front_matter_names_both_files() {
    let s = broken(&[
        ("content/a.md", "---\ntitle: A\n---\nTekst.\n"),
        ("content/b.md", "---\ntitle: B\nslug: a\n---\nTekst.\n"),
    ]);
    let err = fails(&s, "content/b.md", Some(3));
    assert!(err.contains("content/a.md"), "{err}");
}

#[test]
fn school_wide_page_whose_slug_is_a_class_id() {
    let s = broken(&[(
        "content/groep-1.md",
        "---\ntitle: Groep 1 info\n---\nTekst.\n",
    )]);
    let err = fails(&s, "content/groep-1.md", None);
    assert!(err.contains("groep-1"), "{err}");
}

#[test]
fn school_wide_page_whose_slug_is_a_band_id() {
    let s = broken(&[(
        "content/x.md",
        "---\ntitle: X\nslug: onderbouw\n---\nTekst.\n",
    )]);
    let err = fails(&s, "content/x.md", Some(3));
    assert!(err.contains("onderbouw"), "{err}");
}

#[test]
fn front_matter_not_closed() {
    let s = broken(&[("content/a.md", "---\ntitle: Hallo\n\nTekst zonder einde.\n")]);
    fails(&s, "content/a.md", None);
}

#[test]
fn no_front_matter_at_all() {
    let s = broken(&[("content/a.md", "# Hallo\n\nGewoon tekst.\n")]);
    fails(&s, "content/a.md", Some(1));
}

#[test]
fn broken_internal_link_names_file_line_and_column() {
    let s = broken(&[(
        "content/a.md",
        "---\ntitle: Hallo\n---\nEerste regel.\n\nZie [de pagina](nergens.md) hier.\n",
    )]);
    let err = fails(&s, "content/a.md", Some(6));
    assert!(
        err.contains("content/a.md:6:5"),
        "expected content/a.md:6:5 (the `[` of the link):\n{err}"
    );
    assert!(err.contains("nergens.md"), "{err}");
}

#[test]
fn broken_link_to_a_page_in_a_subfolder() {
    let s = broken(&[(
        "content/kanjer/a.md",
        "---\ntitle: Hallo\n---\nEen [goede](../goed.md) en een [slechte](rode-pet.md).\n",
    )]);
    let err = fails(&s, "content/kanjer/a.md", Some(4));
    assert!(err.contains("content/kanjer/a.md:4:32"), "{err}");
}

#[test]
fn unknown_key_in_book_toml_names_key_file_and_line() {
    let toml = BOOK_TOML.replacen(
        "[school]\n",
        "[school]\nportaal = \"https://ouderportaal.example\"\n",
        1,
    );
    let line = toml.lines().position(|l| l.starts_with("portaal")).unwrap() + 1;
    let s = site(&[
        ("book.toml", &toml),
        ("content/a.md", "---\ntitle: A\n---\nTekst.\n"),
    ]);
    let err = fails(&s, "book.toml", Some(line));
    assert!(err.contains("portaal"), "{err}");
}

#[test]
fn unknown_top_level_table_in_book_toml() {
    let toml = format!("{BOOK_TOML}\n[extra]\nfoo = 1\n");
    let s = site(&[
        ("book.toml", &toml),
        ("content/a.md", "---\ntitle: A\n---\nTekst.\n"),
    ]);
    let err = fails(&s, "book.toml", None);
    assert!(err.contains("extra"), "{err}");
}

#[test]
fn class_naming_an_unknown_band_in_book_toml() {
    let toml = BOOK_TOML.replacen("bands = [\"bovenbouw\"]", "bands = [\"middenbouw\"]", 1);
    let line = toml.lines().position(|l| l.contains("middenbouw")).unwrap() + 1;
    let s = site(&[
        ("book.toml", &toml),
        ("content/a.md", "---\ntitle: A\n---\nTekst.\n"),
    ]);
    let err = fails(&s, "book.toml", Some(line));
    assert!(err.contains("middenbouw"), "{err}");
}

#[test]
fn invalid_id_in_book_toml() {
    let toml = BOOK_TOML.replacen("id = \"groep-3\"", "id = \"Groep 3\"", 1);
    let s = site(&[
        ("book.toml", &toml),
        ("content/a.md", "---\ntitle: A\n---\nTekst.\n"),
    ]);
    let err = fails(&s, "book.toml", None);
    assert!(err.contains("Groep 3"), "{err}");
}

#[test]
fn several_errors_are_reported_together() {
    let s = broken(&[
        // 1: no title
        ("content/a.md", "---\nweight: 1\n---\nTekst.\n"),
        // 2: unknown band
        (
            "content/b.md",
            "---\ntitle: B\nbands: [middenbouw]\n---\nTekst.\n",
        ),
        // 3: unknown class
        (
            "content/d/e.md",
            "---\ntitle: E\nclasses: [groep-9]\n---\nTekst.\n",
        ),
    ]);
    let run = s.build(&[]);
    run.expect_code(1).no_panic();
    assert_eq!(
        run.error_lines().len(),
        3,
        "expected 3 errors:\n{}",
        run.stderr
    );
    assert!(names_file_line(&run.stderr, "content/a.md", None));
    assert!(names_file_line(&run.stderr, "content/b.md", Some(3)));
    assert!(names_file_line(&run.stderr, "content/d/e.md", Some(3)));
    assert!(
        run.stderr
            .contains("3 fouten gevonden; er is niets geschreven."),
        "the count is not shown:\n{}",
        run.stderr
    );
    s.assert_nothing_written();
}

#[test]
fn front_matter_and_link_errors_are_reported_together() {
    let s = broken(&[
        // 1: no title
        ("content/a.md", "---\nweight: 1\n---\nTekst.\n"),
        // 2: unknown band
        (
            "content/b.md",
            "---\ntitle: B\nbands: [middenbouw]\n---\nTekst.\n",
        ),
        // 3: broken link
        ("content/c.md", "---\ntitle: C\n---\nZie [weg](weg.md).\n"),
        // 4: unknown class
        (
            "content/d/e.md",
            "---\ntitle: E\nclasses: [groep-9]\n---\nTekst.\n",
        ),
    ]);
    let run = s.build(&[]);
    run.expect_code(1).no_panic();
    let lines = run.error_lines();
    assert_eq!(lines.len(), 4, "expected 4 errors:\n{}", run.stderr);
    assert!(names_file_line(&run.stderr, "content/a.md", None));
    assert!(names_file_line(&run.stderr, "content/b.md", Some(3)));
    assert!(names_file_line(&run.stderr, "content/c.md", Some(4)));
    assert!(names_file_line(&run.stderr, "content/d/e.md", Some(3)));
    assert!(
        run.stderr
            .contains("4 fouten gevonden; er is niets geschreven."),
        "the count is not shown:\n{}",
        run.stderr
    );
    s.assert_nothing_written();
}

#[test]
fn several_errors_in_one_page_are_all_reported() {
    let s = broken(&[(
        "content/a.md",
        "---\ntitle: A\ntype: pagina\naudience: leerlingen\nbands: [middenbouw]\n---\nTekst.\n",
    )]);
    let run = s.build(&[]);
    run.expect_code(1).no_panic();
    for (line, word) in [(3, "pagina"), (4, "leerlingen"), (5, "middenbouw")] {
        assert!(
            names_file_line(&run.stderr, "content/a.md", Some(line)) && run.stderr.contains(word),
            "missing the error at line {line} ({word}):\n{}",
            run.stderr
        );
    }
    assert_eq!(run.error_lines().len(), 3, "{}", run.stderr);
}

#[test]
fn file_that_is_not_utf8_is_an_error_not_a_panic() {
    let s = broken(&[]);
    s.write_bytes(
        "content/latin1.md",
        b"---\ntitle: Caf\xe9\n---\nTekst \xe9\xe9n.\n",
    );
    let err = fails(&s, "content/latin1.md", None);
    assert!(!err.contains("panicked"));
}

#[test]
fn binary_md_file_is_an_error_not_a_panic() {
    let s = broken(&[]);
    let mut bytes = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR".to_vec();
    bytes.extend((0u8..=255).cycle().take(2000));
    s.write_bytes("content/plaatje.md", &bytes);
    let run = s.build(&[]);
    run.expect_code(1).no_panic();
    assert!(run.stderr.contains("content/plaatje.md"), "{}", run.stderr);
    s.assert_nothing_written();
}

#[test]
fn invalid_utf8_without_nul_bytes_is_an_error_not_a_panic() {
    let s = broken(&[]);
    s.write_bytes(
        "content/raar.md",
        &[0xff, 0xfe, b'-', b'-', b'-', b'\n', 0xc3, 0x28],
    );
    let run = s.build(&[]);
    run.expect_code(1).no_panic();
    assert!(run.stderr.contains("content/raar.md"), "{}", run.stderr);
    s.assert_nothing_written();
}

#[test]
fn odd_but_valid_pages_do_not_panic() {
    // Empty file, only dashes, BOM, CRLF, a title that is a list: errors or
    // success, never a panic.
    for (name, bytes) in [
        ("leeg.md", b"".to_vec()),
        ("streepjes.md", b"---\n---\n".to_vec()),
        (
            "bom.md",
            b"\xEF\xBB\xBF---\ntitle: Met BOM\n---\nTekst.\n".to_vec(),
        ),
        (
            "crlf.md",
            b"---\r\ntitle: CRLF\r\n---\r\nTekst.\r\n".to_vec(),
        ),
        ("lijst.md", b"---\ntitle: [a, b]\n---\nTekst.\n".to_vec()),
        ("getal.md", b"---\ntitle: 12\nweight: veel\n---\n".to_vec()),
    ] {
        let s = broken(&[]);
        s.write_bytes(&format!("content/{name}"), &bytes);
        let run = s.build(&[]);
        run.no_panic();
        assert!(
            run.code == 0 || run.code == 1,
            "{name}: exit {} \n{}",
            run.code,
            run.stderr
        );
        if run.code == 1 {
            assert!(
                run.stderr.contains(&format!("content/{name}")),
                "{name}: {}",
                run.stderr
            );
        }
    }
}

#[test]
fn toml_syntax_error_in_book_toml_names_the_line() {
    let toml = BOOK_TOML.replacen("title = \"Testschool De Eik\"", "title = \"Testschool", 1);
    let s = site(&[
        ("book.toml", &toml),
        ("content/a.md", "---\ntitle: A\n---\nTekst.\n"),
    ]);
    fails(&s, "book.toml", Some(2));
}

#[test]
fn duplicate_class_id_in_book_toml() {
    let toml = format!(
        "{BOOK_TOML}\n[[class]]\nid = \"groep-1\"\nname = \"Nog een\"\nbands = [\"onderbouw\"]\n"
    );
    let line = toml
        .lines()
        .collect::<Vec<_>>()
        .iter()
        .rposition(|l| l.contains("\"groep-1\""))
        .unwrap()
        + 1;
    let s = site(&[
        ("book.toml", &toml),
        ("content/a.md", "---\ntitle: A\n---\nTekst.\n"),
    ]);
    let err = fails(&s, "book.toml", Some(line));
    assert!(err.contains("groep-1"), "{err}");
}

#[test]
fn class_id_equal_to_a_band_id_in_book_toml() {
    let toml = format!(
        "{BOOK_TOML}\n[[class]]\nid = \"onderbouw\"\nname = \"Dubbel\"\nbands = [\"onderbouw\"]\n"
    );
    let s = site(&[
        ("book.toml", &toml),
        ("content/a.md", "---\ntitle: A\n---\nTekst.\n"),
    ]);
    let err = fails(&s, "book.toml", None);
    assert!(err.contains("onderbouw"), "{err}");
}

#[test]
fn school_wide_page_on_a_reserved_name() {
    for (file, word) in [
        ("content/petten.md", "petten"),
        ("content/team/los.md", "team"),
        ("content/x.md", "zoeken"),
    ] {
        let text = if file == "content/x.md" {
            "---\ntitle: X\nslug: zoeken\n---\nTekst.\n"
        } else {
            "---\ntitle: X\n---\nTekst.\n"
        };
        let s = broken(&[(file, text)]);
        let err = fails(&s, file, None);
        assert!(err.contains(word), "{file}: {err}");
    }
}

// YAML jargon turned into actions (issue 11 item 14): each message says in
// Dutch what is wrong on which line and what to write instead.

/// The message and the help of the only error of `s`, which must be in
/// `file` at `line`.
///
/// In-process (`helder::check`, the same loading a build does): these tests
/// are about the words of one diagnostic, which the library hands over as
/// fields; the exit code and the untouched output of a failed build are
/// checked end to end by the tests above. The text `helder build` prints is
/// the `Display` of the errors, so its summary line is checked here too.
fn message_and_help(s: &Site, file: &str, line: usize) -> (String, String) {
    let errors = match helder::check(s.root()) {
        Ok(_) => panic!("{file}: no error found"),
        Err(errors) => errors,
    };
    let printed = errors.to_string();
    assert!(
        printed.ends_with("1 fout gevonden; er is niets geschreven."),
        "{printed}"
    );
    let [only] = errors.0.as_slice() else {
        panic!("expected exactly one error:\n{printed}")
    };
    assert_eq!(
        only.file.as_deref(),
        Some(std::path::Path::new(file)),
        "{printed}"
    );
    assert_eq!(only.line, Some(line), "{printed}");
    let help = only
        .help
        .clone()
        .unwrap_or_else(|| panic!("no help in\n{printed}"));
    (only.message.clone(), help)
}

#[test]
fn a_tab_at_the_start_of_a_line_is_named_with_its_line() {
    let s = broken(&[(
        "content/a.md",
        "---\ntitle: Hallo\nsummary: Kort\n\tweight: 1\n---\nTekst.\n",
    )]);
    let (message, help) = message_and_help(&s, "content/a.md", 4);
    assert!(
        message.ends_with("regel 4 begint met een tab; haal die weg"),
        "{message}"
    );
    assert!(help.contains("spaties"), "{help}");
}

#[test]
fn a_colon_in_a_title_shows_the_quoted_version() {
    let s = broken(&[(
        "content/a.md",
        "---\ntitle: Ouderavond: groep 5\n---\nTekst.\n",
    )]);
    let (message, help) = message_and_help(&s, "content/a.md", 2);
    assert!(message.contains("dubbele punt"), "{message}");
    assert_eq!(
        help,
        "zet de tekst tussen aanhalingstekens: title: \"Ouderavond: groep 5\""
    );
}

#[test]
fn draft_ja_says_write_true_or_false() {
    let s = broken(&[(
        "content/a.md",
        "---\ntitle: Hallo\ndraft: ja\n---\nTekst.\n",
    )]);
    let (message, _) = message_and_help(&s, "content/a.md", 3);
    assert!(
        message.ends_with("`draft: ja` kan niet; schrijf true of false"),
        "{message}"
    );
}

#[test]
fn bands_with_commas_says_write_a_list() {
    let s = broken(&[(
        "content/a.md",
        "---\ntitle: Hallo\nbands: onderbouw, bovenbouw\nclasses: [groep-1]\n---\nTekst.\n",
    )]);
    // One error: the classes are not also checked against the text "onderbouw, bovenbouw".
    let (message, help) = message_and_help(&s, "content/a.md", 3);
    assert!(message.contains("is geen lijst"), "{message}");
    assert!(
        help.ends_with("schrijf `bands: [onderbouw, bovenbouw]`"),
        "{help}"
    );
}

#[test]
fn a_day_first_date_offers_the_year_first() {
    let s = broken(&[(
        "content/a.md",
        "---\ntitle: Kerstviering\ntype: event\ndate: 17-12-2026\n---\nTekst.\n",
    )]);
    let (message, help) = message_and_help(&s, "content/a.md", 4);
    assert!(message.contains("`17-12-2026`"), "{message}");
    assert_eq!(help, "schrijf het jaar eerst: `date: 2026-12-17`");
}

#[test]
fn a_misspelled_key_gets_did_you_mean() {
    let s = broken(&[(
        "content/a.md",
        "---\ntitle: Hallo\nsumary: Kort\n---\nTekst.\n",
    )]);
    let (message, help) = message_and_help(&s, "content/a.md", 3);
    assert!(
        message.ends_with("de sleutel `sumary` kent helder niet"),
        "{message}"
    );
    assert_eq!(help, "bedoel je `summary`?");
}

#[test]
fn type_pet_gets_did_you_mean_cap() {
    let s = broken(&[(
        "content/a.md",
        "---\ntitle: De witte pet\ntype: pet\n---\nTekst.\n",
    )]);
    let (message, help) = message_and_help(&s, "content/a.md", 3);
    assert!(
        message.ends_with("het type `pet` kent helder niet"),
        "{message}"
    );
    assert!(help.starts_with("bedoel je `type: cap`?"), "{help}");
}
