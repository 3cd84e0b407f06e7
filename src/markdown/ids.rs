//! The ids a body gives its elements (headings, footnotes, glossary terms),
//! unique on the page, and the levels its headings are written at.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use pulldown_cmark::{Event, HeadingLevel, Tag};

/// The levels the body's headings are written at. The page title is the
/// one `<h1>`, so the body's highest heading becomes `<h2>` (a body that
/// starts at `###` is lifted, one that uses `#` is lowered), and no level is
/// skipped on the way down (`##` then `####` gives h2, h3), as WCAG and
/// screen readers expect.
pub(super) struct HeadingLevels {
    /// Added to every level before the no-skipping rule.
    shift: i8,
    /// The level of the heading written before, 1 for the title.
    previous: u8,
    /// The level of the heading being written.
    current: u8,
}

impl HeadingLevels {
    pub(super) fn of(events: &[(Event<'_>, Range<usize>)]) -> Self {
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

    pub(super) fn open(&mut self, level: HeadingLevel) -> u8 {
        let shifted = (level as u8 as i8 + self.shift).clamp(2, 6) as u8;
        self.current = shifted.min(self.previous + 1);
        self.previous = self.current;
        self.current
    }

    pub(super) fn close(&self) -> u8 {
        self.current
    }
}

pub(super) fn heading_slug(text: &str) -> String {
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
pub(super) struct IdPool {
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

pub(super) fn unique_id(id: String, pool: &mut IdPool) -> String {
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
