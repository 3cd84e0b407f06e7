//! Glossary terms in running text: the explanation at a term's first use.

use pulldown_cmark::{CowStr, Event};

use super::super::highlight::escape;
use super::super::ids::{heading_slug, unique_id, IdPool};
use crate::plain::lexicon::Glossary;

/// Attaches the explanation of each glossary term at its first use on the
/// page: a button that opens the explanation (the Popover API needs no
/// JavaScript, and a tap works where hover does not).
pub(super) fn mark_terms<'a>(
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
