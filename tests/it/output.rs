//! Correct and safe output (issue 2 point 5) and the theme (point 3): atomic
//! replacement of public/, byte-identical rebuilds, file-by-file overrides.

use std::collections::BTreeMap;

use crate::common::*;

/// Entries of the site root other than its own files (leftover build
/// folders). The output a build replaced is left for the next build to
/// remove (off the critical path): that one is not a stray.
fn strays(s: &Site) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(s.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with(".public.helder-old-"))
        .filter(|n| {
            ![
                "book.toml",
                "codes.toml",
                "content",
                "themes",
                "static",
                "public",
            ]
            .contains(&n.as_str())
        })
        .collect();
    v.sort();
    v
}

fn assert_same_tree(a: &BTreeMap<String, Vec<u8>>, b: &BTreeMap<String, Vec<u8>>, what: &str) {
    let ka: Vec<&String> = a.keys().collect();
    let kb: Vec<&String> = b.keys().collect();
    assert_eq!(ka, kb, "{what}: the file lists differ");
    for (path, bytes) in a {
        assert!(bytes == &b[path], "{what}: {path} differs");
    }
}

/// Two builds: the same files, and the same bytes except what is
/// encrypted (fresh salts and nonces per build, spec §6), which must differ.
fn assert_same_build(a: &BTreeMap<String, Vec<u8>>, b: &BTreeMap<String, Vec<u8>>, what: &str) {
    let ka: Vec<&String> = a.keys().collect();
    let kb: Vec<&String> = b.keys().collect();
    assert_eq!(ka, kb, "{what}: the file lists differ");
    for (path, bytes) in a {
        if is_sealed(path, bytes) {
            assert!(
                bytes != &b[path],
                "{what}: {path} is encrypted the same twice"
            );
        } else {
            assert!(bytes == &b[path], "{what}: {path} differs");
        }
    }
}

#[test]
fn failed_build_leaves_previous_public_untouched() {
    let s = school();
    let out = s.build_ok(&[]);
    let before = tree(&out);
    assert!(before.contains_key("kapstok/index.html"));

    // Break a page: no title any more.
    s.write("content/kapstok.md", "---\nweight: 1\n---\nZonder titel.\n");
    let run = s.build(&[]);
    run.expect_code(1).no_panic();
    assert!(run.stderr.contains("content/kapstok.md"), "{}", run.stderr);

    let after = tree(&out);
    assert_same_tree(&before, &after, "public/ after a failed build");
    assert!(
        strays(&s).is_empty(),
        "leftovers next to public/: {:?}",
        strays(&s)
    );
}

#[test]
fn failure_while_writing_leaves_previous_public_untouched() {
    // The error only shows when templates are rendered, i.e. after the build
    // folder was made: it must be cleaned up and public/ kept.
    let s = school();
    let out = s.build_ok(&[]);
    let before = tree(&out);
    s.write(
        "themes/helder/templates/page.html",
        "{% extends \"base.html\" %}{% block main %}<h1>{{ page.title }}</h1>{{ bestaat.niet }}{% endblock main %}",
    );
    let run = s.build(&[]);
    run.expect_code(1).no_panic();
    assert_same_tree(&before, &tree(&out), "public/ after a failed render");
    assert!(
        strays(&s).is_empty(),
        "leftovers next to public/: {:?}",
        strays(&s)
    );
    assert!(
        run.stderr.contains("page.html"),
        "the error does not name the template:\n{}",
        run.stderr
    );
}

/// The old outputs beside public/.
fn old_outputs(s: &Site) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(s.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".public.helder-old-"))
        .collect();
    v.sort();
    v
}

#[test]
fn the_replaced_output_is_removed_by_the_next_build() {
    let s = school();
    let out = s.build_ok(&[]);
    assert!(old_outputs(&s).is_empty(), "a first build replaces nothing");
    std::fs::write(out.join("eerste.txt"), "1").unwrap();
    s.build_ok(&[]);
    let first = old_outputs(&s);
    assert_eq!(first.len(), 1, "{first:?}");
    assert!(s.path(&first[0]).join("eerste.txt").is_file());
    s.build_ok(&[]);
    let second = old_outputs(&s);
    assert_eq!(second.len(), 1, "only the output just replaced: {second:?}");
    assert_ne!(first, second, "the older one was removed");
    // A failed build replaces nothing and still clears what was left.
    s.write("content/kapstok.md", "---\nweight: 1\n---\nZonder titel.\n");
    s.build(&[]).expect_code(1).no_panic();
    assert_file(&out, "kapstok/index.html");
}

#[test]
fn successful_rebuild_replaces_public_and_drops_stale_files() {
    let s = school();
    let out = s.build_ok(&[]);
    assert_file(&out, "kapstok/index.html");
    std::fs::write(out.join("oud-bestand.txt"), "weg ermee").unwrap();
    std::fs::remove_file(s.path("content/kapstok.md")).unwrap();
    s.build_ok(&[]);
    assert_no_file(&out, "kapstok/index.html");
    assert_no_file(&out, "oud-bestand.txt");
    assert!(
        strays(&s).is_empty(),
        "leftovers next to public/: {:?}",
        strays(&s)
    );
}

#[test]
fn building_twice_gives_byte_identical_output() {
    let s = school();
    let one = s.parent().join("een");
    let two = s.parent().join("twee");
    s.build_to(&one, &[]).ok();
    s.build_to(&two, &[]).ok();
    let a = tree(&one);
    assert!(a.len() > 20, "suspiciously small output: {:?}", a.keys());
    assert_same_build(&a, &tree(&two), "two builds");
    // And a third build into the same folder again.
    s.build_to(&one, &[]).ok();
    assert_same_build(&a, &tree(&one), "rebuild in place");
}

#[test]
fn output_does_not_depend_on_the_output_folder_name_or_cwd() {
    let s = school();
    let one = s.parent().join("a");
    let two = s.parent().join("diep/b");
    s.build_to(&one, &[]).ok();
    // Different cwd and a relative --root.
    helder_in(
        s.root(),
        &["build", "--root", ".", "--out", two.to_str().unwrap()],
    )
    .ok();
    assert_same_build(&tree(&one), &tree(&two), "builds from different places");
}

const OWN_PAGE: &str = r#"{% extends "base.html" %}
{% block main %}<article class="eigen-thema">
<h1>{{ page.title }}</h1>
{{ page.content | safe }}
</article>{% endblock main %}
"#;

#[test]
fn template_override_replaces_only_that_template() {
    let s = school();
    let plain = s.parent().join("zonder");
    s.build_to(&plain, &[]).ok();
    s.write("themes/helder/templates/page.html", OWN_PAGE);
    let out = s.build_ok(&[]);

    let page = read(&out.join("kapstok/index.html"));
    assert!(
        page.contains("eigen-thema"),
        "the override page.html was not used"
    );
    assert!(page.contains(T_SCHOOL));
    // base.html still comes from the built-in theme.
    assert!(page.contains("<main"), "base.html is gone");
    assert!(
        page.contains(r##"href="#inhoud""##) || page.contains("skip"),
        "the built-in base.html (skip link) is gone"
    );
    // The homes use home.html, which was not overridden: identical to before.
    for home in ["index.html", "groep-1/index.html", "onderbouw/index.html"] {
        assert_eq!(
            read(&out.join(home)),
            read(&plain.join(home)),
            "{home} changed although home.html was not overridden"
        );
    }
    assert_eq!(
        std::fs::read(out.join("assets/helder.css")).unwrap(),
        std::fs::read(plain.join("assets/helder.css")).unwrap(),
        "the built-in stylesheet changed"
    );
    assert_eq!(
        list_files(&out),
        list_files(&plain),
        "the file list changed"
    );
}

#[test]
fn static_override_replaces_only_that_file() {
    let s = school();
    let plain = s.parent().join("zonder");
    s.build_to(&plain, &[]).ok();
    let css = "/* eigen stijl */\nbody { color: #111; }\n";
    s.write("themes/helder/static/assets/helder.css", css);
    let out = s.build_ok(&[]);
    assert_eq!(read(&out.join("assets/helder.css")), css);
    let a = tree(&out);
    let b = tree(&plain);
    assert_eq!(
        a.keys().collect::<Vec<_>>(),
        b.keys().collect::<Vec<_>>(),
        "the file list changed"
    );
    for (path, bytes) in &a {
        // The service workers name the build: a new stylesheet is a new build.
        let worker = path.ends_with("sw.js");
        if path != "assets/helder.css" && !is_sealed(path, bytes) && !worker {
            assert!(bytes == &b[path], "{path} changed by a CSS override");
        }
    }
}

#[test]
fn extra_static_files_of_the_theme_and_the_site_are_copied() {
    let s = school();
    s.write("themes/helder/static/assets/extra.js", "// extra\n");
    s.write("static/robots.txt", "User-agent: *\n");
    let out = s.build_ok(&[]);
    assert_eq!(read(&out.join("assets/extra.js")), "// extra\n");
    assert_eq!(read(&out.join("robots.txt")), "User-agent: *\n");
    assert_file(&out, "assets/helder.css");
}

#[test]
fn own_theme_named_in_book_toml_overrides_the_built_in_one() {
    let s = school();
    let toml = BOOK_TOML.replacen("[school]", "[site]\ntheme = \"eigen\"\n\n[school]", 1);
    s.write("book.toml", &toml);
    s.write("themes/eigen/templates/page.html", OWN_PAGE);
    let out = s.build_ok(&[]);
    assert!(read(&out.join("kapstok/index.html")).contains("eigen-thema"));
    assert!(!read(&out.join("index.html")).contains("eigen-thema"));
    assert_file(&out, "assets/helder.css");
}

#[test]
fn tera_syntax_error_in_override_names_the_template_file() {
    let s = school();
    s.write(
        "themes/helder/templates/page.html",
        "{% extends \"base.html\" %}\n{% block main %}\n{% if %}\n{% endblock main %}\n",
    );
    let run = s.build(&[]);
    run.expect_code(1).no_panic();
    assert!(
        run.stderr.contains("themes/helder/templates/page.html"),
        "the error does not name the template file:\n{}",
        run.stderr
    );
    s.assert_nothing_written();
}

#[test]
fn tera_syntax_error_keeps_an_existing_public() {
    let s = school();
    let out = s.build_ok(&[]);
    let before = tree(&out);
    s.write("themes/helder/templates/home.html", "{% block main %}{{ }}");
    s.build(&[]).expect_code(1).no_panic();
    assert_same_tree(&before, &tree(&out), "public/ after a template error");
    assert!(strays(&s).is_empty());
}
