//! What the screens ask for, carried out: the one place that changes the
//! session, the library, the settings and the files on disk. `Shell` is
//! plain Rust so the Bevy systems around it stay thin and the headless
//! tests use exactly the same path as the UI.

use std::path::PathBuf;

use detente_sim::debrief;

use crate::library::{Library, shipped_folder};
use crate::session::{Outcome, Session};
use crate::storage::{self, SaveInfo, Settings};
use crate::ui::{ExportFormat, Screen, UiCommand, UiState};

/// What the Bevy side must do after a command.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Effect {
    GoTo(Screen),
    Quit,
    /// The UI style (scale, theme) changed.
    Restyle,
}

pub struct Shell {
    pub library: Library,
    pub session: Option<Session>,
    pub settings: Settings,
    pub saves: Vec<SaveInfo>,
    pub chosen: Option<PathBuf>,
    pub ui: UiState,
    /// Whether games are autosaved (off in some tests).
    pub autosave: bool,
}

impl Shell {
    pub fn new(settings: Settings) -> Shell {
        let mut folders = vec![shipped_folder()];
        folders.extend(settings.folders.iter().cloned());
        Shell {
            library: Library::new(folders),
            session: None,
            settings,
            saves: storage::list_saves(),
            chosen: None,
            ui: UiState::default(),
            autosave: true,
        }
    }

    fn autosave(&mut self) {
        if !self.autosave {
            return;
        }
        if let Some(s) = &self.session
            && let Err(e) = storage::save_game(&s.game, &storage::autosave_path())
        {
            self.ui.error(format!("Autosave failed: {e}"));
        }
        self.saves = storage::list_saves();
    }

    fn store_settings(&mut self) {
        if let Err(e) = self.settings.store() {
            self.ui.error(format!("Settings could not be saved: {e}"));
        }
    }

    fn after(&mut self, outcome: Outcome, effects: &mut Vec<Effect>) {
        if outcome.resolved {
            self.autosave();
        }
        if outcome.ended {
            effects.push(Effect::GoTo(Screen::Debrief));
        }
    }

    pub fn apply(&mut self, cmd: UiCommand) -> Vec<Effect> {
        let mut effects = Vec::new();
        match cmd {
            UiCommand::GoTo(screen) => {
                let ok = match screen {
                    Screen::Game => self.session.as_ref().is_some_and(|s| !s.game.is_over()),
                    Screen::Debrief => self.session.is_some(),
                    Screen::SeatSetup => self.chosen.is_some(),
                    _ => true,
                };
                if ok {
                    effects.push(Effect::GoTo(screen));
                }
            }
            UiCommand::Quit => effects.push(Effect::Quit),
            UiCommand::ChooseScenario(path) => {
                self.ui.selected = Some(path.clone());
                self.chosen = Some(path);
                effects.push(Effect::GoTo(Screen::SeatSetup));
            }
            UiCommand::AddFolder(folder) => {
                if !self.settings.folders.contains(&folder) {
                    self.settings.folders.push(folder.clone());
                    self.store_settings();
                }
                self.library.add_folder(folder);
            }
            UiCommand::RemoveFolder(folder) => {
                self.settings.folders.retain(|f| f != &folder);
                self.store_settings();
                self.library.remove_folder(&folder);
            }
            UiCommand::StartGame { path, seats, seed } => {
                let entry = self.library.entries.get(&path).filter(|e| e.is_valid());
                match entry.and_then(|e| e.loaded.scenario.clone().zip(e.loaded.world.clone())) {
                    Some((scenario, world)) => {
                        self.session = Some(Session::new(scenario, world, seed, seats, &path));
                        self.ui.drafts.clear();
                        self.ui.picker = Default::default();
                        self.ui.map = Default::default();
                        self.autosave();
                        effects.push(Effect::GoTo(Screen::Game));
                    }
                    None => self
                        .ui
                        .error("This scenario cannot be started: it has errors or was removed."),
                }
            }
            UiCommand::Ready => {
                if let Some(s) = self.session.as_mut() {
                    s.ready();
                }
            }
            UiCommand::Submit { state, orders } => {
                let result = self.session.as_mut().map(|s| s.submit(state, orders));
                match result {
                    Some(Ok(outcome)) => {
                        self.ui.drafts.remove(&state);
                        self.ui.picker = Default::default();
                        self.after(outcome, &mut effects);
                    }
                    Some(Err(e)) => self.ui.error(e),
                    None => {}
                }
            }
            UiCommand::AdvanceComputerTurn => {
                let result = self.session.as_mut().map(|s| s.advance_computer_turn());
                match result {
                    Some(Ok(outcome)) => self.after(outcome, &mut effects),
                    Some(Err(e)) => self.ui.error(e),
                    None => {}
                }
            }
            UiCommand::Facilitator(cmd) => {
                if let Some(s) = self.session.as_mut()
                    && let Err(e) = s.facilitator(cmd)
                {
                    self.ui.error(e);
                }
            }
            UiCommand::Save(name) => {
                if let Some(s) = &self.session {
                    let path = storage::save_path(&name);
                    match storage::save_game(&s.game, &path) {
                        Ok(()) => self.ui.say(format!("Saved to {}", path.display())),
                        Err(e) => self.ui.error(e.to_string()),
                    }
                    self.saves = storage::list_saves();
                }
            }
            UiCommand::Load(path) => match detente_sim::save::load(&path) {
                Ok(game) => {
                    let over = game.is_over();
                    let scenario_path = std::path::PathBuf::from(&game.scenario.path);
                    self.session = Some(Session::from_game(game, &scenario_path));
                    self.ui.drafts.clear();
                    self.ui.map = Default::default();
                    self.ui.say(format!("Loaded {}", path.display()));
                    effects.push(Effect::GoTo(if over {
                        Screen::Debrief
                    } else {
                        Screen::Game
                    }));
                }
                Err(e) => self.ui.error(e.to_string()),
            },
            UiCommand::Export(format) => {
                if let Some(s) = &self.session {
                    let d = debrief::build(&s.game);
                    let (ext, text) = match format {
                        ExportFormat::Html => ("html", debrief::to_html(&d)),
                        ExportFormat::Markdown => ("md", debrief::to_markdown(&d)),
                        ExportFormat::Json => ("json", debrief::to_json(&d)),
                    };
                    let path = storage::exports_dir().join(format!(
                        "{}-seed{}-turn{}.{ext}",
                        d.scenario, d.seed, d.turns_played
                    ));
                    match detente_sim::save::write_atomic(&path, text.as_bytes()) {
                        Ok(()) => self
                            .ui
                            .say(format!("Debrief written to {}", path.display())),
                        Err(e) => self.ui.error(e.to_string()),
                    }
                }
            }
            UiCommand::SetScale(scale) => {
                self.settings.ui_scale = scale.clamp(Settings::MIN_SCALE, Settings::MAX_SCALE);
                self.store_settings();
                effects.push(Effect::Restyle);
            }
            UiCommand::SetDarkMode(dark) => {
                self.settings.dark_mode = dark;
                self.store_settings();
                effects.push(Effect::Restyle);
            }
        }
        effects
    }

    /// Reload scenario files changed on disk (a game in progress keeps its copy).
    pub fn refresh_library(&mut self) -> Vec<PathBuf> {
        self.library.refresh()
    }

    pub fn title(&self) -> String {
        match &self.session {
            Some(s) => format!("Détente - {}", s.game.scenario.title),
            None => "Détente".into(),
        }
    }
}
