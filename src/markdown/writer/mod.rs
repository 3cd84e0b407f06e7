//! The body writer: walks a body's Markdown events once and writes its HTML,
//! gathering what the page needs besides (links, headings, glossary terms,
//! where its key points and speaker notes are). One method per kind of
//! event; the features live in their own modules.

mod html;
mod link;
mod media;
mod terms;

use std::cell::Cell;
use std::collections::HashMap;
use std::ops::Range;

use pulldown_cmark::{
    BlockQuoteKind, CodeBlockKind, CowStr, Event, HeadingLevel, Parser, Tag, TagEnd,
};

use super::expand::{lone_shortcode, split_shortcodes, Source};
use super::highlight::{self, escape};
use super::ids::{heading_slug, unique_id, HeadingLevels, IdPool};
use super::layout::Layout;
use super::slides::{self, Outline};
use super::{
    autolink, callout, document, links, options, Context, FragmentLink, Heading, LinkTarget,
    Rendered, SHORTCODE_OPEN,
};
use crate::content::{Page, PageKind};
use crate::error::{line_col, Diagnostic, Errors};
use crate::plain::lexicon::Glossary;

#[cfg(test)]
pub(super) use html::html_depth;
pub(crate) use media::is_video;

/// A body as written: its rendering, and for a slide its speaker notes and
/// its plain-text outline.
pub(super) struct Body {
    pub(super) rendered: Rendered,
    pub(super) notes: Vec<Note>,
    pub(super) outline: Option<Outline>,
}

/// Where a speaker note (a `Notes:` paragraph) is in a slide's HTML.
pub(super) struct Note {
    /// Its whole `<div class="notes">`.
    pub(super) block: Range<usize>,
    /// The content of its paragraph.
    pub(super) text: Range<usize>,
}

/// Renders a page's body (or one slide of it).
pub(super) fn render_body(page: &Page, ctx: &Context<'_>) -> Result<Body, Errors> {
    let source = Source::of(page, ctx)?;
    let parsed: Vec<(Event<'_>, Range<usize>)> = Parser::new_ext(&source.text, options())
        .into_offset_iter()
        .collect();
    let as_written = |t: &str| source.restore_calls(t).into_owned();
    let outline = (page.meta.kind == PageKind::Slides)
        .then(|| slides::outline(parsed.iter().map(|(e, _)| e), as_written));
    // Only an evening has a text version (its summary).
    let document = match page.meta.kind {
        PageKind::Evening { .. } => document::blocks(parsed.iter().map(|(e, _)| e), as_written),
        _ => Vec::new(),
    };
    let events = autolink::link_addresses(parsed);
    let mut writer = BodyWriter::new(page, ctx, &source, &events);
    let mut i = 0;
    while i < events.len() {
        i = writer.event(i);
    }
    let mut body = writer.finish()?;
    body.outline = outline;
    body.rendered.document = document;
    Ok(body)
}

type Events<'a> = [(Event<'a>, Range<usize>)];

struct BodyWriter<'a> {
    page: &'a Page,
    ctx: &'a Context<'a>,
    source: &'a Source,
    events: &'a Events<'a>,
    page_dir: &'a str,
    glossary: Option<&'a Glossary>,
    out: Vec<Event<'a>>,
    errors: Errors,
    links: Vec<LinkTarget>,
    headings: Vec<Heading>,
    fragment_links: Vec<FragmentLink>,
    unlabelled_media: Vec<(usize, usize)>,
    terms: Vec<usize>,
    ids: IdPool,
    /// Footnotes are numbered by first use, with ids from the same pool as
    /// headings so a footnote `[^ouderraad]` and a heading "Ouderraad" differ.
    footnotes: HashMap<String, (usize, String)>,
    heading_levels: HeadingLevels,
    layout: Layout,
    in_link: usize,
    in_heading: bool,
    in_note: bool,
    /// Inside the <label> of a task list item (`- [ ] ...`), up to the end of
    /// the item's first paragraph or a nested list.
    in_task: bool,
    /// Per speaker note, the indices in `out` of its opening, its text, its
    /// closing and the event after it.
    notes: Vec<[usize; 4]>,
}

impl<'a> BodyWriter<'a> {
    fn new(
        page: &'a Page,
        ctx: &'a Context<'a>,
        source: &'a Source,
        events: &'a Events<'a>,
    ) -> Self {
        BodyWriter {
            page,
            ctx,
            source,
            events,
            page_dir: links::parent_dir(&page.content_path),
            glossary: ctx.glossary.filter(|_| crate::plain::is_dutch(&page.lang)),
            out: Vec::with_capacity(events.len()),
            errors: Errors::new(),
            links: Vec::new(),
            headings: Vec::new(),
            fragment_links: Vec::new(),
            unlabelled_media: Vec::new(),
            terms: Vec::new(),
            ids: IdPool::default(),
            footnotes: HashMap::new(),
            heading_levels: HeadingLevels::of(events),
            layout: Layout::new(&page.meta.kind),
            in_link: 0,
            in_heading: false,
            in_note: false,
            in_task: false,
            notes: Vec::new(),
        }
    }

    /// Writes the event at `i`; returns the index of the next event to write
    /// (past the events a feature took in as a whole).
    fn event(&mut self, i: usize) -> usize {
        let events = self.events;
        let (event, range) = &events[i];
        // Depth in block containers: the page-type layouts act on the top level only.
        let top = self.layout.depth == 0;
        match event {
            Event::Start(Tag::BlockQuote(_) | Tag::List(_) | Tag::FootnoteDefinition(_)) => {
                self.layout.depth += 1
            }
            Event::End(TagEnd::BlockQuote(_) | TagEnd::List(_) | TagEnd::FootnoteDefinition) => {
                self.layout.depth = self.layout.depth.saturating_sub(1)
            }
            _ => {}
        }
        if self.in_task
            && matches!(
                event,
                Event::End(TagEnd::Paragraph | TagEnd::Item) | Event::Start(Tag::List(_))
            )
        {
            self.html("</label>");
            self.in_task = false;
        }
        match event {
            Event::Start(tag) => return self.start(tag, i, range, top),
            Event::End(end) => self.end(end, event),
            Event::Text(text) => self.text(text, event),
            Event::InlineHtml(html) => return self.inline_html(html, i, range),
            Event::FootnoteReference(name) => self.footnote_reference(name),
            Event::TaskListMarker(done) => self.task_marker(*done),
            _ => self.out.push(event.clone()),
        }
        i + 1
    }

    fn start(&mut self, tag: &'a Tag<'a>, i: usize, range: &Range<usize>, top: bool) -> usize {
        match tag {
            Tag::Heading {
                level, id, classes, ..
            } => self.heading_start(i, *level, id.as_deref(), classes, top),
            Tag::List(Some(first)) if top && self.layout.steps => self.steps_start(*first),
            Tag::List(_) => {
                self.layout.lists.push(false);
                self.out.push(Event::Start(tag.clone()));
            }
            Tag::BlockQuote(Some(kind)) => self.callout_start(*kind),
            Tag::Table(_) => {
                self.html(
                    "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"Tabel\">\n",
                );
                self.out.push(Event::Start(tag.clone()));
            }
            Tag::HtmlBlock => return self.html_block(i, range),
            Tag::CodeBlock(kind) => return self.code_block(i, kind),
            Tag::Link {
                dest_url, title, ..
            } => self.link_start(tag, dest_url, title, range),
            Tag::Image {
                dest_url, title, ..
            } => return self.image(i, dest_url, title, range),
            Tag::FootnoteDefinition(name) => self.footnote_definition(name),
            Tag::Paragraph => return self.paragraph_start(i),
            _ => self.out.push(Event::Start(tag.clone())),
        }
        i + 1
    }

    fn end(&mut self, end: &TagEnd, event: &Event<'a>) {
        match end {
            TagEnd::Heading(_) => {
                self.in_heading = false;
                let level = self.heading_levels.close();
                self.html(format!("</h{level}>\n"));
            }
            TagEnd::List(_) => {
                if self.layout.lists.pop() == Some(true) {
                    self.html("</ol>\n");
                } else {
                    self.out.push(event.clone());
                }
                if self.layout.depth == 0 {
                    self.layout.after_top_list(&mut self.out);
                }
            }
            TagEnd::BlockQuote(Some(_)) => self.html("</aside>\n"),
            TagEnd::Table => {
                self.out.push(event.clone());
                self.html("</div>\n");
            }
            TagEnd::FootnoteDefinition => self.html("</div>\n"),
            TagEnd::Paragraph if self.in_note => {
                let close = self.out.len();
                self.html("</p>\n</div>\n");
                if let Some(note) = self.notes.last_mut() {
                    note[2] = close;
                    note[3] = close + 1;
                }
                self.in_note = false;
            }
            TagEnd::Link => {
                self.in_link = self.in_link.saturating_sub(1);
                self.out.push(event.clone());
            }
            _ => self.out.push(event.clone()),
        }
    }

    fn text(&mut self, text: &CowStr<'a>, event: &Event<'a>) {
        if !self.source.shortcode_html.is_empty() && text.contains(SHORTCODE_OPEN) {
            split_shortcodes(text, &self.source.shortcode_html, &mut self.out);
            return;
        }
        match self.glossary {
            Some(glossary) if self.in_link == 0 && !self.in_heading => terms::mark_terms(
                text,
                glossary,
                &mut self.terms,
                &mut self.ids,
                &mut self.out,
            ),
            _ => self.out.push(event.clone()),
        }
    }

    fn html(&mut self, html: impl Into<CowStr<'a>>) {
        self.out.push(Event::Html(html.into()));
    }

    fn heading_start(
        &mut self,
        i: usize,
        level: HeadingLevel,
        id: Option<&str>,
        classes: &[CowStr<'_>],
        top: bool,
    ) {
        let end = find_end(self.events, i);
        let text = plain_text(self.events[i + 1..end].iter().map(|(e, _)| e));
        let level = self.heading_levels.open(level);
        let id = unique_id(
            id.map(str::to_string)
                .unwrap_or_else(|| heading_slug(&text)),
            &mut self.ids,
        );
        let class = if classes.is_empty() {
            String::new()
        } else {
            format!(" class=\"{}\"", escape(&classes.join(" ")))
        };
        if top {
            self.layout.before_heading(level, &id, &text, &mut self.out);
        }
        self.html(format!("<h{level} id=\"{}\"{class}>", escape(&id)));
        self.headings.push(Heading { level, id, text });
        self.in_heading = true;
    }

    /// A manual's numbered list is a list of steps.
    fn steps_start(&mut self, first: u64) {
        let start = if first == 1 {
            String::new()
        } else {
            format!(" start=\"{first}\"")
        };
        self.html(format!("<ol class=\"steps\"{start}>\n"));
        self.layout.lists.push(true);
    }

    /// A GitHub alert (`> [!TIP]`) is a callout with its label as title.
    fn callout_start(&mut self, kind: BlockQuoteKind) {
        let (class, key, dutch) = callout(kind);
        let label = self
            .ctx
            .shortcodes
            .word(&self.page.lang, key)
            .unwrap_or(dutch);
        let label = escape(label);
        self.html(format!(
            "<aside class=\"callout callout-{class}\" aria-label=\"{label}\">\n<p class=\"callout-title\">{label}</p>\n"
        ));
    }

    fn code_block(&mut self, i: usize, kind: &CodeBlockKind<'_>) -> usize {
        let end = find_end(self.events, i);
        let code = joined(&self.events[i + 1..end], |e| match e {
            Event::Text(t) => Some(t),
            _ => None,
        });
        let lang = match kind {
            CodeBlockKind::Fenced(info) => info.as_ref(),
            CodeBlockKind::Indented => "",
        };
        self.html(highlight::code_block(lang, &code));
        end + 1
    }

    /// The item's text labels its checkbox (WCAG 1.3.1, 4.1.2).
    fn task_marker(&mut self, done: bool) {
        let checked = if done { " checked" } else { "" };
        self.html(format!(
            "<label class=\"task\"><input type=\"checkbox\" disabled{checked}> "
        ));
        self.in_task = true;
    }

    fn footnote(&mut self, name: &str) -> (usize, String) {
        let n = self.footnotes.len() + 1;
        let ids = &mut self.ids;
        self.footnotes
            .entry(name.to_string())
            .or_insert_with(|| (n, unique_id(format!("fn-{}", heading_slug(name)), ids)))
            .clone()
    }

    fn footnote_reference(&mut self, name: &str) {
        let (n, id) = self.footnote(name);
        self.html(format!(
            "<sup class=\"footnote-ref\"><a href=\"#{id}\">{n}</a></sup>"
        ));
    }

    fn footnote_definition(&mut self, name: &str) {
        let (n, id) = self.footnote(name);
        self.html(format!(
            "<div class=\"footnote-definition\" id=\"{id}\"><sup class=\"footnote-label\">{n}</sup>\n"
        ));
    }

    fn paragraph_start(&mut self, i: usize) -> usize {
        if self.page.meta.kind == PageKind::Slides && is_note(self.events, i) {
            return self.note_start(i);
        }
        if !self.source.shortcode_html.is_empty() {
            // A shortcode alone in its paragraph is a block: no <p> around it.
            if let (Some((Event::Text(t), _)), Some((Event::End(TagEnd::Paragraph), _))) =
                (self.events.get(i + 1), self.events.get(i + 2))
            {
                if let Some(index) = lone_shortcode(t) {
                    self.html(self.source.shortcode_html[index].clone());
                    return i + 3;
                }
            }
        }
        self.out.push(Event::Start(Tag::Paragraph));
        i + 1
    }

    /// "Notes: ..." is the speaker's, not the slide's.
    fn note_start(&mut self, i: usize) -> usize {
        let open = self.out.len();
        self.html("<div class=\"notes\">\n<p>");
        if let Some((Event::Text(t), _)) = self.events.get(i + 1) {
            let rest = t
                .trim_start()
                .trim_start_matches(slides::NOTES)
                .trim_start();
            self.out.push(Event::Text(rest.to_string().into()));
        }
        self.notes.push([open, open + 1, open + 1, open + 1]);
        self.in_note = true;
        i + 2
    }

    /// Where the body's line and column are for `offset` in the source.
    fn position(&self, offset: usize) -> (usize, usize) {
        let (line, column) = line_col(&self.page.body, self.source.map.original(offset));
        (self.page.body_line + line - 1, column)
    }

    fn error_at(&mut self, offset: usize, message: String, help: String) {
        let (line, column) = self.position(offset);
        self.errors.push(
            Diagnostic::site(message)
                .in_file(&self.page.source)
                .at(line, column)
                .help(help),
        );
    }

    fn finish(mut self) -> Result<Body, Errors> {
        if !self.errors.is_empty() {
            return Err(self.errors);
        }
        self.layout.finish(&mut self.out);
        let mut marks: Vec<usize> = self.notes.iter().flatten().copied().collect();
        if let Some(section) = &self.layout.key_points_events {
            marks.extend([section.start, section.end]);
        }
        let (html, offsets) = write_html(self.out, &marks, self.source.text.len() * 3 / 2);
        let notes = offsets
            .chunks_exact(4)
            .take(self.notes.len())
            .map(|at| Note {
                block: at[0]..at[3],
                text: at[1]..at[2],
            })
            .collect();
        let key_points = self
            .layout
            .key_points_events
            .as_ref()
            .map(|_| offsets[marks.len() - 2]..offsets[marks.len() - 1]);
        Ok(Body {
            rendered: Rendered {
                html,
                links: self.links,
                headings: self.headings,
                fragment_links: self.fragment_links,
                unlabelled_media: self.unlabelled_media,
                terms: self.terms,
                key_points,
                ..Rendered::default()
            },
            notes,
            outline: None,
        })
    }
}

/// The HTML of `events`, and the byte offset in it at which the event at
/// each index of `marks` starts (the end of the HTML for an index past the
/// last event). Only events that write no newline before themselves (`Html`)
/// are marked exactly.
fn write_html(events: Vec<Event<'_>>, marks: &[usize], capacity: usize) -> (String, Vec<usize>) {
    struct Sink<'s> {
        html: &'s mut String,
        len: &'s Cell<usize>,
    }
    impl std::fmt::Write for Sink<'_> {
        fn write_str(&mut self, s: &str) -> std::fmt::Result {
            self.html.push_str(s);
            self.len.set(self.html.len());
            Ok(())
        }
    }
    let mut html = String::with_capacity(capacity);
    let len = Cell::new(0);
    let mut offsets = vec![usize::MAX; marks.len()];
    {
        // The writer asks for an event only once it wrote the one before.
        let events = events.into_iter().enumerate().map(|(k, event)| {
            for (m, &mark) in marks.iter().enumerate() {
                if mark == k {
                    offsets[m] = len.get();
                }
            }
            event
        });
        let sink = Sink {
            html: &mut html,
            len: &len,
        };
        let _ = pulldown_cmark::html::write_html_fmt(sink, events);
    }
    for offset in &mut offsets {
        if *offset == usize::MAX {
            *offset = html.len();
        }
    }
    (html, offsets)
}

/// Does the paragraph starting at `i` begin with "Notes:"?
fn is_note(events: &Events<'_>, i: usize) -> bool {
    matches!(events.get(i + 1), Some((Event::Text(t), _)) if t.trim_start().starts_with(slides::NOTES))
}

/// The text of the events `pick` selects, joined (a block's raw HTML or code).
fn joined<'e>(
    events: &'e Events<'e>,
    pick: impl Fn(&'e Event<'e>) -> Option<&'e CowStr<'e>>,
) -> String {
    events
        .iter()
        .filter_map(|(e, _)| pick(e))
        .map(|t| t.as_ref())
        .collect()
}

/// Index of the End event matching the Start event at `start` (the last
/// event if none does; pulldown-cmark always closes what it opens).
pub(crate) fn find_end(events: &Events<'_>, start: usize) -> usize {
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
