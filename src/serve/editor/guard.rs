//! Who may change files, and which files (spec §9): the preview is a local
//! web server that writes into `content/`, so every change request must come
//! from the editor's own page (its session token, its origin and a host that
//! no other site can point at this computer) and name a file under
//! `content/` that is a page or an image.

use std::path::{Component, Path, PathBuf};

use crate::content::CONTENT_DIR;

use super::super::http::Request;

/// The extensions of images the editor may write.
pub(super) const IMAGE_EXTENSIONS: [&str; 5] = ["png", "jpg", "jpeg", "gif", "webp"];

/// A random token per run of `helder serve`, in the editor's form and in
/// every change request. Another site can neither read it (the browser keeps
/// the form's page to its own origin) nor guess it.
pub(super) fn new_token() -> String {
    let mut bytes = [0u8; 24];
    // Without randomness there is no secret: then editing stays off (an
    // empty token matches nothing, see `token_matches`).
    if getrandom::fill(&mut bytes).is_err() {
        return String::new();
    }
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Compares in time that does not depend on where the texts differ.
pub(super) fn token_matches(token: &str, sent: Option<&str>) -> bool {
    let Some(sent) = sent else { return false };
    if token.is_empty() || token.len() != sent.len() {
        return false;
    }
    token
        .bytes()
        .zip(sent.bytes())
        .fold(0u8, |acc, (a, b)| acc | (a ^ b))
        == 0
}

/// Is the `Host` header one that only this computer answers to? `localhost`
/// or an IP address (with any port): a DNS name of another site that now
/// points at 127.0.0.1 (DNS rebinding) is refused.
pub(super) fn host_is_local(request: &Request) -> bool {
    let Some(host) = request.header("host") else {
        return false;
    };
    host_name(host).is_some_and(|name| {
        name.eq_ignore_ascii_case("localhost") || name.parse::<std::net::IpAddr>().is_ok()
    })
}

/// `localhost:1111` → `localhost`, `[::1]:80` → `::1`.
fn host_name(host: &str) -> Option<&str> {
    if let Some(rest) = host.strip_prefix('[') {
        let (name, after) = rest.split_once(']')?;
        return (after.is_empty() || after.starts_with(':')).then_some(name);
    }
    match host.split_once(':') {
        Some((name, port)) if port.bytes().all(|b| b.is_ascii_digit()) => Some(name),
        Some(_) => None,
        None => Some(host),
    }
}

/// A change request must name this server as its origin: `http://` and
/// exactly the `Host` it was sent to.
pub(super) fn origin_is_own(request: &Request) -> bool {
    match (request.header("origin"), request.header("host")) {
        (Some(origin), Some(host)) => origin
            .strip_prefix("http://")
            .is_some_and(|o| o.eq_ignore_ascii_case(host)),
        _ => false,
    }
}

/// What a path in a change request may name.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Wanted {
    Page,
    Image,
}

/// `rel` (relative to `content/`, `/`-separated) as a path on disk, or None
/// when it is not a plain path to a page (`.md`) or image under `content/`:
/// empty, absolute, with `..`, a backslash, a drive letter or a hidden part,
/// another extension, or a folder or file that is a link out of `content/`.
pub(super) fn content_file(root: &Path, rel: &str, wanted: Wanted) -> Option<PathBuf> {
    if rel.is_empty()
        || rel.len() > 400
        || rel.contains(['\0', '\\', ':'])
        || rel.starts_with('/')
        || rel.ends_with('/')
    {
        return None;
    }
    let path = Path::new(rel);
    let plain = path.components().all(|c| match c {
        Component::Normal(part) => !part.to_string_lossy().starts_with('.'),
        _ => false,
    });
    let extension = path.extension()?.to_str()?.to_ascii_lowercase();
    let allowed = match wanted {
        Wanted::Page => extension == "md",
        Wanted::Image => IMAGE_EXTENSIONS.contains(&extension.as_str()),
    };
    if !plain || !allowed {
        return None;
    }
    let content = root.join(CONTENT_DIR);
    let file = content.join(path);
    stays_inside(&content, &file).then_some(file)
}

/// Does `file` (which may not exist yet) stay inside `dir` once every link
/// on the way is followed? The nearest part of it that exists decides.
fn stays_inside(dir: &Path, file: &Path) -> bool {
    let Ok(dir) = dir.canonicalize() else {
        return false;
    };
    let mut existing = file;
    loop {
        // A link that points nowhere is refused too: it may point out later.
        if existing.symlink_metadata().is_ok() {
            return existing
                .canonicalize()
                .is_ok_and(|real| real.starts_with(&dir));
        }
        match existing.parent() {
            Some(parent) => existing = parent,
            None => return false,
        }
    }
}

/// A safe file name for an uploaded image: lower case letters, digits and
/// dashes, with its extension (`Foto 1 (kopie).JPG` → `foto-1-kopie.jpg`).
/// None when the extension is not an image's.
pub(super) fn image_name(name: &str) -> Option<String> {
    let name = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let (stem, extension) = name.rsplit_once('.')?;
    let extension = extension.to_ascii_lowercase();
    if !IMAGE_EXTENSIONS.contains(&extension.as_str()) {
        return None;
    }
    let stem = slug(stem);
    let stem = if stem.is_empty() {
        "afbeelding".into()
    } else {
        stem
    };
    Some(format!("{stem}.{extension}"))
}

/// `Kanjerles in december!` → `kanjerles-in-december`: letters without
/// accents, digits, single dashes; at most 60 characters.
pub(super) fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        let c = crate::content::page::fold_accent(c);
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
        if out.len() >= 60 {
            break;
        }
    }
    out.trim_end_matches('-').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_pages_and_images_under_content() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("content/groep-5")).unwrap();
        let page = |rel| content_file(root, rel, Wanted::Page);
        assert!(page("groep-5/uitje.md").is_some());
        assert!(
            page("nieuw/map/pagina.md").is_some(),
            "new folders may be made"
        );
        for bad in [
            "",
            "../book.toml",
            "groep-5/../../x.md",
            "/etc/x.md",
            "C:/x.md",
            "groep-5\\x.md",
            ".verborgen.md",
            "groep-5/x.html",
            "groep-5/x",
            "a\0.md",
            "./x.md",
        ] {
            assert!(page(bad).is_none(), "{bad:?}");
        }
        assert!(content_file(root, "groep-5/foto.JPG", Wanted::Image).is_some());
        assert!(content_file(root, "groep-5/foto.svg", Wanted::Image).is_none());
        assert!(content_file(root, "groep-5/x.md", Wanted::Image).is_none());
    }

    #[cfg(unix)]
    #[test]
    fn links_out_of_content_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("content/in")).unwrap();
        std::fs::create_dir_all(root.join("buiten")).unwrap();
        std::os::unix::fs::symlink(root.join("buiten"), root.join("content/weg")).unwrap();
        std::os::unix::fs::symlink(root.join("book.toml"), root.join("content/boek.md")).unwrap();
        std::os::unix::fs::symlink(root.join("content/in"), root.join("content/ook")).unwrap();
        assert!(content_file(root, "weg/x.md", Wanted::Page).is_none());
        assert!(content_file(root, "boek.md", Wanted::Page).is_none());
        assert!(content_file(root, "ook/x.md", Wanted::Page).is_some());
    }

    #[test]
    fn hosts_tokens_and_names() {
        for (host, ok) in [
            ("localhost:1111", true),
            ("127.0.0.1:8080", true),
            ("[::1]:1111", true),
            ("192.168.1.5", true),
            ("evil.example:1111", false),
            ("127.0.0.1.nip.io", false),
            ("localhost:abc", false),
        ] {
            let request = Request {
                method: super::super::super::http::Method::Post,
                target: "/".into(),
                headers: vec![("host".into(), host.into())],
                body: Vec::new(),
            };
            assert_eq!(host_is_local(&request), ok, "{host}");
        }
        let token = new_token();
        assert_eq!(token.len(), 48);
        assert!(token_matches(&token, Some(&token)));
        assert!(!token_matches(&token, Some("x")) && !token_matches(&token, None));
        assert!(!token_matches("", Some("")));
        assert_eq!(
            image_name("Foto 1 (kopie).JPG").as_deref(),
            Some("foto-1-kopie.jpg")
        );
        assert_eq!(image_name("../../x.png").as_deref(), Some("x.png"));
        assert_eq!(image_name("x.svg"), None);
        assert_eq!(slug("Kanjerles in december!"), "kanjerles-in-december");
        assert_eq!(slug("Één café"), "een-cafe");
    }
}
