//! The text a reader sees, from a page's Markdown: paragraphs, headings, list
//! items and table cells as blocks of plain text, each character traceable to
//! its byte offset in the Markdown source. Code, raw HTML, URLs, image files
//! and shortcodes are left out.

use std::ops::Range;

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    Paragraph,
    Heading,
    ListItem,
    TableCell,
}

#[derive(Debug, Clone)]
pub struct Block {
    pub kind: BlockKind,
    pub text: String,
    /// (offset in `text`, offset in the source) at the start of each text run.
    runs: Vec<(usize, usize)>,
}

impl Block {
    /// Byte offset in the Markdown source of byte `i` of `text`.
    pub fn source_offset(&self, i: usize) -> usize {
        let idx = self.runs.partition_point(|(t, _)| *t <= i);
        match idx.checked_sub(1).map(|k| self.runs[k]) {
            Some((t, s)) => s + (i - t),
            None => self.runs.first().map(|r| r.1).unwrap_or(0),
        }
    }
}

/// Blocks of readable text, in document order.
pub(crate) fn blocks(markdown: &str) -> Vec<Block> {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_GFM;
    let mut blocks = Vec::new();
    let mut current: Option<Block> = None;
    let mut skip_depth = 0usize; // inside code blocks, images, autolinks
    let flush = |current: &mut Option<Block>, blocks: &mut Vec<Block>| {
        if let Some(b) = current.take() {
            if b.text.trim().chars().any(char::is_alphanumeric) {
                blocks.push(b);
            }
        }
    };
    let start = |kind, current: &mut Option<Block>, blocks: &mut Vec<Block>| {
        flush(current, blocks);
        *current = Some(Block {
            kind,
            text: String::new(),
            runs: Vec::new(),
        });
    };
    for (event, range) in Parser::new_ext(markdown, options).into_offset_iter() {
        match event {
            Event::Start(
                Tag::CodeBlock(_) | Tag::Image { .. } | Tag::HtmlBlock | Tag::MetadataBlock(_),
            ) => skip_depth += 1,
            Event::End(
                TagEnd::CodeBlock | TagEnd::Image | TagEnd::HtmlBlock | TagEnd::MetadataBlock(_),
            ) => skip_depth = skip_depth.saturating_sub(1),
            Event::Start(Tag::Link {
                link_type: LinkType::Autolink | LinkType::Email,
                ..
            }) => skip_depth += 1,
            Event::End(TagEnd::Link) if skip_depth > 0 => skip_depth -= 1,
            _ if skip_depth > 0 => {}
            Event::Start(Tag::Paragraph) => start(BlockKind::Paragraph, &mut current, &mut blocks),
            Event::Start(Tag::Heading { .. }) => {
                start(BlockKind::Heading, &mut current, &mut blocks)
            }
            Event::Start(Tag::Item) => start(BlockKind::ListItem, &mut current, &mut blocks),
            Event::Start(Tag::TableCell) => start(BlockKind::TableCell, &mut current, &mut blocks),
            Event::End(
                TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::TableCell,
            ) => {
                let kind = current.as_ref().map(|b| b.kind);
                flush(&mut current, &mut blocks);
                // A list item's text after a nested list continues the item.
                if kind == Some(BlockKind::Paragraph) {
                    current = None;
                }
            }
            Event::Text(text) => {
                let block = current.get_or_insert_with(|| Block {
                    kind: BlockKind::Paragraph,
                    text: String::new(),
                    runs: Vec::new(),
                });
                push_text(block, &text, range);
            }
            Event::Code(_)
            | Event::InlineHtml(_)
            | Event::Html(_)
            | Event::SoftBreak
            | Event::HardBreak => {
                if let Some(block) = current.as_mut() {
                    if !block.text.ends_with(' ') {
                        block.text.push(' ');
                    }
                }
            }
            _ => {}
        }
    }
    flush(&mut current, &mut blocks);
    blocks
}

fn push_text(block: &mut Block, text: &str, range: Range<usize>) {
    // Shortcodes are not prose.
    let mut rest = text;
    let mut source = range.start;
    while let Some(start) = rest.find("{{") {
        let Some(len) = rest[start..].find("}}") else {
            break;
        };
        append(block, &rest[..start], source);
        block.text.push(' ');
        source += start + len + 2;
        rest = &rest[start + len + 2..];
    }
    append(block, rest, source);
}

fn append(block: &mut Block, text: &str, source: usize) {
    if text.is_empty() {
        return;
    }
    block.runs.push((block.text.len(), source));
    block.text.push_str(text);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_leave_out_code_and_urls() {
        let md = "# Kop\n\nTekst met `code` en [een link](https://x.example).\n\n```\nfn x() {}\n```\n\n- een\n- twee\n\n<https://a.example>\n";
        let b = blocks(md);
        let texts: Vec<&str> = b.iter().map(|b| b.text.trim()).collect();
        assert_eq!(texts, ["Kop", "Tekst met  en een link.", "een", "twee"]);
        assert_eq!(b[0].kind, BlockKind::Heading);
        assert_eq!(b[2].kind, BlockKind::ListItem);
    }

    #[test]
    fn offsets_point_into_the_source() {
        let md = "Eerste zin.\n\nTweede *mooie* alinea.\n";
        let b = blocks(md);
        let second = &b[1];
        let i = second.text.find("alinea").unwrap();
        assert_eq!(
            &md[second.source_offset(i)..second.source_offset(i) + 6],
            "alinea"
        );
    }

    #[test]
    fn shortcodes_are_left_out() {
        let b = blocks("De {{ cap(color=\"wit\") }} pet.\n");
        assert_eq!(b[0].text, "De   pet.");
    }
}
