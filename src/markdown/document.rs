//! A body as plain-text blocks, for outputs that are text rather than HTML
//! (an evening's summary to paste into an e-mail): its headings,
//! paragraphs, lists, quotes, code and tables, with links as written.
//! Raw HTML, rules and footnote references are left out; emphasis and
//! footnote definitions are read through.

use pulldown_cmark::{BlockQuoteKind, Event, Tag, TagEnd};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TextBlock {
    Heading(Vec<Span>),
    Paragraph(Vec<Span>),
    /// Text in a list item outside any paragraph (a tight list).
    Plain(Vec<Span>),
    List {
        /// The first number of a numbered list.
        start: Option<u64>,
        /// Per item, its blocks.
        items: Vec<Vec<TextBlock>>,
    },
    Quote {
        /// A GitHub alert (`> [!TIP]`) is a callout of this kind.
        callout: Option<BlockQuoteKind>,
        blocks: Vec<TextBlock>,
    },
    /// A code block's text, in the pieces the parser gave (whole lines).
    Code(Vec<String>),
    /// Rows of cells, the head first.
    Table(Vec<Vec<Vec<Span>>>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Span {
    Text(String),
    SoftBreak,
    HardBreak,
    /// A task list item's checkbox: done or not.
    Task(bool),
    /// A link: its address as written, and its text.
    Link(String, Vec<Span>),
    /// An image's alt text.
    Image(Vec<Span>),
}

/// What an open element gathers until its end.
enum Open {
    Blocks(Vec<TextBlock>),
    Spans(Vec<Span>),
    Code(Vec<String>),
    Items(Vec<Vec<TextBlock>>),
    Rows(Vec<Vec<Vec<Span>>>),
    Cells(Vec<Vec<Span>>),
    /// Read through: its content goes to the element around it.
    Through,
}

/// The plain-text blocks of a body's events; `text_of` gives the text of a
/// text event as the author wrote it.
pub(super) fn blocks<'e>(
    events: impl Iterator<Item = &'e Event<'e>>,
    text_of: impl Fn(&str) -> String,
) -> Vec<TextBlock> {
    // The open elements, each with its start tag (None for the body).
    let mut stack: Vec<(Option<&Tag<'_>>, Open)> = vec![(None, Open::Blocks(Vec::new()))];
    let mut code = false;
    for event in events {
        match event {
            Event::Start(tag) => {
                code |= matches!(tag, Tag::CodeBlock(_));
                stack.push((Some(tag), open(tag)));
            }
            Event::End(end) => {
                code &= !matches!(end, TagEnd::CodeBlock);
                if stack.len() > 1 {
                    let (tag, gathered) = stack.pop().expect("more than one open");
                    close(&mut stack, tag, gathered);
                }
            }
            Event::Text(t) if code => {
                if let Some((_, Open::Code(lines))) = stack.last_mut() {
                    lines.push(t.to_string());
                }
            }
            Event::Text(t) | Event::Code(t) => span(&mut stack, Span::Text(text_of(t))),
            Event::SoftBreak => span(&mut stack, Span::SoftBreak),
            Event::HardBreak => span(&mut stack, Span::HardBreak),
            Event::TaskListMarker(done) => span(&mut stack, Span::Task(*done)),
            _ => {}
        }
    }
    match stack.into_iter().next() {
        Some((_, Open::Blocks(blocks))) => blocks,
        _ => Vec::new(),
    }
}

fn open(tag: &Tag<'_>) -> Open {
    match tag {
        Tag::Heading { .. } | Tag::Paragraph | Tag::Link { .. } | Tag::Image { .. } => {
            Open::Spans(Vec::new())
        }
        Tag::TableCell => Open::Spans(Vec::new()),
        Tag::List(_) => Open::Items(Vec::new()),
        Tag::Item | Tag::BlockQuote(_) => Open::Blocks(Vec::new()),
        Tag::CodeBlock(_) => Open::Code(Vec::new()),
        Tag::Table(_) => Open::Rows(Vec::new()),
        Tag::TableHead | Tag::TableRow => Open::Cells(Vec::new()),
        _ => Open::Through,
    }
}

/// Hands what an element gathered to the element around it.
fn close(stack: &mut Vec<(Option<&Tag<'_>>, Open)>, tag: Option<&Tag<'_>>, gathered: Open) {
    let Some(tag) = tag else {
        return;
    };
    match (tag, gathered) {
        (Tag::Heading { .. }, Open::Spans(s)) => block(stack, TextBlock::Heading(s)),
        (Tag::Paragraph, Open::Spans(s)) => block(stack, TextBlock::Paragraph(s)),
        (Tag::Link { dest_url, .. }, Open::Spans(s)) => {
            span(stack, Span::Link(dest_url.to_string(), s))
        }
        (Tag::Image { .. }, Open::Spans(s)) => span(stack, Span::Image(s)),
        (Tag::TableCell, Open::Spans(s)) => {
            if let Some((_, Open::Cells(cells))) = stack.last_mut() {
                cells.push(s);
            }
        }
        (Tag::TableHead | Tag::TableRow, Open::Cells(cells)) => {
            if let Some((_, Open::Rows(rows))) = stack.last_mut() {
                rows.push(cells);
            }
        }
        (Tag::Table(_), Open::Rows(rows)) => block(stack, TextBlock::Table(rows)),
        (Tag::CodeBlock(_), Open::Code(lines)) => block(stack, TextBlock::Code(lines)),
        (Tag::Item, Open::Blocks(blocks)) => {
            if let Some((_, Open::Items(items))) = stack.last_mut() {
                items.push(blocks);
            }
        }
        (Tag::List(start), Open::Items(items)) => block(
            stack,
            TextBlock::List {
                start: *start,
                items,
            },
        ),
        (Tag::BlockQuote(kind), Open::Blocks(blocks)) => block(
            stack,
            TextBlock::Quote {
                callout: *kind,
                blocks,
            },
        ),
        _ => {}
    }
}

/// Adds a block to the innermost element that holds blocks.
fn block(stack: &mut [(Option<&Tag<'_>>, Open)], b: TextBlock) {
    for (_, open) in stack.iter_mut().rev() {
        if let Open::Blocks(blocks) = open {
            blocks.push(b);
            return;
        }
    }
}

/// Adds a span to the innermost element that holds text; text outside
/// any (a tight list item's) is a plain block.
fn span(stack: &mut [(Option<&Tag<'_>>, Open)], s: Span) {
    for (_, open) in stack.iter_mut().rev() {
        match open {
            Open::Spans(spans) => {
                spans.push(s);
                return;
            }
            Open::Blocks(blocks) => {
                match blocks.last_mut() {
                    Some(TextBlock::Plain(spans)) => spans.push(s),
                    _ => blocks.push(TextBlock::Plain(vec![s])),
                }
                return;
            }
            Open::Code(_) | Open::Items(_) | Open::Rows(_) | Open::Cells(_) => return,
            Open::Through => {}
        }
    }
}
