//! Writes a build into a temporary folder beside the output folder and moves it
//! into place only when everything succeeded, so a failed build leaves the
//! previous output untouched. Nothing outside the output folder is deleted.

use std::path::{Path, PathBuf};

use crate::error::{Diagnostic, Errors};

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
    let refuse = |what: &str| {
        Err(Diagnostic::usage(format!(
            "refusing to write the site to {}: it {what}, and helder replaces its output folder on every build",
            out.display()
        ))
        .help("choose a separate folder, e.g. --out public"))
    };
    for p in &protected {
        if &out == p || p.starts_with(&out) {
            return refuse("is or contains your site's own files");
        }
    }
    if out.starts_with(root.join("content")) {
        return refuse("is inside content/");
    }
    if out.is_file() {
        return Err(Diagnostic::usage(format!(
            "the output path {} is a file, not a folder",
            out.display()
        ))
        .help("remove the file or choose another --out folder"));
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
            Errors::from(Diagnostic::io(
                &parent,
                "create the output's parent folder",
                &e,
            ))
        })?;
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let dir =
            tempfile::Builder::new()
                .prefix(&format!(".{name}.helder-build-"))
                .tempdir_in(&parent)
                .map_err(|e| {
                    Errors::from(Diagnostic::io(&parent, "create a build folder", &e).help(
                        "check that you may write to this folder and that the disk is not full",
                    ))
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
        let fail = |e: std::io::Error, what: &str| {
            Errors::from(
                Diagnostic::io(&self.target, what, &e)
                    .help("the previous output is left as it was"),
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
                return Err(fail(e, "move the old output aside"));
            }
            if let Err(e) = std::fs::rename(&dir, &self.target) {
                let _ = std::fs::rename(&old, &self.target);
                let _ = std::fs::remove_dir_all(&dir);
                return Err(fail(e, "move the new output into place"));
            }
            let _ = std::fs::remove_dir_all(&old);
        } else if let Err(e) = std::fs::rename(&dir, &self.target) {
            let _ = std::fs::remove_dir_all(&dir);
            return Err(fail(e, "move the new output into place"));
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
    write_parts(base, rel, &[bytes])
}

/// Writes `parts` one after another into one file, so a big file made of a
/// prefix, a body and a suffix is not copied into one buffer first.
pub fn write_parts(base: &Path, rel: &str, parts: &[&[u8]]) -> Result<(), Diagnostic> {
    let path = base.join(rel);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)
            .map_err(|e| write_error(rel, "create the output folder", &e))?;
    }
    write_new_or_replace(&path, parts).map_err(|e| write_error(rel, "write the output file", &e))
}

/// A file that does not exist yet is written directly: a build writes into
/// a fresh folder of its own that nobody reads. A file that exists is
/// replaced by a temporary file beside it renamed over it, so whoever reads
/// it meanwhile (the preview's server, during `serve`'s incremental update)
/// gets the old file or the new one, never half of one.
fn write_new_or_replace(path: &Path, parts: &[&[u8]]) -> std::io::Result<()> {
    use std::io::Write as _;
    let write_all = |file: &std::fs::File| -> std::io::Result<()> {
        let mut out = std::io::BufWriter::new(file);
        for part in parts {
            out.write_all(part)?;
        }
        out.flush()
    };
    match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
    {
        Ok(file) => write_all(&file),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            let old = std::fs::metadata(path)?;
            let dir = path.parent().unwrap_or(Path::new("."));
            let temp = tempfile::Builder::new()
                .prefix(".helder-")
                .suffix(".tmp")
                .tempfile_in(dir)?;
            write_all(temp.as_file())?;
            // The temporary file is private (0600); keep the old file's mode.
            temp.as_file().set_permissions(old.permissions())?;
            temp.persist(path).map_err(|e| e.error)?;
            Ok(())
        }
        Err(e) => Err(e),
    }
}

/// The message of a write that failed because the disk is full; a build
/// reports it once, not once per file (see [`collapse_disk_full`]).
pub const DISK_FULL: &str = "could not write the site: the disk is full";

fn write_error(rel: &str, action: &str, e: &std::io::Error) -> Diagnostic {
    if e.kind() == std::io::ErrorKind::StorageFull {
        return Diagnostic::usage(DISK_FULL)
            .in_file(rel)
            .help("make room on the disk, or build somewhere else with --out; the previous site was left as it was");
    }
    Diagnostic::io(Path::new(rel), action, e).help("check the free disk space and your permissions")
}

/// When the disk is full every later file fails too: keep the first such
/// error and say how many more files were not written.
pub fn collapse_disk_full(errors: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let full = errors.iter().filter(|d| d.message == DISK_FULL).count();
    if full <= 1 {
        return errors;
    }
    let mut seen = false;
    errors
        .into_iter()
        .filter_map(|d| {
            if d.message != DISK_FULL {
                return Some(d);
            }
            if seen {
                return None;
            }
            seen = true;
            Some(d.help(format!(
                "{} more files could not be written either; make room on the disk, or build somewhere else with --out; the previous site was left as it was",
                full - 1
            )))
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

    #[test]
    fn an_existing_file_is_replaced_whole() {
        let dir = tempfile::tempdir().unwrap();
        write_file(dir.path(), "a/pagina.html", b"oud").unwrap();
        // A reader that opened the old file keeps reading the old file.
        let mut reader = std::fs::File::open(dir.path().join("a/pagina.html")).unwrap();
        write_parts(dir.path(), "a/pagina.html", &[b"nieuw", b" en heel"]).unwrap();
        let mut old = String::new();
        std::io::Read::read_to_string(&mut reader, &mut old).unwrap();
        assert_eq!(old, "oud", "the old file was not rewritten in place");
        assert_eq!(
            std::fs::read_to_string(dir.path().join("a/pagina.html")).unwrap(),
            "nieuw en heel"
        );
        let names: Vec<_> = std::fs::read_dir(dir.path().join("a"))
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["pagina.html"], "no temporary file left");
    }
}
