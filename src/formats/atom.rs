//! `<site>/feed.xml`: a site's dated pages (news and evenings) as an Atom 1.0
//! feed (RFC 4287), for feed readers and for apps that show a school's news.
//!
//! The XML is written by the `atom_syndication` crate, which escapes text and
//! attributes; this module decides what goes in:
//!
//! ```text
//! feed   xml:lang, id, title, subtitle, updated (newest entry, else 1970-01-01),
//!        author, generator, link rel=alternate (the site), link rel=self
//! entry  newest first (then by id): id, title, updated = published (the
//!        page's date at midnight in the school's zone, with its offset),
//!        link rel=alternate, summary (text), content type="html"
//! ```
//!
//! Pages are dated without a time, so a date becomes midnight in the school's
//! time zone, written with that day's offset (`2026-12-04T00:00:00+01:00`):
//! the day stays the same day for a reader anywhere.
//!
//! An entry's content keeps the page's relative links; `xml:base` on the
//! content is the entry's URL, so a reader resolves them against the page
//! (and a relative entry URL itself against the feed's address).
//!
//! Atom requires ids to be absolute IRIs; the caller passes the page URL when
//! `base-url` is set and a `tag:`/`urn:` URI otherwise. A missing scheme, a
//! duplicate entry id, white space in a link, an empty author or a year
//! outside 0000–9999 is an [`Error`]. Characters XML 1.0
//! cannot hold (control characters other than tab and line breaks) are left
//! out of the text. The same input gives the same bytes.

use std::collections::BTreeSet;

use atom_syndication::{
    Content, Entry as AtomEntry, Feed as AtomFeed, FixedDateTime, Generator, Link, Person, Text,
    WriteConfig,
};
use chrono::{DateTime, Datelike, NaiveDate, TimeZone};
use chrono_tz::Tz;

/// One dated page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Entry {
    /// Stable: an absolute URL, or a tag:/urn: URI when there is no base URL.
    pub id: String,
    pub title: String,
    /// Absolute when base-url is set, else relative to the feed.
    pub url: String,
    pub date: NaiveDate,
    /// Plain text.
    pub summary: Option<String>,
    /// The entry has HTML content, made when the feed is written by the
    /// function given to [`Prepared::write_to`], with this number: a site
    /// with thousands of news pages then holds one entry's HTML at a time
    /// instead of all of them (at 50,000 pages, 40 MB).
    pub content: Option<usize>,
}

/// The feed of one site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Feed {
    pub id: String,
    pub title: String,
    pub subtitle: Option<String>,
    pub lang: String,
    pub self_url: String,
    pub site_url: String,
    pub author: String,
    /// Dates become midnight in this zone, written with offset.
    pub timezone: Tz,
}

/// Why a feed cannot be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Error {
    /// The feed's id is not an absolute IRI.
    FeedId(Problem),
    /// The feed's own address (`rel=self`).
    SelfUrl(Problem),
    /// The address of the site the feed belongs to.
    SiteUrl(Problem),
    NoAuthor,
    /// The language is not a tag of letters, digits and hyphens.
    Language {
        lang: String,
    },
    DuplicateId {
        id: String,
    },
    /// Something wrong in the entry with this id.
    Entry {
        id: String,
        problem: Problem,
    },
    /// The date of the newest entry, as the feed's `updated`.
    Updated(Problem),
}

/// What is wrong with one value of a feed or entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Problem {
    /// A year outside 0000–9999.
    DateOutOfRange {
        date: NaiveDate,
    },
    /// The date has no hour at all in the zone.
    NoHour {
        date: NaiveDate,
        zone: Tz,
    },
    /// An id without a scheme (`https:`, `tag:`, `urn:`).
    IdNotAbsolute {
        id: String,
    },
    EmptyAddress,
    AddressWithSpaces {
        address: String,
    },
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::FeedId(problem) => write!(f, "the feed's id: {problem}"),
            Error::SelfUrl(problem) => write!(f, "the feed's address: {problem}"),
            Error::SiteUrl(problem) => write!(f, "the site's address: {problem}"),
            Error::NoAuthor => write!(f, "the feed needs an author"),
            Error::Language { lang } => {
                write!(f, "the feed's language {lang:?} is no language tag")
            }
            Error::DuplicateId { id } => write!(f, "two entries have the id {id:?}"),
            Error::Entry { id, problem } => write!(f, "entry {id:?}: {problem}"),
            Error::Updated(problem) => write!(f, "{problem}"),
        }
    }
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Problem::DateOutOfRange { date } => {
                write!(f, "the date {date} is outside the years 0000–9999")
            }
            Problem::NoHour { date, zone } => {
                write!(f, "the date {date} has no hour at all in {}", zone.name())
            }
            Problem::IdNotAbsolute { id } => write!(f, "the id {id:?} is not absolute"),
            Problem::EmptyAddress => write!(f, "an address is empty"),
            Problem::AddressWithSpaces { address } => write!(
                f,
                "the address {address:?} holds white space or control characters"
            ),
        }
    }
}

impl std::error::Error for Error {}

/// The whole `feed.xml` as one string (see [`prepare`]), for tests.
#[cfg(test)]
pub(crate) fn write(feed: &Feed, entries: Vec<Entry>) -> Result<String, Error> {
    let prepared = prepare(feed, entries)?;
    let mut bytes = Vec::new();
    prepared
        .write_to(&mut bytes, &tests::content_html)
        .expect("writing into memory does not fail");
    Ok(String::from_utf8(bytes).expect("the feed's texts are strings"))
}

/// A checked feed, ready to be written.
pub(crate) struct Prepared {
    atom: AtomFeed,
    /// Stands in for an entry's later content in the XML: a private-use
    /// character, this feed's random number and the content's number, so
    /// no text of the feed (a title, a summary) can look like it.
    mark: String,
}

impl Prepared {
    /// Writes the XML document, declaration then the feed indented by two
    /// spaces, into `out`: a build streams it into its file, so a feed of
    /// many megabytes is never held whole. `later(n)` makes the HTML of the
    /// entry whose `content` is `Some(n)`, when it is written.
    pub(crate) fn write_to(
        &self,
        out: &mut dyn std::io::Write,
        later: &dyn Fn(usize) -> String,
    ) -> std::io::Result<()> {
        let config = WriteConfig {
            write_document_declaration: false,
            indent_size: Some(2),
        };
        out.write_all(b"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n")?;
        // The XML writer's pieces go through a filler that puts each
        // entry's content in place of its mark, escaped as the writer
        // escapes text.
        let filler = ContentFiller {
            out: &mut *out,
            mark: self.mark.as_bytes(),
            later,
            pending: Vec::new(),
        };
        let mut filler = self
            .atom
            .write_with_config(filler, config)
            .map_err(|e| io_error_in(&e))?;
        filler.pass_on(true)?;
        out.write_all(b"\n")
    }
}

/// Passes the feed's XML on, with each content mark replaced by that
/// entry's HTML. The XML comes in pieces, so a mark (or its number) may be
/// split between two of them: what could be the start of one waits for the
/// next piece.
struct ContentFiller<'a> {
    out: &'a mut dyn std::io::Write,
    mark: &'a [u8],
    later: &'a dyn Fn(usize) -> String,
    pending: Vec<u8>,
}

impl ContentFiller<'_> {
    /// Writes what of the pending bytes is settled; at the `end`, all.
    fn pass_on(&mut self, end: bool) -> std::io::Result<()> {
        let mut done = 0;
        loop {
            let rest = &self.pending[done..];
            let Some(at) = memchr::memmem::find(rest, self.mark) else {
                let keep = if end {
                    0
                } else {
                    rest.len().min(self.mark.len() - 1)
                };
                self.out.write_all(&rest[..rest.len() - keep])?;
                done += rest.len() - keep;
                break;
            };
            let after = &rest[at + self.mark.len()..];
            let digits = after.iter().take_while(|b| b.is_ascii_digit()).count();
            if digits == after.len() && !end {
                // The number may go on in the next piece.
                self.out.write_all(&rest[..at])?;
                done += at;
                break;
            }
            let number = std::str::from_utf8(&after[..digits])
                .ok()
                .and_then(|d| d.parse::<usize>().ok())
                .ok_or_else(|| {
                    std::io::Error::other(
                        "interne fout in helder: een plek in de feed zonder nummer",
                    )
                })?;
            self.out.write_all(&rest[..at])?;
            let html = xml_text_owned((self.later)(number));
            self.out
                .write_all(quick_xml::escape::escape(html.as_str()).as_bytes())?;
            done += at + self.mark.len() + digits;
        }
        self.pending.drain(..done);
        Ok(())
    }
}

impl std::io::Write for ContentFiller<'_> {
    fn write(&mut self, piece: &[u8]) -> std::io::Result<usize> {
        self.pending.extend_from_slice(piece);
        self.pass_on(false)?;
        Ok(piece.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }
}

/// The I/O error under the XML writer's error (a full disk stays a full
/// disk in the build's message), or the error itself as an I/O error.
fn io_error_in(e: &atom_syndication::Error) -> std::io::Error {
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(err) = source {
        if let Some(io) = err.downcast_ref::<std::io::Error>() {
            return std::io::Error::new(io.kind(), io.to_string());
        }
        source = err.source();
    }
    std::io::Error::other(e.to_string())
}

/// Checks the feed and its entries and builds the document. Takes the
/// entries to move their text into the feed: a site with thousands of news
/// pages has a feed of many megabytes, and every copy of it counts in a
/// build's peak memory.
pub(crate) fn prepare(feed: &Feed, entries: Vec<Entry>) -> Result<Prepared, Error> {
    let tz = feed.timezone;
    check_feed(feed)?;
    let entries = sorted(entries)?;
    let mut random = [0u8; 8];
    // Without a random number (no entropy at all) the mark is still one no
    // page writes: a private-use character.
    let _ = getrandom::fill(&mut random);
    let mark = format!("\u{E00F}{:016x}-", u64::from_le_bytes(random));
    let updated = match entries.first() {
        Some(newest) => midnight(newest.date, tz).map_err(Error::Updated)?,
        None => epoch(),
    };
    let atom_entries = entries
        .into_iter()
        .map(|e| entry(e, tz, &mark))
        .collect::<Result<Vec<_>, _>>()?;
    let atom = AtomFeed {
        title: Text::plain(xml_text(&feed.title)),
        id: feed.id.clone(),
        updated,
        authors: vec![Person {
            name: xml_text(&feed.author),
            ..Person::default()
        }],
        generator: Some(Generator {
            value: "helder".into(),
            ..Generator::default()
        }),
        links: vec![
            link(&feed.site_url, "alternate", "text/html"),
            link(&feed.self_url, "self", "application/atom+xml"),
        ],
        subtitle: feed.subtitle.as_deref().map(|s| Text::plain(xml_text(s))),
        entries: atom_entries,
        lang: (!feed.lang.is_empty()).then(|| feed.lang.clone()),
        ..AtomFeed::default()
    };
    Ok(Prepared { atom, mark })
}

fn check_feed(feed: &Feed) -> Result<(), Error> {
    iri(&feed.id).map_err(Error::FeedId)?;
    reference(&feed.self_url).map_err(Error::SelfUrl)?;
    reference(&feed.site_url).map_err(Error::SiteUrl)?;
    if feed.author.trim().is_empty() {
        return Err(Error::NoAuthor);
    }
    if feed
        .lang
        .chars()
        .any(|c| !(c.is_ascii_alphanumeric() || c == '-'))
    {
        return Err(Error::Language {
            lang: feed.lang.clone(),
        });
    }
    Ok(())
}

/// Newest first; on the same day by id. An id may occur once.
fn sorted(mut entries: Vec<Entry>) -> Result<Vec<Entry>, Error> {
    entries.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.id.cmp(&b.id)));
    let mut seen = BTreeSet::new();
    for e in &entries {
        if !seen.insert(e.id.as_str()) {
            return Err(Error::DuplicateId { id: e.id.clone() });
        }
    }
    Ok(entries)
}

fn entry(e: Entry, tz: Tz, mark: &str) -> Result<AtomEntry, Error> {
    let context = |problem| Error::Entry {
        id: e.id.clone(),
        problem,
    };
    iri(&e.id).map_err(context)?;
    reference(&e.url).map_err(context)?;
    let date = midnight(e.date, tz).map_err(context)?;
    let Entry {
        id,
        title,
        url,
        summary,
        content,
        ..
    } = e;
    Ok(AtomEntry {
        title: Text::plain(xml_text_owned(title)),
        id,
        updated: date,
        published: Some(date),
        links: vec![link(&url, "alternate", "text/html")],
        summary: summary.map(|s| Text::plain(xml_text_owned(s))),
        content: content.map(|number| Content {
            base: Some(url),
            value: Some(format!("{mark}{number}")),
            content_type: Some("html".into()),
            ..Content::default()
        }),
        ..AtomEntry::default()
    })
}

fn link(href: &str, rel: &str, mime_type: &str) -> Link {
    Link {
        href: href.into(),
        rel: rel.into(),
        mime_type: Some(mime_type.into()),
        ..Link::default()
    }
}

// ---------------------------------------------------------------------------
// Values

/// Midnight of `date` in `tz`, with that moment's offset. Where midnight does
/// not exist (a zone that springs forward at 00:00), the first hour that does.
fn midnight(date: NaiveDate, tz: Tz) -> Result<FixedDateTime, Problem> {
    if !(0..=9999).contains(&date.year()) {
        return Err(Problem::DateOutOfRange { date });
    }
    (0..24)
        .filter_map(|hour| date.and_hms_opt(hour, 0, 0))
        .find_map(|local| tz.from_local_datetime(&local).earliest())
        .map(|at| at.fixed_offset())
        .ok_or(Problem::NoHour { date, zone: tz })
}

/// `updated` of a feed without entries.
fn epoch() -> FixedDateTime {
    DateTime::UNIX_EPOCH.fixed_offset()
}

/// `value` without the characters XML 1.0 cannot hold at all, not even
/// escaped: control characters other than tab, LF and CR, and U+FFFE/U+FFFF.
/// [`xml_text`] of a string that is given away: kept as it is when every
/// character may stay (nearly always), so a page's HTML is not copied.
fn xml_text_owned(value: String) -> String {
    if value.chars().all(xml_char) {
        value
    } else {
        xml_text(&value)
    }
}

fn xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && c != '\u{FFFE}' && c != '\u{FFFF}')
}

fn xml_text(value: &str) -> String {
    value.chars().filter(|&c| xml_char(c)).collect()
}

/// An id: an absolute IRI (`https://…`, `tag:…`, `urn:…`).
fn iri(id: &str) -> Result<(), Problem> {
    let has_scheme = id.split_once(':').is_some_and(|(scheme, rest)| {
        !rest.is_empty()
            && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    });
    if !has_scheme {
        return Err(Problem::IdNotAbsolute { id: id.into() });
    }
    reference(id)
}

/// A link or id: not empty, no white space or control characters.
fn reference(value: &str) -> Result<(), Problem> {
    if value.is_empty() {
        return Err(Problem::EmptyAddress);
    }
    if value.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(Problem::AddressWithSpaces {
            address: value.into(),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn site() -> Feed {
        Feed {
            id: "https://school.example/groep-5/".into(),
            title: "Groep 5 <De Regenboog> & co".into(),
            subtitle: Some("Nieuws & ouderavonden".into()),
            lang: "nl".into(),
            self_url: "https://school.example/groep-5/feed.xml".into(),
            site_url: "https://school.example/groep-5/".into(),
            author: "Basisschool De Regenboog".into(),
            timezone: chrono_tz::Europe::Amsterdam,
        }
    }

    fn item(slug: &str, day: NaiveDate) -> Entry {
        Entry {
            id: format!("https://school.example/groep-5/{slug}/"),
            title: format!("Nieuws {slug}"),
            url: format!("https://school.example/groep-5/{slug}/"),
            date: day,
            summary: None,
            content: None,
        }
    }

    /// The HTML of the entries' content number `n`.
    pub(super) fn content_html(n: usize) -> String {
        match n {
            0 => "<p>Zie <a href=\"../rooster/\">het rooster</a> &amp; de <em>foto's</em>.</p>"
                .into(),
            n => format!("<p>Inhoud {n}\u{1}</p>"),
        }
    }

    fn sample() -> Vec<Entry> {
        vec![
            Entry {
                title: "Juf <Anna> & meester \"Bas\"".into(),
                summary: Some("Kort: 3 < 4 & 5 > 2".into()),
                content: Some(0),
                ..item("juf-anna", date(2026, 12, 4))
            },
            item("zomerfeest", date(2027, 6, 15)),
            item("ouderavond", date(2026, 10, 1)),
        ]
    }

    fn read(xml: &str) -> AtomFeed {
        AtomFeed::read_from(xml.as_bytes()).unwrap()
    }

    #[test]
    fn contents_are_made_while_written_and_escaped() {
        let mut entry = item("a", date(2026, 12, 4));
        entry.content = Some(7);
        // Text that looks like a content's place stays text.
        entry.title = "\u{E00F}0000000000000000-0 titel".into();
        let xml = write(&site(), vec![entry]).unwrap();
        assert!(
            xml.contains("&lt;p&gt;Inhoud 7&lt;/p&gt;</content>"),
            "{xml}"
        );
        let feed = read(&xml);
        let entry = &feed.entries()[0];
        assert_eq!(entry.title().as_str(), "\u{E00F}0000000000000000-0 titel");
        assert_eq!(entry.content().unwrap().value(), Some("<p>Inhoud 7</p>"));
    }

    #[test]
    fn marks_split_between_pieces_are_still_filled() {
        use std::io::Write as _;
        let mark = "\u{E00F}00ff-";
        let xml = format!("<a>{mark}12</a><b>{mark}3</b>x\u{E00F}");
        let later = |n: usize| format!("<{n}>");
        for size in 1..xml.len() {
            let mut out = Vec::new();
            {
                let mut filler = ContentFiller {
                    out: &mut out,
                    mark: mark.as_bytes(),
                    later: &later,
                    pending: Vec::new(),
                };
                for piece in xml.as_bytes().chunks(size) {
                    filler.write_all(piece).unwrap();
                }
                filler.pass_on(true).unwrap();
            }
            assert_eq!(
                String::from_utf8(out).unwrap(),
                "<a>&lt;12&gt;</a><b>&lt;3&gt;</b>x\u{E00F}",
                "pieces of {size} bytes"
            );
        }
    }

    #[test]
    fn reads_back_with_its_fields() {
        let xml = write(&site(), sample()).unwrap();
        let feed = read(&xml);
        assert_eq!(feed.id(), "https://school.example/groep-5/");
        assert_eq!(feed.title().as_str(), "Groep 5 <De Regenboog> & co");
        assert_eq!(
            feed.subtitle().map(Text::as_str),
            Some("Nieuws & ouderavonden")
        );
        assert_eq!(feed.lang(), Some("nl"));
        assert_eq!(feed.authors()[0].name(), "Basisschool De Regenboog");
        assert_eq!(feed.updated().to_rfc3339(), "2027-06-15T00:00:00+02:00");
        let links: Vec<_> = feed
            .links()
            .iter()
            .map(|l| (l.rel(), l.href(), l.mime_type()))
            .collect();
        assert_eq!(
            links,
            [
                (
                    "alternate",
                    "https://school.example/groep-5/",
                    Some("text/html")
                ),
                (
                    "self",
                    "https://school.example/groep-5/feed.xml",
                    Some("application/atom+xml")
                ),
            ]
        );
        assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed"));
    }

    #[test]
    fn entries_newest_first_with_dates_in_the_school_zone() {
        let feed = read(&write(&site(), sample()).unwrap());
        let ids: Vec<_> = feed.entries().iter().map(|e| e.id()).collect();
        assert_eq!(
            ids,
            [
                "https://school.example/groep-5/zomerfeest/",
                "https://school.example/groep-5/juf-anna/",
                "https://school.example/groep-5/ouderavond/",
            ]
        );
        let summer = &feed.entries()[0];
        assert_eq!(summer.updated().to_rfc3339(), "2027-06-15T00:00:00+02:00");
        assert_eq!(
            summer.published().map(|d| d.to_rfc3339()).as_deref(),
            Some("2027-06-15T00:00:00+02:00")
        );
        let winter = &feed.entries()[1];
        assert_eq!(winter.updated().to_rfc3339(), "2026-12-04T00:00:00+01:00");
        let link = &winter.links()[0];
        assert_eq!(
            (link.rel(), link.href()),
            ("alternate", "https://school.example/groep-5/juf-anna/")
        );
        assert!(summer.summary().is_none() && summer.content().is_none());
    }

    #[test]
    fn markup_characters_are_escaped_and_read_back() {
        let xml = write(&site(), sample()).unwrap();
        assert!(xml.contains("Juf &lt;Anna&gt; &amp; meester"));
        assert!(xml.contains("Groep 5 &lt;De Regenboog&gt; &amp; co"));
        assert!(xml.contains("&lt;p&gt;Zie &lt;a href="));
        assert!(!xml.contains("<p>"));
        let feed = read(&xml);
        let e = &feed.entries()[1];
        assert_eq!(e.title().as_str(), "Juf <Anna> & meester \"Bas\"");
        assert_eq!(e.summary().map(Text::as_str), Some("Kort: 3 < 4 & 5 > 2"));
        let content = e.content().unwrap();
        assert_eq!(content.content_type(), Some("html"));
        assert_eq!(
            content.value(),
            Some("<p>Zie <a href=\"../rooster/\">het rooster</a> &amp; de <em>foto's</em>.</p>")
        );
        assert_eq!(
            content.base(),
            Some("https://school.example/groep-5/juf-anna/")
        );
    }

    #[test]
    fn output_is_deterministic() {
        let mut entries = sample();
        let a = write(&site(), entries.clone()).unwrap();
        entries.reverse();
        assert_eq!(a, write(&site(), entries.clone()).unwrap());
        // Same day: by id.
        let day = date(2026, 5, 5);
        let mut same_day = vec![item("b", day), item("a", day), item("c", day)];
        let first = write(&site(), same_day.clone()).unwrap();
        same_day.rotate_left(1);
        assert_eq!(first, write(&site(), same_day.clone()).unwrap());
        let ids: Vec<String> = read(&first)
            .entries()
            .iter()
            .map(|e| e.id().to_string())
            .collect();
        assert!(ids.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn empty_feed_is_dated_1970() {
        let feed = read(&write(&site(), vec![]).unwrap());
        assert_eq!(feed.updated().to_rfc3339(), "1970-01-01T00:00:00+00:00");
        assert!(feed.entries().is_empty());
    }

    #[test]
    fn relative_urls_and_tag_ids_without_base_url() {
        let mut feed = site();
        feed.id = "tag:helder,2026:regenboog/groep-5".into();
        feed.self_url = "feed.xml".into();
        feed.site_url = "./".into();
        let entry = Entry {
            id: "tag:helder,2026:regenboog/groep-5/nieuws/juf-anna".into(),
            url: "nieuws/juf-anna/".into(),
            ..item("x", date(2026, 12, 4))
        };
        let read_back = read(&write(&feed, vec![entry]).unwrap());
        assert_eq!(read_back.id(), "tag:helder,2026:regenboog/groep-5");
        assert_eq!(read_back.entries()[0].links()[0].href(), "nieuws/juf-anna/");
    }

    #[test]
    fn invalid_xml_characters_are_left_out() {
        let mut entry = item("x", date(2026, 1, 2));
        entry.title = "Bel\u{7} en\u{0} tab\there\u{FFFF}".into();
        let xml = write(&site(), vec![entry]).unwrap();
        assert_eq!(read(&xml).entries()[0].title().as_str(), "Bel en tab\there");
    }

    #[test]
    fn midnight_that_does_not_exist() {
        // Chile springs forward at 00:00 (local midnight of 2026-09-06 is skipped).
        let tz: Tz = "America/Santiago".parse().unwrap();
        let at = midnight(date(2026, 9, 6), tz).unwrap();
        assert_eq!(at.date_naive(), date(2026, 9, 6));
        assert_eq!(at.to_rfc3339(), "2026-09-06T01:00:00-03:00");
    }

    #[test]
    fn errors_instead_of_panics() {
        let cases: Vec<(Feed, Vec<Entry>)> = vec![
            (
                Feed {
                    id: "groep-5".into(),
                    ..site()
                },
                vec![],
            ),
            (
                Feed {
                    author: " ".into(),
                    ..site()
                },
                vec![],
            ),
            (
                Feed {
                    self_url: String::new(),
                    ..site()
                },
                vec![],
            ),
            (
                Feed {
                    site_url: "https://a b/".into(),
                    ..site()
                },
                vec![],
            ),
            (
                Feed {
                    lang: "nl\"><x".into(),
                    ..site()
                },
                vec![],
            ),
            (
                site(),
                vec![Entry {
                    id: "nieuws/x".into(),
                    ..item("x", date(2026, 1, 1))
                }],
            ),
            (
                site(),
                vec![item("x", date(2026, 1, 1)), item("x", date(2027, 1, 1))],
            ),
            (
                site(),
                vec![Entry {
                    url: "a\nb".into(),
                    ..item("x", date(2026, 1, 1))
                }],
            ),
            (site(), vec![item("x", NaiveDate::MAX)]),
            (site(), vec![item("x", NaiveDate::MIN)]),
        ];
        for (feed, entries) in cases {
            let result = write(&feed, entries.clone());
            assert!(result.is_err(), "{feed:?} {entries:?} gave {result:?}");
        }
        let relative = Entry {
            id: "nieuws/x".into(),
            ..item("x", date(2026, 1, 1))
        };
        assert_eq!(
            write(&site(), vec![relative]),
            Err(Error::Entry {
                id: "nieuws/x".into(),
                problem: Problem::IdNotAbsolute {
                    id: "nieuws/x".into()
                }
            })
        );
        let feed = Feed {
            self_url: String::new(),
            ..site()
        };
        assert_eq!(
            write(&feed, vec![]),
            Err(Error::SelfUrl(Problem::EmptyAddress))
        );
    }
}
