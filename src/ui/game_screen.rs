//! The turn loop on screen: the opening briefing, hand-over screens that
//! hide the last seat's view, and each seat's view (report, orders, map,
//! incidents, relations, ladder, news, charts).

use detente_sim::ids::StateId;
use detente_sim::scenario::format::Controller;
use egui::RichText;

use super::{Model, Screen, Tab, UiCommand, UiState, map, orders, panels};
use crate::session::{Phase, Session};

pub fn game(ui: &mut egui::Ui, model: &Model, st: &mut UiState, out: &mut Vec<UiCommand>) {
    let Some(session) = model.session else {
        egui::CentralPanel::default().show(ui, |ui| {
            ui.label("No game in progress.");
            if ui.button("Scenario library").clicked() {
                out.push(UiCommand::GoTo(Screen::Library));
            }
        });
        return;
    };
    match &session.phase {
        Phase::Briefing => briefing(ui, session, out),
        Phase::Handover { seat } => handover(ui, session, *seat, out),
        Phase::Seat { seat } => {
            let me = session.humans[*seat];
            seat_view(ui, session, Some(me), st, out);
        }
        Phase::Observe => observer(ui, session, st, out),
        Phase::Over => {
            egui::CentralPanel::default().show(ui, |ui| {
                ui.heading("The exercise is over.");
                if ui.button("Go to the debrief").clicked() {
                    out.push(UiCommand::GoTo(Screen::Debrief));
                }
            });
        }
    }
}

fn enter_pressed(ui: &egui::Ui) -> bool {
    !ui.ctx().egui_wants_keyboard_input()
        && ui.input(|i| i.key_pressed(egui::Key::Enter) && !i.modifiers.command)
}

fn briefing(ui: &mut egui::Ui, session: &Session, out: &mut Vec<UiCommand>) {
    let sc = &session.game.scenario;
    egui::CentralPanel::default().show(ui, |ui| {
        egui::ScrollArea::vertical().show(ui, |ui| {
            ui.heading(&sc.title);
            ui.label(
                RichText::new(format!(
                    "Each turn stands for {} hours; the exercise has {} turns.",
                    sc.turn_hours, sc.turns
                ))
                .weak(),
            );
            ui.add_space(8.0);
            ui.label(RichText::new("Briefing").strong().size(18.0));
            ui.label(&sc.summary);
            if !sc.briefing.is_empty() {
                ui.add_space(4.0);
                ui.label(&sc.briefing);
            }
            ui.add_space(8.0);
            ui.label(RichText::new("What this exercise is about").strong());
            for o in &sc.learning_objectives {
                ui.label(format!("- {o}"));
            }
            ui.add_space(8.0);
            ui.label(RichText::new("Objectives").strong());
            panels::objectives(ui, &session.game, None);
            ui.add_space(8.0);
            ui.label(RichText::new("The States").strong());
            for (i, s) in session.game.world.states.iter().enumerate() {
                let who = match s.controller {
                    Controller::Human => format!(
                        "played by {}",
                        session.seat_name(
                            session
                                .humans
                                .iter()
                                .position(|&h| h.index() == i)
                                .unwrap_or(0)
                        )
                    ),
                    Controller::Computer => "played by the computer".into(),
                    Controller::Scripted => "moved by the scenario".into(),
                };
                ui.horizontal(|ui| {
                    super::widgets::state_label(ui, &s.name, s.colour);
                    ui.label(RichText::new(who).weak());
                });
            }
            ui.add_space(12.0);
            let label = if session.humans.is_empty() {
                "Watch the computer play"
            } else {
                "Begin (Enter)"
            };
            if ui
                .add(egui::Button::new(RichText::new(label).size(18.0)))
                .clicked()
                || enter_pressed(ui)
            {
                out.push(UiCommand::Ready);
            }
        });
    });
}

/// The hand-over screen: nothing of the previous seat is drawn.
pub fn handover(ui: &mut egui::Ui, session: &Session, seat: usize, out: &mut Vec<UiCommand>) {
    egui::CentralPanel::default().show(ui, |ui| {
        ui.vertical_centered(|ui| {
            ui.add_space(ui.available_height() * 0.3);
            ui.label(
                RichText::new(format!(
                    "Turn {} of {}",
                    session.game.turn, session.game.scenario.turns
                ))
                .size(18.0)
                .weak(),
            );
            ui.add_space(8.0);
            let name = session.seat_name(seat);
            ui.label(
                RichText::new(format!("Pass to the delegation of {name}"))
                    .size(32.0)
                    .strong(),
            );
            ui.add_space(8.0);
            ui.label(
                RichText::new("Other delegations, please look away. Press Enter when ready.")
                    .size(17.0),
            );
            ui.add_space(16.0);
            if ui
                .add(egui::Button::new(
                    RichText::new("Ready: show my screen").size(18.0),
                ))
                .clicked()
                || enter_pressed(ui)
            {
                out.push(UiCommand::Ready);
            }
        });
    });
}

fn top_bar(
    ui: &mut egui::Ui,
    session: &Session,
    me: Option<StateId>,
    st: &mut UiState,
    out: &mut Vec<UiCommand>,
) {
    let g = &session.game;
    egui::Panel::top("game_top").show(ui, |ui| {
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(format!("Turn {} of {}", g.turn, g.scenario.turns)).strong());
            ui.separator();
            match me {
                Some(me) => {
                    let s = g.world.state(me);
                    super::widgets::state_label(ui, &s.name, s.colour);
                    ui.label(format!("capital {}", g.capital(me)));
                    ui.label(format!("pressure {:.0}", s.pressure)).on_hover_text("Domestic pressure: rises with civilian harm; at the limit, patient options close.");
                    ui.label(format!("reputation {:.0}", s.reputation));
                }
                None => {
                    ui.label("Observer: the computer plays every State");
                }
            }
            ui.separator();
            let rung = &g.scenario.rungs[g.world.ladder.rung];
            ui.label(RichText::new(format!("Escalation: {} ({:.0})", rung.name, g.world.ladder.level)).strong());
            if g.paused {
                ui.label(RichText::new("PAUSED by the facilitator").color(egui::Color32::from_rgb(240, 170, 60)));
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if ui.button("Menu").clicked() {
                    out.push(UiCommand::GoTo(Screen::MainMenu));
                }
                if ui.button("Help (F1)").clicked() {
                    st.show_help = true;
                }
                if ui.button("Norms & CBMs (F2)").clicked() {
                    st.show_reference = true;
                }
                if ui.button("Facilitator (F9)").clicked() {
                    st.show_facilitator = !st.show_facilitator;
                }
                if ui.button("Load").clicked() {
                    st.show_load = true;
                }
                if ui.button("Save").clicked() {
                    st.show_save = true;
                }
            });
        });
    });
}

fn seat_view(
    ui: &mut egui::Ui,
    session: &Session,
    me: Option<StateId>,
    st: &mut UiState,
    out: &mut Vec<UiCommand>,
) {
    let g = &session.game;
    top_bar(ui, session, me, st, out);
    if let Some(me) = me {
        egui::Panel::left("orders")
            .default_size(430.0)
            .resizable(true)
            .show(ui, |ui| {
                let draft = st.drafts.entry(me).or_default();
                // Drop orders that no longer fit (a new turn, a changed rung).
                draft.actions.retain(|o| g.check_order(me, o).is_ok());
                let offered = g.offered.get(&me).cloned().unwrap_or_default();
                draft.choices.retain(|(d, _)| offered.contains(d));
                if let Some(cmd) = orders::orders_panel(ui, g, me, draft, &mut st.picker) {
                    out.push(cmd);
                }
            });
    }
    egui::CentralPanel::default().show(ui, |ui| {
        if let Some(me) = me {
            let s = g.world.state(me);
            if g.turn == 1 && !s.briefing.is_empty() {
                egui::CollapsingHeader::new(RichText::new("Your private briefing").strong())
                    .default_open(true)
                    .id_salt("private_briefing")
                    .show(ui, |ui| {
                        ui.label(&s.briefing);
                    });
            }
            panels::report(ui, g, me, if g.turn == 1 { 0 } else { session.report_from });
            egui::CollapsingHeader::new(RichText::new("Objectives").strong())
                .id_salt("objectives")
                .show(ui, |ui| panels::objectives(ui, g, Some(me)));
        } else {
            ui.horizontal(|ui| {
                if ui
                    .add_enabled(
                        !g.paused,
                        egui::Button::new(RichText::new("Play the next turn").strong()),
                    )
                    .clicked()
                {
                    out.push(UiCommand::AdvanceComputerTurn);
                }
                ui.label(
                    RichText::new("Each click resolves one turn; the computer plays every State.")
                        .weak(),
                );
            });
        }
        ui.horizontal(|ui| {
            for (i, t) in Tab::ALL.iter().enumerate() {
                if ui
                    .selectable_label(st.tab == *t, format!("{} {}", i + 1, t.label()))
                    .clicked()
                {
                    st.tab = *t;
                }
            }
        });
        ui.separator();
        match st.tab {
            Tab::Map => map::map(ui, g, me, &mut st.map),
            Tab::Incidents => match me {
                Some(me) => panels::incidents(ui, g, me),
                None => {
                    ui.label("Incidents in the news:");
                    for i in (0..g.world.incidents.len())
                        .map(detente_sim::ids::IncidentId::from_index)
                        .filter(|&i| g.world.incident(i).public)
                    {
                        ui.label(detente_sim::narrate::incident(g, i));
                    }
                }
            },
            Tab::Relations => {
                egui::ScrollArea::vertical()
                    .id_salt("rel")
                    .show(ui, |ui| panels::relations(ui, g, me));
            }
            Tab::Ladder => {
                egui::ScrollArea::vertical()
                    .id_salt("ladder")
                    .show(ui, |ui| panels::ladder(ui, g));
            }
            Tab::News => panels::feed(ui, g, me, 0),
            Tab::Charts => panels::charts(ui, g, me),
        }
    });
}

/// A computer-only game has no seat: it is watched from the observer view.
pub fn observer(ui: &mut egui::Ui, session: &Session, st: &mut UiState, out: &mut Vec<UiCommand>) {
    seat_view(ui, session, None, st, out);
}
