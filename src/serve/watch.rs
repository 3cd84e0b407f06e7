//! Watches `book.toml`, `content/`, `themes/` and `static/` (notify) and
//! calls back once per burst of changes: editors save by writing a temporary
//! file and renaming it, which is several events for one save.
//!
//! Some editors save in place instead: they empty the file and write it
//! again, in pieces, sometimes with pauses. A build that reads it halfway
//! fails ("the page has no front matter") although the save will be fine a
//! moment later. So the errors of a failed build are shown only when the
//! changed files had been quiet for SETTLE when it started; otherwise the
//! watcher waits until they are and builds again. A good build is shown at
//! once; errors show SETTLE later.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, SystemTime};

use notify::{EventKind, RecursiveMode, Watcher};

use crate::error::{Diagnostic, Errors};
use crate::msg;

/// Quiet time after the last event before rebuilding.
const DEBOUNCE: Duration = Duration::from_millis(25);
/// How long the changed files must have been quiet before a build's errors
/// are believed (longer than an editor's pauses in an in-place save).
const SETTLE: Duration = Duration::from_millis(300);
/// Builds again at most this often for one burst of saves; the last try
/// shows its errors whatever happens.
const MAX_TRIES: usize = 20;

/// Calls `on_change(changed, last_try)` after every burst of changes until
/// it returns true; false means "a changed file was still being written,
/// call again when it is quiet". `out` is the preview folder, never watched.
pub(super) fn start(
    root: &Path,
    out: &Path,
    on_change: impl Fn(&[PathBuf], bool) -> bool + Send + 'static,
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
            if !gather(&rx, &root, &out, &mut changed) {
                return;
            }
            if changed.is_empty() {
                continue;
            }
            for tries in 1.. {
                changed.sort();
                changed.dedup();
                if on_change(&changed, tries >= MAX_TRIES) {
                    break;
                }
                // Wait for the writer to finish: its next events, or quiet.
                // (Then the next try is at least SETTLE after the last write.)
                match rx.recv_timeout(SETTLE) {
                    Ok(event) => {
                        collect(&event, &root, &out, &mut changed);
                        if !gather(&rx, &root, &out, &mut changed) {
                            return;
                        }
                    }
                    Err(mpsc::RecvTimeoutError::Timeout) => {}
                    Err(mpsc::RecvTimeoutError::Disconnected) => return,
                }
            }
        }
    });
    Ok(watcher)
}

/// Gathers the rest of a burst: events until DEBOUNCE passes without one.
/// False when the watcher is gone.
fn gather(
    rx: &mpsc::Receiver<notify::Result<notify::Event>>,
    root: &Path,
    out: &Path,
    changed: &mut Vec<PathBuf>,
) -> bool {
    loop {
        match rx.recv_timeout(DEBOUNCE) {
            Ok(event) => collect(&event, root, out, changed),
            Err(mpsc::RecvTimeoutError::Timeout) => return true,
            Err(mpsc::RecvTimeoutError::Disconnected) => return false,
        }
    }
}

/// Whether any of the `changed` files was modified less than SETTLE before
/// `started` (a build's start), or after it: then the build may have read it
/// half-written.
pub(super) fn still_being_written(changed: &[PathBuf], started: SystemTime) -> bool {
    let since = started.checked_sub(SETTLE).unwrap_or(started);
    changed.iter().any(|path| {
        std::fs::metadata(path)
            .is_ok_and(|m| m.is_file() && m.modified().is_ok_and(|modified| modified > since))
    })
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
