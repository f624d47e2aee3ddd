//! Windows over any screen: help with keyboard shortcuts, the norms and
//! CBMs reference, save and load, settings, and messages.

use detente_sim::catalog::{CBMS, NORMS, NORMS_SOURCE, UN_CONTEXT};
use egui::RichText;

use super::{Model, SHORTCUTS, UiCommand, UiState};
use crate::storage::Settings;

pub fn help(ui: &mut egui::Ui) {
    ui.label(RichText::new("Keyboard shortcuts").strong());
    egui::Grid::new("shortcuts").striped(true).show(ui, |ui| {
        for (k, what) in SHORTCUTS {
            ui.label(RichText::new(*k).monospace());
            ui.label(*what);
            ui.end_row();
        }
    });
    ui.add_space(6.0);
    ui.label(RichText::new("How a turn works").strong());
    ui.label("1. Briefing: read what your State learned. 2. Orders: every seat chooses actions within its capital, in secret; a hand-over screen hides each seat from the next. 3. Resolution: all orders resolve together; the computer States decide at the same time. 4. Report: each seat sees the outcome from its own point of view.");
    ui.label("Every action shows its cost and the norms it upholds or violates and the CBM it exercises. The debrief reveals who really did what.");
}

pub fn reference(ui: &mut egui::Ui) {
    egui::ScrollArea::vertical().show(ui, |ui| {
        ui.label(
            RichText::new("The 11 norms of responsible State behaviour")
                .strong()
                .size(17.0),
        );
        ui.label(RichText::new(NORMS_SOURCE).small().weak());
        for n in NORMS {
            ui.label(RichText::new(format!("{} - {}", n.reference(), n.title)).strong());
            ui.label(n.meaning);
        }
        ui.add_space(8.0);
        ui.label(
            RichText::new("The 16 OSCE confidence-building measures")
                .strong()
                .size(17.0),
        );
        for c in CBMS {
            ui.label(RichText::new(format!("{} - {}", c.reference(), c.title)).strong());
            ui.label(format!("{} ({})", c.meaning, c.decision));
        }
        ui.add_space(8.0);
        ui.label(RichText::new("At the United Nations").strong());
        ui.label(UN_CONTEXT);
    });
}

pub fn windows(ui: &mut egui::Ui, model: &Model, st: &mut UiState, out: &mut Vec<UiCommand>) {
    let ctx = ui.ctx().clone();
    if st.show_help {
        let mut open = true;
        egui::Window::new("Help")
            .open(&mut open)
            .default_width(560.0)
            .show(&ctx, help);
        st.show_help &= open;
    }
    if st.show_reference {
        let mut open = true;
        egui::Window::new("Norms and CBMs reference")
            .open(&mut open)
            .default_size([620.0, 560.0])
            .show(&ctx, reference);
        st.show_reference &= open;
    }
    if st.show_save {
        let mut open = true;
        let mut done = false;
        egui::Window::new("Save the game")
            .open(&mut open)
            .show(&ctx, |ui| match model.session {
                None => {
                    ui.label("There is no game to save.");
                }
                Some(s) => {
                    if st.save_name.is_empty() {
                        st.save_name = format!("{}-turn-{}", s.game.scenario.id, s.game.turn);
                    }
                    ui.horizontal(|ui| {
                        ui.label("Name:");
                        ui.text_edit_singleline(&mut st.save_name);
                    });
                    ui.label(
                        RichText::new(format!(
                            "Saved in {}",
                            crate::storage::saves_dir().display()
                        ))
                        .small()
                        .weak(),
                    );
                    if ui.button("Save now").clicked() {
                        out.push(UiCommand::Save(st.save_name.clone()));
                        done = true;
                    }
                }
            });
        st.show_save &= open && !done;
    }
    if st.show_load {
        let mut open = true;
        let mut done = false;
        egui::Window::new("Load a game").open(&mut open).default_width(480.0).show(&ctx, |ui| {
            if model.saves.is_empty() {
                ui.label("No saved games yet. The game saves itself at the start of every turn (autosave).");
            }
            egui::ScrollArea::vertical().max_height(360.0).show(ui, |ui| {
                for s in model.saves {
                    ui.horizontal(|ui| {
                        if ui.button(format!("Load {}", s.name)).clicked() {
                            out.push(UiCommand::Load(s.path.clone()));
                            done = true;
                        }
                        let age = s
                            .modified
                            .and_then(|m| m.elapsed().ok())
                            .map(|d| format!("{} min ago", d.as_secs() / 60))
                            .unwrap_or_default();
                        ui.label(RichText::new(format!("{age}, {} KB", s.size / 1024)).weak());
                    });
                }
            });
        });
        st.show_load &= open && !done;
    }
    if st.show_settings {
        let mut open = true;
        egui::Window::new("Settings")
            .open(&mut open)
            .show(&ctx, |ui| {
                let mut scale = model.settings.ui_scale;
                ui.add(
                    egui::Slider::new(&mut scale, Settings::MIN_SCALE..=Settings::MAX_SCALE)
                        .text("Interface scale"),
                );
                if (scale - model.settings.ui_scale).abs() > f32::EPSILON {
                    out.push(UiCommand::SetScale(scale));
                }
                let mut dark = model.settings.dark_mode;
                if ui.checkbox(&mut dark, "Dark theme").changed() {
                    out.push(UiCommand::SetDarkMode(dark));
                }
                ui.label(
                    RichText::new(format!(
                        "Settings and saves live in {}",
                        crate::storage::home().display()
                    ))
                    .small()
                    .weak(),
                );
            });
        st.show_settings &= open;
    }
    if let Some((text, is_error)) = st.toast.clone() {
        egui::Area::new(egui::Id::new("toast"))
            .anchor(egui::Align2::CENTER_BOTTOM, [0.0, -24.0])
            .show(&ctx, |ui| {
                egui::Frame::popup(ui.style()).show(ui, |ui| {
                    ui.horizontal(|ui| {
                        let t = RichText::new(&text);
                        ui.label(if is_error {
                            t.color(egui::Color32::from_rgb(240, 110, 90))
                        } else {
                            t
                        });
                        if ui.small_button("OK").clicked() {
                            st.toast = None;
                        }
                    });
                });
            });
    }
}
