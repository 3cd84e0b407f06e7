//! `helder translate` (spec §8): XLIFF for translators, translations back
//! into the site, stale translations.
//!
//! The round trips fill helder's export with a real XLIFF library, Python's
//! translate-toolkit (pinned in tests/translate/requirements.txt), which the
//! test installs into a virtual environment under target/ when it is missing,
//! and with a second one, the npm package `xliff` (tests/translate/
//! package-lock.json, installed with `npm ci` as the browser suite installs
//! its packages); the other tests write targets into the exported file by
//! hand to make each kind of bad input.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;

use crate::common::*;

// ---------------------------------------------------------------------------
// The round trip through translate-toolkit

/// Python with translate-toolkit, installed once per target folder.
fn toolkit_python() -> &'static Path {
    static PYTHON: OnceLock<PathBuf> = OnceLock::new();
    PYTHON.get_or_init(install_toolkit)
}

fn install_toolkit() -> PathBuf {
    let venv = Path::new(env!("CARGO_TARGET_TMPDIR")).join("translate-toolkit");
    let python = venv.join("bin/python");
    let requirements = repo_root().join("tests/translate/requirements.txt");
    let wanted = read(&requirements);
    let stamp = venv.join("installed-requirements.txt");
    if python.is_file() && std::fs::read_to_string(&stamp).is_ok_and(|s| s == wanted) {
        return python;
    }
    let make_venv = || {
        run(
            "python3",
            &["-m", "venv", "--clear", venv.to_str().unwrap()],
        )
    };
    if let Err(first) = make_venv() {
        // Debian keeps the venv module in its own package.
        let apt = run(
            "apt-get",
            &["install", "-y", "--no-install-recommends", "python3-venv"],
        );
        if let Err(second) = apt.and_then(|_| make_venv()) {
            panic!(
                "the round-trip test needs Python 3 with venv to install translate-toolkit \
                 (apt-get install python3 python3-venv):\n{first}\n{second}"
            );
        }
    }
    let pip = run(
        python.to_str().unwrap(),
        &[
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "-r",
            requirements.to_str().unwrap(),
        ],
    );
    if let Err(e) = pip {
        panic!(
            "could not install translate-toolkit from PyPI into {}:\n{e}",
            venv.display()
        );
    }
    std::fs::write(&stamp, wanted).unwrap();
    python
}

/// Runs a program to the end; its output on failure.
fn run(program: &str, args: &[&str]) -> Result<String, String> {
    let out = Command::new(program)
        .args(args)
        .env("DEBIAN_FRONTEND", "noninteractive")
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("could not run {program}: {e}"))?;
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    if out.status.success() {
        Ok(text)
    } else {
        Err(format!(
            "`{program} {}` failed ({}):\n{text}",
            args.join(" "),
            out.status
        ))
    }
}

/// tests/translate/fill.py: every unit translated (its text in capitals)
/// except those in `skip` (`witte-pet.md#b2`).
fn fill_with_toolkit(from: &Path, to: &Path, skip: &[&str]) {
    let script = repo_root().join("tests/translate/fill.py");
    let mut args = vec![
        script.to_str().unwrap(),
        from.to_str().unwrap(),
        to.to_str().unwrap(),
    ];
    args.extend_from_slice(skip);
    let out = run(toolkit_python().to_str().unwrap(), &args).unwrap_or_else(|e| panic!("{e}"));
    assert!(out.contains("filled"), "{out}");
}

/// tests/translate/node_modules as its package-lock.json pins it (`npm ci`
/// when missing or older than the lock file), like the browser suite's.
fn ensure_node_modules() -> PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = repo_root().join("tests/translate");
        let modified = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
        let lock = modified(&dir.join("package-lock.json")).expect("package-lock.json");
        let installed = dir.join("node_modules/.package-lock.json");
        let fresh = modified(&installed).is_some_and(|t| t >= lock)
            && dir.join("node_modules/xliff/package.json").is_file();
        if !fresh {
            let out = Command::new("npm")
                .args(["ci", "--no-audit", "--no-fund"])
                .current_dir(&dir)
                .stdin(Stdio::null())
                .output()
                .unwrap_or_else(|e| {
                    panic!("npm is missing ({e}): the round-trip test needs Node.js and npm (apt-get install nodejs npm)")
                });
            assert!(
                out.status.success(),
                "`npm ci` in tests/translate failed:\n{}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
        }
        dir
    })
    .clone()
}

/// The demo school (book.toml, codes.toml, content/, static/) with Polish.
fn demo_with_polish(to: &Path) {
    copy_tree(&repo_root().join("content"), &to.join("content"));
    copy_tree(&repo_root().join("static"), &to.join("static"));
    // The codes of the demo's private sites (team, training, groep 5).
    std::fs::copy(repo_root().join("codes.toml"), to.join("codes.toml")).unwrap();
    // Polish is added unless the demo has it already.
    let mut book = read(&repo_root().join("book.toml"));
    if !book.contains("[languages.pl]") {
        book.push_str("\n[languages.pl]\nname = \"Polski\"\n");
    }
    std::fs::write(to.join("book.toml"), book).unwrap();
}

fn helder_at(root: &Path, args: &[&str]) -> Run {
    let mut all: Vec<&str> = args.to_vec();
    all.extend(["--root", root.to_str().unwrap()]);
    helder_in(root.parent().unwrap(), &all)
}

/// "39 pagina's om te vertalen naar pl (915 stukken, 10144 woorden)": the
/// three numbers.
fn export_counts(stderr: &str) -> (usize, usize, usize) {
    let numbers: Vec<usize> = stderr
        .split(|c: char| !c.is_ascii_digit())
        .filter_map(|n| n.parse().ok())
        .collect();
    assert!(numbers.len() >= 3, "{stderr}");
    (numbers[0], numbers[1], numbers[2])
}

/// The first number in `line`.
fn export_counts_first(line: &str) -> usize {
    line.split(|c: char| !c.is_ascii_digit())
        .find_map(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no number in {line}"))
}

#[test]
fn the_demo_goes_through_translate_toolkit_and_back() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("school");
    demo_with_polish(&root);
    let exported = tmp.path().join("pl.xlf");
    let run = helder_at(
        &root,
        &[
            "translate",
            "export",
            "--lang",
            "pl",
            "--out",
            exported.to_str().unwrap(),
        ],
    );
    run.ok().no_panic();
    let (pages, units, words) = export_counts(&run.stderr);
    assert!(pages > 30 && units > 500 && words > 5000, "{}", run.stderr);
    // Groep 5 is private: its pages stay out unless asked (--private).
    let private = run
        .stderr
        .lines()
        .find(|l| l.contains("besloten sites staan er niet in"))
        .map(export_counts_first)
        .unwrap_or_else(|| panic!("no line about private pages: {}", run.stderr));
    assert!(private >= 3, "{}", run.stderr);
    let xliff = read(&exported);
    assert!(
        xliff.contains("<xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\"")
    );
    assert!(xliff.contains("target-language=\"pl\""));
    assert!(
        xliff.contains("<ph id=\"1\" ctype=\"x-shortcode\">{{ cap(color=&quot;wit&quot;) }}</ph>")
    );
    assert!(
        !xliff.contains("content/team/"),
        "team pages are not for parents"
    );

    let filled = tmp.path().join("pl-filled.xlf");
    fill_with_toolkit(&exported, &filled, &["witte-pet.md#b2"]);
    let run = helder_at(&root, &["translate", "import", filled.to_str().unwrap()]);
    run.ok().no_panic();
    assert!(
        run.stderr.contains("content/kanjer/witte-pet.pl.md"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("nog niet vertaald: b2"),
        "{}",
        run.stderr
    );
    let translation = read(&root.join("content/kanjer/witte-pet.pl.md"));
    assert!(translation.contains("title: DE WITTE PET"), "{translation}");
    assert!(translation.contains("source-hash: "), "{translation}");
    assert!(
        translation.contains("\u{27E6}nl\u{27E7} "),
        "the untranslated unit is marked"
    );

    // The same file again gives the same files.
    let before = tree(&root.join("content"));
    helder_at(&root, &["translate", "import", filled.to_str().unwrap()]).ok();
    assert!(
        before == tree(&root.join("content")),
        "a second import changed files"
    );

    let out = root.join("public");
    helder_at(&root, &["build"]).ok().no_panic();
    let page = read(&out.join("pl/kanjer/witte-pet/index.html"));
    assert!(page.contains("<html lang=\"pl\""), "{page}");
    // The demo's own Polish pages (imported the same way, in content/).
    let home = read(&out.join("pl/index.html"));
    assert!(home.contains("Witamy na stronie dla rodziców"), "{home}");
    assert!(
        page.contains("DE WITTE PET") && !page.contains("class=\"notice\""),
        "{page}"
    );
    // Links, shortcodes and the evening's key points still work.
    let home = read(&out.join("pl/kanjer/index.html"));
    let link = tags(&home)
        .into_iter()
        .find(|t| t.name == "a" && t.attr("href") == Some("witte-pet/index.html"));
    assert!(link.is_some(), "the link to the white cap survived");
    let svgs = |html: &str| html.matches("<svg").count();
    assert_eq!(svgs(&home), svgs(&read(&out.join("kanjer/index.html"))));
    let key_points = |html: &str| html.contains("class=\"key-points\"");
    let evening = "onderbouw/agenda/kanjer-kijkochtend/index.html";
    assert_eq!(
        key_points(&read(&out.join(evening))),
        key_points(&read(&out.join(format!("pl/{evening}"))))
    );
    let check = helder_at(&root, &["check"]);
    assert!(
        !check.stderr.contains("stale-translation"),
        "{}",
        check.stderr
    );

    // The Dutch page changes: the translation is stale everywhere.
    let original = root.join("content/kanjer/witte-pet.md");
    std::fs::write(&original, read(&original) + "\nNog een zin.\n").unwrap();
    let check = helder_at(&root, &["check"]);
    assert!(
        check.stderr.contains("content/kanjer/witte-pet.pl.md")
            && check.stderr.contains("stale-translation"),
        "{}",
        check.stderr
    );
    let status = helder_at(&root, &["translate", "status"]);
    assert!(status.stdout.contains("Polski (pl): "), "{}", status.stdout);
    // Not translated: only the private class pages the export left out.
    assert!(
        status
            .stdout
            .contains(&format!(", 1 verouderd, {private} nog niet vertaald")),
        "{}",
        status.stdout
    );
    let again = tmp.path().join("again.xlf");
    let run = helder_at(
        &root,
        &[
            "translate",
            "export",
            "--lang",
            "pl",
            "--out",
            again.to_str().unwrap(),
        ],
    );
    assert_eq!(export_counts(&run.stderr).0, 1, "{}", run.stderr);
    assert!(read(&again).contains("original=\"content/kanjer/witte-pet.md\""));
    helder_at(&root, &["build"]).ok();
    let page = read(&out.join("pl/kanjer/witte-pet/index.html"));
    assert!(
        page.contains("To tłumaczenie może być nieaktualne."),
        "{page}"
    );
}

/// A second consumer: the `xliff` package from npm reads the export, fills
/// it and writes it with its own writer (which drops helder's source-hash
/// attribute and indents inside the text); the import still works.
#[test]
fn the_xliff_package_from_npm_reads_and_fills_the_export_too() {
    let dir = ensure_node_modules();
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("school");
    demo_with_polish(&root);
    let exported = tmp.path().join("pl.xlf");
    helder_at(
        &root,
        &[
            "translate",
            "export",
            "--lang",
            "pl",
            "--out",
            exported.to_str().unwrap(),
        ],
    )
    .ok();
    let filled = tmp.path().join("pl-filled.xlf");
    let out = Command::new("node")
        .arg(dir.join("fill.mjs"))
        .args([&exported, &filled])
        .current_dir(&dir)
        .output()
        .expect("node");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let written = read(&filled);
    assert!(
        !written.contains("source-hash"),
        "the package keeps no attributes of its own"
    );
    let run = helder_at(&root, &["translate", "import", filled.to_str().unwrap()]);
    run.ok().no_panic();
    assert!(!run.stderr.contains("nog niet vertaald"), "{}", run.stderr);
    let home = read(&root.join("content/kanjer/index.pl.md"));
    assert!(
        home.contains("HET DOEL IS DE {{ cap(color=\"wit\") }}. KLIK OP EEN PET")
            && home.contains("- [DE WITTE PET](witte-pet.md) – DE TIJGER"),
        "{home}"
    );
    helder_at(&root, &["build"]).ok().no_panic();
}

/// The same on a site this code was not written against: the Flemish
/// fixture, translated into its French.
#[test]
fn the_flemish_fixture_goes_through_translate_toolkit_and_back() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("school");
    copy_tree(&repo_root().join("tests/fixtures/vlaamse-school"), &root);
    let book = read(&root.join("book.toml"));
    std::fs::write(
        root.join("book.toml"),
        book.replace("fail-on = \"warning\"", "fail-on = \"error\""),
    )
    .unwrap();
    let exported = tmp.path().join("fr.xlf");
    let run = helder_at(
        &root,
        &[
            "translate",
            "export",
            "--lang",
            "fr",
            "--out",
            exported.to_str().unwrap(),
        ],
    );
    run.ok().no_panic();
    assert!(export_counts(&run.stderr).0 > 5, "{}", run.stderr);
    let filled = tmp.path().join("fr-filled.xlf");
    fill_with_toolkit(&exported, &filled, &[]);
    let run = helder_at(&root, &["translate", "import", filled.to_str().unwrap()]);
    run.ok().no_panic();
    assert!(!run.stderr.contains("nog niet vertaald"), "{}", run.stderr);
    helder_at(&root, &["build"]).ok().no_panic();
    let status = helder_at(&root, &["translate", "status"]);
    assert!(
        status
            .stdout
            .contains("vertaald, 0 verouderd, 0 nog niet vertaald; 0 met"),
        "{}",
        status.stdout
    );
}

// ---------------------------------------------------------------------------
// Bad input: a clear error naming the unit, nothing written

const PAGE_A: &str = "---\ntitle: Gymles\nsummary: Wat uw kind meeneemt\n---\n\nNeem [de tas](b.md) mee en `sokken`. Zie {{ cap(color=\"wit\") }}.\n\n- Een handdoek\n- Schoenen\n";

fn small_school() -> Site {
    site(&[
        (
            "book.toml",
            "[book]\ntitle = \"De Eik\"\n[languages.pl]\nname = \"Polski\"\n",
        ),
        ("content/a.md", PAGE_A),
        ("content/b.md", "---\ntitle: Tas\n---\n\nDe tas is blauw.\n"),
        (
            "content/team/t.md",
            "---\ntitle: Overleg\naudience: team\n---\n\nVoor het team.\n",
        ),
    ])
}

/// The export of `s` into Polish, as text.
fn export(s: &Site) -> String {
    let file = s.parent().join("pl.xlf");
    helder_at(
        s.root(),
        &[
            "translate",
            "export",
            "--lang",
            "pl",
            "--out",
            file.to_str().unwrap(),
        ],
    )
    .ok()
    .no_panic();
    read(&file)
}

/// `xml` with `target` as the target of unit `id` of the page `original`.
fn with_target(xml: &str, original: &str, id: &str, target: &str) -> String {
    let file = xml
        .find(&format!("original=\"content/{original}\""))
        .unwrap_or_else(|| panic!("no {original} in {xml}"));
    let unit = file
        + xml[file..]
            .find(&format!("<trans-unit id=\"{id}\""))
            .unwrap();
    let end = unit + xml[unit..].find("</source>").unwrap() + "</source>".len();
    format!("{}<target>{target}</target>{}", &xml[..end], &xml[end..])
}

/// Imports `xml` into `s`; the run.
fn import(s: &Site, xml: &str) -> Run {
    let file = s.parent().join("in.xlf");
    std::fs::write(&file, xml).unwrap();
    helder_at(s.root(), &["translate", "import", file.to_str().unwrap()])
}

fn translations(s: &Site) -> Vec<String> {
    list_files(&s.root().join("content"))
        .into_iter()
        .filter(|f| f.ends_with(".pl.md"))
        .collect()
}

/// A full translation of a.md and b.md.
fn translated(xml: &str) -> String {
    let xml = with_target(xml, "a.md", "title", "Gimnastyka");
    let xml = with_target(&xml, "a.md", "summary", "Co zabiera dziecko");
    let xml = with_target(
        &xml,
        "a.md",
        "b1",
        "Zabierz <ph id=\"2\"/> i <g id=\"1\">torbę</g>. Zobacz <ph id=\"3\">x</ph>.",
    );
    let xml = with_target(&xml, "a.md", "b2", "Ręcznik");
    let xml = with_target(&xml, "a.md", "b3", "Buty");
    with_target(&xml, "b.md", "title", "Torba")
}

#[test]
fn export_holds_the_parent_pages_without_a_current_translation() {
    let s = small_school();
    let xml = export(&s);
    assert!(xml.contains("original=\"content/a.md\"") && xml.contains("original=\"content/b.md\""));
    assert!(!xml.contains("team/t.md"), "team pages are not for parents");
    assert!(
        xml.contains("Schrijf op B1-niveau"),
        "a note for the translator"
    );
    assert!(xml.contains("Neem <g id=\"1\" ctype=\"link\">de tas</g> mee en <ph id=\"2\" ctype=\"x-code\">`sokken`</ph>."), "{xml}");
    // A page without one translated unit is not written.
    let only_a = with_target(&xml, "a.md", "title", "Gimnastyka");
    let run = import(&s, &only_a);
    run.ok().no_panic();
    assert!(
        run.stderr.contains("content/b.pl.md: niets vertaald"),
        "{}",
        run.stderr
    );
    assert_eq!(translations(&s), ["a.pl.md"]);
    import(&s, &translated(&xml)).ok().no_panic();
    // Both are translated now: nothing left to export.
    let xml = export(&s);
    assert!(!xml.contains("<file "), "{xml}");
    let a = read(&s.path("content/a.pl.md"));
    assert!(
        a.starts_with("---\ntitle: Gimnastyka\nsummary: Co zabiera dziecko\nsource-hash: "),
        "{a}"
    );
    assert!(
        a.contains("Zabierz `sokken` i [torbę](b.md). Zobacz {{ cap(color=\"wit\") }}.\n\n- Ręcznik\n- Buty\n"),
        "{a}"
    );
    // b.md's body was not translated: kept, and marked.
    assert!(read(&s.path("content/b.pl.md")).contains("\u{27E6}nl\u{27E7} De tas is blauw."));
    s.build_ok(&[]);
}

#[test]
fn a_file_that_is_not_xml_writes_nothing() {
    let s = small_school();
    let run = import(&s, "Dit is geen <xliff");
    run.expect_code(1).no_panic();
    assert!(run.stderr.contains("in.xlf:1"), "{}", run.stderr);
    assert!(
        run.stderr.contains("geen geldige XML") || run.stderr.contains("geen XLIFF"),
        "{}",
        run.stderr
    );
    let run = import(&s, "<html><body>Hallo</body></html>");
    run.expect_code(1);
    assert!(run.stderr.contains("geen XLIFF-bestand"), "{}", run.stderr);
    assert!(translations(&s).is_empty());
}

#[test]
fn an_unknown_unit_writes_nothing() {
    let s = small_school();
    let xml = translated(&export(&s)).replace("<trans-unit id=\"b3\"", "<trans-unit id=\"b99\"");
    let run = import(&s, &xml);
    run.expect_code(1).no_panic();
    assert!(
        run.stderr
            .contains("het stuk `b99` bestaat niet in content/a.md"),
        "{}",
        run.stderr
    );
    assert!(
        translations(&s).is_empty(),
        "b.md was fine, but nothing is written"
    );
}

#[test]
fn a_target_that_breaks_a_link_or_a_shortcode_writes_nothing() {
    let s = small_school();
    let cases = [
        (
            "Zabierz <ph id=\"2\"/> i torbę. Zobacz <ph id=\"3\"/>.",
            "mist `[...](b.md)`",
        ),
        (
            "Zabierz <ph id=\"2\"/> i <g id=\"1\">torbę</g>.",
            "mist `{{ cap(color=\"wit\") }}`",
        ),
        (
            "Zabierz <ph id=\"2\"/> i <g id=\"1\">torbę</g> <ph id=\"3\"/> <ph id=\"9\"/>.",
            "de code <ph id=\"9\"> staat niet in de bron",
        ),
        (
            "Zabierz <ph id=\"2\"/> i <g id=\"1\">torbę</g> {{ qr(url=\"x\") }} <ph id=\"3\"/>.",
            "shortcode moet als code",
        ),
        (
            "Zabierz <ph id=\"2\"/> <ph id=\"2\"/> <g id=\"1\">torbę</g> <ph id=\"3\"/>.",
            "staat er twee keer in",
        ),
        (
            "Zabierz <g id=\"2\">x</g> <g id=\"1\">torbę</g> <ph id=\"3\"/>.",
            "van een andere soort",
        ),
    ];
    let xml = export(&s);
    for (target, expected) in cases {
        let bad = with_target(&xml, "a.md", "b1", target);
        let bad = with_target(&bad, "b.md", "title", "Torba");
        let run = import(&s, &bad);
        run.expect_code(1).no_panic();
        assert!(
            run.stderr.contains("het stuk `b1` van content/a.md") && run.stderr.contains(expected),
            "{target}: {}",
            run.stderr
        );
        assert!(
            translations(&s).is_empty(),
            "{target}: something was written"
        );
    }
}

#[test]
fn a_language_that_is_not_configured_is_an_error() {
    let s = small_school();
    let xml = translated(&export(&s)).replace("target-language=\"pl\"", "target-language=\"fr\"");
    let run = import(&s, &xml);
    run.expect_code(1).no_panic();
    assert!(
        run.stderr.contains("de taal `fr` staat niet in book.toml"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("[languages.fr]"), "{}", run.stderr);
    assert!(translations(&s).is_empty());
    let run = helder_at(s.root(), &["translate", "export", "--lang", "fr"]);
    run.expect_code(2).no_panic();
    assert!(
        run.stderr.contains("de site heeft deze talen: pl"),
        "{}",
        run.stderr
    );
}

#[test]
fn an_original_changed_since_the_export_is_an_error() {
    let s = small_school();
    let xml = translated(&export(&s));
    s.write(
        "content/a.md",
        &PAGE_A
            .replace("blauw", "rood")
            .replace("Schoenen", "Gymschoenen"),
    );
    let run = import(&s, &xml);
    run.expect_code(1).no_panic();
    assert!(
        run.stderr
            .contains("content/a.md is veranderd na de export"),
        "{}",
        run.stderr
    );
    assert!(translations(&s).is_empty());
}

/// A school whose class `groep-5` is private (spec §6), with one page in it.
fn school_with_a_private_class() -> Site {
    site(&[
        (
            "book.toml",
            "[book]\ntitle = \"De Eik\"\n[[band]]\nid = \"middenbouw\"\nname = \"Middenbouw\"\n\
             [[class]]\nid = \"groep-5\"\nname = \"Groep 5\"\nbands = [\"middenbouw\"]\n\
             [languages.pl]\nname = \"Polski\"\n[privacy]\nprivate = [\"groep-5\"]\n",
        ),
        ("codes.toml", "groep-5 = \"zon-fiets-appel-boek\"\n"),
        ("content/a.md", PAGE_A),
        ("content/b.md", "---\ntitle: Tas\n---\n\nDe tas is blauw.\n"),
        (
            "content/groep-5/uitje.md",
            "---\ntitle: Uitje naar het bos\nclasses: [groep-5]\n---\n\nDe foto's van Noor en Daan staan hieronder.\n",
        ),
    ])
}

#[test]
fn private_pages_stay_out_of_the_export_unless_asked() {
    let s = school_with_a_private_class();
    let file = s.parent().join("pl.xlf");
    let out = file.to_str().unwrap();
    let run = helder_at(
        s.root(),
        &["translate", "export", "--lang", "pl", "--out", out],
    );
    run.ok().no_panic();
    let xml = read(&file);
    assert!(xml.contains("original=\"content/a.md\""), "{xml}");
    assert!(
        !xml.contains("groep-5") && !xml.contains("Noor en Daan"),
        "the private class's text left the school: {xml}"
    );
    assert!(
        run.stderr
            .contains("1 pagina's van besloten sites staan er niet in")
            && run.stderr.contains("--private"),
        "{}",
        run.stderr
    );

    let run = helder_at(
        s.root(),
        &[
            "translate",
            "export",
            "--lang",
            "pl",
            "--out",
            out,
            "--private",
        ],
    );
    run.ok().no_panic();
    let xml = read(&file);
    assert!(
        xml.contains("original=\"content/groep-5/uitje.md\"") && xml.contains("Noor en Daan"),
        "{xml}"
    );
    assert!(
        run.stderr
            .contains("Let op: dit bestand bevat de tekst van 1 pagina's van besloten sites"),
        "{}",
        run.stderr
    );
    // The private page imports like any other.
    let filled = with_target(&xml, "groep-5/uitje.md", "title", "Wycieczka do lasu");
    import(&s, &filled).ok().no_panic();
    assert!(read(&s.path("content/groep-5/uitje.pl.md")).contains("title: Wycieczka do lasu"));
    s.build_ok(&[]);

    // The help says it.
    let help = helder_at(s.root(), &["translate", "export", "--help"]);
    assert!(help.stdout.contains("--private"), "{}", help.stdout);
    assert!(help.stdout.contains("besloten sites"), "{}", help.stdout);
}

#[test]
fn a_file_cut_off_halfway_writes_nothing() {
    let s = small_school();
    let xml = translated(&export(&s));
    // Cut after a.md's translated units: all of a.md is there, b.md not.
    let file_b = xml.find("original=\"content/b.md\"").unwrap();
    let cut = xml[..file_b].rfind('\n').unwrap() + 1;
    let run = import(&s, &xml[..cut]);
    run.expect_code(1).no_panic();
    assert!(
        run.stderr.contains("het bestand houdt op terwijl <")
            && run.stderr.contains("niet helemaal opgeslagen"),
        "{}",
        run.stderr
    );
    let lines = xml[..cut].lines().count();
    assert!(
        run.stderr.contains(&format!("in.xlf:{lines}")),
        "{lines}: {}",
        run.stderr
    );
    assert!(translations(&s).is_empty());
}

#[test]
fn a_unit_with_two_targets_writes_nothing() {
    let s = small_school();
    let xml = translated(&export(&s));
    let xml = with_target(&xml, "b.md", "title", "Torba druga");
    let run = import(&s, &xml);
    run.expect_code(1).no_panic();
    assert!(
        run.stderr
            .contains("het stuk `title` heeft twee vertalingen"),
        "{}",
        run.stderr
    );
    assert!(translations(&s).is_empty());
}

#[test]
fn the_target_language_must_be_there_and_may_have_a_region() {
    let s = small_school();
    let xml = translated(&export(&s));
    let run = import(&s, &xml.replace(" target-language=\"pl\"", ""));
    run.expect_code(1).no_panic();
    assert!(
        run.stderr.contains("<file> heeft geen target-language")
            && run.stderr.contains("target-language=\"CODE\"")
            && run.stderr.contains("(pl)"),
        "{}",
        run.stderr
    );
    assert!(translations(&s).is_empty());
    // memoQ and Trados write the region: pl-PL is Polish.
    let run = import(
        &s,
        &xml.replace("target-language=\"pl\"", "target-language=\"pl-PL\""),
    );
    run.ok().no_panic();
    assert_eq!(translations(&s), ["a.pl.md", "b.pl.md"]);
}

#[test]
fn a_translation_that_can_not_be_written_leaves_the_others_unwritten_too() {
    let s = small_school();
    let xml = translated(&export(&s));
    // b.pl.md can not be written (its temporary file's place is taken by a
    // folder, as a full disk or a locked folder would stop it).
    std::fs::create_dir_all(s.path("content/.b.pl.md.helder-tmp/x")).unwrap();
    let run = import(&s, &xml);
    run.expect_code(2).no_panic();
    assert!(
        run.stderr
            .contains("content/b.pl.md: de vertaling schrijven lukte niet"),
        "{}",
        run.stderr
    );
    assert!(translations(&s).is_empty(), "a.pl.md was written alone");
    assert!(!s.path("content/.a.pl.md.helder-tmp").exists());
    std::fs::remove_dir_all(s.path("content/.b.pl.md.helder-tmp")).unwrap();
    import(&s, &xml).ok().no_panic();
    assert_eq!(translations(&s), ["a.pl.md", "b.pl.md"]);
}
