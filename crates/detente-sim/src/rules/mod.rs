//! Turn resolution. All orders of a turn resolve together in this fixed
//! order (docs/ARCHITECTURE.md, "Resolution order"):
//!
//! 1. dilemma answers;
//! 2. defence and restoration (technical and domestic actions);
//! 3. communication and diplomacy;
//! 4. coercion;
//! 5. actor operations (standing behaviours), then spread of compromise;
//! 6. detection of hidden compromise;
//! 7. the infrastructure cascade;
//! 8. civilian harm, domestic pressure, online content, natural recovery;
//! 9. relations and the escalation ladder (the top rung ends the game);
//! 10. unanswered requests lapse into the norms ledger;
//! 11. scores and objectives;
//! 12. next turn: injects whose time or condition has come, dilemmas offered.
//!
//! Inside a phase, orders resolve by State (scenario order), then in the
//! order each State gave them. Random draws come from one ChaCha stream per
//! (seed, turn, purpose), so the outcome depends only on the inputs.

pub mod actions;
pub mod conditions;
pub mod effects;
pub mod injects;
pub mod ops;
pub mod phases;

use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

use crate::events::{EndReason, Event, EventKind, Seen};
use crate::game::{Game, Orders, Status, TurnRecord};
use crate::ids::StateId;

/// Random streams, one per purpose, so adding a draw in one place never
/// shifts the draws of another.
#[derive(Clone, Copy, Debug)]
pub enum Stream {
    Resolution = 1,
    Injects = 2,
    Facilitator = 3,
    Ai = 16,
}

pub fn rng(seed: u64, turn: u32, stream: u64) -> ChaCha8Rng {
    let mut r = ChaCha8Rng::seed_from_u64(seed);
    r.set_stream(((turn as u64) << 24) | stream);
    r
}

/// Resolve the current turn. Orders were checked on submission; nothing
/// here can fail halfway.
pub fn resolve_turn(game: &mut Game) -> Vec<Event> {
    let turn = game.turn;
    let mut r = rng(game.seed, turn, Stream::Resolution as u64);
    let mut ev: Vec<Event> = Vec::new();
    let pending = std::mem::take(&mut game.pending);
    game.offered.clear();

    phases::begin_turn(game);

    // 1. Dilemma answers.
    for (&state, orders) in &pending {
        for &(d, opt) in &orders.choices {
            effects::choose_dilemma(game, state, d, opt, &mut r, &mut ev);
        }
    }

    // 2-4. Actions by phase.
    let mut list: Vec<(StateId, usize, crate::game::Order)> = Vec::new();
    for (&state, orders) in &pending {
        for (i, o) in orders.actions.iter().enumerate() {
            list.push((state, i, *o));
        }
    }
    let joint = actions::joint_attributions(game, &list);
    for phase in [
        actions::Phase::Defence,
        actions::Phase::Diplomacy,
        actions::Phase::Coercion,
    ] {
        let due: Vec<_> = list
            .iter()
            .filter(|(_, _, o)| actions::phase_of(game, o.action) == phase)
            .copied()
            .collect();
        for (state, _, order) in due {
            actions::apply(game, state, &order, &joint, &mut r, &mut ev);
        }
    }

    // 5. Actor operations and spread.
    ops::actor_behaviours(game, &mut r, &mut ev);
    ops::spread(game, &mut r, &mut ev);

    // 6. Detection.
    ops::detection(game, &mut r, &mut ev);

    // 7. Cascade.
    phases::cascade(game, &mut ev);

    // 8. Harm, pressure, content, recovery.
    let harm_by_state = phases::harm_and_pressure(game, &mut ev);
    phases::content(game, &mut ev);
    phases::recovery(game);

    // 9. Relations and escalation.
    phases::relations(game);
    let top = phases::escalation(game, &harm_by_state, &mut ev);

    // 10. Requests.
    phases::lapse_requests(game, &mut ev);

    // 11. Scores and objectives.
    conditions::update_objectives(game, false, &mut ev);
    let scores = crate::score::compute(game);
    let w = &game.world;
    game.history.push(TurnRecord {
        turn,
        orders: pending
            .iter()
            .map(|(&s, o): (&StateId, &Orders)| (s, o.clone()))
            .collect(),
        escalation: w.ladder.level,
        rung: w.ladder.rung,
        harm: harm_by_state.iter().sum(),
        harm_by_state: harm_by_state.clone(),
        mean_trust: w.relations.mean_trust(),
        max_tension: w.relations.max_tension(),
        pressure: w.states.iter().map(|s| s.pressure).collect(),
        reputation: w.states.iter().map(|s| s.reputation).collect(),
        scores,
    });
    phases::end_turn(game);

    // 12. End, or the next turn.
    let end = if top {
        Some(EndReason::TopRung)
    } else if turn >= game.scenario.turns {
        Some(EndReason::LastTurn)
    } else {
        None
    };
    match end {
        Some(reason) => finish(game, reason, &mut ev),
        None => {
            game.turn += 1;
            ev.push(Event::new(game.turn, Seen::Public, EventKind::TurnStarted));
            injects::fire_due(game, &mut ev);
        }
    }
    game.events.extend(ev.iter().cloned());
    ev
}

fn finish(game: &mut Game, reason: EndReason, ev: &mut Vec<Event>) {
    game.status = Status::Ended(reason);
    conditions::update_objectives(game, true, ev);
    phases::reveal_wrong_attributions(game);
    // Final scores include what the end revealed.
    let scores = crate::score::compute(game);
    if let Some(last) = game.history.last_mut() {
        last.scores = scores;
    }
    ev.push(Event::new(
        game.turn,
        Seen::Public,
        EventKind::GameEnded { reason },
    ));
}
