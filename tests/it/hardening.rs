//! Bad and extreme inputs (issue 7, the README's table): each gets a clear
//! error or correct output, never a panic and never a half-written site.

use std::fmt::Write as _;

use crate::common::*;

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
         mkdir '{disk}/public' && echo oud > '{disk}/public/oud.txt' && touch '{disk}/public/.helder'\n\
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
    // (.helder marks the previous site as helder's own.)
    assert_eq!(public, ".helder\noud.txt\noud\n", "{stdout}");
    // One error, saying what happened and what to do.
    let error_lines: Vec<&str> = errors.lines().filter(|l| l.starts_with("fout:")).collect();
    assert_eq!(error_lines.len(), 1, "{errors}");
    assert!(error_lines[0].contains("de schijf is vol"), "{errors}");
    assert!(errors.contains("maak ruimte vrij op de schijf"), "{errors}");
    assert!(!errors.contains("panicked"), "{errors}");
}

// ---- Hardening II (issue 11) ----

fn no_staging_left(s: &Site) {
    let leftovers: Vec<_> = std::fs::read_dir(s.parent())
        .unwrap()
        .chain(std::fs::read_dir(s.root()).unwrap())
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().contains(".helder-"))
        .collect();
    assert!(leftovers.is_empty(), "left behind: {leftovers:?}");
}

#[test]
fn a_template_that_includes_itself_is_an_error_in_build_and_check() {
    let s = base(&[("content/a.md", "---\ntitle: A\n---\nA.\n")]);
    s.write(
        "themes/helder/templates/page.html",
        "<p>{% include \"page.html\" %}</p>",
    );
    for command in ["build", "check"] {
        let run = helder_in(s.root(), &[command]);
        run.expect_code(1).no_panic();
        assert!(
            run.stderr.contains("themes/helder/templates/page.html"),
            "{command}: {}",
            run.stderr
        );
    }
    assert!(!s.public().exists());
    no_staging_left(&s);
}

#[test]
fn a_macro_that_calls_itself_is_an_error_naming_the_template() {
    let s = base(&[("content/a.md", "---\ntitle: A\n---\nA.\n")]);
    s.write(
        "themes/helder/templates/page.html",
        "{% macro kring(n) %}{{ self::kring(n=n) }}{% endmacro %}{{ self::kring(n=1) }}",
    );
    let run = helder_in(s.root(), &["check"]);
    run.expect_code(1).no_panic();
    assert!(run.stderr.contains("macro kring"), "{}", run.stderr);
    assert!(run.stderr.contains("templates/page.html"), "{}", run.stderr);
}

#[test]
fn runaway_template_work_is_stopped_with_an_error() {
    // A shortcode whose recursion only ends after 100,000 levels, and one
    // with a loop of a hundred million steps: both stop quickly.
    let s = base(&[
        ("content/a.md", "---\ntitle: A\n---\n{{ diep(n=100000) }}\n"),
        ("content/b.md", "---\ntitle: B\n---\n{{ lus() }}\n"),
    ]);
    s.write(
        "themes/helder/shortcodes/diep.html",
        "{% macro m(n) %}{% if n > 0 %}x{{ self::m(n=n-1) }}{% endif %}{% endmacro %}{{ self::m(n=n) }}",
    );
    s.write(
        "themes/helder/shortcodes/lus.html",
        "{% for i in range(end=100000000) %}x{% endfor %}",
    );
    let started = std::time::Instant::now();
    let run = helder_in(s.root(), &["build"]);
    run.expect_code(1).no_panic();
    assert!(run.stderr.contains("content/a.md"), "{}", run.stderr);
    assert!(run.stderr.contains("lagen diep"), "{}", run.stderr);
    assert!(run.stderr.contains("content/b.md"), "{}", run.stderr);
    assert!(run.stderr.contains("te veel werk"), "{}", run.stderr);
    assert!(started.elapsed().as_secs() < 60, "stopped in time");
    no_staging_left(&s);
}

#[test]
fn an_empty_or_dot_slug_is_an_error_and_the_home_page_stays() {
    for slug in ["\"\"", "\"/\"", "\".\"", "\"..\""] {
        let s = base(&[(
            "content/a.md",
            &format!("---\ntitle: A\nslug: {slug}\n---\nA.\n"),
        )]);
        let run = helder_in(s.root(), &["build"]);
        run.expect_code(1).no_panic();
        assert!(
            names_file_line(&run.stderr, "content/a.md", Some(3)),
            "{slug}: {}",
            run.stderr
        );
        assert!(!s.public().exists());
    }
}

#[test]
fn a_page_on_a_home_address_is_an_error_naming_both_files() {
    // `slug: groep-5` on a class page is the class home's address.
    let s = site(&[
        (
            "book.toml",
            "[book]\ntitle = \"De Eik\"\n[[band]]\nid = \"midden\"\nname = \"Midden\"\n[[class]]\nid = \"groep-5\"\nname = \"Groep 5\"\nbands = [\"midden\"]\n",
        ),
        ("content/index.md", "---\ntitle: Welkom\n---\nWelkom.\n"),
        (
            "content/groep-5/index.md",
            "---\ntitle: Groep 5\nclasses: [groep-5]\n---\nHallo.\n",
        ),
        (
            "content/nieuws.md",
            "---\ntitle: Nieuws\nclasses: [groep-5]\nslug: groep-5\n---\nNieuws.\n",
        ),
    ]);
    let run = helder_in(s.root(), &["build"]);
    run.expect_code(1).no_panic();
    assert!(run.stderr.contains("content/nieuws.md"), "{}", run.stderr);
    assert!(
        run.stderr.contains("content/groep-5/index.md"),
        "{}",
        run.stderr
    );
}

/// A build killed with SIGKILL while it writes leaves its staging folder;
/// the next build removes it (and the output is whole).
#[cfg(target_os = "linux")]
#[test]
fn a_killed_build_leaves_nothing_behind_after_the_next_build() {
    let mut files: Vec<(String, String)> = Vec::new();
    for n in 0..400 {
        files.push((
            format!("content/p{n}.md"),
            format!(
                "---\ntitle: Pagina {n}\n---\n{}\n",
                "Een zin voor ouders. ".repeat(200)
            ),
        ));
    }
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    let s = base(&refs);
    let staging_exists = || {
        std::fs::read_dir(s.root())
            .unwrap()
            .filter_map(Result::ok)
            .any(|e| {
                e.file_name()
                    .to_string_lossy()
                    .starts_with(".public.helder-build-")
            })
    };
    let mut killed_while_writing = false;
    for _attempt in 0..20 {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_helder"))
            .args(["build"])
            .current_dir(s.root())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let started = std::time::Instant::now();
        while !staging_exists() && started.elapsed().as_secs() < 30 {
            if child.try_wait().unwrap().is_some() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(1));
        }
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        if staging_exists() {
            killed_while_writing = true;
            break;
        }
    }
    assert!(
        killed_while_writing,
        "could not kill a build while it wrote"
    );
    let run = helder_in(s.root(), &["build"]);
    run.ok().no_panic();
    assert!(!staging_exists(), "the next build removed the leftover");
    no_staging_left(&s);
    assert_file(&s.public(), "p399/index.html");
}

#[test]
fn an_output_folder_with_someone_elses_files_is_refused_without_force() {
    let s = base(&[("content/a.md", "---\ntitle: A\n---\nA.\n")]);
    let mine = s.parent().join("mijn-map");
    std::fs::create_dir_all(&mine).unwrap();
    std::fs::write(mine.join("rapport.docx"), "belangrijk").unwrap();
    let out = mine.to_str().unwrap();
    let run = helder_in(s.root(), &["build", "--out", out]);
    run.expect_code(2).no_panic();
    assert!(run.stderr.contains("mijn-map"), "{}", run.stderr);
    assert!(run.stderr.contains("--force"), "{}", run.stderr);
    assert_eq!(read(&mine.join("rapport.docx")), "belangrijk");
    // With --force it is replaced; after that helder knows it as its own.
    helder_in(s.root(), &["build", "--out", out, "--force"]).ok();
    assert!(!mine.join("rapport.docx").exists());
    helder_in(s.root(), &["build", "--out", out]).ok();
}

#[test]
fn raw_html_from_another_host_is_an_error_with_or_without_safe_html() {
    for safe in ["false", "true"] {
        let book = format!("[book]\ntitle = \"De Eik\"\n[site]\nsafe-html = {safe}\n");
        let s = site(&[
            ("book.toml", book.as_str()),
            ("content/index.md", "---\ntitle: Welkom\n---\nWelkom.\n"),
            (
                "content/a.md",
                "---\ntitle: A\n---\nTekst.\n\n<img src=\"https://tracker.example/p.gif\" alt=\"\">\n",
            ),
        ]);
        let run = helder_in(s.root(), &["build"]);
        run.expect_code(1).no_panic();
        assert!(
            names_file_line(&run.stderr, "content/a.md", Some(6)),
            "{safe}: {}",
            run.stderr
        );
        assert!(run.stderr.contains("tracker.example"), "{}", run.stderr);
        assert!(!s.public().exists());
    }
}

#[test]
fn a_qr_code_of_a_script_is_refused() {
    let s = base(&[(
        "content/a.md",
        "---\ntitle: A\n---\nScan:\n\n{{ qr(url=\"javascript:alert(1)\") }}\n",
    )]);
    let run = helder_in(s.root(), &["build"]);
    run.expect_code(1).no_panic();
    assert!(
        names_file_line(&run.stderr, "content/a.md", Some(6)),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("script"), "{}", run.stderr);
}

#[test]
fn an_svg_with_a_script_is_an_error_naming_the_file() {
    let s = base(&[
        (
            "content/a.md",
            "---\ntitle: A\n---\n![Een tekening](tekening.svg)\n",
        ),
        (
            "content/tekening.svg",
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\">\n<script>alert(1)</script>\n</svg>\n",
        ),
        (
            "static/logo.svg",
            "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(2)\"><circle r=\"4\"/></svg>\n",
        ),
        (
            "static/goed.svg",
            "<svg xmlns=\"http://www.w3.org/2000/svg\"><circle r=\"4\"/></svg>\n",
        ),
    ]);
    let run = helder_in(s.root(), &["build"]);
    run.expect_code(1).no_panic();
    assert!(
        names_file_line(&run.stderr, "content/tekening.svg", Some(2)),
        "{}",
        run.stderr
    );
    assert!(
        names_file_line(&run.stderr, "static/logo.svg", Some(1)),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("goed.svg"), "{}", run.stderr);
    assert!(!s.public().exists());
}

#[test]
fn a_bad_time_zone_is_one_error_at_its_line() {
    let s = base(&[(
        "content/a.md",
        "---\ntitle: Kerstviering\ntype: event\ndate: 2026-12-17\nstart: \"18:00\"\n---\nKom ook.\n",
    )]);
    s.write(
        "book.toml",
        "[book]\ntitle = \"De Eik\"\n\n[school]\ntimezone = \"Europe/Amsterdm\"\n",
    );
    let run = helder_in(s.root(), &["build"]);
    run.expect_code(1).no_panic();
    let errors = run
        .stderr
        .lines()
        .filter(|l| l.contains("Europe/Amsterdm"))
        .count();
    assert_eq!(errors, 1, "{}", run.stderr);
    assert!(
        names_file_line(&run.stderr, "book.toml", Some(5)),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("Europe/Amsterdam"),
        "a suggestion: {}",
        run.stderr
    );
}

#[test]
fn translations_in_unknown_languages_or_without_their_page_are_errors() {
    let s = base(&[
        ("content/a.md", "---\ntitle: A\n---\nA.\n"),
        ("content/a.fr.md", "---\ntitle: A\n---\nEn français.\n"),
        ("content/b.en.md", "---\ntitle: B\n---\nIn English.\n"),
        (
            "content/versie.1.2.md",
            "---\ntitle: Versie\n---\nGewoon een pagina.\n",
        ),
    ]);
    s.write(
        "book.toml",
        "[book]\ntitle = \"De Eik\"\n\n[languages.en]\nname = \"English\"\n",
    );
    let run = helder_in(s.root(), &["build"]);
    run.expect_code(1).no_panic();
    assert!(run.stderr.contains("content/a.fr.md"), "{}", run.stderr);
    assert!(run.stderr.contains("[languages.fr]"), "{}", run.stderr);
    assert!(run.stderr.contains("content/b.en.md"), "{}", run.stderr);
    assert!(run.stderr.contains("content/b.md"), "{}", run.stderr);
    assert!(!run.stderr.contains("versie"), "{}", run.stderr);
}

#[test]
fn a_parent_page_may_not_use_or_link_to_team_pages() {
    let s = base(&[
        (
            "content/team/dia.md",
            "---\ntitle: Dia's\ntype: slides\naudience: team\n---\n## Welkom\n",
        ),
        (
            "content/team/verslag.md",
            "---\ntitle: Verslag\naudience: team\n---\nVerslag.\n",
        ),
        (
            "content/avond.md",
            "---\ntitle: Ouderavond\ntype: evening\ndate: 2026-10-08\nslides: team/dia.md\n---\nZie ook [het verslag](team/verslag.md).\n",
        ),
    ]);
    let run = helder_in(s.root(), &["build"]);
    run.expect_code(1).no_panic();
    assert!(
        names_file_line(&run.stderr, "content/avond.md", Some(5)),
        "{}",
        run.stderr
    );
    assert!(
        names_file_line(&run.stderr, "content/avond.md", Some(7)),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("team/dia.md"), "{}", run.stderr);
    assert!(run.stderr.contains("team/verslag.md"), "{}", run.stderr);
    assert!(!s.public().exists());
}

#[test]
fn new_slides_are_for_parents_unless_they_live_under_team() {
    let s = base(&[]);
    helder_in(s.root(), &["new", "slides", "ouderavond/dia.md"]).ok();
    let parents = read(&s.path("content/ouderavond/dia.md"));
    assert!(!parents.contains("audience"), "{parents}");
    helder_in(s.root(), &["new", "slides", "team/vergadering.md"]).ok();
    let team = read(&s.path("content/team/vergadering.md"));
    assert!(team.contains("audience: team"), "{team}");
}

#[test]
fn a_video_plays_in_the_page_with_its_poster_and_a_big_one_is_a_warning() {
    let s = base(&[
        (
            "content/kanjer/les.md",
            "---\ntitle: Les\n---\n![De kanjerles in groep 5](film.mp4)\n\n<video controls src=\"clip.webm\"></video>\n",
        ),
        ("content/kanjer/film.jpg", "nep-jpg"),
    ]);
    s.write_bytes("content/kanjer/film.mp4", b"\x00\x00\x00\x18ftypmp42");
    s.write_bytes("content/kanjer/clip.webm", b"\x1a\x45\xdf\xa3");
    // 51 MB without writing 51 MB: a sparse file.
    let big = std::fs::File::create(s.path("content/groot.mp4")).unwrap();
    big.set_len(51 * 1024 * 1024).unwrap();
    let run = helder_in(s.root(), &["build"]);
    run.ok().no_panic();
    assert!(run.stderr.contains("content/groot.mp4"), "{}", run.stderr);
    assert!(run.stderr.contains("51 MB"), "{}", run.stderr);
    let html = read(&s.public().join("kanjer/les/index.html"));
    assert!(
        html.contains("<video controls preload=\"none\" src=\"../film.mp4\" poster=\"../film.jpg\" aria-label=\"De kanjerles in groep 5\">"),
        "{html}"
    );
    assert!(
        html.contains("<figcaption>De kanjerles in groep 5</figcaption>"),
        "{html}"
    );
    // Raw HTML's relative address is resolved like a Markdown link.
    assert!(
        html.contains("<video controls src=\"../clip.webm\">"),
        "{html}"
    );
    assert!(!html.contains("<img"), "{html}");
    assert_file(&s.public(), "kanjer/film.mp4");
    assert_file(&s.public(), "kanjer/clip.webm");
}
