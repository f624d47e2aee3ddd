//! The world as the rules see it: States, the relations between them, the
//! escalation track, the infrastructure graph, actors, incidents, evidence
//! and the ledgers the scores are computed from. Plain data; the rules that
//! change it live in `rules`, behind `Game::execute`.

pub mod infra;

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::catalog::{Cbm, Norm};
use crate::ids::{ActionId, ActorId, DilemmaId, IncidentId, NodeId, Party, StateId};
use crate::scenario::format::{ActorKind, Channel, Controller, OperationKind, Personality};
pub use infra::Infrastructure;

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Capacities {
    pub cert: f64,
    pub detection: f64,
    pub resilience: f64,
    pub capital: u32,
    pub offensive: f64,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct StateData {
    pub id: String,
    pub name: String,
    pub colour: [u8; 3],
    pub controller: Controller,
    pub personality: Personality,
    pub capacities: Capacities,
    pub pressure: f64,
    pub reputation: f64,
    pub briefing: String,
    /// Capital lost to sanctions: (amount per turn, last turn it applies).
    pub sanctions: Vec<(u32, u32)>,
    /// Extra capital (or less) for the current turn only, from injects.
    pub capital_adjust: i32,
    /// Detection bonus for the next detection phase (shared indicators).
    pub detection_bonus: f64,
    /// Investigation bonus this turn (assistance received).
    pub assisted: bool,
}

impl StateData {
    /// Capital available for orders this turn, never negative.
    pub fn capital(&self, turn: u32) -> u32 {
        let sanctioned: u32 = self
            .sanctions
            .iter()
            .filter(|(_, until)| *until >= turn)
            .map(|(amount, _)| *amount)
            .sum();
        let base = self.capacities.capital as i64 + self.capital_adjust as i64 - sanctioned as i64;
        base.clamp(1, 40) as u32
    }
}

/// Trust, tension and channels between one pair of States.
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
pub struct Relation {
    pub trust: f64,
    pub tension: f64,
    pub channels: BTreeSet<Channel>,
    /// A hostile act between the pair this turn (stops tension decay).
    #[serde(default)]
    pub hostile_this_turn: bool,
}

/// Relations of every unordered pair, stored in a triangle.
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
pub struct Relations {
    pub states: usize,
    pub pairs: Vec<Relation>,
}

impl Relations {
    pub fn new(states: usize) -> Relations {
        let count = states * states.saturating_sub(1) / 2;
        Relations {
            states,
            pairs: vec![
                Relation {
                    trust: 50.0,
                    ..Relation::default()
                };
                count
            ],
        }
    }

    fn index(&self, a: StateId, b: StateId) -> Option<usize> {
        let (a, b) = (a.index().min(b.index()), a.index().max(b.index()));
        if a == b || b >= self.states {
            return None;
        }
        // Row a holds pairs (a, a+1..n).
        Some(a * (2 * self.states - a - 1) / 2 + (b - a - 1))
    }

    pub fn get(&self, a: StateId, b: StateId) -> Option<&Relation> {
        self.index(a, b).map(|i| &self.pairs[i])
    }

    pub fn get_mut(&mut self, a: StateId, b: StateId) -> Option<&mut Relation> {
        self.index(a, b).map(|i| &mut self.pairs[i])
    }

    pub fn has_channel(&self, a: StateId, b: StateId, channel: Channel) -> bool {
        self.get(a, b)
            .is_some_and(|r| r.channels.contains(&channel))
    }

    /// Every pair (a < b) with its relation.
    pub fn iter(&self) -> impl Iterator<Item = (StateId, StateId, &Relation)> {
        let n = self.states;
        (0..n)
            .flat_map(move |a| (a + 1..n).map(move |b| (a, b)))
            .zip(self.pairs.iter())
            .map(|((a, b), r)| (StateId::from_index(a), StateId::from_index(b), r))
    }

    pub fn mean_trust(&self) -> f64 {
        if self.pairs.is_empty() {
            return 50.0;
        }
        self.pairs.iter().map(|r| r.trust).sum::<f64>() / self.pairs.len() as f64
    }

    pub fn max_tension(&self) -> f64 {
        self.pairs.iter().map(|r| r.tension).fold(0.0, f64::max)
    }
}

/// The global escalation track.
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
pub struct LadderState {
    /// Level, 0-100.
    pub level: f64,
    /// Index of the current rung.
    pub rung: usize,
    pub peak: f64,
    pub peak_rung: usize,
    /// Escalation added this turn by actions and effects (positive part).
    pub fed_this_turn: f64,
    /// De-escalation this turn (negative part, stored positive).
    pub eased_this_turn: f64,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct ActorData {
    pub id: String,
    pub name: String,
    pub kind: ActorKind,
    pub based_in: StateId,
    pub sponsor: Option<StateId>,
    pub capability: f64,
    pub stealth: f64,
    pub stopped: bool,
    /// Turn each behaviour stopped for good (its stop condition held).
    pub behaviours_stopped: Vec<bool>,
}

/// A public attribution of an incident.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Attribution {
    pub turn: u32,
    pub by: StateId,
    pub suspect: Party,
    /// The accuser's confidence in the suspect when it spoke.
    pub confidence: f64,
    /// Made together with at least one other State in the same turn.
    pub joint: bool,
    /// True perpetrator or sponsor (known to the engine, revealed in the debrief).
    pub correct: bool,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Incident {
    pub id: String,
    pub turn: u32,
    pub kind: OperationKind,
    /// Every node it touched, first one first.
    pub nodes: Vec<NodeId>,
    pub victim: StateId,
    /// Who really did it.
    pub perpetrator: Party,
    /// The State really behind it, if any.
    pub sponsor: Option<StateId>,
    /// States that know it happened.
    pub known_to: BTreeSet<StateId>,
    /// In the news.
    pub public: bool,
    /// Planted clues an investigator will find: (suspect, weight).
    pub planted: Vec<(Party, f64)>,
    pub attributions: Vec<Attribution>,
    /// Successful investigations by each State, for the clue sequence.
    pub investigations: Vec<(StateId, u32)>,
}

impl Incident {
    pub fn is_true_suspect(&self, suspect: Party) -> bool {
        suspect == self.perpetrator || matches!(suspect, Party::State(s) if Some(s) == self.sponsor)
    }

    pub fn investigations_by(&self, state: StateId) -> u32 {
        self.investigations
            .iter()
            .find(|(s, _)| *s == state)
            .map(|(_, n)| *n)
            .unwrap_or(0)
    }
}

#[derive(Clone, Copy, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub enum EvidenceSource {
    Investigation,
    SharedBy(StateId),
    Inject,
    Assistance(StateId),
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Evidence {
    pub turn: u32,
    pub incident: IncidentId,
    pub holder: StateId,
    pub suspect: Party,
    pub weight: f64,
    /// Truth: planted by the perpetrator.
    pub planted: bool,
    /// Circumstantial (where servers sit, not who ordered): can be
    /// discredited by deeper investigation, like planted evidence.
    pub circumstantial: bool,
    /// The holder has found it to be planted or misleading.
    pub discredited: bool,
    /// The original piece this one was copied from (itself if original).
    pub origin: usize,
    pub source: EvidenceSource,
    pub text: String,
}

#[derive(Clone, Copy, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub enum RequestKind {
    /// CERT assistance for attacked infrastructure (GGE 13(h)).
    Assistance,
    /// Stop malicious activity from your territory (GGE 13(c), 13(h)).
    StopActivity,
    /// Law-enforcement cooperation against criminals (GGE 13(d)).
    LawEnforcement,
}

impl RequestKind {
    pub fn label(self) -> &'static str {
        match self {
            RequestKind::Assistance => "CERT assistance",
            RequestKind::StopActivity => "stop malicious activity from its territory",
            RequestKind::LawEnforcement => "law-enforcement cooperation",
        }
    }
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Request {
    pub turn: u32,
    pub kind: RequestKind,
    pub from: StateId,
    pub to: StateId,
    pub answered: bool,
    /// Counted in the norms ledger as ignored.
    pub lapsed: bool,
}

/// One line of the norms ledger.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct LedgerEntry {
    pub turn: u32,
    pub state: StateId,
    pub norm: Norm,
    pub upheld: bool,
    pub reason: LedgerReason,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub enum LedgerReason {
    Action(ActionId),
    Dilemma(DilemmaId, usize),
    IgnoredRequest(StateId, RequestKind),
    /// A public attribution below the confidence threshold.
    HastyAttribution(IncidentId),
    /// Revealed at the end: accused someone who did not do it.
    WrongAttribution(IncidentId),
}

/// Weight of "someone else" in beliefs: how much evidence it takes to be sure.
pub const BELIEF_PRIOR: f64 = 0.5;

#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
pub struct World {
    pub states: Vec<StateData>,
    pub relations: Relations,
    pub ladder: LadderState,
    pub infra: Infrastructure,
    pub actors: Vec<ActorData>,
    pub incidents: Vec<Incident>,
    pub evidence: Vec<Evidence>,
    pub requests: Vec<Request>,
    pub ledger: Vec<LedgerEntry>,
    /// (turn, state, cbm) every time a CBM was exercised.
    pub cbm_uses: Vec<(u32, StateId, Cbm)>,
    /// (turn, from, to) every time assistance was delivered.
    pub assistance: Vec<(u32, StateId, StateId)>,
    /// Every action ever taken: (turn, state, action).
    pub took: Vec<(u32, StateId, ActionId)>,
    /// Violent content circulating online, by State, 0-100.
    pub content: Vec<f64>,
    /// Harm of each turn resolved so far, by State.
    pub harm: Vec<Vec<f64>>,
    /// What each State's nodes could lose in a turn (weighted population).
    pub potential: Vec<f64>,
}

impl World {
    pub fn state(&self, id: StateId) -> &StateData {
        &self.states[id.index()]
    }

    pub fn state_mut(&mut self, id: StateId) -> &mut StateData {
        &mut self.states[id.index()]
    }

    pub fn state_ids(&self) -> impl Iterator<Item = StateId> + use<> {
        (0..self.states.len()).map(StateId::from_index)
    }

    /// CERT maturity as it works today: its capacity, scaled by the service
    /// of the State's CERT facilities (an attacked or powerless CERT does
    /// less; GGE norm 13(k) protects them).
    pub fn effective_cert(&self, state: StateId) -> f64 {
        let base = self.state(state).capacities.cert;
        let (sum, n) = self
            .infra
            .nodes()
            .filter(|(_, n)| n.owner == state && n.sector == crate::scenario::format::Sector::Cert)
            .fold((0.0, 0), |(s, k), (_, n)| (s + n.service, k + 1));
        if n == 0 {
            base
        } else {
            base * (0.3 + 0.7 * sum / n as f64)
        }
    }

    pub fn actor(&self, id: ActorId) -> &ActorData {
        &self.actors[id.index()]
    }

    pub fn incident(&self, id: IncidentId) -> &Incident {
        &self.incidents[id.index()]
    }

    pub fn party_name(&self, p: Party) -> &str {
        match p {
            Party::State(s) => &self.states[s.index()].name,
            Party::Actor(a) => &self.actors[a.index()].name,
        }
    }

    /// A State's belief about an incident: confidence for each suspect it
    /// has evidence on, highest first. Each suspect's score is the sum of
    /// the weights of the undiscredited evidence naming it. States compete
    /// with States and actors with actors (who did it, and who is behind
    /// it, are separate questions): confidence is score / (total of that
    /// kind + 0.5), the remainder being what the evidence cannot explain.
    pub fn belief(&self, state: StateId, incident: IncidentId) -> Vec<(Party, f64)> {
        let mut scores: Vec<(Party, f64)> = Vec::new();
        for e in &self.evidence {
            if e.holder != state || e.incident != incident || e.discredited {
                continue;
            }
            match scores.iter_mut().find(|(p, _)| *p == e.suspect) {
                Some(entry) => entry.1 += e.weight,
                None => scores.push((e.suspect, e.weight)),
            }
        }
        let total_states: f64 = scores
            .iter()
            .filter(|(p, _)| matches!(p, Party::State(_)))
            .map(|(_, w)| w)
            .sum();
        let total_actors: f64 = scores
            .iter()
            .filter(|(p, _)| matches!(p, Party::Actor(_)))
            .map(|(_, w)| w)
            .sum();
        for entry in &mut scores {
            let total = if matches!(entry.0, Party::State(_)) {
                total_states
            } else {
                total_actors
            };
            entry.1 /= total + BELIEF_PRIOR;
        }
        scores.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        scores
    }

    pub fn confidence(&self, state: StateId, incident: IncidentId, suspect: Party) -> f64 {
        self.belief(state, incident)
            .into_iter()
            .find(|(p, _)| *p == suspect)
            .map(|(_, c)| c)
            .unwrap_or(0.0)
    }

    /// Total civilian harm so far (all States, all turns).
    pub fn total_harm(&self) -> f64 {
        self.harm.iter().map(|h| h.iter().sum::<f64>()).sum()
    }

    /// Civilian harm of the last resolved turn (all States).
    pub fn last_harm(&self) -> f64 {
        self.harm
            .iter()
            .map(|h| h.last().copied().unwrap_or(0.0))
            .sum()
    }

    pub fn ever_took(&self, state: StateId, action: ActionId) -> bool {
        self.took.iter().any(|&(_, s, a)| s == state && a == action)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relation_triangle_covers_every_pair_once() {
        for n in 0..7 {
            let rel = Relations::new(n);
            let mut seen = BTreeSet::new();
            for a in 0..n {
                for b in 0..n {
                    let idx = rel.index(StateId::from_index(a), StateId::from_index(b));
                    if a == b {
                        assert!(idx.is_none());
                    } else {
                        let i = idx.unwrap();
                        assert!(i < rel.pairs.len());
                        assert_eq!(
                            idx,
                            rel.index(StateId::from_index(b), StateId::from_index(a))
                        );
                        seen.insert(i);
                    }
                }
            }
            assert_eq!(seen.len(), rel.pairs.len());
            assert_eq!(rel.iter().count(), rel.pairs.len());
        }
    }
}
