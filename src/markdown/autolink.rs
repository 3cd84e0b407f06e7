//! Addresses in running text become links: GFM's extended autolinks
//! (`www.…`, `http(s)://…`, `ftp://…`, e-mail addresses) and, since parents
//! read on phones, Dutch and Belgian phone numbers (`tel:`).
//!
//! Written by hand: pulldown-cmark implements only CommonMark's `<…>`
//! autolinks, and the crates that find links in text (linkify) follow other
//! rules than the GFM spec, whose examples are the tests below.

use std::ops::Range;

use pulldown_cmark::{Event, LinkType, Tag, TagEnd};

/// One address found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Found {
    /// Byte range of the link text in the searched text.
    pub range: Range<usize>,
    pub href: String,
    pub kind: Kind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Web,
    Email,
    Phone,
}

/// Every address in `text`, in order, not overlapping.
pub(crate) fn find(text: &str) -> Vec<Found> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let hit = web(text, i)
            .or_else(|| email(text, i))
            .or_else(|| phone(text, i));
        match hit {
            Some(f) => {
                i = f.range.end;
                found.push(f);
            }
            None => i += utf8_len(bytes[i]),
        }
    }
    found
}

fn utf8_len(first: u8) -> usize {
    match first {
        0xF0..=0xFF => 4,
        0xE0..=0xEF => 3,
        0xC0..=0xDF => 2,
        _ => 1,
    }
}

/// GFM: an extended autolink starts a line, follows whitespace or one of
/// `*`, `_`, `~`, `(`.
fn may_start(text: &str, at: usize) -> bool {
    match text[..at].chars().next_back() {
        None => true,
        Some(c) => c.is_whitespace() || matches!(c, '*' | '_' | '~' | '('),
    }
}

fn web(text: &str, at: usize) -> Option<Found> {
    let rest = &text[at..];
    let (scheme, prefix_len) = if starts_with_ignore_case(rest, "www.") {
        ("http://", 0)
    } else if let Some(len) = ["https://", "http://", "ftp://"]
        .iter()
        .find(|s| starts_with_ignore_case(rest, s))
        .map(|s| s.len())
    {
        ("", len)
    } else {
        return None;
    };
    if !may_start(text, at) {
        return None;
    }
    let domain_len = valid_domain(&rest[prefix_len..])?;
    // Then anything up to whitespace or `<`.
    let tail_end = rest[prefix_len + domain_len..]
        .find(|c: char| c.is_whitespace() || c == '<')
        .map(|n| prefix_len + domain_len + n)
        .unwrap_or(rest.len());
    let len = trim_path(&rest[..tail_end]);
    if len <= prefix_len {
        return None;
    }
    let link = &rest[..len];
    Some(Found {
        range: at..at + len,
        href: format!("{scheme}{link}"),
        kind: Kind::Web,
    })
}

fn starts_with_ignore_case(text: &str, prefix: &str) -> bool {
    text.len() >= prefix.len()
        && text.as_bytes()[..prefix.len()].eq_ignore_ascii_case(prefix.as_bytes())
}

/// Length of a valid domain at the start of `text`: segments of
/// alphanumerics, `_` and `-` separated by periods, at least one period, no
/// `_` in the last two segments.
fn valid_domain(text: &str) -> Option<usize> {
    let len = text
        .find(|c: char| !(c.is_alphanumeric() || matches!(c, '_' | '-' | '.')))
        .unwrap_or(text.len());
    let domain = text[..len].trim_end_matches('.');
    let segments: Vec<&str> = domain.split('.').collect();
    if segments.len() < 2 || segments.iter().any(|s| s.is_empty()) {
        return None;
    }
    if segments.iter().rev().take(2).any(|s| s.contains('_')) {
        return None;
    }
    Some(len)
}

/// GFM's extended autolink path validation: trailing punctuation, an
/// unbalanced `)` and an entity-like `&name;` are not part of the link.
fn trim_path(link: &str) -> usize {
    let mut end = link.len();
    loop {
        let s = &link[..end];
        let Some(last) = s.chars().next_back() else {
            return 0;
        };
        let trailing_punctuation = matches!(last, '?' | '!' | '.' | ',' | ':' | '*' | '_' | '~');
        let unbalanced = last == ')' && s.matches(')').count() > s.matches('(').count();
        if trailing_punctuation || unbalanced {
            end -= 1;
        } else if last == ';' {
            let before = &s[..s.len() - 1];
            let name_start = before
                .rfind(|c: char| !c.is_ascii_alphanumeric())
                .map(|i| i + 1)
                .unwrap_or(0);
            if name_start > 0
                && name_start < before.len()
                && before.as_bytes()[name_start - 1] == b'&'
            {
                end = name_start - 1;
            } else {
                return end;
            }
        } else {
            return end;
        }
    }
}

fn email(text: &str, at: usize) -> Option<Found> {
    let bytes = text.as_bytes();
    let local = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_' | b'+');
    // The address starts here: at a local-part character not preceded by one.
    if !local(bytes[at]) || (at > 0 && local(bytes[at - 1])) {
        return None;
    }
    let at_sign = at + bytes[at..].iter().position(|&b| !local(b))?;
    if bytes[at_sign] != b'@' || at_sign == at {
        return None;
    }
    let domain = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_');
    let mut end = at_sign + 1;
    while end < bytes.len() && domain(bytes[end]) {
        end += 1;
    }
    if end < bytes.len() && bytes[end] == b'+' {
        return None;
    }
    while end > at_sign + 1 && bytes[end - 1] == b'.' {
        end -= 1;
    }
    let host = &text[at_sign + 1..end];
    if !host.contains('.') || host.ends_with(['-', '_']) || host.starts_with('.') {
        return None;
    }
    Some(Found {
        range: at..end,
        href: format!("mailto:{}", &text[at..end]),
        kind: Kind::Email,
    })
}

/// A Dutch or Belgian phone number: `0` or `+` then 9 to 12 digits, in
/// groups separated by single spaces or hyphens (`0123 456789`,
/// `06-12345678`, `+31 20 123 4567`, `09 123 45 67`). Not inside a longer
/// number or word, so dates, amounts and postcodes are left alone.
fn phone(text: &str, at: usize) -> Option<Found> {
    let bytes = text.as_bytes();
    let first = bytes[at];
    if !(first == b'0' || first == b'+') {
        return None;
    }
    if at > 0 {
        let before = text[..at].chars().next_back()?;
        if before.is_alphanumeric() || matches!(before, '+' | '-' | '/' | '.' | ',' | '€' | '@') {
            return None;
        }
    }
    let mut end = at + 1;
    let mut digits = usize::from(first != b'+');
    let mut last_was_digit = first != b'+';
    while end < bytes.len() {
        let b = bytes[end];
        if b.is_ascii_digit() {
            digits += 1;
            last_was_digit = true;
        } else if matches!(b, b' ' | b'-')
            && last_was_digit
            && bytes.get(end + 1).is_some_and(u8::is_ascii_digit)
        {
            last_was_digit = false;
        } else {
            break;
        }
        end += 1;
    }
    // Followed by a letter, or by a decimal comma or point: an amount or a code.
    let next = bytes.get(end).copied();
    let decimal =
        matches!(next, Some(b',' | b'.')) && bytes.get(end + 1).is_some_and(u8::is_ascii_digit);
    if next.is_some_and(|b| b.is_ascii_alphanumeric() || b >= 0x80) || decimal {
        return None;
    }
    if !(9..=12).contains(&digits) {
        return None;
    }
    // `+` must be followed by a country code, never by 0.
    if first == b'+' && !bytes.get(at + 1).is_some_and(|b| (b'1'..=b'9').contains(b)) {
        return None;
    }
    let number: String = text[at..end]
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '+')
        .collect();
    Some(Found {
        range: at..end,
        href: format!("tel:{number}"),
        kind: Kind::Phone,
    })
}

/// Addresses in running text become links ([`find`]), and `<a@b.nl>`
/// autolinks get their `mailto:`. Adjacent text events are joined first:
/// pulldown-cmark splits text at characters such as `&` and `_`.
pub(super) fn link_addresses<'a>(
    events: Vec<(Event<'a>, Range<usize>)>,
) -> Vec<(Event<'a>, Range<usize>)> {
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
                let found = find(&text);
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
                                super::highlight::escape(&f.href),
                                super::highlight::escape(&text[f.range.clone()])
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

#[cfg(test)]
mod tests {
    use super::*;

    fn links(text: &str) -> Vec<(&str, String)> {
        find(text)
            .into_iter()
            .map(|f| (&text[f.range.clone()], f.href))
            .collect()
    }

    fn one(text: &str, shown: &str, href: &str) {
        assert_eq!(links(text), vec![(shown, href.to_string())], "{text}");
    }

    // The GFM spec's autolink examples (extension), as input → link.
    #[test]
    fn gfm_www_autolinks() {
        one(
            "www.commonmark.org",
            "www.commonmark.org",
            "http://www.commonmark.org",
        );
        one(
            "Visit www.commonmark.org/help for more information.",
            "www.commonmark.org/help",
            "http://www.commonmark.org/help",
        );
        one(
            "Visit www.commonmark.org.",
            "www.commonmark.org",
            "http://www.commonmark.org",
        );
        one(
            "Visit www.commonmark.org/a.b.",
            "www.commonmark.org/a.b",
            "http://www.commonmark.org/a.b",
        );
    }

    #[test]
    fn gfm_parentheses_entities_and_less_than() {
        let business = "www.google.com/search?q=Markup+(business)";
        let href = "http://www.google.com/search?q=Markup+(business)";
        one(business, business, href);
        one(&format!("{business}))"), business, href);
        one(&format!("({business})"), business, href);
        one(&format!("({business}"), business, href);
        one(
            "www.google.com/search?q=(business))+ok",
            "www.google.com/search?q=(business))+ok",
            "http://www.google.com/search?q=(business))+ok",
        );
        one(
            "www.google.com/search?q=commonmark&hl=en",
            "www.google.com/search?q=commonmark&hl=en",
            "http://www.google.com/search?q=commonmark&hl=en",
        );
        one(
            "www.google.com/search?q=commonmark&hl;",
            "www.google.com/search?q=commonmark",
            "http://www.google.com/search?q=commonmark",
        );
        one(
            "www.commonmark.org/he<lp",
            "www.commonmark.org/he",
            "http://www.commonmark.org/he",
        );
    }

    #[test]
    fn gfm_url_autolinks() {
        one(
            "http://commonmark.org",
            "http://commonmark.org",
            "http://commonmark.org",
        );
        one(
            "(Visit https://encrypted.google.com/search?q=Markup+(business))",
            "https://encrypted.google.com/search?q=Markup+(business)",
            "https://encrypted.google.com/search?q=Markup+(business)",
        );
        one(
            "Anonymous FTP is available at ftp://foo.bar.baz.",
            "ftp://foo.bar.baz",
            "ftp://foo.bar.baz",
        );
    }

    #[test]
    fn gfm_email_autolinks() {
        one("foo@bar.baz", "foo@bar.baz", "mailto:foo@bar.baz");
        one(
            "hello@mail+xyz.example isn't valid, but hello+xyz@mail.example is.",
            "hello+xyz@mail.example",
            "mailto:hello+xyz@mail.example",
        );
        one("a.b-c_d@a.b", "a.b-c_d@a.b", "mailto:a.b-c_d@a.b");
        one("a.b-c_d@a.b.", "a.b-c_d@a.b", "mailto:a.b-c_d@a.b");
        assert!(links("a.b-c_d@a.b-").is_empty());
        assert!(links("a.b-c_d@a.b_").is_empty());
    }

    #[test]
    fn words_that_only_look_like_addresses_stay_text() {
        assert_eq!(links("bewww.example.nl"), vec![]);
        assert!(links("www").is_empty() && links("www.").is_empty());
        assert!(links("zie www._a.b_c").is_empty());
        assert!(links("iemand@localhost").is_empty());
    }

    #[test]
    fn phone_numbers() {
        one("Bel 0123 456789.", "0123 456789", "tel:0123456789");
        one("Bel 06-12345678 of mail.", "06-12345678", "tel:0612345678");
        one("(+31 20 123 4567)", "+31 20 123 4567", "tel:+31201234567");
        one(
            "Bel 09 123 45 67, na 16 uur.",
            "09 123 45 67",
            "tel:091234567",
        );
        for not_a_phone in [
            "op 2026-12-17",
            "1234 AB Dorp",
            "kost € 0,50",
            "om 19.30 uur",
            "nummer 0123",
            "code 0123456789012345",
            "versie 0.12.3",
            "+0 123 456 789",
        ] {
            assert!(links(not_a_phone).is_empty(), "{not_a_phone}");
        }
    }

    #[test]
    fn several_in_one_text() {
        let found = links("Mail info@school.example of bel 0123 456789; zie www.school.example.");
        assert_eq!(
            found,
            vec![
                (
                    "info@school.example",
                    "mailto:info@school.example".to_string()
                ),
                ("0123 456789", "tel:0123456789".to_string()),
                (
                    "www.school.example",
                    "http://www.school.example".to_string()
                ),
            ]
        );
    }
}
