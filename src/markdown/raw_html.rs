//! What raw HTML in a page, and an SVG file, would do in a reader's browser:
//! load something from another host (spec §10: an error, since pages load
//! nothing from other hosts), or run a script (an SVG is served from the
//! school's own address, so its scripts would run there).
//!
//! Tags and attributes come from html5ever's tokenizer (the parser ammonia
//! uses), so odd quoting, upper case and entities are read as a browser does.

use std::cell::RefCell;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{
    BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};

/// One start tag: its name, its attributes (names lower case) and the byte
/// offset in the input where it was found (the line's start, see below).
#[derive(Debug, Clone)]
pub(crate) struct StartTag {
    pub name: String,
    pub attrs: Vec<(String, String)>,
    /// 1-based line of the tag in the input.
    pub line: usize,
    /// The text inside, for `<style>`.
    pub text: String,
}

#[derive(Default)]
struct Collect {
    tags: RefCell<Vec<StartTag>>,
    /// Index of an open `<style>` (its text is CSS).
    in_style: RefCell<Option<usize>>,
}

impl TokenSink for Collect {
    type Handle = ();

    fn process_token(&self, token: Token, line: u64) -> TokenSinkResult<()> {
        match token {
            Token::TagToken(tag) => {
                let name = tag.name.to_string();
                if tag.kind == TagKind::EndTag {
                    if name == "style" {
                        *self.in_style.borrow_mut() = None;
                    }
                    return TokenSinkResult::Continue;
                }
                let attrs = tag
                    .attrs
                    .iter()
                    .map(|a| (a.name.local.to_string().to_lowercase(), a.value.to_string()))
                    .collect();
                let mut tags = self.tags.borrow_mut();
                if name == "style" && !tag.self_closing {
                    *self.in_style.borrow_mut() = Some(tags.len());
                }
                tags.push(StartTag {
                    name,
                    attrs,
                    line: line as usize,
                    text: String::new(),
                });
            }
            Token::CharacterTokens(text) => {
                if let Some(i) = *self.in_style.borrow() {
                    self.tags.borrow_mut()[i].text.push_str(&text);
                }
            }
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

/// Every start tag in `html`.
pub(crate) fn start_tags(html: &str) -> Vec<StartTag> {
    let tokenizer = Tokenizer::new(Collect::default(), TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(html));
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    tokenizer.sink.tags.take()
}

/// Is `url` on another host (absolute with a scheme that loads, or
/// protocol-relative)?
pub(crate) fn is_other_host(url: &str) -> bool {
    let url = url.trim().to_ascii_lowercase();
    url.starts_with("//")
        || ["http:", "https:", "ftp:"]
            .iter()
            .any(|scheme| url.starts_with(scheme))
}

/// Attributes whose address the browser loads by itself (a link's `href`
/// is only followed when tapped, so it is not one of them).
fn loaded_addresses(tag: &StartTag) -> Vec<String> {
    let mut urls = Vec::new();
    for (name, value) in &tag.attrs {
        match name.as_str() {
            "src" | "poster" | "background" | "data" | "longdesc" => urls.push(value.clone()),
            "srcset" | "imagesrcset" => urls.extend(
                value
                    .split(',')
                    .filter_map(|part| part.split_whitespace().next())
                    .map(str::to_string),
            ),
            "href" | "xlink:href"
                if matches!(
                    tag.name.as_str(),
                    "link" | "image" | "use" | "base" | "feimage" | "script"
                ) =>
            {
                urls.push(value.clone())
            }
            "style" => urls.extend(css_urls(value)),
            _ => {}
        }
    }
    if tag.name == "style" {
        urls.extend(css_urls(&tag.text));
    }
    urls
}

/// Addresses in CSS: `url(...)` and `@import "..."`.
fn css_urls(css: &str) -> Vec<String> {
    let lower = css.to_ascii_lowercase();
    let mut urls = Vec::new();
    for (at, _) in lower.match_indices("url(") {
        let rest = &css[at + 4..];
        let end = rest.find(')').unwrap_or(rest.len());
        urls.push(rest[..end].trim().trim_matches(['"', '\'']).to_string());
    }
    for (at, _) in lower.match_indices("@import") {
        let rest = css[at + 7..].trim_start();
        if let Some(quote) = rest.chars().next().filter(|c| *c == '"' || *c == '\'') {
            let inner = &rest[1..];
            urls.push(inner[..inner.find(quote).unwrap_or(inner.len())].to_string());
        }
    }
    urls
}

#[cfg(test)]
/// Everything `html` would load from another host: (line, element, address).
pub(crate) fn loads_from_other_hosts(html: &str) -> Vec<(usize, String, String)> {
    other_host_loads(&start_tags(html))
}

/// [`loads_from_other_hosts`] for tags already read.
pub(crate) fn other_host_loads(tags: &[StartTag]) -> Vec<(usize, String, String)> {
    let mut found = Vec::new();
    for tag in tags {
        // An iframe, object or embed shows another site inside the page,
        // whatever its address says.
        for url in loaded_addresses(tag) {
            if is_other_host(&url) {
                found.push((tag.line, tag.name.clone(), url));
            }
        }
    }
    found
}

/// What in an SVG file could run a script: a `<script>`, an event handler
/// (`onload=...`), a `javascript:` address, or a `<foreignObject>` (HTML
/// inside, with its own scripts). Each as (line, what).
pub(crate) fn svg_scripts(svg: &str) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    for tag in start_tags(svg) {
        if tag.name == "script" || tag.name == "foreignobject" {
            found.push((tag.line, format!("<{}>", tag.name)));
        }
        for (name, value) in &tag.attrs {
            if name.starts_with("on") {
                found.push((tag.line, format!("{name}=\"…\" in <{}>", tag.name)));
            } else if is_script_address(value) && (name.ends_with("href") || name == "src") {
                found.push((tag.line, format!("{name}=\"{value}\" in <{}>", tag.name)));
            }
        }
    }
    found
}

/// `javascript:`, `vbscript:` or `data:` (which may hold a script), with
/// the spaces and control characters browsers ignore.
pub(crate) fn is_script_address(url: &str) -> bool {
    let lower: String = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_lowercase();
    ["javascript:", "vbscript:", "data:"]
        .iter()
        .any(|scheme| lower.starts_with(scheme))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hosts(html: &str) -> Vec<String> {
        loads_from_other_hosts(html)
            .into_iter()
            .map(|(_, tag, url)| format!("{tag} {url}"))
            .collect()
    }

    #[test]
    fn finds_every_way_to_load_from_another_host() {
        assert_eq!(
            hosts("<img src=\"https://t.example/p.gif\">"),
            ["img https://t.example/p.gif"]
        );
        assert_eq!(
            hosts("<IMG SRC=//t.example/p.gif>"),
            ["img //t.example/p.gif"]
        );
        assert_eq!(
            hosts("<iframe src='https://video.example/e/1'></iframe>"),
            ["iframe https://video.example/e/1"]
        );
        assert_eq!(
            hosts("<script src=\"https://cdn.example/x.js\"></script>"),
            ["script https://cdn.example/x.js"]
        );
        assert_eq!(
            hosts("<link rel=stylesheet href=\"https://fonts.example/css\">"),
            ["link https://fonts.example/css"]
        );
        assert_eq!(
            hosts("<div style=\"background: URL( 'https://t.example/b.png' )\">x</div>"),
            ["div https://t.example/b.png"]
        );
        assert_eq!(
            hosts("<style>@import \"https://fonts.example/a.css\"; p { background: url(//t.example/x) }</style>"),
            ["style //t.example/x", "style https://fonts.example/a.css"]
        );
        assert_eq!(
            hosts("<img src=a.png srcset=\"a.png 1x, https://t.example/b.png 2x\">"),
            ["img https://t.example/b.png"]
        );
        assert_eq!(
            hosts("<video poster=https://t.example/p.jpg src=film.mp4></video>"),
            ["video https://t.example/p.jpg"]
        );
    }

    #[test]
    fn links_and_own_files_are_fine() {
        assert!(hosts("<a href=\"https://ok.example\">tekst</a>").is_empty());
        assert!(hosts("<img src=\"foto.jpg\"><img src=\"/assets/logo.png\">").is_empty());
        assert!(hosts("<p style=\"color: red\">rood</p>").is_empty());
    }

    #[test]
    fn lines_are_counted_in_the_html() {
        let found = loads_from_other_hosts("<p>\nx\n</p>\n<img src=\"https://t.example/p.gif\">");
        assert_eq!(found[0].0, 4);
    }

    #[test]
    fn scripts_in_svg() {
        let svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\">\n<script>alert(2)</script>\n<a xlink:href=\"java\tscript:alert(3)\"><circle r=\"4\"/></a>\n</svg>";
        let found: Vec<String> = svg_scripts(svg)
            .into_iter()
            .map(|(l, w)| format!("{l}: {w}"))
            .collect();
        assert_eq!(found.len(), 3, "{found:?}");
        assert!(found[0].starts_with("1: onload"), "{found:?}");
        assert!(found[1].starts_with("2: <script>"), "{found:?}");
        assert!(found[2].starts_with("3: xlink:href"), "{found:?}");
        assert!(svg_scripts("<svg><circle r=\"4\" fill=\"#c00\"/><a href=\"https://x.example\"><text>x</text></a></svg>").is_empty());
    }
}
