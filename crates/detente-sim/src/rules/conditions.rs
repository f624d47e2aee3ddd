//! Conditions of injects, behaviours and objectives, evaluated against the
//! world (with the ground truth: they are the scenario's, not a player's),
//! and the objective bookkeeping.

use crate::events::{Event, EventKind, Seen};
use crate::game::{Game, ObjectiveStatus};
use crate::ids::*;
use crate::scenario::format::{Check, Condition};

pub fn holds(game: &Game, c: &Condition) -> bool {
    let sc = &game.scenario;
    let w = &game.world;
    let st = |id: &str| sc.state_id(id);
    let node = |id: &str| sc.node_id(id).and_then(|n| w.infra.get(n));
    let incident = |id: &str| w.incidents.iter().find(|i| i.id == id);
    let pair = |a: &str, b: &str| st(a).zip(st(b)).and_then(|(a, b)| w.relations.get(a, b));
    let threshold = sc.settings.functioning_threshold;
    match c {
        Condition::Always => true,
        Condition::Never => false,
        Condition::TurnAtLeast(t) => game.turn >= *t,
        Condition::NodeDown(n) => node(n).is_some_and(|n| n.service < threshold),
        Condition::Compromised(n) => node(n).is_some_and(|n| n.compromise.is_some()),
        Condition::ServiceBelow(n, x) => node(n).is_some_and(|n| n.service < *x),
        Condition::ServiceAtLeast(n, x) => node(n).is_some_and(|n| n.service >= *x),
        Condition::RungAtLeast(r) => sc.index.rungs.get(r).is_some_and(|&r| w.ladder.rung >= r),
        Condition::RungBelow(r) => sc.index.rungs.get(r).is_some_and(|&r| w.ladder.rung < r),
        Condition::EscalationAbove(x) => w.ladder.level > *x,
        Condition::TensionAbove(a, b, x) => pair(a, b).is_some_and(|r| r.tension > *x),
        Condition::TrustBelow(a, b, x) => pair(a, b).is_some_and(|r| r.trust < *x),
        Condition::TrustAbove(a, b, x) => pair(a, b).is_some_and(|r| r.trust > *x),
        Condition::PressureAbove(s, x) => st(s).is_some_and(|s| w.state(s).pressure > *x),
        Condition::ContentAbove(s, x) => st(s).is_some_and(|s| w.content[s.index()] > *x),
        Condition::ReputationBelow(s, x) => st(s).is_some_and(|s| w.state(s).reputation < *x),
        Condition::HarmAbove(x) => w.last_harm() > *x,
        Condition::TotalHarmAbove(x) => w.total_harm() > *x,
        Condition::Took(s, a) => st(s)
            .zip(sc.action_id(a))
            .is_some_and(|(s, a)| w.ever_took(s, a)),
        Condition::TookLastTurn(s, a) => st(s).zip(sc.action_id(a)).is_some_and(|(s, a)| {
            let last = game.history.last().map(|h| h.turn).unwrap_or(0);
            last > 0
                && w.took
                    .iter()
                    .any(|&(t, x, y)| t == last && x == s && y == a)
        }),
        Condition::Attributed { incident: i, by } => incident(i).is_some_and(|i| {
            i.attributions
                .iter()
                .any(|a| by.as_deref().is_none_or(|b| st(b) == Some(a.by)))
        }),
        Condition::CorrectlyAttributed(i) => {
            incident(i).is_some_and(|i| i.attributions.iter().any(|a| a.correct))
        }
        Condition::WronglyAttributed(i) => {
            incident(i).is_some_and(|i| i.attributions.iter().any(|a| !a.correct))
        }
        Condition::IncidentKnown(i) => {
            incident(i).is_some_and(|i| i.public || i.known_to.contains(&i.victim))
        }
        Condition::AssistanceGiven { from, to } => w.assistance.iter().any(|&(_, f, t)| {
            from.as_deref().is_none_or(|x| st(x) == Some(f))
                && to.as_deref().is_none_or(|x| st(x) == Some(t))
        }),
        Condition::CbmUsed(s, cbm) => {
            st(s).is_some_and(|s| w.cbm_uses.iter().any(|&(_, x, c)| x == s && c == *cbm))
        }
        Condition::ChannelOpen(a, b, ch) => pair(a, b).is_some_and(|r| r.channels.contains(ch)),
        Condition::InjectFired(i) => sc
            .index
            .injects
            .get(i)
            .is_some_and(|i| game.fired.contains_key(i)),
        Condition::DilemmaChose(d, o) => sc.index.dilemmas.get(d).is_some_and(|&d| {
            let opt = sc.dilemmas[d.index()]
                .def
                .options
                .iter()
                .position(|x| &x.id == o);
            game.choices
                .iter()
                .any(|&(_, _, dd, oo)| dd == d && Some(oo) == opt)
        }),
        Condition::ObjectiveMet(o) => sc.index.objectives.get(o).is_some_and(|o| {
            matches!(
                game.objectives.get(o.index()),
                Some(ObjectiveStatus::Met(_))
            )
        }),
        Condition::ObjectiveFailed(o) => sc.index.objectives.get(o).is_some_and(|o| {
            matches!(
                game.objectives.get(o.index()),
                Some(ObjectiveStatus::Failed(_))
            )
        }),
        Condition::ActorStopped(a) => sc.index.actors.get(a).is_some_and(|a| w.actor(*a).stopped),
        Condition::All(cs) => cs.iter().all(|c| holds(game, c)),
        Condition::Any(cs) => cs.iter().any(|c| holds(game, c)),
        Condition::Not(c) => !holds(game, c),
    }
}

/// Check objectives after a turn (or at the end of the game).
pub fn update_objectives(game: &mut Game, at_end: bool, ev: &mut Vec<Event>) {
    let turn = game.turn;
    let scenario = game.scenario.clone();
    for (i, o) in scenario.objectives.iter().enumerate() {
        if game.objectives[i] != ObjectiveStatus::Pending {
            continue;
        }
        let now = holds(game, &o.def.condition);
        let status = match o.def.check {
            Check::AtEnd if at_end => Some(if now {
                ObjectiveStatus::Met(turn)
            } else {
                ObjectiveStatus::Failed(turn)
            }),
            Check::AtEnd => None,
            Check::EveryTurn if !now => Some(ObjectiveStatus::Failed(turn)),
            Check::EveryTurn if at_end => Some(ObjectiveStatus::Met(turn)),
            Check::EveryTurn => None,
            Check::ByTurn(_) if now => Some(ObjectiveStatus::Met(turn)),
            Check::ByTurn(n) if turn >= n || at_end => Some(ObjectiveStatus::Failed(turn)),
            Check::ByTurn(_) => None,
        };
        if let Some(s) = status {
            game.objectives[i] = s;
            let seen = match o.owner {
                Some(owner) => Seen::one(owner),
                None => Seen::Public,
            };
            let objective = ObjectiveId::from_index(i);
            let kind = match s {
                ObjectiveStatus::Met(_) => EventKind::ObjectiveMet { objective },
                _ => EventKind::ObjectiveFailed { objective },
            };
            ev.push(Event::new(turn, seen, kind));
        }
    }
}
