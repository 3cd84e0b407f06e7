//! Micro-benchmarks of the hot paths, over the demo school's pages:
//! plain-language analysis and Markdown rendering, as MB/s of Markdown, and
//! template rendering: every page through the theme into every site that
//! shows it (written to a folder in memory where there is one).
//!
//! cargo bench --bench pipeline

use std::path::Path;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

use helder::config::Config;
use helder::content::{self, LoadOptions};
use helder::markdown;
use helder::plain;
use helder::theme::Theme;

fn demo() -> (Config, content::Content) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let config = Config::load(root).expect("demo book.toml");
    let (content, errors) = content::load(&config, LoadOptions::default()).expect("demo content");
    assert!(errors.is_empty(), "{errors}");
    (config, content)
}

fn benches(c: &mut Criterion) {
    let (config, content) = demo();
    let bytes: usize = content.pages.iter().map(|p| p.body.len()).sum();
    let glossary = plain::load_glossary(&config).expect("glossary");
    let theme = Theme::load(&config).expect("theme");

    let mut group = c.benchmark_group("demo");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("plain-language analysis", |b| {
        b.iter(|| {
            content
                .pages
                .iter()
                .map(|p| {
                    plain::analyse(
                        p,
                        &plain::text::blocks(&p.body),
                        &config.plain_language,
                        &glossary,
                    )
                    .findings
                    .len()
                })
                .sum::<usize>()
        })
    });
    group.bench_function("markdown rendering", |b| {
        let ctx = markdown::Context {
            content: &content,
            shortcodes: &theme,
            glossary: Some(&glossary),
            safe_html: false,
        };
        b.iter(|| {
            content
                .pages
                .iter()
                .map(|p| markdown::render(p, &ctx).map(|r| r.html.len()).unwrap_or(0))
                .sum::<usize>()
        })
    });
    group.finish();

    let options = helder::BuildOptions {
        root: Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf(),
        ..helder::BuildOptions::default()
    };
    let loaded = helder::load(&options).expect("the demo loads");
    let input = loaded.output_input(false);
    let base = if Path::new("/dev/shm").is_dir() {
        tempfile::tempdir_in("/dev/shm")
    } else {
        tempfile::tempdir()
    }
    .expect("a temporary folder");
    let written: usize = loaded
        .sites
        .iter()
        .map(|s| s.home.iter().chain(&s.pages).count())
        .sum();
    let mut group = c.benchmark_group("demo");
    group.throughput(Throughput::Elements(written as u64));
    group.bench_function(
        "template rendering: each page and the lists that show it, in every site",
        |b| {
            b.iter(|| {
                (0..loaded.content.pages.len())
                    .filter_map(|id| helder::output::write_page(&input, id, base.path()).ok())
                    .map(|s| s.files)
                    .sum::<usize>()
            })
        },
    );
    group.finish();
}

criterion_group!(pipeline, benches);
criterion_main!(pipeline);
