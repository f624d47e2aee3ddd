//! The debrief: the truth revealed (who really did what), the timeline of
//! every decision with its norm and CBM tags, charts, objectives met or
//! failed, scores, facilitator notes, and the scenario's discussion
//! questions; exports to HTML, Markdown and JSON.

use detente_sim::debrief::{self, Debrief};
use detente_sim::game::Game;
use egui::{Color32, RichText};

use super::{ExportFormat, Model, Screen, UiCommand, UiState, panels};

/// The debrief content for a finished (or running) game.
pub fn debrief_panel(ui: &mut egui::Ui, game: &Game, d: &Debrief, out: &mut Vec<UiCommand>) {
    ui.heading(format!("Debrief: {}", d.title));
    let colour = match d.verdict {
        debrief::Verdict::CrisisContained => Color32::from_rgb(100, 190, 120),
        debrief::Verdict::PartialSuccess | debrief::Verdict::InProgress => {
            Color32::from_rgb(230, 180, 70)
        }
        _ => Color32::from_rgb(230, 90, 70),
    };
    ui.label(
        RichText::new(&d.verdict_text)
            .size(22.0)
            .strong()
            .color(colour),
    );
    ui.label(format!(
        "{} turns played. Escalation peaked at {:.0} ({}) and ended at {:.0}. Civilian harm: {:.0} (people x service lost x sector weight, summed over turns).",
        d.turns_played, d.escalation_peak, d.peak_rung, d.escalation_end, d.total_harm
    ));
    ui.horizontal(|ui| {
        ui.label("Export the debrief:");
        if ui.button("HTML").clicked() {
            out.push(UiCommand::Export(ExportFormat::Html));
        }
        if ui.button("Markdown").clicked() {
            out.push(UiCommand::Export(ExportFormat::Markdown));
        }
        if ui.button("JSON").clicked() {
            out.push(UiCommand::Export(ExportFormat::Json));
        }
    });
    ui.separator();

    ui.label(RichText::new("The truth").strong().size(18.0));
    for i in &d.incidents {
        ui.label(RichText::new(format!(
            "Turn {}: {} at {} against {}. Really done by {}{}.",
            i.turn,
            i.kind,
            i.facilities.join(", "),
            i.victim,
            i.perpetrator,
            i.sponsor
                .as_ref()
                .map(|s| format!(" on behalf of {s}"))
                .unwrap_or_default()
        )));
        if !i.false_flag.is_empty() {
            ui.label(
                RichText::new(format!(
                    "   A false flag: evidence was planted to blame {}.",
                    i.false_flag.join(", ")
                ))
                .color(Color32::from_rgb(230, 170, 90)),
            );
        }
        for a in &i.attributions {
            let (t, c) = if a.correct {
                ("correct", Color32::from_rgb(100, 190, 120))
            } else {
                ("WRONG", Color32::from_rgb(230, 90, 70))
            };
            ui.label(
                RichText::new(format!(
                    "   turn {}: {} named {}{} at {:.0}% confidence - {t}",
                    a.turn,
                    a.by,
                    a.named,
                    if a.joint { " jointly" } else { "" },
                    a.confidence * 100.0
                ))
                .color(c),
            );
        }
    }
    for a in &d.actors {
        ui.label(a.sentence());
    }
    ui.separator();

    ui.label(RichText::new("Objectives").strong().size(18.0));
    panels::objectives(ui, game, None);
    ui.separator();

    ui.label(RichText::new("Scores").strong().size(18.0));
    egui::Grid::new("scores").striped(true).show(ui, |ui| {
        for h in [
            "State",
            "Played by",
            "Human security",
            "Stability",
            "Norms",
            "Cooperation",
            "Objectives",
            "Norms upheld / violated",
            "CBM uses",
        ] {
            ui.label(RichText::new(h).strong());
        }
        ui.end_row();
        for s in &d.states {
            ui.label(&s.name);
            ui.label(&s.controller);
            ui.label(format!("{:.0}", s.scores.human_security));
            ui.label(format!("{:.0}", s.scores.stability));
            ui.label(format!("{:.0}", s.scores.norms));
            ui.label(format!("{:.0}", s.scores.cooperation));
            ui.label(format!(
                "{}/{}",
                s.scores.objectives_met, s.scores.objectives_total
            ));
            ui.label(format!("{} / {}", s.norms_upheld, s.norms_violated));
            ui.label(s.cbms_used.to_string());
            ui.end_row();
        }
        ui.label(RichText::new("All States").strong());
        ui.label("");
        ui.label(format!("{:.0}", d.scores.human_security));
        ui.label(format!("{:.0}", d.scores.stability));
        ui.label(format!("{:.0}", d.scores.norms));
        ui.label(format!("{:.0}", d.scores.cooperation));
        ui.label(format!(
            "{}/{}",
            d.scores.objectives_met, d.scores.objectives_total
        ));
        ui.end_row();
    });
    ui.separator();

    egui::CollapsingHeader::new(
        RichText::new(format!("Timeline of decisions ({})", d.timeline.len()))
            .strong()
            .size(18.0),
    )
    .default_open(true)
    .show(ui, |ui| {
        egui::Grid::new("timeline").striped(true).show(ui, |ui| {
            for h in ["Turn", "State", "Decision", "Target", "Tags"] {
                ui.label(RichText::new(h).strong());
            }
            ui.end_row();
            for t in &d.timeline {
                ui.label(t.turn.to_string());
                ui.label(&t.state);
                ui.label(&t.what);
                ui.label(&t.target);
                ui.horizontal(|ui| {
                    for u in &t.upholds {
                        ui.label(
                            RichText::new(format!("+{u}"))
                                .small()
                                .color(Color32::from_rgb(100, 190, 120)),
                        );
                    }
                    for v in &t.violates {
                        ui.label(
                            RichText::new(format!("-{v}"))
                                .small()
                                .color(Color32::from_rgb(230, 90, 70)),
                        );
                    }
                    if let Some(c) = &t.cbm {
                        ui.label(
                            RichText::new(c)
                                .small()
                                .color(Color32::from_rgb(110, 160, 230)),
                        );
                    }
                });
                ui.end_row();
            }
        });
    });
    ui.separator();
    ui.label(RichText::new("Charts").strong().size(18.0));
    ui.allocate_ui(egui::vec2(ui.available_width(), 700.0), |ui| {
        panels::charts(ui, game, None)
    });
    if !d.notes.is_empty() {
        ui.separator();
        ui.label(RichText::new("Facilitator notes").strong().size(18.0));
        for (t, n) in &d.notes {
            ui.label(format!("Turn {t}: {n}"));
        }
    }
    ui.separator();
    ui.label(
        RichText::new("Questions for discussion")
            .strong()
            .size(18.0),
    );
    for (i, q) in d.questions.iter().enumerate() {
        ui.label(format!("{}. {q}", i + 1));
    }
}

pub fn debrief_screen(
    ui: &mut egui::Ui,
    model: &Model,
    _st: &mut UiState,
    out: &mut Vec<UiCommand>,
) {
    egui::Panel::top("debrief_top").show(ui, |ui| {
        ui.horizontal(|ui| {
            if ui.button("< Main menu").clicked() {
                out.push(UiCommand::GoTo(Screen::MainMenu));
            }
            if ui.button("Scenario library").clicked() {
                out.push(UiCommand::GoTo(Screen::Library));
            }
        });
    });
    egui::CentralPanel::default().show(ui, |ui| {
        let Some(session) = model.session else {
            ui.label("No game to debrief.");
            return;
        };
        let d = debrief::build(&session.game);
        egui::ScrollArea::vertical().show(ui, |ui| debrief_panel(ui, &session.game, &d, out));
    });
}
