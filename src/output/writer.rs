//! Writes a build into a temporary folder beside the output folder and moves it
//! into place only when everything succeeded, so a failed build leaves the
//! previous output untouched. Nothing outside the output folder is deleted.

use std::path::{Path, PathBuf};

use crate::error::{Diagnostic, Errors};
use crate::msg;

/// Refuses output folders whose replacement would destroy the site itself:
/// the site root, content/, themes/, static/, anything inside content/, or a
/// folder that contains any of them.
pub(crate) fn check_output_dir(root: &Path, out: &Path) -> Result<(), Diagnostic> {
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
pub(crate) fn absolute(path: &Path) -> PathBuf {
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

/// The file helder leaves in every output folder it writes, so it knows the
/// folder is its own to replace (spec §10).
pub(crate) const OUTPUT_MARK: &str = ".helder";
const OUTPUT_MARK_TEXT: &str =
    "Deze map is gemaakt door helder. Bij elke build vervangt helder de hele map.\n";

/// Refuses to replace a folder with someone else's files in it: a folder
/// that exists, is not empty and has no [`OUTPUT_MARK`], unless `force`.
/// Folders written by helder before the mark existed are recognised by the
/// built-in theme's style sheet.
pub(crate) fn check_output_is_ours(out: &Path, force: bool) -> Result<(), Diagnostic> {
    let Ok(mut entries) = std::fs::read_dir(out) else {
        return Ok(());
    };
    if force
        || entries.next().is_none()
        || out.join(OUTPUT_MARK).is_file()
        || out.join(crate::site::layout::STYLESHEET).is_file()
    {
        return Ok(());
    }
    Err(
        Diagnostic::usage(msg!("schrijven.vreemde-map", map = out.display()))
            .help(msg!("schrijven.vreemde-map-hulp")),
    )
}

/// A build folder that becomes the output folder on [`Staging::commit`], or
/// disappears when dropped.
pub(crate) struct Staging {
    dir: Option<tempfile::TempDir>,
    target: PathBuf,
    /// Removes what earlier builds left beside the output (their old
    /// output above all) while this build reads and renders.
    cleanup: Option<std::thread::JoinHandle<()>>,
}

/// Names of helder's own folders beside the output: `.NAME.helder-build-PID-…`
/// while a build writes, `.NAME.helder-old-PID` while the old output is removed.
fn leftover_prefixes(target: &Path) -> [String; 2] {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    [
        format!(".{name}.helder-build-"),
        format!(".{name}.helder-old-"),
    ]
}

/// Removes what earlier builds of this output left beside it: every old
/// output (a build leaves the output it replaced for the next build to
/// remove, see [`Staging::commit`]) and the build folders of builds that
/// were killed. A build that is still running keeps its build folder.
fn remove_leftovers(parent: &Path, target: &Path) {
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    let prefixes = leftover_prefixes(target);
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(rest) = prefixes.iter().find_map(|p| name.strip_prefix(p.as_str())) else {
            continue;
        };
        let pid = rest.split('-').next().and_then(|p| p.parse::<u32>().ok());
        let running = pid.is_some_and(|pid| pid == std::process::id() || process_is_running(pid));
        let old_output = name.starts_with(prefixes[1].as_str());
        if (old_output || !running) && entry.file_type().is_ok_and(|t| t.is_dir()) {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

#[cfg(target_os = "linux")]
fn process_is_running(pid: u32) -> bool {
    Path::new("/proc").join(pid.to_string()).exists()
}

/// Without /proc there is no cheap way to ask; a folder is taken as left
/// behind only by a build of this process id, which can not be running.
#[cfg(not(target_os = "linux"))]
fn process_is_running(_pid: u32) -> bool {
    true
}

impl Staging {
    pub(crate) fn new(target: &Path) -> Result<Staging, Errors> {
        let target = absolute(target);
        let parent = target.parent().unwrap_or(Path::new("/")).to_path_buf();
        std::fs::create_dir_all(&parent).map_err(|e| {
            Errors::from(Diagnostic::io(&parent, &msg!("schrijven.io-bovenmap"), &e))
        })?;
        let cleanup = {
            let (parent, target) = (parent.clone(), target.clone());
            std::thread::spawn(move || remove_leftovers(&parent, &target))
        };
        let [build_prefix, _] = leftover_prefixes(&target);
        let dir = tempfile::Builder::new()
            .prefix(&format!("{build_prefix}{}-", std::process::id()))
            .tempdir_in(&parent)
            .map_err(|e| {
                Errors::from(
                    Diagnostic::io(&parent, &msg!("schrijven.io-bouwmap"), &e)
                        .help(msg!("schrijven.io-bouwmap-hulp")),
                )
            })?;
        make_world_readable(dir.path());
        std::fs::write(dir.path().join(OUTPUT_MARK), OUTPUT_MARK_TEXT).map_err(|e| {
            Errors::from(write_error(OUTPUT_MARK, &msg!("schrijven.io-bestand"), &e))
        })?;
        Ok(Staging {
            dir: Some(dir),
            target,
            cleanup: Some(cleanup),
        })
    }

    pub(crate) fn path(&self) -> &Path {
        self.dir.as_ref().map(|d| d.path()).unwrap_or(&self.target)
    }

    /// Swaps the finished build in for the old output. Where the kernel can
    /// exchange two folders in one step (Linux renameat2), there is no
    /// moment without an output folder; elsewhere the old one is moved aside
    /// first. The old output is not removed here but renamed, and removed by
    /// the next build while that one renders: removing 50,000 files took
    /// seconds of this build's wall time on a real disk.
    pub(crate) fn commit(mut self) -> Result<PathBuf, Errors> {
        let dir = self.dir.take().expect("staging committed twice").keep();
        // Whatever earlier builds left is gone before this one says it is done.
        if let Some(cleanup) = self.cleanup.take() {
            let _ = cleanup.join();
        }
        let fail = |e: std::io::Error, what: String| {
            Errors::from(
                Diagnostic::io(&self.target, &what, &e).help(msg!("schrijven.oude-site-blijft")),
            )
        };
        if !self.target.exists() {
            if let Err(e) = std::fs::rename(&dir, &self.target) {
                let _ = std::fs::remove_dir_all(&dir);
                return Err(fail(e, msg!("schrijven.io-nieuwe-erin")));
            }
            return Ok(self.target.clone());
        }
        let old = self.old_output_name(&dir);
        // After the exchange `dir` holds the old output.
        if exchange(&dir, &self.target).is_ok() {
            if std::fs::rename(&dir, &old).is_err() {
                let _ = std::fs::remove_dir_all(&dir);
            }
            return Ok(self.target.clone());
        }
        if let Err(e) = std::fs::rename(&self.target, &old) {
            let _ = std::fs::remove_dir_all(&dir);
            return Err(fail(e, msg!("schrijven.io-oude-opzij")));
        }
        if let Err(e) = std::fs::rename(&dir, &self.target) {
            let _ = std::fs::rename(&old, &self.target);
            let _ = std::fs::remove_dir_all(&dir);
            return Err(fail(e, msg!("schrijven.io-nieuwe-erin")));
        }
        Ok(self.target.clone())
    }

    /// `.NAME.helder-old-PID-N` beside the output, N unique in this process
    /// (the preview replaces its output many times).
    fn old_output_name(&self, dir: &Path) -> PathBuf {
        use std::sync::atomic::{AtomicU64, Ordering};
        static REPLACED: AtomicU64 = AtomicU64::new(0);
        let [_, old_prefix] = leftover_prefixes(&self.target);
        let n = REPLACED.fetch_add(1, Ordering::Relaxed);
        dir.with_file_name(format!("{old_prefix}{}-{n}", std::process::id()))
    }
}

/// Swaps two folders atomically (Linux 3.15 and later, on file systems that
/// support it).
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use rustix::fs::{renameat_with, RenameFlags, CWD};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(std::io::Error::from)
}

#[cfg(not(target_os = "linux"))]
fn exchange(_a: &Path, _b: &Path) -> std::io::Result<()> {
    Err(std::io::ErrorKind::Unsupported.into())
}

#[cfg(unix)]
fn make_world_readable(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    // tempfile creates the folder private (0700); a web server must read it.
    let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755));
}

#[cfg(not(unix))]
fn make_world_readable(_path: &Path) {}

/// Creates every folder the files at `paths` (relative to `base`) need, each
/// once, parents first; the folders of one depth in parallel. A build knows
/// all its files before it writes, so the writes need no folder checks:
/// this saves a `stat` and a `mkdir` per file, most of a build's kernel time
/// on a real disk.
pub(crate) fn create_folders<'a>(
    base: &Path,
    paths: impl Iterator<Item = &'a str>,
) -> Result<(), Diagnostic> {
    use rayon::prelude::*;
    let mut folders = std::collections::BTreeSet::new();
    for path in paths {
        let mut at = path;
        while let Some((parent, _)) = at.rsplit_once('/') {
            if !folders.insert(parent) {
                break;
            }
            at = parent;
        }
    }
    let mut by_depth: Vec<Vec<&str>> = Vec::new();
    for folder in folders {
        let depth = folder.matches('/').count();
        if by_depth.len() <= depth {
            by_depth.resize_with(depth + 1, Vec::new);
        }
        by_depth[depth].push(folder);
    }
    for level in by_depth {
        level
            .par_iter()
            .try_for_each(|folder| match std::fs::create_dir(base.join(folder)) {
                Err(e) if e.kind() != std::io::ErrorKind::AlreadyExists => {
                    Err(write_error(folder, &msg!("schrijven.io-map-maken"), &e))
                }
                _ => Ok(()),
            })?;
    }
    Ok(())
}

/// Writes `bytes` to `rel` under `base`, creating folders as needed.
pub(crate) fn write_file(base: &Path, rel: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
    write_parts(base, rel, &[bytes])
}

/// Writes `parts` one after another into one file, so a big file made of a
/// prefix, a body and a suffix is not copied into one buffer first. Its
/// folder is made only when it is missing (normally [`create_folders`] made
/// it already).
pub(crate) fn write_parts(base: &Path, rel: &str, parts: &[&[u8]]) -> Result<(), Diagnostic> {
    write_streamed(base, rel, &|out| {
        for part in parts {
            out.write_all(part)?;
        }
        Ok(())
    })
}

/// Writes what `fill` writes into one file, through a buffer: a big file
/// made piece by piece (the feed of a site with thousands of news pages) is
/// never held whole in memory. `fill` may run twice, when the file's folder
/// had to be made first.
pub(crate) fn write_streamed(
    base: &Path,
    rel: &str,
    fill: &dyn Fn(&mut dyn std::io::Write) -> std::io::Result<()>,
) -> Result<(), Diagnostic> {
    let path = base.join(rel);
    let written = match write_new_or_replace(&path, fill) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent)
                    .map_err(|e| write_error(rel, &msg!("schrijven.io-map-maken"), &e))?;
            }
            write_new_or_replace(&path, fill)
        }
        result => result,
    };
    written.map_err(|e| write_error(rel, &msg!("schrijven.io-bestand"), &e))
}

/// A file that does not exist yet is written directly: a build writes into
/// a fresh folder of its own that nobody reads. A file that exists is
/// replaced by a temporary file beside it renamed over it, so whoever reads
/// it meanwhile (the preview's server, during `serve`'s incremental update)
/// gets the old file or the new one, never half of one.
fn write_new_or_replace(
    path: &Path,
    fill: &dyn Fn(&mut dyn std::io::Write) -> std::io::Result<()>,
) -> std::io::Result<()> {
    use std::io::Write as _;
    let write_all = |file: &std::fs::File| -> std::io::Result<()> {
        let mut out = std::io::BufWriter::new(file);
        fill(&mut out)?;
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
pub(crate) fn collapse_disk_full(errors: Vec<Diagnostic>) -> Vec<Diagnostic> {
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
        assert!(out.join(OUTPUT_MARK).exists());
        // The replaced output waits beside it for the next build.
        let beside = |dir: &Path| -> Vec<PathBuf> {
            std::fs::read_dir(dir)
                .unwrap()
                .map(|e| e.unwrap().path())
                .filter(|p| p != &out)
                .collect()
        };
        let old = beside(site.path());
        assert_eq!(old.len(), 1, "{old:?}");
        assert!(old[0].join("oud.html").exists());
        let staging = Staging::new(&out).unwrap();
        staging.commit().unwrap();
        let newer = beside(site.path());
        assert_eq!(newer.len(), 1, "only the output just replaced: {newer:?}");
        assert_ne!(old, newer);
    }

    #[test]
    fn leftovers_of_a_killed_build_are_removed_and_a_running_build_keeps_its_folder() {
        let site = tempfile::tempdir().unwrap();
        let out = site.path().join("public");
        // A process id that is not running: above the kernel's maximum.
        let dead = site.path().join(".public.helder-build-99999999-abc");
        let old = site.path().join(".public.helder-old-99999999");
        let running = site.path().join(".public.helder-build-1-xyz");
        let other = site.path().join(".anders.helder-build-99999999-abc");
        for d in [&dead, &old, &running, &other] {
            std::fs::create_dir_all(d.join("sub")).unwrap();
        }
        let staging = Staging::new(&out).unwrap();
        staging.commit().unwrap();
        assert!(!dead.exists() && !old.exists());
        assert!(running.exists(), "process 1 (init) is running");
        assert!(other.exists(), "another output's folders are not ours");
    }

    /// A reader polling the output never finds it missing while builds
    /// replace it (the exchange leaves no moment without a folder).
    #[cfg(target_os = "linux")]
    #[test]
    fn the_output_folder_is_never_missing_while_it_is_replaced() {
        use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
        let site = tempfile::tempdir().unwrap();
        let out = site.path().join("public");
        std::fs::create_dir_all(&out).unwrap();
        let done = AtomicBool::new(false);
        let missing = AtomicUsize::new(0);
        std::thread::scope(|scope| {
            scope.spawn(|| {
                while !done.load(Ordering::Relaxed) {
                    if !out.exists() {
                        missing.fetch_add(1, Ordering::Relaxed);
                    }
                }
            });
            for n in 0..300 {
                let staging = Staging::new(&out).unwrap();
                write_file(staging.path(), "index.html", format!("{n}").as_bytes()).unwrap();
                staging.commit().unwrap();
            }
            done.store(true, Ordering::Relaxed);
        });
        assert_eq!(missing.load(Ordering::Relaxed), 0);
        assert_eq!(
            std::fs::read_to_string(out.join("index.html")).unwrap(),
            "299"
        );
    }

    #[test]
    fn a_folder_with_someone_elses_files_is_not_replaced_without_force() {
        let site = tempfile::tempdir().unwrap();
        let out = site.path().join("mijn-documenten");
        assert!(check_output_is_ours(&out, false).is_ok(), "missing");
        std::fs::create_dir_all(&out).unwrap();
        assert!(check_output_is_ours(&out, false).is_ok(), "empty");
        std::fs::write(out.join("belangrijk.docx"), "x").unwrap();
        assert!(check_output_is_ours(&out, false).is_err());
        assert!(check_output_is_ours(&out, true).is_ok());
        std::fs::write(out.join(OUTPUT_MARK), "").unwrap();
        assert!(check_output_is_ours(&out, false).is_ok());
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

    #[test]
    fn a_stream_that_fails_leaves_the_old_file_and_reports_the_file() {
        let dir = tempfile::tempdir().unwrap();
        write_file(dir.path(), "feed.xml", b"oud").unwrap();
        let err = write_streamed(dir.path(), "feed.xml", &|out| {
            out.write_all(b"<feed>half")?;
            Err(std::io::Error::from(std::io::ErrorKind::StorageFull))
        })
        .unwrap_err();
        assert_eq!(err.message, disk_full(), "a full disk is said as such");
        assert_eq!(err.file.as_deref(), Some(Path::new("feed.xml")));
        assert_eq!(
            std::fs::read_to_string(dir.path().join("feed.xml")).unwrap(),
            "oud",
            "the old file stays whole"
        );
        // Into a folder that is not there yet: made, and the stream written.
        write_streamed(dir.path(), "nieuw/feed.xml", &|out| {
            out.write_all(b"<feed/>")
        })
        .unwrap();
        assert_eq!(
            std::fs::read_to_string(dir.path().join("nieuw/feed.xml")).unwrap(),
            "<feed/>"
        );
    }
}
