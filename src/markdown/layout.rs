//! The blocks some page types give their body, decided while the Markdown
//! events stream past: a cap page's sections, an evening's key points, a
//! manual's steps.

use pulldown_cmark::Event;

use super::highlight::escape;
use crate::content::PageKind;

/// The blocks some page types give their body: a cap page's sections (strong
/// side, weak side, tip, conversation starters) as parts, an evening's "In het
/// kort" list as the key-points box, a manual's numbered lists as steps.
pub(super) struct Layout {
    pub(super) depth: usize,
    /// Per open list: is it rendered as steps?
    pub(super) lists: Vec<bool>,
    parts: bool,
    part_open: bool,
    /// Parts so far: the theme styles a part by its place (`part-1` is the
    /// strong side in every language), not by the words of its heading.
    part_count: usize,
    key_points: KeyPoints,
    /// The events of the key-points section in the output: from its opening
    /// up to the event after its closing tag.
    pub(super) key_points_events: Option<std::ops::Range<usize>>,
    pub(super) steps: bool,
}

#[derive(PartialEq, Eq)]
enum KeyPoints {
    Wanted,
    Open,
    Done,
}

impl Layout {
    pub(super) fn new(kind: &PageKind) -> Layout {
        Layout {
            depth: 0,
            lists: Vec::new(),
            parts: matches!(kind, PageKind::Cap { .. }),
            part_open: false,
            part_count: 0,
            key_points: if matches!(kind, PageKind::Evening { .. }) {
                KeyPoints::Wanted
            } else {
                KeyPoints::Done
            },
            key_points_events: None,
            steps: *kind == PageKind::Manual,
        }
    }

    pub(super) fn before_heading(
        &mut self,
        level: u8,
        id: &str,
        text: &str,
        out: &mut Vec<Event<'_>>,
    ) {
        self.close_key_points(out);
        if self.parts && level == 2 {
            if self.part_open {
                out.push(Event::Html("</section>\n".into()));
            }
            self.part_count += 1;
            out.push(Event::Html(
                format!(
                    "<section class=\"part part-{} part-{}\">\n",
                    self.part_count,
                    escape(id)
                )
                .into(),
            ));
            self.part_open = true;
        }
        // A translation keeps the Dutch heading's id (helder translate import).
        let key_points_heading =
            text.trim().eq_ignore_ascii_case("in het kort") || id == "in-het-kort";
        if self.key_points == KeyPoints::Wanted && key_points_heading {
            self.key_points_events = Some(out.len()..out.len());
            out.push(Event::Html(
                format!(
                    "<section class=\"key-points\" aria-labelledby=\"{}\">\n",
                    escape(id)
                )
                .into(),
            ));
            self.key_points = KeyPoints::Open;
        }
    }

    pub(super) fn after_top_list(&mut self, out: &mut Vec<Event<'_>>) {
        self.close_key_points(out);
    }

    fn close_key_points(&mut self, out: &mut Vec<Event<'_>>) {
        if self.key_points == KeyPoints::Open {
            out.push(Event::Html("</section>".into()));
            // The line break after it stays in the body when the theme
            // takes the section out.
            if let Some(events) = &mut self.key_points_events {
                events.end = out.len();
            }
            out.push(Event::Html("\n".into()));
            self.key_points = KeyPoints::Done;
        }
    }

    pub(super) fn finish(&mut self, out: &mut Vec<Event<'_>>) {
        self.after_top_list(out);
        if self.part_open {
            out.push(Event::Html("</section>\n".into()));
            self.part_open = false;
        }
    }
}
