//! The stages the benchmarks time (`benches/pipeline.rs`), over a loaded
//! site: not part of helder's interface, like `fuzzing`.

use std::path::Path;

use crate::Loaded;

/// Bytes of Markdown in the site's page bodies.
pub fn markdown_bytes(loaded: &Loaded) -> usize {
    loaded.content.pages.iter().map(|p| p.body.len()).sum()
}

/// What the analysis reads of each page: the blocks of text a reader sees,
/// made once before timing (a build makes them while rendering and drops
/// them right after, so a loaded site no longer holds them).
pub struct AnalysisInput {
    blocks: Vec<Vec<crate::plain::text::Block>>,
}

pub fn analysis_input(loaded: &Loaded) -> AnalysisInput {
    AnalysisInput {
        blocks: loaded
            .content
            .pages
            .iter()
            .map(|p| crate::plain::text::blocks(&p.body))
            .collect(),
    }
}

/// Runs the plain-language analysis of every page; the number of words read.
pub fn analyse_pages(loaded: &Loaded, input: &AnalysisInput) -> usize {
    let config = &loaded.config.plain_language;
    loaded
        .content
        .pages
        .iter()
        .zip(&input.blocks)
        .zip(&loaded.rendered)
        .map(|((page, blocks), rendered)| {
            crate::plain::analyse(
                page,
                blocks,
                &rendered.unlabelled_media,
                config,
                &loaded.glossary,
            )
            .words
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The benchmark reads the same words as a build's reports: once it
    /// timed pages without text (after builds began to drop the blocks).
    #[test]
    fn the_analysis_benchmark_reads_every_word_a_build_reads() {
        let options = crate::BuildOptions {
            root: std::path::Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf(),
            ..crate::BuildOptions::default()
        };
        let loaded = crate::load(&options).expect("the demo loads");
        let built: usize = loaded
            .extras
            .as_ref()
            .expect("a build with extras")
            .reports
            .iter()
            .map(|r| r.words)
            .sum();
        assert!(built > 10_000, "the demo has {built} words");
        assert_eq!(analyse_pages(&loaded, &analysis_input(&loaded)), built);
    }
}
