//! The search of each site, without a server: `<site>/search-index.json`
//! (the spec's file, for other tools) and the same index as
//! `<site>/search-index.js`, which the search page loads with a classic
//! `<script>`, since browsers refuse `fetch` on pages opened from disk.
//!
//! The index is page-major: per page its address, title, a snippet and its
//! words (stemmed for Dutch, English, Turkish and Arabic) in three weight
//! groups: title, headings, text.
//! Each page's part is the same in every site that shows it, so it is
//! serialised once ([`PageTerms`]) and a site's index is a concatenation,
//! not a per-site rebuild. The browser (`assets/zoeken.js`) builds the
//! inverted index when the search page opens and stems the query with
//! `assets/stam.js` (and `stam-tr.js` or `stam-ar.js`, which only Turkish
//! and Arabic search pages load), which must agree with rust-stemmers
//! (tested in `tests/it/stemmer_agreement.rs`).

use std::cell::RefCell;
use std::collections::HashMap;
use std::fmt::Write as _;
use std::rc::Rc;

use rust_stemmers::{Algorithm, Stemmer};

use crate::content::{Content, Page, PageId};
use crate::markdown::highlight::escape;
use crate::markdown::Rendered;
use crate::plain::sentences::words;
use crate::plain::text::{Block, BlockKind};
use crate::site::layout::{
    PageFile, SiteFile, ARABIC_STEMMER_ASSET, INDEX, SEARCH_ASSET, STEMMER_ASSET,
    TURKISH_STEMMER_ASSET,
};
use crate::site::Site;

/// Words that would match nearly every page; left out of the index (and of
/// the query, in `zoeken.js`).
const DUTCH_STOP_WORDS: &[&str] = &[
    "aan", "al", "als", "bij", "dan", "dat", "de", "die", "dit", "door", "een", "en", "er", "het",
    "hij", "hun", "ik", "in", "is", "je", "maar", "met", "naar", "niet", "nog", "of", "om", "ook",
    "op", "over", "te", "u", "uit", "uw", "van", "voor", "wat", "we", "wel", "wij", "ze", "zij",
    "zijn",
];

/// Characters inside a word that also split it into parts for the index.
const SEPARATORS: [char; 5] = ['-', '/', '.', '\'', '’'];

/// Longest snippet shown under a hit, in characters.
const SNIPPET_CHARS: usize = 160;

/// One page's part of an index, already as JSON values.
#[derive(Debug, Clone, Default)]
pub struct PageTerms {
    /// The title as a JSON string.
    title: String,
    /// A summary or the first text, as a JSON string.
    snippet: String,
    /// `["title words","heading words","text words"]`, each a space-separated
    /// list of distinct terms.
    terms: String,
}

/// Does `lang` get Dutch stemming (nl, nl-BE, ...)?
pub fn stems_dutch(lang: &str) -> bool {
    lang == "nl" || lang.starts_with("nl-")
}

/// Does `lang` get English stemming (en, en-GB, ...)? The browser's
/// `stam.js` asks the same.
pub fn stems_english(lang: &str) -> bool {
    lang == "en" || lang.starts_with("en-")
}

/// Does `lang` get Turkish stemming (tr, tr-TR, ...)? The browser asks the
/// same (`stam.js`, with `stam-tr.js` loaded on Turkish search pages).
pub fn stems_turkish(lang: &str) -> bool {
    lang == "tr" || lang.starts_with("tr-")
}

/// Does `lang` get Arabic stemming (ar, ar-MA, ...)? The browser asks the
/// same (`stam.js`, with `stam-ar.js` loaded on Arabic search pages).
pub fn stems_arabic(lang: &str) -> bool {
    lang == "ar" || lang.starts_with("ar-")
}

/// The Snowball algorithm that stems the words of `lang`, if any. Other
/// languages (Polish, Ukrainian, Tigrinya: rust-stemmers has none) are
/// indexed as whole lower-case words; the search page still finds them by
/// their start.
pub fn stem_algorithm(lang: &str) -> Option<Algorithm> {
    Stemming::of(lang).algorithm()
}

/// How the words of one language are indexed.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Stemming {
    /// Whole words, lower case.
    None,
    Dutch,
    English,
    Turkish,
    Arabic,
}

impl Stemming {
    fn of(lang: &str) -> Stemming {
        if stems_dutch(lang) {
            Stemming::Dutch
        } else if stems_english(lang) {
            Stemming::English
        } else if stems_turkish(lang) {
            Stemming::Turkish
        } else if stems_arabic(lang) {
            Stemming::Arabic
        } else {
            Stemming::None
        }
    }

    fn algorithm(self) -> Option<Algorithm> {
        match self {
            Stemming::None => None,
            Stemming::Dutch => Some(Algorithm::Dutch),
            Stemming::English => Some(Algorithm::English),
            Stemming::Turkish => Some(Algorithm::Turkish),
            Stemming::Arabic => Some(Algorithm::Arabic),
        }
    }

    /// The browser script that stems this language besides `stam.js`.
    fn extra_script(self) -> Option<&'static str> {
        match self {
            Stemming::Turkish => Some(TURKISH_STEMMER_ASSET),
            Stemming::Arabic => Some(ARABIC_STEMMER_ASSET),
            _ => None,
        }
    }
}

/// The index term of one word: lower case, stemmed where Snowball can;
/// None for a Dutch stop word. Cached per thread, since a school's pages
/// share most words.
fn term(word: &str, stemming: Stemming) -> Option<Rc<str>> {
    thread_local! {
        // By `Stemming`.
        static SEEN: RefCell<[HashMap<String, Option<Rc<str>>>; 5]> = RefCell::default();
    }
    SEEN.with(|seen| {
        if let Some(t) = seen.borrow()[stemming as usize].get(word) {
            return t.clone();
        }
        let lower = word.to_lowercase();
        let lower = lower.trim_matches(|c: char| !c.is_alphanumeric());
        let dutch = stemming == Stemming::Dutch;
        let t: Option<Rc<str>> =
            if lower.is_empty() || (dutch && DUTCH_STOP_WORDS.binary_search(&lower).is_ok()) {
                None
            } else {
                match stemming.algorithm() {
                    Some(algorithm) => Some(Stemmer::create(algorithm).stem(lower).into()),
                    None => Some(lower.into()),
                }
            };
        let seen = &mut seen.borrow_mut()[stemming as usize];
        // Bounded: a huge text of unique words must not grow it forever.
        if seen.len() > 100_000 {
            seen.clear();
        }
        seen.insert(word.to_string(), t.clone());
        t
    })
}

/// The words of `page` as the index holds them; `blocks`: its text, as
/// rendering found it ([`Rendered::text_blocks`]).
pub(crate) fn page_terms(page: &Page, blocks: &[Block]) -> PageTerms {
    let stemming = Stemming::of(&page.lang);
    // A term counts once, in the most important group it appears in.
    let mut groups: HashMap<Rc<str>, u8> = HashMap::new();
    let mut add = |text: &str, group: u8| {
        for w in words(text, 0) {
            let mut note = |t: Option<Rc<str>>| {
                if let Some(t) = t {
                    let g = groups.entry(t).or_insert(group);
                    *g = (*g).min(group);
                }
            };
            note(term(&w.text, stemming));
            // "e-mail" and "ouder-kindgesprek" are found by their parts too.
            if w.text.contains(SEPARATORS) {
                for part in w.text.split(SEPARATORS) {
                    note(term(part, stemming));
                }
            }
        }
    };
    add(&page.meta.title, 0);
    let mut first_text = None;
    for block in blocks {
        let group = if block.kind == BlockKind::Heading {
            1
        } else {
            2
        };
        if group == 2 && first_text.is_none() {
            first_text = Some(block.text.clone());
        }
        add(&block.text, group);
    }
    if let Some(summary) = &page.meta.summary {
        add(summary, 2);
    }
    let mut groups: Vec<(Rc<str>, u8)> = groups.into_iter().collect();
    groups.sort_unstable();
    let mut lists = [String::new(), String::new(), String::new()];
    for (t, g) in groups {
        let list = &mut lists[g as usize];
        if !list.is_empty() {
            list.push(' ');
        }
        list.push_str(&t);
    }
    let snippet = page
        .meta
        .summary
        .clone()
        .or(first_text)
        .map(|s| shorten(&s))
        .unwrap_or_default();
    // Held for every page until the indexes are written: without their
    // spare room (half of what they took at 50,000 pages).
    let compact = |mut s: String| {
        s.shrink_to_fit();
        s
    };
    PageTerms {
        title: compact(json_string(&page.meta.title)),
        snippet: compact(json_string(&snippet)),
        terms: compact(format!(
            "[{},{},{}]",
            json_string(&lists[0]),
            json_string(&lists[1]),
            json_string(&lists[2])
        )),
    }
}

/// The search index of `site` as JSON: `{"lang":..,"pages":[{"u":address
/// from the site root,"t":title,"s":snippet,"k":[title,headings,text]}]}`.
pub(crate) struct IndexJson<'a> {
    lang: String,
    /// Each page's address (a JSON string) and terms.
    entries: Vec<(String, &'a PageTerms)>,
}

impl<'a> IndexJson<'a> {
    pub(crate) fn new(content: &Content, site: &Site, terms: &'a [PageTerms]) -> Self {
        let entries = site
            .all_pages()
            .filter_map(|id| {
                let t = terms.get(site.shown(id))?;
                let url = PageFile::Page.path_in_site(site, id, &content.pages[id]);
                Some((json_string(&url), t))
            })
            .collect();
        IndexJson {
            lang: json_string(&site.lang),
            entries,
        }
    }

    /// The exact length written: a private site's index is encrypted from
    /// one string, and the index of a big site is tens of megabytes (a
    /// string that outgrows a guess is copied into one twice its size).
    fn len(&self) -> usize {
        const PAGES_OPEN: &str = "{\"lang\":,\"pages\":[";
        const ENTRY: &str = "{\"u\":,\"t\":,\"s\":,\"k\":}";
        PAGES_OPEN.len()
            + self.lang.len()
            + self
                .entries
                .iter()
                .map(|(u, t)| {
                    ENTRY.len() + u.len() + t.title.len() + t.snippet.len() + t.terms.len()
                })
                .sum::<usize>()
            + self.entries.len().saturating_sub(1)
            + "]}".len()
    }

    /// Writes the JSON into `out`: a public site's index goes straight into
    /// its files, never held whole.
    pub(crate) fn write_to(&self, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        write!(out, "{{\"lang\":{},\"pages\":[", self.lang)?;
        for (n, (url, t)) in self.entries.iter().enumerate() {
            if n > 0 {
                out.write_all(b",")?;
            }
            write!(
                out,
                "{{\"u\":{url},\"t\":{},\"s\":{},\"k\":{}}}",
                t.title, t.snippet, t.terms
            )?;
        }
        out.write_all(b"]}")
    }

    /// The whole JSON in one string of its exact length.
    pub(crate) fn whole(&self) -> String {
        let mut bytes = Vec::with_capacity(self.len());
        self.write_to(&mut bytes)
            .expect("writing into memory does not fail");
        debug_assert_eq!(bytes.len(), self.len());
        String::from_utf8(bytes).expect("the index is made of strings")
    }
}

/// What goes before and after the JSON to make it a classic script, for
/// the search page opened from disk.
pub(crate) const SCRIPT_WRAP: (&str, &str) = ("window.helderZoekIndex=", ";\n");

/// What the search page needs in its language.
pub(crate) struct SearchWords<'a> {
    pub label: &'a str,
    pub button: &'a str,
    pub needs_js: &'a str,
    pub all_pages: &'a str,
    pub none: &'a str,
    pub found: &'a str,
}

/// The body of `<site>/zoeken/`: a form that works from disk, where the
/// results appear, and every page of the site as a plain list, so the page
/// is useful without JavaScript too.
pub(crate) fn page_body(
    content: &Content,
    site: &Site,
    words: &SearchWords<'_>,
    site_root: &str,
    output_root: &str,
) -> String {
    let mut html = String::new();
    let _ = write!(
        html,
        "<form class=\"search\" role=\"search\" method=\"get\" action=\"{INDEX}\">\n\
         <label for=\"zoekterm\">{label}</label>\n\
         <div class=\"search-row\"><input type=\"search\" id=\"zoekterm\" name=\"q\" autocomplete=\"off\">\
         <button type=\"submit\">{button}</button></div>\n</form>\n\
         <p id=\"zoekstatus\" role=\"status\" data-none=\"{none}\" data-found=\"{found}\" data-stem-lang=\"{lang}\"></p>\n\
         <ol id=\"zoekresultaten\" class=\"search-results\" data-root=\"{root}\"></ol>\n\
         <noscript><p>{needs_js}</p></noscript>\n",
        label = escape(words.label),
        button = escape(words.button),
        none = escape(words.none),
        found = escape(words.found),
        lang = escape(&site.lang),
        root = escape(site_root),
        needs_js = escape(words.needs_js),
    );
    let _ = writeln!(
        html,
        "<h2 id=\"alle-paginas\">{}</h2>\n<ul class=\"all-pages\">",
        escape(words.all_pages)
    );
    for &id in &site.pages {
        let shown = &content.pages[site.shown(id)];
        let address = PageFile::Page.path_in_site(site, id, &content.pages[id]);
        let _ = writeln!(
            html,
            "<li><a href=\"{site_root}{}\">{}</a></li>",
            escape(&address),
            escape(&shown.meta.title)
        );
    }
    html.push_str("</ul>\n");
    // Only this language's stemmer: a Dutch search page does not load the
    // Turkish one.
    if let Some(extra) = Stemming::of(&site.lang).extra_script() {
        let _ = writeln!(html, "<script src=\"{output_root}{extra}\" defer></script>");
    }
    let _ = write!(
        html,
        "<script src=\"{output_root}{STEMMER_ASSET}\" defer></script>\n\
         <script src=\"{site_root}{}\" defer></script>\n\
         <script src=\"{output_root}{SEARCH_ASSET}\" defer></script>\n",
        SiteFile::SearchScript.name()
    );
    html
}

fn shorten(text: &str) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= SNIPPET_CHARS {
        return text;
    }
    let cut: String = text.chars().take(SNIPPET_CHARS).collect();
    let cut = match cut.rfind(' ') {
        Some(space) => &cut[..space],
        None => &cut,
    };
    format!("{}…", cut.trim_end_matches([',', '.', ';', ':']))
}

fn json_string(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| String::from("\"\""))
}

/// One page changed: recompute its terms from its new rendering.
pub(crate) fn update(terms: &mut [PageTerms], content: &Content, id: PageId, rendered: &Rendered) {
    if let Some(t) = terms.get_mut(id) {
        *t = page_terms(&content.pages[id], &rendered.text_blocks);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stop_words_are_sorted_for_binary_search() {
        let mut sorted = DUTCH_STOP_WORDS.to_vec();
        sorted.sort_unstable();
        assert_eq!(sorted, DUTCH_STOP_WORDS);
    }

    #[test]
    fn dutch_words_are_stemmed_and_grouped_by_importance() {
        let page = Page::for_test(
            "gesprek.md",
            "# Oudergesprekken\n\nDe gesprekken met de leerkracht zijn in november.\n",
        );
        let t = page_terms(&page, &crate::plain::text::blocks(&page.body));
        let groups: Vec<String> = serde_json::from_str(&t.terms).unwrap();
        assert!(
            groups[1].split(' ').any(|w| w == "oudergesprek"),
            "{groups:?}"
        );
        assert!(groups[2].split(' ').any(|w| w == "gesprek"), "{groups:?}");
        assert!(
            !groups[2].split(' ').any(|w| w == "de"),
            "stop words stay out"
        );
    }

    #[test]
    fn hyphenated_words_are_found_by_their_parts() {
        let page = Page::for_test("a.md", "Stuur een e-mail naar de ouder-kindcoach.\n");
        let t = page_terms(&page, &crate::plain::text::blocks(&page.body));
        let groups: Vec<String> = serde_json::from_str(&t.terms).unwrap();
        let text: Vec<&str> = groups[2].split(' ').collect();
        for w in ["e-mail", "mail", "kindcoach"] {
            assert!(text.contains(&w), "{w} in {text:?}");
        }
    }

    #[test]
    fn long_snippets_end_at_a_word() {
        let long = "woord ".repeat(60);
        let s = shorten(&long);
        assert!(s.ends_with("woord…"), "{s}");
        assert!(s.chars().count() <= SNIPPET_CHARS + 1);
    }
}
