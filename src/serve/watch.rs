//! Watches `book.toml`, `content/`, `themes/` and `static/` (notify) and
//! calls back once per burst of changes: editors save by writing a temporary
//! file and renaming it, which is several events for one save.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use notify::{EventKind, RecursiveMode, Watcher};

use crate::error::{Diagnostic, Errors};

/// Quiet time after the last event before rebuilding.
const DEBOUNCE: Duration = Duration::from_millis(120);

pub fn start(
    root: &Path,
    out: &Path,
    on_change: impl Fn() + Send + 'static,
) -> Result<notify::RecommendedWatcher, Errors> {
    let (tx, rx) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(move |event| {
        let _ = tx.send(event);
    })
    .map_err(|e| {
        Errors::from(Diagnostic::usage(format!(
            "could not watch the site for changes: {e}"
        )))
    })?;
    let watch = |watcher: &mut notify::RecommendedWatcher, path: &Path, mode| {
        watcher.watch(path, mode).map_err(|e| {
            Errors::from(Diagnostic::usage(format!(
                "could not watch {}: {e}",
                path.display()
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
            let mut relevant = matters(&first, &root, &out);
            // Gather the rest of the burst.
            loop {
                match rx.recv_timeout(DEBOUNCE) {
                    Ok(event) => relevant |= matters(&event, &root, &out),
                    Err(mpsc::RecvTimeoutError::Timeout) => break,
                    Err(mpsc::RecvTimeoutError::Disconnected) => return,
                }
            }
            if relevant {
                on_change();
            }
        }
    });
    Ok(watcher)
}

/// A change to the site's own files, not to the preview output, the image
/// cache, or other files in the site folder (a README, target/).
fn matters(event: &notify::Result<notify::Event>, root: &Path, out: &Path) -> bool {
    let Ok(event) = event else { return true };
    if matches!(event.kind, EventKind::Access(_)) {
        return false;
    }
    event.paths.iter().any(|p| is_source(p, root, out))
}

fn is_source(path: &Path, root: &Path, out: &Path) -> bool {
    if path.starts_with(out) {
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
    }
}
