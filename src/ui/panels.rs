//! Read-only panels of the game screen, each showing one seat's view (what
//! its State knows, never the hidden truth): the escalation ladder,
//! relations and channels, the news and intelligence feed, incidents with
//! the seat's evidence and beliefs, objectives, and charts over turns.

use detente_sim::events::{EventKind, Seen};
use detente_sim::game::{Game, ObjectiveStatus};
use detente_sim::ids::{IncidentId, StateId};
use detente_sim::narrate;
use detente_sim::scenario::format::Channel;
use egui::{Color32, RichText};
use egui_plot::{Corner, Legend, Line, Plot, PlotPoints, uniform_grid_spacer};

use super::widgets::{bar, section, state_label};

/// The escalation ladder: every rung, the current one marked, what each closes or opens.
pub fn ladder(ui: &mut egui::Ui, game: &Game) {
    let sc = &game.scenario;
    let l = &game.world.ladder;
    section(
        ui,
        "Escalation ladder",
        "The whole region shares one track. Higher rungs close patient options and open coercive ones; the top rung ends the game as a collective loss. The track relaxes slowly when nothing feeds it.",
    );
    ui.add(
        egui::ProgressBar::new((l.level / 100.0) as f32)
            .corner_radius(3)
            .text(format!("level {:.0} of 100 (peak {:.0})", l.level, l.peak)),
    );
    ui.add_space(6.0);
    for (i, r) in sc.rungs.iter().enumerate().rev() {
        let current = i == l.rung;
        let frame = egui::Frame::group(ui.style()).fill(if current {
            Color32::from_rgb(120, 60, 30)
        } else {
            Color32::TRANSPARENT
        });
        frame.show(ui, |ui| {
            ui.set_width(ui.available_width());
            let mut head = RichText::new(format!("{}  (from {:.0})", r.name, r.threshold)).strong();
            if current {
                head = head.color(Color32::WHITE);
            }
            ui.horizontal(|ui| {
                ui.label(head);
                if current {
                    ui.label(RichText::new("YOU ARE HERE").small().color(Color32::WHITE));
                }
                if i == sc.top_rung() {
                    ui.label(
                        RichText::new("ends the game")
                            .small()
                            .color(Color32::from_rgb(240, 120, 100)),
                    );
                }
            });
            if !r.description.is_empty() {
                ui.label(&r.description);
            }
            let names = |ids: &[detente_sim::ids::ActionId]| {
                ids.iter()
                    .map(|&a| narrate::action(game, a))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            if !r.opens.is_empty() {
                ui.label(RichText::new(format!("Opens: {}", names(&r.opens))).small());
            }
            if !r.closes.is_empty() {
                ui.label(RichText::new(format!("Closes: {}", names(&r.closes))).small());
            }
        });
    }
}

/// Relations between the seat's State and every other: trust, tension, channels.
pub fn relations(ui: &mut egui::Ui, game: &Game, me: Option<StateId>) {
    section(
        ui,
        "Relations and channels",
        "Trust and tension run from 0 to 100. Channels (from CBMs) make communication possible and cheaper.",
    );
    let w = &game.world;
    let pairs: Vec<(StateId, StateId)> = match me {
        Some(me) => w
            .state_ids()
            .filter(|&s| s != me)
            .map(|s| (me, s))
            .collect(),
        None => w.relations.iter().map(|(a, b, _)| (a, b)).collect(),
    };
    for (a, b) in pairs {
        let Some(r) = w.relations.get(a, b) else {
            continue;
        };
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.horizontal(|ui| {
                if me.is_none() {
                    state_label(ui, &w.state(a).name, w.state(a).colour);
                    ui.label("and");
                }
                state_label(ui, &w.state(b).name, w.state(b).colour);
                ui.label(RichText::new(format!("reputation {:.0}", w.state(b).reputation)).weak());
            });
            bar(ui, "Trust", r.trust, Color32::from_rgb(60, 130, 200));
            bar(ui, "Tension", r.tension, Color32::from_rgb(200, 80, 50));
            ui.horizontal_wrapped(|ui| {
                ui.label("Channels:");
                for c in Channel::ALL {
                    let has = r.channels.contains(&c);
                    let t = RichText::new(c.label()).small();
                    let t = if has {
                        t.strong().color(Color32::from_rgb(90, 180, 110))
                    } else {
                        t.weak().strikethrough()
                    };
                    ui.label(t).on_hover_text(format!(
                        "{} ({})",
                        if has { "Open" } else { "Not set up" },
                        c.cbm().reference()
                    ));
                }
            });
        });
    }
}

fn event_colour(kind: &EventKind) -> Option<Color32> {
    Some(match kind {
        EventKind::Intel { .. }
        | EventKind::EvidenceFound { .. }
        | EventKind::EvidenceDiscredited { .. } => Color32::from_rgb(110, 160, 230),
        EventKind::NodeDown { .. }
        | EventKind::IncidentReported { .. }
        | EventKind::CompromiseDetected { .. } => Color32::from_rgb(230, 110, 80),
        EventKind::RungChanged { .. }
        | EventKind::PressureHigh { .. }
        | EventKind::GameEnded { .. } => Color32::from_rgb(240, 170, 60),
        EventKind::NodeRestored { .. }
        | EventKind::ObjectiveMet { .. }
        | EventKind::AssistanceDelivered { .. } => Color32::from_rgb(100, 190, 120),
        _ => return None,
    })
}

/// Is this event worth a line in the feed (not bookkeeping)?
fn newsworthy(kind: &EventKind) -> bool {
    !matches!(
        kind,
        EventKind::OrdersSubmitted { .. }
            | EventKind::NormTag { .. }
            | EventKind::CbmExercised { .. }
            | EventKind::TurnStarted
    )
}

/// The news and intelligence feed for a seat (public news and its own), newest turn first.
pub fn feed(ui: &mut egui::Ui, game: &Game, me: Option<StateId>, from: usize) {
    section(
        ui,
        "News and intelligence",
        "Public news everyone sees, and what only your State knows (in blue).",
    );
    let events: Vec<_> = game.events[from.min(game.events.len())..]
        .iter()
        .filter(|e| match me {
            Some(me) => e.seen.visible_to(me),
            None => e.seen == Seen::Public,
        })
        .filter(|e| newsworthy(&e.kind))
        .collect();
    egui::ScrollArea::vertical().id_salt("feed").show(ui, |ui| {
        let mut turn = u32::MAX;
        for e in events.iter().rev() {
            if e.turn != turn {
                turn = e.turn;
                ui.add_space(4.0);
                ui.label(RichText::new(format!("Turn {turn}")).strong());
            }
            let text = narrate::describe(game, e);
            let private = e.seen != Seen::Public;
            let rich = RichText::new(if private {
                format!("[yours] {text}")
            } else {
                text
            });
            match event_colour(&e.kind) {
                Some(c) => ui.label(rich.color(c)),
                None => ui.label(rich),
            };
        }
    });
}

/// The seat's report: what happened since it last gave orders.
pub fn report(ui: &mut egui::Ui, game: &Game, me: StateId, from: usize) {
    let items: Vec<_> = game.events[from.min(game.events.len())..]
        .iter()
        .filter(|e| e.seen.visible_to(me) && newsworthy(&e.kind))
        .collect();
    if items.is_empty() {
        return;
    }
    egui::CollapsingHeader::new(
        RichText::new(format!("What happened ({} items)", items.len())).strong(),
    )
    .default_open(true)
    .id_salt(("report", me))
    .show(ui, |ui| {
        egui::ScrollArea::vertical()
            .id_salt("report_scroll")
            .max_height(180.0)
            .show(ui, |ui| {
                for e in items {
                    let text = narrate::describe(game, e);
                    match event_colour(&e.kind) {
                        Some(c) => ui.label(RichText::new(text).color(c)),
                        None => ui.label(text),
                    };
                }
            });
    });
}

/// Incidents the seat knows of, with its evidence and its belief about who did it.
pub fn incidents(ui: &mut egui::Ui, game: &Game, me: StateId) {
    section(
        ui,
        "Incidents and evidence",
        "Your beliefs come only from evidence you hold. Some evidence may be planted. Attribute publicly only when you are confident (GGE 13(b)).",
    );
    let known = game.known_incidents(me);
    if known.is_empty() {
        ui.label("No incident known to your State yet.");
    }
    let threshold = game.scenario.settings.attribution_confidence;
    egui::ScrollArea::vertical()
        .id_salt("incidents")
        .show(ui, |ui| {
            for i in known.into_iter().rev() {
                incident_card(ui, game, me, i, threshold);
            }
        });
}

fn incident_card(ui: &mut egui::Ui, game: &Game, me: StateId, i: IncidentId, threshold: f64) {
    let w = &game.world;
    let inc = w.incident(i);
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.label(RichText::new(format!(
            "{} - victim {}{}",
            narrate::incident(game, i),
            w.state(inc.victim).name,
            if inc.nodes.len() > 1 { format!(", {} facilities hit", inc.nodes.len()) } else { String::new() }
        ))
        .strong());
        let belief = w.belief(me, i);
        if belief.is_empty() {
            ui.label(RichText::new("You hold no evidence on who did this. Investigate, ask partners to share, or request assistance.").weak());
        }
        for (p, c) in belief {
            ui.horizontal(|ui| {
                ui.add_sized([200.0, 18.0], egui::Label::new(narrate::party(game, p)));
                let colour = if c >= threshold { Color32::from_rgb(90, 170, 100) } else { Color32::from_rgb(170, 140, 60) };
                ui.add(egui::ProgressBar::new(c as f32).desired_width(180.0).fill(colour).corner_radius(3).text(format!("{:.0}% confident", c * 100.0)));
            });
        }
        let evidence: Vec<_> = w.evidence.iter().filter(|e| e.holder == me && e.incident == i).collect();
        if !evidence.is_empty() {
            egui::CollapsingHeader::new(format!("Your evidence ({})", evidence.len())).id_salt(("ev", i, me)).show(ui, |ui| {
                for e in evidence {
                    let mut t = RichText::new(format!(
                        "turn {}: points to {} (strength {:.2}) - {}",
                        e.turn,
                        narrate::party(game, e.suspect),
                        e.weight,
                        e.text
                    ));
                    if e.discredited {
                        t = t.strikethrough().weak();
                    }
                    ui.label(t);
                }
            });
        }
        for a in &inc.attributions {
            ui.label(RichText::new(format!(
                "Turn {}: {} publicly named {}{}.",
                a.turn,
                w.state(a.by).name,
                narrate::party(game, a.suspect),
                if a.joint { " together with partners" } else { "" }
            ))
            .italics());
        }
    });
}

/// Objectives the seat can see: shared ones and its own.
pub fn objectives(ui: &mut egui::Ui, game: &Game, me: Option<StateId>) {
    for (o, s) in game.scenario.objectives.iter().zip(&game.objectives) {
        if let (Some(owner), Some(me)) = (o.owner, me)
            && owner != me
        {
            continue;
        }
        let (mark, colour) = match s {
            ObjectiveStatus::Pending => ("[ ]", None),
            ObjectiveStatus::Met(_) => ("[met]", Some(Color32::from_rgb(100, 190, 120))),
            ObjectiveStatus::Failed(_) => ("[failed]", Some(Color32::from_rgb(220, 90, 60))),
        };
        let owner = o
            .owner
            .map(|x| game.world.state(x).name.clone())
            .unwrap_or_else(|| "shared".into());
        let t = RichText::new(format!("{mark} {} ({owner})", o.def.text));
        match colour {
            Some(c) => ui.label(t.color(c)),
            None => ui.label(t),
        };
    }
}

/// A chart over the whole exercise: turns 1 to the last on the x axis,
/// marked at whole turns only.
fn turn_plot(id: &str, height: f32, turns: f64) -> Plot<'static> {
    Plot::new(id)
        .height(height)
        .include_x(1.0)
        .include_x(turns.max(2.0))
        .x_axis_label("turn")
        .x_grid_spacer(uniform_grid_spacer(|_| [1.0, 5.0, 10.0]))
        .x_axis_formatter(|mark, _| {
            if mark.value >= 1.0 && mark.value.fract() == 0.0 {
                format!("{}", mark.value as i64)
            } else {
                String::new()
            }
        })
}

/// Charts over turns: escalation, civilian harm, trust, and the four scores.
pub fn charts(ui: &mut egui::Ui, game: &Game, me: Option<StateId>) {
    section(ui, "Over time", "One point per resolved turn.");
    if game.history.is_empty() {
        ui.label("The charts fill in once the first turn is resolved.");
        return;
    }
    let series = |f: &dyn Fn(&detente_sim::game::TurnRecord) -> f64| -> PlotPoints<'static> {
        game.history
            .iter()
            .map(|h| [h.turn as f64, f(h)])
            .collect::<Vec<[f64; 2]>>()
            .into()
    };
    let h = (ui.available_height() / 3.2).clamp(120.0, 260.0);
    let turns = game.scenario.turns as f64;
    egui::ScrollArea::vertical()
        .id_salt("charts")
        .show(ui, |ui| {
            ui.label(RichText::new("Escalation and trust").strong());
            turn_plot("plot_escalation", h, turns)
                .legend(Legend::default())
                .include_y(0.0)
                .include_y(100.0)
                .show(ui, |p| {
                    p.line(
                        Line::new("escalation", series(&|r| r.escalation))
                            .color(Color32::from_rgb(220, 80, 60)),
                    );
                    p.line(
                        Line::new("mean trust", series(&|r| r.mean_trust))
                            .color(Color32::from_rgb(70, 140, 220)),
                    );
                    p.line(
                        Line::new("highest tension", series(&|r| r.max_tension))
                            .color(Color32::from_rgb(230, 160, 60)),
                    );
                });
            ui.label(RichText::new("Civilian harm per turn").strong());
            turn_plot("plot_harm", h, turns)
                .legend(Legend::default())
                .include_y(0.0)
                .show(ui, |p| {
                    p.line(
                        Line::new("all States", series(&|r| r.harm))
                            .color(Color32::from_rgb(170, 90, 200)),
                    );
                    if let Some(me) = me {
                        p.line(
                            Line::new(
                                "your State",
                                series(&|r| {
                                    r.harm_by_state.get(me.index()).copied().unwrap_or(0.0)
                                }),
                            )
                            .color(Color32::from_rgb(230, 120, 200)),
                        );
                    }
                });
            ui.label(
                RichText::new(if me.is_some() {
                    "Your scores"
                } else {
                    "Scores (all States)"
                })
                .strong(),
            );
            let pick = |r: &detente_sim::game::TurnRecord| match me {
                Some(me) => r
                    .scores
                    .by_state
                    .get(me.index())
                    .cloned()
                    .unwrap_or_default(),
                None => r.scores.all.clone(),
            };
            turn_plot("plot_scores", h, turns)
                .legend(Legend::default().position(Corner::LeftBottom))
                .include_y(0.0)
                .include_y(100.0)
                .show(ui, |p| {
                    p.line(
                        Line::new("human security", series(&|r| pick(r).human_security))
                            .color(Color32::from_rgb(80, 180, 110)),
                    );
                    p.line(
                        Line::new("stability", series(&|r| pick(r).stability))
                            .color(Color32::from_rgb(220, 80, 60)),
                    );
                    p.line(
                        Line::new("norms", series(&|r| pick(r).norms))
                            .color(Color32::from_rgb(200, 200, 200)),
                    );
                    p.line(
                        Line::new("cooperation", series(&|r| pick(r).cooperation))
                            .color(Color32::from_rgb(70, 140, 220)),
                    );
                });
        });
}
