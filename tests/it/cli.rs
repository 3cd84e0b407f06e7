//! The command line (spec §2): usage errors exit 2 and delete nothing;
//! `helder init` and `helder new` write sites and pages that build.

use std::path::Path;

use crate::common::*;

fn small() -> Site {
    site(&[
        ("book.toml", BOOK_TOML),
        ("content/index.md", "---\ntitle: Welkom\n---\nHallo.\n"),
        ("content/a.md", "---\ntitle: A\n---\nTekst.\n"),
    ])
}

/// The site's own files, which no usage error may touch.
fn assert_site_intact(s: &Site) {
    assert_eq!(read(&s.path("book.toml")), BOOK_TOML, "book.toml changed");
    assert_eq!(
        read(&s.path("content/a.md")),
        "---\ntitle: A\n---\nTekst.\n",
        "content/a.md changed"
    );
    assert!(
        s.path("content/index.md").is_file(),
        "content/index.md is gone"
    );
}

#[test]
fn no_book_toml_in_root_exits_2() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(tmp.path().join("leeg/content")).unwrap();
    let run = helder_in(tmp.path(), &["build", "--root", "leeg"]);
    run.expect_code(2).no_panic();
    assert!(run.stderr.contains("book.toml"), "{}", run.stderr);
    assert!(!tmp.path().join("leeg/public").exists());
}

#[test]
fn root_that_does_not_exist_exits_2() {
    let tmp = tempfile::tempdir().unwrap();
    let run = helder_in(tmp.path(), &["build", "--root", "bestaat-niet"]);
    run.expect_code(2).no_panic();
}

#[test]
fn build_without_root_in_a_folder_without_book_toml_exits_2() {
    let tmp = tempfile::tempdir().unwrap();
    let run = helder_in(tmp.path(), &["build"]);
    run.expect_code(2).no_panic();
    assert!(list_files(tmp.path()).is_empty(), "something was written");
}

#[test]
fn unknown_subcommand_exits_2() {
    let s = small();
    let run = helder_in(s.root(), &["bouw"]);
    run.expect_code(2).no_panic();
    assert!(run.stderr.contains("bouw"), "{}", run.stderr);
    assert!(!s.public().exists());
}

#[test]
fn unknown_flag_exits_2() {
    let s = small();
    let run = s.build(&["--snel"]);
    run.expect_code(2).no_panic();
    assert!(run.stderr.contains("--snel"), "{}", run.stderr);
    assert!(!s.public().exists());
}

#[test]
fn unknown_audience_flag_exits_2() {
    let s = small();
    let run = s.build(&["--audience", "leerlingen"]);
    run.expect_code(2).no_panic();
    assert!(!s.public().exists());
}

#[test]
fn no_arguments_exits_2() {
    let tmp = tempfile::tempdir().unwrap();
    helder_in(tmp.path(), &[]).expect_code(2).no_panic();
}

fn refuses_out(s: &Site, out: &Path) {
    let run = s.build_to(out, &[]);
    run.expect_code(2).no_panic();
    assert!(!run.stderr.is_empty(), "no message for a refused --out");
    assert_site_intact(s);
    assert!(!s.public().exists());
}

#[test]
fn out_equal_to_site_root_is_refused_and_deletes_nothing() {
    let s = small();
    refuses_out(&s, s.root());
    // Also when spelled relatively from inside the root.
    let run = helder_in(s.root(), &["build", "--out", "."]);
    run.expect_code(2).no_panic();
    assert_site_intact(&s);
}

#[test]
fn out_equal_to_content_is_refused_and_deletes_nothing() {
    let s = small();
    refuses_out(&s, &s.path("content"));
    let run = helder_in(s.root(), &["build", "--out", "content"]);
    run.expect_code(2).no_panic();
    assert_site_intact(&s);
}

#[test]
fn out_inside_content_is_refused() {
    let s = small();
    refuses_out(&s, &s.path("content/public"));
    assert!(!s.path("content/public").exists());
}

#[test]
fn out_equal_to_a_parent_of_the_root_is_refused_and_deletes_nothing() {
    let s = small();
    // A file next to the site in the parent folder must survive too.
    std::fs::write(s.parent().join("naast.txt"), "blijf staan").unwrap();
    refuses_out(&s, s.parent());
    assert_eq!(read(&s.parent().join("naast.txt")), "blijf staan");
    let run = helder_in(s.root(), &["build", "--out", ".."]);
    run.expect_code(2).no_panic();
    assert_site_intact(&s);
    assert_eq!(read(&s.parent().join("naast.txt")), "blijf staan");
}

#[test]
fn out_with_dot_dot_spelling_of_the_root_is_refused() {
    let s = small();
    let sneaky = s.root().join("content").join("..");
    refuses_out(&s, &sneaky);
}

#[test]
fn out_elsewhere_is_fine() {
    let s = small();
    let out = s.parent().join("ergens-anders");
    s.build_to(&out, &[]).ok();
    assert_file(&out, "index.html");
    assert_file(&out, "a/index.html");
    assert!(
        !s.public().exists(),
        "--out must replace the default public/"
    );
}

#[test]
fn init_then_build_succeeds() {
    let tmp = tempfile::tempdir().unwrap();
    helder_in(tmp.path(), &["init", "nieuw"]).ok().no_panic();
    let root = tmp.path().join("nieuw");
    assert!(root.join("book.toml").is_file());
    let ignore = read(&root.join(".gitignore"));
    assert!(
        ignore.contains("public/") && ignore.contains(".helder-cache/"),
        "{ignore}"
    );
    let run = helder_in(tmp.path(), &["build", "--root", "nieuw"]);
    run.ok().no_panic();
    assert_file(&root.join("public"), "index.html");
    // The starter site needs no theme folder: the built-in theme is in the binary.
    assert!(
        !root.join("themes").exists(),
        "init should not need a themes/ copy"
    );
    assert!(html_files(&root.join("public")).len() > 1);
    // Issue 16: a generated logo (initials on the school color) until the
    // school sets its own; every page shows it in the header.
    let logo = read(&root.join("static/logo.svg"));
    assert!(
        logo.contains("aria-label=\"Onze school\"")
            && logo.contains("#0b5394")
            && logo.contains("<path "),
        "{logo}"
    );
    assert_file(&root.join("public"), "logo.svg");
    let home = read(&root.join("public/index.html"));
    assert!(
        home.contains("<img class=\"logo\" src=\"logo.svg\""),
        "{home}"
    );
}

#[test]
fn init_in_the_current_folder_then_build_succeeds() {
    let tmp = tempfile::tempdir().unwrap();
    helder_in(tmp.path(), &["init"]).ok().no_panic();
    helder_in(tmp.path(), &["build"]).ok().no_panic();
    assert_file(&tmp.path().join("public"), "index.html");
}

#[test]
fn init_into_a_folder_with_book_toml_exits_2_and_keeps_it() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("bestaand");
    std::fs::create_dir_all(&root).unwrap();
    std::fs::write(root.join("book.toml"), "[book]\ntitle = \"Van mij\"\n").unwrap();
    let run = helder_in(tmp.path(), &["init", "bestaand"]);
    run.expect_code(2).no_panic();
    assert_eq!(
        read(&root.join("book.toml")),
        "[book]\ntitle = \"Van mij\"\n"
    );
    assert!(
        !root.join("content").exists(),
        "init wrote into an existing site"
    );
}

#[test]
fn new_cap_page_builds() {
    let tmp = tempfile::tempdir().unwrap();
    helder_in(tmp.path(), &["init", "site"]).ok();
    let run = helder_in(
        tmp.path(),
        &["new", "cap", "kanjer/test.md", "--root", "site"],
    );
    run.ok().no_panic();
    let page = tmp.path().join("site/content/kanjer/test.md");
    assert!(
        page.is_file(),
        "helder new did not write {}",
        page.display()
    );
    let text = read(&page);
    assert!(text.starts_with("---"), "no front matter:\n{text}");
    assert!(text.contains("title:") && text.contains("cap"), "{text}");
    helder_in(tmp.path(), &["build", "--root", "site"])
        .ok()
        .no_panic();
    assert_file(&tmp.path().join("site/public"), "kanjer/test/index.html");
}

#[test]
fn new_page_of_every_type_builds() {
    let tmp = tempfile::tempdir().unwrap();
    helder_in(tmp.path(), &["init", "site"]).ok();
    for kind in [
        "page", "cap", "evening", "event", "slides", "manual", "news",
    ] {
        let path = format!("nieuw/{kind}-test.md");
        helder_in(tmp.path(), &["new", kind, &path, "--root", "site"])
            .ok()
            .no_panic();
        assert!(
            tmp.path().join("site/content").join(&path).is_file(),
            "{kind}"
        );
    }
    let run = helder_in(tmp.path(), &["build", "--root", "site"]);
    run.ok().no_panic();
}

#[test]
fn new_with_unknown_type_exits_2() {
    let tmp = tempfile::tempdir().unwrap();
    helder_in(tmp.path(), &["init", "site"]).ok();
    let run = helder_in(tmp.path(), &["new", "onbekend", "x.md", "--root", "site"]);
    run.expect_code(2).no_panic();
    assert!(run.stderr.contains("onbekend"), "{}", run.stderr);
    assert!(!tmp.path().join("site/content/x.md").exists());
}

#[test]
fn new_does_not_overwrite_an_existing_page() {
    let tmp = tempfile::tempdir().unwrap();
    helder_in(tmp.path(), &["init", "site"]).ok();
    let page = tmp.path().join("site/content/kanjer/witte-pet.md");
    let before = read(&page);
    let run = helder_in(
        tmp.path(),
        &["new", "cap", "kanjer/witte-pet.md", "--root", "site"],
    );
    run.expect_code(2).no_panic();
    assert_eq!(read(&page), before);
}

#[test]
fn new_refuses_a_path_outside_content() {
    let tmp = tempfile::tempdir().unwrap();
    helder_in(tmp.path(), &["init", "site"]).ok();
    let run = helder_in(
        tmp.path(),
        &["new", "page", "../buiten.md", "--root", "site"],
    );
    run.expect_code(2).no_panic();
    assert!(!tmp.path().join("site/buiten.md").exists());
}

#[cfg(unix)]
#[test]
fn out_that_is_a_symlink_to_the_root_is_refused() {
    let s = small();
    let link = s.parent().join("koppeling");
    std::os::unix::fs::symlink(s.root(), &link).unwrap();
    let run = s.build_to(&link, &[]);
    run.expect_code(2).no_panic();
    assert_site_intact(&s);
}

/// `--help` is Dutch, down to clap's own headings and flags.
#[test]
fn help_is_dutch() {
    let tmp = tempfile::tempdir().unwrap();
    let run = helder_in(tmp.path(), &["--help"]);
    run.expect_code(0).no_panic();
    for dutch in [
        "Gebruik: helder <OPDRACHT>",
        "Opdrachten:",
        "Bouw de site",
        "Toon deze hulp",
    ] {
        assert!(
            run.stdout.contains(dutch),
            "no {dutch:?} in\n{}",
            run.stdout
        );
    }
    let run = helder_in(tmp.path(), &["build", "--help"]);
    run.expect_code(0).no_panic();
    assert!(
        run.stdout.contains("Gebruik: helder build [OPTIES]"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("Neem ook pagina's met `draft: true` mee"),
        "{}",
        run.stdout
    );
    for english in [
        "Usage",
        "Options",
        "Print help",
        "[default",
        "[possible values",
    ] {
        assert!(
            !run.stdout.contains(english),
            "{english:?} in\n{}",
            run.stdout
        );
    }
}

/// A mistyped command or value is a Dutch error with what to type (exit 2).
#[test]
fn usage_errors_are_dutch_with_did_you_mean() {
    let s = small();
    let run = helder_in(s.root(), &["biuld"]);
    run.expect_code(2).no_panic();
    assert!(
        run.stderr
            .contains("fout: de opdracht `biuld` kent helder niet")
            && run.stderr.contains("hulp: bedoel je `build`?"),
        "{}",
        run.stderr
    );
    let run = helder_in(s.root(), &["build", "--audience", "ouder"]);
    run.expect_code(2).no_panic();
    assert!(
        run.stderr.contains("`ouder` kan niet bij --audience")
            && run.stderr.contains("kies uit: ouders, team, training"),
        "{}",
        run.stderr
    );
    let run = helder_in(s.root(), &["new", "pet", "kanjer/x.md"]);
    run.expect_code(2).no_panic();
    assert!(
        run.stderr.contains("bedoel je `type: cap`?"),
        "{}",
        run.stderr
    );
    assert_site_intact(&s);
    assert!(!s.path("public").exists());
}
