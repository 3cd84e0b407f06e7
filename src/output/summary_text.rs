//! An evening's summary as plain text (`<page>/samenvatting.txt`), ready to
//! paste into an e-mail for parents who were not there: wrapped at 72
//! columns, the date, time and place first, links as numbered footnotes.

use std::collections::BTreeMap;

use pulldown_cmark::BlockQuoteKind;

use crate::config::Config;
use crate::content::{Content, Page, PageKind};
use crate::locale::Locale;
use crate::markdown::links::{classify, join, parent_dir, Written};
use crate::markdown::{Rendered, Span, TextBlock};
use crate::site::canonical_root;

const WIDTH: usize = 72;

/// `locale`: the page's language ("Waar", "uur", the month names...);
/// `rendered`: the page's body as rendered, whose plain-text blocks are written.
pub(crate) fn evening(
    config: &Config,
    content: &Content,
    page: &Page,
    rendered: &Rendered,
    locale: &Locale<'_>,
) -> String {
    let words = locale.words();
    let word = |key: &str, dutch: &'static str| -> String {
        words.get(key).cloned().unwrap_or_else(|| dutch.to_string())
    };
    let mut out = String::new();
    out.push_str(&page.meta.title);
    out.push('\n');
    out.push_str(&"=".repeat(page.meta.title.chars().count().min(WIDTH)));
    out.push_str("\n\n");
    if let Some(date) = page.meta.date {
        let mut when = locale.date(date);
        if let PageKind::Evening { time: Some(t), .. } = &page.meta.kind {
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
    } = &page.meta.kind
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
        lists: Vec::new(),
    };
    writer.blocks(&rendered.document);
    writer.flush_block();
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
    /// Per open list, the number of its next item (None: not numbered).
    lists: Vec<Option<u64>>,
}

impl TextWriter<'_> {
    fn blocks(&mut self, blocks: &[TextBlock]) {
        for block in blocks {
            self.block(block);
        }
    }

    fn block(&mut self, block: &TextBlock) {
        match block {
            TextBlock::Heading(spans) => {
                self.flush();
                self.spans(spans);
                let title = std::mem::take(&mut self.line).trim().to_string();
                self.out.push_str(&format!(
                    "{title}\n{}\n\n",
                    "-".repeat(title.chars().count().min(WIDTH))
                ));
            }
            TextBlock::Paragraph(spans) => {
                self.flush();
                self.spans(spans);
                self.flush_block();
            }
            TextBlock::Plain(spans) => self.spans(spans),
            TextBlock::List { start, items } => self.list(*start, items),
            TextBlock::Quote { callout, blocks } => self.quote(*callout, blocks),
            TextBlock::Code(pieces) => {
                self.flush();
                for l in pieces.iter().flat_map(|p| p.lines()) {
                    self.out.push_str(&format!("    {l}\n"));
                }
                self.out.push('\n');
            }
            TextBlock::Table(rows) => {
                for row in rows {
                    self.flush();
                    for cell in row {
                        self.spans(cell);
                        self.line.push_str(" | ");
                    }
                    let row = std::mem::take(&mut self.line);
                    self.out.push_str(row.trim().trim_end_matches('|').trim());
                    self.out.push('\n');
                }
                self.out.push('\n');
            }
        }
    }

    fn list(&mut self, start: Option<u64>, items: &[Vec<TextBlock>]) {
        self.flush();
        self.lists.push(start);
        for item in items {
            self.flush();
            let indent = "  ".repeat(self.lists.len().saturating_sub(1));
            let marker = match self.lists.last_mut() {
                Some(Some(n)) => {
                    *n += 1;
                    format!("{}. ", *n - 1)
                }
                _ => "- ".to_string(),
            };
            let hang = " ".repeat(marker.chars().count());
            self.prefix
                .push((format!("{indent}{marker}"), format!("{indent}{hang}")));
            self.blocks(item);
            self.flush();
            self.prefix.pop();
        }
        self.flush();
        self.lists.pop();
        if self.lists.is_empty() {
            self.out.push('\n');
        }
    }

    fn quote(&mut self, callout: Option<BlockQuoteKind>, blocks: &[TextBlock]) {
        self.flush();
        if let Some(kind) = callout {
            let (_, key, dutch) = crate::markdown::callout(kind);
            let label = self.words.get(key).map(String::as_str).unwrap_or(dutch);
            self.line.push_str(label);
            self.line.push_str(": ");
        }
        self.prefix.push(("| ".into(), "| ".into()));
        self.blocks(blocks);
        self.flush_block();
        self.prefix.pop();
    }

    fn spans(&mut self, spans: &[Span]) {
        for span in spans {
            match span {
                Span::Text(t) => self.line.push_str(t),
                Span::SoftBreak => self.line.push(' '),
                Span::HardBreak => self.line.push('\n'),
                Span::Task(done) => self.line.push_str(if *done { "[x] " } else { "[ ] " }),
                Span::Link(url, text) => {
                    self.spans(text);
                    let url = self.absolute(url);
                    if !self.line.trim_end().ends_with(url.as_str()) {
                        self.links.push(url);
                        self.line.push_str(&format!(" [{}]", self.links.len()));
                    }
                }
                Span::Image(alt) => {
                    self.line.push_str("(afbeelding: ");
                    self.spans(alt);
                    self.line.push(')');
                }
            }
        }
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
