//! A page's Markdown body → HTML and an outline (pulldown-cmark).
//!
//! CommonMark plus GFM tables, footnotes, task lists, strikethrough and alerts
//! (rendered as callouts), heading anchors, highlighted code and shortcodes.
//!
//! A body is rendered once, whichever sites show it. Links to other pages and
//! files differ per site (a page sits at a different depth in the school site
//! than in a class site), so they are left as placeholders numbered into
//! [`Rendered::links`] and filled in per site by [`Rendered::html_for`].

mod autolink;
pub mod highlight;
mod layout;
pub mod links;
pub mod raw_html;
pub mod shortcodes;
pub mod slides;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt::Write as _;
use std::ops::Range;

use pulldown_cmark::{
    BlockQuoteKind, CodeBlockKind, CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag,
    TagEnd,
};

pub use links::LinkTarget;
use links::Written;
pub use shortcodes::ArgValue;

use crate::content::{Audience, Content, LeftOut, Page, PageKind};
use crate::error::{line_col, Diagnostic, Errors};
use crate::msg;
use crate::plain::lexicon::Glossary;
use highlight::escape;
use layout::Layout;

/// Marks a link placeholder: LINK_OPEN, the link's index, LINK_CLOSE. Private-use
/// characters that authors' text can not contain (they are replaced on input).
const LINK_OPEN: char = '\u{E000}';
const LINK_CLOSE: char = '\u{E001}';
const SHORTCODE_OPEN: char = '\u{E002}';
const SHORTCODE_CLOSE: char = '\u{E003}';

/// Renders shortcodes; implemented by the theme, which holds their templates.
pub trait Shortcodes: Sync {
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
pub struct Context<'a> {
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
    /// Glossary terms used on the page (indices into the glossary), in order.
    pub terms: Vec<usize>,
    /// A slides page: each slide rendered on its own (ids prefixed `dia-N-`).
    pub slides: Vec<Rendered>,
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
    pub fn html_for(&self, mut resolve: impl FnMut(&LinkTarget) -> String) -> String {
        if self.links.is_empty() {
            return self.html.clone();
        }
        let mut out = String::with_capacity(self.html.len() + self.links.len() * 16);
        let mut rest = self.html.as_str();
        while let Some(start) = rest.find(LINK_OPEN) {
            out.push_str(&rest[..start]);
            let after = &rest[start + LINK_OPEN.len_utf8()..];
            let end = after.find(LINK_CLOSE).unwrap_or(after.len());
            let index: usize = after[..end].parse().unwrap_or(usize::MAX);
            if let Some(target) = self.links.get(index) {
                out.push_str(&escape(&resolve(target)));
            }
            rest = &after[(end + LINK_CLOSE.len_utf8()).min(after.len())..];
        }
        out.push_str(rest);
        out
    }
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
pub fn render(page: &Page, ctx: &Context<'_>) -> Result<Rendered, Errors> {
    if page.kind == PageKind::Slides {
        render_slides(page, ctx)
    } else {
        render_body(page, ctx)
    }
}

/// Each slide on its own (so ids and error lines stay right), and all slides
/// together as the page's HTML, each in a `<section class="slide">`.
fn render_slides(page: &Page, ctx: &Context<'_>) -> Result<Rendered, Errors> {
    let mut errors = Errors::new();
    let mut slides = Vec::new();
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
        match render_body(&part, ctx) {
            Ok(mut r) => {
                r.html = prefix_ids(&r.html, &format!("dia-{}", slides.len() + 1));
                // Anchors changed with the prefix; a deck has no anchor links to check.
                r.fragment_links.clear();
                slides.push(r);
            }
            Err(e) => errors.extend(e),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut all = Rendered::default();
    for (n, slide) in slides.iter().enumerate() {
        let _ = writeln!(all.html, "<section class=\"slide\" id=\"dia-{}\">", n + 1);
        all.html
            .push_str(&renumber_links(&slide.html, all.links.len()));
        all.html.push_str("</section>\n");
        all.links.extend(slide.links.iter().cloned());
        all.headings.extend(slide.headings.iter().cloned());
        for t in &slide.terms {
            if !all.terms.contains(t) {
                all.terms.push(*t);
            }
        }
    }
    all.slides = slides;
    Ok(all)
}

/// Addresses in running text become links ([`autolink`]), and `<a@b.nl>`
/// autolinks get their `mailto:`. Adjacent text events are joined first:
/// pulldown-cmark splits text at characters such as `&` and `_`.
fn link_addresses<'a>(events: Vec<(Event<'a>, Range<usize>)>) -> Vec<(Event<'a>, Range<usize>)> {
    let mut out = Vec::with_capacity(events.len());
    // Inside a link, an image's alt text or a code block nothing is linked.
    let mut closed = 0usize;
    let mut events = events.into_iter().peekable();
    while let Some((event, range)) = events.next() {
        match event {
            Event::Start(Tag::Link {
                link_type: LinkType::Email,
                dest_url,
                title,
                id,
            }) => {
                closed += 1;
                out.push((
                    Event::Start(Tag::Link {
                        link_type: LinkType::Autolink,
                        dest_url: format!("mailto:{dest_url}").into(),
                        title,
                        id,
                    }),
                    range,
                ));
            }
            Event::Start(Tag::Link { .. } | Tag::Image { .. } | Tag::CodeBlock(_)) => {
                closed += 1;
                out.push((event, range));
            }
            Event::End(TagEnd::Link | TagEnd::Image | TagEnd::CodeBlock) => {
                closed = closed.saturating_sub(1);
                out.push((event, range));
            }
            Event::Text(text) if closed == 0 => {
                let mut text = text;
                let mut range = range;
                while let Some((Event::Text(more), more_range)) = events.peek() {
                    text = format!("{text}{more}").into();
                    range.end = more_range.end;
                    events.next();
                }
                let found = autolink::find(&text);
                if found.is_empty() {
                    out.push((Event::Text(text), range));
                    continue;
                }
                let mut at = 0;
                for f in found {
                    if f.range.start > at {
                        out.push((
                            Event::Text(text[at..f.range.start].to_string().into()),
                            range.clone(),
                        ));
                    }
                    // Addresses read left to right, also on a right-to-left page.
                    out.push((
                        Event::Html(
                            format!(
                                "<a href=\"{}\" dir=\"ltr\">{}</a>",
                                escape(&f.href),
                                escape(&text[f.range.clone()])
                            )
                            .into(),
                        ),
                        range.clone(),
                    ));
                    at = f.range.end;
                }
                if at < text.len() {
                    out.push((Event::Text(text[at..].to_string().into()), range));
                }
            }
            event => out.push((event, range)),
        }
    }
    out
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

/// The video files a page may show (spec §7).
pub const VIDEO_EXTENSIONS: [&str; 2] = ["mp4", "webm"];

pub fn is_video(path: &str) -> bool {
    path.rsplit_once('.')
        .is_some_and(|(_, ext)| VIDEO_EXTENSIONS.iter().any(|v| ext.eq_ignore_ascii_case(v)))
}

/// `![Titel](film.mp4)`: a video that loads nothing until the reader taps
/// play (a phone's data bundle), with `film.jpg` beside it as its still,
/// and a link to the file for browsers that can not play it.
fn video_element(
    content: &Content,
    page_dir: &str,
    dest_url: &str,
    title: &str,
    links: &mut Vec<LinkTarget>,
) -> Option<String> {
    let Written::Relative(path, _) = links::classify(dest_url) else {
        return None;
    };
    if !is_video(&path) {
        return None;
    }
    let Ok(LinkTarget::Asset { content_path }) = resolve(content, page_dir, &path, None) else {
        return None;
    };
    let mut placeholder = |path: String| {
        links.push(LinkTarget::Asset { content_path: path });
        format!("{LINK_OPEN}{}{LINK_CLOSE}", links.len() - 1)
    };
    let stem = content_path
        .rsplit_once('.')
        .map_or(content_path.as_str(), |(s, _)| s);
    let poster = ["jpg", "jpeg", "png"]
        .iter()
        .map(|ext| format!("{stem}.{ext}"))
        .find(|p| content.asset_at(p).is_some())
        .map(|p| format!(" poster=\"{}\"", placeholder(p)))
        .unwrap_or_default();
    let src = placeholder(content_path.clone());
    if title.trim().is_empty() {
        return Some(format!(
            "<figure class=\"video\"><video controls preload=\"none\" src=\"{src}\"{poster}><a href=\"{src}\">Video</a></video></figure>"
        ));
    }
    let title = escape(title);
    Some(format!(
        "<figure class=\"video\"><video controls preload=\"none\" src=\"{src}\"{poster} aria-label=\"{title}\"><a href=\"{src}\">{title}</a></video><figcaption>{title}</figcaption></figure>"
    ))
}

/// A parent page may not link into the team or training site (spec §10):
/// parents can not open those pages, and the link would leak their address.
fn parents_may_open(
    content: &Content,
    page: &Page,
    target: LinkTarget,
) -> Result<LinkTarget, LinkError> {
    let LinkTarget::Page { content_path, .. } = &target else {
        return Ok(target);
    };
    let Some(linked) = content.page_at(content_path).map(|id| &content.pages[id]) else {
        return Ok(target);
    };
    if page.audience != Audience::Ouders || linked.audience == Audience::Ouders {
        return Ok(target);
    }
    Err((
        msg!(
            "markdown.link-niet-voor-ouders",
            pad = content_path,
            publiek = linked.audience.name()
        ),
        msg!("markdown.link-niet-voor-ouders-hulp"),
    ))
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
fn closing_inline_tag(events: &[(Event<'_>, Range<usize>)], open: usize) -> Option<usize> {
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
pub fn prefix_ids(body: &str, prefix: &str) -> String {
    body.replace(" id=\"", &format!(" id=\"{prefix}-"))
        .replace("href=\"#", &format!("href=\"#{prefix}-"))
        .replace("popovertarget=\"", &format!("popovertarget=\"{prefix}-"))
}

fn render_body(page: &Page, ctx: &Context<'_>) -> Result<Rendered, Errors> {
    let mut errors = Errors::new();
    let position = |offset: usize, source: &str, map: &OffsetMap| {
        let (line, column) = line_col(&page.body, map.original(offset, source));
        (page.body_line + line - 1, column)
    };

    // Authors can not produce the placeholder characters.
    let mut source: String = page
        .body
        .chars()
        .map(|c| {
            if ('\u{E000}'..='\u{E003}').contains(&c) {
                '\u{FFFD}'
            } else {
                c
            }
        })
        .collect();

    let mut shortcode_html = Vec::new();
    let mut map = OffsetMap::default();
    if source.contains("{{") {
        match expand_shortcodes(page, ctx, &source) {
            Ok((expanded, html, offset_map)) => {
                source = expanded;
                shortcode_html = html;
                map = offset_map;
            }
            Err(errs) => {
                for (offset, message, help) in errs {
                    let (line, column) = line_col(&page.body, offset);
                    errors.push(
                        Diagnostic::site(message)
                            .in_file(&page.source)
                            .at(page.body_line + line - 1, column)
                            .help(help),
                    );
                }
                return Err(errors);
            }
        }
    }

    let events = link_addresses(
        Parser::new_ext(&source, options())
            .into_offset_iter()
            .collect(),
    );
    let mut heading_levels = HeadingLevels::of(&events);

    let mut out_events: Vec<Event<'_>> = Vec::with_capacity(events.len());
    let mut links = Vec::new();
    let mut headings = Vec::new();
    let mut used_ids = IdPool::default();
    let mut fragment_links = Vec::new();
    // Footnotes are numbered by first use, with ids from the same pool as
    // headings so a footnote `[^ouderraad]` and a heading "Ouderraad" differ.
    let mut footnotes: HashMap<String, (usize, String)> = HashMap::new();
    let mut footnote = |name: &str, used_ids: &mut IdPool| -> (usize, String) {
        let n = footnotes.len() + 1;
        footnotes
            .entry(name.to_string())
            .or_insert_with(|| (n, unique_id(format!("fn-{}", heading_slug(name)), used_ids)))
            .clone()
    };
    let page_dir = links::parent_dir(&page.content_path);
    let glossary = ctx.glossary.filter(|_| crate::plain::is_dutch(&page.lang));
    let mut terms = Vec::new();
    let mut in_link = 0usize;
    let mut in_heading = false;
    let mut in_note = false;
    // Inside the <label> of a task list item (`- [ ] ...`), up to the end of
    // the item's first paragraph or a nested list.
    let mut in_task = false;
    let mut layout = Layout::new(&page.kind);
    let mut i = 0;
    while i < events.len() {
        let (event, range) = &events[i];
        // Depth in block containers: the page-type layouts act on the top level only.
        let top = layout.depth == 0;
        match event {
            Event::Start(Tag::BlockQuote(_) | Tag::List(_) | Tag::FootnoteDefinition(_)) => {
                layout.depth += 1
            }
            Event::End(TagEnd::BlockQuote(_) | TagEnd::List(_) | TagEnd::FootnoteDefinition) => {
                layout.depth = layout.depth.saturating_sub(1)
            }
            _ => {}
        }
        if in_task
            && matches!(
                event,
                Event::End(TagEnd::Paragraph | TagEnd::Item) | Event::Start(Tag::List(_))
            )
        {
            out_events.push(Event::Html("</label>".into()));
            in_task = false;
        }
        match event {
            // The item's text labels its checkbox (WCAG 1.3.1, 4.1.2).
            Event::TaskListMarker(done) => {
                let checked = if *done { " checked" } else { "" };
                out_events.push(Event::Html(
                    format!("<label class=\"task\"><input type=\"checkbox\" disabled{checked}> ")
                        .into(),
                ));
                in_task = true;
            }
            Event::Start(Tag::Heading {
                level, id, classes, ..
            }) => {
                let end = find_end(&events, i);
                let inner = &events[i + 1..end];
                let text = plain_text(inner.iter().map(|(e, _)| e));
                let level = heading_levels.open(*level);
                let id = unique_id(
                    id.as_ref()
                        .map(|s| s.to_string())
                        .unwrap_or_else(|| heading_slug(&text)),
                    &mut used_ids,
                );
                let class = if classes.is_empty() {
                    String::new()
                } else {
                    format!(" class=\"{}\"", escape(&classes.join(" ")))
                };
                if top {
                    layout.before_heading(level, &id, &text, &mut out_events);
                }
                out_events.push(Event::Html(
                    format!("<h{level} id=\"{}\"{class}>", escape(&id)).into(),
                ));
                headings.push(Heading { level, id, text });
                in_heading = true;
                i += 1;
                continue;
            }
            Event::End(TagEnd::Heading(_)) => {
                in_heading = false;
                let level = heading_levels.close();
                out_events.push(Event::Html(format!("</h{level}>\n").into()));
            }
            Event::Start(Tag::List(Some(first))) if top && layout.steps => {
                // A manual's numbered list is a list of steps.
                let start = if *first == 1 {
                    String::new()
                } else {
                    format!(" start=\"{first}\"")
                };
                out_events.push(Event::Html(format!("<ol class=\"steps\"{start}>\n").into()));
                layout.lists.push(true);
            }
            Event::Start(Tag::List(_)) => {
                layout.lists.push(false);
                out_events.push(event.clone());
            }
            Event::End(TagEnd::List(_)) => {
                if layout.lists.pop() == Some(true) {
                    out_events.push(Event::Html("</ol>\n".into()));
                } else {
                    out_events.push(event.clone());
                }
                if layout.depth == 0 {
                    layout.after_top_list(&mut out_events);
                }
            }
            Event::Start(Tag::BlockQuote(Some(kind))) => {
                let (class, key, dutch) = callout(*kind);
                let label = ctx.shortcodes.word(&page.lang, key).unwrap_or(dutch);
                let label = highlight::escape(label);
                out_events.push(Event::Html(
                    format!(
                        "<aside class=\"callout callout-{class}\" aria-label=\"{label}\">\n<p class=\"callout-title\">{label}</p>\n"
                    )
                    .into(),
                ));
            }
            Event::End(TagEnd::BlockQuote(Some(_))) => {
                out_events.push(Event::Html("</aside>\n".into()));
            }
            Event::Start(Tag::Table(_)) => {
                out_events.push(Event::Html(
                    "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"Tabel\">\n".into(),
                ));
                out_events.push(event.clone());
            }
            Event::End(TagEnd::Table) => {
                out_events.push(event.clone());
                out_events.push(Event::Html("</div>\n".into()));
            }
            Event::Start(Tag::HtmlBlock) => {
                let end = find_end(&events, i);
                let raw = joined(&events[i + 1..end], |e| match e {
                    Event::Html(h) => Some(h),
                    _ => None,
                });
                let (line, column) = position(range.start, &source, &map);
                let tags = raw_html::start_tags(&raw);
                for (tag_line, tag, url) in raw_html::other_host_loads(&tags) {
                    errors.push(other_host_error(
                        &page.source,
                        line + tag_line - 1,
                        column,
                        &tag,
                        &url,
                    ));
                }
                if !ctx.safe_html {
                    let html =
                        resolve_raw_addresses(&raw, &tags, ctx.content, page_dir, &mut links);
                    out_events.push(Event::Html(html.into()));
                    i = end + 1;
                    continue;
                }
                if html_depth(&raw) > MAX_HTML_DEPTH {
                    let (line, column) = position(range.start, &source, &map);
                    errors.push(
                        Diagnostic::site(msg!("markdown.html-te-diep", diepte = MAX_HTML_DEPTH))
                            .in_file(&page.source)
                            .at(line, column)
                            .help(msg!("markdown.html-te-diep-hulp")),
                    );
                    i = end + 1;
                    continue;
                }
                let clean = ammonia::clean(&raw);
                let html = resolve_raw_addresses(
                    &clean,
                    &raw_html::start_tags(&clean),
                    ctx.content,
                    page_dir,
                    &mut links,
                );
                out_events.push(Event::Html(html.into()));
                i = end + 1;
                continue;
            }
            Event::InlineHtml(h) => {
                let (line, column) = position(range.start, &source, &map);
                let tags = raw_html::start_tags(h);
                for (_, tag, url) in raw_html::other_host_loads(&tags) {
                    errors.push(other_host_error(&page.source, line, column, &tag, &url));
                }
                if !ctx.safe_html {
                    let html = resolve_raw_addresses(h, &tags, ctx.content, page_dir, &mut links);
                    out_events.push(Event::InlineHtml(html.into()));
                } else if let Some(close) = closing_inline_tag(&events, i) {
                    // An element written inline (`<a href="...">tekst</a>`) is
                    // sanitised whole: its tags cleaned one by one would lose
                    // their content.
                    let mut html = String::new();
                    pulldown_cmark::html::push_html(
                        &mut html,
                        events[i..=close].iter().map(|(e, _)| e.clone()),
                    );
                    out_events.push(Event::InlineHtml(ammonia::clean(&html).into()));
                    i = close + 1;
                    continue;
                } else {
                    // A lone tag: what is left of it is harmless (no script, no handlers).
                    out_events.push(Event::InlineHtml(ammonia::clean(h).into()));
                }
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                let end = find_end(&events, i);
                let code = joined(&events[i + 1..end], |e| match e {
                    Event::Text(t) => Some(t),
                    _ => None,
                });
                let lang = match kind {
                    CodeBlockKind::Fenced(info) => info.as_ref(),
                    CodeBlockKind::Indented => "",
                };
                out_events.push(Event::Html(highlight::code_block(lang, &code).into()));
                i = end + 1;
                continue;
            }
            Event::Start(Tag::Link {
                dest_url, title, ..
            }) => {
                in_link += 1;
                match links::classify(dest_url) {
                    Written::AsIs if ctx.safe_html && raw_html::is_script_address(dest_url) => {
                        let (line, column) = position(range.start, &source, &map);
                        errors.push(
                            Diagnostic::site(msg!("markdown.link-script", link = dest_url))
                                .in_file(&page.source)
                                .at(line, column)
                                .help(msg!("markdown.link-script-hulp")),
                        );
                        out_events.push(event.clone());
                    }
                    Written::AsIs => {
                        if let Some(fragment) = dest_url.strip_prefix('#').filter(|f| !f.is_empty())
                        {
                            let (line, column) = position(range.start, &source, &map);
                            fragment_links.push(FragmentLink {
                                target: None,
                                fragment: fragment.to_string(),
                                line,
                                column,
                            });
                        }
                        out_events.push(event.clone())
                    }
                    Written::Relative(path, fragment) => {
                        match resolve(ctx.content, page_dir, &path, fragment)
                            .and_then(|target| parents_may_open(ctx.content, page, target))
                        {
                            Ok(target) => {
                                if let LinkTarget::Page {
                                    content_path,
                                    fragment: Some(fragment),
                                } = &target
                                {
                                    let (line, column) = position(range.start, &source, &map);
                                    fragment_links.push(FragmentLink {
                                        target: Some(content_path.clone()),
                                        fragment: fragment.clone(),
                                        line,
                                        column,
                                    });
                                }
                                let title = title_attribute(title);
                                out_events.push(Event::Html(
                                    format!(
                                        "<a href=\"{LINK_OPEN}{}{LINK_CLOSE}\"{title}>",
                                        links.len()
                                    )
                                    .into(),
                                ));
                                links.push(target);
                            }
                            Err((message, help)) => {
                                let (line, column) = position(range.start, &source, &map);
                                errors.push(
                                    Diagnostic::site(message)
                                        .in_file(&page.source)
                                        .at(line, column)
                                        .help(help),
                                );
                                out_events.push(event.clone());
                            }
                        }
                    }
                }
            }
            Event::Start(Tag::Image {
                dest_url, title, ..
            }) => {
                let end = find_end(&events, i);
                let alt = plain_text(events[i + 1..end].iter().map(|(e, _)| e));
                if let Some(video) =
                    video_element(ctx.content, page_dir, dest_url, &alt, &mut links)
                {
                    out_events.push(Event::Html(video.into()));
                    i = end + 1;
                    continue;
                }
                let src = match links::classify(dest_url) {
                    Written::AsIs if links::has_scheme(dest_url) || dest_url.starts_with("//") => {
                        Err((
                            msg!("markdown.afbeelding-extern", adres = dest_url),
                            msg!("markdown.afbeelding-extern-hulp"),
                        ))
                    }
                    Written::AsIs => Ok(escape(dest_url)),
                    Written::Relative(path, _) => match resolve(ctx.content, page_dir, &path, None)
                    {
                        Ok(LinkTarget::Asset { content_path }) => {
                            let placeholder = |links: &mut Vec<LinkTarget>, path: String| {
                                links.push(LinkTarget::Asset { content_path: path });
                                format!("{LINK_OPEN}{}{LINK_CLOSE}", links.len() - 1)
                            };
                            let mut attributes = placeholder(&mut links, content_path.clone());
                            // Width and height keep the page from jumping while
                            // it loads; smaller copies save data on a phone.
                            if let Some((w, h)) =
                                ctx.content.asset_at(&content_path).and_then(|a| a.size)
                            {
                                let _ = write!(attributes, "\" width=\"{w}\" height=\"{h}");
                                let copies = crate::formats::images::copies(&content_path, w);
                                if !copies.is_empty() {
                                    let mut srcset = Vec::new();
                                    for (copy, width) in copies {
                                        srcset.push(format!(
                                            "{} {width}w",
                                            placeholder(&mut links, copy)
                                        ));
                                    }
                                    srcset.push(format!(
                                        "{} {w}w",
                                        placeholder(&mut links, content_path.clone())
                                    ));
                                    let _ = write!(
                                        attributes,
                                        "\" srcset=\"{}\" sizes=\"(min-width: 44rem) 40rem, 100vw",
                                        srcset.join(", ")
                                    );
                                }
                            }
                            Ok(attributes)
                        }
                        Ok(LinkTarget::Page { .. }) => Err((
                            msg!("markdown.afbeelding-pagina", adres = dest_url),
                            msg!("markdown.afbeelding-pagina-hulp"),
                        )),
                        Err(e) => Err(e),
                    },
                };
                match src {
                    Ok(src) => {
                        let title = title_attribute(title);
                        out_events.push(Event::Html(
                            format!(
                                "<img src=\"{src}\" alt=\"{}\"{title} loading=\"lazy\" decoding=\"async\">",
                                escape(&alt)
                            )
                            .into(),
                        ));
                    }
                    Err((message, help)) => {
                        let (line, column) = position(range.start, &source, &map);
                        errors.push(
                            Diagnostic::site(message)
                                .in_file(&page.source)
                                .at(line, column)
                                .help(help),
                        );
                    }
                }
                i = end + 1;
                continue;
            }
            Event::FootnoteReference(name) => {
                let (n, id) = footnote(name, &mut used_ids);
                out_events.push(Event::Html(
                    format!("<sup class=\"footnote-ref\"><a href=\"#{id}\">{n}</a></sup>").into(),
                ));
            }
            Event::Start(Tag::FootnoteDefinition(name)) => {
                let (n, id) = footnote(name, &mut used_ids);
                out_events.push(Event::Html(
                    format!("<div class=\"footnote-definition\" id=\"{id}\"><sup class=\"footnote-label\">{n}</sup>\n")
                        .into(),
                ));
            }
            Event::End(TagEnd::FootnoteDefinition) => {
                out_events.push(Event::Html("</div>\n".into()));
            }
            Event::Start(Tag::Paragraph)
                if page.kind == PageKind::Slides && is_note(&events, i) =>
            {
                // "Notes: ..." is the speaker's, not the slide's.
                out_events.push(Event::Html("<div class=\"notes\">\n<p>".into()));
                if let Some((Event::Text(t), _)) = events.get(i + 1) {
                    let rest = t
                        .trim_start()
                        .trim_start_matches(slides::NOTES)
                        .trim_start();
                    out_events.push(Event::Text(rest.to_string().into()));
                }
                in_note = true;
                i += 2;
                continue;
            }
            Event::End(TagEnd::Paragraph) if in_note => {
                out_events.push(Event::Html("</p>\n</div>\n".into()));
                in_note = false;
            }
            Event::Start(Tag::Paragraph) if !shortcode_html.is_empty() => {
                // A shortcode alone in its paragraph is a block: no <p> around it.
                if let (Some((Event::Text(t), _)), Some((Event::End(TagEnd::Paragraph), _))) =
                    (events.get(i + 1), events.get(i + 2))
                {
                    if let Some(index) = lone_shortcode(t) {
                        out_events.push(Event::Html(shortcode_html[index].clone().into()));
                        i += 3;
                        continue;
                    }
                }
                out_events.push(event.clone());
            }
            Event::Text(t) if !shortcode_html.is_empty() && t.contains(SHORTCODE_OPEN) => {
                split_shortcodes(t, &shortcode_html, &mut out_events);
            }
            Event::End(TagEnd::Link) => {
                in_link = in_link.saturating_sub(1);
                out_events.push(event.clone());
            }
            Event::Text(t) if in_link == 0 && !in_heading => match glossary {
                Some(glossary) => {
                    mark_terms(t, glossary, &mut terms, &mut used_ids, &mut out_events)
                }
                None => out_events.push(event.clone()),
            },
            _ => out_events.push(event.clone()),
        }
        i += 1;
    }

    if !errors.is_empty() {
        return Err(errors);
    }
    layout.finish(&mut out_events);
    let mut html = String::with_capacity(source.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, out_events.into_iter());
    Ok(Rendered {
        html,
        links,
        headings,
        fragment_links,
        terms,
        slides: Vec::new(),
    })
}

/// Attaches the explanation of each glossary term at its first use on the
/// page: a button that opens the explanation (the Popover API needs no
/// JavaScript, and a tap works where hover does not).
fn mark_terms<'a>(
    text: &CowStr<'a>,
    glossary: &Glossary,
    used: &mut Vec<usize>,
    used_ids: &mut IdPool,
    out: &mut Vec<Event<'a>>,
) {
    let words = crate::plain::sentences::words(text, 0);
    let mut last = 0;
    for (i, t, len) in glossary.find(&words) {
        if used.contains(&t) {
            continue;
        }
        used.push(t);
        let range = words[i].range.start..words[i + len - 1].range.end;
        if range.start > last {
            out.push(Event::Text(text[last..range.start].to_string().into()));
        }
        let term = &glossary.terms[t];
        let id = unique_id(format!("uitleg-{}", heading_slug(&term.term)), used_ids);
        let tag = if term.case_sensitive { "abbr" } else { "dfn" };
        out.push(Event::InlineHtml(
            format!(
                "<span class=\"term\"><button type=\"button\" popovertarget=\"{id}\"><{tag}>{}</{tag}></button><span class=\"term-tip\" id=\"{id}\" popover><strong>{}</strong>: {}</span></span>",
                escape(&text[range.clone()]),
                escape(&term.term),
                escape(&term.explanation)
            )
            .into(),
        ));
        last = range.end;
    }
    if last == 0 {
        out.push(Event::Text(text.clone()));
    } else if last < text.len() {
        out.push(Event::Text(text[last..].to_string().into()));
    }
}

/// Links to a `#fragment` that is not on the target page are errors. Runs
/// after every page is rendered, since the ids of a page come from rendering.
pub fn check_fragments(content: &Content, rendered: &[Rendered]) -> Errors {
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

/// How deeply raw HTML may nest elements when it is sanitised (safe-html).
/// The HTML parser behind ammonia takes time quadratic in the depth: 12,000
/// nested `<div>` took over ten seconds.
const MAX_HTML_DEPTH: usize = 512;

/// Elements without an end tag.
const VOID_ELEMENTS: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr",
];

/// How deeply the elements of `html` nest, counted loosely: each start tag
/// (but a void or self-closed one) opens a level, each end tag closes one.
/// Elements HTML closes by itself (`<p>`, `<li>`) count as open, so this
/// only overcounts.
fn html_depth(html: &str) -> usize {
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

/// ` title="..."` for a link or image that has a title, else nothing.
fn title_attribute(title: &str) -> String {
    if title.is_empty() {
        String::new()
    } else {
        format!(" title=\"{}\"", escape(title))
    }
}

/// Does the paragraph starting at `i` begin with "Notes:"?
fn is_note(events: &[(Event<'_>, Range<usize>)], i: usize) -> bool {
    matches!(events.get(i + 1), Some((Event::Text(t), _)) if t.trim_start().starts_with(slides::NOTES))
}

/// The text of the events `pick` selects, joined (a block's raw HTML or code).
fn joined<'e>(
    events: &'e [(Event<'e>, Range<usize>)],
    pick: impl Fn(&'e Event<'e>) -> Option<&'e CowStr<'e>>,
) -> String {
    events
        .iter()
        .filter_map(|(e, _)| pick(e))
        .map(|t| t.as_ref())
        .collect()
}

/// Index of the End event matching the Start event at `start`.
fn find_end(events: &[(Event<'_>, Range<usize>)], start: usize) -> usize {
    let mut depth = 0usize;
    for (j, (e, _)) in events.iter().enumerate().skip(start) {
        match e {
            Event::Start(_) => depth += 1,
            Event::End(_) => {
                depth -= 1;
                if depth == 0 {
                    return j;
                }
            }
            _ => {}
        }
    }
    events.len() - 1
}

/// The text a reader sees in a run of inline events.
fn plain_text<'e>(events: impl Iterator<Item = &'e Event<'e>>) -> String {
    let mut text = String::new();
    for e in events {
        match e {
            Event::Text(t) | Event::Code(t) => text.push_str(t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            _ => {}
        }
    }
    text.trim().to_string()
}

/// The page title is the one `<h1>`; a body that uses `#` headings has them
/// moved one level down so the outline stays correct.
/// The levels the body's headings are written at. The page title is the
/// one `<h1>`, so the body's highest heading becomes `<h2>` (a body that
/// starts at `###` is lifted, one that uses `#` is lowered), and no level is
/// skipped on the way down (`##` then `####` gives h2, h3), as WCAG and
/// screen readers expect.
struct HeadingLevels {
    /// Added to every level before the no-skipping rule.
    shift: i8,
    /// The level of the heading written before, 1 for the title.
    previous: u8,
    /// The level of the heading being written.
    current: u8,
}

impl HeadingLevels {
    fn of(events: &[(Event<'_>, Range<usize>)]) -> Self {
        let highest = events
            .iter()
            .filter_map(|(e, _)| match e {
                Event::Start(Tag::Heading { level, .. }) => Some(*level as u8),
                _ => None,
            })
            .min()
            .unwrap_or(2);
        HeadingLevels {
            shift: 2 - highest as i8,
            previous: 1,
            current: 2,
        }
    }

    fn open(&mut self, level: HeadingLevel) -> u8 {
        let shifted = (level as u8 as i8 + self.shift).clamp(2, 6) as u8;
        self.current = shifted.min(self.previous + 1);
        self.previous = self.current;
        self.current
    }

    fn close(&self) -> u8 {
        self.current
    }
}

fn heading_slug(text: &str) -> String {
    let slug = crate::content::page::slugify(text).replace('.', "");
    if slug.is_empty() {
        "kop".to_string()
    } else {
        slug
    }
}

/// Ids used on a page, and per id the next number to try, so a page with
/// thousands of equal headings stays linear.
#[derive(Default)]
struct IdPool {
    used: HashSet<String>,
    next: HashMap<String, usize>,
}

/// Ids the theme's templates give elements around the page body (the skip
/// link's target, the page lists, the home and manual sections, the slides):
/// a heading in the body never takes one, so no page has an id twice.
fn theme_id(id: &str) -> bool {
    const FIXED: &[&str] = &["inhoud", "alle-paginas", "op-de-hoogte", "lukt-het-niet"];
    FIXED.contains(&id)
        || ["lijst-", "dia-"].iter().any(|prefix| {
            id.strip_prefix(prefix)
                .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
        })
}

fn unique_id(id: String, pool: &mut IdPool) -> String {
    if !theme_id(&id) && pool.used.insert(id.clone()) {
        return id;
    }
    let n = pool.next.entry(id.clone()).or_insert(2);
    loop {
        let candidate = format!("{id}-{n}");
        *n += 1;
        if pool.used.insert(candidate.clone()) {
            return candidate;
        }
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

type LinkError = (String, String);

fn resolve(
    content: &Content,
    page_dir: &str,
    path: &str,
    fragment: Option<&str>,
) -> Result<LinkTarget, LinkError> {
    let Some(joined) = links::join(page_dir, path) else {
        return Err((
            msg!("markdown.link-buiten", link = path),
            msg!("markdown.link-buiten-hulp"),
        ));
    };
    let fragment = fragment.filter(|f| !f.is_empty()).map(str::to_string);
    if joined.ends_with(".md") {
        if content.page_at(&joined).is_some() {
            return Ok(LinkTarget::Page {
                content_path: joined,
                fragment,
            });
        }
    } else if content.asset_at(&joined).is_some() {
        return Ok(LinkTarget::Asset {
            content_path: joined,
        });
    } else {
        let index = if joined.is_empty() {
            "index.md".to_string()
        } else {
            format!("{joined}/index.md")
        };
        if content.page_at(&index).is_some() {
            return Ok(LinkTarget::Page {
                content_path: index,
                fragment,
            });
        }
    }
    let candidates = [
        joined.clone(),
        format!("{joined}/index.md"),
        "index.md".to_string(),
    ];
    for candidate in candidates
        .iter()
        .take(if joined.is_empty() { 3 } else { 2 })
    {
        match content.left_out.get(candidate) {
            Some(LeftOut::Draft) => {
                return Err((
                    msg!("markdown.link-concept", pagina = candidate),
                    msg!("markdown.link-concept-hulp"),
                ))
            }
            // That page's own errors are reported; a broken link on top would be noise.
            Some(LeftOut::Broken) => {
                return Ok(LinkTarget::Page {
                    content_path: candidate.clone(),
                    fragment,
                })
            }
            None => {}
        }
    }
    Err((
        msg!("markdown.link-kapot", pad = joined),
        msg!("markdown.link-kapot-hulp"),
    ))
}

/// Maps offsets in the shortcode-expanded source back to the original body.
#[derive(Debug, Default)]
struct OffsetMap {
    /// (start in expanded, start in original, length in expanded, length in original)
    replacements: Vec<(usize, usize, usize, usize)>,
}

impl OffsetMap {
    fn original(&self, offset: usize, _expanded: &str) -> usize {
        let mut delta: isize = 0;
        for &(new_start, old_start, new_len, old_len) in &self.replacements {
            if offset < new_start {
                break;
            }
            if offset < new_start + new_len {
                return old_start;
            }
            delta += old_len as isize - new_len as isize;
        }
        (offset as isize + delta).max(0) as usize
    }
}

type ShortcodeErrors = Vec<(usize, String, String)>;

/// Replaces each shortcode call by a placeholder and renders its HTML.
fn expand_shortcodes(
    page: &Page,
    ctx: &Context<'_>,
    source: &str,
) -> Result<(String, Vec<String>, OffsetMap), ShortcodeErrors> {
    let code_ranges: Vec<Range<usize>> = Parser::new_ext(source, options())
        .into_offset_iter()
        .filter_map(|(e, r)| match e {
            Event::Code(_) | Event::Start(Tag::CodeBlock(_)) => Some(r),
            _ => None,
        })
        .collect();
    let calls = shortcodes::find_calls(source, &code_ranges)
        .map_err(|e| vec![(e.offset, e.message, msg!("markdown.shortcode-vorm-hulp"))])?;
    let mut errors = Vec::new();
    let mut html = Vec::with_capacity(calls.len());
    let mut out = String::with_capacity(source.len());
    let mut map = OffsetMap::default();
    let mut last = 0;
    for call in calls {
        if !ctx.shortcodes.exists(&call.name) {
            let names = ctx.shortcodes.names();
            let list = names.join(", ");
            let help =
                match crate::error::did_you_mean(&call.name, names.iter().map(String::as_str)) {
                    Some(m) => msg!("markdown.shortcode-bedoel", naam = m, namen = list),
                    None => msg!("markdown.shortcode-kies", namen = list),
                };
            errors.push((
                call.span.start,
                msg!("markdown.shortcode-onbekend", naam = call.name),
                help,
            ));
            continue;
        }
        match ctx.shortcodes.render(&call.name, &call.args, page) {
            Ok(rendered) => {
                out.push_str(&source[last..call.span.start]);
                let token = format!("{SHORTCODE_OPEN}{}{SHORTCODE_CLOSE}", html.len());
                map.replacements
                    .push((out.len(), call.span.start, token.len(), call.span.len()));
                out.push_str(&token);
                last = call.span.end;
                html.push(rendered);
            }
            Err(message) => errors.push((
                call.span.start,
                msg!("markdown.shortcode-fout", naam = call.name, fout = message),
                msg!("markdown.shortcode-fout-hulp"),
            )),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    out.push_str(&source[last..]);
    Ok((out, html, map))
}

fn lone_shortcode(text: &str) -> Option<usize> {
    let inner = text
        .trim()
        .strip_prefix(SHORTCODE_OPEN)?
        .strip_suffix(SHORTCODE_CLOSE)?;
    inner.parse().ok()
}

/// Splits a text event at shortcode placeholders into text and HTML events.
fn split_shortcodes<'a>(text: &CowStr<'a>, html: &[String], out: &mut Vec<Event<'a>>) {
    let mut rest: &str = text.as_ref();
    while let Some(start) = rest.find(SHORTCODE_OPEN) {
        if start > 0 {
            out.push(Event::Text(rest[..start].to_string().into()));
        }
        let after = &rest[start + SHORTCODE_OPEN.len_utf8()..];
        let end = after.find(SHORTCODE_CLOSE).unwrap_or(after.len());
        if let Some(h) = after[..end].parse::<usize>().ok().and_then(|i| html.get(i)) {
            out.push(Event::InlineHtml(h.clone().into()));
        }
        rest = &after[(end + SHORTCODE_CLOSE.len_utf8()).min(after.len())..];
    }
    if !rest.is_empty() {
        out.push(Event::Text(rest.to_string().into()));
    }
}

/// For tests and tools: the HTML with every link replaced by its content path.
pub fn debug_html(rendered: &Rendered) -> String {
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
