//! The screens and panels, in egui, independent of Bevy: each takes a
//! `&mut egui::Ui` and a read-only `Model` of the game, keeps its own view
//! state in `UiState`, and returns `UiCommand`s instead of changing the
//! game. The Bevy shell turns those commands into `Session::apply` calls;
//! the tests drive the same functions with `egui_kittest`.

pub mod debrief;
pub mod facilitator;
pub mod game_screen;
pub mod library;
pub mod map;
pub mod menu;
pub mod orders;
pub mod overlays;
pub mod panels;
pub mod seats;
pub mod widgets;

use std::collections::BTreeMap;
use std::path::PathBuf;

use bevy::prelude::States;
use detente_sim::game::{Command, Orders, Seat};
use detente_sim::ids::StateId;
use egui::{Key, Modifiers};

use crate::library::Library;
use crate::session::Session;
use crate::storage::{SaveInfo, Settings};

/// The screens of game.md section 6.
#[derive(States, Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Screen {
    #[default]
    MainMenu,
    Library,
    SeatSetup,
    Game,
    Debrief,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    Html,
    Markdown,
    Json,
}

/// Everything the screens ask the shell to do.
#[derive(Clone, Debug, PartialEq)]
pub enum UiCommand {
    GoTo(Screen),
    Quit,
    /// Choose a scenario in the library and go to seat setup.
    ChooseScenario(PathBuf),
    AddFolder(PathBuf),
    RemoveFolder(PathBuf),
    StartGame {
        path: PathBuf,
        seats: Vec<Seat>,
        seed: u64,
    },
    /// Leave the briefing or a hand-over screen.
    Ready,
    Submit {
        state: StateId,
        orders: Orders,
    },
    /// Play one turn of a game with no human seat.
    AdvanceComputerTurn,
    Facilitator(Command),
    Save(String),
    Load(PathBuf),
    Export(ExportFormat),
    SetScale(f32),
    SetDarkMode(bool),
}

/// The read-only data the screens show.
pub struct Model<'a> {
    pub screen: Screen,
    pub library: &'a Library,
    pub session: Option<&'a Session>,
    pub settings: &'a Settings,
    pub saves: &'a [SaveInfo],
    /// The scenario chosen in the library (for seat setup).
    pub chosen: Option<&'a PathBuf>,
}

/// Game-screen tabs (keys 1-6).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Tab {
    #[default]
    Map,
    Incidents,
    Relations,
    Ladder,
    News,
    Charts,
}

impl Tab {
    pub const ALL: [Tab; 6] = [
        Tab::Map,
        Tab::Incidents,
        Tab::Relations,
        Tab::Ladder,
        Tab::News,
        Tab::Charts,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Tab::Map => "Infrastructure",
            Tab::Incidents => "Incidents & evidence",
            Tab::Relations => "Relations",
            Tab::Ladder => "Escalation ladder",
            Tab::News => "News & intelligence",
            Tab::Charts => "Charts",
        }
    }
}

/// View state of the screens (what is selected, which windows are open).
#[derive(Clone, Debug, Default)]
pub struct UiState {
    pub selected: Option<PathBuf>,
    pub seats: Option<seats::SeatSetup>,
    pub drafts: BTreeMap<StateId, Orders>,
    pub picker: orders::Picker,
    pub tab: Tab,
    pub map: map::MapView,
    pub show_help: bool,
    pub show_reference: bool,
    pub show_facilitator: bool,
    pub show_save: bool,
    pub show_load: bool,
    pub show_settings: bool,
    pub save_name: String,
    pub note: String,
    pub folder_picker: Option<library::FolderPicker>,
    /// A message for the user: (text, is_error).
    pub toast: Option<(String, bool)>,
    /// Confirm leaving a game in progress.
    pub confirm_quit: bool,
}

impl UiState {
    pub fn say(&mut self, text: impl Into<String>) {
        self.toast = Some((text.into(), false));
    }

    pub fn error(&mut self, text: impl Into<String>) {
        self.toast = Some((text.into(), true));
    }
}

/// Keyboard shortcuts, listed in the help overlay.
pub const SHORTCUTS: &[(&str, &str)] = &[
    ("F1", "Show or hide this help"),
    ("F2", "Norms and CBMs reference"),
    (
        "F9",
        "Facilitator panel (ground truth, injects, pause, notes)",
    ),
    ("Ctrl+S", "Save the game"),
    ("Ctrl+O", "Load a game"),
    ("Enter", "Continue on a briefing or hand-over screen"),
    ("Ctrl+Enter", "Submit your orders"),
    (
        "1 to 6",
        "Game tabs: infrastructure, incidents, relations, ladder, news, charts",
    ),
    ("Ctrl+Plus / Ctrl+Minus", "Bigger or smaller interface"),
    ("Esc", "Close the open window, or go back"),
    (
        "Mouse",
        "Drag the map to pan, scroll to zoom, hover a facility for details",
    ),
];

fn shortcuts(ui: &mut egui::Ui, model: &Model, st: &mut UiState, out: &mut Vec<UiCommand>) {
    let (f1, f2, f9, save, load, esc, plus, minus) = ui.input(|i| {
        (
            i.key_pressed(Key::F1),
            i.key_pressed(Key::F2),
            i.key_pressed(Key::F9),
            i.modifiers.command && i.key_pressed(Key::S),
            i.modifiers.command && i.key_pressed(Key::O),
            i.key_pressed(Key::Escape),
            i.modifiers.command && (i.key_pressed(Key::Plus) || i.key_pressed(Key::Equals)),
            i.modifiers.command && i.key_pressed(Key::Minus),
        )
    });
    let typing = ui.ctx().egui_wants_keyboard_input();
    if f1
        || (!typing
            && ui.input(|i| {
                i.events
                    .iter()
                    .any(|e| matches!(e, egui::Event::Text(t) if t == "?"))
            }))
    {
        st.show_help = !st.show_help;
    }
    if f2 {
        st.show_reference = !st.show_reference;
    }
    if f9 && model.session.is_some() {
        st.show_facilitator = !st.show_facilitator;
    }
    if save && model.session.is_some() {
        st.show_save = true;
    }
    if load {
        st.show_load = true;
    }
    if plus {
        out.push(UiCommand::SetScale(
            (model.settings.ui_scale + 0.1).min(Settings::MAX_SCALE),
        ));
    }
    if minus {
        out.push(UiCommand::SetScale(
            (model.settings.ui_scale - 0.1).max(Settings::MIN_SCALE),
        ));
    }
    if esc {
        if st.show_help
            || st.show_reference
            || st.show_save
            || st.show_load
            || st.show_settings
            || st.folder_picker.is_some()
        {
            st.show_help = false;
            st.show_reference = false;
            st.show_save = false;
            st.show_load = false;
            st.show_settings = false;
            st.folder_picker = None;
        } else if st.show_facilitator {
            st.show_facilitator = false;
        } else {
            match model.screen {
                Screen::Library => out.push(UiCommand::GoTo(Screen::MainMenu)),
                Screen::SeatSetup => out.push(UiCommand::GoTo(Screen::Library)),
                _ => {}
            }
        }
    }
    if !typing && model.screen == Screen::Game {
        let n = ui.input(|i| {
            [
                Key::Num1,
                Key::Num2,
                Key::Num3,
                Key::Num4,
                Key::Num5,
                Key::Num6,
            ]
            .iter()
            .position(|k| i.key_pressed(*k) && i.modifiers == Modifiers::NONE)
        });
        if let Some(n) = n {
            st.tab = Tab::ALL[n];
        }
    }
}

/// Draw the whole interface for one frame.
pub fn draw(ui: &mut egui::Ui, model: &Model, st: &mut UiState) -> Vec<UiCommand> {
    let mut out = Vec::new();
    shortcuts(ui, model, st, &mut out);
    match model.screen {
        Screen::MainMenu => menu::main_menu(ui, model, st, &mut out),
        Screen::Library => library::library(ui, model, st, &mut out),
        Screen::SeatSetup => seats::seat_setup_screen(ui, model, st, &mut out),
        Screen::Game => game_screen::game(ui, model, st, &mut out),
        Screen::Debrief => debrief::debrief_screen(ui, model, st, &mut out),
    }
    overlays::windows(ui, model, st, &mut out);
    if st.show_facilitator
        && let Some(session) = model.session
    {
        facilitator::window(ui.ctx(), session, st, &mut out);
    }
    out
}

/// Readable fonts and sizes, and the theme.
pub fn style(ctx: &egui::Context, settings: &Settings) {
    ctx.set_theme(if settings.dark_mode {
        egui::Theme::Dark
    } else {
        egui::Theme::Light
    });
    for theme in [egui::Theme::Dark, egui::Theme::Light] {
        ctx.style_mut_of(theme, |s| {
            use egui::{FontFamily, FontId, TextStyle};
            s.text_styles = [
                (
                    TextStyle::Heading,
                    FontId::new(24.0, FontFamily::Proportional),
                ),
                (TextStyle::Body, FontId::new(15.5, FontFamily::Proportional)),
                (
                    TextStyle::Button,
                    FontId::new(15.5, FontFamily::Proportional),
                ),
                (
                    TextStyle::Small,
                    FontId::new(12.5, FontFamily::Proportional),
                ),
                (
                    TextStyle::Monospace,
                    FontId::new(14.0, FontFamily::Monospace),
                ),
            ]
            .into();
            s.spacing.item_spacing = egui::vec2(8.0, 6.0);
            s.spacing.button_padding = egui::vec2(10.0, 5.0);
        });
    }
    ctx.set_zoom_factor(settings.ui_scale);
}
