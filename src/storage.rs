//! Where the game keeps its files: settings, saves, autosaves and debrief
//! exports, in the platform's data directory (`directories` crate), or under
//! `$DETENTE_HOME` when set (tests, portable installs). Saves go through the
//! engine's atomic writer, so a crash mid-save never destroys the last one.

use std::path::{Path, PathBuf};

use detente_sim::game::Game;
use detente_sim::save::{self, SaveError};
use serde::{Deserialize, Serialize};

/// The base folder for everything the game writes.
pub fn home() -> PathBuf {
    if let Some(h) = std::env::var_os("DETENTE_HOME") {
        return PathBuf::from(h);
    }
    directories::ProjectDirs::from("org", "Detente", "Detente")
        .map(|d| d.data_dir().to_path_buf())
        .unwrap_or_else(|| PathBuf::from(".detente"))
}

pub fn saves_dir() -> PathBuf {
    home().join("saves")
}

pub fn exports_dir() -> PathBuf {
    home().join("exports")
}

fn settings_path() -> PathBuf {
    home().join("settings.json")
}

/// Preferences that survive restarts.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// UI scale (1.0 = 100%).
    pub ui_scale: f32,
    pub dark_mode: bool,
    /// Scenario folders the user added to the library.
    pub folders: Vec<PathBuf>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            ui_scale: 1.0,
            dark_mode: true,
            folders: Vec::new(),
        }
    }
}

impl Settings {
    pub const MIN_SCALE: f32 = 0.75;
    pub const MAX_SCALE: f32 = 2.0;

    /// Read the settings; a missing or damaged file gives the defaults.
    pub fn load() -> Settings {
        let mut s: Settings = std::fs::read_to_string(settings_path())
            .ok()
            .and_then(|t| serde_json::from_str(&t).ok())
            .unwrap_or_default();
        if !s.ui_scale.is_finite() {
            s.ui_scale = 1.0;
        }
        s.ui_scale = s.ui_scale.clamp(Self::MIN_SCALE, Self::MAX_SCALE);
        s
    }

    pub fn store(&self) -> Result<(), SaveError> {
        let text =
            serde_json::to_string_pretty(self).map_err(|e| SaveError::Serialise(e.to_string()))?;
        save::write_atomic(&settings_path(), text.as_bytes())
    }
}

/// A file name made safe from what the user typed.
pub fn safe_name(name: &str) -> String {
    let cleaned: String = name
        .trim()
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .take(60)
        .collect();
    if cleaned.is_empty() {
        "save".into()
    } else {
        cleaned
    }
}

pub fn save_path(name: &str) -> PathBuf {
    saves_dir().join(format!("{}.json", safe_name(name)))
}

pub fn autosave_path() -> PathBuf {
    saves_dir().join("autosave.json")
}

pub fn save_game(game: &Game, path: &Path) -> Result<(), SaveError> {
    save::save(game, path)
}

/// A save file found on disk, for the load screen.
#[derive(Clone, Debug)]
pub struct SaveInfo {
    pub path: PathBuf,
    pub name: String,
    pub modified: Option<std::time::SystemTime>,
    pub size: u64,
}

/// Saves in the saves folder, newest first.
pub fn list_saves() -> Vec<SaveInfo> {
    let mut v: Vec<SaveInfo> = std::fs::read_dir(saves_dir())
        .into_iter()
        .flatten()
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .map(|path| {
            let meta = std::fs::metadata(&path).ok();
            SaveInfo {
                name: path
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default(),
                modified: meta.as_ref().and_then(|m| m.modified().ok()),
                size: meta.map(|m| m.len()).unwrap_or(0),
                path,
            }
        })
        .collect();
    v.sort_by(|a, b| b.modified.cmp(&a.modified).then(a.name.cmp(&b.name)));
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_made_safe() {
        assert_eq!(safe_name(" my game/../x "), "my_game____x");
        assert_eq!(safe_name("***"), "___");
        assert_eq!(safe_name(""), "save");
    }
}
