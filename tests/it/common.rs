//! Shared helpers for the integration tests: fixture sites written into fresh
//! temp folders, running the real `helder` binary, and small readers for the
//! generated HTML (tags, attributes, relative URLs).
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};
use std::process::{Command, Stdio};

use tempfile::TempDir;

/// The result of one run of the binary.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// Panics with the whole output unless the exit code is `code`.
    pub fn expect_code(&self, code: i32) -> &Self {
        assert_eq!(
            self.code, code,
            "expected exit code {code}, got {}\n--- stdout ---\n{}\n--- stderr ---\n{}",
            self.code, self.stdout, self.stderr
        );
        self
    }

    pub fn ok(&self) -> &Self {
        self.expect_code(0)
    }

    /// stderr must not show a Rust panic.
    pub fn no_panic(&self) -> &Self {
        assert!(
            !self.stderr.contains("panicked"),
            "helder panicked:\n{}",
            self.stderr
        );
        self
    }

    /// The lines of stderr that start a diagnostic (`fout: ...`).
    pub fn error_lines(&self) -> Vec<&str> {
        self.stderr
            .lines()
            .filter(|l| l.trim_start().starts_with("fout:"))
            .collect()
    }
}

/// `helder build --root ROOT --out OUT` in `cwd`, which must succeed.
pub fn build_into(cwd: &Path, root: &Path, out: &Path) {
    helder_in(
        cwd,
        &[
            "build",
            "--root",
            root.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ],
    )
    .ok()
    .no_panic();
}

/// Copies the folder `from` (a fixture site) to `to`.
pub fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Runs `helder ARGS` in `cwd`.
pub fn helder_in(cwd: &Path, args: &[&str]) -> Run {
    helder_env(cwd, args, &[])
}

/// Runs `helder ARGS` in `cwd` with extra environment variables.
pub fn helder_env(cwd: &Path, args: &[&str], env: &[(&str, &str)]) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_helder"))
        .args(args)
        .envs(env.iter().copied())
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .env("CI", "1")
        .stdin(Stdio::null())
        .output()
        .expect("could not run the helder binary");
    Run {
        // A signal (no code) counts as a crash: -1.
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// A fixture site in its own temp folder. The site root is `<tmp>/site`, so
/// the temp folder itself is a parent of the root that holds nothing else.
pub struct Site {
    _tmp: TempDir,
    root: PathBuf,
}

/// Writes `files` (path relative to the site root, text) into a new site.
pub fn site(files: &[(&str, &str)]) -> Site {
    let tmp = tempfile::tempdir().expect("temp dir");
    let root = tmp.path().join("site");
    std::fs::create_dir_all(&root).unwrap();
    let site = Site { _tmp: tmp, root };
    // Team and training are private by default (spec §6): a site that has
    // them needs their codes to build, as after `helder init`.
    if !files.iter().any(|(path, _)| *path == "codes.toml") {
        site.write("codes.toml", FIXTURE_CODES);
    }
    for (path, text) in files {
        site.write(path, text);
    }
    site
}

/// The codes every fixture site gets unless it brings its own.
pub const FIXTURE_CODES: &str =
    "team = \"wolk-fiets-appel-boom\"\ntraining = \"zand-kast-lamp-berg\"\n";

impl Site {
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The temp folder holding the root (a parent of the root).
    pub fn parent(&self) -> &Path {
        self._tmp.path()
    }

    /// The default output folder, `<root>/public`.
    pub fn public(&self) -> PathBuf {
        self.root.join("public")
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }

    pub fn write(&self, rel: &str, text: &str) {
        self.write_bytes(rel, text.as_bytes());
    }

    pub fn write_bytes(&self, rel: &str, bytes: &[u8]) {
        let path = self.root.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).unwrap();
        }
        std::fs::write(path, bytes).unwrap();
    }

    /// `helder build --root <root> EXTRA...`, run from the temp folder.
    pub fn build(&self, extra: &[&str]) -> Run {
        let root = self.root.to_str().unwrap().to_string();
        let mut args = vec!["build", "--root", root.as_str()];
        args.extend_from_slice(extra);
        helder_in(self.parent(), &args)
    }

    /// Builds into `out` (absolute).
    pub fn build_to(&self, out: &Path, extra: &[&str]) -> Run {
        let out = out.to_str().unwrap().to_string();
        let mut args = vec!["--out", out.as_str()];
        args.extend_from_slice(extra);
        self.build(&args)
    }

    /// Builds into the default public/ and requires success.
    pub fn build_ok(&self, extra: &[&str]) -> PathBuf {
        self.build(extra).ok().no_panic();
        self.public()
    }

    /// Asserts the output of a failed build is absent: no public/, and no
    /// staging leftovers next to it.
    pub fn assert_nothing_written(&self) {
        assert!(
            !self.public().exists(),
            "a failed build must not write public/ (it exists: {:?})",
            list_files(&self.public())
        );
        let leftovers: Vec<String> = std::fs::read_dir(&self.root)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| {
                !["book.toml", "codes.toml", "content", "themes", "static"].contains(&n.as_str())
            })
            .collect();
        assert!(
            leftovers.is_empty(),
            "unexpected entries next to public/ after a failed build: {leftovers:?}"
        );
    }
}

/// The repository's own folder (the demo school).
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

// ---------------------------------------------------------------------------
// The standard fixture: 2 bands, 3 classes (one combination class).

pub const BOOK_TOML: &str = r##"[book]
title = "Testschool De Eik"
language = "nl"
description = "Informatie voor ouders"

[school]
email = "info@eik.example"
color = "#0b5394"

[[band]]
id = "onderbouw"
name = "Onderbouw"
color = "#1b6e3a"

[[band]]
id = "bovenbouw"
name = "Bovenbouw"

[[class]]
id = "groep-1"
name = "Groep 1"
bands = ["onderbouw"]
teacher = "Juf Anna"

[[class]]
id = "groep-2"
name = "Groep 2"
bands = ["onderbouw", "bovenbouw"]

[[class]]
id = "groep-3"
name = "Groep 3"
bands = ["bovenbouw"]
"##;

/// Unique titles, so a title found in a file proves the page is there.
pub const T_SCHOOL: &str = "Schoolbrede Kapstok";
pub const T_ONDERBOUW: &str = "Onderbouw Zandbak";
pub const T_BOVENBOUW: &str = "Bovenbouw Schoolkamp";
pub const T_GROEP1: &str = "Uitje Groep Een";
pub const T_GROEP3: &str = "Toets Groep Drie";
pub const T_TWEE_GROEPEN: &str = "Samen Een En Drie";
pub const T_TEAM: &str = "Teamoverleg Geheim";
pub const T_TRAINING_1: &str = "Hoofdstuk Eerste";
pub const T_TRAINING_2: &str = "Hoofdstuk Tweede";
pub const T_TRAINING_3: &str = "Hoofdstuk Derde";
pub const T_DRAFT: &str = "Concept Nog Geheim";
pub const GROEP1_HOME_TEXT: &str = "Welkom in groep een, dit is de thuistekst-4711.";

pub fn page(front: &str, body: &str) -> String {
    format!("---\n{front}\n---\n{body}\n")
}

/// The who-sees-what fixture.
pub fn school() -> Site {
    let files: Vec<(&str, String)> = vec![
        ("book.toml", BOOK_TOML.to_string()),
        (
            "content/index.md",
            page("title: Welkom", "Welkom op de site van De Eik."),
        ),
        (
            "content/kapstok.md",
            page(
                &format!("title: {T_SCHOOL}\nweight: 1"),
                "De kapstok geldt voor de hele school.",
            ),
        ),
        (
            "content/onderbouw/zandbak.md",
            page(
                &format!("title: {T_ONDERBOUW}\nbands: [onderbouw]"),
                "In de onderbouw spelen we in de zandbak.",
            ),
        ),
        (
            "content/bovenbouw/kamp.md",
            page(
                &format!("title: {T_BOVENBOUW}\nbands: [bovenbouw]"),
                "De bovenbouw gaat op kamp.",
            ),
        ),
        (
            "content/groep-1/index.md",
            page("title: Groep 1 thuis\nclasses: [groep-1]", GROEP1_HOME_TEXT),
        ),
        (
            "content/groep-1/uitje.md",
            page(
                &format!("title: {T_GROEP1}\nclasses: [groep-1]"),
                "Groep 1 gaat naar de kinderboerderij.",
            ),
        ),
        (
            "content/groep-3/toets.md",
            page(
                &format!("title: {T_GROEP3}\nclasses: [groep-3]"),
                "Groep 3 heeft een toets.",
            ),
        ),
        (
            "content/samen.md",
            page(
                &format!("title: {T_TWEE_GROEPEN}\nclasses: [groep-1, groep-3]"),
                "Groep 1 en groep 3 doen samen een project.",
            ),
        ),
        (
            "content/team/overleg.md",
            page(
                &format!("title: {T_TEAM}\naudience: team"),
                "Agenda van het teamoverleg.",
            ),
        ),
        // Written in a file order that differs from the weight order.
        (
            "content/training/a.md",
            page(
                &format!("title: {T_TRAINING_3}\naudience: training\nweight: 30"),
                "Tekst van het derde hoofdstuk.",
            ),
        ),
        (
            "content/training/b.md",
            page(
                &format!("title: {T_TRAINING_1}\naudience: training\nweight: 10"),
                "Tekst van het eerste hoofdstuk.",
            ),
        ),
        (
            "content/training/c.md",
            page(
                &format!("title: {T_TRAINING_2}\naudience: training\nweight: 20"),
                "Tekst van het tweede hoofdstuk.",
            ),
        ),
        (
            "content/concept.md",
            page(
                &format!("title: {T_DRAFT}\ndraft: true"),
                "Dit is nog niet af.",
            ),
        ),
    ];
    let refs: Vec<(&str, &str)> = files.iter().map(|(p, t)| (*p, t.as_str())).collect();
    site(&refs)
}

// ---------------------------------------------------------------------------
// Files and trees.

/// Every file under `dir`, as sorted paths relative to `dir` with `/`.
pub fn list_files(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    if dir.is_dir() {
        walk(dir, dir, &mut out);
    }
    out.sort();
    out
}

fn walk(base: &Path, dir: &Path, out: &mut Vec<String>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let entry = entry.unwrap();
        let path = entry.path();
        if path.is_dir() {
            walk(base, &path, out);
        } else {
            out.push(slash(path.strip_prefix(base).unwrap()));
        }
    }
}

pub fn slash(p: &Path) -> String {
    p.components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

/// The whole tree: relative path → bytes.
pub fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    list_files(dir)
        .into_iter()
        .map(|rel| {
            let bytes = std::fs::read(dir.join(&rel)).unwrap();
            (rel, bytes)
        })
        .collect()
}

/// The HTML files under `dir` (relative paths).
pub fn html_files(dir: &Path) -> Vec<String> {
    list_files(dir)
        .into_iter()
        .filter(|f| f.ends_with(".html"))
        .collect()
}

pub fn read(path: &Path) -> String {
    std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("could not read {}: {e}", path.display()))
}

pub fn assert_file(out: &Path, rel: &str) {
    assert!(
        out.join(rel).is_file(),
        "expected {rel} in the output; files: {:#?}",
        list_files(out)
    );
}

pub fn assert_no_file(out: &Path, rel: &str) {
    assert!(!out.join(rel).exists(), "{rel} must not be in the output");
}

// ---------------------------------------------------------------------------
// A tiny HTML tag reader (enough for generated HTML).

#[derive(Debug, Clone)]
pub struct Tag {
    pub name: String,
    pub attrs: Vec<(String, String)>,
    /// Byte offset of the `<` in the document.
    pub offset: usize,
}

impl Tag {
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// Start tags of `html` in order, with their attributes (entities in values
/// decoded). Comments, end tags and the raw text of script/style are skipped.
pub fn tags(html: &str) -> Vec<Tag> {
    let bytes = html.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(rel) = html[i..].find('<') {
        let start = i + rel;
        let rest = &html[start..];
        if rest.starts_with("<!--") {
            i = start + rest.find("-->").map(|e| e + 3).unwrap_or(rest.len());
            continue;
        }
        let after = bytes.get(start + 1).copied().unwrap_or(b' ');
        if !after.is_ascii_alphabetic() {
            i = start + 1;
            continue;
        }
        // Name.
        let mut j = start + 1;
        while j < bytes.len() && (bytes[j].is_ascii_alphanumeric() || bytes[j] == b'-') {
            j += 1;
        }
        let name = html[start + 1..j].to_ascii_lowercase();
        let mut attrs = Vec::new();
        loop {
            while j < bytes.len() && bytes[j].is_ascii_whitespace() {
                j += 1;
            }
            if j >= bytes.len() {
                break;
            }
            if bytes[j] == b'>' {
                j += 1;
                break;
            }
            if bytes[j] == b'/' {
                j += 1;
                continue;
            }
            let n0 = j;
            while j < bytes.len()
                && !bytes[j].is_ascii_whitespace()
                && bytes[j] != b'='
                && bytes[j] != b'>'
                && bytes[j] != b'/'
            {
                j += 1;
            }
            let attr_name = html[n0..j].to_ascii_lowercase();
            while j < bytes.len() && bytes[j].is_ascii_whitespace() {
                j += 1;
            }
            let mut value = String::new();
            if j < bytes.len() && bytes[j] == b'=' {
                j += 1;
                while j < bytes.len() && bytes[j].is_ascii_whitespace() {
                    j += 1;
                }
                if j < bytes.len() && (bytes[j] == b'"' || bytes[j] == b'\'') {
                    let q = bytes[j];
                    let v0 = j + 1;
                    let mut k = v0;
                    while k < bytes.len() && bytes[k] != q {
                        k += 1;
                    }
                    value = html[v0..k].to_string();
                    j = (k + 1).min(bytes.len());
                } else {
                    let v0 = j;
                    while j < bytes.len() && !bytes[j].is_ascii_whitespace() && bytes[j] != b'>' {
                        j += 1;
                    }
                    value = html[v0..j].to_string();
                }
            }
            if !attr_name.is_empty() {
                attrs.push((attr_name, decode_entities(&value)));
            }
        }
        i = j;
        if name == "script" || name == "style" {
            let close = format!("</{name}");
            i = html[i..]
                .to_ascii_lowercase()
                .find(&close)
                .map(|e| i + e)
                .unwrap_or(html.len());
        }
        out.push(Tag {
            name,
            attrs,
            offset: start,
        });
    }
    out
}

pub fn decode_entities(s: &str) -> String {
    s.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&#x2F;", "/")
        .replace("&#47;", "/")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// Is this URL a reference to another host (`http://`, `https://`, `//`)?
pub fn is_external(url: &str) -> bool {
    let u = url.trim().to_ascii_lowercase();
    u.starts_with("http://") || u.starts_with("https://") || u.starts_with("//")
}

/// The host of an external URL.
pub fn host_of(url: &str) -> String {
    let u = url.trim();
    let after = u.split_once("//").map(|(_, rest)| rest).unwrap_or(u);
    let host = after
        .split(['/', '?', '#'])
        .next()
        .unwrap_or("")
        .rsplit('@')
        .next()
        .unwrap_or("");
    host.split(':').next().unwrap_or("").to_ascii_lowercase()
}

/// Has a scheme such as `mailto:` or `tel:` (not a file path).
pub fn has_scheme(url: &str) -> bool {
    match url.find(':') {
        Some(i) => {
            let s = &url[..i];
            !s.is_empty()
                && s.starts_with(|c: char| c.is_ascii_alphabetic())
                && s.chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        }
        None => false,
    }
}

/// The file a relative URL written in `from` (an output file, relative to the
/// output root) points to, relative to the output root, with `..` resolved
/// lexically. `#fragment` and `?query` are dropped; a folder URL gets
/// `index.html`. None if it climbs above the output root.
pub fn resolve_rel(from: &str, url: &str) -> Option<String> {
    let url = url.split('#').next().unwrap_or("");
    let url = url.split('?').next().unwrap_or("");
    let url = percent_decode(url);
    let dir = match from.rsplit_once('/') {
        Some((d, _)) => d,
        None => "",
    };
    let mut parts: Vec<String> = dir
        .split('/')
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect();
    for seg in url.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s.to_string()),
        }
    }
    let mut joined = parts.join("/");
    if url.is_empty() || url.ends_with('/') || url == "." || url.ends_with("/.") {
        if !joined.is_empty() {
            joined.push('/');
        }
        joined.push_str("index.html");
    }
    Some(joined)
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = |b: u8| (b as char).to_digit(16);
            if let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// A relative URL as written (not a fragment, not external, no scheme).
pub fn is_relative_url(url: &str) -> bool {
    let u = url.trim();
    !u.is_empty() && !u.starts_with('#') && !u.starts_with('/') && !has_scheme(u)
}

/// Lexically normalised absolute path (no disk access).
pub fn normalize(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            c => out.push(c),
        }
    }
    out
}

/// The `href` of the first `<a>` carrying `rel="REL"` (prev/next links).
pub fn rel_link(html: &str, rel: &str) -> Option<String> {
    tags(html)
        .into_iter()
        .find(|t| {
            t.name == "a"
                && t.attr("rel")
                    .is_some_and(|r| r.split_whitespace().any(|x| x == rel))
        })
        .and_then(|t| t.attr("href").map(str::to_string))
}

/// The text between the first `<nav ...>` whose attributes contain `marker`
/// and its `</nav>`.
pub fn nav_section<'a>(html: &'a str, marker: &str) -> Option<&'a str> {
    let mut from = 0;
    while let Some(rel) = html[from..].find("<nav") {
        let start = from + rel;
        let open_end = start + html[start..].find('>')?;
        if html[start..open_end].contains(marker) {
            let end = open_end + html[open_end..].find("</nav>")?;
            return Some(&html[start..end]);
        }
        from = open_end;
    }
    None
}

/// Does stderr name `file` followed by `:LINE` (any line when `line` is None)?
pub fn names_file_line(stderr: &str, file: &str, line: Option<usize>) -> bool {
    let mut from = 0;
    while let Some(rel) = stderr[from..].find(file) {
        let at = from + rel + file.len();
        let rest = &stderr[at..];
        if let Some(rest) = rest.strip_prefix(':') {
            let digits: String = rest.chars().take_while(|c| c.is_ascii_digit()).collect();
            if !digits.is_empty() {
                match line {
                    None => return true,
                    Some(l) if digits == l.to_string() => return true,
                    _ => {}
                }
            }
        }
        from = at;
    }
    false
}

// ---------------------------------------------------------------------------
// Private sites (spec §6): what a reader with the code sees.

/// The code of `site` in the text of a `codes.toml`.
pub fn code_in(codes_toml: &str, site: &str) -> Option<String> {
    codes_toml.lines().find_map(|l| {
        let (key, value) = l.split_once('=')?;
        (key.trim() == site).then(|| value.trim().trim_matches('"').to_string())
    })
}

/// Is this file a private site's encrypted output (a shell, an encrypted
/// file or search index)? Those differ between builds on purpose.
pub fn is_sealed(path: &str, bytes: &[u8]) -> bool {
    let has = |needle: &[u8]| bytes.windows(needle.len()).any(|w| w == needle);
    path.ends_with(".helder.js")
        || bytes.starts_with(b"window.helderZoekIndexSealed=")
        || (path.ends_with(".html") && has(b"id=\"helder-slot\""))
}

/// The page at `path` as a reader sees it: a private page's shell opened
/// with the code from `codes_toml` for its site; any other page as it is.
pub fn read_opened_with(path: &Path, codes_toml: &str) -> String {
    let html = read(path);
    let Some(start) = html.find("id=\"helder-slot\"") else {
        return html;
    };
    let site = html[start..]
        .split("data-site=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("a slot names its site");
    let code = code_in(codes_toml, site)
        .unwrap_or_else(|| panic!("{}: no code for {site}", path.display()));
    let open = start + html[start..].find('>').unwrap() + 1;
    let close = open + html[open..].find("</script>").unwrap();
    let bytes = helder::open_sealed(&code, &html[open..close])
        .unwrap_or_else(|| panic!("{}: does not open with the code of {site}", path.display()));
    String::from_utf8(bytes).unwrap()
}

/// [`read_opened_with`] for fixture sites (their codes: [`FIXTURE_CODES`]).
pub fn read_opened(path: &Path) -> String {
    read_opened_with(path, FIXTURE_CODES)
}

/// The bytes of the file at `rel` in `out`, or of its encrypted copy
/// (`rel.helder.js`) opened with the code of `site` from `codes_toml`.
pub fn read_file_opened(out: &Path, rel: &str, site: &str, codes_toml: &str) -> Vec<u8> {
    let plain = out.join(rel);
    if plain.is_file() {
        return std::fs::read(plain).unwrap();
    }
    let script = read(&out.join(format!("{rel}.helder.js")));
    let envelope = script
        .rsplit_once(",\"")
        .and_then(|(_, rest)| rest.split('"').next())
        .expect("an encrypted file's script ends with its envelope");
    let code = code_in(codes_toml, site).expect("a code for the site");
    helder::open_sealed(&code, envelope).expect("opens with the site's code")
}
