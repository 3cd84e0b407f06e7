//! An evening's summary as plain text (`<page>/samenvatting.txt`), ready to
//! paste into an e-mail for parents who were not there: wrapped at 72
//! columns, the date, time and place first, links as numbered footnotes.

use std::collections::BTreeMap;

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use crate::config::Config;
use crate::content::{Content, Page, PageKind};
use crate::locale::Locale;
use crate::markdown::links::{classify, join, parent_dir, Written};
use crate::site::canonical_root;

const WIDTH: usize = 72;

/// `locale`: the page's language ("Waar", "uur", the month names...).
pub fn evening(config: &Config, content: &Content, page: &Page, locale: &Locale<'_>) -> String {
    let words = locale.words();
    let word = |key: &str, dutch: &'static str| -> String {
        words.get(key).cloned().unwrap_or_else(|| dutch.to_string())
    };
    let mut out = String::new();
    out.push_str(&page.title);
    out.push('\n');
    out.push_str(&"=".repeat(page.title.chars().count().min(WIDTH)));
    out.push_str("\n\n");
    if let Some(date) = page.date {
        let mut when = locale.date(date);
        if let PageKind::Evening { time: Some(t), .. } = &page.kind {
            when.push_str(&format!(", {}", t.format("%H:%M")));
            let hour = word("hour", "uur");
            if !hour.is_empty() {
                when.push_str(&format!(" {hour}"));
            }
        }
        out.push_str(&format!("{}: {when}\n", word("when", "Wanneer")));
    }
    if let PageKind::Evening {
        location: Some(l), ..
    } = &page.kind
    {
        out.push_str(&format!("{}: {l}\n", word("where", "Waar")));
    }
    out.push('\n');
    let mut writer = TextWriter {
        config,
        content,
        page,
        words,
        out,
        links: Vec::new(),
        line: String::new(),
        prefix: Vec::new(),
    };
    writer.body();
    let TextWriter { mut out, links, .. } = writer;
    if !links.is_empty() {
        out.push_str("\nLinks\n-----\n");
        for (i, url) in links.iter().enumerate() {
            out.push_str(&format!("[{}] {url}\n", i + 1));
        }
    }
    if let Some(base) = &config.base_url {
        let file = format!("{}{}/", canonical_root(page), page.slug);
        out.push_str(&format!(
            "\nDeze samenvatting staat ook op de website:\n{base}/{file}\n"
        ));
    }
    out
}

struct TextWriter<'a> {
    config: &'a Config,
    content: &'a Content,
    page: &'a Page,
    words: &'a BTreeMap<String, String>,
    out: String,
    links: Vec<String>,
    /// The text of the current block.
    line: String,
    /// (first-line prefix, following-lines prefix) per open list item/quote.
    prefix: Vec<(String, String)>,
}

impl TextWriter<'_> {
    fn body(&mut self) {
        let mut lists: Vec<Option<u64>> = Vec::new();
        let mut link: Option<String> = None;
        let mut in_code = false;
        let body = self.page.body.clone();
        for event in Parser::new_ext(&body, crate::markdown::options()) {
            match event {
                Event::Start(Tag::Heading { .. }) => self.flush(),
                Event::End(TagEnd::Heading(_)) => {
                    let title = std::mem::take(&mut self.line).trim().to_string();
                    self.out.push_str(&format!(
                        "{title}\n{}\n\n",
                        "-".repeat(title.chars().count().min(WIDTH))
                    ));
                }
                Event::Start(Tag::Paragraph)
                | Event::Start(Tag::TableRow)
                | Event::Start(Tag::TableHead) => self.flush(),
                Event::End(TagEnd::Paragraph) => self.flush_block(),
                Event::End(TagEnd::TableRow) | Event::End(TagEnd::TableHead) => {
                    let row = std::mem::take(&mut self.line);
                    self.out.push_str(row.trim().trim_end_matches('|').trim());
                    self.out.push('\n');
                }
                Event::End(TagEnd::Table) => self.out.push('\n'),
                Event::End(TagEnd::TableCell) => self.line.push_str(" | "),
                Event::Start(Tag::List(start)) => {
                    self.flush();
                    lists.push(start);
                }
                Event::End(TagEnd::List(_)) => {
                    self.flush();
                    lists.pop();
                    if lists.is_empty() {
                        self.out.push('\n');
                    }
                }
                Event::Start(Tag::Item) => {
                    self.flush();
                    let indent = "  ".repeat(lists.len().saturating_sub(1));
                    let marker = match lists.last_mut() {
                        Some(Some(n)) => {
                            *n += 1;
                            format!("{}. ", *n - 1)
                        }
                        _ => "- ".to_string(),
                    };
                    let hang = " ".repeat(marker.chars().count());
                    self.prefix
                        .push((format!("{indent}{marker}"), format!("{indent}{hang}")));
                }
                Event::End(TagEnd::Item) => {
                    self.flush();
                    self.prefix.pop();
                }
                Event::Start(Tag::BlockQuote(kind)) => {
                    self.flush();
                    if let Some(kind) = kind {
                        let (_, key, dutch) = crate::markdown::callout(kind);
                        let label = self.words.get(key).map(String::as_str).unwrap_or(dutch);
                        self.line.push_str(label);
                        self.line.push_str(": ");
                    }
                    self.prefix.push(("| ".into(), "| ".into()));
                }
                Event::End(TagEnd::BlockQuote(_)) => {
                    self.flush_block();
                    self.prefix.pop();
                }
                Event::Start(Tag::CodeBlock(_)) => {
                    self.flush();
                    in_code = true;
                }
                Event::End(TagEnd::CodeBlock) => {
                    in_code = false;
                    self.out.push('\n');
                }
                Event::Start(Tag::Link { dest_url, .. }) => link = Some(dest_url.to_string()),
                Event::End(TagEnd::Link) => {
                    if let Some(url) = link.take() {
                        let url = self.absolute(&url);
                        if !self.line.trim_end().ends_with(url.as_str()) {
                            self.links.push(url);
                            self.line.push_str(&format!(" [{}]", self.links.len()));
                        }
                    }
                }
                Event::Start(Tag::Image { .. }) => self.line.push_str("(afbeelding: "),
                Event::End(TagEnd::Image) => self.line.push(')'),
                Event::Text(t) if in_code => {
                    for l in t.lines() {
                        self.out.push_str(&format!("    {l}\n"));
                    }
                }
                Event::Text(t) | Event::Code(t) => self.line.push_str(&t),
                Event::SoftBreak => self.line.push(' '),
                Event::HardBreak => self.line.push('\n'),
                Event::TaskListMarker(done) => {
                    self.line.push_str(if done { "[x] " } else { "[ ] " })
                }
                _ => {}
            }
        }
        self.flush_block();
    }

    /// Writes the current text, wrapped, with the open prefixes.
    fn flush(&mut self) {
        let text = std::mem::take(&mut self.line);
        let text = text.trim();
        if text.is_empty() {
            return;
        }
        let (first, rest) = self.prefixes();
        let options = textwrap::Options::new(WIDTH)
            .initial_indent(&first)
            .subsequent_indent(&rest);
        for line in textwrap::wrap(text, options) {
            self.out.push_str(line.trim_end());
            self.out.push('\n');
        }
        // A list item's prefix shows once; what follows in it hangs.
        if let Some(p) = self.prefix.last_mut() {
            p.0 = p.1.clone();
        }
    }

    fn flush_block(&mut self) {
        let had = !self.line.trim().is_empty();
        self.flush();
        if had && self.prefix.iter().all(|(_, r)| r.starts_with('|')) {
            self.out.push('\n');
        }
    }

    fn prefixes(&self) -> (String, String) {
        let mut first = String::new();
        let mut rest = String::new();
        for (i, (f, r)) in self.prefix.iter().enumerate() {
            if i + 1 == self.prefix.len() {
                first.push_str(f);
            } else {
                first.push_str(r);
            }
            rest.push_str(r);
        }
        (first, rest)
    }

    /// A link as a reader of an e-mail can open it.
    fn absolute(&self, url: &str) -> String {
        let Written::Relative(path, fragment) = classify(url) else {
            return url.trim_start_matches("mailto:").to_string();
        };
        let Some(joined) = join(parent_dir(&self.page.content_path), &path) else {
            return url.to_string();
        };
        let target = self
            .content
            .page_at(&joined)
            .or_else(|| self.content.page_at(&format!("{joined}/index.md")))
            .map(|id| &self.content.pages[id]);
        let path = match target {
            Some(p) => {
                let root = canonical_root(p);
                if p.slug.is_empty() || p.slug == root.trim_end_matches('/') {
                    root
                } else {
                    format!("{root}{}/", p.slug)
                }
            }
            None => joined,
        };
        let mut full = match &self.config.base_url {
            Some(base) => format!("{base}/{path}"),
            None => format!("/{path}"),
        };
        if let Some(f) = fragment {
            full.push('#');
            full.push_str(f);
        }
        full
    }
}
