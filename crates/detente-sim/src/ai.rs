//! Computer players. A computer State weighs every order open to it by its
//! expected effect on its goals (its civilians, stability, its reputation
//! and the norms, cooperation, and its interests) with weights set by its
//! personality, and takes the best ones its capital allows. It decides from
//! what it knows (its own facilities, the incidents it knows, its evidence
//! and beliefs, requests it received, public news), never from the hidden
//! truth; a `Knowledge` snapshot is the only window it gets. Orders come
//! from `Game::targets`, so every one passes the same checks as a player's.
//! Choices are deterministic for a seed (ties broken by a seeded jitter
//! far smaller than any real difference).

use std::collections::{BTreeMap, BTreeSet, BinaryHeap};

use rand::RngExt;

use crate::catalog::Norm;
use crate::game::{Game, Order, Orders, Target};
use crate::ids::*;
use crate::rules::{Stream, rng};
use crate::scenario::format::{
    ActionEffect, ActorKind, Channel, Effect, OperationKind, Personality, Sector,
};
use crate::world::RequestKind;

/// How much a personality cares about each goal.
#[derive(Clone, Copy, Debug)]
pub struct Weights {
    pub civilians: f64,
    pub others_civilians: f64,
    pub stability: f64,
    pub reputation: f64,
    pub norms: f64,
    pub cooperation: f64,
    /// Appetite for coercion against those it blames.
    pub aggression: f64,
    /// Appetite for covert attacks on rivals.
    pub covert: f64,
    /// Confidence it needs before naming a culprit publicly.
    pub attribution_threshold: f64,
    /// Preference for investigating before acting.
    pub caution: f64,
}

pub fn weights(p: Personality) -> Weights {
    match p {
        Personality::Cooperative => Weights {
            civilians: 1.0,
            others_civilians: 0.7,
            stability: 1.0,
            reputation: 0.6,
            norms: 1.0,
            cooperation: 1.2,
            aggression: 0.1,
            covert: 0.0,
            attribution_threshold: 0.6,
            caution: 1.0,
        },
        Personality::Cautious => Weights {
            civilians: 1.0,
            others_civilians: 0.3,
            stability: 1.5,
            reputation: 0.5,
            norms: 1.0,
            cooperation: 0.7,
            aggression: 0.05,
            covert: 0.0,
            attribution_threshold: 0.75,
            caution: 1.6,
        },
        Personality::Hawkish => Weights {
            civilians: 0.9,
            others_civilians: 0.1,
            stability: 0.3,
            reputation: 0.4,
            norms: 0.35,
            cooperation: 0.25,
            aggression: 1.2,
            covert: 0.0,
            attribution_threshold: 0.35,
            caution: 0.5,
        },
        Personality::Opportunist => Weights {
            civilians: 0.8,
            others_civilians: 0.2,
            stability: 0.6,
            reputation: 1.2,
            norms: 0.5,
            cooperation: 0.5,
            aggression: 0.5,
            covert: 0.0,
            attribution_threshold: 0.55,
            caution: 0.8,
        },
        Personality::CovertAggressor => Weights {
            civilians: 0.8,
            others_civilians: 0.0,
            stability: 0.6,
            reputation: 0.7,
            norms: 0.1,
            cooperation: 0.1,
            aggression: 0.6,
            covert: 1.0,
            attribution_threshold: 0.9,
            caution: 0.3,
        },
    }
}

/// An incident a State knows, its victim, and the State's belief.
type KnownIncident = (IncidentId, StateId, Vec<(Party, f64)>);

/// What a State knows: its own facilities, incidents it knows, its beliefs,
/// requests to it, and public facts. Built once per decision.
struct Knowledge {
    me: StateId,
    /// Own nodes: (id, importance relative to the average own node).
    importance: BTreeMap<NodeId, f64>,
    /// Incidents known, with the victim and my belief (suspect, confidence).
    incidents: Vec<KnownIncident>,
    /// Incidents against me in the last two turns.
    recent_attacks: usize,
    /// For each State, the strongest confidence I hold that it attacked me.
    blame: BTreeMap<StateId, f64>,
    /// For each actor, the strongest confidence I hold that it attacked me.
    actor_blame: BTreeMap<ActorId, f64>,
    /// Unanswered requests to me: (from, kind).
    requests: Vec<(StateId, RequestKind)>,
    /// My unanswered requests: (to, kind).
    my_requests: Vec<(StateId, RequestKind)>,
    /// States with a known incident on their territory, and how many.
    victims: BTreeMap<StateId, usize>,
    /// Incidents I already attributed.
    attributed: BTreeSet<IncidentId>,
    /// Times I investigated each incident.
    investigated: BTreeMap<IncidentId, u32>,
    /// A known incident spreading (several facilities).
    spreading: BTreeSet<IncidentId>,
    /// My orders of the last two turns.
    recent: BTreeSet<Order>,
    /// States that lack some of my evidence.
    could_use_my_evidence: BTreeSet<StateId>,
    /// Own facilities whose suppliers are struggling.
    at_risk: f64,
    /// Own facilities badly damaged.
    damaged: f64,
    /// For each other State: dependencies between us whose dependent lacks backup.
    exposure: BTreeMap<StateId, f64>,
}

fn knowledge(game: &Game, me: StateId) -> Knowledge {
    let w = &game.world;
    // Importance of an own facility: the people it serves plus those served
    // by what depends on it (two steps down the dependencies, and network
    // neighbours for grid and telecom nodes), scaled 0.3 (minor) to 3 (vital).
    let wp = |n: NodeId| w.infra.node(n).weighted_population();
    let own: Vec<(NodeId, f64)> = w
        .infra
        .nodes()
        .filter(|(_, n)| n.owner == me)
        .map(|(id, n)| {
            let mut v = n.weighted_population();
            for (d, _, s1) in w.infra.dependents(id) {
                v += s1 * wp(d);
                for (d2, _, s2) in w.infra.dependents(d) {
                    v += 0.5 * s1 * s2 * wp(d2);
                }
            }
            if n.network.is_some() {
                v += 0.5 * w.infra.linked(id).into_iter().map(wp).sum::<f64>();
            }
            (id, v)
        })
        .collect();
    let max = own.iter().map(|(_, v)| *v).fold(1.0, f64::max);
    let importance = own
        .into_iter()
        .map(|(id, v)| (id, 0.3 + 2.7 * (v / max).sqrt()))
        .collect();
    let mut incidents = Vec::new();
    let mut blame: BTreeMap<StateId, f64> = BTreeMap::new();
    let mut actor_blame: BTreeMap<ActorId, f64> = BTreeMap::new();
    let mut recent_attacks = 0;
    let mut victims: BTreeMap<StateId, usize> = BTreeMap::new();
    let mut spreading = BTreeSet::new();
    for i in game.known_incidents(me) {
        let inc = w.incident(i);
        // Victims of incidents I know about: for incidents that spread
        // across borders, every owner of an affected node I can see.
        *victims.entry(inc.victim).or_default() += 1;
        if inc.nodes.len() > 1 {
            spreading.insert(i);
        }
        let belief = w.belief(me, i);
        if inc.victim == me {
            if inc.turn + 2 >= game.turn {
                recent_attacks += 1;
            }
            for &(p, c) in &belief {
                match p {
                    Party::State(s) => {
                        let e = blame.entry(s).or_default();
                        *e = e.max(c);
                    }
                    Party::Actor(a) => {
                        let e = actor_blame.entry(a).or_default();
                        *e = e.max(c);
                    }
                }
            }
        }
        incidents.push((i, inc.victim, belief));
    }
    let requests = w
        .requests
        .iter()
        .filter(|r| r.to == me && !r.answered && !r.lapsed)
        .map(|r| (r.from, r.kind))
        .collect();
    let my_requests = w
        .requests
        .iter()
        .filter(|r| r.from == me && !r.answered && !r.lapsed)
        .map(|r| (r.to, r.kind))
        .collect();
    let attributed = w
        .incidents
        .iter()
        .enumerate()
        .filter(|(_, i)| i.attributions.iter().any(|a| a.by == me))
        .map(|(k, _)| IncidentId::from_index(k))
        .collect();
    let investigated = w
        .incidents
        .iter()
        .enumerate()
        .map(|(k, i)| (IncidentId::from_index(k), i.investigations_by(me)))
        .filter(|(_, n)| *n > 0)
        .collect();
    let recent = game
        .history
        .iter()
        .rev()
        .take(2)
        .flat_map(|h| {
            h.orders
                .iter()
                .filter(|(s, _)| *s == me)
                .flat_map(|(_, o)| o.actions.iter().copied())
        })
        .collect();
    let mine: Vec<usize> = w
        .evidence
        .iter()
        .filter(|e| e.holder == me)
        .map(|e| e.origin)
        .collect();
    let could_use_my_evidence = w
        .state_ids()
        .filter(|&o| o != me)
        .filter(|&o| {
            mine.iter().any(|&origin| {
                !w.evidence
                    .iter()
                    .any(|e| e.holder == o && e.origin == origin)
            })
        })
        .collect();
    let at_risk = w
        .infra
        .nodes()
        .filter(|(id, n)| {
            n.owner == me
                && w.infra
                    .suppliers(*id)
                    .iter()
                    .any(|(s, _, _)| w.infra.node(*s).service < 0.7)
        })
        .count() as f64;
    let damaged = w
        .infra
        .nodes()
        .filter(|(_, n)| n.owner == me && n.health < 0.7)
        .count() as f64;
    let mut exposure: BTreeMap<StateId, f64> = BTreeMap::new();
    for (a, b, _) in w.infra.edges() {
        let (na, nb) = (w.infra.node(a), w.infra.node(b));
        if na.owner != nb.owner && (na.owner == me || nb.owner == me) && nb.buffer_max < 2 {
            let other = if na.owner == me { nb.owner } else { na.owner };
            *exposure.entry(other).or_default() += 1.0;
        }
    }
    Knowledge {
        me,
        at_risk,
        damaged,
        exposure,
        importance,
        recent,
        could_use_my_evidence,
        incidents,
        recent_attacks,
        blame,
        actor_blame,
        requests,
        my_requests,
        victims,
        attributed,
        investigated,
        spreading,
    }
}

/// A candidate order in the greedy choice.
struct Candidate {
    value: f64,
    base: f64,
    order: Order,
    /// How many picks of the same action `value` accounts for.
    seen: u32,
}

impl PartialEq for Candidate {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == std::cmp::Ordering::Equal
    }
}

impl Eq for Candidate {}

impl PartialOrd for Candidate {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Candidate {
    /// Higher value first; on a tie, the smaller order (deterministic).
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.value
            .total_cmp(&other.value)
            .then_with(|| other.order.cmp(&self.order))
    }
}

/// Choose a State's orders for this turn.
pub fn choose_orders(game: &Game, me: StateId) -> Orders {
    let state = game.world.state(me);
    let wt = weights(state.personality);
    let k = knowledge(game, me);
    let mut r = rng(game.seed, game.turn, Stream::Ai as u64 + me.0 as u64);

    let mut candidates: Vec<(f64, Order)> = Vec::new();
    for a in 0..game.scenario.actions.len() {
        let action = ActionId::from_index(a);
        if game.action_open(me, action).is_err() {
            continue;
        }
        for target in prune_targets(game, &k, action, game.targets(me, action)) {
            let order = Order { action, target };
            let v = value(game, &k, &wt, &order);
            if v.is_finite() && v > 0.0 {
                let jitter: f64 = r.random::<f64>() * 0.05;
                candidates.push((v + jitter, order));
            }
        }
    }
    candidates.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));

    let mut capital = game.capital(me);
    let mut chosen: Vec<Order> = Vec::new();
    let mut taken: BTreeMap<ActionId, u32> = BTreeMap::new();
    let mut attributed: BTreeSet<IncidentId> = BTreeSet::new();
    // Greedy with a lazy heap: each pick lowers the value of repeating the
    // same action (x0.4 per earlier pick); stale entries are re-queued.
    let mut heap: BinaryHeap<Candidate> = candidates
        .into_iter()
        .map(|(v, order)| Candidate {
            value: v,
            base: v,
            order,
            seen: 0,
        })
        .collect();
    while let Some(c) = heap.pop() {
        let t = *taken.get(&c.order.action).unwrap_or(&0);
        if t != c.seen {
            heap.push(Candidate {
                value: c.base * 0.4f64.powi(t as i32),
                seen: t,
                ..c
            });
            continue;
        }
        let (v, order) = (c.value, c.order);
        if v < 0.8 {
            break;
        }
        let cost = game.cost(me, &order);
        if cost > capital {
            continue;
        }
        if let Target::Attribution(i, _) = order.target
            && !attributed.insert(i)
        {
            continue;
        }
        let covert = game
            .scenario
            .action(order.action)
            .def
            .effects
            .iter()
            .any(|e| matches!(e, ActionEffect::CovertOperation { .. }));
        if covert
            && chosen.iter().any(|o: &Order| {
                game.scenario
                    .action(o.action)
                    .def
                    .effects
                    .iter()
                    .any(|e| matches!(e, ActionEffect::CovertOperation { .. }))
            })
        {
            continue;
        }
        capital -= cost;
        *taken.entry(order.action).or_default() += 1;
        chosen.push(order);
        if capital == 0 {
            break;
        }
    }

    let choices = game
        .offered
        .get(&me)
        .map(|ds| {
            ds.iter()
                .map(|&d| (d, choose_option(game, &k, &wt, d)))
                .collect()
        })
        .unwrap_or_default();
    Orders {
        actions: chosen,
        choices,
    }
}

/// Keep the candidate list small where a target kind has many members.
fn prune_targets(
    game: &Game,
    k: &Knowledge,
    action: ActionId,
    targets: Vec<Target>,
) -> Vec<Target> {
    if targets.len() <= 24 {
        return targets;
    }
    let kind = game.scenario.action(action).def.target;
    let mut scored: Vec<(f64, Target)> = targets
        .into_iter()
        .map(|t| {
            let s = match t {
                Target::Node(n) => {
                    let node = game.world.infra.node(n);
                    let own = k.importance.get(&n).copied().unwrap_or(0.0);
                    own * (2.0 - node.service) + node.weighted_population() * 1e-9
                }
                _ => 0.0,
            };
            (s, t)
        })
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    let _ = kind;
    scored.into_iter().take(24).map(|(_, t)| t).collect()
}

fn trust(game: &Game, a: StateId, b: StateId) -> f64 {
    game.world
        .relations
        .get(a, b)
        .map(|r| r.trust)
        .unwrap_or(50.0)
}

fn tension(game: &Game, a: StateId, b: StateId) -> f64 {
    game.world
        .relations
        .get(a, b)
        .map(|r| r.tension)
        .unwrap_or(0.0)
}

/// A rival: the State I am most tense with.
fn rival(game: &Game, me: StateId) -> Option<StateId> {
    game.world
        .state_ids()
        .filter(|&s| s != me)
        .max_by(|&a, &b| {
            tension(game, me, a)
                .total_cmp(&tension(game, me, b))
                .then(b.cmp(&a))
        })
        .filter(|&s| tension(game, me, s) > 20.0)
}

fn value(game: &Game, k: &Knowledge, w: &Weights, order: &Order) -> f64 {
    let me = k.me;
    let action = &game.scenario.action(order.action).def;
    let st = game.world.state(me);
    let pressure = st.pressure;
    let other = game.target_state(me, &order.target);
    let mut v = 0.0;
    let threat = if k.recent_attacks > 0 { 1.0 } else { 0.25 };

    for e in &action.effects {
        use ActionEffect as E;
        v += match e {
            E::Investigate => match order.target {
                Target::Incident(i) => {
                    let Some((_, victim, belief)) = k.incidents.iter().find(|(x, _, _)| *x == i)
                    else {
                        continue;
                    };
                    let sure = belief.first().map(|(_, c)| *c).unwrap_or(0.0);
                    let times = *k.investigated.get(&i).unwrap_or(&0) as f64;
                    let mine = if *victim == me {
                        1.0
                    } else if trust(game, me, *victim) > 60.0 {
                        0.4
                    } else {
                        0.15
                    };
                    mine * (1.0 - sure) * (2.5 + 1.5 * w.caution) / (1.0 + times * 0.6)
                }
                _ => 0.0,
            },
            E::Harden(_) => match order.target {
                Target::Node(n) => {
                    let node = game.world.infra.node(n);
                    let imp = k.importance.get(&n).copied().unwrap_or(0.0);
                    w.civilians * imp * threat * 0.9 * (1.0 - node.hardening)
                }
                _ => 0.0,
            },
            E::HardenAll(x) => w.civilians * threat * x * 12.0,
            E::Isolate => match order.target {
                Target::Node(n) => {
                    let node = game.world.infra.node(n);
                    let infected = node
                        .compromise
                        .as_ref()
                        .is_some_and(|c| c.detected && k.spreading.contains(&c.incident));
                    if infected { w.civilians * 3.0 } else { -1.0 }
                }
                _ => 0.0,
            },
            E::Reconnect => match order.target {
                Target::Node(n) => {
                    let node = game.world.infra.node(n);
                    if node.compromise.as_ref().is_none_or(|c| !c.detected) {
                        w.civilians * 1.5 * k.importance.get(&n).copied().unwrap_or(1.0)
                    } else {
                        -1.0
                    }
                }
                _ => 0.0,
            },
            E::Restore(_) => match order.target {
                Target::Node(n) => {
                    let node = game.world.infra.node(n);
                    let imp = k.importance.get(&n).copied().unwrap_or(0.0);
                    let infected = node.compromise.as_ref().is_some_and(|c| c.detected);
                    w.civilians
                        * imp
                        * ((1.0 - node.health) * 2.5 + if infected { 1.5 } else { 0.0 })
                }
                _ => 0.0,
            },
            E::ShareIndicators => match other {
                Some(o) => {
                    let useful = k.could_use_my_evidence.contains(&o);
                    let t = tension(game, me, o);
                    let suspect = k.blame.get(&o).copied().unwrap_or(0.0) > 0.2;
                    if !useful || t > 35.0 || suspect {
                        0.0
                    } else {
                        w.cooperation * 1.6 * (trust(game, me, o) / 50.0)
                    }
                }
                None => 0.0,
            },
            E::RequestAssistance => match other {
                Some(o) => {
                    let damaged = k.damaged;
                    let already = k
                        .my_requests
                        .iter()
                        .any(|&(t, kind)| t == o && kind == RequestKind::Assistance);
                    let helper = game.world.state(o).capacities.cert;
                    if damaged == 0.0 || already || tension(game, me, o) > 50.0 {
                        0.0
                    } else {
                        w.civilians
                            * damaged.min(3.0)
                            * (0.8 + helper)
                            * (trust(game, me, o) / 50.0)
                            * (1.2 - st.capacities.cert)
                    }
                }
                None => 0.0,
            },
            E::ProvideAssistance(_) => match other {
                Some(o) => {
                    let asked = k
                        .requests
                        .iter()
                        .any(|&(f, kind)| f == o && kind == RequestKind::Assistance);
                    let hostile = tension(game, me, o) > 50.0
                        || k.blame.get(&o).copied().unwrap_or(0.0) > 0.4;
                    let harm = k.victims.get(&o).copied().unwrap_or(0) as f64;
                    if hostile && w.cooperation < 1.0 {
                        0.0
                    } else if asked {
                        w.cooperation * 4.0
                            + w.others_civilians * 2.0
                            + w.norms * 1.5
                            + w.reputation * 0.5
                    } else {
                        (w.others_civilians * 1.2 + w.reputation * 0.4) * harm.min(2.0)
                    }
                }
                None => 0.0,
            },
            E::ReportVulnerability(_) => {
                w.reputation * 0.45
                    + w.cooperation * 0.2
                    + if k.recent_attacks > 0 { 0.2 } else { 0.0 }
            }
            E::AuditSupplyChain => w.civilians * if k.recent_attacks > 0 { 1.2 } else { 0.4 },
            E::OpenChannel(c) => match other {
                Some(o) => {
                    let t = tension(game, me, o);
                    let base = match c {
                        Channel::PointsOfContact => 1.6,
                        Channel::Hotline => 0.6 + t / 30.0,
                        Channel::CertLink => {
                            0.6 + if k.victims.contains_key(&o) || k.recent_attacks > 0 {
                                1.2
                            } else {
                                0.0
                            }
                        }
                    };
                    w.cooperation * base + w.stability * t / 80.0
                }
                None => 0.0,
            },
            E::AskToStop => match other {
                Some(o) => {
                    let suspect_here = k
                        .actor_blame
                        .iter()
                        .any(|(&a, &c)| c >= 0.25 && game.world.actor(a).based_in == o)
                        || k.blame.get(&o).copied().unwrap_or(0.0) >= 0.25;
                    let already = k
                        .my_requests
                        .iter()
                        .any(|&(t, kind)| t == o && kind == RequestKind::StopActivity);
                    if suspect_here && !already {
                        2.0 + w.stability * 0.8 + w.norms * 0.4
                    } else {
                        0.0
                    }
                }
                None => 0.0,
            },
            E::RequestLawEnforcement => match other {
                Some(o) => {
                    let criminals = k.actor_blame.iter().any(|(&a, &c)| {
                        let actor = game.world.actor(a);
                        c >= 0.2
                            && actor.based_in == o
                            && matches!(
                                actor.kind,
                                ActorKind::Criminal | ActorKind::Hacktivist | ActorKind::Terrorist
                            )
                    });
                    let already = k
                        .my_requests
                        .iter()
                        .any(|&(t, kind)| t == o && kind == RequestKind::LawEnforcement);
                    if criminals && !already {
                        2.2 + w.cooperation * 1.2
                    } else {
                        0.0
                    }
                }
                None => 0.0,
            },
            E::Takedown => match order.target {
                Target::Actor(a) => {
                    let actor = game.world.actor(a);
                    if actor.sponsor == Some(me) {
                        -10.0
                    } else {
                        let asked = k.requests.iter().any(|&(_, kind)| {
                            matches!(
                                kind,
                                RequestKind::StopActivity | RequestKind::LawEnforcement
                            )
                        });
                        let hit_me = k.actor_blame.get(&a).copied().unwrap_or(0.0);
                        let named = game.world.incidents.iter().any(|i| {
                            i.attributions
                                .iter()
                                .any(|at| at.suspect == Party::Actor(a))
                        });
                        (if asked {
                            3.0 + w.norms * 2.0 + w.cooperation
                        } else {
                            0.0
                        }) + hit_me * 4.0
                            + if named { 1.0 } else { 0.0 }
                    }
                }
                _ => 0.0,
            },
            E::Attribute => match order.target {
                Target::Attribution(i, p) => attribution_value(game, k, w, i, p),
                _ => 0.0,
            },
            E::Operation(_) => match (order.target, other) {
                (Target::Node(n), Some(o)) => {
                    let blame = k.blame.get(&o).copied().unwrap_or(0.0);
                    let node = game.world.infra.node(n);
                    let retaliation = if blame >= w.attribution_threshold {
                        w.aggression * (2.5 + pressure / 40.0)
                    } else {
                        0.0
                    };
                    let civ = if node.population > 0.0 {
                        w.norms * 2.0
                    } else {
                        0.0
                    };
                    if retaliation == 0.0 {
                        -5.0
                    } else {
                        retaliation - civ - w.stability * 2.0 + node_value(node)
                    }
                }
                _ => 0.0,
            },
            E::CovertOperation { false_flag, .. } => match (order.target, other) {
                (Target::Node(n), Some(o)) if w.covert > 0.0 => {
                    let is_rival = rival(game, me) == Some(o);
                    let node = game.world.infra.node(n);
                    let exposed = game.world.state(me).reputation < 30.0;
                    let rung_ok = game.world.ladder.rung < 3;
                    let busy = k.recent.iter().any(|o| {
                        game.scenario
                            .action(o.action)
                            .def
                            .effects
                            .iter()
                            .any(|e| matches!(e, ActionEffect::CovertOperation { .. }))
                    });
                    let t = tension(game, me, o);
                    if !is_rival || !rung_ok || busy || t < 35.0 || node.compromise.is_some() {
                        -1.0
                    } else {
                        // False flags need a plausible third party.
                        let flag = if *false_flag { -0.3 } else { 0.0 };
                        w.covert * (1.2 + t / 60.0 + flag + node_value(node))
                            - if exposed { 2.0 } else { 0.0 }
                    }
                }
                _ => -1.0,
            },
            E::DisruptActor => match order.target {
                Target::Actor(a) => {
                    let c = k.actor_blame.get(&a).copied().unwrap_or(0.0);
                    if c >= 0.3 {
                        w.aggression * 2.5 + w.civilians * 1.0 + c
                    } else {
                        0.0
                    }
                }
                _ => 0.0,
            },
            E::Sanctions(_) => match other {
                Some(o) => {
                    let blame = k.blame.get(&o).copied().unwrap_or(0.0);
                    if blame >= w.attribution_threshold {
                        w.aggression * (2.0 + pressure / 50.0)
                    } else {
                        -2.0
                    }
                }
                None => 0.0,
            },
            E::EmergencyPlan(_) => w.civilians * (0.3 + k.at_risk.min(4.0) * 0.9 + threat),
            E::RemoveContent => {
                let c = game.world.content[me.index()];
                if c > 5.0 {
                    w.civilians * (1.0 + c / 20.0) + w.norms * 0.5
                } else {
                    0.0
                }
            }
            E::InternetShutdown => {
                let c = game.world.content[me.index()];
                if c > 60.0 { 2.0 - w.norms * 4.0 } else { -5.0 }
            }
            E::Trust(x) => {
                let (scale, t) = match other {
                    Some(o) => (1.0, trust(game, me, o)),
                    None => (0.5, game.world.relations.mean_trust()),
                };
                w.cooperation * x * 0.06 * scale * ((100.0 - t) / 50.0).clamp(0.0, 1.5)
            }
            E::Tension(x) => {
                let t = match other {
                    Some(o) => tension(game, me, o),
                    None => game.world.relations.max_tension(),
                };
                if *x < 0.0 {
                    w.stability * (-x) * (t / 100.0) * 0.25
                } else {
                    let blame = other.and_then(|o| k.blame.get(&o).copied()).unwrap_or(0.0);
                    -w.stability * x * 0.06 + w.aggression * blame * x * 0.08
                }
            }
            E::Pressure(x) => {
                if *x < 0.0 {
                    (pressure / 35.0).powi(2) * (-x / 8.0)
                } else {
                    -x / 10.0
                }
            }
            E::Reputation(x) => w.reputation * x * 0.25,
            E::TargetReputation(x) => {
                let blame = other.and_then(|o| k.blame.get(&o).copied()).unwrap_or(0.0);
                if blame >= w.attribution_threshold {
                    w.aggression * (-x) * 0.3
                } else {
                    -0.5
                }
            }
            E::Escalation(x) if *x < 0.0 => {
                // Calming only matters when there is something to calm.
                w.stability * (-x) * 0.3 * (game.world.ladder.level / 30.0).min(1.5)
            }
            E::Escalation(x) => -w.stability * x * 0.3,
            E::CrossBorderPlan(_) => match other {
                // Worth it while facilities hanging on the other State lack backup.
                Some(o) => {
                    let exposed = k.exposure.get(&o).copied().unwrap_or(0.0);
                    if exposed > 0.0 {
                        (w.civilians * 0.8 + w.cooperation * 0.6) * exposed.min(3.0)
                    } else {
                        0.0
                    }
                }
                None => 0.0,
            },
        };
    }
    // An action needs a reason of its own; tags only add to a reason.
    if v <= 0.25 {
        return v - 0.3 * game.cost(me, order) as f64;
    }
    // Norms and CBMs: what the State thinks of being seen to do this.
    v += action.upholds.len() as f64 * w.norms * 0.3;
    v -= action.violates.len() as f64 * w.norms * 2.5;
    if action.cbm.is_some() {
        v += w.cooperation * 0.5;
    }
    if action.patient && pressure > 50.0 {
        v -= 0.5;
    }
    // Doing the same thing again so soon is rarely worth as much.
    if k.recent.contains(order) {
        v *= 0.35;
    }
    v - 0.3 * game.cost(me, order) as f64
}

fn node_value(node: &crate::world::infra::Node) -> f64 {
    match node.sector {
        Sector::Government | Sector::Finance | Sector::Energy | Sector::Elections => 0.6,
        Sector::Health | Sector::Water | Sector::Emergency => 0.2,
        _ => 0.3,
    }
}

fn attribution_value(game: &Game, k: &Knowledge, w: &Weights, i: IncidentId, p: Party) -> f64 {
    if k.attributed.contains(&i) {
        return -10.0;
    }
    let Some((_, victim, belief)) = k.incidents.iter().find(|(x, _, _)| *x == i) else {
        return -10.0;
    };
    let c = belief
        .iter()
        .find(|(q, _)| *q == p)
        .map(|(_, c)| *c)
        .unwrap_or(0.0);
    // Naming a group is a smaller step than accusing a State.
    let threshold = match p {
        Party::Actor(_) => w.attribution_threshold - 0.1,
        Party::State(_) => w.attribution_threshold,
    };
    if c < threshold {
        return -10.0;
    }
    let mine = if *victim == k.me { 1.0 } else { 0.35 };
    let pressure = game.world.state(k.me).pressure;
    let others_did = game
        .world
        .incident(i)
        .attributions
        .iter()
        .any(|a| a.suspect == p);
    let mut v = (c - threshold + 0.3) * 7.0 * mine * (1.0 + pressure / 100.0);
    if let Party::State(s) = p {
        v -= w.stability * 1.2;
        v += w.aggression * 1.5;
        if trust(game, k.me, s) > 70.0 {
            v -= 1.5;
        }
    }
    if others_did {
        v += w.cooperation * 1.5;
    }
    v
}

/// Pick the option of a dilemma that best fits the personality.
fn choose_option(game: &Game, k: &Knowledge, w: &Weights, d: DilemmaId) -> usize {
    let dilemma = &game.scenario.dilemmas[d.index()].def;
    let mut best = (f64::MIN, 0);
    for (i, o) in dilemma.options.iter().enumerate() {
        let mut v =
            o.upholds.len() as f64 * w.norms * 1.0 - o.violates.len() as f64 * w.norms * 3.0;
        if o.violates.contains(&Norm::NoHarmToCriticalInfrastructure) {
            v -= w.others_civilians * 2.0;
        }
        if o.cbm.is_some() {
            v += w.cooperation;
        }
        for e in &o.effects {
            v += match e {
                Effect::Escalation(x) => -w.stability * x * 0.25,
                Effect::Tension { change, .. } => -w.stability * change * 0.08,
                Effect::Trust { change, .. } => w.cooperation * change * 0.05,
                Effect::Pressure { state, change }
                    if game.scenario.state_id(state) == Some(k.me) =>
                {
                    -change * (0.03 + game.world.state(k.me).pressure / 1500.0)
                }
                Effect::Reputation { state, change }
                    if game.scenario.state_id(state) == Some(k.me) =>
                {
                    w.reputation * change * 0.2
                }
                Effect::Capital { state, change }
                    if game.scenario.state_id(state) == Some(k.me) =>
                {
                    *change as f64 * 0.4
                }
                Effect::Operation { kind, .. } => {
                    if *kind == OperationKind::Intrusion {
                        w.covert * 1.0
                    } else {
                        w.aggression * 2.0 + w.covert - w.stability
                    }
                }
                Effect::OpenChannel { .. } => w.cooperation * 1.0,
                Effect::RequestAssistance { .. } => w.cooperation * 0.8,
                Effect::Service { level, .. } => (level - 0.5) * w.civilians,
                _ => 0.0,
            };
        }
        if v > best.0 {
            best = (v, i);
        }
    }
    best.1
}
