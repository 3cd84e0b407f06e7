//! A page body → the units a translator translates (spec §8): one per
//! heading, paragraph, list item and table cell, each the Markdown of its
//! text as pieces: plain text, and the marks around and inside it (links,
//! emphasis, code, shortcodes, line breaks) as numbered codes the translator
//! moves but can not change.
//!
//! A unit knows where its text sits in the body, so a translation is put
//! back by replacing exactly those bytes: everything between units (list
//! markers, table pipes, code blocks, raw HTML, slide separators) stays as
//! the original wrote it.

use std::ops::Range;

use pulldown_cmark::{Event, LinkType, Parser, Tag, TagEnd};

use crate::markdown::find_end;
use crate::markdown::shortcodes::find_calls;

/// Stands for a shortcode call while the body is parsed, so Markdown never
/// sees its arguments (and a translator never sees them as text). Private-use
/// characters, different from the renderer's own placeholders.
const CALL_OPEN: char = '\u{E010}';
const CALL_CLOSE: char = '\u{E011}';

/// What a unit is, for the translator's note.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum UnitKind {
    Heading,
    Paragraph,
    ListItem,
    TableCell,
}

/// What a code stands for: decides its XLIFF element and whether a
/// translation may leave it out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CodeKind {
    Bold,
    Italic,
    Strikethrough,
    Link,
    Image,
    Code,
    Shortcode,
    Html,
    LineBreak,
    Footnote,
    /// A word helder reads, such as `Notes:` before a slide's speaker notes.
    Keyword,
    /// A web or e-mail address or a phone number in the text (it becomes a
    /// link): a translator copies it, but can not mistype it.
    Address,
}

impl CodeKind {
    /// The `ctype` of its XLIFF element: XLIFF 1.2's names where it has one
    /// for that element (`bold`, `italic`, `link` for `<g>`, `lb` for
    /// `<ph>`), `x-` names for the rest.
    pub(crate) fn ctype(self, paired: bool) -> &'static str {
        match self {
            CodeKind::Bold if paired => "bold",
            CodeKind::Bold => "x-bold",
            CodeKind::Italic if paired => "italic",
            CodeKind::Italic => "x-italic",
            CodeKind::Strikethrough => "x-strikethrough",
            CodeKind::Link if paired => "link",
            CodeKind::Link => "x-link",
            CodeKind::Image => "x-image",
            CodeKind::Code => "x-code",
            CodeKind::Shortcode => "x-shortcode",
            CodeKind::Html => "x-html",
            CodeKind::LineBreak => "lb",
            CodeKind::Footnote => "x-footnote",
            CodeKind::Keyword => "x-keyword",
            CodeKind::Address => "x-address",
        }
    }

    /// Links, images, code, shortcodes, HTML and footnotes carry what the
    /// page needs to work: a translation must keep each of them.
    pub(crate) fn required(self) -> bool {
        !matches!(
            self,
            CodeKind::Bold | CodeKind::Italic | CodeKind::Strikethrough | CodeKind::LineBreak
        )
    }
}

/// A part of a unit's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Piece {
    Text(String),
    /// A mark around text (`[`...`](page.md)`, `**`...`**`): `open` and
    /// `close` are its Markdown.
    Open {
        id: usize,
        kind: CodeKind,
        open: String,
    },
    Close {
        id: usize,
        close: String,
    },
    /// A mark that stands alone (inline code, a shortcode, a line break).
    Code {
        id: usize,
        kind: CodeKind,
        markdown: String,
    },
}

/// One thing to translate in a body.
#[derive(Debug, Clone)]
pub(crate) struct Unit {
    pub kind: UnitKind,
    /// A heading's level as written (`##` is 2).
    pub level: u8,
    /// Where its text is in the prepared body (see [`Segmented`]).
    pub range: Range<usize>,
    pub pieces: Vec<Piece>,
    /// For a heading: the id the original gives it explicitly (`{#id}`), so
    /// a translation does not add a second one.
    pub explicit_id: bool,
    /// For a heading: which heading of the body it is (0 is the first),
    /// also counting headings that are no unit.
    pub heading_index: Option<usize>,
}

impl Unit {
    /// The unit's text without its codes, as a reader sees it.
    pub(crate) fn plain_text(&self) -> String {
        self.pieces
            .iter()
            .filter_map(|p| match p {
                Piece::Text(t) => Some(t.as_str()),
                _ => None,
            })
            .collect()
    }

    /// The codes of the unit by id: (kind, opening or whole Markdown,
    /// closing Markdown of a paired mark).
    pub(crate) fn codes(&self) -> Vec<(usize, CodeKind, String, Option<String>)> {
        let mut codes = Vec::new();
        for piece in &self.pieces {
            match piece {
                Piece::Open { id, kind, open } => codes.push((*id, *kind, open.clone(), None)),
                Piece::Close { id, close } => {
                    if let Some(c) = codes.iter_mut().find(|c| c.0 == *id) {
                        c.3 = Some(close.clone());
                    }
                }
                Piece::Code { id, kind, markdown } => {
                    codes.push((*id, *kind, markdown.clone(), None));
                }
                Piece::Text(_) => {}
            }
        }
        codes
    }
}

/// A body cut into units, with shortcode calls replaced by placeholders.
#[derive(Debug, Clone)]
pub(crate) struct Segmented {
    /// The body with each shortcode call replaced by a placeholder; unit
    /// ranges point into this.
    pub prepared: String,
    /// The calls, by placeholder number.
    pub calls: Vec<String>,
    pub units: Vec<Unit>,
}

impl Segmented {
    /// The body with the text of some units replaced (`replacements` by
    /// unit index, Markdown that may hold call placeholders), and every
    /// call put back.
    pub(crate) fn rebuild(&self, replacements: &[(usize, String)]) -> String {
        let mut sorted: Vec<&(usize, String)> = replacements.iter().collect();
        sorted.sort_by_key(|(i, _)| std::cmp::Reverse(self.units[*i].range.start));
        let mut body = self.prepared.clone();
        for (i, text) in sorted {
            body.replace_range(self.units[*i].range.clone(), text);
        }
        self.restore_calls(&body)
    }

    /// `text` with each call placeholder replaced by its call.
    pub(crate) fn restore_calls(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        while let Some(start) = rest.find(CALL_OPEN) {
            out.push_str(&rest[..start]);
            let after = &rest[start + CALL_OPEN.len_utf8()..];
            let end = after.find(CALL_CLOSE).unwrap_or(after.len());
            if let Some(call) = after[..end]
                .parse::<usize>()
                .ok()
                .and_then(|i| self.calls.get(i))
            {
                out.push_str(call);
            }
            rest = &after[(end + CALL_CLOSE.len_utf8()).min(after.len())..];
        }
        out.push_str(rest);
        out
    }
}

/// Cuts `body` into units. A malformed shortcode call is left as text (the
/// build reports it on the original).
pub(crate) fn segment(body: &str) -> Segmented {
    let (prepared, calls) = hide_calls(body);
    let events: Vec<(Event<'_>, Range<usize>)> =
        Parser::new_ext(&prepared, crate::markdown::options())
            .into_offset_iter()
            .collect();
    let mut units = Vec::new();
    let mut blocks: Vec<Block> = Vec::new();
    let mut run: Vec<(Event<'_>, Range<usize>)> = Vec::new();
    let mut headings = 0;
    for (event, range) in events {
        match &event {
            Event::Start(tag) if !is_inline(tag) => {
                flush(&prepared, &blocks, &mut run, &mut units);
                let mut block = block_kind(tag, &blocks);
                if block.kind == UnitKind::Heading {
                    block.heading_index = Some(headings);
                    headings += 1;
                }
                blocks.push(block);
            }
            Event::End(tag) if !is_inline_end(tag) => {
                flush(&prepared, &blocks, &mut run, &mut units);
                blocks.pop();
            }
            Event::Html(_) | Event::TaskListMarker(_) | Event::Rule => {}
            // Code and raw HTML are not text to translate.
            _ if blocks.last().is_some_and(|b| b.verbatim) => {}
            _ => run.push((event, range)),
        }
    }
    Segmented {
        prepared,
        calls,
        units,
    }
}

/// The body with every shortcode call replaced by a numbered placeholder.
fn hide_calls(body: &str) -> (String, Vec<String>) {
    let code_ranges: Vec<Range<usize>> = Parser::new_ext(body, crate::markdown::options())
        .into_offset_iter()
        .filter_map(|(e, r)| match e {
            Event::Code(_) | Event::Start(Tag::CodeBlock(_)) => Some(r),
            _ => None,
        })
        .collect();
    let Ok(found) = find_calls(body, &code_ranges) else {
        return (body.to_string(), Vec::new());
    };
    let mut out = String::with_capacity(body.len());
    let mut calls = Vec::with_capacity(found.len());
    let mut last = 0;
    for call in found {
        out.push_str(&body[last..call.span.start]);
        out.push(CALL_OPEN);
        out.push_str(&calls.len().to_string());
        out.push(CALL_CLOSE);
        calls.push(body[call.span.clone()].to_string());
        last = call.span.end;
    }
    out.push_str(&body[last..]);
    (out, calls)
}

fn is_inline(tag: &Tag<'_>) -> bool {
    matches!(
        tag,
        Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Superscript
            | Tag::Subscript
            | Tag::Link { .. }
            | Tag::Image { .. }
    )
}

fn is_inline_end(tag: &TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::Link
            | TagEnd::Image
    )
}

/// A block the text being read is in.
#[derive(Debug, Clone, Copy)]
struct Block {
    /// The unit kind it gives the text directly inside it.
    kind: UnitKind,
    level: u8,
    explicit_id: bool,
    heading_index: Option<usize>,
    /// Code blocks and raw HTML: kept as written.
    verbatim: bool,
}

/// The block a tag opens: a paragraph in a list item gives a list item.
fn block_kind(tag: &Tag<'_>, outer: &[Block]) -> Block {
    let (kind, level, explicit_id) = match tag {
        Tag::Heading { level, id, .. } => (UnitKind::Heading, *level as u8, id.is_some()),
        Tag::Item => (UnitKind::ListItem, 0, false),
        Tag::TableCell => (UnitKind::TableCell, 0, false),
        Tag::Paragraph if outer.last().is_some_and(|b| b.kind == UnitKind::ListItem) => {
            (UnitKind::ListItem, 0, false)
        }
        _ => (UnitKind::Paragraph, 0, false),
    };
    Block {
        kind,
        level,
        explicit_id,
        heading_index: None,
        verbatim: matches!(
            tag,
            Tag::CodeBlock(_) | Tag::HtmlBlock | Tag::MetadataBlock(_)
        ),
    }
}

/// Ends the inline run collected so far: a unit when it has words.
fn flush<'a>(
    prepared: &str,
    blocks: &[Block],
    run: &mut Vec<(Event<'a>, Range<usize>)>,
    units: &mut Vec<Unit>,
) {
    let events = std::mem::take(run);
    let Some(start) = events.iter().map(|(_, r)| r.start).min() else {
        return;
    };
    let end = events.iter().map(|(_, r)| r.end).max().unwrap_or(start);
    let block = blocks.last().copied().unwrap_or(Block {
        kind: UnitKind::Paragraph,
        level: 0,
        explicit_id: false,
        heading_index: None,
        verbatim: false,
    });
    let mut pieces = Vec::new();
    let mut next_id = 1;
    inline_pieces(prepared, &events, end, &mut next_id, &mut pieces);
    let mut pieces = merge_text(pieces);
    if block.kind == UnitKind::Paragraph {
        protect_notes_keyword(&mut pieces, &mut next_id);
    }
    let unit = Unit {
        kind: block.kind,
        level: block.level,
        range: start..end,
        pieces,
        explicit_id: block.explicit_id,
        heading_index: block.heading_index,
    };
    if unit.plain_text().chars().any(char::is_alphanumeric) {
        units.push(unit);
    }
}

/// The pieces of a run of inline events; `end` is where the run ends (a
/// line break's Markdown reaches up to the next event).
fn inline_pieces(
    prepared: &str,
    events: &[(Event<'_>, Range<usize>)],
    end: usize,
    next_id: &mut usize,
    out: &mut Vec<Piece>,
) {
    let mut i = 0;
    while i < events.len() {
        let (event, range) = &events[i];
        let whole = &prepared[range.clone()];
        match event {
            Event::Text(text) => split_calls(text, next_id, out),
            Event::SoftBreak => out.push(Piece::Text(" ".into())),
            Event::HardBreak => {
                let until = events.get(i + 1).map_or(end, |(_, r)| r.start);
                let markdown = &prepared[range.start..until.max(range.end)];
                push_code(out, next_id, CodeKind::LineBreak, markdown);
            }
            Event::Code(_) => push_code(out, next_id, CodeKind::Code, whole),
            Event::InlineHtml(_) | Event::InlineMath(_) | Event::DisplayMath(_) => {
                push_code(out, next_id, CodeKind::Html, whole);
            }
            Event::FootnoteReference(_) => push_code(out, next_id, CodeKind::Footnote, whole),
            // `<https://...>`: the link's text is its address.
            Event::Start(Tag::Link {
                link_type: LinkType::Autolink | LinkType::Email,
                ..
            }) => {
                i = find_end(events, i);
                push_code(out, next_id, CodeKind::Address, whole);
            }
            Event::Start(tag) => {
                let close = find_end(events, i);
                let children = &events[i + 1..close.min(events.len())];
                let kind = mark_kind(tag);
                match (children.first(), children.iter().map(|(_, r)| r.end).max()) {
                    (Some((_, first)), Some(last)) => {
                        let id = *next_id;
                        *next_id += 1;
                        out.push(Piece::Open {
                            id,
                            kind,
                            open: prepared[range.start..first.start].to_string(),
                        });
                        inline_pieces(prepared, children, last, next_id, out);
                        out.push(Piece::Close {
                            id,
                            close: prepared[last..range.end].to_string(),
                        });
                    }
                    _ => push_code(out, next_id, kind, whole),
                }
                i = close;
            }
            _ => {}
        }
        i += 1;
    }
}

fn push_code(out: &mut Vec<Piece>, next_id: &mut usize, kind: CodeKind, markdown: &str) {
    out.push(Piece::Code {
        id: *next_id,
        kind,
        markdown: markdown.to_string(),
    });
    *next_id += 1;
}

fn mark_kind(tag: &Tag<'_>) -> CodeKind {
    match tag {
        Tag::Strong => CodeKind::Bold,
        Tag::Emphasis => CodeKind::Italic,
        Tag::Strikethrough => CodeKind::Strikethrough,
        Tag::Link { .. } => CodeKind::Link,
        Tag::Image { .. } => CodeKind::Image,
        _ => CodeKind::Html,
    }
}

/// Text with call placeholders in it → text and shortcode codes.
fn split_calls(text: &str, next_id: &mut usize, out: &mut Vec<Piece>) {
    let mut rest = text;
    while let Some(start) = rest.find(CALL_OPEN) {
        let after = &rest[start + CALL_OPEN.len_utf8()..];
        let Some(end) = after.find(CALL_CLOSE) else {
            break;
        };
        split_addresses(&rest[..start], next_id, out);
        out.push(Piece::Code {
            id: *next_id,
            kind: CodeKind::Shortcode,
            markdown: format!("{CALL_OPEN}{}{CALL_CLOSE}", &after[..end]),
        });
        *next_id += 1;
        rest = &after[end + CALL_CLOSE.len_utf8()..];
    }
    split_addresses(rest, next_id, out);
}

/// Text → text and the addresses in it (which become links) as codes.
fn split_addresses(text: &str, next_id: &mut usize, out: &mut Vec<Piece>) {
    let mut last = 0;
    for found in crate::markdown::autolink::find(text) {
        if found.range.start > last {
            out.push(Piece::Text(text[last..found.range.start].to_string()));
        }
        push_code(out, next_id, CodeKind::Address, &text[found.range.clone()]);
        last = found.range.end;
    }
    if last < text.len() {
        out.push(Piece::Text(text[last..].to_string()));
    }
}

/// A slide's speaker notes start with `Notes:`, which must stay as it is.
fn protect_notes_keyword(pieces: &mut Vec<Piece>, next_id: &mut usize) {
    let keyword = crate::markdown::slides::NOTES;
    let Some(Piece::Text(first)) = pieces.first_mut() else {
        return;
    };
    let Some(rest) = first.strip_prefix(keyword) else {
        return;
    };
    let rest = rest.to_string();
    pieces[0] = Piece::Code {
        id: *next_id,
        kind: CodeKind::Keyword,
        markdown: keyword.to_string(),
    };
    *next_id += 1;
    if !rest.is_empty() {
        pieces.insert(1, Piece::Text(rest));
    }
}

/// Adjacent text pieces as one (pulldown-cmark splits text at some marks).
fn merge_text(pieces: Vec<Piece>) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::with_capacity(pieces.len());
    for piece in pieces {
        match (out.last_mut(), piece) {
            (Some(Piece::Text(a)), Piece::Text(b)) => a.push_str(&b),
            (_, piece) => out.push(piece),
        }
    }
    out
}

/// Text from a translator as Markdown that means just that text: marks,
/// and what would start a block at the start of a line, are escaped;
/// whitespace (also line breaks) becomes single spaces.
pub(crate) fn escape_text(text: &str, at_start: bool) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut previous_space = false;
    for (i, c) in text.chars().enumerate() {
        if c.is_whitespace() {
            if !previous_space {
                out.push(' ');
            }
            previous_space = true;
            continue;
        }
        previous_space = false;
        let starts_block = at_start && i == 0 && matches!(c, '#' | '>' | '-' | '+' | '=' | '|');
        if starts_block || matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '~' | '|') {
            out.push('\\');
        }
        out.push(c);
    }
    // "1. Tekst" at the start of a line would be a numbered list.
    if at_start {
        let digits = out.chars().take_while(char::is_ascii_digit).count();
        if digits > 0 && matches!(out[digits..].chars().next(), Some('.' | ')')) {
            out.insert(digits, '\\');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn units(body: &str) -> Vec<(UnitKind, String)> {
        segment(body)
            .units
            .iter()
            .map(|u| (u.kind, u.plain_text()))
            .collect()
    }

    #[test]
    fn blocks_become_units() {
        let body = "## Tip voor thuis\n\nPraat met je kind.\nElke dag.\n\n- een\n- twee\n\n| a | b |\n|---|---|\n| c | d |\n\n```\ncode\n```\n";
        assert_eq!(
            units(body),
            vec![
                (UnitKind::Heading, "Tip voor thuis".into()),
                (UnitKind::Paragraph, "Praat met je kind. Elke dag.".into()),
                (UnitKind::ListItem, "een".into()),
                (UnitKind::ListItem, "twee".into()),
                (UnitKind::TableCell, "a".into()),
                (UnitKind::TableCell, "b".into()),
                (UnitKind::TableCell, "c".into()),
                (UnitKind::TableCell, "d".into()),
            ]
        );
    }

    #[test]
    fn marks_are_codes_and_rebuild_gives_the_original() {
        let body = "Lees **eerst** [de witte pet](witte-pet.md) en `code` {{ cap(color=\"wit\") }}. Bel 0123 456789 of <info@school.example>.\n";
        let s = segment(body);
        let [unit] = s.units.as_slice() else {
            panic!("{:?}", s.units)
        };
        assert_eq!(unit.plain_text(), "Lees eerst de witte pet en  . Bel  of .");
        let kinds: Vec<CodeKind> = unit.codes().iter().map(|c| c.1).collect();
        assert_eq!(
            kinds,
            [
                CodeKind::Bold,
                CodeKind::Link,
                CodeKind::Code,
                CodeKind::Shortcode,
                CodeKind::Address,
                CodeKind::Address
            ]
        );
        let link = &unit.codes()[1];
        assert_eq!(
            (link.2.as_str(), link.3.as_deref()),
            ("[", Some("](witte-pet.md)"))
        );
        // Unchanged units give the body back byte for byte.
        assert_eq!(s.rebuild(&[]), body);
        assert_eq!(s.rebuild(&[(0, "Czytaj".into())]), "Czytaj\n");
    }

    #[test]
    fn escaping_keeps_text_text() {
        assert_eq!(escape_text("a *b* [c]", false), "a \\*b\\* \\[c\\]");
        assert_eq!(escape_text("- nie lijst", true), "\\- nie lijst");
        assert_eq!(escape_text("1. nie lijst", true), "1\\. nie lijst");
        assert_eq!(escape_text("twee\n  regels", false), "twee regels");
    }
}
