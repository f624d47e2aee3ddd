//! The main menu.

use egui::RichText;

use super::{Model, Screen, UiCommand, UiState};

pub fn main_menu(ui: &mut egui::Ui, model: &Model, st: &mut UiState, out: &mut Vec<UiCommand>) {
    egui::CentralPanel::default().show(ui, |ui| {
        ui.vertical_centered(|ui| {
            ui.add_space((ui.available_height() * 0.12).max(20.0));
            ui.label(RichText::new("Détente").size(54.0).strong());
            ui.label(RichText::new("A cyber crisis tabletop game").size(20.0));
            ui.add_space(6.0);
            ui.label(
                RichText::new("Protect civilians, keep escalation down, uphold the UN norms, use the OSCE confidence-building measures and attribute responsibly.")
                    .weak(),
            );
            ui.add_space(28.0);
            let w = 280.0;
            let big = |t: &str| egui::Button::new(RichText::new(t).size(18.0)).min_size(egui::vec2(w, 40.0));
            if let Some(s) = model.session
                && !s.game.is_over()
                && ui.add(big("Continue the game")).clicked()
            {
                out.push(UiCommand::GoTo(Screen::Game));
            }
            if ui.add(big("Scenario library")).clicked() {
                out.push(UiCommand::GoTo(Screen::Library));
            }
            if ui.add(big("Load a saved game")).clicked() {
                st.show_load = true;
            }
            if ui.add(big("Settings")).clicked() {
                st.show_settings = true;
            }
            if ui.add(big("Help and shortcuts")).clicked() {
                st.show_help = true;
            }
            if ui.add(big("Norms and CBMs reference")).clicked() {
                st.show_reference = true;
            }
            if ui.add(big("Quit")).clicked() {
                out.push(UiCommand::Quit);
            }
            ui.add_space(24.0);
            ui.label(RichText::new("Press F1 at any time for help.").small().weak());
        });
    });
}
