//! Content assets → output files: each asset copied as it is, and the
//! smaller copies of a PNG or JPEG (`foto-480w.png`) made by
//! [`images::variants`], kept in a cache under the site's folder so that a
//! rebuild only resizes pictures that changed.

use std::path::{Path, PathBuf};

use super::{format_messages, writer};
use crate::error::Diagnostic;
use crate::formats::images;
use crate::msg;

/// Copies an asset and writes its smaller copies (`foto-480w.png`...),
/// resizing only when the cache has no copies of this version of the file.
pub(super) fn copy_asset(
    asset: &crate::content::Asset,
    cache: &Path,
    dir: &Path,
    rel: &str,
) -> Result<(), Diagnostic> {
    let bytes = std::fs::read(&asset.source)
        .map_err(|e| Diagnostic::io(&asset.source, &msg!("uitvoer.io-lezen"), &e))?;
    writer::write_file(dir, rel, &bytes)?;
    let Some((width, _)) = asset.size else {
        return Ok(());
    };
    let copies = images::copies(&asset.content_path, width);
    if copies.is_empty() {
        return Ok(());
    }
    let version = version(&asset.source);
    let cached: Option<Vec<Vec<u8>>> = copies
        .iter()
        .map(|(path, _)| cached(cache, path, &version))
        .collect();
    let made = match cached {
        Some(made) => made,
        None => {
            let format = images::format_of(&asset.content_path).unwrap_or(images::Format::Png);
            let variants = images::variants(&bytes, format).map_err(|e| {
                Diagnostic::site(msg!(
                    "uitvoer.kopie-fout",
                    fout = format_messages::image(&e)
                ))
                .in_file(Path::new("content").join(&asset.content_path))
                .help(msg!("uitvoer.kopie-fout-hulp"))
            })?;
            for ((path, _), variant) in copies.iter().zip(&variants) {
                store(cache, path, &version, &variant.bytes);
            }
            variants.into_iter().map(|v| v.bytes).collect()
        }
    };
    for ((path, _), bytes) in copies.iter().zip(&made) {
        writer::write_file(dir, path, bytes)?;
    }
    Ok(())
}

/// Resized copies are kept here, in the site's folder, between builds
/// (like Zola's processed images): resizing is the slowest step of a build.
pub(super) const CACHE_DIR: &str = ".helder-cache/images";

/// What identifies one version of a file: its size and modification time.
fn version(path: &Path) -> String {
    match std::fs::metadata(path) {
        Ok(m) => {
            let modified = m
                .modified()
                .ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map(|d| d.as_nanos())
                .unwrap_or(0);
            format!("{} {modified}", m.len())
        }
        Err(_) => String::new(),
    }
}

/// A cached copy at `cache/copy_path`, if it was made from this `version`.
fn cached(cache: &Path, copy_path: &str, version: &str) -> Option<Vec<u8>> {
    if version.is_empty() {
        return None;
    }
    let file = cache.join(copy_path);
    let stamp = std::fs::read_to_string(stamp_file(&file)).ok()?;
    (stamp == version)
        .then(|| std::fs::read(&file).ok())
        .flatten()
}

/// Keeps a copy for the next build. A cache that can not be written (a
/// read-only folder) only costs time, so errors are ignored.
fn store(cache: &Path, copy_path: &str, version: &str, bytes: &[u8]) {
    let file = cache.join(copy_path);
    if let Some(parent) = file.parent() {
        let _ = std::fs::create_dir_all(parent);
    }
    if std::fs::write(&file, bytes).is_ok() {
        let _ = std::fs::write(stamp_file(&file), version);
    }
}

fn stamp_file(copy: &Path) -> PathBuf {
    let mut name = copy.as_os_str().to_owned();
    name.push(".version");
    name.into()
}
