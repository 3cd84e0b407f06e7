//! Micro-benchmarks of the hot paths, over the demo school's pages:
//! plain-language analysis and Markdown rendering, as MB/s of Markdown, and
//! template rendering: every page through the theme into every site that
//! shows it (written to a folder in memory where there is one).
//!
//! cargo bench --bench pipeline

use std::path::Path;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

use helder::benchmarks;

fn benches(c: &mut Criterion) {
    let options = helder::BuildOptions {
        root: Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf(),
        ..helder::BuildOptions::default()
    };
    let loaded = helder::load(&options).expect("the demo loads");

    let mut group = c.benchmark_group("demo");
    group.throughput(Throughput::Bytes(benchmarks::markdown_bytes(&loaded) as u64));
    let analysis_input = benchmarks::analysis_input(&loaded);
    group.bench_function("plain-language analysis", |b| {
        b.iter(|| benchmarks::analyse_pages(&loaded, &analysis_input))
    });
    group.bench_function("markdown rendering", |b| {
        b.iter(|| benchmarks::render_pages(&loaded))
    });
    group.finish();

    let base = if Path::new("/dev/shm").is_dir() {
        tempfile::tempdir_in("/dev/shm")
    } else {
        tempfile::tempdir()
    }
    .expect("a temporary folder");
    let mut group = c.benchmark_group("demo");
    group.throughput(Throughput::Elements(
        benchmarks::pages_in_sites(&loaded) as u64
    ));
    group.bench_function(
        "template rendering: each page and the lists that show it, in every site",
        |b| b.iter(|| benchmarks::write_each_page(&loaded, base.path())),
    );
    group.finish();
}

criterion_group!(pipeline, benches);
criterion_main!(pipeline);
