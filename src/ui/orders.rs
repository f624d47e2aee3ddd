//! Giving orders: the action picker (cost, target, preconditions, and the
//! norm and CBM tags of every action with their explanation and
//! reference), the dilemma cards offered this turn, the list of orders
//! and the submit button. Orders are checked by the engine before they are
//! sent; the panel only proposes.

use detente_sim::game::{Game, Order, Orders, Target};
use detente_sim::ids::{ActionId, DilemmaId, StateId};
use detente_sim::narrate;
use detente_sim::scenario::format::Family;
use egui::{Color32, RichText};

use super::UiCommand;
use super::widgets::{cbm_tag, norm_tag};

#[derive(Clone, Debug, Default)]
pub struct Picker {
    pub selected: Option<ActionId>,
    pub target: usize,
    pub show_closed: bool,
    pub error: Option<String>,
}

/// One dilemma card; returns the chosen option when a button is pressed.
pub fn dilemma_card(
    ui: &mut egui::Ui,
    game: &Game,
    d: DilemmaId,
    chosen: Option<usize>,
) -> Option<usize> {
    let def = &game.scenario.dilemmas[d.index()].def;
    let mut pick = None;
    egui::Frame::group(ui.style())
        .fill(ui.visuals().faint_bg_color)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.label(
                RichText::new(format!("Decision: {}", def.title))
                    .strong()
                    .size(17.0),
            );
            ui.label(&def.situation);
            ui.add_space(4.0);
            for (i, o) in def.options.iter().enumerate() {
                ui.horizontal_wrapped(|ui| {
                    let selected = chosen == Some(i);
                    let text = if selected {
                        RichText::new(format!("(chosen) {}", o.label)).strong()
                    } else {
                        RichText::new(&o.label)
                    };
                    if ui
                        .add(egui::Button::new(text).selected(selected))
                        .on_hover_text(&o.explanation)
                        .clicked()
                    {
                        pick = Some(i);
                    }
                    for &n in &o.upholds {
                        norm_tag(ui, n, true);
                    }
                    for &n in &o.violates {
                        norm_tag(ui, n, false);
                    }
                    if let Some(c) = o.cbm {
                        cbm_tag(ui, c);
                    }
                });
                if !o.explanation.is_empty() {
                    ui.label(RichText::new(&o.explanation).small().weak());
                }
            }
        });
    pick
}

fn cost_text(game: &Game, me: StateId, a: ActionId, target: Option<&Target>) -> String {
    let base = game.scenario.action(a).def.cost;
    match target {
        Some(t) => {
            let c = game.cost(
                me,
                &Order {
                    action: a,
                    target: *t,
                },
            );
            if c < base {
                format!("{c} (channel discount)")
            } else {
                c.to_string()
            }
        }
        None => base.to_string(),
    }
}

/// The action picker and the seat's orders. Returns a command when the
/// orders are submitted.
pub fn orders_panel(
    ui: &mut egui::Ui,
    game: &Game,
    me: StateId,
    draft: &mut Orders,
    picker: &mut Picker,
) -> Option<UiCommand> {
    let mut cmd = None;
    let capital = game.capital(me);
    let spent: u32 = draft.actions.iter().map(|o| game.cost(me, o)).sum();
    ui.label(RichText::new("Your orders").strong().size(18.0));
    ui.add(
        egui::ProgressBar::new(if capital > 0 {
            spent as f32 / capital as f32
        } else {
            0.0
        })
        .corner_radius(3)
        .text(format!("capital used: {spent} of {capital}")),
    );

    // Dilemmas first: they must be answered.
    let offered = game.offered.get(&me).cloned().unwrap_or_default();
    for d in offered {
        let chosen = draft.choices.iter().find(|(x, _)| *x == d).map(|(_, o)| *o);
        if let Some(o) = dilemma_card(ui, game, d, chosen) {
            draft.choices.retain(|(x, _)| *x != d);
            draft.choices.push((d, o));
        }
    }

    ui.add_space(4.0);
    ui.label(RichText::new("Orders this turn").strong());
    if draft.actions.is_empty() {
        ui.label(RichText::new("None yet: choose actions below.").weak());
    }
    let mut remove = None;
    for (i, o) in draft.actions.iter().enumerate() {
        ui.horizontal_wrapped(|ui| {
            let t = narrate::target(game, &o.target);
            ui.label(format!(
                "{}. {}{} ({})",
                i + 1,
                narrate::action(game, o.action),
                if t.is_empty() {
                    String::new()
                } else {
                    format!(" - {t}")
                },
                game.cost(me, o)
            ));
            if ui.small_button(format!("Remove order {}", i + 1)).clicked() {
                remove = Some(i);
            }
        });
    }
    if let Some(i) = remove {
        draft.actions.remove(i);
    }
    ui.add_space(4.0);
    let submit = ui.add(
        egui::Button::new(RichText::new("Submit orders").strong().size(17.0))
            .min_size(egui::vec2(200.0, 32.0)),
    );
    let hotkey = ui.input(|i| i.modifiers.command && i.key_pressed(egui::Key::Enter));
    if submit.clicked() || hotkey {
        match game.check_orders(me, draft) {
            Ok(()) => {
                picker.error = None;
                cmd = Some(UiCommand::Submit {
                    state: me,
                    orders: draft.clone(),
                });
            }
            Err(e) => picker.error = Some(e.to_string()),
        }
    }
    if let Some(e) = &picker.error {
        ui.colored_label(Color32::from_rgb(230, 90, 70), e);
    }
    ui.separator();

    // The catalogue, family by family.
    ui.horizontal(|ui| {
        ui.label(RichText::new("Actions").strong());
        ui.checkbox(&mut picker.show_closed, "Show closed actions");
    });
    egui::ScrollArea::vertical()
        .id_salt("actions")
        .show(ui, |ui| {
            for family in Family::ALL {
                egui::CollapsingHeader::new(family.label())
                    .default_open(true)
                    .id_salt(("family", family.label()))
                    .show(ui, |ui| {
                        for a in 0..game.scenario.actions.len() {
                            let id = ActionId::from_index(a);
                            let def = &game.scenario.action(id).def;
                            if def.family != family {
                                continue;
                            }
                            let open = game.action_open(me, id);
                            let targets = if open.is_ok() {
                                game.targets(me, id)
                            } else {
                                Vec::new()
                            };
                            let usable = open.is_ok() && !targets.is_empty();
                            if !usable && !picker.show_closed && picker.selected != Some(id) {
                                continue;
                            }
                            let selected = picker.selected == Some(id);
                            let label = RichText::new(format!("{}  [{}]", def.name, def.cost));
                            let label = if usable { label } else { label.weak() };
                            if ui.selectable_label(selected, label).clicked() {
                                picker.selected = if selected { None } else { Some(id) };
                                picker.target = 0;
                            }
                            if selected {
                                action_details(
                                    ui,
                                    game,
                                    me,
                                    id,
                                    &targets,
                                    open.err().map(|e| e.to_string()),
                                    draft,
                                    picker,
                                );
                            }
                        }
                    });
            }
        });
    cmd
}

#[allow(clippy::too_many_arguments)]
fn action_details(
    ui: &mut egui::Ui,
    game: &Game,
    me: StateId,
    id: ActionId,
    targets: &[Target],
    closed: Option<String>,
    draft: &mut Orders,
    picker: &mut Picker,
) {
    let def = &game.scenario.action(id).def;
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.label(&def.summary);
        ui.horizontal_wrapped(|ui| {
            for &n in &def.upholds {
                norm_tag(ui, n, true);
            }
            for &n in &def.violates {
                norm_tag(ui, n, false);
            }
            if let Some(c) = def.cbm {
                cbm_tag(ui, c);
            }
            if def.patient {
                ui.label(RichText::new("patient option").small().italics())
                    .on_hover_text("Closed while domestic pressure is at or above the limit.");
            }
        });
        for n in &def.upholds {
            ui.label(RichText::new(format!("{}: {}", n.reference(), n.info().meaning)).small().weak());
        }
        for n in &def.violates {
            ui.label(RichText::new(format!("Breaks {}: {}", n.reference(), n.info().meaning)).small().color(Color32::from_rgb(230, 120, 100)));
        }
        if let Some(c) = def.cbm {
            ui.label(RichText::new(format!("{}: {}", c.reference(), c.info().meaning)).small().weak());
        }
        if def.id == "public_attribution" {
            ui.label(RichText::new(format!(
                "Attributing below {:.0}% confidence breaks GGE 13(b); naming the wrong culprit counts against you in the debrief.",
                game.scenario.settings.attribution_confidence * 100.0
            ))
            .small()
            .color(Color32::from_rgb(230, 170, 90)));
        }
        let allowed = game.scenario.allowed_rungs(id);
        if allowed.iter().any(|a| !a) {
            let rungs: Vec<String> = allowed.iter().enumerate().filter(|(_, a)| **a).map(|(i, _)| game.scenario.rungs[i].name.clone()).collect();
            ui.label(RichText::new(format!("Open at: {}", rungs.join(", "))).small().weak());
        }
        if let Some(reason) = closed {
            ui.colored_label(Color32::from_rgb(230, 150, 90), format!("Not possible now: {reason}"));
            return;
        }
        if targets.is_empty() {
            ui.colored_label(Color32::from_rgb(230, 150, 90), "No target is possible for this action right now.");
            return;
        }
        if picker.target >= targets.len() {
            picker.target = 0;
        }
        let chosen = targets[picker.target];
        if !(targets.len() == 1 && chosen == Target::None) {
            egui::ComboBox::from_label("Target")
                .selected_text(narrate::target(game, &chosen))
                .width(320.0)
                .show_ui(ui, |ui| {
                    for (i, t) in targets.iter().enumerate() {
                        let mut text = narrate::target(game, t);
                        if let Target::Attribution(inc, p) = t {
                            text = format!("{text} - your confidence {:.0}%", game.world.confidence(me, *inc, *p) * 100.0);
                        }
                        ui.selectable_value(&mut picker.target, i, text);
                    }
                });
        }
        ui.label(format!("Cost: {}", cost_text(game, me, id, Some(&chosen))));
        let order = Order { action: id, target: chosen };
        let already = draft.actions.contains(&order);
        if ui.add_enabled(!already, egui::Button::new("Add to orders")).clicked() {
            let mut trial = draft.clone();
            trial.actions.push(order);
            trial.choices = game.offered.get(&me).map(|ds| ds.iter().map(|&d| (d, 0)).collect()).unwrap_or_default();
            match game.check_orders(me, &trial) {
                Ok(()) => {
                    draft.actions.push(order);
                    picker.error = None;
                }
                Err(e) => picker.error = Some(e.to_string()),
            }
        }
    });
}
