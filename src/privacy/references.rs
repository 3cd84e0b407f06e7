//! In an opened private page, the addresses of encrypted files (a class's
//! photos, a deck's PowerPoint) are moved from `src`, `href` and `poster`
//! to `data-helder-sealed-src` (and so on) pointing at the encrypted copy;
//! `slot.js` loads it, decrypts it and puts a `blob:` address back. A
//! `srcset` naming such a file is dropped (no smaller copies are made).
//!
//! Written by hand, not with an HTML rewriter crate: it reads only tags
//! helder's own Markdown writer and templates make, whose attributes are
//! always quoted. A tag written otherwise (raw HTML) keeps its address,
//! which then names a file that is not in the output: it fails closed.

use std::collections::HashSet;

use crate::markdown::links::{join, percent_decode};
use crate::site::layout::SEALED_SUFFIX;

/// The tags whose addresses may name an encrypted file.
const TAGS: [&str; 5] = ["img", "a", "video", "source", "audio"];
/// The attributes that load or link one file.
const ADDRESS_ATTRIBUTES: [&str; 3] = ["src", "href", "poster"];

/// `html` (a page in folder `from_dir`) with every address of a file in
/// `sealed` (output paths) moved to its encrypted copy.
pub(crate) fn seal_references(html: String, from_dir: &str, sealed: &HashSet<String>) -> String {
    if sealed.is_empty() {
        return html;
    }
    // Copied only from the first address that changes: most pages (and a
    // big site's readability report, megabytes) name no encrypted file and
    // are handed back as they came.
    let mut out: Option<String> = None;
    let mut copied = 0;
    let mut at = 0;
    while let Some(start) = html[at..].find('<').map(|i| at + i) {
        let Some(end) = tag_end(&html[start..]).map(|e| start + e) else {
            break;
        };
        if let Some(new) = rewrite_tag(&html[start..end], from_dir, sealed) {
            let out = out.get_or_insert_with(|| String::with_capacity(html.len() + 256));
            out.push_str(&html[copied..start]);
            out.push_str(&new);
            copied = end;
        }
        at = end;
    }
    match out {
        Some(mut out) => {
            out.push_str(&html[copied..]);
            out
        }
        None => html,
    }
}

/// The length of the tag at the start of `text` up to and with its `>`,
/// skipping quoted values.
fn tag_end(text: &str) -> Option<usize> {
    let mut quote: Option<char> = None;
    for (i, c) in text.char_indices().skip(1) {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '>') => return Some(i + 1),
            (None, '<') => return Some(i),
            _ => {}
        }
    }
    None
}

/// One attribute as written: its name and its double-quoted value.
struct Attribute<'a> {
    name: &'a str,
    value: Option<&'a str>,
}

/// The tag rewritten, or None when it names no encrypted file.
fn rewrite_tag(tag: &str, from_dir: &str, sealed: &HashSet<String>) -> Option<String> {
    let inner = tag
        .strip_prefix('<')?
        .trim_end_matches('>')
        .trim_end_matches('/');
    let name_len = inner
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(inner.len());
    let name = &inner[..name_len];
    if !TAGS.iter().any(|t| t.eq_ignore_ascii_case(name)) {
        return None;
    }
    let attributes = parse_attributes(&inner[name_len..])?;
    let is_sealed = |value: &str| sealed_target(value, from_dir, sealed);
    let touched = attributes.iter().any(|a| {
        let value = a.value.unwrap_or("");
        (ADDRESS_ATTRIBUTES.contains(&a.name) && is_sealed(value))
            || (a.name == "srcset" && srcset_names_sealed(value, &is_sealed))
    });
    if !touched {
        return None;
    }
    let drop_srcset = attributes
        .iter()
        .any(|a| a.name == "srcset" && srcset_names_sealed(a.value.unwrap_or(""), &is_sealed));
    let mut out = format!("<{name}");
    for a in &attributes {
        let value = a.value.unwrap_or("");
        if drop_srcset && (a.name == "srcset" || a.name == "sizes") {
            continue;
        }
        if ADDRESS_ATTRIBUTES.contains(&a.name) && is_sealed(value) {
            let (address, _) = split_address(value);
            out.push_str(&format!(
                " data-helder-sealed-{}=\"{address}{SEALED_SUFFIX}\"",
                a.name
            ));
            if a.name == "href" {
                let file = address.rsplit('/').next().unwrap_or(address);
                out.push_str(&format!(" download=\"{file}\""));
            }
            continue;
        }
        match a.value {
            Some(v) => out.push_str(&format!(" {}=\"{v}\"", a.name)),
            None => out.push_str(&format!(" {}", a.name)),
        }
    }
    out.push('>');
    Some(out)
}

/// The attributes of a tag written with double quotes; None for any other
/// way of writing them (the tag is then left as it is).
fn parse_attributes(text: &str) -> Option<Vec<Attribute<'_>>> {
    let mut out = Vec::new();
    let mut rest = text.trim_start();
    while !rest.is_empty() {
        let name_end = rest
            .find(|c: char| c == '=' || c.is_whitespace())
            .unwrap_or(rest.len());
        let name = &rest[..name_end];
        if name.is_empty() || name.contains(['"', '\'', '<']) {
            return None;
        }
        rest = &rest[name_end..];
        if let Some(after) = rest.strip_prefix("=\"") {
            let close = after.find('"')?;
            out.push(Attribute {
                name,
                value: Some(&after[..close]),
            });
            rest = after[close + 1..].trim_start();
        } else if rest.starts_with('=') {
            return None;
        } else {
            out.push(Attribute { name, value: None });
            rest = rest.trim_start();
        }
    }
    Some(out)
}

/// The address without its `?query` or `#fragment`, and that tail.
fn split_address(value: &str) -> (&str, &str) {
    let cut = value.find(['?', '#']).unwrap_or(value.len());
    value.split_at(cut)
}

/// Does this (escaped, relative) address name an encrypted file?
fn sealed_target(value: &str, from_dir: &str, sealed: &HashSet<String>) -> bool {
    let (address, _) = split_address(value);
    if address.is_empty() || address.starts_with('/') || address.contains(':') {
        return false;
    }
    let decoded = percent_decode(&address.replace("&amp;", "&"));
    join(from_dir, &decoded).is_some_and(|path| sealed.contains(&path))
}

fn srcset_names_sealed(value: &str, is_sealed: &dyn Fn(&str) -> bool) -> bool {
    value
        .split(',')
        .filter_map(|candidate| candidate.split_whitespace().next())
        .any(is_sealed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sealed(paths: &[&str]) -> HashSet<String> {
        paths.iter().map(|p| p.to_string()).collect()
    }

    #[test]
    fn an_image_of_a_private_page_loads_its_encrypted_copy() {
        let html = "<p><img src=\"foto.jpg\" alt=\"De klas\" width=\"800\" height=\"600\" srcset=\"foto-480w.jpg 480w, foto.jpg 800w\" sizes=\"100vw\"></p>";
        let out = seal_references(
            html.to_string(),
            "groep-5/uitje/",
            &sealed(&["groep-5/uitje/foto.jpg"]),
        );
        assert_eq!(
            out,
            "<p><img data-helder-sealed-src=\"foto.jpg.helder.js\" alt=\"De klas\" width=\"800\" height=\"600\"></p>"
        );
    }

    #[test]
    fn a_link_to_an_encrypted_file_downloads_it_under_its_name() {
        let html = "<a href=\"../dia%27s.pptx\" class=\"button\">PowerPoint</a>";
        let out = seal_references(
            html.to_string(),
            "team/overleg/",
            &sealed(&["team/dia's.pptx"]),
        );
        assert_eq!(
            out,
            "<a data-helder-sealed-href=\"../dia%27s.pptx.helder.js\" download=\"dia%27s.pptx\" class=\"button\">PowerPoint</a>"
        );
    }

    #[test]
    fn other_addresses_and_text_stay_as_they_are() {
        let html = "<p>a < b</p><a href=\"https://school.example/foto.jpg\">x</a><img src='foto.jpg'><img src=\"ander.jpg\">";
        let out = seal_references(html.to_string(), "groep-5/", &sealed(&["groep-5/foto.jpg"]));
        assert_eq!(out, html);
    }
}
