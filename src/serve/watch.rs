//! Watches `book.toml`, `content/`, `themes/` and `static/` (notify) and
//! calls back once per burst of changes: editors save by writing a temporary
//! file and renaming it, which is several events for one save.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use notify::{EventKind, RecursiveMode, Watcher};

use crate::error::{Diagnostic, Errors};
use crate::msg;

/// Quiet time after the last event before rebuilding.
const DEBOUNCE: Duration = Duration::from_millis(25);

pub fn start(
    root: &Path,
    out: &Path,
    on_change: impl Fn(Vec<PathBuf>) + Send + 'static,
) -> Result<notify::RecommendedWatcher, Errors> {
    let (tx, rx) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(move |event| {
        let _ = tx.send(event);
    })
    .map_err(|e| Errors::from(Diagnostic::usage(msg!("voorbeeld.volgen-fout", fout = e))))?;
    let watch = |watcher: &mut notify::RecommendedWatcher, path: &Path, mode| {
        watcher.watch(path, mode).map_err(|e| {
            Errors::from(Diagnostic::usage(msg!(
                "voorbeeld.volgen-map-fout",
                map = path.display(),
                fout = e
            )))
        })
    };
    watch(&mut watcher, root, RecursiveMode::NonRecursive)?;
    for dir in ["content", "themes", "static"] {
        let path = root.join(dir);
        if path.is_dir() {
            watch(&mut watcher, &path, RecursiveMode::Recursive)?;
        }
    }
    let root = root.to_path_buf();
    let out = out.to_path_buf();
    std::thread::spawn(move || {
        while let Ok(first) = rx.recv() {
            let mut changed = Vec::new();
            collect(&first, &root, &out, &mut changed);
            // Gather the rest of the burst.
            loop {
                match rx.recv_timeout(DEBOUNCE) {
                    Ok(event) => collect(&event, &root, &out, &mut changed),
                    Err(mpsc::RecvTimeoutError::Timeout) => break,
                    Err(mpsc::RecvTimeoutError::Disconnected) => return,
                }
            }
            if !changed.is_empty() {
                changed.sort();
                changed.dedup();
                on_change(changed);
            }
        }
    });
    Ok(watcher)
}

/// Adds the site files an event changed: not the preview output, the image
/// cache, or other files in the site folder (a README, target/). An event
/// the watcher could not read counts as a change to the site folder itself,
/// which means "build everything".
fn collect(
    event: &notify::Result<notify::Event>,
    root: &Path,
    out: &Path,
    changed: &mut Vec<PathBuf>,
) {
    let Ok(event) = event else {
        changed.push(root.to_path_buf());
        return;
    };
    if matches!(event.kind, EventKind::Access(_)) {
        return;
    }
    changed.extend(
        event
            .paths
            .iter()
            .filter(|p| is_source(p, root, out))
            .cloned(),
    );
}

fn is_source(path: &Path, root: &Path, out: &Path) -> bool {
    if path.starts_with(out) {
        return false;
    }
    // Editors' temporary files (.swp, ~, .#...) are not pages.
    if path
        .file_name()
        .is_some_and(|n| crate::content::is_ignored(&n.to_string_lossy()))
    {
        return false;
    }
    let Ok(rel) = path.strip_prefix(root) else {
        return false;
    };
    let first: PathBuf = rel.components().take(1).collect();
    matches!(
        first.to_str(),
        Some("book.toml" | "content" | "themes" | "static")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_site_sources_matter() {
        let root = Path::new("/site");
        let out = Path::new("/tmp/preview");
        assert!(is_source(Path::new("/site/content/a.md"), root, out));
        assert!(is_source(Path::new("/site/book.toml"), root, out));
        assert!(is_source(
            Path::new("/site/themes/helder/templates/page.html"),
            root,
            out
        ));
        assert!(!is_source(Path::new("/site/README.md"), root, out));
        assert!(!is_source(
            Path::new("/site/.helder-cache/images/x.png"),
            root,
            out
        ));
        assert!(!is_source(Path::new("/tmp/preview/index.html"), root, out));
        assert!(!is_source(Path::new("/site/content/.a.md.swp"), root, out));
        assert!(!is_source(Path::new("/site/content/a.md~"), root, out));
    }
}
