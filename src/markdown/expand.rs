//! A body made ready to parse: characters authors can not use replaced, and
//! each shortcode call replaced by a placeholder whose HTML is rendered here
//! (the body writer puts it back in place).

use std::ops::Range;

use pulldown_cmark::{CowStr, Event, Parser, Tag};

use super::{options, Context, SHORTCODE_CLOSE, SHORTCODE_OPEN};
use crate::content::Page;
use crate::error::{line_col, Diagnostic, Errors};
use crate::msg;

/// The Markdown the body writer parses.
pub(super) struct Source {
    pub(super) text: String,
    /// The HTML of each shortcode, by placeholder number.
    pub(super) shortcode_html: Vec<String>,
    /// The text each shortcode call had in the body, by placeholder number.
    pub(super) shortcode_calls: Vec<String>,
    pub(super) map: OffsetMap,
}

impl Source {
    /// The source of `page`'s body; a bad shortcode is an error at its place.
    pub(super) fn of(page: &Page, ctx: &Context<'_>) -> Result<Source, Errors> {
        // Authors can not produce the placeholder characters.
        let text: String = page
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
        if !text.contains("{{") {
            return Ok(Source {
                text,
                shortcode_html: Vec::new(),
                shortcode_calls: Vec::new(),
                map: OffsetMap::default(),
            });
        }
        expand_shortcodes(page, ctx, &text).map_err(|errs| {
            let mut errors = Errors::new();
            for (offset, message, help) in errs {
                let (line, column) = line_col(&page.body, offset);
                errors.push(
                    Diagnostic::site(message)
                        .in_file(&page.source)
                        .at(page.body_line + line - 1, column)
                        .help(help),
                );
            }
            errors
        })
    }

    /// `text` with each shortcode placeholder back as the call written in
    /// the body (for the plain-text outlines of a slide).
    pub(super) fn restore_calls<'t>(&self, text: &'t str) -> std::borrow::Cow<'t, str> {
        if self.shortcode_calls.is_empty() || !text.contains(SHORTCODE_OPEN) {
            return text.into();
        }
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        while let Some(start) = rest.find(SHORTCODE_OPEN) {
            out.push_str(&rest[..start]);
            let after = &rest[start + SHORTCODE_OPEN.len_utf8()..];
            let end = after.find(SHORTCODE_CLOSE).unwrap_or(after.len());
            if let Some(call) = after[..end]
                .parse::<usize>()
                .ok()
                .and_then(|i| self.shortcode_calls.get(i))
            {
                out.push_str(call);
            }
            rest = &after[(end + SHORTCODE_CLOSE.len_utf8()).min(after.len())..];
        }
        out.push_str(rest);
        out.into()
    }
}

/// Maps offsets in the shortcode-expanded source back to the original body.
#[derive(Debug, Default)]
pub(super) struct OffsetMap {
    /// (start in expanded, start in original, length in expanded, length in original)
    replacements: Vec<(usize, usize, usize, usize)>,
}

impl OffsetMap {
    pub(super) fn original(&self, offset: usize) -> usize {
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
) -> Result<Source, ShortcodeErrors> {
    let code_ranges: Vec<Range<usize>> = Parser::new_ext(source, options())
        .into_offset_iter()
        .filter_map(|(e, r)| match e {
            Event::Code(_) | Event::Start(Tag::CodeBlock(_)) => Some(r),
            _ => None,
        })
        .collect();
    let calls = super::shortcodes::find_calls(source, &code_ranges)
        .map_err(|e| vec![(e.offset, e.message, msg!("markdown.shortcode-vorm-hulp"))])?;
    let mut errors = Vec::new();
    let mut html = Vec::with_capacity(calls.len());
    let mut written = Vec::with_capacity(calls.len());
    let mut out = String::with_capacity(source.len());
    let mut map = OffsetMap::default();
    let mut last = 0;
    for call in calls {
        if !ctx.shortcodes.exists(&call.name) {
            errors.push(unknown_shortcode(ctx, &call));
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
                written.push(source[call.span.clone()].to_string());
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
    Ok(Source {
        text: out,
        shortcode_html: html,
        shortcode_calls: written,
        map,
    })
}

fn unknown_shortcode(ctx: &Context<'_>, call: &super::shortcodes::Call) -> (usize, String, String) {
    let names = ctx.shortcodes.names();
    let list = names.join(", ");
    let help = match crate::error::did_you_mean(&call.name, names.iter().map(String::as_str)) {
        Some(m) => msg!("markdown.shortcode-bedoel", naam = m, namen = list),
        None => msg!("markdown.shortcode-kies", namen = list),
    };
    (
        call.span.start,
        msg!("markdown.shortcode-onbekend", naam = call.name),
        help,
    )
}

/// The number of the shortcode that is all of `text`, if one is.
pub(super) fn lone_shortcode(text: &str) -> Option<usize> {
    let inner = text
        .trim()
        .strip_prefix(SHORTCODE_OPEN)?
        .strip_suffix(SHORTCODE_CLOSE)?;
    inner.parse().ok()
}

/// Splits a text event at shortcode placeholders into text and HTML events.
pub(super) fn split_shortcodes<'a>(text: &CowStr<'a>, html: &[String], out: &mut Vec<Event<'a>>) {
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
