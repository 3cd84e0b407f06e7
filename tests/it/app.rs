//! Installable parent sites (spec §7): the manifest and service worker of
//! every parent site, the app icons from the logo or the initials, and the
//! logo checks in book.toml. (The browser suite installs the sites and reads
//! them offline: tests/browser/check-app.mjs.)

use serde_json::Value;

use crate::common::*;

fn manifest(out: &std::path::Path, site_root: &str) -> Value {
    let text = read(&out.join(format!("{site_root}manifest.webmanifest")));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{site_root}manifest: {e}\n{text}"))
}

fn png_size(bytes: &[u8]) -> (u32, u32) {
    // IHDR: width and height, big-endian, after the 8-byte signature and
    // the chunk's length and name.
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "not a PNG");
    let be = |at: usize| u32::from_be_bytes(bytes[at..at + 4].try_into().unwrap());
    (be(16), be(20))
}

#[test]
fn every_parent_site_has_a_manifest_and_a_worker_and_team_material_none() {
    let s = school();
    s.write(
        "content/team/overleg.md",
        &page("title: Overleg\naudience: team", "Alleen voor het team."),
    );
    let out = s.build_ok(&[]);
    for root in ["", "onderbouw/", "groep-1/", "groep-3/"] {
        let m = manifest(&out, root);
        assert_eq!(m["start_url"], "./", "{root}");
        assert_eq!(m["scope"], "./", "{root}");
        assert_eq!(m["display"], "standalone", "{root}");
        assert_eq!(m["lang"], "nl", "{root}");
        let icons = m["icons"].as_array().unwrap();
        let sizes: Vec<&str> = icons.iter().map(|i| i["sizes"].as_str().unwrap()).collect();
        assert_eq!(sizes, ["192x192", "512x512"], "{root}");
        for icon in icons {
            // The icon's address, from the manifest's folder, is a PNG of its size.
            let src = icon["src"].as_str().unwrap();
            let file = resolve_rel(&format!("{root}manifest.webmanifest"), src)
                .unwrap_or_else(|| panic!("{src} leaves the output"));
            let bytes = std::fs::read(out.join(&file)).unwrap();
            let size: u32 = icon["sizes"].as_str().unwrap()[..3].parse().unwrap();
            assert_eq!(png_size(&bytes), (size, size), "{file}");
        }
        let worker = read(&out.join(format!("{root}sw.js")));
        assert!(
            worker.contains(&format!("\"cache\":\"helder:{root}:")),
            "{root}sw.js: {}",
            &worker[..300.min(worker.len())]
        );
        assert!(worker.contains("addEventListener(\"fetch\""), "{root}sw.js");
    }
    assert_eq!(manifest(&out, "groep-1/")["short_name"], "Groep 1");
    assert_eq!(manifest(&out, "groep-1/")["theme_color"], "#1b6e3a");
    assert_eq!(manifest(&out, "")["short_name"], "DE", "De Eik's initials");
    assert_no_file(&out, "team/manifest.webmanifest");
    assert_no_file(&out, "team/sw.js");
    // Every page of a parent site loads the app script with its site's
    // folder (the script links the manifest, over http only); the home asks
    // for "Nieuw" marks.
    let home = read(&out.join("groep-1/index.html"));
    assert!(
        home.contains("src=\"../assets/app.js\" data-site=\"./\" data-new=\"Nieuw\""),
        "{home}"
    );
    let tags = tags(&home);
    assert!(
        tags.iter().any(|t| t.name == "link"
            && t.attr("rel") == Some("apple-touch-icon")
            && t.attr("href") == Some("../assets/icoon-192.png")),
        "no touch icon"
    );
    let page = read(&out.join("groep-1/kapstok/index.html"));
    assert!(
        page.contains("src=\"../../assets/app.js\" data-site=\"../\" defer"),
        "{page}"
    );
    let team = read_opened(&out.join("team/index.html"));
    assert!(!team.contains("app.js"), "team material is no app: {team}");
}

#[test]
fn the_worker_is_named_after_the_build() {
    let s = school();
    let out = s.parent().join("a");
    s.build_to(&out, &[]).ok();
    let version = |out: &std::path::Path| {
        let worker = read(&out.join("groep-1/sw.js"));
        let start = worker.find("\"cache\":\"").unwrap() + 9;
        worker[start..start + worker[start..].find('"').unwrap()].to_string()
    };
    let first = version(&out);
    // The same input: the same worker (nothing to download again).
    let again = s.parent().join("b");
    s.build_to(&again, &[]).ok();
    assert_eq!(version(&again), first);
    // A changed page: a new worker with a new cache name.
    s.write(
        "content/kapstok.md",
        &page(
            &format!("title: {T_SCHOOL}\nweight: 1"),
            "De kapstok is nieuw.",
        ),
    );
    let changed = s.parent().join("c");
    s.build_to(&changed, &[]).ok();
    assert_ne!(version(&changed), first);
}

#[test]
fn icons_come_from_the_logo_or_else_the_initials() {
    // No logo: the initials on the school color (De Eik: #0b5394).
    let s = school();
    let out = s.build_ok(&[]);
    let icon = std::fs::read(out.join("assets/icoon-192.png")).unwrap();
    assert_eq!(png_size(&icon), (192, 192));
    let no_logo = icon.clone();

    // An SVG logo of one color: the icon is that color.
    let s = school();
    s.write(
        "static/logo.svg",
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10" fill="#ff8800"/></svg>"##,
    );
    s.write(
        "book.toml",
        &BOOK_TOML.replace("[school]\n", "[school]\nlogo = \"static/logo.svg\"\n"),
    );
    let out = s.build_ok(&[]);
    let icon = std::fs::read(out.join("assets/icoon-512.png")).unwrap();
    assert_eq!(png_size(&icon), (512, 512));
    assert_ne!(
        std::fs::read(out.join("assets/icoon-192.png")).unwrap(),
        no_logo
    );
}

#[test]
fn a_logo_helder_can_not_draw_is_an_error_at_its_line() {
    let cases: [(&str, &[u8], &str); 3] = [
        ("static/logo.txt", b"DW", "geen PNG, JPEG of SVG"),
        ("static/logo.svg", b"<svg", "kan helder niet lezen"),
        (
            "static/logo.png",
            b"\x89PNG\r\n\x1a\nkapot",
            "kan helder niet lezen",
        ),
    ];
    for (path, bytes, says) in cases {
        let s = school();
        s.write_bytes(path, bytes);
        s.write(
            "book.toml",
            &BOOK_TOML.replace("[school]\n", &format!("[school]\nlogo = \"{path}\"\n")),
        );
        let run = s.build(&[]);
        run.expect_code(1).no_panic();
        assert!(run.stderr.contains(says), "{path}: {}", run.stderr);
        assert!(
            names_file_line(&run.stderr, "book.toml", Some(7)),
            "{}",
            run.stderr
        );
        s.assert_nothing_written();
    }
}

#[test]
fn a_logo_with_text_is_a_warning() {
    let s = school();
    s.write(
        "static/logo.svg",
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" fill="#0b5394"/><text x="8" y="40">DE</text></svg>"##,
    );
    s.write(
        "book.toml",
        &BOOK_TOML.replace("[school]\n", "[school]\nlogo = \"static/logo.svg\"\n"),
    );
    let run = s.build(&[]);
    run.ok();
    assert!(
        run.stderr.contains("letters als tekst") && run.stderr.contains("Object naar pad"),
        "{}",
        run.stderr
    );
}

#[test]
fn an_svg_logo_goes_into_the_powerpoint_as_a_png() {
    let s = school();
    s.write(
        "static/logo.svg",
        &read(&repo_root().join("static/logo.svg")),
    );
    s.write(
        "book.toml",
        &BOOK_TOML.replace("[school]\n", "[school]\nlogo = \"static/logo.svg\"\n"),
    );
    s.write(
        "content/ouder-dia.md",
        &page(
            "title: Avond over lezen\ntype: slides\ndate: 2026-10-08",
            "## Lezen thuis\n\n- Elke dag tien minuten\n\n---\n\n## De bibliotheek\n\n- Gratis lid\n",
        ),
    );
    let out = s.build_ok(&[]);
    let pptx = std::fs::read(out.join("ouder-dia/slides.pptx")).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(pptx)).unwrap();
    let mut logo = Vec::new();
    std::io::Read::read_to_end(&mut zip.by_name("ppt/media/logo.png").unwrap(), &mut logo).unwrap();
    // The demo's logo is square: drawn 256 px high.
    assert_eq!(png_size(&logo), (256, 256));
}
