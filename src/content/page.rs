//! A page as the rest of the pipeline sees it: checked front matter, its kind
//! with that kind's fields, and the Markdown body (spec §4).

use std::path::{Path, PathBuf};

use chrono::{NaiveDate, NaiveTime};
use serde::Serialize;

use super::frontmatter::{KeyLines, OneOrMany, RawFrontMatter, Scalar};
use crate::config::{keyword_enum, Config};
use crate::error::{did_you_mean, Diagnostic, Errors};
use crate::msg;

/// Index of a page in the loaded page list.
pub(crate) type PageId = usize;

keyword_enum! {
    /// Whom a page is for (`audience:`); each audience has its own sites.
    pub enum Audience {
        Ouders = "ouders",
        Team = "team",
        Training = "training",
    }
}

impl Audience {
    /// Whom the pages are for, as a phrase after "voor" in messages.
    pub fn name(self) -> String {
        match self {
            Audience::Ouders => msg!("pagina.voor-ouders"),
            Audience::Team => msg!("pagina.voor-team"),
            Audience::Training => msg!("pagina.voor-training"),
        }
    }
}

/// The four Kanjer caps. The animal follows the color.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CapColor {
    Wit,
    Zwart,
    Rood,
    Geel,
}

impl CapColor {
    pub fn parse(s: &str) -> Option<CapColor> {
        match s.to_lowercase().as_str() {
            "wit" | "white" => Some(CapColor::Wit),
            "zwart" | "black" => Some(CapColor::Zwart),
            "rood" | "red" => Some(CapColor::Rood),
            "geel" | "yellow" => Some(CapColor::Geel),
            _ => None,
        }
    }

    pub fn animal(self) -> &'static str {
        match self {
            CapColor::Wit => "tijger",
            CapColor::Zwart => "pestvogel",
            CapColor::Rood => "aap",
            CapColor::Geel => "konijn",
        }
    }

    /// The animal with its article: "de tijger", but "het konijn".
    pub fn animal_with_article(self) -> &'static str {
        match self {
            CapColor::Wit => "de tijger",
            CapColor::Zwart => "de pestvogel",
            CapColor::Rood => "de aap",
            CapColor::Geel => "het konijn",
        }
    }

    /// How a parent names it: "De witte pet".
    pub fn label(self) -> &'static str {
        match self {
            CapColor::Wit => "De witte pet",
            CapColor::Zwart => "De zwarte pet",
            CapColor::Rood => "De rode pet",
            CapColor::Geel => "De gele pet",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            CapColor::Wit => "wit",
            CapColor::Zwart => "zwart",
            CapColor::Rood => "rood",
            CapColor::Geel => "geel",
        }
    }
}

/// What kind of page this is, with the fields only that kind has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PageKind {
    Page,
    Cap {
        color: CapColor,
    },
    Evening {
        time: Option<NaiveTime>,
        location: Option<String>,
        /// Source path of the slides page, relative to content/.
        slides: Option<String>,
    },
    Event {
        start: Option<NaiveTime>,
        end: Option<NaiveTime>,
        location: Option<String>,
    },
    Slides,
    Manual,
    News,
}

keyword_enum! {
    /// The `type:` of a page: which [`PageKind`] it is, without that kind's
    /// fields.
    pub enum PageType {
        Page = "page",
        Cap = "cap",
        Evening = "evening",
        Event = "event",
        Slides = "slides",
        Manual = "manual",
        News = "news",
    }
}

impl PageType {
    /// Evenings, events and news happen on a day: they need a `date`.
    fn needs_date(self) -> bool {
        matches!(self, PageType::Evening | PageType::Event | PageType::News)
    }
}

impl PageKind {
    /// An event's start time, for ordering events of one day.
    pub fn start_time(&self) -> Option<NaiveTime> {
        match self {
            PageKind::Event { start, .. } => *start,
            _ => None,
        }
    }

    pub const NAMES: [&'static str; PageType::NAMES.len()] = PageType::NAMES;

    /// The type an author probably meant by an unknown `type:`: a Dutch word
    /// for it (`pet` is a cap, `avond` an evening), else the closest name.
    pub fn meant(name: &str) -> Option<&'static str> {
        let dutch = match name.trim().to_lowercase().as_str() {
            "pet" | "petten" | "kanjerpet" => Some(PageType::Cap),
            "avond" | "ouderavond" | "informatieavond" | "infoavond" => Some(PageType::Evening),
            "activiteit" | "agenda" | "evenement" | "gebeurtenis" | "afspraak" | "uitje" => {
                Some(PageType::Event)
            }
            "dia" | "dias" | "dia's" | "presentatie" | "slide" => Some(PageType::Slides),
            "handleiding" | "uitleg" | "instructie" => Some(PageType::Manual),
            "nieuws" | "bericht" | "nieuwsbericht" | "nieuwsbrief" => Some(PageType::News),
            "pagina" | "tekst" => Some(PageType::Page),
            _ => None,
        };
        dutch
            .map(PageType::as_str)
            .or_else(|| did_you_mean(name, PageType::NAMES))
    }

    pub fn page_type(&self) -> PageType {
        match self {
            PageKind::Page => PageType::Page,
            PageKind::Cap { .. } => PageType::Cap,
            PageKind::Evening { .. } => PageType::Evening,
            PageKind::Event { .. } => PageType::Event,
            PageKind::Slides => PageType::Slides,
            PageKind::Manual => PageType::Manual,
            PageKind::News => PageType::News,
        }
    }

    /// The word of its `type:`.
    pub fn name(&self) -> &'static str {
        self.page_type().as_str()
    }
}

#[derive(Debug, Clone)]
pub struct Page {
    /// Path relative to the site root, e.g. `content/kanjer/witte-pet.md`.
    pub source: PathBuf,
    /// Path relative to content/ with `/` separators, e.g. `kanjer/witte-pet.md`.
    pub content_path: String,
    /// Language of this file: the default one, or LANG of `NAME.LANG.md`.
    pub lang: String,
    /// URL path inside a site, without slashes at either end; "" for the home.
    pub slug: String,
    /// True for `index.md`: the page of its folder.
    pub is_index: bool,
    /// What the front matter says, checked.
    pub meta: FrontMatter,
    pub body: String,
    /// 1-based line of the body's first line in the source file.
    pub body_line: usize,
    /// Line of each front matter key, for errors found after loading.
    pub key_lines: KeyLines,
    /// A translation's `source-hash`: the version of the original it
    /// translates (see `translate::source_hash`).
    pub source_hash: Option<String>,
}

/// A page's checked front matter: everything that decides where the page is
/// shown and how it is listed. Compared as a whole to tell a body edit from
/// one that moves the page.
#[derive(Debug, Clone, PartialEq)]
pub struct FrontMatter {
    pub title: String,
    pub kind: PageKind,
    pub audience: Audience,
    pub bands: Vec<String>,
    pub classes: Vec<String>,
    pub date: Option<NaiveDate>,
    pub summary: Option<String>,
    pub weight: Option<i64>,
    pub draft: bool,
    pub extra: serde_json::Value,
}

impl Page {
    /// Line of a front matter key, or 1 (the `---` line) when it is absent.
    pub fn key_line(&self, key: &str) -> usize {
        self.key_lines.get(key).unwrap_or(1)
    }
}

impl Page {
    /// A school-wide parent page at `content_path` with `body`, for tests.
    #[cfg(test)]
    pub fn for_test(content_path: &str, body: &str) -> Page {
        let slug = content_path
            .trim_end_matches(".md")
            .trim_end_matches("index")
            .trim_end_matches('/');
        Page {
            source: PathBuf::from("content").join(content_path),
            content_path: content_path.into(),
            lang: "nl".into(),
            slug: slug.into(),
            is_index: content_path.ends_with("index.md"),
            meta: FrontMatter {
                title: "T".into(),
                kind: PageKind::Page,
                audience: Audience::Ouders,
                bands: vec![],
                classes: vec![],
                date: None,
                summary: None,
                weight: None,
                draft: false,
                extra: serde_json::Value::Null,
            },
            body: body.into(),
            body_line: 4,
            key_lines: KeyLines::default(),
            source_hash: None,
        }
    }

    /// Does `other` (a new version of this page) sit in the same place: the
    /// same sites, address, menu position, lists and feeds? Then only its
    /// body changed, and only its own outputs need writing again.
    pub fn same_place(&self, other: &Page) -> bool {
        self.meta == other.meta && self.slug == other.slug && self.lang == other.lang
    }

    /// The sort key of menus and lists: weight (unweighted last), then title.
    pub fn menu_order(&self) -> (i64, String, &str) {
        (
            self.meta.weight.unwrap_or(i64::MAX),
            self.meta.title.to_lowercase(),
            &self.content_path,
        )
    }
}

/// Everything about a page that comes from its file path.
pub(crate) struct Location {
    pub source: PathBuf,
    pub content_path: String,
    pub lang: String,
    pub slug: String,
    pub is_index: bool,
}

/// Checks raw front matter against the config and builds the page. `key_lines`
/// gives the line of each front matter key for error positions.
pub(crate) fn build(
    config: &Config,
    location: Location,
    fm: RawFrontMatter,
    key_lines: KeyLines,
    body: String,
    body_line: usize,
) -> Result<Page, Errors> {
    let mut check = Check {
        file: &location.source,
        key_lines: &key_lines,
        errors: Errors::new(),
    };
    let title = check.title(fm.title.as_deref());
    let page_type = check.page_type(fm.kind.as_deref());
    if let Some(page_type) = page_type {
        check.fields_of_other_types(page_type, &fm);
    }
    let audience = check.audience(fm.audience.as_deref());
    let (bands, classes) = check.bands_and_classes(config, fm.bands, fm.classes);
    let date = check.date(fm.date.as_ref());
    if fm.date.is_none() {
        check.date_needed(page_type);
    }
    let times = Times {
        time: check.time("time", fm.time.as_ref()),
        start: check.time("start", fm.start.as_ref()),
        end: check.time("end", fm.end.as_ref()),
    };
    let kind = match page_type {
        Some(PageType::Cap) => check.cap(fm.color.as_deref()),
        Some(PageType::Evening) => PageKind::Evening {
            time: times.time,
            location: fm.location,
            slides: fm.slides,
        },
        Some(PageType::Event) => {
            check.event(fm.start.is_some(), fm.end.is_some(), times, fm.location)
        }
        Some(PageType::Slides) => PageKind::Slides,
        Some(PageType::Manual) => PageKind::Manual,
        Some(PageType::News) => PageKind::News,
        Some(PageType::Page) | None => PageKind::Page,
    };
    let slug = check.slug(location.slug, fm.slug);
    let errors = check.errors;
    let page = Page {
        source: location.source,
        content_path: location.content_path,
        lang: location.lang,
        slug,
        is_index: location.is_index,
        meta: FrontMatter {
            title,
            kind,
            audience,
            bands,
            classes,
            date,
            summary: fm.summary.map(|s| s.trim().to_string()),
            weight: fm.weight,
            draft: fm.draft.unwrap_or(false),
            extra: fm.extra.unwrap_or(serde_json::Value::Null),
        },
        body,
        body_line,
        key_lines,
        source_hash: fm.source_hash,
    };
    errors.into_result(page)
}

/// The times a page's front matter gives, checked.
#[derive(Clone, Copy)]
struct Times {
    time: Option<NaiveTime>,
    start: Option<NaiveTime>,
    end: Option<NaiveTime>,
}

/// Fields that only mean something for some types are errors elsewhere: a
/// `color` on a plain page is almost always a forgotten `type: cap`.
type Present = fn(&RawFrontMatter) -> bool;
const ONLY_FOR: [(&str, Present, &[PageType]); 6] = [
    ("color", |fm| fm.color.is_some(), &[PageType::Cap]),
    ("time", |fm| fm.time.is_some(), &[PageType::Evening]),
    ("slides", |fm| fm.slides.is_some(), &[PageType::Evening]),
    ("start", |fm| fm.start.is_some(), &[PageType::Event]),
    ("end", |fm| fm.end.is_some(), &[PageType::Event]),
    (
        "location",
        |fm| fm.location.is_some(),
        &[PageType::Evening, PageType::Event],
    ),
];

/// The front matter of one page being checked: every problem is collected,
/// each at the line of its key.
struct Check<'a> {
    file: &'a Path,
    key_lines: &'a KeyLines,
    errors: Errors,
}

impl Check<'_> {
    fn error(&mut self, key: &str, message: String, help: String) {
        let line = self.key_lines.get(key).unwrap_or(1);
        self.errors.push(
            Diagnostic::site(message)
                .in_file(self.file)
                .at_line(line)
                .help(help),
        );
    }

    fn title(&mut self, title: Option<&str>) -> String {
        match title {
            Some(t) if !t.trim().is_empty() => t.trim().to_string(),
            _ => {
                self.error(
                    "title",
                    msg!("pagina.geen-titel"),
                    msg!("pagina.geen-titel-hulp"),
                );
                String::new()
            }
        }
    }

    /// The `type:` (`page` when absent); None for an unknown one.
    fn page_type(&mut self, name: Option<&str>) -> Option<PageType> {
        let name = name.unwrap_or("page");
        let page_type = PageType::parse(name);
        if page_type.is_none() {
            let names = PageType::NAMES.join(", ");
            let help = match PageKind::meant(name) {
                Some(m) => msg!("pagina.type-bedoel", soort = m, soorten = names),
                None => msg!("pagina.type-kies", soorten = names),
            };
            self.error("type", msg!("pagina.type-onbekend", soort = name), help);
        }
        page_type
    }

    fn audience(&mut self, audience: Option<&str>) -> Audience {
        let Some(a) = audience else {
            return Audience::Ouders;
        };
        Audience::parse(a).unwrap_or_else(|| {
            let help = match did_you_mean(a, Audience::NAMES) {
                Some(m) => msg!("pagina.publiek-bedoel", publiek = m),
                None => msg!("pagina.publiek-kies"),
            };
            self.error(
                "audience",
                msg!("pagina.publiek-onbekend", publiek = a),
                help,
            );
            Audience::Ouders
        })
    }

    /// `bands: a, b` is one text "a, b" to YAML, not a list: an error.
    fn not_a_list(&mut self, key: &str, value: Option<&OneOrMany>) -> bool {
        let Some(OneOrMany::One(text)) = value else {
            return false;
        };
        if !text.contains(',') {
            return false;
        }
        let items: Vec<&str> = text.split(',').map(str::trim).collect();
        let list = format!("[{}]", items.join(", "));
        self.error(
            key,
            msg!("pagina.komma-lijst", sleutel = key, waarde = text),
            msg!("pagina.komma-lijst-hulp", sleutel = key, lijst = list),
        );
        true
    }

    /// The bands and classes of the page: ids of the config, and classes
    /// in the page's bands.
    fn bands_and_classes(
        &mut self,
        config: &Config,
        bands: Option<OneOrMany>,
        classes: Option<OneOrMany>,
    ) -> (Vec<String>, Vec<String>) {
        let bands_not_a_list = self.not_a_list("bands", bands.as_ref());
        let classes_not_a_list = self.not_a_list("classes", classes.as_ref());
        let bands = bands.map(OneOrMany::into_vec).unwrap_or_default();
        let classes = classes.map(OneOrMany::into_vec).unwrap_or_default();
        if !bands_not_a_list {
            self.known_bands(config, &bands);
        }
        if !classes_not_a_list {
            let page_bands = if bands_not_a_list {
                &[][..]
            } else {
                &bands[..]
            };
            self.known_classes(config, &classes, page_bands);
        }
        (bands, classes)
    }

    fn known_bands(&mut self, config: &Config, bands: &[String]) {
        for band in bands {
            if config.band(band).is_none() {
                let known: Vec<&str> = config.bands.iter().map(|b| b.id.as_str()).collect();
                self.error(
                    "bands",
                    msg!("pagina.bouw-onbekend", bouw = band),
                    unknown_id_help(band, &known, "[[band]]"),
                );
            }
        }
    }

    /// Each class exists and, when the page names bands, is in one of them.
    fn known_classes(&mut self, config: &Config, classes: &[String], bands: &[String]) {
        for class in classes {
            match config.class(class) {
                None => {
                    let known: Vec<&str> = config.classes.iter().map(|c| c.id.as_str()).collect();
                    self.error(
                        "classes",
                        msg!("pagina.klas-onbekend", klas = class),
                        unknown_id_help(class, &known, "[[class]]"),
                    );
                }
                Some(c) if !bands.is_empty() && !c.bands.iter().any(|b| bands.contains(b)) => {
                    self.error(
                        "classes",
                        msg!(
                            "pagina.klas-buiten-bouw",
                            klas = class,
                            bouwen = bands.join(", ")
                        ),
                        msg!("pagina.klas-buiten-bouw-hulp"),
                    );
                }
                Some(_) => {}
            }
        }
    }

    /// `date: 2026-12-17`; a date written day first gets the right order.
    fn date(&mut self, date: Option<&Scalar>) -> Option<NaiveDate> {
        let text = date?.text();
        NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
            .map_err(|_| {
                let help = match day_first_date(&text) {
                    Some(d) => msg!("pagina.datum-omgekeerd-hulp", datum = d.format("%Y-%m-%d")),
                    None => msg!("pagina.datum-fout-hulp"),
                };
                self.error("date", msg!("pagina.datum-fout", datum = text), help)
            })
            .ok()
    }

    /// A page of a type that happens on a day, without a date.
    fn date_needed(&mut self, page_type: Option<PageType>) {
        if let Some(t) = page_type.filter(|t| t.needs_date()) {
            self.error(
                "type",
                msg!("pagina.datum-nodig", soort = t),
                msg!("pagina.datum-nodig-hulp"),
            );
        }
    }

    /// `19:30`; `19u30` and `19h30` get the colon offered.
    fn time(&mut self, key: &str, value: Option<&Scalar>) -> Option<NaiveTime> {
        let text = value?.text();
        parse_time(&text).or_else(|| {
            let help = match parse_time(&text.replace(['u', 'h'], ":")) {
                Some(t) => msg!(
                    "pagina.tijd-met-u-hulp",
                    sleutel = key,
                    tijd = t.format("%H:%M")
                ),
                None => msg!("pagina.tijd-fout-hulp"),
            };
            self.error(key, msg!("pagina.tijd-fout", tijd = text), help);
            None
        })
    }

    /// The fields of [`ONLY_FOR`] given on a page of another type.
    fn fields_of_other_types(&mut self, page_type: PageType, fm: &RawFrontMatter) {
        for (key, present, types) in ONLY_FOR {
            if present(fm) && !types.contains(&page_type) {
                let names: Vec<&str> = types.iter().map(|t| t.as_str()).collect();
                self.error(
                    key,
                    msg!(
                        "pagina.sleutel-alleen-bij",
                        sleutel = key,
                        soorten = names.join(&msg!("pagina.of"))
                    ),
                    msg!(
                        "pagina.sleutel-alleen-bij-hulp",
                        sleutel = key,
                        soort = names[0]
                    ),
                );
            }
        }
    }

    /// A cap page: its `color` is required.
    fn cap(&mut self, color: Option<&str>) -> PageKind {
        let color = match color {
            Some(c) => CapColor::parse(c).unwrap_or_else(|| {
                self.error(
                    "color",
                    msg!("pagina.pet-kleur-fout", kleur = c),
                    msg!("pagina.pet-kleur-fout-hulp"),
                );
                CapColor::Wit
            }),
            None => {
                self.error(
                    "type",
                    msg!("pagina.pet-kleur-nodig"),
                    msg!("pagina.pet-kleur-nodig-hulp"),
                );
                CapColor::Wit
            }
        };
        PageKind::Cap { color }
    }

    /// An event: an `end` needs a `start`, and comes after it.
    fn event(
        &mut self,
        has_start: bool,
        has_end: bool,
        times: Times,
        location: Option<String>,
    ) -> PageKind {
        if has_end && !has_start {
            self.error(
                "end",
                msg!("pagina.einde-zonder-begin"),
                msg!("pagina.einde-zonder-begin-hulp"),
            );
        }
        if let (Some(s), Some(e)) = (times.start, times.end) {
            if e <= s {
                self.error(
                    "end",
                    msg!(
                        "pagina.einde-voor-begin",
                        einde = e.format("%H:%M"),
                        begin = s.format("%H:%M")
                    ),
                    msg!("pagina.einde-voor-begin-hulp"),
                );
            }
        }
        PageKind::Event {
            start: times.start,
            end: times.end,
            location,
        }
    }

    /// The page's address: from its file path, or its `slug:` (a whole
    /// path when it has a `/`, else the last segment).
    fn slug(&mut self, from_path: String, slug: Option<String>) -> String {
        let Some(s) = slug else {
            return from_path;
        };
        match clean_slug_override(&s) {
            Some(clean) if clean.contains('/') || from_path.is_empty() => clean,
            Some(clean) => match from_path.rsplit_once('/') {
                Some((parent, _)) => format!("{parent}/{clean}"),
                None => clean,
            },
            None => {
                self.error(
                    "slug",
                    msg!("pagina.slug-fout", slug = s),
                    msg!("pagina.slug-fout-hulp"),
                );
                from_path
            }
        }
    }
}

fn unknown_id_help(unknown: &str, known: &[&str], table: &str) -> String {
    match did_you_mean(unknown, known.iter().copied()) {
        Some(m) => msg!("pagina.id-bedoel", id = m),
        None if known.is_empty() => msg!("pagina.id-geen", tabel = table),
        None => msg!("pagina.id-kies", ids = known.join(", "), tabel = table),
    }
}

/// A date written day first, as Dutch and Flemish people write it
/// (`17-12-2026`, `17/12/2026`, `17.12.2026`), for suggesting `2026-12-17`.
fn day_first_date(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    ["%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y"]
        .iter()
        .find_map(|format| NaiveDate::parse_from_str(text, format).ok())
        .or_else(|| written_out_date(text))
}

/// The Dutch month names, January first (for reading dates and writing them).
pub(crate) const DUTCH_MONTHS: [&str; 12] = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
];

/// `17 december 2026` or `17 dec. 2026`: a day, a Dutch month name (or its
/// first three letters) and a year.
fn written_out_date(text: &str) -> Option<NaiveDate> {
    let words: Vec<String> = text
        .split_whitespace()
        .map(|w| w.trim_end_matches(['.', ',']).to_lowercase())
        .collect();
    let [day, month, year] = words.as_slice() else {
        return None;
    };
    let month = DUTCH_MONTHS
        .iter()
        .position(|m| m == month || (month.len() >= 3 && m.starts_with(month.as_str())))?;
    NaiveDate::from_ymd_opt(year.parse().ok()?, month as u32 + 1, day.parse().ok()?)
}

/// `19:30`, `19.30` and `9:05` are all accepted.
pub(crate) fn parse_time(text: &str) -> Option<NaiveTime> {
    let text = text.trim().trim_end_matches(" uur");
    let (h, m) = text.split_once([':', '.'])?;
    let (h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
    if m >= 60 || text.split_once([':', '.'])?.1.len() != 2 {
        return None;
    }
    NaiveTime::from_hms_opt(h, m, 0)
}

/// A slug override: segments of a-z, 0-9, '-', '_' and '.'; leading and
/// trailing slashes dropped. An empty slug, or a segment of dots only, is
/// refused: it would put the page on its site's home or outside the site.
fn clean_slug_override(s: &str) -> Option<String> {
    let trimmed = s.trim().trim_matches('/');
    if trimmed.is_empty() {
        return None;
    }
    let ok = trimmed.split('/').all(|seg| {
        !seg.is_empty()
            && !seg.bytes().all(|b| b == b'.')
            && seg
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"-_.".contains(&b))
    });
    ok.then(|| trimmed.to_string())
}

/// Turns a file or folder name into a URL segment: lower case, accents
/// dropped, anything else but letters and digits becomes '-'.
pub(crate) fn slugify(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        let c = fold_accent(c.to_lowercase().next().unwrap_or(c));
        if c.is_ascii_alphanumeric() || c == '_' || c == '.' {
            out.push(c);
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches('-').to_string()
}

/// A Latin letter without its accent (é → e); other characters as they are.
pub(crate) fn fold_accent(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ä' | 'ã' | 'å' => 'a',
        'è' | 'é' | 'ê' | 'ë' => 'e',
        'ì' | 'í' | 'î' | 'ï' => 'i',
        'ò' | 'ó' | 'ô' | 'ö' | 'õ' => 'o',
        'ù' | 'ú' | 'û' | 'ü' => 'u',
        'ç' => 'c',
        'ñ' => 'n',
        'ÿ' | 'ý' => 'y',
        c => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times() {
        assert_eq!(parse_time("19:30"), NaiveTime::from_hms_opt(19, 30, 0));
        assert_eq!(parse_time("19.30 uur"), NaiveTime::from_hms_opt(19, 30, 0));
        assert_eq!(parse_time("9:05"), NaiveTime::from_hms_opt(9, 5, 0));
        assert_eq!(parse_time("25:00"), None);
        assert_eq!(parse_time("19:3"), None);
        assert_eq!(parse_time("half acht"), None);
    }

    #[test]
    fn slugs() {
        assert_eq!(slugify("Oudergesprek Één"), "oudergesprek-een");
        assert_eq!(slugify("groep 5 & 6"), "groep-5-6");
        assert_eq!(clean_slug_override("/witte-pet/"), Some("witte-pet".into()));
        assert_eq!(clean_slug_override("../x"), None);
        assert_eq!(clean_slug_override("Hoofd Letter"), None);
        for empty in ["", "/", " ", ".", "..", "...", "a/./b", "a/.../b"] {
            assert_eq!(clean_slug_override(empty), None, "{empty:?}");
        }
        assert_eq!(clean_slug_override("v1.2"), Some("v1.2".into()));
    }

    #[test]
    fn times_with_u_or_h_are_offered_with_a_colon() {
        let config = Config::parse(
            std::path::Path::new("/nonexistent"),
            "[book]\ntitle = \"x\"\n",
        )
        .unwrap();
        let location = Location {
            source: PathBuf::from("content/a.md"),
            content_path: "a.md".into(),
            lang: "nl".into(),
            slug: "a".into(),
            is_index: false,
        };
        let fm = RawFrontMatter {
            title: Some("Ouderavond".into()),
            kind: Some("evening".into()),
            date: Some(super::super::frontmatter::Scalar::Text("2026-10-08".into())),
            time: Some(super::super::frontmatter::Scalar::Text("19u30".into())),
            ..Default::default()
        };
        let err = build(&config, location, fm, KeyLines::default(), String::new(), 4).unwrap_err();
        assert_eq!(
            err.0[0].help.as_deref(),
            Some("schrijf `time: 19:30`"),
            "{err}"
        );
    }

    #[test]
    fn dates_written_day_first_are_recognised() {
        let d = NaiveDate::from_ymd_opt(2026, 12, 17);
        for text in [
            "17-12-2026",
            "17/12/2026",
            "17.12.2026",
            "17 december 2026",
            "17 dec. 2026",
        ] {
            assert_eq!(day_first_date(text), d, "{text}");
        }
        assert_eq!(day_first_date("17 smarch 2026"), None);
        assert_eq!(day_first_date("31-02-2026"), None);
    }

    #[test]
    fn dutch_names_of_types() {
        assert_eq!(PageKind::meant("pet"), Some("cap"));
        assert_eq!(PageKind::meant("Nieuws"), Some("news"));
        assert_eq!(PageKind::meant("evenement"), Some("event"));
        assert_eq!(PageKind::meant("evning"), Some("evening"));
        assert_eq!(PageKind::meant("xyz"), None);
    }

    #[test]
    fn each_kind_has_the_name_of_its_type() {
        let kinds = [
            PageKind::Page,
            PageKind::Cap {
                color: CapColor::Wit,
            },
            PageKind::Evening {
                time: None,
                location: None,
                slides: None,
            },
            PageKind::Event {
                start: None,
                end: None,
                location: None,
            },
            PageKind::Slides,
            PageKind::Manual,
            PageKind::News,
        ];
        let names: Vec<&str> = kinds.iter().map(PageKind::name).collect();
        assert_eq!(names, PageKind::NAMES);
        assert_eq!(Audience::parse("team"), Some(Audience::Team));
        assert_eq!(Audience::NAMES, ["ouders", "team", "training"]);
    }

    #[test]
    fn caps() {
        assert_eq!(CapColor::parse("White"), Some(CapColor::Wit));
        assert_eq!(CapColor::parse("geel").unwrap().animal(), "konijn");
        assert_eq!(CapColor::parse("blauw"), None);
    }
}
