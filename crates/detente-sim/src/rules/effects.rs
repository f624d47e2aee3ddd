//! Scenario effects (from injects and dilemma choices) applied to the world.
//! Ids were checked when the scenario loaded; a lookup that still fails
//! (an incident that has not happened yet) becomes a facilitator note.

use rand_chacha::ChaCha8Rng;

use super::actions::{adjust_pair, escalate, ledger};
use super::ops::{self, OpOptions};
use crate::events::{Event, EventKind, Seen};
use crate::game::Game;
use crate::ids::*;
use crate::scenario::compile::suspect_party;
use crate::scenario::format::{Controller, Effect, OperationKind};
use crate::world::{EvidenceSource, LedgerReason, RequestKind};

/// Inject chains deeper than this stop (the loader already refuses loops).
const MAX_DEPTH: u32 = 16;

fn state(game: &Game, id: &str) -> Option<StateId> {
    game.scenario.state_id(id)
}

fn incident_by_id(game: &Game, id: &str) -> Option<IncidentId> {
    game.world
        .incidents
        .iter()
        .position(|i| i.id == id)
        .map(IncidentId::from_index)
}

pub fn apply(
    game: &mut Game,
    effect: &Effect,
    r: &mut ChaCha8Rng,
    ev: &mut Vec<Event>,
    depth: u32,
) {
    let turn = game.turn;
    let note = |ev: &mut Vec<Event>, text: String| {
        ev.push(Event::new(turn, Seen::Facilitator, EventKind::Note(text)))
    };
    match effect {
        Effect::Operation {
            incident,
            by,
            node,
            kind,
            spread,
            visible,
        } => {
            let (Some(by), Some(n)) = (
                suspect_party(&game.scenario, by),
                game.scenario.node_id(node),
            ) else {
                return;
            };
            if let Some(id) = incident
                && incident_by_id(game, id).is_some()
            {
                note(
                    ev,
                    format!("incident `{id}` already happened; the operation was not repeated"),
                );
                return;
            }
            let opts = OpOptions {
                forced: true,
                visible: visible.unwrap_or(*kind != OperationKind::Intrusion),
                spread: *spread,
            };
            ops::run_operation(game, by, n, *kind, opts, incident.as_deref(), r, ev);
        }
        Effect::Evidence {
            to,
            incident,
            points_to,
            weight,
            planted,
            circumstantial,
            text,
        } => {
            let (Some(to), Some(p)) = (state(game, to), suspect_party(&game.scenario, points_to))
            else {
                return;
            };
            match incident_by_id(game, incident) {
                Some(i) => {
                    let t = if text.is_empty() {
                        "Evidence received."
                    } else {
                        text.as_str()
                    };
                    ops::give_evidence(
                        game,
                        to,
                        i,
                        p,
                        *weight,
                        *planted,
                        *circumstantial,
                        EvidenceSource::Inject,
                        t,
                        ev,
                    );
                }
                None => note(
                    ev,
                    format!("evidence about `{incident}` skipped: that incident has not happened"),
                ),
            }
        }
        Effect::PlantEvidence {
            incident,
            points_to,
            weight,
        } => {
            let Some(p) = suspect_party(&game.scenario, points_to) else {
                return;
            };
            match incident_by_id(game, incident) {
                Some(i) => game.world.incidents[i.index()].planted.push((p, *weight)),
                None => note(
                    ev,
                    format!("false flag on `{incident}` skipped: that incident has not happened"),
                ),
            }
        }
        Effect::News(text) => ev.push(Event::new(
            turn,
            Seen::Public,
            EventKind::News(text.clone()),
        )),
        Effect::Intel { to, text } => {
            if let Some(s) = state(game, to) {
                ev.push(Event::new(
                    turn,
                    Seen::one(s),
                    EventKind::Intel {
                        state: s,
                        text: text.clone(),
                    },
                ));
            }
        }
        Effect::Pressure { state: s, change } => {
            if let Some(s) = state(game, s) {
                let p = &mut game.world.state_mut(s).pressure;
                *p = (*p + change).clamp(0.0, 100.0);
            }
        }
        Effect::Reputation { state: s, change } => {
            if let Some(s) = state(game, s) {
                let p = &mut game.world.state_mut(s).reputation;
                *p = (*p + change).clamp(0.0, 100.0);
            }
        }
        Effect::Capital { state: s, change } => {
            if let Some(s) = state(game, s) {
                game.world.state_mut(s).capital_adjust = *change;
            }
        }
        Effect::Trust { between, change } | Effect::Tension { between, change } => {
            if let (Some(a), Some(b)) = (state(game, &between.0), state(game, &between.1)) {
                if matches!(effect, Effect::Trust { .. }) {
                    adjust_pair(game, a, b, *change, 0.0);
                } else {
                    adjust_pair(game, a, b, 0.0, *change);
                }
            }
        }
        // Consumed by this turn's escalation phase.
        Effect::Escalation(x) => escalate(game, *x),
        Effect::Service { node, level } => {
            if let Some(n) = game.scenario.node_id(node) {
                game.world.infra.node_mut(n).health = level.clamp(0.0, 1.0);
            }
        }
        Effect::OpenChannel { between, channel } | Effect::CloseChannel { between, channel } => {
            if let (Some(a), Some(b)) = (state(game, &between.0), state(game, &between.1))
                && let Some(rel) = game.world.relations.get_mut(a, b)
            {
                let open = matches!(effect, Effect::OpenChannel { .. });
                let changed = if open {
                    rel.channels.insert(*channel)
                } else {
                    rel.channels.remove(channel)
                };
                if changed {
                    let kind = if open {
                        EventKind::ChannelOpened {
                            a,
                            b,
                            channel: *channel,
                        }
                    } else {
                        EventKind::ChannelClosed {
                            a,
                            b,
                            channel: *channel,
                        }
                    };
                    ev.push(Event::new(turn, Seen::Public, kind));
                }
            }
        }
        Effect::OfferDilemma(d) => {
            if let Some(&d) = game.scenario.index.dilemmas.get(d) {
                offer(game, d, ev);
            }
        }
        Effect::RequestAssistance { from, to } | Effect::AskToStop { from, to } => {
            if let (Some(from), Some(to)) = (state(game, from), state(game, to)) {
                let kind = if matches!(effect, Effect::RequestAssistance { .. }) {
                    RequestKind::Assistance
                } else {
                    RequestKind::StopActivity
                };
                super::actions::request(game, from, to, kind, ev);
            }
        }
        Effect::StopActor(a) => {
            if let Some(&a) = game.scenario.index.actors.get(a)
                && !game.world.actor(a).stopped
            {
                game.world.actors[a.index()].stopped = true;
                ev.push(Event::new(
                    turn,
                    Seen::Public,
                    EventKind::ActorStopped { actor: a },
                ));
            }
        }
        Effect::TriggerInject(id) => {
            if depth >= MAX_DEPTH {
                note(
                    ev,
                    format!("inject `{id}` not fired: chain of triggers too long"),
                );
            } else if let Some(&i) = game.scenario.index.injects.get(id) {
                super::injects::fire(game, i, false, ev, depth + 1);
            }
        }
    }
}

/// Offer a dilemma to its State for the current turn.
pub fn offer(game: &mut Game, d: DilemmaId, ev: &mut Vec<Event>) {
    let turn = game.turn;
    let s = game.scenario.dilemmas[d.index()].state;
    if game.world.state(s).controller == Controller::Scripted {
        return;
    }
    let list = game.offered.entry(s).or_default();
    if list.contains(&d) {
        return;
    }
    list.push(d);
    // Orders given before the card arrived must be given again with an answer.
    if game.pending.remove(&s).is_some() {
        ev.push(Event::new(
            turn,
            Seen::one(s),
            EventKind::Note(
                "A new dilemma arrived: your orders were returned so you can answer it.".into(),
            ),
        ));
    }
    ev.push(Event::new(
        turn,
        Seen::one(s),
        EventKind::DilemmaOffered {
            state: s,
            dilemma: d,
        },
    ));
}

/// Apply a State's answer to a dilemma.
pub fn choose_dilemma(
    game: &mut Game,
    s: StateId,
    d: DilemmaId,
    opt: usize,
    r: &mut ChaCha8Rng,
    ev: &mut Vec<Event>,
) {
    let turn = game.turn;
    let Some(option) = game
        .scenario
        .dilemmas
        .get(d.index())
        .and_then(|x| x.def.options.get(opt))
        .cloned()
    else {
        return;
    };
    game.choices.push((turn, s, d, opt));
    ev.push(Event::new(
        turn,
        Seen::one(s),
        EventKind::DilemmaChosen {
            state: s,
            dilemma: d,
            option: opt,
        },
    ));
    for &n in &option.upholds {
        ledger(game, s, n, true, LedgerReason::Dilemma(d, opt), ev);
    }
    for &n in &option.violates {
        ledger(game, s, n, false, LedgerReason::Dilemma(d, opt), ev);
    }
    if let Some(cbm) = option.cbm {
        game.world.cbm_uses.push((turn, s, cbm));
        ev.push(Event::new(
            turn,
            Seen::one(s),
            EventKind::CbmExercised { state: s, cbm },
        ));
    }
    for e in &option.effects {
        apply(game, e, r, ev, 0);
    }
}
