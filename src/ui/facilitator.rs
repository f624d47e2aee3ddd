//! The facilitator panel (F9): the ground truth the players do not see,
//! firing any inject now, pausing, and notes that appear in the debrief.

use detente_sim::game::Command;
use detente_sim::ids::{IncidentId, InjectId};
use detente_sim::narrate;
use egui::RichText;

use super::{UiCommand, UiState};
use crate::session::Session;

pub fn panel(ui: &mut egui::Ui, session: &Session, st: &mut UiState, out: &mut Vec<UiCommand>) {
    let g = &session.game;
    ui.horizontal(|ui| {
        let label = if g.paused {
            "Resume the game"
        } else {
            "Pause the game"
        };
        if ui.button(label).clicked() {
            out.push(UiCommand::Facilitator(Command::SetPaused(!g.paused)));
        }
        ui.label(
            RichText::new("Players must not see this panel.")
                .small()
                .weak(),
        );
    });
    ui.separator();
    egui::ScrollArea::vertical().show(ui, |ui| {
        egui::CollapsingHeader::new(RichText::new("Ground truth").strong())
            .default_open(true)
            .show(ui, |ui| {
                for (i, inc) in g.world.incidents.iter().enumerate() {
                    let id = IncidentId::from_index(i);
                    let known: Vec<String> = inc
                        .known_to
                        .iter()
                        .map(|&s| g.world.state(s).name.clone())
                        .collect();
                    ui.label(format!(
                        "{}: by {}{}; known to {}",
                        narrate::incident(g, id),
                        narrate::party(g, inc.perpetrator),
                        inc.sponsor
                            .filter(|s| inc.perpetrator != detente_sim::ids::Party::State(*s))
                            .map(|s| format!(" for {}", g.world.state(s).name))
                            .unwrap_or_default(),
                        if known.is_empty() {
                            "nobody yet".into()
                        } else {
                            known.join(", ")
                        }
                    ));
                    for s in g.world.state_ids() {
                        if let Some((p, c)) = g.world.belief(s, id).first() {
                            ui.label(
                                RichText::new(format!(
                                    "   {} believes {} ({:.0}%)",
                                    g.world.state(s).name,
                                    narrate::party(g, *p),
                                    c * 100.0
                                ))
                                .small(),
                            );
                        }
                    }
                }
                let hidden: Vec<String> = g
                    .world
                    .infra
                    .nodes()
                    .filter(|(_, n)| n.compromise.as_ref().is_some_and(|c| !c.detected))
                    .map(|(_, n)| n.name.clone())
                    .collect();
                ui.label(format!(
                    "Hidden footholds: {}",
                    if hidden.is_empty() {
                        "none".into()
                    } else {
                        hidden.join(", ")
                    }
                ));
                for a in &g.world.actors {
                    ui.label(format!(
                        "{}: based in {}{}{}",
                        a.name,
                        g.world.state(a.based_in).name,
                        a.sponsor
                            .map(|s| format!(", sponsored by {}", g.world.state(s).name))
                            .unwrap_or_default(),
                        if a.stopped { ", stopped" } else { "" }
                    ));
                }
                let waiting: Vec<String> = g
                    .human_states()
                    .into_iter()
                    .filter(|s| !g.pending.contains_key(s))
                    .map(|s| g.world.state(s).name.clone())
                    .collect();
                ui.label(format!(
                    "Orders still to come from: {}",
                    if waiting.is_empty() {
                        "nobody".into()
                    } else {
                        waiting.join(", ")
                    }
                ));
            });
        egui::CollapsingHeader::new(RichText::new("Injects").strong())
            .default_open(true)
            .show(ui, |ui| {
                for (i, inj) in g.scenario.injects.iter().enumerate() {
                    let id = InjectId::from_index(i);
                    let fired = g.fired.get(&id).copied().unwrap_or(0);
                    ui.horizontal_wrapped(|ui| {
                        if ui.button(format!("Fire {}", inj.id)).clicked() {
                            out.push(UiCommand::Facilitator(Command::FireInject(id)));
                        }
                        let when = inj
                            .turn
                            .map(|t| format!("turn {t}"))
                            .unwrap_or_else(|| "on condition".into());
                        ui.label(RichText::new(format!("{when}, fired {fired} time(s)")).weak());
                        if !inj.note.is_empty() {
                            ui.label(RichText::new(&inj.note).small().italics());
                        }
                    });
                }
            });
        egui::CollapsingHeader::new(RichText::new("Notes for the debrief").strong())
            .default_open(true)
            .show(ui, |ui| {
                ui.add(
                    egui::TextEdit::multiline(&mut st.note)
                        .desired_rows(3)
                        .hint_text("What you noticed, to discuss afterwards"),
                );
                if ui.button("Add note").clicked() && !st.note.trim().is_empty() {
                    out.push(UiCommand::Facilitator(Command::AddNote(
                        st.note.trim().to_string(),
                    )));
                    st.note.clear();
                }
                for (t, n) in &g.notes {
                    ui.label(format!("Turn {t}: {n}"));
                }
            });
    });
}

pub fn window(ctx: &egui::Context, session: &Session, st: &mut UiState, out: &mut Vec<UiCommand>) {
    let mut open = true;
    egui::Window::new("Facilitator panel")
        .open(&mut open)
        .default_size([560.0, 600.0])
        .show(ctx, |ui| panel(ui, session, st, out));
    st.show_facilitator &= open;
}
