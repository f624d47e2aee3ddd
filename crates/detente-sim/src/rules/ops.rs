//! Operations against infrastructure (by States, proxies, criminals,
//! hacktivists, terrorists), their spread, detection of hidden compromise,
//! and investigation: how evidence (true, circumstantial and planted)
//! reaches a State.

use rand::RngExt;
use rand_chacha::ChaCha8Rng;

use crate::events::{Event, EventKind, Seen};
use crate::game::Game;
use crate::ids::*;
use crate::scenario::format::{OperationKind, Sector};
use crate::world::infra::Compromise;
use crate::world::{Evidence, EvidenceSource, Incident};

/// How an operation runs.
#[derive(Clone, Copy, Debug)]
pub struct OpOptions {
    /// Scripted by the scenario: always succeeds (hardening softens it).
    pub forced: bool,
    /// The victim sees it at once.
    pub visible: bool,
    /// Chance per turn to spread to each connected node.
    pub spread: f64,
}

impl OpOptions {
    pub fn attack() -> OpOptions {
        OpOptions {
            forced: false,
            visible: true,
            spread: 0.0,
        }
    }
}

fn capability(game: &Game, by: Party) -> f64 {
    match by {
        Party::State(s) => game.world.state(s).capacities.offensive,
        Party::Actor(a) => game.world.actor(a).capability,
    }
}

fn stealth(game: &Game, by: Party) -> f64 {
    match by {
        Party::State(_) => 0.5,
        Party::Actor(a) => game.world.actor(a).stealth,
    }
}

fn sponsor_of(game: &Game, by: Party) -> Option<StateId> {
    match by {
        Party::State(s) => Some(s),
        Party::Actor(a) => game.world.actor(a).sponsor,
    }
}

/// How much of a node's service each kind of operation takes.
pub fn severity(kind: OperationKind) -> f64 {
    match kind {
        OperationKind::Ransomware => 0.8,
        OperationKind::Wiper | OperationKind::Sabotage => 1.0,
        OperationKind::Disinformation => 0.3,
        OperationKind::Defacement => 0.1,
        OperationKind::Ddos | OperationKind::Intrusion | OperationKind::ViolentContent => 0.0,
    }
}

fn leaves_compromise(kind: OperationKind) -> bool {
    matches!(
        kind,
        OperationKind::Ransomware | OperationKind::Wiper | OperationKind::Intrusion
    )
}

/// Run an operation against a node. Returns the incident when it succeeded.
#[allow(clippy::too_many_arguments)]
pub fn run_operation(
    game: &mut Game,
    by: Party,
    n: NodeId,
    kind: OperationKind,
    opts: OpOptions,
    incident_id: Option<&str>,
    r: &mut ChaCha8Rng,
    ev: &mut Vec<Event>,
) -> Option<IncidentId> {
    let turn = game.turn;
    let node = game.world.infra.get(n)?;
    let (owner, hardening) = (node.owner, node.hardening);
    let foothold = node.compromise.as_ref().is_some_and(|c| {
        c.by == by || sponsor_of(game, c.by).is_some_and(|s| Some(s) == sponsor_of(game, by))
    });
    let success = opts.forced || {
        let p = capability(game, by) * (1.0 - 0.7 * hardening) + if foothold { 0.25 } else { 0.0 };
        r.random_bool(p.clamp(0.05, 0.95))
    };
    if !success {
        ev.push(Event::new(
            turn,
            Seen::Facilitator,
            EventKind::Operation {
                by,
                node: n,
                kind,
                success,
                incident: None,
            },
        ));
        return None;
    }
    let inc = IncidentId::from_index(game.world.incidents.len());
    // Intrusions are silent unless a scenario makes them visible (a leak).
    let visible = opts.visible && (kind != OperationKind::Intrusion || opts.forced);
    let public = visible;
    let mut known = std::collections::BTreeSet::new();
    if visible {
        known.insert(owner);
    }
    game.world.incidents.push(Incident {
        id: incident_id
            .map(str::to_string)
            .unwrap_or_else(|| format!("incident-{}", inc.0 + 1)),
        turn,
        kind,
        nodes: vec![n],
        victim: owner,
        perpetrator: by,
        sponsor: match by {
            Party::State(s) => Some(s),
            Party::Actor(a) => game.world.actor(a).sponsor,
        },
        known_to: known,
        public,
        planted: Vec::new(),
        attributions: Vec::new(),
        investigations: Vec::new(),
    });
    ev.push(Event::new(
        turn,
        Seen::Facilitator,
        EventKind::Operation {
            by,
            node: n,
            kind,
            success,
            incident: Some(inc),
        },
    ));
    damage(game, n, kind, opts, by, inc, visible);
    // A worm's first burst (two hops) happens at once, before anyone can react.
    if opts.spread > 0.0 {
        spread_from(game, n, r, ev);
        let reached: Vec<NodeId> = game.world.incidents[inc.index()]
            .nodes
            .iter()
            .skip(1)
            .copied()
            .collect();
        for m in reached {
            spread_from(game, m, r, ev);
        }
    }
    if public && severity(kind) >= 0.8 {
        // A destructive attack on infrastructure unsettles everyone.
        super::actions::escalate(game, 1.5);
    }
    if visible {
        ev.push(Event::new(
            turn,
            if public {
                Seen::Public
            } else {
                Seen::one(owner)
            },
            EventKind::IncidentReported {
                incident: inc,
                node: n,
                kind,
            },
        ));
    }
    Some(inc)
}

/// Apply an operation's effect to one node.
fn damage(
    game: &mut Game,
    n: NodeId,
    kind: OperationKind,
    opts: OpOptions,
    by: Party,
    inc: IncidentId,
    visible: bool,
) {
    let owner = game.world.infra.node(n).owner;
    if kind == OperationKind::ViolentContent {
        let c = &mut game.world.content;
        for (i, level) in c.iter_mut().enumerate() {
            *level = (*level + if i == owner.index() { 40.0 } else { 20.0 }).min(100.0);
        }
        return;
    }
    let node = game.world.infra.node_mut(n);
    let mitigation = if opts.forced {
        1.0 - 0.5 * node.hardening
    } else {
        1.0
    };
    let sev = severity(kind) * mitigation;
    node.health = (node.health * (1.0 - sev)).clamp(0.0, 1.0);
    match kind {
        OperationKind::Ddos => node.temp_loss = node.temp_loss.max(0.5 * mitigation),
        OperationKind::Sabotage => node.sabotaged = true,
        _ => {}
    }
    if leaves_compromise(kind) {
        node.compromise = Some(Compromise {
            by,
            incident: inc,
            kind,
            detected: visible,
            spread: opts.spread,
        });
    }
    if matches!(
        kind,
        OperationKind::Disinformation | OperationKind::Defacement
    ) {
        let p = &mut game.world.state_mut(owner).pressure;
        *p = (*p + 4.0).min(100.0);
    }
}

/// Compromise spreads one hop per turn to connected, unisolated nodes.
pub fn spread(game: &mut Game, r: &mut ChaCha8Rng, ev: &mut Vec<Event>) {
    let sources: Vec<NodeId> = game
        .world
        .infra
        .nodes()
        .filter(|(_, n)| n.compromise.as_ref().is_some_and(|c| c.spread > 0.0) && !n.isolated)
        .map(|(id, _)| id)
        .collect();
    for from in sources {
        spread_from(game, from, r, ev);
    }
}

/// One hop of spread from one infected node.
fn spread_from(game: &mut Game, from: NodeId, r: &mut ChaCha8Rng, ev: &mut Vec<Event>) {
    let turn = game.turn;
    let Some(c) = game.world.infra.node(from).compromise.clone() else {
        return;
    };
    if let Party::Actor(a) = c.by
        && game.world.actor(a).stopped
    {
        return;
    }
    for to in game.world.infra.neighbours(from) {
        let target = game.world.infra.node(to);
        if target.isolated || target.compromise.is_some() {
            continue;
        }
        let p = c.spread * (1.0 - target.hardening);
        if !r.random_bool(p.clamp(0.0, 1.0)) {
            continue;
        }
        let owner = target.owner;
        damage(
            game,
            to,
            c.kind,
            OpOptions {
                forced: false,
                visible: true,
                spread: c.spread,
            },
            c.by,
            c.incident,
            true,
        );
        let inc = &mut game.world.incidents[c.incident.index()];
        inc.nodes.push(to);
        inc.known_to.insert(owner);
        ev.push(Event::new(
            turn,
            Seen::Facilitator,
            EventKind::Spread {
                incident: c.incident,
                from,
                to,
            },
        ));
        ev.push(Event::new(
            turn,
            if inc.public {
                Seen::Public
            } else {
                Seen::one(owner)
            },
            EventKind::IncidentReported {
                incident: c.incident,
                node: to,
                kind: c.kind,
            },
        ));
    }
}

/// Mark a node's compromise as detected and tell its owner.
pub fn detect(game: &mut Game, n: NodeId, ev: &mut Vec<Event>) {
    let turn = game.turn;
    let node = game.world.infra.node_mut(n);
    let owner = node.owner;
    if let Some(c) = node.compromise.as_mut()
        && !c.detected
    {
        c.detected = true;
        let inc = c.incident;
        game.world.incidents[inc.index()].known_to.insert(owner);
        ev.push(Event::new(
            turn,
            Seen::one(owner),
            EventKind::CompromiseDetected {
                state: owner,
                node: n,
                incident: inc,
            },
        ));
    }
}

/// Each State looks for hidden compromise on its own nodes.
pub fn detection(game: &mut Game, r: &mut ChaCha8Rng, ev: &mut Vec<Event>) {
    let hidden: Vec<(NodeId, StateId, f64, Party)> = game
        .world
        .infra
        .nodes()
        .filter_map(|(id, n)| {
            n.compromise
                .as_ref()
                .filter(|c| !c.detected)
                .map(|c| (id, n.owner, n.hardening, c.by))
        })
        .collect();
    for (n, owner, hardening, by) in hidden {
        let s = game.world.state(owner);
        let p = s.capacities.detection * (1.0 - 0.6 * stealth(game, by))
            + s.detection_bonus
            + 0.2 * hardening;
        if r.random_bool(p.clamp(0.0, 0.95)) {
            detect(game, n, ev);
        }
    }
    for s in &mut game.world.states {
        s.detection_bonus = 0.0;
    }
}

/// Add a piece of evidence to a State's file (it also learns of the incident).
#[allow(clippy::too_many_arguments)]
pub fn give_evidence(
    game: &mut Game,
    to: StateId,
    incident: IncidentId,
    suspect: Party,
    weight: f64,
    planted: bool,
    circumstantial: bool,
    source: EvidenceSource,
    text: &str,
    ev: &mut Vec<Event>,
) {
    let turn = game.turn;
    let origin = game.world.evidence.len();
    game.world.evidence.push(Evidence {
        turn,
        incident,
        holder: to,
        suspect,
        weight: weight.clamp(0.0, 1.0),
        planted,
        circumstantial,
        discredited: false,
        origin,
        source,
        text: text.to_string(),
    });
    game.world.incidents[incident.index()].known_to.insert(to);
    ev.push(Event::new(
        turn,
        Seen::one(to),
        EventKind::EvidenceFound {
            state: to,
            incident,
            suspect,
            weight,
        },
    ));
    // Evidence that another State attacked you raises tension with it,
    // whether or not the evidence is true.
    if let Party::State(s) = suspect
        && s != to
        && game.world.incidents[incident.index()].victim == to
    {
        super::actions::adjust_pair(game, to, s, -5.0 * weight, 10.0 * weight);
    }
}

/// An investigation: evidence comes in stages. First what was left to be
/// found (including planted clues) and the hands-on perpetrator; then
/// where the infrastructure sits and the first hint of a sponsor; later,
/// stronger links to the sponsor and a chance to see through planted or
/// circumstantial evidence.
pub fn investigate(
    game: &mut Game,
    me: StateId,
    i: IncidentId,
    r: &mut ChaCha8Rng,
    ev: &mut Vec<Event>,
) {
    let turn = game.turn;
    let cert = game.world.effective_cert(me);
    let assisted = game.world.state(me).assisted;
    let p = (0.55 + 0.4 * cert + if assisted { 0.2 } else { 0.0 }).min(0.95);
    if !r.random_bool(p) {
        ev.push(Event::new(
            turn,
            Seen::one(me),
            EventKind::InvestigationFruitless {
                state: me,
                incident: i,
            },
        ));
        return;
    }
    let inc = game.world.incident(i).clone();
    let stage = inc.investigations_by(me);
    let steal = stealth(game, inc.perpetrator);
    let src = EvidenceSource::Investigation;
    let before = game.world.evidence.len();
    match stage {
        0 => {
            for &(suspect, w) in &inc.planted {
                give_evidence(
                    game,
                    me,
                    i,
                    suspect,
                    w,
                    true,
                    false,
                    src,
                    "Traces left in the malware point this way.",
                    ev,
                );
            }
            let (w, text) = match inc.perpetrator {
                Party::Actor(_) => (
                    (0.25 + 0.45 * cert - 0.2 * steal).max(0.1),
                    "Tools and techniques match this group.",
                ),
                Party::State(_) => (
                    0.5 + 0.3 * cert,
                    "The operation bears the marks of a State service.",
                ),
            };
            give_evidence(game, me, i, inc.perpetrator, w, false, false, src, text, ev);
        }
        1 => {
            if let Party::Actor(a) = inc.perpetrator {
                let actor = game.world.actor(a).clone();
                if actor.based_in != inc.victim && Some(actor.based_in) != actor.sponsor {
                    give_evidence(
                        game,
                        me,
                        i,
                        Party::State(actor.based_in),
                        0.3,
                        false,
                        true,
                        src,
                        "Command servers are located on this State's territory.",
                        ev,
                    );
                }
                let w = ((0.25 + 0.45 * cert - 0.2 * steal) / 2.0).max(0.05);
                give_evidence(
                    game,
                    me,
                    i,
                    inc.perpetrator,
                    w,
                    false,
                    false,
                    src,
                    "More of the group's infrastructure identified.",
                    ev,
                );
            }
            if let Some(sp) = inc.sponsor
                && inc.perpetrator != Party::State(sp)
            {
                let w = (0.15 + 0.4 * cert - 0.3 * steal).max(0.05);
                give_evidence(
                    game,
                    me,
                    i,
                    Party::State(sp),
                    w,
                    false,
                    false,
                    src,
                    "Tasking and targeting suggest direction by this State.",
                    ev,
                );
            }
        }
        _ => {
            if let Some(sp) = inc.sponsor
                && inc.perpetrator != Party::State(sp)
            {
                let w = (0.1 + 0.3 * cert - 0.2 * steal).max(0.05) / (stage as f64 - 1.0);
                give_evidence(
                    game,
                    me,
                    i,
                    Party::State(sp),
                    w,
                    false,
                    false,
                    src,
                    "Further links between the group and this State's services.",
                    ev,
                );
            }
            // A chance to see through planted and circumstantial clues.
            let p = (0.2 + 0.5 * cert - 0.3 * steal + if assisted { 0.15 } else { 0.0 })
                .clamp(0.05, 0.9);
            let doubtful: Vec<usize> = (0..game.world.evidence.len())
                .filter(|&k| {
                    let e = &game.world.evidence[k];
                    e.holder == me
                        && e.incident == i
                        && !e.discredited
                        && (e.planted || e.circumstantial)
                })
                .collect();
            for k in doubtful {
                if r.random_bool(p) {
                    game.world.evidence[k].discredited = true;
                    let suspect = game.world.evidence[k].suspect;
                    ev.push(Event::new(
                        turn,
                        Seen::one(me),
                        EventKind::EvidenceDiscredited {
                            state: me,
                            incident: i,
                            suspect,
                        },
                    ));
                }
            }
        }
    }
    let inc = &mut game.world.incidents[i.index()];
    match inc.investigations.iter_mut().find(|(s, _)| *s == me) {
        Some(entry) => entry.1 += 1,
        None => inc.investigations.push((me, 1)),
    }
    if game.world.evidence.len() == before && stage >= 2 {
        ev.push(Event::new(
            turn,
            Seen::one(me),
            EventKind::InvestigationFruitless {
                state: me,
                incident: i,
            },
        ));
    }
}

/// Standing behaviours of actors (declared in the scenario).
pub fn actor_behaviours(game: &mut Game, r: &mut ChaCha8Rng, ev: &mut Vec<Event>) {
    let turn = game.turn;
    let scenario = game.scenario.clone();
    for (ai, behaviours) in scenario.behaviours.iter().enumerate() {
        let a = ActorId::from_index(ai);
        for (bi, b) in behaviours.iter().enumerate() {
            if game.world.actor(a).stopped || game.world.actor(a).behaviours_stopped[bi] {
                continue;
            }
            if turn < b.from_turn || b.until_turn.is_some_and(|u| turn > u) {
                continue;
            }
            if let Some(c) = &b.stop_when
                && super::conditions::holds(game, c)
            {
                game.world.actors[ai].behaviours_stopped[bi] = true;
                continue;
            }
            if !r.random_bool(b.chance.clamp(0.0, 1.0)) {
                continue;
            }
            let candidates: Vec<NodeId> = if !b.targets.nodes.is_empty() {
                b.targets
                    .nodes
                    .iter()
                    .filter_map(|id| scenario.node_id(id))
                    .collect()
            } else {
                let states: Vec<StateId> = b
                    .targets
                    .states
                    .iter()
                    .filter_map(|id| scenario.state_id(id))
                    .collect();
                game.world
                    .infra
                    .nodes()
                    .filter(|(_, n)| states.is_empty() || states.contains(&n.owner))
                    .filter(|(_, n)| {
                        b.targets.sectors.is_empty() || b.targets.sectors.contains(&n.sector)
                    })
                    .map(|(id, _)| id)
                    .collect()
            };
            let candidates: Vec<NodeId> = candidates
                .into_iter()
                .filter(|&n| {
                    let node = game.world.infra.node(n);
                    !node.isolated
                        && node.compromise.as_ref().is_none_or(|c| {
                            c.by != Party::Actor(a) || c.kind == OperationKind::Intrusion
                        })
                })
                .collect();
            if candidates.is_empty() {
                continue;
            }
            let n = candidates[r.random_range(0..candidates.len())];
            let opts = OpOptions {
                forced: false,
                visible: true,
                spread: b.spread,
            };
            run_operation(game, Party::Actor(a), n, b.operation, opts, None, r, ev);
        }
    }
    let _ = Sector::Cert;
}
