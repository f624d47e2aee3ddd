//! Injects: scripted events that fire at the start of a turn when their
//! turn has come, their condition holds and their seeded chance comes up;
//! or at once when the facilitator fires them.

use rand::RngExt;

use super::{Stream, effects, rng};
use crate::events::{Event, EventKind, Seen};
use crate::game::Game;
use crate::ids::InjectId;

/// Fire every inject due at the start of the current turn.
pub fn fire_due(game: &mut Game, ev: &mut Vec<Event>) {
    let turn = game.turn;
    let mut r = rng(game.seed, turn, Stream::Injects as u64);
    let scenario = game.scenario.clone();
    for (i, inj) in scenario.injects.iter().enumerate() {
        let id = InjectId::from_index(i);
        if game.fired.contains_key(&id) && !inj.repeat {
            continue;
        }
        if inj.turn.is_some_and(|t| t != turn) {
            continue;
        }
        if let Some(c) = &inj.when
            && !super::conditions::holds(game, c)
        {
            continue;
        }
        // Draw for every candidate, even at chance 1, so draws stay aligned.
        let draw: f64 = r.random();
        if draw >= inj.chance {
            continue;
        }
        fire(game, id, false, ev, 0);
    }
}

/// Fire one inject now.
pub fn fire(game: &mut Game, id: InjectId, by_facilitator: bool, ev: &mut Vec<Event>, depth: u32) {
    let turn = game.turn;
    let count = game.fired.entry(id).or_insert(0);
    *count += 1;
    let stream = Stream::Facilitator as u64 + ((*count as u64) << 8) + ((id.0 as u64) << 12);
    let mut r = rng(game.seed, turn, stream);
    ev.push(Event::new(
        turn,
        Seen::Facilitator,
        EventKind::InjectFired {
            inject: id,
            by_facilitator,
        },
    ));
    let effects = game.scenario.injects[id.index()].effects.clone();
    for e in &effects {
        effects::apply(game, e, &mut r, ev, depth);
    }
}
