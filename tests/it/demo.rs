//! The demo school in the repository root (issue 2 point 8): it builds, loads
//! nothing from other hosts, and every relative link in it works.

use std::path::{Path, PathBuf};

use crate::common::*;
use tempfile::TempDir;

fn build_demo() -> (TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    let root = repo_root();
    let run = helder_in(
        tmp.path(),
        &[
            "build",
            "--root",
            root.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ],
    );
    run.ok().no_panic();
    (tmp, out)
}

/// Is this external reference allowed? Only `<a href>` to `*.example` hosts
/// and `<link rel="canonical">` / `rel="alternate"` (links, not requests).
fn allowed_external(tag: &Tag, attr: &str, url: &str) -> bool {
    if tag.name == "a" && attr == "href" {
        let host = host_of(url);
        return host == "example" || host.ends_with(".example");
    }
    if tag.name == "link" && attr == "href" {
        let rel = tag.attr("rel").unwrap_or("").to_ascii_lowercase();
        let rels: Vec<&str> = rel.split_whitespace().collect();
        return !rels.is_empty() && rels.iter().all(|r| *r == "canonical" || *r == "alternate");
    }
    false
}

/// Every src/href/srcset/poster/data/action value in `html` with its tag.
fn references(html: &str) -> Vec<(Tag, String, String)> {
    let mut refs = Vec::new();
    for tag in tags(html) {
        for (name, value) in &tag.attrs {
            match name.as_str() {
                "href" | "src" | "poster" | "data" | "action" | "formaction" => {
                    refs.push((tag.clone(), name.clone(), value.clone()))
                }
                "srcset" => {
                    for part in value.split(',') {
                        if let Some(url) = part.split_whitespace().next() {
                            refs.push((tag.clone(), name.clone(), url.to_string()));
                        }
                    }
                }
                _ => {}
            }
        }
    }
    refs
}

fn external_problems(out: &Path) -> Vec<String> {
    let mut problems = Vec::new();
    for f in html_files(out) {
        let html = read(&out.join(&f));
        for (tag, attr, url) in references(&html) {
            if !is_external(&url) {
                continue;
            }
            let what = match (tag.name.as_str(), attr.as_str()) {
                ("script", "src") => "a script from another host",
                ("img", _) => "an image from another host",
                ("link", _)
                    if tag
                        .attr("rel")
                        .is_some_and(|r| r.to_ascii_lowercase().contains("stylesheet")) =>
                {
                    "a stylesheet from another host"
                }
                _ => "a reference to another host",
            };
            if !allowed_external(&tag, &attr, &url) {
                problems.push(format!("{f}: <{} {attr}=\"{url}\">: {what}", tag.name));
            }
        }
        // Inline style attributes and <style> blocks must not pull in URLs.
        let lower = html.to_ascii_lowercase();
        for needle in ["url(http", "url(//", "url('http", "url(\"http", "@import"] {
            if lower.contains(needle) {
                problems.push(format!("{f}: inline CSS loads `{needle}...`"));
            }
        }
    }
    for f in list_files(out).into_iter().filter(|f| f.ends_with(".css")) {
        let css = read(&out.join(&f)).to_ascii_lowercase().replace(' ', "");
        for needle in [
            "url(http",
            "url(//",
            "url('http",
            "url(\"http",
            "url('//",
            "url(\"//",
            "@import",
        ] {
            if css.contains(needle) {
                problems.push(format!("{f}: stylesheet loads `{needle}...`"));
            }
        }
    }
    for f in list_files(out).into_iter().filter(|f| f.ends_with(".svg")) {
        let svg = read(&out.join(&f)).to_ascii_lowercase();
        for needle in ["href=\"http", "href=\"//", "url(http", "url(//", "@import"] {
            if svg.contains(needle) {
                problems.push(format!("{f}: SVG loads `{needle}...`"));
            }
        }
    }
    for f in list_files(out).into_iter().filter(|f| f.ends_with(".js")) {
        let js = read(&out.join(&f));
        for needle in ["http://", "https://"] {
            if js.contains(needle) {
                problems.push(format!("{f}: script mentions `{needle}`"));
            }
        }
    }
    problems
}

fn broken_relative_links(out: &Path) -> Vec<String> {
    let mut problems = Vec::new();
    for f in html_files(out) {
        let html = read(&out.join(&f));
        for (tag, attr, url) in references(&html) {
            if tag.name == "a" && attr == "href" && url.trim().is_empty() {
                problems.push(format!("{f}: <a href=\"\"> (empty link)"));
                continue;
            }
            if url.starts_with('/') && !url.starts_with("//") {
                problems.push(format!(
                    "{f}: <{} {attr}=\"{url}\"> is site-absolute; links must be relative",
                    tag.name
                ));
                continue;
            }
            if !is_relative_url(&url) {
                continue;
            }
            match resolve_rel(&f, &url) {
                None => problems.push(format!("{f}: {url} climbs above the output root")),
                Some(target) => {
                    let path = out.join(&target);
                    if !(path.is_file() || path.join("index.html").is_file()) {
                        problems.push(format!(
                            "{f}: <{} {attr}=\"{url}\"> → {target} does not exist",
                            tag.name
                        ));
                    }
                }
            }
        }
    }
    problems
}

#[test]
fn demo_school_builds() {
    let (_tmp, out) = build_demo();
    assert_file(&out, "index.html");
    assert_file(&out, "assets/helder.css");
    // Three bands, at least five classes, team and training sites.
    let text = read(&repo_root().join("book.toml"));
    let classes = text.matches("[[class]]").count();
    let bands = text.matches("[[band]]").count();
    assert!(
        bands >= 3 && classes >= 5,
        "demo: {bands} bands, {classes} classes"
    );
    let ids: Vec<String> = text
        .lines()
        .filter_map(|l| l.trim().strip_prefix("id = \""))
        .map(|l| l.trim_end_matches('"').to_string())
        .collect();
    for id in ids {
        assert_file(&out, &format!("{id}/index.html"));
    }
}

#[test]
fn demo_loads_nothing_from_other_hosts() {
    let (_tmp, out) = build_demo();
    let problems = external_problems(&out);
    assert!(
        problems.is_empty(),
        "{} external reference(s):\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn demo_relative_links_all_resolve() {
    let (_tmp, out) = build_demo();
    let problems = broken_relative_links(&out);
    assert!(
        problems.is_empty(),
        "{} broken link(s):\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn demo_builds_byte_identically_twice() {
    let (_a, one) = build_demo();
    let (_b, two) = build_demo();
    let (ta, tb) = (tree(&one), tree(&two));
    assert_eq!(ta.keys().collect::<Vec<_>>(), tb.keys().collect::<Vec<_>>());
    for (path, bytes) in &ta {
        // Private sites are encrypted with fresh salts and nonces.
        if !is_sealed(path, bytes) {
            assert!(bytes == &tb[path], "{path} differs between two builds");
        }
    }
}

#[test]
fn fixture_relative_links_all_resolve_and_nothing_external() {
    let s = school();
    let out = s.build_ok(&["--drafts"]);
    let mut problems = broken_relative_links(&out);
    problems.extend(external_problems(&out));
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn class_site_alone_has_working_links() {
    // `--class` output must work on its own (copied to a USB stick): every
    // relative link resolves inside what was written.
    let s = school();
    let out = s.build_ok(&["--class", "groep-2"]);
    let problems = broken_relative_links(&out);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn checker_catches_external_references() {
    // The checks above must be able to fail.
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path();
    std::fs::write(
        out.join("index.html"),
        r#"<html lang="nl"><head><link rel="stylesheet" href="https://cdn.example/x.css"><link rel="canonical" href="https://school.example/"></head>
<body><a href="https://ouderportaal.example/">ok</a><a href="https://evil.com/">nee</a><img src="//img.example/x.png"><script src="http://cdn.example/x.js"></script><a href="weg/">kapot</a><a href="index.html#x">ok</a></body></html>"#,
    )
    .unwrap();
    let ext = external_problems(out);
    assert_eq!(ext.len(), 4, "{ext:#?}");
    let broken = broken_relative_links(out);
    assert_eq!(broken.len(), 1, "{broken:#?}");
}

/// The Flemish school in tests/fixtures/vlaamse-school was written from the
/// spec alone, by someone who had not seen helder's code or demo: a site
/// helder was not written for. It sets `fail-on = "warning"`, and some of its
/// pages use jargon without explaining it: helder must refuse to publish and
/// say where.
#[test]
fn unseen_flemish_school_fails_on_its_plain_language_warnings() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    let root = repo_root().join("tests/fixtures/vlaamse-school");
    let run = helder_in(
        tmp.path(),
        &[
            "build",
            "--root",
            root.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ],
    );
    run.expect_code(1).no_panic();
    assert!(
        run.stderr.contains("content/info/bij-wie.md:9:9: jargon"),
        "{}",
        run.stderr
    );
    assert!(!out.exists(), "nothing may be written");
}

/// The same site with `fail-on = "error"`: it builds, and its output is right.
#[test]
fn unseen_flemish_school_builds_with_working_links() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("site");
    copy_tree(&repo_root().join("tests/fixtures/vlaamse-school"), &root);
    let book =
        read(&root.join("book.toml")).replace("fail-on = \"warning\"", "fail-on = \"error\"");
    std::fs::write(root.join("book.toml"), book).unwrap();
    let out = tmp.path().join("public");
    build_into(tmp.path(), &root, &out);
    let mut problems = broken_relative_links(&out);
    problems.extend(external_problems(&out));
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    // The combination class lj2-lj3 holds both graden's pages; lj1 holds
    // nothing of lj2-lj3 or of the two-class page for lj5 and lj6.
    assert_file(&out, "lj2-lj3/eerste-graad/samen-lezen/index.html");
    assert_file(&out, "lj2-lj3/tweede-graad/tafels-oefenen/index.html");
    assert_file(&out, "lj5/nieuws/brief-zeeklassen/index.html");
    assert_file(&out, "lj6/nieuws/brief-zeeklassen/index.html");
    assert!(!out.join("lj1/lj2-lj3").exists());
    assert!(!out.join("lj1/nieuws/brief-zeeklassen").exists());
    assert!(!out.join("nieuws/brief-zeeklassen").exists());
    // Flemish jargon gets its Flemish explanation.
    let html = read(&out.join("info/bij-wie/index.html"));
    assert!(html.contains("popovertarget="), "glossary terms are marked");
}
