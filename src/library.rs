//! The scenario library: every `.ron` file in the shipped `scenarios/`
//! folder and in folders the user adds, loaded with the engine's checks.
//! Files edited on disk are reloaded (by modification time) when the shell
//! calls `refresh`; a game in progress holds its own copy and never changes.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use detente_sim::scenario::{Loaded, load_path};

#[derive(Clone, Debug)]
pub struct Entry {
    pub path: PathBuf,
    pub loaded: Loaded,
    pub modified: Option<SystemTime>,
    pub size: u64,
    /// Which folder it came from (shipped or user).
    pub folder: PathBuf,
}

impl Entry {
    pub fn title(&self) -> String {
        match &self.loaded.scenario {
            Some(s) => s.title.clone(),
            None => self
                .path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
        }
    }

    pub fn is_valid(&self) -> bool {
        !self.loaded.has_errors() && self.loaded.scenario.is_some()
    }
}

#[derive(Clone, Debug, Default)]
pub struct Library {
    pub folders: Vec<PathBuf>,
    pub entries: BTreeMap<PathBuf, Entry>,
    /// Problems with folders themselves (missing, unreadable).
    pub folder_errors: Vec<String>,
}

/// The shipped scenarios folder: `scenarios/` next to the working directory,
/// or beside the executable (for an installed game).
pub fn shipped_folder() -> PathBuf {
    let cwd = PathBuf::from("scenarios");
    if cwd.is_dir() {
        return cwd;
    }
    if let Ok(exe) = std::env::current_exe() {
        for up in exe.ancestors().skip(1).take(4) {
            let candidate = up.join("scenarios");
            if candidate.is_dir() {
                return candidate;
            }
        }
    }
    cwd
}

fn stat(path: &Path) -> (Option<SystemTime>, u64) {
    match std::fs::metadata(path) {
        Ok(m) => (m.modified().ok(), m.len()),
        Err(_) => (None, 0),
    }
}

impl Library {
    pub fn new(folders: Vec<PathBuf>) -> Library {
        let mut lib = Library {
            folders,
            ..Library::default()
        };
        lib.refresh();
        lib
    }

    /// Add a folder the user picked (no duplicates).
    pub fn add_folder(&mut self, folder: PathBuf) {
        if !self.folders.contains(&folder) {
            self.folders.push(folder);
        }
        self.refresh();
    }

    pub fn remove_folder(&mut self, folder: &Path) {
        self.folders.retain(|f| f != folder);
        self.refresh();
    }

    /// Rescan the folders: new files are loaded, changed files reloaded,
    /// deleted files dropped. Returns the paths that were (re)loaded.
    pub fn refresh(&mut self) -> Vec<PathBuf> {
        let mut seen = Vec::new();
        let mut changed = Vec::new();
        self.folder_errors.clear();
        for folder in self.folders.clone() {
            let read = match std::fs::read_dir(&folder) {
                Ok(r) => r,
                Err(e) => {
                    self.folder_errors
                        .push(format!("{}: {e}", folder.display()));
                    continue;
                }
            };
            let mut files: Vec<PathBuf> = read
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x.eq_ignore_ascii_case("ron")))
                .collect();
            files.sort();
            for path in files {
                let (modified, size) = stat(&path);
                let stale = match self.entries.get(&path) {
                    Some(e) => e.modified != modified || e.size != size,
                    None => true,
                };
                if stale {
                    let loaded = load_path(&path);
                    self.entries.insert(
                        path.clone(),
                        Entry {
                            path: path.clone(),
                            loaded,
                            modified,
                            size,
                            folder: folder.clone(),
                        },
                    );
                    changed.push(path.clone());
                }
                seen.push(path);
            }
        }
        self.entries.retain(|p, _| seen.contains(p));
        changed
    }

    pub fn valid(&self) -> impl Iterator<Item = &Entry> {
        self.entries.values().filter(|e| e.is_valid())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edited_files_are_reloaded_with_their_new_diagnostics() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.ron");
        std::fs::write(&file, detente_sim::starter::text("a", "a.ron")).unwrap();
        let mut lib = Library::new(vec![dir.path().to_path_buf()]);
        assert!(lib.entries[&file].is_valid());
        // Break it (a different size, so the change is seen even within the same second).
        std::fs::write(&file, "(format_version: 2, id: \"a\"").unwrap();
        let changed = lib.refresh();
        assert_eq!(changed, vec![file.clone()]);
        assert!(!lib.entries[&file].is_valid());
        assert!(lib.entries[&file].loaded.render().contains("never closed"));
        // Nothing changed: nothing reloaded.
        assert!(lib.refresh().is_empty());
        std::fs::remove_file(&file).unwrap();
        lib.refresh();
        assert!(lib.entries.is_empty());
        // A missing folder is reported, not fatal.
        lib.add_folder(dir.path().join("nope"));
        assert_eq!(lib.folder_errors.len(), 1);
    }
}
