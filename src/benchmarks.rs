//! The stages the benchmarks time (`benches/pipeline.rs`), over a loaded
//! site: not part of helder's interface, like `fuzzing`.

use std::path::Path;

use crate::Loaded;

/// Bytes of Markdown in the site's page bodies.
pub fn markdown_bytes(loaded: &Loaded) -> usize {
    loaded.content.pages.iter().map(|p| p.body.len()).sum()
}

/// Runs the plain-language analysis of every page; the number of findings.
pub fn analyse_pages(loaded: &Loaded) -> usize {
    let config = &loaded.config.plain_language;
    loaded
        .content
        .pages
        .iter()
        .zip(&loaded.rendered)
        .map(|(page, rendered)| {
            crate::plain::analyse(
                page,
                &rendered.text_blocks,
                &rendered.unlabelled_media,
                config,
                &loaded.glossary,
            )
            .findings
            .len()
        })
        .sum()
}

/// Renders every page body again; the bytes of HTML.
pub fn render_pages(loaded: &Loaded) -> usize {
    let ctx = crate::markdown::Context {
        content: &loaded.content,
        shortcodes: &loaded.theme,
        glossary: Some(&loaded.glossary),
        safe_html: loaded.config.safe_html,
    };
    loaded
        .content
        .pages
        .iter()
        .map(|p| crate::markdown::render(p, &ctx).map_or(0, |r| r.html.len()))
        .sum()
}

/// Pages written in all sites (a page in three sites counts three times).
pub fn pages_in_sites(loaded: &Loaded) -> usize {
    loaded.sites.iter().map(|s| s.all_pages().count()).sum()
}

/// Writes, for each page, what the preview writes after its body changed;
/// the number of files.
pub fn write_each_page(loaded: &Loaded, dir: &Path) -> usize {
    let input = loaded.output_input(false, None);
    (0..loaded.content.pages.len())
        .filter_map(|id| crate::output::write_page(&input, id, dir).ok())
        .map(|s| s.files)
        .sum()
}
