//! The writer: puts a generated crate on disk safely, or reports how the disk differs.
//!
//! Writing stages every file first in a sibling folder, then moves only the changed files into
//! place and removes stale generated files. A failure before the move leaves the previous output
//! as it was; a failure during the move puts back every file already replaced or removed (each
//! step is a rename, atomic per file, so no file is ever half written). Unchanged files keep
//! their modification times, so nothing rebuilds needlessly. Only files that carry the
//! [`GENERATED_MARKER`] are ever removed.

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::diagnostics::Diagnostics;

/// Every generated file contains this marker in its first line.
pub const GENERATED_MARKER: &str = "@generated";

/// A generated crate in memory.
#[derive(Debug, Clone, Default)]
pub struct CrateFiles {
    /// Relative path (with `/`) → content.
    pub files: BTreeMap<String, String>,
    /// The crates.io dependencies the generated code needs, as `Cargo.toml` lines
    /// (`serde = { version = "1", features = ["derive"] }`).
    pub dependencies: Vec<String>,
    /// Warnings found while generating.
    pub warnings: Diagnostics,
}

/// What a write did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WriteReport {
    /// Files created or replaced.
    pub written: Vec<String>,
    /// Files left alone because they were already up to date.
    pub unchanged: Vec<String>,
    /// Stale generated files removed.
    pub removed: Vec<String>,
}

/// How the disk differs from what would be generated.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Staleness {
    /// Files whose content differs, or that are missing.
    pub changed: Vec<String>,
    /// Generated files on disk that would be removed.
    pub extra: Vec<String>,
}

impl Staleness {
    /// Whether the disk is up to date.
    pub fn is_fresh(&self) -> bool {
        self.changed.is_empty() && self.extra.is_empty()
    }
}

/// Compares `files` with what is in `out_dir`, without writing anything.
pub fn check(files: &CrateFiles, out_dir: &Path) -> io::Result<Staleness> {
    let mut staleness = Staleness::default();
    for (relative, content) in &files.files {
        let on_disk = fs::read(out_dir.join(relative)).ok();
        if on_disk.as_deref() != Some(content.as_bytes()) {
            staleness.changed.push(relative.clone());
        }
    }
    staleness.extra = stale_generated_files(files, out_dir)?;
    Ok(staleness)
}

/// Writes `files` into `out_dir` (created if missing): stage, then move changed files in, then
/// remove stale generated files.
pub fn write(files: &CrateFiles, out_dir: &Path) -> io::Result<WriteReport> {
    fs::create_dir_all(out_dir)?;
    let staging = staging_dir(out_dir)?;
    let result = stage_then_move(files, out_dir, &staging);
    let _ = fs::remove_dir_all(&staging);
    result
}

fn staging_dir(out_dir: &Path) -> io::Result<PathBuf> {
    let parent = out_dir.parent().unwrap_or(Path::new("."));
    let name = out_dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "out".to_string());
    let staging = parent.join(format!(".{name}.shapegen-staging-{}", std::process::id()));
    if staging.exists() {
        fs::remove_dir_all(&staging)?;
    }
    fs::create_dir_all(&staging)?;
    Ok(staging)
}

fn stage_then_move(files: &CrateFiles, out_dir: &Path, staging: &Path) -> io::Result<WriteReport> {
    let mut report = WriteReport::default();
    let mut to_move = Vec::new();
    for (relative, content) in &files.files {
        let target = out_dir.join(relative);
        if target.is_dir() {
            let message = format!(
                "{} is a folder, where a generated file goes",
                target.display()
            );
            return Err(io::Error::new(io::ErrorKind::AlreadyExists, message));
        }
        if fs::read(&target).ok().as_deref() == Some(content.as_bytes()) {
            report.unchanged.push(relative.clone());
            continue;
        }
        let staged = staging.join("new").join(relative);
        if let Some(dir) = staged.parent() {
            fs::create_dir_all(dir)?;
        }
        fs::write(&staged, content)?;
        to_move.push((staged, relative.clone()));
    }
    let stale = stale_generated_files(files, out_dir)?;
    // Everything is staged: from here on only renames happen, each one undone on failure.
    let previous = staging.join("previous");
    let mut moves = Moves::new(out_dir, &previous);
    let result = moves.apply(to_move, &stale);
    if result.is_err() {
        moves.roll_back();
    }
    result?;
    report.written = moves.written;
    report.removed = stale;
    Ok(report)
}

/// The renames of one write, with what each replaced, so that a failure can undo them all.
struct Moves<'a> {
    out_dir: &'a Path,
    previous: &'a Path,
    /// Target, and where its previous content was put (`None`: the file is new).
    done: Vec<(PathBuf, Option<PathBuf>)>,
    written: Vec<String>,
}

impl<'a> Moves<'a> {
    fn new(out_dir: &'a Path, previous: &'a Path) -> Self {
        Moves {
            out_dir,
            previous,
            done: Vec::new(),
            written: Vec::new(),
        }
    }

    /// Moves every staged file into place, then moves stale files out of the way.
    fn apply(&mut self, staged: Vec<(PathBuf, String)>, stale: &[String]) -> io::Result<()> {
        for (from, relative) in staged {
            self.replace(&relative, Some(&from))?;
            self.written.push(relative);
        }
        for relative in stale {
            self.replace(relative, None)?;
        }
        Ok(())
    }

    /// Puts the file at `relative` aside (if there is one), then moves `new` there (if given).
    fn replace(&mut self, relative: &str, new: Option<&Path>) -> io::Result<()> {
        let target = self.out_dir.join(relative);
        if let Some(dir) = target.parent() {
            fs::create_dir_all(dir)?;
        }
        let aside = if target.exists() {
            let aside = self.previous.join(relative);
            if let Some(dir) = aside.parent() {
                fs::create_dir_all(dir)?;
            }
            fs::rename(&target, &aside)?;
            Some(aside)
        } else {
            None
        };
        self.done.push((target.clone(), aside));
        match new {
            Some(new) => fs::rename(new, &target),
            None => Ok(()),
        }
    }

    /// Undoes every rename done so far, newest first.
    fn roll_back(&mut self) {
        for (target, aside) in self.done.drain(..).rev() {
            match aside {
                Some(aside) => {
                    let _ = fs::rename(&aside, &target);
                }
                None => {
                    let _ = fs::remove_file(&target);
                }
            }
        }
        self.written.clear();
    }
}

/// Files under `out_dir` that carry the generated marker but are not part of `files`.
fn stale_generated_files(files: &CrateFiles, out_dir: &Path) -> io::Result<Vec<String>> {
    let mut stale = Vec::new();
    if !out_dir.exists() {
        return Ok(stale);
    }
    let mut found = Vec::new();
    list_files(out_dir, out_dir, &mut found)?;
    for relative in found {
        if files.files.contains_key(&relative) {
            continue;
        }
        if first_line_is_generated(&out_dir.join(&relative)) {
            stale.push(relative);
        }
    }
    stale.sort();
    Ok(stale)
}

fn list_files(root: &Path, dir: &Path, out: &mut Vec<String>) -> io::Result<()> {
    for entry in fs::read_dir(dir)? {
        let path = entry?.path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if name == "target" || name.starts_with('.') {
            continue;
        }
        if path.is_dir() {
            list_files(root, &path, out)?;
        } else if let Ok(relative) = path.strip_prefix(root) {
            let parts: Vec<String> = relative
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            out.push(parts.join("/"));
        }
    }
    Ok(())
}

fn first_line_is_generated(path: &Path) -> bool {
    let Ok(content) = fs::read_to_string(path) else {
        return false;
    };
    content
        .lines()
        .next()
        .is_some_and(|line| line.contains(GENERATED_MARKER))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn crate_with(files: &[(&str, &str)]) -> CrateFiles {
        CrateFiles {
            files: files
                .iter()
                .map(|(p, c)| (p.to_string(), c.to_string()))
                .collect(),
            ..Default::default()
        }
    }

    #[test]
    fn writes_only_changed_files_and_removes_stale_generated_ones() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        let first = crate_with(&[
            ("src/a.rs", "// @generated\nA"),
            ("src/b.rs", "// @generated\nB"),
        ]);
        let report = write(&first, &out).unwrap();
        assert_eq!(report.written, vec!["src/a.rs", "src/b.rs"]);
        fs::write(out.join("src/user.rs"), "// hand written\n").unwrap();

        let second = crate_with(&[
            ("src/a.rs", "// @generated\nA"),
            ("src/c.rs", "// @generated\nC"),
        ]);
        assert!(!check(&second, &out).unwrap().is_fresh());
        let report = write(&second, &out).unwrap();
        assert_eq!(report.unchanged, vec!["src/a.rs"]);
        assert_eq!(report.written, vec!["src/c.rs"]);
        assert_eq!(report.removed, vec!["src/b.rs"]);
        assert!(out.join("src/user.rs").exists(), "hand-written files stay");
        assert!(check(&second, &out).unwrap().is_fresh());
    }

    #[test]
    fn a_failure_while_moving_puts_back_every_file_already_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        fs::create_dir_all(&out).unwrap();
        fs::write(out.join("Cargo.toml"), "# @generated\nold").unwrap();
        fs::write(out.join("old.rs"), "// @generated\nstale").unwrap();
        // `src` is a file, so the move fails at `src/a.rs`, after `Cargo.toml` was replaced.
        fs::write(out.join("src"), "not a folder").unwrap();
        let before = fs::metadata(out.join("Cargo.toml"))
            .unwrap()
            .modified()
            .unwrap();
        let files = crate_with(&[
            ("Cargo.toml", "# @generated\nnew"),
            ("src/a.rs", "// @generated\nA"),
        ]);
        assert!(write(&files, &out).is_err());
        assert_eq!(
            fs::read_to_string(out.join("Cargo.toml")).unwrap(),
            "# @generated\nold"
        );
        let after = fs::metadata(out.join("Cargo.toml"))
            .unwrap()
            .modified()
            .unwrap();
        assert_eq!(before, after, "the previous file itself is back");
        assert_eq!(fs::read_to_string(out.join("src")).unwrap(), "not a folder");
        assert!(
            out.join("old.rs").exists(),
            "stale files are removed only on success"
        );
        let names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["out"], "the staging folder is gone");
    }

    #[test]
    fn a_folder_where_a_file_goes_fails_before_anything_moves() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        fs::create_dir_all(out.join("src/b.rs")).unwrap();
        fs::write(out.join("src/a.rs"), "// @generated\nold").unwrap();
        let files = crate_with(&[
            ("src/a.rs", "// @generated\nA"),
            ("src/b.rs", "// @generated\nB"),
        ]);
        let error = write(&files, &out).unwrap_err();
        assert!(error.to_string().contains("is a folder"), "{error}");
        assert_eq!(
            fs::read_to_string(out.join("src/a.rs")).unwrap(),
            "// @generated\nold"
        );
    }

    #[test]
    fn unchanged_files_keep_their_modification_time() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        let files = crate_with(&[("src/a.rs", "// @generated\nA")]);
        write(&files, &out).unwrap();
        let before = fs::metadata(out.join("src/a.rs"))
            .unwrap()
            .modified()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(20));
        write(&files, &out).unwrap();
        let after = fs::metadata(out.join("src/a.rs"))
            .unwrap()
            .modified()
            .unwrap();
        assert_eq!(before, after);
    }
}
