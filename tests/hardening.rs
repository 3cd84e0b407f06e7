//! Bad and extreme inputs (issue 7, the README's table): each gets a clear
//! error or correct output, never a panic and never a half-written site.

mod common;

use std::fmt::Write as _;

use common::*;

fn base(extra: &[(&str, &str)]) -> Site {
    let mut files = vec![
        ("book.toml", "[book]\ntitle = \"De Eik\"\n"),
        ("content/index.md", "---\ntitle: Welkom\n---\nWelkom.\n"),
    ];
    files.extend_from_slice(extra);
    site(&files)
}

#[test]
fn an_empty_file_is_an_error_naming_it() {
    let s = base(&[("content/leeg.md", "")]);
    let run = helder_in(s.root(), &["build"]);
    run.expect_code(1).no_panic();
    assert!(run.stderr.contains("content/leeg.md:1:1"), "{}", run.stderr);
    assert!(!s.public().exists());
}

#[test]
fn a_ten_megabyte_page_builds() {
    let mut body = String::with_capacity(10_500_000);
    let mut n = 0;
    while body.len() < 10_000_000 {
        n += 1;
        let _ = write!(body, "## Deel {n}\n\nDe kinderen lezen samen een boek in de klas. Daarna praten ze erover.\n\n- Een punt\n- Nog een punt\n\n");
    }
    let s = base(&[(
        "content/groot.md",
        &format!("---\ntitle: Groot\n---\n{body}"),
    )]);
    let out = s.build_ok(&[]);
    let html = read(&out.join("groot/index.html"));
    assert!(
        html.contains(&format!("id=\"deel-{n}\"")),
        "the last heading is there"
    );
}

#[test]
fn ten_thousand_equal_headings_get_unique_ids() {
    let body = "## Kop\n\nTekst.\n\n".repeat(10_000);
    let s = base(&[(
        "content/koppen.md",
        &format!("---\ntitle: Koppen\n---\n{body}"),
    )]);
    let out = s.build_ok(&[]);
    let html = read(&out.join("koppen/index.html"));
    assert!(html.contains("id=\"kop-10000\""));
    assert_eq!(html.matches("id=\"kop\"").count(), 1);
}

#[test]
fn deeply_nested_lists_and_quotes_do_not_panic() {
    let mut body = String::new();
    for depth in 0..500 {
        let _ = writeln!(body, "{}- niveau {depth}", "  ".repeat(depth));
    }
    body.push('\n');
    body.push_str(&">".repeat(2_000));
    body.push_str(" diep citaat\n");
    let s = base(&[("content/diep.md", &format!("---\ntitle: Diep\n---\n{body}"))]);
    let run = helder_in(s.root(), &["build"]);
    run.no_panic();
    assert!(run.code == 0 || run.code == 1, "{}", run.stderr);
}

#[test]
fn duplicate_front_matter_keys_name_the_file_and_line() {
    let s = base(&[(
        "content/dubbel.md",
        "---\ntitle: Een\ntitle: Twee\n---\nTekst.\n",
    )]);
    let run = helder_in(s.root(), &["build"]);
    run.expect_code(1).no_panic();
    assert!(run.stderr.contains("content/dubbel.md:3"), "{}", run.stderr);
    assert!(run.stderr.contains("staat twee keer"), "{}", run.stderr);
}

#[cfg(unix)]
#[test]
fn a_symlink_loop_in_content_is_an_error() {
    let s = base(&[("content/map/a.md", "---\ntitle: A\n---\nA.\n")]);
    std::os::unix::fs::symlink(s.root().join("content"), s.root().join("content/map/terug"))
        .unwrap();
    let run = helder_in(s.root(), &["build"]);
    run.expect_code(1).no_panic();
    assert!(run.stderr.contains("content/map/terug"), "{}", run.stderr);
    assert!(run.stderr.contains("een lus"), "{}", run.stderr);
    assert!(!s.public().exists());
}

#[cfg(unix)]
#[test]
fn an_unreadable_page_is_an_error_naming_it() {
    // Tests may run as root, which reads any file; a link to nothing can not
    // be read by anyone.
    let s = base(&[]);
    std::os::unix::fs::symlink("/bestaat/niet.md", s.root().join("content/weg.md")).unwrap();
    let run = helder_in(s.root(), &["build"]);
    assert!(run.code != 0, "{}", run.stderr);
    run.no_panic();
    assert!(run.stderr.contains("content/weg.md"), "{}", run.stderr);
    assert!(!s.public().exists());
}

#[test]
fn an_output_folder_that_can_not_be_made_is_a_usage_error() {
    let s = base(&[("gewoon-bestand", "dit is een bestand\n")]);
    let out = s.root().join("gewoon-bestand/public");
    let run = helder_in(s.root(), &["build", "--out", out.to_str().unwrap()]);
    run.expect_code(2).no_panic();
    assert!(run.stderr.contains("gewoon-bestand"), "{}", run.stderr);
}

#[test]
fn a_failed_write_leaves_the_previous_output_untouched() {
    // A template that fails while pages are written (not while parsing): the
    // staging folder is dropped and public/ stays as it was.
    let s = base(&[("content/a.md", "---\ntitle: A\n---\nA.\n")]);
    let out = s.build_ok(&[]);
    let before = read(&out.join("a/index.html"));
    s.write(
        "themes/helder/templates/page.html",
        "{{ page.bestaat_niet.ook_niet }}",
    );
    let run = helder_in(s.root(), &["build"]);
    run.expect_code(1).no_panic();
    assert_eq!(read(&out.join("a/index.html")), before);
    let leftovers: Vec<_> = std::fs::read_dir(s.root())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().contains("helder-build"))
        .collect();
    assert!(leftovers.is_empty(), "no staging folder is left behind");
}

/// A full disk, simulated with a small tmpfs mounted in a private mount
/// namespace (`unshare`, util-linux; works as root and, where user
/// namespaces are allowed, without). The build fails with one clear error,
/// leaves no staging folder behind and the previous site as it was.
#[test]
fn a_full_disk_is_one_clear_error_and_the_previous_site_stays() {
    let s = school();
    // How much the whole site needs, to make the disk too small for it.
    let roomy = s.build_ok(&[]);
    let needed: u64 = tree(&roomy).values().map(|b| b.len() as u64 + 4096).sum();
    let size_kib = (needed / 2 / 1024).max(64);

    let disk = tempfile::tempdir().unwrap();
    let disk = disk.path().display().to_string();
    let script = format!(
        "set -e\n\
         mount -t tmpfs -o size={size_kib}k helder-full-disk '{disk}'\n\
         mkdir '{disk}/public' && echo oud > '{disk}/public/oud.txt'\n\
         set +e\n\
         NO_COLOR=1 CI=1 '{helder}' build --root '{root}' --out '{disk}/public' 2> '{disk}/stderr.txt'\n\
         echo \"exit=$?\"\n\
         ls -A '{disk}'\n\
         echo '--- public'\n\
         ls -A '{disk}/public'\n\
         cat '{disk}/public/oud.txt'\n\
         echo '--- stderr'\n\
         cat '{disk}/stderr.txt'\n",
        helder = env!("CARGO_BIN_EXE_helder"),
        root = s.root().display(),
    );
    let output = std::process::Command::new("unshare")
        .args(["--mount", "--map-root-user", "sh", "-c", &script])
        .output()
        .expect("`unshare` (util-linux) is needed to simulate a full disk");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success() && stdout.contains("exit="),
        "could not mount a small tmpfs in a private mount namespace (run the tests as root, \
         or allow user namespaces): {stderr}\n{stdout}"
    );
    let (listing, errors) = stdout.split_once("--- stderr\n").unwrap();
    assert!(listing.starts_with("exit=2\n"), "{stdout}");
    // Only the previous site remains: no staging folder, no half-written site.
    let (top, public) = listing.split_once("--- public\n").unwrap();
    let top: Vec<&str> = top.lines().skip(1).collect();
    assert_eq!(top, ["public", "stderr.txt"], "{stdout}");
    assert_eq!(public, "oud.txt\noud\n", "{stdout}");
    // One error, saying what happened and what to do.
    let error_lines: Vec<&str> = errors.lines().filter(|l| l.starts_with("fout:")).collect();
    assert_eq!(error_lines.len(), 1, "{errors}");
    assert!(error_lines[0].contains("de schijf is vol"), "{errors}");
    assert!(errors.contains("maak ruimte vrij op de schijf"), "{errors}");
    assert!(!errors.contains("panicked"), "{errors}");
}
