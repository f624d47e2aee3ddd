//! Détente, the desktop game: Bevy app shell and egui screens over the
//! `detente-sim` rules engine.

use std::path::PathBuf;

/// Open the game window (at the main menu, or at a scenario's seat setup).
pub fn run_game(file: Option<PathBuf>, seed: Option<u64>) -> i32 {
    let _ = (file, seed);
    eprintln!("the game window is not available in this build");
    1
}
