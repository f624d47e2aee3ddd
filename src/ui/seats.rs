//! Seat setup: who plays each State (a human seat or the computer), the
//! delegations' names, and the seed of the game's random events.

use std::path::PathBuf;

use detente_sim::game::Seat;
use detente_sim::ids::StateId;
use detente_sim::scenario::format::Controller;
use detente_sim::world::World;
use egui::RichText;

use super::{Model, Screen, UiCommand, UiState};

#[derive(Clone, Debug, PartialEq)]
pub struct SeatRow {
    pub state: StateId,
    pub name: String,
    pub colour: [u8; 3],
    pub scripted: bool,
    pub human: bool,
    pub player: String,
    pub personality: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct SeatSetup {
    pub path: PathBuf,
    pub title: String,
    pub rows: Vec<SeatRow>,
    pub seed: String,
}

impl SeatSetup {
    pub fn new(path: PathBuf, title: String, world: &World, seed: u64) -> SeatSetup {
        let rows = world
            .states
            .iter()
            .enumerate()
            .map(|(i, s)| SeatRow {
                state: StateId::from_index(i),
                name: s.name.clone(),
                colour: s.colour,
                scripted: s.controller == Controller::Scripted,
                human: s.controller == Controller::Human,
                player: String::new(),
                personality: s.personality.label().to_string(),
            })
            .collect();
        SeatSetup {
            path,
            title,
            rows,
            seed: seed.to_string(),
        }
    }

    pub fn seats(&self) -> Vec<Seat> {
        self.rows
            .iter()
            .map(|r| Seat {
                state: r.state,
                controller: if r.scripted {
                    Controller::Scripted
                } else if r.human {
                    Controller::Human
                } else {
                    Controller::Computer
                },
                player: r.player.trim().to_string(),
            })
            .collect()
    }

    pub fn parsed_seed(&self) -> Option<u64> {
        self.seed.trim().parse().ok()
    }
}

/// The seat setup panel (tested on its own with egui_kittest).
pub fn seat_setup(ui: &mut egui::Ui, setup: &mut SeatSetup) -> Option<UiCommand> {
    let mut cmd = None;
    ui.heading(format!("Seat setup: {}", setup.title));
    ui.label("Choose which States are played by people at this computer. Several human seats play in turn (hot seat); a hand-over screen hides each seat's view from the next.");
    ui.add_space(8.0);
    egui::Grid::new("seats")
        .striped(true)
        .num_columns(3)
        .spacing([16.0, 8.0])
        .show(ui, |ui| {
            ui.label(RichText::new("State").strong());
            ui.label(RichText::new("Played by").strong());
            ui.label(RichText::new("Delegation or player names").strong());
            ui.end_row();
            for row in &mut setup.rows {
                super::widgets::state_label(ui, &row.name, row.colour);
                if row.scripted {
                    ui.label(RichText::new("the scenario's script").weak());
                    ui.label("");
                } else {
                    ui.checkbox(&mut row.human, format!("{} is played by a human", row.name))
                        .on_hover_text(format!(
                            "Unticked: the computer plays {} as a {} State.",
                            row.name,
                            row.personality.to_lowercase()
                        ));
                    if row.human {
                        ui.add(
                            egui::TextEdit::singleline(&mut row.player)
                                .hint_text("e.g. Ministry team A")
                                .desired_width(220.0),
                        );
                    } else {
                        ui.label(
                            RichText::new(format!("computer ({})", row.personality.to_lowercase()))
                                .weak(),
                        );
                    }
                }
                ui.end_row();
            }
        });
    ui.add_space(10.0);
    ui.horizontal(|ui| {
        ui.label("Seed:");
        ui.add(egui::TextEdit::singleline(&mut setup.seed).desired_width(180.0));
        if ui.button("New seed").clicked() {
            setup.seed = random_seed().to_string();
        }
        ui.label(
            RichText::new("The same seed and the same choices give the same game.")
                .small()
                .weak(),
        );
    });
    let humans = setup.rows.iter().filter(|r| r.human && !r.scripted).count();
    let seed = setup.parsed_seed();
    ui.add_space(10.0);
    if seed.is_none() {
        ui.colored_label(
            egui::Color32::from_rgb(220, 90, 60),
            "The seed must be a whole number (0 to 18446744073709551615).",
        );
    }
    if humans == 0 {
        ui.label(
            RichText::new(
                "No human seat: the computer plays every State and you watch, one turn at a time.",
            )
            .weak(),
        );
    }
    let start = ui.add_enabled(
        seed.is_some(),
        egui::Button::new(RichText::new("Start the game").size(18.0)),
    );
    if start.clicked()
        && let Some(seed) = seed
    {
        cmd = Some(UiCommand::StartGame {
            path: setup.path.clone(),
            seats: setup.seats(),
            seed,
        });
    }
    cmd
}

/// A seed from the clock, for "New seed" (the game itself never reads the clock).
pub fn random_seed() -> u64 {
    let t = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    (t as u64 ^ (t >> 64) as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) % 1_000_000
}

pub fn seat_setup_screen(
    ui: &mut egui::Ui,
    model: &Model,
    st: &mut UiState,
    out: &mut Vec<UiCommand>,
) {
    egui::Panel::top("seats_top").show(ui, |ui| {
        ui.horizontal(|ui| {
            if ui.button("< Library").clicked() {
                out.push(UiCommand::GoTo(Screen::Library));
            }
        });
    });
    egui::CentralPanel::default().show(ui, |ui| {
        // Keep the setup in step with the chosen scenario.
        let chosen = model.chosen.and_then(|p| model.library.entries.get(p));
        match chosen {
            Some(e) if e.is_valid() => {
                let fresh = st.seats.as_ref().is_none_or(|s| s.path != e.path);
                if fresh && let (Some(s), Some(w)) = (&e.loaded.scenario, &e.loaded.world) {
                    st.seats = Some(SeatSetup::new(
                        e.path.clone(),
                        s.title.clone(),
                        w,
                        random_seed(),
                    ));
                }
                if let Some(setup) = st.seats.as_mut() {
                    egui::ScrollArea::vertical().show(ui, |ui| {
                        if let Some(cmd) = seat_setup(ui, setup) {
                            out.push(cmd);
                        }
                    });
                }
            }
            Some(e) => {
                ui.label("This scenario has errors and cannot be played:");
                ui.label(RichText::new(e.loaded.render()).monospace());
            }
            None => {
                ui.label("Choose a scenario in the library first.");
            }
        }
    });
}
