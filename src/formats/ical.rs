//! `<site>/agenda.ics`: a site's events as an iCalendar file (RFC 5545) that a
//! parent subscribes to once in their calendar app.
//!
//! What the file holds:
//!
//! ```text
//! VCALENDAR       VERSION 2.0, PRODID, CALSCALE, X-WR-CALNAME, X-WR-TIMEZONE
//!   VTIMEZONE     the school's zone, generated from chrono-tz (see below)
//!   VEVENT …      one per event, sorted by date, start time, UID
//! ```
//!
//! Timed events carry their local wall-clock time with the school's zone
//! (`DTSTART;TZID=Europe/Amsterdam:20261204T083000`), so "08:30 at school"
//! stays 08:30 whatever a phone's own zone is. All-day events use DATE values
//! with an exclusive end (`DTEND;VALUE=DATE:` the next day).
//!
//! # Why the text is written here and not with the `icalendar` crate
//!
//! The crate builds events well but (0.17) has no VTIMEZONE component with
//! STANDARD/DAYLIGHT sub-components, writes the current time as DTSTAMP
//! whenever one is not set, and folds lines with its own heuristics (it
//! shifts breaks away from white space). A subscribed calendar needs
//! a correct VTIMEZONE and byte-identical output for identical input, so this
//! module writes the few properties itself: escaping (§3.3.11), folding at 75
//! octets on character boundaries (§3.1) and CRLF endings are small, explicit
//! functions below. The `icalendar` crate's parser reads the output back in
//! the tests.
//!
//! # The VTIMEZONE
//!
//! RFC 5545 requires a VTIMEZONE for every TZID used. It is derived from the
//! chrono-tz database for the years of the events (and the year before, so the
//! first of January of the first year is covered by an observance):
//!
//! 1. the zone's UTC offset is sampled once a day (UTC) over those years and
//!    every change is narrowed down to the second, giving the transitions with
//!    the offset before and after and the abbreviation (`CET`, `CEST`);
//! 2. transitions into daylight time and into standard time are two groups;
//!    a group that has exactly one transition in every year, always in the same
//!    month, on the same weekday (the last, or the n-th, of the month), at the
//!    same local time with the same offsets, becomes one sub-component with an
//!    `RRULE` (Europe: `FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU`); otherwise every
//!    transition is its own sub-component with its own `DTSTART`;
//! 3. a zone without transitions in those years (no DST) gets one STANDARD
//!    with equal TZOFFSETFROM and TZOFFSETTO.
//!
//! Two transitions within one day that return to the same offset would be
//! missed by the daily sampling; no zone in the database does that.
//! chrono-tz's data runs to 2099; for later years it has no DST, and neither
//! does the VTIMEZONE.
//!
//! Every input error (an end before its start, a relative URL, a duplicate
//! UID, a year outside 0000–9999) is an [`Error`] naming the event.

use std::collections::BTreeSet;

use chrono::{
    DateTime, Datelike, Days, NaiveDate, NaiveDateTime, NaiveTime, Offset, TimeDelta, TimeZone,
    Utc, Weekday,
};
use chrono_tz::{OffsetComponents, OffsetName, Tz};

/// The product identifier (§3.7.3).
const PRODID: &str = "-//helder//NONSGML helder//NL";
/// Longest content line, in octets, without its CRLF (§3.1).
const MAX_LINE_OCTETS: usize = 75;
const DAY_SECONDS: i64 = 86_400;

/// One event of a site's agenda.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Event {
    /// Stable, given by the caller (it must not change between builds, or
    /// subscribed calendars see a new event).
    pub uid: String,
    pub title: String,
    pub date: NaiveDate,
    /// None = all-day event.
    pub start: Option<NaiveTime>,
    /// None with a start: one hour.
    pub end: Option<NaiveTime>,
    pub location: Option<String>,
    /// Plain text.
    pub description: Option<String>,
    /// Absolute URL when known.
    pub url: Option<String>,
}

/// Why a calendar cannot be written. An event is named by its UID.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Error {
    EmptyUid {
        title: String,
    },
    DuplicateUid {
        uid: String,
    },
    EndWithoutStart {
        uid: String,
    },
    EndBeforeStart {
        uid: String,
        end: NaiveTime,
        start: NaiveTime,
    },
    /// An event's date (or the day after it) is outside chrono's range.
    DateOutOfRange {
        uid: String,
    },
    /// An event's date or time is in a year RFC 5545 cannot write.
    EventYear {
        uid: String,
        year: i32,
    },
    /// The DTSTAMP is in a year RFC 5545 cannot write.
    StampYear {
        year: i32,
    },
    /// The VTIMEZONE would need a year RFC 5545 cannot write (0000–9999).
    YearOutOfRange {
        year: i32,
    },
    UrlNotAbsolute {
        uid: String,
        url: String,
    },
    UrlWithSpaces {
        uid: String,
        url: String,
    },
    /// A year chrono cannot represent.
    NoSuchYear {
        year: i32,
    },
    /// An instant (seconds since 1970) chrono cannot represent.
    NoSuchTime {
        seconds: i64,
    },
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::EmptyUid { title } => write!(f, "event {title:?} has an empty UID"),
            Error::DuplicateUid { uid } => write!(f, "two events have the UID {uid:?}"),
            Error::EndWithoutStart { uid } => {
                write!(f, "event {uid:?} has an end time but no start time")
            }
            Error::EndBeforeStart { uid, end, start } => {
                write!(
                    f,
                    "event {uid:?} ends at {end}, before it starts at {start}"
                )
            }
            Error::DateOutOfRange { uid } => {
                write!(f, "the date of event {uid:?} is too early or too late")
            }
            Error::EventYear { uid, year } => {
                write!(f, "event {uid:?}: the year {year} is outside 0000–9999")
            }
            Error::StampYear { year } => {
                write!(f, "the time stamp: the year {year} is outside 0000–9999")
            }
            Error::YearOutOfRange { year } => write!(f, "the year {year} is outside 0000–9999"),
            Error::UrlNotAbsolute { uid, url } => {
                write!(f, "event {uid:?}: the address {url:?} is not absolute")
            }
            Error::UrlWithSpaces { uid, url } => write!(
                f,
                "event {uid:?}: the address {url:?} holds white space or control characters"
            ),
            Error::NoSuchYear { year } => write!(f, "the year {year} is too early or too late"),
            Error::NoSuchTime { seconds } => {
                write!(f, "the time {seconds} is too early or too late")
            }
        }
    }
}

impl std::error::Error for Error {}

/// The whole `agenda.ics` for `events`, with local times in the zone `tz`.
/// `stamp` becomes every event's DTSTAMP; pass a deterministic value to keep
/// the output reproducible.
pub(crate) fn write(
    calendar_name: &str,
    tz: Tz,
    stamp: DateTime<Utc>,
    events: &[Event],
) -> Result<String, Error> {
    let events = sorted(events)?;
    let whens = events
        .iter()
        .map(|e| when(e))
        .collect::<Result<Vec<_>, _>>()?;
    let dtstamp = utc_value(stamp)?;
    let (first, last) = year_span(&whens, stamp);

    let mut out = Lines::default();
    out.line("BEGIN:VCALENDAR");
    out.line("VERSION:2.0");
    out.line(&format!("PRODID:{PRODID}"));
    out.line("CALSCALE:GREGORIAN");
    out.line(&format!("X-WR-CALNAME:{}", escape(calendar_name)));
    out.line(&format!("X-WR-TIMEZONE:{}", tz.name()));
    write_vtimezone(&mut out, tz, first, last)?;
    for (event, when) in events.iter().zip(&whens) {
        write_vevent(&mut out, event, when, tz.name(), &dtstamp)?;
    }
    out.line("END:VCALENDAR");
    Ok(out.text)
}

/// Events by date, then start (all-day first), then UID; a UID may occur once.
fn sorted(events: &[Event]) -> Result<Vec<&Event>, Error> {
    let mut sorted: Vec<&Event> = events.iter().collect();
    sorted.sort_by(|a, b| (a.date, a.start, &a.uid).cmp(&(b.date, b.start, &b.uid)));
    let mut seen = BTreeSet::new();
    for event in &sorted {
        if event.uid.trim().is_empty() {
            return Err(Error::EmptyUid {
                title: event.title.clone(),
            });
        }
        if !seen.insert(event.uid.as_str()) {
            return Err(Error::DuplicateUid {
                uid: event.uid.clone(),
            });
        }
    }
    Ok(sorted)
}

/// When an event takes place, resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum When {
    /// From this date to the next (exclusive).
    AllDay(NaiveDate),
    /// Local wall-clock times in the calendar's zone.
    Timed {
        start: NaiveDateTime,
        end: NaiveDateTime,
    },
}

fn when(event: &Event) -> Result<When, Error> {
    let uid = || event.uid.clone();
    match (event.start, event.end) {
        (None, None) => Ok(When::AllDay(event.date)),
        (None, Some(_)) => Err(Error::EndWithoutStart { uid: uid() }),
        (Some(start), end) => {
            let start_at = event.date.and_time(start);
            let end_at = match end {
                Some(end) if end > start => event.date.and_time(end),
                Some(end) => {
                    return Err(Error::EndBeforeStart {
                        uid: uid(),
                        end,
                        start,
                    })
                }
                None => start_at
                    .checked_add_signed(TimeDelta::hours(1))
                    .ok_or_else(|| Error::DateOutOfRange { uid: uid() })?,
            };
            Ok(When::Timed {
                start: start_at,
                end: end_at,
            })
        }
    }
}

/// The first and last year the VTIMEZONE must cover: those of the events,
/// or the stamp's year when there are none.
fn year_span(whens: &[When], stamp: DateTime<Utc>) -> (i32, i32) {
    let years = whens.iter().flat_map(|w| match w {
        When::AllDay(date) => [date.year(), date.year()],
        When::Timed { start, end } => [start.year(), end.year()],
    });
    let first = years.clone().min().unwrap_or(stamp.year());
    let last = years.max().unwrap_or(stamp.year());
    (first, last)
}

fn write_vevent(
    out: &mut Lines,
    event: &Event,
    when: &When,
    tzid: &str,
    dtstamp: &str,
) -> Result<(), Error> {
    let in_range = |r: Result<String, Error>| {
        r.map_err(|e| match e {
            Error::YearOutOfRange { year } => Error::EventYear {
                uid: event.uid.clone(),
                year,
            },
            other => other,
        })
    };
    out.line("BEGIN:VEVENT");
    out.line(&format!("UID:{}", escape(&event.uid)));
    out.line(&format!("DTSTAMP:{dtstamp}"));
    match when {
        When::AllDay(date) => {
            let next =
                date.checked_add_days(Days::new(1))
                    .ok_or_else(|| Error::DateOutOfRange {
                        uid: event.uid.clone(),
                    })?;
            out.line(&format!(
                "DTSTART;VALUE=DATE:{}",
                in_range(date_value(*date))?
            ));
            out.line(&format!("DTEND;VALUE=DATE:{}", in_range(date_value(next))?));
        }
        When::Timed { start, end } => {
            out.line(&format!(
                "DTSTART;TZID={tzid}:{}",
                in_range(local_value(*start))?
            ));
            out.line(&format!(
                "DTEND;TZID={tzid}:{}",
                in_range(local_value(*end))?
            ));
        }
    }
    out.line(&format!("SUMMARY:{}", escape(&event.title)));
    if let Some(location) = &event.location {
        out.line(&format!("LOCATION:{}", escape(location)));
    }
    if let Some(description) = &event.description {
        out.line(&format!("DESCRIPTION:{}", escape(description)));
    }
    if let Some(url) = &event.url {
        out.line(&format!("URL:{}", uri(url, &event.uid)?));
    }
    out.line("END:VEVENT");
    Ok(())
}

// ---------------------------------------------------------------------------
// Values (§3.3)

/// RFC 5545 years have four digits.
fn check_year(year: i32) -> Result<(), Error> {
    if (0..=9999).contains(&year) {
        Ok(())
    } else {
        Err(Error::YearOutOfRange { year })
    }
}

/// A DATE value: `20261118`.
fn date_value(date: NaiveDate) -> Result<String, Error> {
    check_year(date.year())?;
    Ok(date.format("%Y%m%d").to_string())
}

/// A local DATE-TIME value (form #1/#3): `20261204T083000`.
fn local_value(at: NaiveDateTime) -> Result<String, Error> {
    check_year(at.year())?;
    Ok(at.format("%Y%m%dT%H%M%S").to_string())
}

/// A UTC DATE-TIME value (form #2): `20261204T073000Z`.
fn utc_value(at: DateTime<Utc>) -> Result<String, Error> {
    check_year(at.year()).map_err(|_| Error::StampYear { year: at.year() })?;
    Ok(at.format("%Y%m%dT%H%M%SZ").to_string())
}

/// A UTC-OFFSET value: `+0100`, `-0330`, or with seconds (`+001932`).
fn utc_offset(seconds: i32) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let abs = seconds.unsigned_abs();
    let (hours, minutes, secs) = (abs / 3600, abs / 60 % 60, abs % 60);
    if secs == 0 {
        format!("{sign}{hours:02}{minutes:02}")
    } else {
        format!("{sign}{hours:02}{minutes:02}{secs:02}")
    }
}

/// A TEXT value (§3.3.11): backslash, semicolon and comma escaped, every line
/// break (`\n`, `\r\n`, `\r`) as `\n`; other control characters, which TEXT
/// cannot hold, are dropped (a tab stays).
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {
                chars.next_if_eq(&'\n');
                out.push_str("\\n");
            }
            '\t' => out.push('\t'),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A URI value: it must be absolute (a scheme) and hold no white space or
/// control characters (those would break the content line).
fn uri<'a>(url: &'a str, uid: &str) -> Result<&'a str, Error> {
    let has_scheme = url.split_once(':').is_some_and(|(scheme, _)| {
        scheme.starts_with(|c: char| c.is_ascii_alphabetic())
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    });
    if !has_scheme {
        return Err(Error::UrlNotAbsolute {
            uid: uid.into(),
            url: url.into(),
        });
    }
    if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(Error::UrlWithSpaces {
            uid: uid.into(),
            url: url.into(),
        });
    }
    Ok(url)
}

// ---------------------------------------------------------------------------
// Content lines (§3.1)

/// The file's text: content lines, folded, each ended by CRLF.
#[derive(Default)]
struct Lines {
    text: String,
}

impl Lines {
    fn line(&mut self, content: &str) {
        fold_into(&mut self.text, content);
    }
}

/// Appends `line` folded at 75 octets: a break goes before the character that
/// would not fit (never inside a UTF-8 sequence), and a continuation line
/// starts with a space, which counts towards its 75 octets.
fn fold_into(out: &mut String, line: &str) {
    let mut used = 0;
    for c in line.chars() {
        let size = c.len_utf8();
        if used + size > MAX_LINE_OCTETS {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += size;
    }
    out.push_str("\r\n");
}

// ---------------------------------------------------------------------------
// VTIMEZONE (§3.6.5)

/// What a VTIMEZONE tells apart at an instant: the total UTC offset in
/// seconds, and whether it is daylight-saving time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Offsets {
    total: i32,
    daylight: bool,
}

/// A change of offset found in the zone's data.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Transition {
    /// The instant, in seconds since 1970 UTC.
    utc: i64,
    /// The wall-clock time just before the change (the observance's DTSTART).
    local: NaiveDateTime,
    from: Offsets,
    to: Offsets,
    /// The abbreviation after the change (`CEST`).
    name: Option<String>,
}

/// One STANDARD or DAYLIGHT sub-component.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Observance {
    daylight: bool,
    start: NaiveDateTime,
    from: i32,
    to: i32,
    name: Option<String>,
    rule: Option<String>,
}

fn write_vtimezone(out: &mut Lines, tz: Tz, first: i32, last: i32) -> Result<(), Error> {
    out.line("BEGIN:VTIMEZONE");
    out.line(&format!("TZID:{}", tz.name()));
    for o in observances(tz, first, last)? {
        let kind = if o.daylight { "DAYLIGHT" } else { "STANDARD" };
        out.line(&format!("BEGIN:{kind}"));
        out.line(&format!("DTSTART:{}", local_value(o.start)?));
        if let Some(rule) = &o.rule {
            out.line(&format!("RRULE:{rule}"));
        }
        out.line(&format!("TZOFFSETFROM:{}", utc_offset(o.from)));
        out.line(&format!("TZOFFSETTO:{}", utc_offset(o.to)));
        if let Some(name) = &o.name {
            out.line(&format!("TZNAME:{}", escape(name)));
        }
        out.line(&format!("END:{kind}"));
    }
    out.line("END:VTIMEZONE");
    Ok(())
}

/// The sub-components that give the zone's offset at every moment from the
/// first of January of `first_year` to the end of `last_year`.
fn observances(tz: Tz, first_year: i32, last_year: i32) -> Result<Vec<Observance>, Error> {
    check_year(first_year)?;
    check_year(last_year)?;
    // One year earlier, so the turn of the first year is covered by an onset.
    let scan_from = (first_year - 1).max(0);
    let found = transitions(tz, scan_from, last_year)?;
    let mut list = Vec::new();
    let must_cover = year_start(first_year)? - DAY_SECONDS;
    if found.first().is_none_or(|t| t.utc > must_cover) {
        list.push(initial(tz, scan_from)?);
    }
    for daylight in [false, true] {
        let group: Vec<&Transition> = found.iter().filter(|t| t.to.daylight == daylight).collect();
        match (group.first(), yearly_rule(&group, scan_from, last_year)) {
            (Some(first), Some(rule)) => list.push(observance(first, Some(rule))),
            _ => list.extend(group.iter().map(|t| observance(t, None))),
        }
    }
    list.sort_by_key(|o| (o.start, o.daylight));
    Ok(list)
}

/// The offset in force at the start of `year`, as an observance without an
/// end: the only one for a zone without DST.
fn initial(tz: Tz, year: i32) -> Result<Observance, Error> {
    let at = year_start(year)?;
    let offsets = offsets_at(tz, at)?;
    let start = NaiveDate::from_ymd_opt(year, 1, 1)
        .ok_or(Error::NoSuchYear { year })?
        .and_time(NaiveTime::MIN);
    Ok(Observance {
        daylight: offsets.daylight,
        start,
        from: offsets.total,
        to: offsets.total,
        name: name_at(tz, at),
        rule: None,
    })
}

fn observance(t: &Transition, rule: Option<String>) -> Observance {
    Observance {
        daylight: t.to.daylight,
        start: t.local,
        from: t.from.total,
        to: t.to.total,
        name: t.name.clone(),
        rule,
    }
}

/// `FREQ=YEARLY;BYMONTH=..;BYDAY=..` when `group` is one transition in every
/// year from `first_year` to `last_year`, all alike: same month, weekday and
/// week of the month (the last, or the n-th), local time, offsets and name.
fn yearly_rule(group: &[&Transition], first_year: i32, last_year: i32) -> Option<String> {
    let first = group.first()?;
    let every_year = usize::try_from(last_year - first_year + 1).ok() == Some(group.len())
        && group
            .iter()
            .zip(first_year..)
            .all(|(t, year)| t.local.year() == year);
    let alike = group.iter().all(|t| {
        t.local.month() == first.local.month()
            && t.local.weekday() == first.local.weekday()
            && t.local.time() == first.local.time()
            && t.from == first.from
            && t.to == first.to
            && t.name == first.name
    });
    if !every_year || !alike {
        return None;
    }
    let dates = || group.iter().map(|t| t.local.date());
    let week = if dates().all(is_last_week) {
        -1
    } else {
        let n = week_of_month(first.local.date());
        if !dates().all(|d| week_of_month(d) == n) {
            return None;
        }
        n
    };
    Some(format!(
        "FREQ=YEARLY;BYMONTH={};BYDAY={week}{}",
        first.local.month(),
        weekday_code(first.local.weekday())
    ))
}

/// Whether `date` is its weekday's last occurrence in its month.
fn is_last_week(date: NaiveDate) -> bool {
    date.checked_add_days(Days::new(7))
        .is_none_or(|later| later.month() != date.month())
}

/// 1 for the first seven days of a month, 2 for the next seven, …
fn week_of_month(date: NaiveDate) -> i32 {
    (date.day0() / 7 + 1) as i32
}

fn weekday_code(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "MO",
        Weekday::Tue => "TU",
        Weekday::Wed => "WE",
        Weekday::Thu => "TH",
        Weekday::Fri => "FR",
        Weekday::Sat => "SA",
        Weekday::Sun => "SU",
    }
}

/// Every offset change from the start of `first_year` to the end of
/// `last_year`: the offset is sampled daily, and each change is narrowed down
/// to the second.
fn transitions(tz: Tz, first_year: i32, last_year: i32) -> Result<Vec<Transition>, Error> {
    let end = year_start(last_year + 1)?;
    let mut at = year_start(first_year)?;
    let mut before = offsets_at(tz, at)?;
    let mut found = Vec::new();
    while at < end {
        let next = (at + DAY_SECONDS).min(end);
        let after = offsets_at(tz, next)?;
        if after == before {
            at = next;
            continue;
        }
        let change = first_change(tz, at, next, before)?;
        let to = offsets_at(tz, change)?;
        found.push(transition(tz, change, before, to)?);
        // Go on from the change: a second one the same day is found too.
        at = change;
        before = to;
    }
    Ok(found)
}

/// The first second in `(lo, hi]` whose offsets differ from `before`, given
/// that `lo` has `before` and `hi` does not.
fn first_change(tz: Tz, mut lo: i64, mut hi: i64, before: Offsets) -> Result<i64, Error> {
    while hi - lo > 1 {
        let mid = lo + (hi - lo) / 2;
        if offsets_at(tz, mid)? == before {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    Ok(hi)
}

fn transition(tz: Tz, utc: i64, from: Offsets, to: Offsets) -> Result<Transition, Error> {
    let local = DateTime::from_timestamp(utc + i64::from(from.total), 0)
        .ok_or(Error::NoSuchTime { seconds: utc })?
        .naive_utc();
    Ok(Transition {
        utc,
        local,
        from,
        to,
        name: name_at(tz, utc),
    })
}

fn offsets_at(tz: Tz, utc: i64) -> Result<Offsets, Error> {
    let at = DateTime::from_timestamp(utc, 0)
        .ok_or(Error::NoSuchTime { seconds: utc })?
        .naive_utc();
    let offset = tz.offset_from_utc_datetime(&at);
    Ok(Offsets {
        total: offset.fix().local_minus_utc(),
        daylight: !offset.dst_offset().is_zero(),
    })
}

/// The zone's abbreviation at an instant (`CEST`); where the database has
/// none, the numeric form it uses instead (`+01`, `+0530`).
fn name_at(tz: Tz, utc: i64) -> Option<String> {
    let at = DateTime::from_timestamp(utc, 0)?.naive_utc();
    let offset = tz.offset_from_utc_datetime(&at);
    Some(match offset.abbreviation() {
        Some(name) => name.to_string(),
        None => numeric_name(offset.fix().local_minus_utc()),
    })
}

fn numeric_name(seconds: i32) -> String {
    let full = utc_offset(seconds);
    match full.strip_suffix("00") {
        Some(hours) if full.len() == 5 => hours.to_string(),
        _ => full,
    }
}

/// The first second of `year`, UTC, in seconds since 1970.
fn year_start(year: i32) -> Result<i64, Error> {
    NaiveDate::from_ymd_opt(year, 1, 1)
        .map(|d| d.and_time(NaiveTime::MIN).and_utc().timestamp())
        .ok_or(Error::NoSuchYear { year })
}

#[cfg(test)]
mod tests {
    use super::*;
    use icalendar::parser::{read_calendar, unfold, Component};
    use icalendar::{CalendarDateTime, Component as _, DatePerhapsTime, EventLike};

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn time(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).unwrap()
    }

    fn tz(name: &str) -> Tz {
        name.parse().unwrap()
    }

    fn stamp() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 9, 1, 12, 0, 0).unwrap()
    }

    fn event(uid: &str, day: NaiveDate, start: Option<NaiveTime>) -> Event {
        Event {
            uid: uid.into(),
            title: format!("Event {uid}"),
            date: day,
            start,
            end: None,
            location: None,
            description: None,
            url: None,
        }
    }

    fn sample() -> Vec<Event> {
        vec![
            Event {
                end: Some(time(10, 0)),
                location: Some("Aula, De Regenboog".into()),
                description: Some("Koffie staat klaar.\nNeem je pet mee; ook de rode!".into()),
                url: Some("https://school.example/groep-5/ouderavond/".into()),
                ..event(
                    "ouderavond@school.example",
                    date(2026, 12, 4),
                    Some(time(8, 30)),
                )
            },
            event(
                "zomer@school.example",
                date(2027, 6, 15),
                Some(time(19, 30)),
            ),
            event("studiedag@school.example", date(2026, 11, 18), None),
        ]
    }

    fn ics(events: &[Event]) -> String {
        write("Groep 5", tz("Europe/Amsterdam"), stamp(), events).unwrap()
    }

    /// The sub-components named `name`, anywhere below `parent`.
    fn find<'a>(parent: &'a [Component<'a>], name: &str) -> Vec<&'a Component<'a>> {
        parent
            .iter()
            .flat_map(|c| {
                let mut found = find(&c.components, name);
                if c.name.as_str() == name {
                    found.insert(0, c);
                }
                found
            })
            .collect()
    }

    fn prop<'a>(c: &'a Component<'a>, name: &str) -> Option<&'a icalendar::parser::Property<'a>> {
        c.properties.iter().find(|p| p.name.as_str() == name)
    }

    fn value(c: &Component<'_>, name: &str) -> String {
        prop(c, name)
            .map(|p| p.val.as_str().to_string())
            .unwrap_or_default()
    }

    fn param(c: &Component<'_>, name: &str, key: &str) -> Option<String> {
        prop(c, name)?
            .params
            .iter()
            .find(|p| p.key.as_str() == key)
            .and_then(|p| p.val.as_ref().map(|v| v.as_str().to_string()))
    }

    #[test]
    fn events_read_back_with_their_times() {
        let text = ics(&sample());
        let calendar: icalendar::Calendar = text.parse().unwrap();
        assert_eq!(calendar.get_name(), Some("Groep 5"));
        assert_eq!(calendar.get_timezone(), Some("Europe/Amsterdam"));
        assert_eq!(calendar.property_value("VERSION"), Some("2.0"));
        assert_eq!(calendar.property_value("PRODID"), Some(PRODID));
        assert_eq!(calendar.property_value("CALSCALE"), Some("GREGORIAN"));
        let events: Vec<_> = calendar.events().collect();
        let uids: Vec<_> = events.iter().map(|e| e.get_uid().unwrap()).collect();
        // Sorted by date: 18 Nov, 4 Dec, 15 Jun.
        assert_eq!(
            uids,
            [
                "studiedag@school.example",
                "ouderavond@school.example",
                "zomer@school.example"
            ]
        );

        let tz = |date_time| {
            Some(DatePerhapsTime::DateTime(CalendarDateTime::WithTimezone {
                date_time,
                tzid: "Europe/Amsterdam".into(),
            }))
        };
        let evening = events[1];
        assert_eq!(
            evening.get_start(),
            tz(date(2026, 12, 4).and_time(time(8, 30)))
        );
        assert_eq!(
            evening.get_end(),
            tz(date(2026, 12, 4).and_time(time(10, 0)))
        );
        assert_eq!(
            evening.get_summary(),
            Some("Event ouderavond@school.example")
        );
        assert_eq!(evening.get_location(), Some("Aula, De Regenboog"));
        assert_eq!(
            evening.get_description(),
            Some("Koffie staat klaar.\nNeem je pet mee; ook de rode!")
        );
        assert_eq!(
            evening.get_url(),
            Some("https://school.example/groep-5/ouderavond/")
        );
        assert_eq!(evening.get_timestamp(), Some(stamp()));

        // Without an end: one hour.
        let summer = events[2];
        assert_eq!(
            summer.get_start(),
            tz(date(2027, 6, 15).and_time(time(19, 30)))
        );
        assert_eq!(
            summer.get_end(),
            tz(date(2027, 6, 15).and_time(time(20, 30)))
        );

        let day = events[0];
        assert_eq!(
            day.get_start(),
            Some(DatePerhapsTime::Date(date(2026, 11, 18)))
        );
        assert_eq!(
            day.get_end(),
            Some(DatePerhapsTime::Date(date(2026, 11, 19)))
        );
    }

    #[test]
    fn parameters_and_raw_values() {
        let text = ics(&sample());
        let unfolded = unfold(&text);
        let parsed = read_calendar(&unfolded).unwrap();
        let events = find(&parsed.components, "VEVENT");
        assert_eq!(events.len(), 3);

        let day = events[0];
        assert_eq!(param(day, "DTSTART", "VALUE").as_deref(), Some("DATE"));
        assert_eq!(param(day, "DTEND", "VALUE").as_deref(), Some("DATE"));
        assert_eq!(param(day, "DTSTART", "TZID"), None);
        assert_eq!(value(day, "DTSTART"), "20261118");
        assert_eq!(value(day, "DTEND"), "20261119");

        let evening = events[1];
        assert_eq!(
            param(evening, "DTSTART", "TZID").as_deref(),
            Some("Europe/Amsterdam")
        );
        assert_eq!(
            param(evening, "DTEND", "TZID").as_deref(),
            Some("Europe/Amsterdam")
        );
        assert_eq!(param(evening, "DTSTART", "VALUE"), None);
        assert_eq!(value(evening, "DTSTART"), "20261204T083000");
        assert_eq!(value(evening, "DTSTAMP"), "20260901T120000Z");
        assert!(text.contains("DTSTART;TZID=Europe/Amsterdam:20261204T083000\r\n"));
        assert!(text.contains("DTSTART;VALUE=DATE:20261118\r\n"));
    }

    #[test]
    fn vtimezone_for_amsterdam_uses_the_european_rule() {
        let text = ics(&sample());
        let unfolded = unfold(&text);
        let parsed = read_calendar(&unfolded).unwrap();
        let zones = find(&parsed.components, "VTIMEZONE");
        assert_eq!(zones.len(), 1);
        assert_eq!(value(zones[0], "TZID"), "Europe/Amsterdam");
        let daylight = find(&zones[0].components, "DAYLIGHT");
        let standard = find(&zones[0].components, "STANDARD");
        assert_eq!((daylight.len(), standard.len()), (1, 1), "{text}");
        // Events in 2026 and 2027: the rule starts in 2025.
        assert_eq!(value(daylight[0], "DTSTART"), "20250330T020000");
        assert_eq!(
            value(daylight[0], "RRULE"),
            "FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU"
        );
        assert_eq!(value(daylight[0], "TZOFFSETFROM"), "+0100");
        assert_eq!(value(daylight[0], "TZOFFSETTO"), "+0200");
        assert_eq!(value(daylight[0], "TZNAME"), "CEST");
        assert_eq!(value(standard[0], "DTSTART"), "20251026T030000");
        assert_eq!(
            value(standard[0], "RRULE"),
            "FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU"
        );
        assert_eq!(value(standard[0], "TZOFFSETFROM"), "+0200");
        assert_eq!(value(standard[0], "TZOFFSETTO"), "+0100");
        assert_eq!(value(standard[0], "TZNAME"), "CET");
    }

    #[test]
    fn zone_without_dst_has_one_standard() {
        for (zone, offset, name) in [("Asia/Tokyo", "+0900", "JST"), ("UTC", "+0000", "UTC")] {
            let text = write("x", tz(zone), stamp(), &sample()).unwrap();
            let unfolded = unfold(&text);
            let parsed = read_calendar(&unfolded).unwrap();
            let zone_c = find(&parsed.components, "VTIMEZONE");
            assert!(find(&zone_c[0].components, "DAYLIGHT").is_empty());
            let standard = find(&zone_c[0].components, "STANDARD");
            assert_eq!(standard.len(), 1, "{zone}");
            assert_eq!(value(standard[0], "TZOFFSETFROM"), offset);
            assert_eq!(value(standard[0], "TZOFFSETTO"), offset);
            assert_eq!(value(standard[0], "TZNAME"), name);
            assert_eq!(value(standard[0], "DTSTART"), "20250101T000000");
        }
    }

    /// The VTIMEZONE, read back and evaluated, gives chrono-tz's offset at
    /// every transition (±1 s) and every day at noon, for zones of both
    /// hemispheres, with other rules, without DST, and with a changed rule.
    #[test]
    fn vtimezone_agrees_with_the_zone_database() {
        let zones = [
            ("Europe/Amsterdam", 2026, 2027),
            ("Europe/Brussels", 2026, 2027),
            ("America/New_York", 2026, 2028),
            ("Australia/Sydney", 2026, 2027),
            ("America/Sao_Paulo", 2017, 2021),
            ("Europe/Moscow", 2009, 2016),
            ("Africa/Casablanca", 2026, 2027),
            ("Asia/Kolkata", 2026, 2026),
            ("Pacific/Chatham", 2026, 2027),
        ];
        for (name, first, last) in zones {
            let tz: Tz = name.parse().unwrap();
            let events = [
                event("a", date(first, 1, 1), Some(time(0, 0))),
                event("b", date(last, 12, 31), None),
            ];
            let text = write("x", tz, stamp(), &events).unwrap();
            let unfolded = unfold(&text);
            let parsed = read_calendar(&unfolded).unwrap();
            let zone = find(&parsed.components, "VTIMEZONE")[0];
            let onsets = onsets(zone, last);
            let mut instants: Vec<i64> = transitions(tz, first, last)
                .unwrap()
                .iter()
                .flat_map(|t| [t.utc - 1, t.utc, t.utc + 1])
                .collect();
            let mut day = year_start(first).unwrap() + 43_200;
            while day < year_start(last + 1).unwrap() {
                instants.push(day);
                day += DAY_SECONDS;
            }
            for at in instants {
                let expected = offsets_at(tz, at).unwrap().total;
                assert_eq!(
                    offset_by(&onsets, at),
                    Some(expected),
                    "{name} at {at}\n{text}"
                );
            }
        }
    }

    /// Each observance's onsets as (UTC instant, offset after), expanding the
    /// RRULEs this module writes up to `last_year`.
    fn onsets(zone: &Component<'_>, last_year: i32) -> Vec<(i64, i32)> {
        let parse_offset = |s: &str| {
            let sign = if s.starts_with('-') { -1 } else { 1 };
            let digits: Vec<i32> = s.as_bytes()[1..]
                .chunks(2)
                .map(|d| std::str::from_utf8(d).unwrap().parse().unwrap())
                .collect();
            sign * (digits[0] * 3600 + digits[1] * 60 + digits.get(2).copied().unwrap_or(0))
        };
        let mut list = Vec::new();
        for kind in ["STANDARD", "DAYLIGHT"] {
            for o in find(&zone.components, kind) {
                let start =
                    NaiveDateTime::parse_from_str(&value(o, "DTSTART"), "%Y%m%dT%H%M%S").unwrap();
                let from = parse_offset(&value(o, "TZOFFSETFROM"));
                let to = parse_offset(&value(o, "TZOFFSETTO"));
                let mut locals = vec![start];
                if let Some(rule) = prop(o, "RRULE") {
                    locals.extend(expand(rule.val.as_str(), start, last_year));
                }
                for local in locals {
                    list.push((local.and_utc().timestamp() - i64::from(from), to));
                }
            }
        }
        list.sort();
        list
    }

    /// `FREQ=YEARLY;BYMONTH=m;BYDAY=nXX` occurrences after `start`'s year.
    fn expand(rule: &str, start: NaiveDateTime, last_year: i32) -> Vec<NaiveDateTime> {
        let part = |key: &str| {
            rule.split(';')
                .find_map(|p| p.strip_prefix(key))
                .unwrap()
                .to_string()
        };
        let month: u32 = part("BYMONTH=").parse().unwrap();
        let byday = part("BYDAY=");
        let (n, day) = byday.split_at(byday.len() - 2);
        let n: i32 = n.parse().unwrap();
        let weekday = start.weekday();
        assert_eq!(weekday_code(weekday), day);
        (start.year() + 1..=last_year + 1)
            .map(|year| {
                let days: Vec<NaiveDate> = (1..=31)
                    .filter_map(|d| NaiveDate::from_ymd_opt(year, month, d))
                    .filter(|d| d.weekday() == weekday)
                    .collect();
                let d = if n < 0 {
                    *days.last().unwrap()
                } else {
                    days[n as usize - 1]
                };
                d.and_time(start.time())
            })
            .collect()
    }

    fn offset_by(onsets: &[(i64, i32)], at: i64) -> Option<i32> {
        onsets.iter().rev().find(|(t, _)| *t <= at).map(|(_, o)| *o)
    }

    #[test]
    fn numeric_zone_names() {
        assert_eq!(numeric_name(3600), "+01");
        assert_eq!(numeric_name(-3 * 3600), "-03");
        assert_eq!(numeric_name(19_800), "+0530");
        assert_eq!(numeric_name(0), "+00");
        let text = write("x", tz("Africa/Casablanca"), stamp(), &sample()).unwrap();
        assert!(text.contains("TZNAME:+01\r\n"), "{text}");
    }

    #[test]
    fn other_rules_and_hemispheres() {
        let rules = |zone: &str| {
            let text = write("x", tz(zone), stamp(), &sample()).unwrap();
            text.lines()
                .filter_map(|l| l.strip_prefix("RRULE:"))
                .map(str::to_string)
                .collect::<Vec<_>>()
        };
        assert_eq!(
            rules("America/New_York"),
            [
                "FREQ=YEARLY;BYMONTH=3;BYDAY=2SU",
                "FREQ=YEARLY;BYMONTH=11;BYDAY=1SU"
            ]
        );
        assert_eq!(
            rules("Australia/Sydney"),
            [
                "FREQ=YEARLY;BYMONTH=4;BYDAY=1SU",
                "FREQ=YEARLY;BYMONTH=10;BYDAY=1SU"
            ]
        );
    }

    #[test]
    fn long_utf8_lines_are_folded_on_character_boundaries() {
        let title =
            "Kerstviering 🎄 met crème brûlée — ‘Sinterklaas’ en één ouder-kindmiddag ".repeat(4);
        let mut e = event("kerst", date(2026, 12, 18), Some(time(14, 0)));
        e.title = title.clone();
        e.description = Some("ë".repeat(200));
        let text = ics(&[e]);
        let bytes = text.as_bytes();
        assert!(!text.replace("\r\n", "").contains('\n'), "bare LF");
        assert!(text.ends_with("END:VCALENDAR\r\n"));
        let mut longest = 0;
        for line in bytes.split(|&b| b == b'\n') {
            let line = line.strip_suffix(b"\r").unwrap_or(line);
            assert!(line.len() <= MAX_LINE_OCTETS, "{} octets", line.len());
            assert!(std::str::from_utf8(line).is_ok(), "a character was split");
            longest = longest.max(line.len());
        }
        // Folding fills lines: only a multi-byte character that does not fit
        // ends one early.
        assert!(longest >= MAX_LINE_OCTETS - 3);
        let calendar: icalendar::Calendar = text.parse().unwrap();
        let parsed = calendar.events().next().unwrap();
        assert_eq!(parsed.get_summary(), Some(title.as_str()));
        assert_eq!(parsed.get_description(), Some("ë".repeat(200).as_str()));
    }

    #[test]
    fn fold_breaks_exactly_at_75_octets() {
        let mut out = String::new();
        fold_into(&mut out, &"a".repeat(75));
        assert_eq!(out, format!("{}\r\n", "a".repeat(75)));
        out.clear();
        fold_into(&mut out, &"a".repeat(76));
        assert_eq!(out, format!("{}\r\n a\r\n", "a".repeat(75)));
        out.clear();
        // 74 ASCII octets, then a 2-octet character that fits, then one that does not.
        fold_into(&mut out, &format!("{}éé", "a".repeat(73)));
        assert_eq!(out, format!("{}é\r\n é\r\n", "a".repeat(73)));
    }

    #[test]
    fn text_is_escaped() {
        let mut e = event("a,b;c\\d", date(2026, 10, 1), None);
        e.title = "Ouders, kinderen; en \\ ook\r\nopa's \u{7}".into();
        e.location = Some("Lokaal 3,\tgang B".into());
        let text = ics(&[e]);
        assert!(text.contains("SUMMARY:Ouders\\, kinderen\\; en \\\\ ook\\nopa's \r\n"));
        assert!(text.contains("UID:a\\,b\\;c\\\\d\r\n"));
        let calendar: icalendar::Calendar = text.parse().unwrap();
        let parsed = calendar.events().next().unwrap();
        assert_eq!(
            parsed.get_summary(),
            Some("Ouders, kinderen; en \\ ook\nopa's ")
        );
        assert_eq!(parsed.get_uid(), Some("a,b;c\\d"));
        assert_eq!(parsed.get_location(), Some("Lokaal 3,\tgang B"));
    }

    #[test]
    fn output_is_deterministic() {
        let mut events = sample();
        let a = ics(&events);
        events.reverse();
        assert_eq!(a, ics(&events));
        events.swap(0, 1);
        assert_eq!(a, ics(&events));
    }

    #[test]
    fn same_day_sorted_by_start_then_uid() {
        let day = date(2027, 3, 3);
        let events = [
            event("z", day, Some(time(9, 0))),
            event("b", day, Some(time(8, 0))),
            event("a", day, Some(time(9, 0))),
            event("y", day, None),
        ];
        let text = ics(&events);
        let uids: Vec<_> = text
            .lines()
            .filter_map(|l| l.strip_prefix("UID:"))
            .collect();
        assert_eq!(uids, ["y", "b", "a", "z"]);
    }

    #[test]
    fn late_event_ends_the_next_day() {
        let text = ics(&[event("laat", date(2026, 12, 31), Some(time(23, 30)))]);
        assert!(text.contains("DTEND;TZID=Europe/Amsterdam:20270101T003000\r\n"));
    }

    #[test]
    fn empty_agenda_is_still_a_calendar() {
        let text = ics(&[]);
        let calendar: icalendar::Calendar = text.parse().unwrap();
        assert_eq!(calendar.events().count(), 0);
        assert!(text.contains("BEGIN:VTIMEZONE\r\nTZID:Europe/Amsterdam\r\n"));
    }

    #[test]
    fn errors_instead_of_panics() {
        let day = date(2026, 10, 1);
        let mut backwards = event("b", day, Some(time(10, 0)));
        backwards.end = Some(time(9, 0));
        let mut equal = event("e", day, Some(time(10, 0)));
        equal.end = Some(time(10, 0));
        let mut end_only = event("o", day, None);
        end_only.end = Some(time(9, 0));
        let mut relative = event("r", day, None);
        relative.url = Some("groep-5/ouderavond/".into());
        let mut spaced = event("s", day, None);
        spaced.url = Some("https://school.example/a b".into());
        let cases = [
            vec![backwards],
            vec![equal],
            vec![end_only],
            vec![relative],
            vec![spaced],
            vec![event("d", day, None), event("d", date(2027, 1, 1), None)],
            vec![event(" ", day, None)],
            vec![event("y", date(9999, 12, 31), None)],
            vec![event("y", date(9999, 12, 31), Some(time(23, 30)))],
            vec![event("y", NaiveDate::MAX, Some(time(23, 30)))],
            vec![event("y", NaiveDate::MIN, None)],
            vec![event("y", date(-1, 6, 1), None)],
        ];
        let amsterdam = tz("Europe/Amsterdam");
        for events in cases {
            let result = write("x", amsterdam, stamp(), &events);
            assert!(result.is_err(), "{events:?} gave {result:?}");
        }
        let far = DateTime::<Utc>::MAX_UTC;
        let year = far.year();
        assert_eq!(
            write("x", amsterdam, far, &[]),
            Err(Error::StampYear { year })
        );
        let mut backwards = event("b", day, Some(time(10, 0)));
        backwards.end = Some(time(9, 0));
        assert_eq!(
            write("x", amsterdam, stamp(), &[backwards]),
            Err(Error::EndBeforeStart {
                uid: "b".into(),
                end: time(9, 0),
                start: time(10, 0)
            })
        );
        let late = event("y", date(9999, 12, 31), None);
        assert_eq!(
            write("x", amsterdam, stamp(), &[late]),
            Err(Error::EventYear {
                uid: "y".into(),
                year: 10000
            })
        );
    }

    #[test]
    fn extreme_years_work() {
        let events = [
            event("first", date(0, 1, 1), Some(time(12, 0))),
            event("last", date(9999, 12, 30), None),
        ];
        let text = write("x", tz("Europe/Amsterdam"), stamp(), &events).unwrap();
        assert!(text.contains("DTSTART;TZID=Europe/Amsterdam:00000101T120000\r\n"));
        assert!(text.contains("DTEND;VALUE=DATE:99991231\r\n"));
        let _: icalendar::Calendar = text.parse().unwrap();
    }
}
