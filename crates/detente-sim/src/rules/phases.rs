//! The world's own dynamics in a turn: the cascade, civilian harm and
//! domestic pressure, violent content online, natural recovery, relations
//! drifting, the escalation ladder, and requests that lapse unanswered.

use crate::catalog::Norm;
use crate::events::{Event, EventKind, Seen};
use crate::game::Game;
use crate::ids::*;
use crate::scenario::format::OperationKind;
use crate::world::LedgerReason;
use crate::world::infra::FailureCause;

/// Nothing carried from last turn that should not be.
pub fn begin_turn(game: &mut Game) {
    for node in game.world.infra.nodes_mut() {
        node.temp_loss = 0.0;
    }
    for rel in &mut game.world.relations.pairs {
        rel.hostile_this_turn = false;
    }
}

pub fn end_turn(game: &mut Game) {
    for s in &mut game.world.states {
        s.assisted = false;
        s.capital_adjust = 0;
        s.sanctions.retain(|&(_, until)| until > game.turn);
    }
}

/// Events of the cascade, summarised when very many nodes change at once.
pub fn cascade(game: &mut Game, ev: &mut Vec<Event>) {
    let turn = game.turn;
    let threshold = game.scenario.settings.functioning_threshold;
    let out = game.world.infra.cascade(threshold);
    let owner = |game: &Game, n: NodeId| game.world.infra.node(n).owner;
    for &(n, cause) in &out.failed {
        // Outages are public; why they happened is known to the owner.
        let seen = match cause {
            FailureCause::Direct => Seen::Public,
            _ => Seen::Public,
        };
        ev.push(Event::new(
            turn,
            seen,
            EventKind::NodeDown { node: n, cause },
        ));
    }
    for &n in &out.recovered {
        ev.push(Event::new(
            turn,
            Seen::Public,
            EventKind::NodeRestored { node: n },
        ));
    }
    for &n in &out.on_buffer {
        ev.push(Event::new(
            turn,
            Seen::one(owner(game, n)),
            EventKind::OnBuffer { node: n },
        ));
    }
    for &n in &out.buffer_exhausted {
        ev.push(Event::new(
            turn,
            Seen::one(owner(game, n)),
            EventKind::BufferExhausted { node: n },
        ));
    }
}

/// Civilian harm this turn (population x lost service x sector weight) and
/// the domestic pressure it creates. Returns harm by State.
pub fn harm_and_pressure(game: &mut Game, ev: &mut Vec<Event>) -> Vec<f64> {
    let turn = game.turn;
    let n = game.world.states.len();
    let mut harm = vec![0.0; n];
    for (_, node) in game.world.infra.nodes() {
        harm[node.owner.index()] += node.weighted_population() * (1.0 - node.service);
    }
    let mut new_incidents = vec![0u32; n];
    for inc in game
        .world
        .incidents
        .iter()
        .filter(|i| i.turn == turn && i.kind != OperationKind::Intrusion)
    {
        new_incidents[inc.victim.index()] += 1;
    }
    let limit = game.scenario.settings.pressure_limit;
    for s in 0..n {
        game.world.harm[s].push(harm[s]);
        let potential = game.world.potential[s].max(1.0);
        let ratio = (harm[s] / potential).clamp(0.0, 1.0);
        let content = game.world.content[s];
        let st = &mut game.world.states[s];
        let before = st.pressure;
        let rise = 60.0 * ratio + 3.0 * new_incidents[s] as f64 + 0.1 * content;
        st.pressure = (st.pressure + rise - 2.0).clamp(0.0, 100.0);
        if before < limit && st.pressure >= limit {
            ev.push(Event::new(
                turn,
                Seen::Public,
                EventKind::PressureHigh {
                    state: StateId::from_index(s),
                    pressure: st.pressure,
                },
            ));
        }
    }
    harm
}

/// Violent content spreads unless platforms remove it.
pub fn content(game: &mut Game, ev: &mut Vec<Event>) {
    let turn = game.turn;
    // One pass over the turn's events (not one per State).
    let mut removed = vec![false; game.world.states.len()];
    for e in ev.iter().filter(|e| e.turn == turn) {
        if let EventKind::ContentRemoved { state } | EventKind::InternetShutdown { state } = e.kind
        {
            removed[state.index()] = true;
        }
    }
    for (s, level) in game.world.content.iter_mut().enumerate() {
        if *level > 0.0 && !removed[s] {
            let before = *level;
            *level = (*level * 1.3).min(100.0);
            if before < 50.0 && *level >= 50.0 {
                ev.push(Event::new(
                    turn,
                    Seen::Public,
                    EventKind::ContentSurge {
                        state: StateId::from_index(s),
                        level: *level,
                    },
                ));
            }
        }
        if *level < 1.0 {
            *level = 0.0;
        }
    }
}

/// Facilities heal slowly by themselves, unless malware still holds them.
pub fn recovery(game: &mut Game) {
    let resilience: Vec<f64> = game
        .world
        .states
        .iter()
        .map(|s| s.capacities.resilience)
        .collect();
    for node in game.world.infra.nodes_mut() {
        if node.health >= 1.0 {
            continue;
        }
        let blocked = node
            .compromise
            .as_ref()
            .is_some_and(|c| matches!(c.kind, OperationKind::Ransomware | OperationKind::Wiper));
        if blocked {
            continue;
        }
        let mut step = 0.08 + 0.12 * resilience[node.owner.index()];
        if node.sabotaged {
            step *= 0.3;
        }
        node.health = (node.health + step).min(1.0);
        if node.health >= 1.0 {
            node.sabotaged = false;
        }
    }
}

/// Tension eases between States that did nothing hostile to each other.
pub fn relations(game: &mut Game) {
    for rel in &mut game.world.relations.pairs {
        if !rel.hostile_this_turn {
            rel.tension = (rel.tension - (1.0 + rel.trust / 50.0)).max(0.0);
        }
    }
}

/// Move the escalation track; returns true when it reached the top rung.
pub fn escalation(game: &mut Game, harm: &[f64], ev: &mut Vec<Event>) -> bool {
    let turn = game.turn;
    let s = &game.scenario.settings;
    let w = &mut game.world;
    let tension_feed: f64 = w
        .relations
        .pairs
        .iter()
        .map(|r| (r.tension - s.tension_feed_threshold).max(0.0) * s.tension_feed_rate)
        .sum();
    let potential: f64 = w.potential.iter().sum::<f64>().max(1.0);
    let harm_feed = 10.0 * (harm.iter().sum::<f64>() / potential).clamp(0.0, 1.0);
    let feed = w.ladder.fed_this_turn + tension_feed + harm_feed;
    let mut level = w.ladder.level + feed - w.ladder.eased_this_turn;
    if feed <= 0.0 {
        level -= s.relaxation;
    }
    level = level.clamp(0.0, 100.0);
    w.ladder.fed_this_turn = 0.0;
    w.ladder.eased_this_turn = 0.0;
    w.ladder.level = level;
    let from = w.ladder.rung;
    let to = game.scenario.rung_for(level);
    let w = &mut game.world;
    w.ladder.rung = to;
    if level > w.ladder.peak {
        w.ladder.peak = level;
    }
    w.ladder.peak_rung = w.ladder.peak_rung.max(to);
    if from != to {
        ev.push(Event::new(
            turn,
            Seen::Public,
            EventKind::RungChanged { from, to, level },
        ));
    }
    to >= game.scenario.top_rung()
}

/// Requests left unanswered past the deadline go into the norms ledger.
pub fn lapse_requests(game: &mut Game, ev: &mut Vec<Event>) {
    let turn = game.turn;
    let deadline = game.scenario.settings.request_deadline;
    let mut lapsed = Vec::new();
    for (i, req) in game.world.requests.iter().enumerate() {
        if !req.answered && !req.lapsed && turn >= req.turn + deadline {
            lapsed.push(i);
        }
    }
    for i in lapsed {
        let req = game.world.requests[i].clone();
        game.world.requests[i].lapsed = true;
        ev.push(Event::new(
            turn,
            Seen::two(req.from, req.to),
            EventKind::RequestLapsed {
                from: req.from,
                to: req.to,
                kind: req.kind,
            },
        ));
        super::actions::ledger(
            game,
            req.to,
            Norm::RespondToAssistanceRequests,
            false,
            LedgerReason::IgnoredRequest(req.from, req.kind),
            ev,
        );
        let rel = game.world.relations.get_mut(req.from, req.to);
        if let Some(rel) = rel {
            rel.trust = (rel.trust - 8.0).max(0.0);
        }
    }
}

/// At the end, accusations against the innocent enter the ledger.
pub fn reveal_wrong_attributions(game: &mut Game) {
    let mut entries = Vec::new();
    for (i, inc) in game.world.incidents.iter().enumerate() {
        for a in &inc.attributions {
            if !a.correct {
                entries.push((a.turn, a.by, IncidentId::from_index(i)));
            }
        }
    }
    for (turn, by, inc) in entries {
        game.world.ledger.push(crate::world::LedgerEntry {
            turn,
            state: by,
            norm: Norm::ConsiderAllInformation,
            upheld: false,
            reason: LedgerReason::WrongAttribution(inc),
        });
    }
}
