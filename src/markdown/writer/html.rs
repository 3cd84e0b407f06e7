//! Raw HTML in a body: loads from other hosts are errors, relative addresses
//! are resolved like Markdown links, and with `safe-html` it is sanitised.

use std::ops::Range;

use pulldown_cmark::{CowStr, Event, TagEnd};

use super::super::links::{self, Written};
use super::super::{raw_html, LinkTarget, LINK_CLOSE, LINK_OPEN};
use super::link::resolve;
use super::{find_end, joined, BodyWriter, Events};
use crate::content::Content;
use crate::error::Diagnostic;
use crate::msg;

/// How deeply raw HTML may nest elements when it is sanitised (safe-html).
/// The HTML parser behind ammonia takes time quadratic in the depth: 12,000
/// nested `<div>` took over ten seconds.
const MAX_HTML_DEPTH: usize = 512;

/// Elements without an end tag.
const VOID_ELEMENTS: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr",
];

impl<'a> BodyWriter<'a> {
    /// A block of raw HTML, taken in whole; returns the index after it.
    pub(super) fn html_block(&mut self, i: usize, range: &Range<usize>) -> usize {
        let end = find_end(self.events, i);
        let raw = joined(&self.events[i + 1..end], |e| match e {
            Event::Html(h) => Some(h),
            _ => None,
        });
        let (line, column) = self.position(range.start);
        let tags = raw_html::start_tags(&raw);
        for (tag_line, tag, url) in raw_html::other_host_loads(&tags) {
            self.errors.push(other_host_error(
                &self.page.source,
                line + tag_line - 1,
                column,
                &tag,
                &url,
            ));
        }
        if !self.ctx.safe_html {
            let html = self.resolve_raw_addresses(&raw, &tags);
            self.html(html);
            return end + 1;
        }
        if html_depth(&raw) > MAX_HTML_DEPTH {
            self.error_at(
                range.start,
                msg!("markdown.html-te-diep", diepte = MAX_HTML_DEPTH),
                msg!("markdown.html-te-diep-hulp"),
            );
            return end + 1;
        }
        let clean = ammonia::clean(&raw);
        let html = self.resolve_raw_addresses(&clean, &raw_html::start_tags(&clean));
        self.html(html);
        end + 1
    }

    /// A tag written inline; returns the index of the next event to write.
    pub(super) fn inline_html(&mut self, h: &CowStr<'a>, i: usize, range: &Range<usize>) -> usize {
        let (line, column) = self.position(range.start);
        let tags = raw_html::start_tags(h);
        for (_, tag, url) in raw_html::other_host_loads(&tags) {
            self.errors.push(other_host_error(
                &self.page.source,
                line,
                column,
                &tag,
                &url,
            ));
        }
        if !self.ctx.safe_html {
            let html = self.resolve_raw_addresses(h, &tags);
            self.out.push(Event::InlineHtml(html.into()));
        } else if let Some(close) = closing_inline_tag(self.events, i) {
            // An element written inline (`<a href="...">tekst</a>`) is
            // sanitised whole: its tags cleaned one by one would lose
            // their content.
            let mut html = String::new();
            pulldown_cmark::html::push_html(
                &mut html,
                self.events[i..=close].iter().map(|(e, _)| e.clone()),
            );
            self.out
                .push(Event::InlineHtml(ammonia::clean(&html).into()));
            return close + 1;
        } else {
            // A lone tag: what is left of it is harmless (no script, no handlers).
            self.out.push(Event::InlineHtml(ammonia::clean(h).into()));
        }
        i + 1
    }

    fn resolve_raw_addresses(&mut self, html: &str, tags: &[raw_html::StartTag]) -> String {
        resolve_raw_addresses(html, tags, self.ctx.content, self.page_dir, &mut self.links)
    }
}

/// Relative addresses in raw HTML (`<video src="film.mp4">`, `<a
/// href="brief.pdf">`) name files beside the page, as in Markdown; they are
/// resolved the same way, so they work at every depth and in every site.
/// Addresses that name nothing in content/ are left as written.
fn resolve_raw_addresses(
    html: &str,
    tags: &[raw_html::StartTag],
    content: &Content,
    page_dir: &str,
    links: &mut Vec<LinkTarget>,
) -> String {
    let mut html = html.to_string();
    for tag in tags {
        for (name, value) in &tag.attrs {
            if !matches!(name.as_str(), "src" | "href" | "poster") {
                continue;
            }
            let Written::Relative(path, fragment) = links::classify(value) else {
                continue;
            };
            let Ok(target) = resolve(content, page_dir, &path, fragment) else {
                continue;
            };
            let placeholder = format!("{LINK_OPEN}{}{LINK_CLOSE}", links.len());
            let mut replaced = false;
            for written in [
                format!("{name}=\"{value}\""),
                format!("{name}='{value}'"),
                format!("{name}={value}"),
            ] {
                if html.contains(&written) {
                    html = html.replacen(&written, &format!("{name}=\"{placeholder}\""), 1);
                    replaced = true;
                    break;
                }
            }
            if replaced {
                links.push(target);
            }
        }
    }
    html
}

/// Raw HTML that loads something from another host (spec §10).
fn other_host_error(
    file: &std::path::Path,
    line: usize,
    column: usize,
    tag: &str,
    url: &str,
) -> Diagnostic {
    Diagnostic::site(msg!("markdown.html-extern", tag = tag, adres = url))
        .in_file(file)
        .at(line, column)
        .help(msg!("markdown.html-extern-hulp"))
}

/// For an inline opening tag at `open` (`<a href="...">`), the index of its
/// closing tag in the same paragraph, if there is one.
fn closing_inline_tag(events: &Events<'_>, open: usize) -> Option<usize> {
    let Event::InlineHtml(tag) = &events[open].0 else {
        return None;
    };
    let name: String = tag
        .strip_prefix('<')?
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase();
    if name.is_empty() || tag.trim_end().ends_with("/>") {
        return None;
    }
    let closing = format!("</{name}");
    for (j, (event, _)) in events.iter().enumerate().skip(open + 1) {
        match event {
            Event::InlineHtml(h) if h.to_ascii_lowercase().starts_with(&closing) => return Some(j),
            Event::End(
                TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::TableCell | TagEnd::Item,
            ) => return None,
            _ => {}
        }
    }
    None
}

/// How deeply the elements of `html` nest, counted loosely: each start tag
/// (but a void or self-closed one) opens a level, each end tag closes one.
/// Elements HTML closes by itself (`<p>`, `<li>`) count as open, so this
/// only overcounts.
pub(in crate::markdown) fn html_depth(html: &str) -> usize {
    let (mut depth, mut deepest) = (0usize, 0usize);
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        rest = &rest[open + 1..];
        if rest.starts_with('/') {
            depth = depth.saturating_sub(1);
            continue;
        }
        let name_len = rest
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(rest.len());
        if name_len == 0 || !rest.starts_with(|c: char| c.is_ascii_alphabetic()) {
            continue;
        }
        let name = rest[..name_len].to_ascii_lowercase();
        // Skip to the tag's end, so the whole text is read once.
        let Some(close) = rest.find('>') else {
            break;
        };
        let self_closed = rest[..close].ends_with('/');
        rest = &rest[close + 1..];
        if !self_closed && !VOID_ELEMENTS.contains(&name.as_str()) {
            depth += 1;
            deepest = deepest.max(depth);
        }
    }
    deepest
}
