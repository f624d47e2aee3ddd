//! The scenario library: shipped scenarios and those in folders the user
//! adds, with their details, and the loader's diagnostics for files that
//! do not validate (the game stays usable). Includes a small folder browser
//! so no system file-dialog library is needed.

use std::path::PathBuf;

use detente_sim::scenario::format::Controller;
use egui::RichText;

use super::{Model, Screen, UiCommand, UiState};
use crate::library::Entry;

/// An in-app folder browser.
#[derive(Clone, Debug)]
pub struct FolderPicker {
    pub current: PathBuf,
    pub typed: String,
}

impl FolderPicker {
    pub fn new() -> FolderPicker {
        let current = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
        FolderPicker {
            typed: current.display().to_string(),
            current,
        }
    }
}

impl Default for FolderPicker {
    fn default() -> Self {
        FolderPicker::new()
    }
}

fn seats_text(e: &Entry) -> String {
    match &e.loaded.world {
        Some(w) => {
            let playable = w
                .states
                .iter()
                .filter(|s| s.controller != Controller::Scripted)
                .count();
            let human = w
                .states
                .iter()
                .filter(|s| s.controller == Controller::Human)
                .count();
            format!("{human} human seat(s) by default, up to {playable}")
        }
        None => String::new(),
    }
}

pub fn library(ui: &mut egui::Ui, model: &Model, st: &mut UiState, out: &mut Vec<UiCommand>) {
    egui::Panel::top("library_top").show(ui, |ui| {
        ui.horizontal(|ui| {
            if ui.button("< Main menu").clicked() {
                out.push(UiCommand::GoTo(Screen::MainMenu));
            }
            ui.heading("Scenario library");
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if ui.button("Add a folder...").clicked() {
                    st.folder_picker = Some(FolderPicker::new());
                }
            });
        });
    });
    egui::Panel::left("library_list").default_size(360.0).show(ui, |ui| {
        egui::ScrollArea::vertical().show(ui, |ui| {
            for folder in &model.library.folders {
                ui.horizontal(|ui| {
                    ui.label(RichText::new(folder.display().to_string()).small().weak());
                    if model.library.folders.first() != Some(folder) && ui.small_button("Remove folder").clicked() {
                        out.push(UiCommand::RemoveFolder(folder.clone()));
                    }
                });
            }
            for err in &model.library.folder_errors {
                ui.colored_label(egui::Color32::from_rgb(220, 90, 60), err);
            }
            ui.separator();
            if model.library.entries.is_empty() {
                ui.label("No scenario files (.ron) found. Add a folder, or run `detente new my_scenario` to write one.");
            }
            for (path, e) in &model.library.entries {
                let selected = st.selected.as_ref() == Some(path);
                let mut text = RichText::new(e.title());
                if !e.is_valid() {
                    text = text.color(egui::Color32::from_rgb(220, 90, 60));
                }
                let label = if e.is_valid() { e.title() } else { format!("{} (has errors)", e.title()) };
                let resp = ui.selectable_label(selected, text).on_hover_text(path.display().to_string());
                let _ = label;
                if resp.clicked() {
                    st.selected = Some(path.clone());
                }
                if resp.double_clicked() && e.is_valid() {
                    out.push(UiCommand::ChooseScenario(path.clone()));
                }
            }
        });
    });
    egui::CentralPanel::default().show(ui, |ui| {
        let entry = st
            .selected
            .as_ref()
            .and_then(|p| model.library.entries.get(p));
        match entry {
            None => {
                ui.label("Choose a scenario on the left to see its details.");
            }
            Some(e) => details(ui, e, out),
        }
    });
    folder_picker(ui, st, out);
}

fn details(ui: &mut egui::Ui, e: &Entry, out: &mut Vec<UiCommand>) {
    egui::ScrollArea::vertical().show(ui, |ui| {
        match &e.loaded.scenario {
            Some(s) => {
                ui.heading(&s.title);
                ui.label(RichText::new(format!(
                    "{} - {} turns of {} hours - {}",
                    s.difficulty.label(),
                    s.turns,
                    s.turn_hours,
                    seats_text(e)
                ))
                .weak());
                ui.add_space(6.0);
                ui.label(&s.summary);
                ui.add_space(8.0);
                if ui.add(egui::Button::new(RichText::new("Set up seats").size(17.0))).clicked() {
                    out.push(UiCommand::ChooseScenario(e.path.clone()));
                }
                ui.add_space(8.0);
                ui.label(RichText::new("Learning objectives").strong());
                for o in &s.learning_objectives {
                    ui.label(format!("- {o}"));
                }
                ui.add_space(6.0);
                ui.label(RichText::new("States").strong());
                if let Some(w) = &e.loaded.world {
                    for st in &w.states {
                        let who = match st.controller {
                            Controller::Human => "a human seat",
                            Controller::Computer => "the computer",
                            Controller::Scripted => "the script only",
                        };
                        ui.horizontal(|ui| {
                            super::widgets::state_label(ui, &st.name, st.colour);
                            ui.label(RichText::new(format!("played by {who} by default")).weak());
                        });
                    }
                }
                ui.add_space(6.0);
                ui.label(RichText::new("Drawn from real incidents").strong());
                for src in &s.sources {
                    ui.label(RichText::new(&src.incident).strong());
                    ui.label(&src.citation);
                    if !src.url.is_empty() {
                        ui.label(RichText::new(&src.url).small().weak());
                    }
                }
                let warnings: Vec<_> = e.loaded.diagnostics.iter().filter(|d| !d.is_error()).cloned().collect();
                if !warnings.is_empty() {
                    ui.add_space(8.0);
                    ui.label(RichText::new(format!("{} warning(s)", warnings.len())).strong());
                    let text = detente_sim::scenario::diagnostics::render(e.loaded.source.as_ref(), &warnings);
                    ui.label(RichText::new(text).monospace().small());
                }
            }
            None => {
                ui.heading(e.title());
                ui.colored_label(
                    egui::Color32::from_rgb(220, 90, 60),
                    "This scenario cannot be played until these problems are fixed. Edit the file; the library reloads it by itself.",
                );
                ui.add_space(6.0);
                ui.label(RichText::new(e.loaded.render()).monospace());
            }
        }
        ui.add_space(8.0);
        ui.label(RichText::new(e.path.display().to_string()).small().weak());
    });
}

fn folder_picker(ui: &mut egui::Ui, st: &mut UiState, out: &mut Vec<UiCommand>) {
    let Some(picker) = st.folder_picker.as_mut() else {
        return;
    };
    let mut open = true;
    let mut choose = None;
    let mut go = None;
    egui::Window::new("Add a scenario folder")
        .open(&mut open)
        .default_width(520.0)
        .show(ui.ctx(), |ui| {
            ui.horizontal(|ui| {
                ui.label("Folder:");
                let r = ui.text_edit_singleline(&mut picker.typed);
                if r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                    go = Some(PathBuf::from(picker.typed.clone()));
                }
                if ui.button("Go").clicked() {
                    go = Some(PathBuf::from(picker.typed.clone()));
                }
            });
            ui.horizontal(|ui| {
                if ui.button("Up one level").clicked()
                    && let Some(parent) = picker.current.parent()
                {
                    go = Some(parent.to_path_buf());
                }
                if ui
                    .button(RichText::new("Use this folder").strong())
                    .clicked()
                {
                    choose = Some(picker.current.clone());
                }
            });
            ui.separator();
            egui::ScrollArea::vertical()
                .max_height(320.0)
                .show(ui, |ui| match std::fs::read_dir(&picker.current) {
                    Ok(read) => {
                        let mut dirs: Vec<PathBuf> = read
                            .filter_map(|e| e.ok().map(|e| e.path()))
                            .filter(|p| p.is_dir())
                            .collect();
                        dirs.sort();
                        let rons = std::fs::read_dir(&picker.current)
                            .map(|r| {
                                r.filter_map(|e| e.ok())
                                    .filter(|e| e.path().extension().is_some_and(|x| x == "ron"))
                                    .count()
                            })
                            .unwrap_or(0);
                        ui.label(RichText::new(format!("{rons} scenario file(s) here")).weak());
                        for d in dirs {
                            let name = d
                                .file_name()
                                .map(|n| n.to_string_lossy().into_owned())
                                .unwrap_or_default();
                            if name.starts_with('.') {
                                continue;
                            }
                            if ui
                                .selectable_label(false, format!("[folder] {name}"))
                                .clicked()
                            {
                                go = Some(d);
                            }
                        }
                    }
                    Err(e) => {
                        ui.colored_label(
                            egui::Color32::from_rgb(220, 90, 60),
                            format!("Cannot open this folder: {e}"),
                        );
                    }
                });
        });
    if let Some(g) = go {
        picker.typed = g.display().to_string();
        picker.current = g;
    }
    if let Some(c) = choose {
        out.push(UiCommand::AddFolder(c));
        st.folder_picker = None;
    } else if !open {
        st.folder_picker = None;
    }
}
