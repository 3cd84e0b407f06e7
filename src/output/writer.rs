//! Writes a build into a temporary folder beside the output folder and moves it
//! into place only when everything succeeded, so a failed build leaves the
//! previous output untouched. Nothing outside the output folder is deleted.

use std::path::{Path, PathBuf};

use crate::error::{Diagnostic, Errors};
use crate::msg;

/// Refuses output folders whose replacement would destroy the site itself:
/// the site root, content/, themes/, static/, anything inside content/, or a
/// folder that contains any of them.
pub fn check_output_dir(root: &Path, out: &Path) -> Result<(), Diagnostic> {
    let root = absolute(root);
    let out = absolute(out);
    let protected = [
        root.clone(),
        root.join("content"),
        root.join("themes"),
        root.join("static"),
        root.join("book.toml"),
    ];
    let refuse = |why: String| {
        Err(
            Diagnostic::usage(msg!("schrijven.weiger", map = out.display(), reden = why))
                .help(msg!("schrijven.weiger-hulp")),
        )
    };
    for p in &protected {
        if &out == p || p.starts_with(&out) {
            return refuse(msg!("schrijven.weiger-eigen-bestanden"));
        }
    }
    if out.starts_with(root.join("content")) {
        return refuse(msg!("schrijven.weiger-in-content"));
    }
    if out.is_file() {
        return Err(
            Diagnostic::usage(msg!("schrijven.is-bestand", pad = out.display()))
                .help(msg!("schrijven.is-bestand-hulp")),
        );
    }
    Ok(())
}

/// A path made absolute and cleaned of `.`/`..` without touching the disk
/// (the output folder may not exist yet); symlinks in existing parents are
/// resolved so two spellings of one folder compare equal.
pub fn absolute(path: &Path) -> PathBuf {
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(path)
    };
    let mut clean = PathBuf::new();
    for c in joined.components() {
        match c {
            std::path::Component::ParentDir => {
                clean.pop();
            }
            std::path::Component::CurDir => {}
            c => clean.push(c),
        }
    }
    // Resolve the longest existing prefix.
    let mut existing = clean.clone();
    let mut rest = Vec::new();
    while !existing.exists() {
        match existing.file_name() {
            Some(name) => {
                rest.push(name.to_os_string());
                existing.pop();
            }
            None => break,
        }
    }
    let mut resolved = existing.canonicalize().unwrap_or(existing);
    for name in rest.into_iter().rev() {
        resolved.push(name);
    }
    resolved
}

/// A build folder that becomes the output folder on [`Staging::commit`], or
/// disappears when dropped.
pub struct Staging {
    dir: Option<tempfile::TempDir>,
    target: PathBuf,
}

impl Staging {
    pub fn new(target: &Path) -> Result<Staging, Errors> {
        let target = absolute(target);
        let parent = target.parent().unwrap_or(Path::new("/")).to_path_buf();
        std::fs::create_dir_all(&parent).map_err(|e| {
            Errors::from(Diagnostic::io(&parent, &msg!("schrijven.io-bovenmap"), &e))
        })?;
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let dir = tempfile::Builder::new()
            .prefix(&format!(".{name}.helder-build-"))
            .tempdir_in(&parent)
            .map_err(|e| {
                Errors::from(
                    Diagnostic::io(&parent, &msg!("schrijven.io-bouwmap"), &e)
                        .help(msg!("schrijven.io-bouwmap-hulp")),
                )
            })?;
        make_world_readable(dir.path());
        Ok(Staging {
            dir: Some(dir),
            target,
        })
    }

    pub fn path(&self) -> &Path {
        self.dir.as_ref().map(|d| d.path()).unwrap_or(&self.target)
    }

    /// Swaps the finished build in for the old output.
    pub fn commit(mut self) -> Result<PathBuf, Errors> {
        let dir = self.dir.take().expect("staging committed twice").keep();
        let fail = |e: std::io::Error, what: String| {
            Errors::from(
                Diagnostic::io(&self.target, &what, &e).help(msg!("schrijven.oude-site-blijft")),
            )
        };
        if self.target.exists() {
            let old = dir.with_file_name(format!(
                ".{}.helder-old-{}",
                self.target
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default(),
                std::process::id()
            ));
            if let Err(e) = std::fs::rename(&self.target, &old) {
                let _ = std::fs::remove_dir_all(&dir);
                return Err(fail(e, msg!("schrijven.io-oude-opzij")));
            }
            if let Err(e) = std::fs::rename(&dir, &self.target) {
                let _ = std::fs::rename(&old, &self.target);
                let _ = std::fs::remove_dir_all(&dir);
                return Err(fail(e, msg!("schrijven.io-nieuwe-erin")));
            }
            let _ = std::fs::remove_dir_all(&old);
        } else if let Err(e) = std::fs::rename(&dir, &self.target) {
            let _ = std::fs::remove_dir_all(&dir);
            return Err(fail(e, msg!("schrijven.io-nieuwe-erin")));
        }
        Ok(self.target.clone())
    }
}

#[cfg(unix)]
fn make_world_readable(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    // tempfile creates the folder private (0700); a web server must read it.
    let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755));
}

#[cfg(not(unix))]
fn make_world_readable(_path: &Path) {}

/// Writes `bytes` to `rel` under `base`, creating folders as needed.
pub fn write_file(base: &Path, rel: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
    let path = base.join(rel);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)
            .map_err(|e| write_error(rel, &msg!("schrijven.io-map-maken"), &e))?;
    }
    std::fs::write(&path, bytes).map_err(|e| write_error(rel, &msg!("schrijven.io-bestand"), &e))
}

/// Writes `parts` one after another into one file, so a big file made of a
/// prefix, a body and a suffix is not copied into one buffer first.
pub fn write_parts(base: &Path, rel: &str, parts: &[&[u8]]) -> Result<(), Diagnostic> {
    use std::io::Write as _;
    let path = base.join(rel);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)
            .map_err(|e| write_error(rel, &msg!("schrijven.io-map-maken"), &e))?;
    }
    let mut file = std::io::BufWriter::new(
        std::fs::File::create(&path)
            .map_err(|e| write_error(rel, &msg!("schrijven.io-bestand"), &e))?,
    );
    for part in parts {
        file.write_all(part)
            .map_err(|e| write_error(rel, &msg!("schrijven.io-bestand"), &e))?;
    }
    file.into_inner()
        .map_err(|e| write_error(rel, &msg!("schrijven.io-bestand"), e.error()))?;
    Ok(())
}

/// The message of a write that failed because the disk is full; a build
/// reports it once, not once per file (see [`collapse_disk_full`]).
fn disk_full() -> String {
    msg!("schrijven.schijf-vol")
}

fn write_error(rel: &str, action: &str, e: &std::io::Error) -> Diagnostic {
    if e.kind() == std::io::ErrorKind::StorageFull {
        return Diagnostic::usage(disk_full())
            .in_file(rel)
            .help(msg!("schrijven.schijf-vol-hulp"));
    }
    Diagnostic::io(Path::new(rel), action, e)
}

/// When the disk is full every later file fails too: keep the first such
/// error and say how many more files were not written.
pub fn collapse_disk_full(errors: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let full_message = disk_full();
    let full = errors.iter().filter(|d| d.message == full_message).count();
    if full <= 1 {
        return errors;
    }
    let mut seen = false;
    errors
        .into_iter()
        .filter_map(|d| {
            if d.message != full_message {
                return Some(d);
            }
            if seen {
                return None;
            }
            seen = true;
            Some(d.help(msg!("schrijven.schijf-vol-meer", aantal = full - 1)))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_dangerous_output_folders() {
        let site = tempfile::tempdir().unwrap();
        let root = site.path();
        std::fs::create_dir_all(root.join("content")).unwrap();
        assert!(check_output_dir(root, root).is_err());
        assert!(check_output_dir(root, &root.join("content")).is_err());
        assert!(check_output_dir(root, &root.join("content/x")).is_err());
        assert!(check_output_dir(root, root.parent().unwrap()).is_err());
        assert!(check_output_dir(root, &root.join("public/../content")).is_err());
        assert!(check_output_dir(root, &root.join("public")).is_ok());
        assert!(check_output_dir(root, &root.join("../elders")).is_ok());
    }

    #[test]
    fn staging_replaces_only_on_commit() {
        let site = tempfile::tempdir().unwrap();
        let out = site.path().join("public");
        std::fs::create_dir_all(&out).unwrap();
        std::fs::write(out.join("oud.html"), "oud").unwrap();
        {
            let staging = Staging::new(&out).unwrap();
            write_file(staging.path(), "nieuw.html", b"nieuw").unwrap();
            // dropped without commit
        }
        assert!(out.join("oud.html").exists());
        assert_eq!(
            std::fs::read_dir(site.path()).unwrap().count(),
            1,
            "no leftovers"
        );
        let staging = Staging::new(&out).unwrap();
        write_file(staging.path(), "a/nieuw.html", b"nieuw").unwrap();
        staging.commit().unwrap();
        assert!(!out.join("oud.html").exists());
        assert!(out.join("a/nieuw.html").exists());
        assert_eq!(
            std::fs::read_dir(site.path()).unwrap().count(),
            1,
            "no leftovers"
        );
    }
}
