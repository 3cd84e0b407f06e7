//! A page's Markdown body → HTML and an outline (pulldown-cmark).
//!
//! CommonMark plus GFM tables, footnotes, task lists, strikethrough and alerts
//! (rendered as callouts), heading anchors, highlighted code and shortcodes.
//!
//! A body is rendered once, whichever sites show it. Links to other pages and
//! files differ per site (a page sits at a different depth in the school site
//! than in a class site), so they are left as placeholders numbered into
//! [`Rendered::links`] and filled in per site by [`Rendered::html_for`].

pub(crate) mod autolink;
pub(crate) mod document;
mod expand;
pub(crate) mod highlight;
mod ids;
mod layout;
pub(crate) mod links;
pub(crate) mod raw_html;
pub(crate) mod shortcodes;
pub(crate) mod slides;
mod writer;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt::Write as _;
use std::ops::Range;

use pulldown_cmark::{BlockQuoteKind, Options};

pub(crate) use document::{Span, TextBlock};
pub(crate) use links::LinkTarget;
pub(crate) use shortcodes::ArgValue;
pub(crate) use slides::Outline;
pub(crate) use writer::{find_end, is_video};

use crate::content::{Content, Page, PageKind};
use crate::error::{Diagnostic, Errors};
use crate::msg;
use crate::plain::lexicon::Glossary;
use crate::plain::text::Block;
use highlight::escape;
#[cfg(test)]
use writer::html_depth;

/// Marks a link placeholder: LINK_OPEN, the link's index, LINK_CLOSE. Private-use
/// characters that authors' text can not contain (they are replaced on input).
const LINK_OPEN: char = '\u{E000}';
const LINK_CLOSE: char = '\u{E001}';
const SHORTCODE_OPEN: char = '\u{E002}';
const SHORTCODE_CLOSE: char = '\u{E003}';

/// Renders shortcodes; implemented by the theme, which holds their templates.
pub(crate) trait Shortcodes: Sync {
    /// The theme's word `key` in `lang` (for labels helder writes into a
    /// body, such as a callout's title); None keeps the Dutch default.
    fn word(&self, _lang: &str, _key: &str) -> Option<&str> {
        None
    }
    fn exists(&self, name: &str) -> bool;
    /// Names of all shortcodes, for "use one of" hints.
    fn names(&self) -> Vec<String>;
    fn render(
        &self,
        name: &str,
        args: &BTreeMap<String, ArgValue>,
        page: &Page,
    ) -> Result<String, String>;
}

/// What rendering a body needs besides the page.
pub(crate) struct Context<'a> {
    pub content: &'a Content,
    pub shortcodes: &'a dyn Shortcodes,
    /// Terms whose first use on a (Dutch) page gets its explanation attached.
    pub glossary: Option<&'a Glossary>,
    /// `[site] safe-html`: raw HTML is sanitised (ammonia) and script links
    /// are errors, for sites where not every author is trusted.
    pub safe_html: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub text: String,
}

#[derive(Debug, Clone, Default)]
pub struct Rendered {
    /// HTML with link placeholders.
    pub html: String,
    /// Targets of the placeholders, by index.
    pub links: Vec<LinkTarget>,
    /// The headings of the body, in order, after demotion (see `render`).
    pub headings: Vec<Heading>,
    /// Links to a `#fragment`, checked once every page is rendered.
    pub fragment_links: Vec<FragmentLink>,
    /// Line and column of each picture or film written without a text for
    /// who can not see it (`![](foto.png)`): a plain-language finding.
    pub unlabelled_media: Vec<(usize, usize)>,
    /// Glossary terms used on the page (indices into the glossary), in order.
    pub terms: Vec<usize>,
    /// An evening's "In het kort" box: where its `<section class="key-points">`
    /// is in `html` (the theme shows it first).
    pub key_points: Option<Range<usize>>,
    /// A slides page: each slide rendered on its own (ids prefixed `dia-N-`).
    pub slides: Vec<Slide>,
    /// The text a reader sees, block by block, with offsets into the body
    /// (for plain-language analysis and search). A build empties it once
    /// both have read it (see `render_all`).
    pub text_blocks: Vec<Block>,
    /// The first paragraph as the reader sees it, on one line: the digest's
    /// summary of a page without one (empty when the page has a summary).
    pub lead: String,
    /// An evening's body as plain-text blocks, for its text summary (empty
    /// for other pages).
    pub document: Vec<TextBlock>,
}

/// One slide of a slides page.
#[derive(Debug, Clone, Default)]
pub struct Slide {
    /// The slide without its speaker notes.
    pub rendered: Rendered,
    /// Its speaker notes (`Notes:` paragraphs) as HTML, a `<p>` a line, with
    /// placeholders into `rendered.links`; empty when it has none.
    pub notes: String,
    /// What it says as plain text, for PowerPoint.
    pub outline: Outline,
}

/// A link to a fragment of this page (`target` None) or of another page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FragmentLink {
    pub target: Option<String>,
    pub fragment: String,
    pub line: usize,
    pub column: usize,
}

impl Rendered {
    /// Gives back the room left over from growing its strings and lists: a
    /// build holds every page's body until the pages are written, and at
    /// 50,000 pages a fifth of the HTML's room was unused.
    pub fn shrink_to_fit(&mut self) {
        self.html.shrink_to_fit();
        self.links.shrink_to_fit();
        for heading in &mut self.headings {
            heading.id.shrink_to_fit();
            heading.text.shrink_to_fit();
        }
        self.headings.shrink_to_fit();
        self.fragment_links.shrink_to_fit();
        self.unlabelled_media.shrink_to_fit();
        self.terms.shrink_to_fit();
        self.lead.shrink_to_fit();
        for slide in &mut self.slides {
            slide.rendered.shrink_to_fit();
            slide.notes.shrink_to_fit();
        }
        self.slides.shrink_to_fit();
    }

    /// Does the body hold an element with this id?
    pub fn has_id(&self, id: &str) -> bool {
        self.html.contains(&format!("id=\"{}\"", escape(id)))
    }

    /// Every `id="..."` value of the body, as escaped in it: `has_id` for many
    /// ids at once.
    fn ids(&self) -> HashSet<&str> {
        let mut ids = HashSet::new();
        for (at, open) in self.html.match_indices("id=\"") {
            let value = &self.html[at + open.len()..];
            if let Some(end) = value.find('"') {
                ids.insert(&value[..end]);
            }
        }
        ids
    }
}

impl Rendered {
    /// The HTML with every link placeholder replaced by `resolve(target)`.
    pub fn html_for(&self, resolve: impl FnMut(&LinkTarget) -> String) -> String {
        fill_links(&self.html, &self.links, resolve)
    }

    /// The HTML without the key-points box, and the box on its own, with
    /// their links filled in.
    pub fn split_key_points_for(
        &self,
        mut resolve: impl FnMut(&LinkTarget) -> String,
    ) -> (String, Option<String>) {
        let Some(section) = &self.key_points else {
            return (self.html_for(resolve), None);
        };
        let mut html = fill_links(&self.html[..section.start], &self.links, &mut resolve);
        let key_points = fill_links(&self.html[section.clone()], &self.links, &mut resolve);
        html.push_str(&fill_links(&self.html[section.end..], &self.links, resolve));
        (html, Some(key_points))
    }
}

impl Slide {
    /// The speaker notes with their links filled in.
    pub fn notes_for(&self, resolve: impl FnMut(&LinkTarget) -> String) -> String {
        fill_links(&self.notes, &self.rendered.links, resolve)
    }
}

/// `html` with every link placeholder replaced by `resolve(target)`.
fn fill_links(
    html: &str,
    links: &[LinkTarget],
    mut resolve: impl FnMut(&LinkTarget) -> String,
) -> String {
    if links.is_empty() {
        return html.to_string();
    }
    let mut out = String::with_capacity(html.len() + links.len() * 16);
    let mut rest = html;
    while let Some(start) = rest.find(LINK_OPEN) {
        out.push_str(&rest[..start]);
        let after = &rest[start + LINK_OPEN.len_utf8()..];
        let end = after.find(LINK_CLOSE).unwrap_or(after.len());
        let index: usize = after[..end].parse().unwrap_or(usize::MAX);
        if let Some(target) = links.get(index) {
            out.push_str(&escape(&resolve(target)));
        }
        rest = &after[(end + LINK_CLOSE.len_utf8()).min(after.len())..];
    }
    out.push_str(rest);
    out
}

pub(crate) fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_GFM
}

/// Renders a page's body; every broken link or bad shortcode is an error at
/// its line and column in the page's file. A slides page is rendered slide by
/// slide.
pub(crate) fn render(page: &Page, ctx: &Context<'_>) -> Result<Rendered, Errors> {
    let mut rendered = if page.meta.kind == PageKind::Slides {
        render_slides(page, ctx)?
    } else {
        writer::render_body(page, ctx)?.rendered
    };
    rendered.text_blocks = crate::plain::text::blocks(&page.body);
    // Only a page without a summary needs its lead (the digest shows one or
    // the other): at 50,000 pages the leads were 10 MB held to the end.
    let has_summary = page
        .meta
        .summary
        .as_ref()
        .is_some_and(|s| !s.trim().is_empty());
    if !has_summary {
        rendered.lead = rendered
            .text_blocks
            .iter()
            .find(|b| {
                b.kind == crate::plain::text::BlockKind::Paragraph && !b.text.trim().is_empty()
            })
            .map(|b| b.text.split_whitespace().collect::<Vec<_>>().join(" "))
            .unwrap_or_default();
    }
    Ok(rendered)
}

/// Each slide on its own (so ids and error lines stay right), and all slides
/// together as the page's HTML, each in a `<section class="slide">`.
fn render_slides(page: &Page, ctx: &Context<'_>) -> Result<Rendered, Errors> {
    let mut errors = Errors::new();
    let mut slides = Vec::new();
    let mut all = Rendered::default();
    // Each slide is rendered as a page of its own; cloning the whole body
    // for every slide made a deck of thousands of slides take seconds.
    let shell = Page {
        body: String::new(),
        ..page.clone()
    };
    for chunk in slides::split(&page.body) {
        let mut part = shell.clone();
        part.body = chunk.text;
        part.body_line = page.body_line + chunk.first_line;
        match writer::render_body(&part, ctx) {
            Ok(body) if errors.is_empty() => {
                let slide = slide(body, slides.len() + 1, &mut all);
                slides.push(slide);
            }
            Ok(_) => {}
            Err(e) => errors.extend(e),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    all.slides = slides;
    Ok(all)
}

/// Slide `n` of a deck from its rendered body, added to the deck's page `all`.
fn slide(body: writer::Body, n: usize, all: &mut Rendered) -> Slide {
    let prefix = format!("dia-{n}");
    let writer::Body {
        rendered: mut r,
        notes,
        outline,
    } = body;
    let _ = writeln!(all.html, "<section class=\"slide\" id=\"dia-{n}\">");
    all.html.push_str(&renumber_links(
        &prefix_ids(&r.html, &prefix),
        all.links.len(),
    ));
    all.html.push_str("</section>\n");
    all.links.extend(r.links.iter().cloned());
    all.headings.extend(r.headings.iter().cloned());
    for t in &r.terms {
        if !all.terms.contains(t) {
            all.terms.push(*t);
        }
    }
    // The notes apart: the ids are prefixed piece by piece, which is the
    // same as prefixing the whole (no id attribute spans a piece's edge).
    let mut html = String::with_capacity(r.html.len());
    let mut notes_html = String::new();
    let mut at = 0;
    for note in &notes {
        html.push_str(&prefix_ids(&r.html[at..note.block.start], &prefix));
        notes_html.push_str("<p>");
        notes_html.push_str(&prefix_ids(&r.html[note.text.clone()], &prefix));
        notes_html.push_str("</p>\n");
        at = note.block.end;
    }
    html.push_str(&prefix_ids(&r.html[at..], &prefix));
    r.html = html;
    // Anchors changed with the prefix; a deck has no anchor links to check.
    r.fragment_links.clear();
    Slide {
        rendered: r,
        notes: notes_html,
        outline: outline.unwrap_or_default(),
    }
}

/// Shifts the link placeholders of `html` by `by`, for joining renders.
fn renumber_links(html: &str, by: usize) -> String {
    if by == 0 || !html.contains(LINK_OPEN) {
        return html.to_string();
    }
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find(LINK_OPEN) {
        out.push_str(&rest[..start + LINK_OPEN.len_utf8()]);
        let after = &rest[start + LINK_OPEN.len_utf8()..];
        let end = after.find(LINK_CLOSE).unwrap_or(after.len());
        let n: usize = after[..end].parse().unwrap_or(0);
        let _ = write!(out, "{}", n + by);
        rest = &after[end..];
    }
    out.push_str(rest);
    out
}

/// One body among several on a page (a slide in a deck, a chapter in a book):
/// its ids, the links to them and popover targets get `prefix-` so they stay
/// unique on the page.
pub(crate) fn prefix_ids(body: &str, prefix: &str) -> String {
    body.replace(" id=\"", &format!(" id=\"{prefix}-"))
        .replace("href=\"#", &format!("href=\"#{prefix}-"))
        .replace("popovertarget=\"", &format!("popovertarget=\"{prefix}-"))
}

/// Links to a `#fragment` that is not on the target page are errors. Runs
/// after every page is rendered, since the ids of a page come from rendering.
pub(crate) fn check_fragments(content: &Content, rendered: &[Rendered]) -> Errors {
    let mut errors = Errors::new();
    // The ids of each target page, collected once: searching the whole HTML
    // for every link was quadratic (thousands of `[x](#a)` took seconds).
    let mut ids: HashMap<usize, HashSet<&str>> = HashMap::new();
    for (n, (page, own)) in content.pages.iter().zip(rendered).enumerate() {
        for link in &own.fragment_links {
            let (index, target, name) = match &link.target {
                None => (n, own, msg!("markdown.deze-pagina")),
                Some(path) => match content.page_at(path) {
                    Some(id) => (id, &rendered[id], path.clone()),
                    None => continue,
                },
            };
            let known = ids.entry(index).or_insert_with(|| target.ids());
            if !known.contains(escape(&link.fragment).as_str()) {
                let known: Vec<&str> = target.headings.iter().map(|h| h.id.as_str()).collect();
                let help = match crate::error::did_you_mean(&link.fragment, known.iter().copied()) {
                    Some(m) => msg!("markdown.anker-bedoel", anker = m),
                    None => msg!("markdown.anker-hulp"),
                };
                errors.push(
                    Diagnostic::site(msg!(
                        "markdown.anker-fout",
                        anker = link.fragment,
                        pagina = name
                    ))
                    .in_file(&page.source)
                    .at(link.line, link.column)
                    .help(help),
                );
            }
        }
    }
    errors
}

/// ` title="..."` for a link or image that has a title, else nothing.
fn title_attribute(title: &str) -> String {
    if title.is_empty() {
        String::new()
    } else {
        format!(" title=\"{}\"", escape(title))
    }
}

/// CSS class, the theme's word for the label, and that label in Dutch, of
/// a GitHub alert (`> [!TIP]`).
pub(crate) fn callout(kind: BlockQuoteKind) -> (&'static str, &'static str, &'static str) {
    match kind {
        BlockQuoteKind::Note => ("note", "callout_note", "Goed om te weten"),
        BlockQuoteKind::Tip => ("tip", "callout_tip", "Tip"),
        BlockQuoteKind::Important => ("important", "callout_important", "Belangrijk"),
        BlockQuoteKind::Warning => ("warning", "callout_warning", "Let op"),
        BlockQuoteKind::Caution => ("caution", "callout_caution", "Pas op"),
    }
}

/// For tests and tools: the HTML with every link replaced by its content path.
pub(crate) fn debug_html(rendered: &Rendered) -> String {
    rendered.html_for(|t| match t {
        LinkTarget::Page {
            content_path,
            fragment,
        } => {
            let mut s = content_path.clone();
            if let Some(f) = fragment {
                let _ = write!(s, "#{f}");
            }
            s
        }
        LinkTarget::Asset { content_path } => content_path.clone(),
    })
}

#[cfg(test)]
mod tests;
