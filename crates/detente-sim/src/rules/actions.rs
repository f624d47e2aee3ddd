//! Applying one checked action order: its effects, its norm and CBM tags
//! (with the tags that depend on the target), and the record of who did
//! what. Each effect is one mechanic; the numbers come from the catalogue.

use std::collections::BTreeSet;

use rand::RngExt;
use rand_chacha::ChaCha8Rng;

use super::ops;
use crate::catalog::Norm;
use crate::events::{Event, EventKind, Seen};
use crate::game::{Game, Order, Target};
use crate::ids::*;
use crate::scenario::format::{ActionEffect, Sector};
use crate::world::{Attribution, EvidenceSource, LedgerEntry, LedgerReason, Request, RequestKind};

/// Resolution phases of actions.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Phase {
    Defence,
    Diplomacy,
    Coercion,
}

fn effect_phase(e: &ActionEffect) -> Phase {
    use ActionEffect as E;
    match e {
        E::Investigate
        | E::Harden(_)
        | E::HardenAll(_)
        | E::Isolate
        | E::Reconnect
        | E::Restore(_)
        | E::ReportVulnerability(_)
        | E::AuditSupplyChain
        | E::Takedown
        | E::EmergencyPlan(_)
        | E::RemoveContent
        | E::InternetShutdown
        | E::CrossBorderPlan(_) => Phase::Defence,
        E::Sanctions(_) | E::Operation(_) | E::CovertOperation { .. } | E::DisruptActor => {
            Phase::Coercion
        }
        _ => Phase::Diplomacy,
    }
}

/// The phase an action resolves in: the latest phase of its effects.
pub fn phase_of(game: &Game, action: ActionId) -> Phase {
    game.scenario.actions[action.index()]
        .def
        .effects
        .iter()
        .map(effect_phase)
        .max()
        .unwrap_or(Phase::Diplomacy)
}

/// Attributions made by two or more States against the same suspect for
/// the same incident in the same turn count as joint.
pub fn joint_attributions(
    game: &Game,
    list: &[(StateId, usize, Order)],
) -> BTreeSet<(IncidentId, Party)> {
    let mut by: std::collections::BTreeMap<(IncidentId, Party), BTreeSet<StateId>> =
        Default::default();
    for &(s, _, o) in list {
        let attributes = game.scenario.actions[o.action.index()]
            .def
            .effects
            .iter()
            .any(|e| matches!(e, ActionEffect::Attribute));
        if let (true, Target::Attribution(i, p)) = (attributes, o.target) {
            by.entry((i, p)).or_default().insert(s);
        }
    }
    by.into_iter()
        .filter(|(_, v)| v.len() >= 2)
        .map(|(k, _)| k)
        .collect()
}

pub(crate) fn ledger(
    game: &mut Game,
    state: StateId,
    norm: Norm,
    upheld: bool,
    reason: LedgerReason,
    ev: &mut Vec<Event>,
) {
    let turn = game.turn;
    game.world.ledger.push(LedgerEntry {
        turn,
        state,
        norm,
        upheld,
        reason,
    });
    ev.push(Event::new(
        turn,
        Seen::one(state),
        EventKind::NormTag {
            state,
            norm,
            upheld,
        },
    ));
    let rep = &mut game.world.state_mut(state).reputation;
    *rep = if upheld {
        (*rep + 0.5).min(100.0)
    } else {
        (*rep - 4.0).max(0.0)
    };
}

pub(crate) fn adjust_pair(game: &mut Game, a: StateId, b: StateId, trust: f64, tension: f64) {
    if let Some(r) = game.world.relations.get_mut(a, b) {
        // Trust is slow to build near the top and quick to lose.
        let trust = if trust > 0.0 {
            trust * ((100.0 - r.trust) / 50.0).clamp(0.0, 1.0)
        } else {
            trust
        };
        r.trust = (r.trust + trust).clamp(0.0, 100.0);
        r.tension = (r.tension + tension).clamp(0.0, 100.0);
        if tension > 0.0 || trust < 0.0 {
            r.hostile_this_turn = true;
        }
    }
}

pub(crate) fn escalate(game: &mut Game, x: f64) {
    if x >= 0.0 {
        game.world.ladder.fed_this_turn += x;
    } else {
        game.world.ladder.eased_this_turn += -x;
    }
}

/// Apply one order. It was checked when submitted; targets that vanished
/// since (a node already restored) make the effect a no-op, never a panic.
pub fn apply(
    game: &mut Game,
    state: StateId,
    order: &Order,
    joint: &BTreeSet<(IncidentId, Party)>,
    r: &mut ChaCha8Rng,
    ev: &mut Vec<Event>,
) {
    let turn = game.turn;
    let scenario = game.scenario.clone();
    let action = &scenario.actions[order.action.index()];
    let cost = game.cost(state, order);
    game.world.took.push((turn, state, order.action));
    let public = !matches!(
        action.def.effects.first(),
        Some(ActionEffect::CovertOperation { .. })
    );
    ev.push(Event::new(
        turn,
        if public {
            Seen::Public
        } else {
            Seen::one(state)
        },
        EventKind::ActionTaken {
            state,
            action: order.action,
            target: order.target,
            cost,
        },
    ));
    for &n in &action.def.upholds {
        ledger(game, state, n, true, LedgerReason::Action(order.action), ev);
    }
    for &n in &action.def.violates {
        ledger(
            game,
            state,
            n,
            false,
            LedgerReason::Action(order.action),
            ev,
        );
    }
    // Tags that depend on the target.
    let hits_node = action.def.effects.iter().any(|e| {
        matches!(
            e,
            ActionEffect::Operation(_) | ActionEffect::CovertOperation { .. }
        )
    });
    if hits_node
        && let Target::Node(n) = order.target
        && let Some(node) = game.world.infra.get(n).cloned()
    {
        if node.sector == Sector::Cert && !action.def.violates.contains(&Norm::NoHarmToCsirts) {
            ledger(
                game,
                state,
                Norm::NoHarmToCsirts,
                false,
                LedgerReason::Action(order.action),
                ev,
            );
        }
        if node.population <= 0.0
            && action
                .def
                .violates
                .contains(&Norm::NoHarmToCriticalInfrastructure)
        {
            // Infrastructure that serves no civilians: undo the 13(f) charge.
            if let Some(pos) = game.world.ledger.iter().rposition(|l| {
                l.state == state && l.norm == Norm::NoHarmToCriticalInfrastructure && !l.upheld
            }) {
                game.world.ledger.remove(pos);
                game.world.state_mut(state).reputation += 4.0;
            }
        }
    }
    if let Some(cbm) = action.def.cbm {
        game.world.cbm_uses.push((turn, state, cbm));
        ev.push(Event::new(
            turn,
            Seen::one(state),
            EventKind::CbmExercised { state, cbm },
        ));
    }
    let other = game.target_state(state, &order.target);
    for effect in &action.def.effects {
        apply_effect(game, state, order, other, effect, joint, r, ev);
    }
}

#[allow(clippy::too_many_arguments)]
fn apply_effect(
    game: &mut Game,
    me: StateId,
    order: &Order,
    other: Option<StateId>,
    effect: &ActionEffect,
    joint: &BTreeSet<(IncidentId, Party)>,
    r: &mut ChaCha8Rng,
    ev: &mut Vec<Event>,
) {
    use ActionEffect as E;
    let turn = game.turn;
    let node_id = match order.target {
        Target::Node(n) => Some(n),
        _ => None,
    };
    match effect {
        E::Investigate => {
            if let Target::Incident(i) = order.target {
                ops::investigate(game, me, i, r, ev);
            }
        }
        E::Harden(x) => {
            if let Some(n) = node_id {
                let node = game.world.infra.node_mut(n);
                node.hardening = (node.hardening + x).min(0.9);
                ev.push(Event::new(
                    turn,
                    Seen::one(me),
                    EventKind::Hardened { node: n },
                ));
            }
        }
        E::HardenAll(x) => {
            for node in game.world.infra.nodes_mut().filter(|n| n.owner == me) {
                node.hardening = (node.hardening + x).min(0.9);
            }
        }
        E::Isolate | E::Reconnect => {
            if let Some(n) = node_id {
                let isolated = matches!(effect, E::Isolate);
                game.world.infra.node_mut(n).isolated = isolated;
                ev.push(Event::new(
                    turn,
                    Seen::one(me),
                    EventKind::Isolated { node: n, isolated },
                ));
            }
        }
        E::Restore(x) => {
            if let Some(n) = node_id {
                let cert = game.world.effective_cert(me);
                restore_node(game, n, x * (0.5 + 0.5 * cert), me, ev);
            }
        }
        E::ShareIndicators => {
            if let Some(o) = other {
                share_evidence(game, me, o, ev);
                game.world.state_mut(o).detection_bonus += 0.25;
            }
        }
        E::RequestAssistance => {
            if let Some(o) = other {
                request(game, me, o, RequestKind::Assistance, ev);
            }
        }
        E::ProvideAssistance(x) => {
            if let Some(o) = other {
                provide_assistance(game, me, o, *x, ev);
            }
        }
        E::ReportVulnerability(x) => {
            for node in game.world.infra.nodes_mut() {
                node.hardening = (node.hardening + x).min(0.9);
            }
        }
        E::AuditSupplyChain => {
            let cert = game.world.effective_cert(me);
            let mut found = 0;
            let ids: Vec<NodeId> = game
                .world
                .infra
                .nodes()
                .filter(|(_, n)| {
                    n.owner == me && n.compromise.as_ref().is_some_and(|c| !c.detected)
                })
                .map(|(id, _)| id)
                .collect();
            for n in ids {
                if r.random_bool((0.3 + 0.5 * cert).clamp(0.0, 1.0)) {
                    ops::detect(game, n, ev);
                    found += 1;
                }
            }
            ev.push(Event::new(
                turn,
                Seen::one(me),
                EventKind::SupplyChainFinding { state: me, found },
            ));
        }
        E::OpenChannel(c) => {
            if let Some(o) = other
                && let Some(rel) = game.world.relations.get_mut(me, o)
                && rel.channels.insert(*c)
            {
                ev.push(Event::new(
                    turn,
                    Seen::Public,
                    EventKind::ChannelOpened {
                        a: me,
                        b: o,
                        channel: *c,
                    },
                ));
            }
        }
        E::AskToStop => {
            if let Some(o) = other {
                request(game, me, o, RequestKind::StopActivity, ev);
            }
        }
        E::RequestLawEnforcement => {
            if let Some(o) = other {
                request(game, me, o, RequestKind::LawEnforcement, ev);
            }
        }
        E::Takedown => {
            if let Target::Actor(a) = order.target {
                takedown(game, me, a, r, ev);
            }
        }
        E::Attribute => {
            if let Target::Attribution(i, p) = order.target {
                attribute(game, me, order.action, i, p, joint.contains(&(i, p)), ev);
            }
        }
        E::Operation(kind) => {
            if let Some(n) = node_id {
                let result = ops::run_operation(
                    game,
                    Party::State(me),
                    n,
                    *kind,
                    ops::OpOptions::attack(),
                    None,
                    r,
                    ev,
                );
                // An overt strike is no mystery to its victim.
                if let Some(inc) = result {
                    let victim = game.world.infra.node(n).owner;
                    ops::give_evidence(
                        game,
                        victim,
                        inc,
                        Party::State(me),
                        0.6,
                        false,
                        false,
                        EvidenceSource::Investigation,
                        "The strike was carried out openly by a State.",
                        ev,
                    );
                }
            }
        }
        E::CovertOperation { kind, false_flag } => {
            if let Some(n) = node_id {
                let proxy = game
                    .world
                    .actors
                    .iter()
                    .position(|a| a.sponsor == Some(me) && !a.stopped)
                    .map(ActorId::from_index);
                if let Some(proxy) = proxy {
                    let inc = ops::run_operation(
                        game,
                        Party::Actor(proxy),
                        n,
                        *kind,
                        ops::OpOptions::attack(),
                        None,
                        r,
                        ev,
                    );
                    escalate(game, 2.0);
                    if *false_flag && let Some(inc) = inc {
                        let victim = game.world.infra.node(n).owner;
                        let framed = game
                            .world
                            .state_ids()
                            .filter(|&s| s != me && s != victim)
                            .max_by(|&a, &b| {
                                let ta = game
                                    .world
                                    .relations
                                    .get(a, victim)
                                    .map(|x| x.tension)
                                    .unwrap_or(0.0);
                                let tb = game
                                    .world
                                    .relations
                                    .get(b, victim)
                                    .map(|x| x.tension)
                                    .unwrap_or(0.0);
                                ta.total_cmp(&tb).then(b.cmp(&a))
                            });
                        if let Some(f) = framed {
                            game.world.incidents[inc.index()]
                                .planted
                                .push((Party::State(f), 0.6));
                        }
                    }
                }
            }
        }
        E::DisruptActor => {
            if let Target::Actor(a) = order.target {
                let actor = &mut game.world.actors[a.index()];
                actor.capability = (actor.capability - 0.25).max(0.05);
                let stopped = actor.capability < 0.15;
                if stopped {
                    actor.stopped = true;
                }
                let (base, sponsor) = (actor.based_in, actor.sponsor);
                ev.push(Event::new(
                    turn,
                    Seen::Public,
                    EventKind::ActorDisrupted {
                        by: me,
                        actor: a,
                        stopped,
                    },
                ));
                for s in [Some(base), sponsor].into_iter().flatten() {
                    if s != me {
                        adjust_pair(game, me, s, -3.0, 5.0);
                    }
                }
            }
        }
        E::Sanctions(n) => {
            if let Some(o) = other {
                game.world.state_mut(o).sanctions.push((*n, turn + 3));
                ev.push(Event::new(
                    turn,
                    Seen::Public,
                    EventKind::Sanctions {
                        by: me,
                        target: o,
                        amount: *n,
                    },
                ));
            }
        }
        E::EmergencyPlan(n) => {
            for node in game.world.infra.nodes_mut().filter(|x| {
                x.owner == me
                    && matches!(
                        x.sector,
                        Sector::Health
                            | Sector::Water
                            | Sector::Emergency
                            | Sector::Government
                            | Sector::Telecom
                    )
            }) {
                let add = (*n).min(10u32.saturating_sub(node.buffer_max));
                node.buffer_max += add;
                node.buffer_left += add;
            }
        }
        E::RemoveContent => {
            for (i, c) in game.world.content.iter_mut().enumerate() {
                *c = if i == me.index() {
                    (*c - 60.0).max(0.0)
                } else {
                    (*c - 15.0).max(0.0)
                };
            }
            ev.push(Event::new(
                turn,
                Seen::Public,
                EventKind::ContentRemoved { state: me },
            ));
        }
        E::InternetShutdown => {
            game.world.content[me.index()] = 0.0;
            for node in game.world.infra.nodes_mut().filter(|x| {
                x.owner == me
                    && matches!(
                        x.sector,
                        Sector::Telecom | Sector::Finance | Sector::Media | Sector::Government
                    )
            }) {
                node.temp_loss = node.temp_loss.max(0.6);
            }
            ev.push(Event::new(
                turn,
                Seen::Public,
                EventKind::InternetShutdown { state: me },
            ));
        }
        E::Trust(x) | E::Tension(x) => {
            let (t, s) = if matches!(effect, E::Trust(_)) {
                (*x, 0.0)
            } else {
                (0.0, *x)
            };
            match other {
                Some(o) => adjust_pair(game, me, o, t, s),
                None if order.target == Target::None => {
                    for o in game
                        .world
                        .state_ids()
                        .filter(|&o| o != me)
                        .collect::<Vec<_>>()
                    {
                        adjust_pair(game, me, o, t, s);
                    }
                }
                None => {}
            }
        }
        E::Pressure(x) => {
            let p = &mut game.world.state_mut(me).pressure;
            *p = (*p + x).clamp(0.0, 100.0);
        }
        E::Reputation(x) => {
            let p = &mut game.world.state_mut(me).reputation;
            *p = (*p + x).clamp(0.0, 100.0);
        }
        E::TargetReputation(x) => {
            if let Some(o) = other {
                let p = &mut game.world.state_mut(o).reputation;
                *p = (*p + x).clamp(0.0, 100.0);
            }
        }
        E::Escalation(x) => escalate(game, *x),
        E::CrossBorderPlan(n) => {
            if let Some(o) = other {
                let pairs: Vec<NodeId> = game
                    .world
                    .infra
                    .edges()
                    .filter_map(|(a, b, e)| match e {
                        crate::world::infra::Edge::Dependency { .. } => {
                            let (oa, ob) = (
                                game.world.infra.node(a).owner,
                                game.world.infra.node(b).owner,
                            );
                            ((oa == me && ob == o) || (oa == o && ob == me)).then_some(b)
                        }
                        _ => None,
                    })
                    .collect();
                for b in pairs {
                    let node = game.world.infra.node_mut(b);
                    let add = (*n).min(10u32.saturating_sub(node.buffer_max));
                    node.buffer_max += add;
                    node.buffer_left += add;
                }
            }
        }
    }
}

/// Restoring a facility: malware must be cleaned out first (that takes the
/// effort of one restoration); then service comes back by `amount`.
pub(crate) fn restore_node(
    game: &mut Game,
    n: NodeId,
    amount: f64,
    by: StateId,
    ev: &mut Vec<Event>,
) {
    let turn = game.turn;
    let node = game.world.infra.node_mut(n);
    let owner = node.owner;
    if node.compromise.as_ref().is_some_and(|c| c.detected) {
        node.compromise = None;
        ev.push(Event::new(
            turn,
            Seen::two(owner, by),
            EventKind::Cleaned { node: n },
        ));
        return;
    }
    let amount = if node.sabotaged { amount * 0.6 } else { amount };
    node.health = (node.health + amount).min(1.0);
    if node.health >= 0.999 {
        node.sabotaged = false;
    }
}

/// A State asks another for something (recorded, and seen by both).
pub(crate) fn request(
    game: &mut Game,
    from: StateId,
    to: StateId,
    kind: RequestKind,
    ev: &mut Vec<Event>,
) {
    let turn = game.turn;
    game.world.requests.push(Request {
        turn,
        kind,
        from,
        to,
        answered: false,
        lapsed: false,
    });
    ev.push(Event::new(
        turn,
        Seen::two(from, to),
        EventKind::Request { from, to, kind },
    ));
}

pub(crate) fn answer_requests(
    game: &mut Game,
    from_answerer: StateId,
    requester: Option<StateId>,
    kinds: &[RequestKind],
    ev: &mut Vec<Event>,
) {
    let turn = game.turn;
    for req in game.world.requests.iter_mut() {
        if req.to == from_answerer
            && !req.answered
            && kinds.contains(&req.kind)
            && requester.is_none_or(|r| r == req.from)
        {
            req.answered = true;
            ev.push(Event::new(
                turn,
                Seen::two(req.from, req.to),
                EventKind::RequestAnswered {
                    from: req.from,
                    to: req.to,
                    kind: req.kind,
                },
            ));
        }
    }
}

fn provide_assistance(game: &mut Game, me: StateId, to: StateId, amount: f64, ev: &mut Vec<Event>) {
    let turn = game.turn;
    answer_requests(game, me, Some(to), &[RequestKind::Assistance], ev);
    let cert = game.world.effective_cert(me);
    // The two facilities of the receiver in the worst shape.
    let mut worst: Vec<(NodeId, f64)> = game
        .world
        .infra
        .nodes()
        .filter(|(_, n)| {
            n.owner == to && (n.health < 0.999 || n.compromise.as_ref().is_some_and(|c| c.detected))
        })
        .map(|(id, n)| {
            (
                id,
                n.health
                    - if n.compromise.is_some() { 0.5 } else { 0.0 }
                    - n.weighted_population() * 1e-12,
            )
        })
        .collect();
    worst.sort_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)));
    let nodes: Vec<NodeId> = worst.into_iter().take(2).map(|(n, _)| n).collect();
    for &n in &nodes {
        restore_node(game, n, amount * (0.5 + cert), me, ev);
    }
    game.world.state_mut(to).assisted = true;
    game.world.assistance.push((turn, me, to));
    ev.push(Event::new(
        turn,
        Seen::Public,
        EventKind::AssistanceDelivered {
            from: me,
            to,
            nodes,
        },
    ));
}

fn share_evidence(game: &mut Game, me: StateId, to: StateId, ev: &mut Vec<Event>) {
    let turn = game.turn;
    let mine: Vec<usize> = (0..game.world.evidence.len())
        .filter(|&i| game.world.evidence[i].holder == me)
        .collect();
    let mut count = 0;
    for i in mine {
        let e = game.world.evidence[i].clone();
        let have = game
            .world
            .evidence
            .iter()
            .position(|x| x.holder == to && x.origin == e.origin);
        match have {
            Some(j) => {
                if e.discredited && !game.world.evidence[j].discredited {
                    game.world.evidence[j].discredited = true;
                    count += 1;
                }
            }
            None => {
                let mut copy = e.clone();
                copy.holder = to;
                copy.turn = turn;
                copy.source = EvidenceSource::SharedBy(me);
                game.world.evidence.push(copy);
                game.world.incidents[e.incident.index()].known_to.insert(to);
                count += 1;
            }
        }
    }
    ev.push(Event::new(
        turn,
        Seen::two(me, to),
        EventKind::EvidenceShared {
            from: me,
            to,
            pieces: count,
        },
    ));
}

fn takedown(game: &mut Game, me: StateId, a: ActorId, r: &mut ChaCha8Rng, ev: &mut Vec<Event>) {
    let turn = game.turn;
    let cert = game.world.effective_cert(me);
    let helped = game
        .world
        .requests
        .iter()
        .any(|q| q.to == me && q.kind == RequestKind::LawEnforcement);
    let p = (0.35 + 0.45 * cert + if helped { 0.15 } else { 0.0 }).clamp(0.0, 0.95);
    let success = r.random_bool(p);
    if success {
        game.world.actors[a.index()].stopped = true;
    }
    answer_requests(
        game,
        me,
        None,
        &[RequestKind::StopActivity, RequestKind::LawEnforcement],
        ev,
    );
    ev.push(Event::new(
        turn,
        Seen::Public,
        EventKind::Takedown {
            state: me,
            actor: a,
            success,
        },
    ));
}

fn attribute(
    game: &mut Game,
    me: StateId,
    action: ActionId,
    i: IncidentId,
    suspect: Party,
    joint: bool,
    ev: &mut Vec<Event>,
) {
    let turn = game.turn;
    let confidence = game.world.confidence(me, i, suspect);
    let threshold = game.scenario.settings.attribution_confidence;
    let correct = game.world.incident(i).is_true_suspect(suspect);
    let careful = confidence >= threshold;
    let reason = if careful {
        LedgerReason::Action(action)
    } else {
        LedgerReason::HastyAttribution(i)
    };
    ledger(game, me, Norm::ConsiderAllInformation, careful, reason, ev);
    if joint {
        ledger(
            game,
            me,
            Norm::InterstateCooperation,
            true,
            LedgerReason::Action(action),
            ev,
        );
    }
    game.world.incidents[i.index()]
        .attributions
        .push(Attribution {
            turn,
            by: me,
            suspect,
            confidence,
            joint,
            correct,
        });
    game.world.incidents[i.index()].public = true;
    ev.push(Event::new(
        turn,
        Seen::Public,
        EventKind::Attribution {
            by: me,
            incident: i,
            suspect,
            joint,
            confidence,
        },
    ));
    let relief = if joint { 10.0 } else { 7.0 };
    let p = &mut game.world.state_mut(me).pressure;
    *p = (*p - relief).max(0.0);
    if let Party::State(s) = suspect {
        let (tension, esc) = if joint { (10.0, 2.0) } else { (15.0, 4.0) };
        adjust_pair(game, me, s, -10.0, tension);
        escalate(game, esc);
        let hit = if careful { 6.0 } else { 2.0 } * if joint { 1.5 } else { 1.0 };
        let rep = &mut game.world.state_mut(s).reputation;
        *rep = (*rep - hit).max(0.0);
        if !correct {
            // The accused knows it is innocent.
            adjust_pair(game, me, s, -10.0, 5.0);
        }
        if joint {
            let rep = &mut game.world.state_mut(me).reputation;
            *rep = (*rep + 2.0).min(100.0);
        }
    }
}
