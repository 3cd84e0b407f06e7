//! A slides page (team-meeting outline): its body split into slides on lines
//! holding only `---`, and each slide's outline for PowerPoint: the heading as
//! title, the list as bullets, `Notes:` paragraphs as speaker notes.

use pulldown_cmark::{Event, Tag, TagEnd};

/// One slide's Markdown and where it starts in the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Chunk {
    /// 0-based line of the body where the slide's text starts.
    pub first_line: usize,
    pub text: String,
}

/// Splits a body at lines holding only `---` (not inside fenced code). Empty
/// slides are dropped.
pub(crate) fn split(body: &str) -> Vec<Chunk> {
    let mut chunks = Vec::new();
    let mut current = String::new();
    let mut first_line = 0;
    let mut fence: Option<String> = None;
    for (n, line) in body.split_inclusive('\n').enumerate() {
        let trimmed = line.trim();
        if let Some(f) = &fence {
            if trimmed.starts_with(f.as_str()) {
                fence = None;
            }
        } else if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            fence = Some(
                trimmed
                    .chars()
                    .take_while(|c| *c == '`' || *c == '~')
                    .collect(),
            );
        } else if trimmed == "---" {
            push(&mut chunks, first_line, std::mem::take(&mut current));
            first_line = n + 1;
            continue;
        }
        current.push_str(line);
    }
    push(&mut chunks, first_line, current);
    chunks
}

fn push(chunks: &mut Vec<Chunk>, first_line: usize, text: String) {
    if text.trim().chars().any(|c| !c.is_whitespace()) {
        chunks.push(Chunk { first_line, text });
    }
}

/// The prefix of a speaker-note paragraph.
pub(crate) const NOTES: &str = "Notes:";

/// What a slide says, as plain text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outline {
    pub title: String,
    /// (level: 0 or 1, text)
    pub bullets: Vec<(u8, String)>,
    pub notes: String,
    /// Image sources as written.
    pub images: Vec<(String, String)>,
}

/// The outline of one slide's Markdown events: the first heading is the
/// title; list items are bullets (nested ones one level in); other paragraphs
/// are bullets too, except `Notes:` paragraphs, which are the speaker notes.
/// `text` gives the text of a text event as the author wrote it.
pub(super) fn outline<'e>(
    events: impl Iterator<Item = &'e Event<'e>>,
    text_of: impl Fn(&str) -> String,
) -> Outline {
    let mut out = Outline::default();
    let mut text = String::new();
    let mut list_depth = 0usize;
    // An image's alt text is gathered apart from the paragraph around it.
    let mut image: Option<(String, usize)> = None;
    for event in events {
        match event {
            Event::Start(Tag::Heading { .. }) => text.clear(),
            Event::End(TagEnd::Heading(_)) => {
                let t = text.trim().to_string();
                if out.title.is_empty() {
                    out.title = t;
                } else if !t.is_empty() {
                    out.bullets.push((0, t));
                }
                text.clear();
            }
            Event::Start(Tag::List(_)) => {
                flush_item(&mut text, list_depth, &mut out);
                list_depth += 1;
            }
            Event::End(TagEnd::List(_)) => list_depth = list_depth.saturating_sub(1),
            Event::Start(Tag::Item) => flush_item(&mut text, list_depth, &mut out),
            Event::End(TagEnd::Item) => flush_item(&mut text, list_depth, &mut out),
            Event::Start(Tag::Paragraph) if list_depth == 0 => text.clear(),
            Event::End(TagEnd::Paragraph) if list_depth == 0 => {
                let t = text.trim();
                if let Some(note) = t.strip_prefix(NOTES) {
                    if !out.notes.is_empty() {
                        out.notes.push('\n');
                    }
                    out.notes.push_str(note.trim());
                } else if !t.is_empty() {
                    out.bullets.push((0, t.to_string()));
                }
                text.clear();
            }
            Event::Start(Tag::Image { dest_url, .. }) => {
                image = Some((dest_url.to_string(), text.len()))
            }
            Event::End(TagEnd::Image) => {
                if let Some((src, start)) = image.take() {
                    let alt = text.split_off(start.min(text.len()));
                    out.images.push((src, alt.trim().to_string()));
                }
            }
            Event::Text(t) | Event::Code(t) => text.push_str(&text_of(t)),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            _ => {}
        }
    }
    out
}

fn flush_item(text: &mut String, depth: usize, out: &mut Outline) {
    let t = text.trim();
    if depth > 0 && !t.is_empty() {
        out.bullets.push(((depth - 1).min(1) as u8, t.to_string()));
    }
    text.clear();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_on_separator_lines_only() {
        let body = "## Een\n\n- a\n\n---\n\n## Twee\n\n```\n---\n```\n---\n## Drie\n---\n\n---\n";
        let chunks = split(body);
        assert_eq!(chunks.len(), 3);
        assert!(chunks[1].text.contains("```\n---\n```"));
        assert_eq!(chunks[0].first_line, 0);
        assert_eq!(chunks[1].first_line, 5);
        assert_eq!(chunks[2].first_line, 12);
    }

    #[test]
    fn outline_has_title_bullets_and_notes() {
        let markdown = "## Wat doen we al?\n\n- Nieuwsbrief\n  - elke maand\n- Inloop\n\nNotes: Vraag eerst rond.\n\n![Foto](plein.png)\n";
        let events: Vec<_> =
            pulldown_cmark::Parser::new_ext(markdown, super::super::options()).collect();
        let o = outline(events.iter(), str::to_string);
        assert_eq!(o.title, "Wat doen we al?");
        assert_eq!(
            o.bullets,
            [
                (0, "Nieuwsbrief".into()),
                (1, "elke maand".into()),
                (0, "Inloop".into())
            ]
        );
        assert_eq!(o.notes, "Vraag eerst rond.");
        assert_eq!(o.images, [("plein.png".to_string(), "Foto".to_string())]);
    }
}
