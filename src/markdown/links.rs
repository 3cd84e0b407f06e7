//! Links and image sources written in a page: which are internal (to another
//! page or a file under content/), and the relative URL between two outputs.

/// What a link in a page points to, once resolved against content/.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkTarget {
    /// Another page (by content path), with an optional `#fragment`.
    Page {
        content_path: String,
        fragment: Option<String>,
    },
    /// A file under content/ (image, PDF), by content path.
    Asset { content_path: String },
}

/// How a written URL is to be treated.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Written<'a> {
    /// Another host, a scheme (mailto:, tel:), a fragment or a site-absolute
    /// path: left as written.
    AsIs,
    /// Relative to the page's file: (path, fragment).
    Relative(String, Option<&'a str>),
}

pub(crate) fn classify(url: &str) -> Written<'_> {
    let url = url.trim();
    if url.is_empty() || url.starts_with('#') || url.starts_with('/') || has_scheme(url) {
        return Written::AsIs;
    }
    let (path, fragment) = match url.split_once('#') {
        Some((p, f)) => (p, Some(f)),
        None => (url, None),
    };
    let path = path.split_once('?').map(|(p, _)| p).unwrap_or(path);
    Written::Relative(percent_decode(path), fragment)
}

pub(crate) fn has_scheme(url: &str) -> bool {
    match url.find(':') {
        Some(i) => {
            let scheme = &url[..i];
            !scheme.is_empty()
                && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        }
        None => false,
    }
}

/// Joins a relative path to the folder of the page (both under content/),
/// resolving `.` and `..`. None when it climbs out of content/.
pub(crate) fn join(page_dir: &str, relative: &str) -> Option<String> {
    let mut parts: Vec<&str> = page_dir.split('/').filter(|s| !s.is_empty()).collect();
    for seg in relative.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    Some(parts.join("/"))
}

/// The folder of a content path: `kanjer/witte-pet.md` → `kanjer`.
pub(crate) fn parent_dir(content_path: &str) -> &str {
    content_path.rsplit_once('/').map(|(d, _)| d).unwrap_or("")
}

/// Relative URL from the folder `from_dir` to `to` (both relative to the output
/// root, `/`-separated, folders ending in `/`).
pub(crate) fn relative(from_dir: &str, to: &str) -> String {
    let from: Vec<&str> = from_dir.split('/').filter(|s| !s.is_empty()).collect();
    let to_parts: Vec<&str> = to.split('/').collect();
    let common = from
        .iter()
        .zip(&to_parts)
        .take_while(|(a, b)| a == b)
        .count();
    let mut out = "../".repeat(from.len() - common);
    out.push_str(&to_parts[common..].join("/"));
    if out.is_empty() {
        out.push_str("./");
    }
    out
}

pub(crate) fn percent_decode(s: &str) -> String {
    if !s.contains('%') {
        return s.to_string();
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classification() {
        assert_eq!(classify("https://x.example/"), Written::AsIs);
        assert_eq!(classify("mailto:a@b.example"), Written::AsIs);
        assert_eq!(classify("#kop"), Written::AsIs);
        assert_eq!(classify("/abs/"), Written::AsIs);
        assert_eq!(
            classify("../a%20b.md#kop"),
            Written::Relative("../a b.md".into(), Some("kop"))
        );
    }

    #[test]
    fn joining() {
        assert_eq!(
            join("kanjer", "witte-pet.md").as_deref(),
            Some("kanjer/witte-pet.md")
        );
        assert_eq!(join("kanjer", "../index.md").as_deref(), Some("index.md"));
        assert_eq!(join("", "../../etc/passwd"), None);
    }

    #[test]
    fn relative_urls() {
        assert_eq!(relative("a/b/", "a/c/index.html"), "../c/index.html");
        assert_eq!(relative("", "a/index.html"), "a/index.html");
        assert_eq!(
            relative("groep-5/x/", "kanjer/tijger.png"),
            "../../kanjer/tijger.png"
        );
        assert_eq!(relative("a/", "a/"), "./");
        assert_eq!(relative("a/", "a/index.html"), "index.html");
    }

    #[test]
    fn decoding() {
        assert_eq!(percent_decode("a%20b"), "a b");
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("%zz"), "%zz");
        assert_eq!(percent_decode("%é%"), "%é%");
    }
}
