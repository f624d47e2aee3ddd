//! A game in progress and the one door through which it changes:
//! `Game::execute(Command)`. Orders are checked completely before anything
//! is applied; a refused command changes nothing. The whole turn is a pure
//! function of (game, orders, seed): the random numbers come from ChaCha
//! streams derived from the seed and the turn, never from the clock.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::events::{EndReason, Event, EventKind, Seen};
use crate::ids::*;
use crate::scenario::Scenario;
use crate::scenario::format::{Controller, Precondition, TargetKind};
use crate::score::Scores;
use crate::world::World;

/// What an order is aimed at.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Target {
    None,
    Node(NodeId),
    State(StateId),
    Incident(IncidentId),
    Attribution(IncidentId, Party),
    Actor(ActorId),
}

/// One action order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Order {
    pub action: ActionId,
    pub target: Target,
}

/// Everything one State decides in a turn.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Orders {
    pub actions: Vec<Order>,
    /// Answers to the dilemmas offered this turn: (dilemma, option index).
    pub choices: Vec<(DilemmaId, usize)>,
}

/// The commands that change a game.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Command {
    /// A State's secret orders for this turn (replaces earlier ones).
    Submit { state: StateId, orders: Orders },
    /// Take back a State's orders (before resolution).
    Withdraw { state: StateId },
    /// Resolve the turn: computer States choose, then everything resolves.
    Resolve,
    /// Facilitator: fire an inject now.
    FireInject(InjectId),
    /// Facilitator: a note for the debrief.
    AddNote(String),
    /// Facilitator: pause or resume (no turn resolves while paused).
    SetPaused(bool),
}

/// Why an order is not allowed.
#[derive(Clone, Debug, PartialEq, Error, Serialize, Deserialize)]
pub enum Refusal {
    #[error("there is no such action")]
    UnknownAction,
    #[error("only some States may take this action")]
    NotForYou,
    #[error("closed at the current rung of the escalation ladder ({0})")]
    ClosedAtRung(String),
    #[error(
        "closed while domestic pressure is this high ({0:.0}); patient options need calm at home"
    )]
    PressureTooHigh(f64),
    #[error("this action needs a different kind of target")]
    WrongTarget,
    #[error("that target does not exist or is not known to you")]
    UnknownTarget,
    #[error("you cannot aim this at yourself")]
    SelfTarget,
    #[error("{0}")]
    Precondition(String),
    #[error("the same order is given twice")]
    Duplicate,
}

#[derive(Clone, Debug, PartialEq, Error)]
pub enum CommandError {
    #[error("the game is over")]
    GameOver,
    #[error("the game is paused by the facilitator")]
    Paused,
    #[error("there is no such State")]
    UnknownState,
    #[error("{0} is not played by anyone and cannot give orders")]
    NotPlaying(String),
    #[error("order {index} ({action}) refused: {refusal}")]
    Refused {
        index: usize,
        action: String,
        refusal: Refusal,
    },
    #[error("these orders cost {cost} but only {capital} capital is available")]
    OverBudget { cost: u32, capital: u32 },
    #[error("the dilemma \"{0}\" must be answered")]
    DilemmaUnanswered(String),
    #[error("this dilemma choice is not valid")]
    BadChoice,
    #[error("waiting for orders from: {0}")]
    MissingOrders(String),
    #[error("there is no such inject")]
    UnknownInject,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Status {
    Playing,
    Ended(EndReason),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ObjectiveStatus {
    Pending,
    Met(u32),
    Failed(u32),
}

/// What one resolved turn looked like, for charts and the debrief.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TurnRecord {
    pub turn: u32,
    pub orders: Vec<(StateId, Orders)>,
    pub escalation: f64,
    pub rung: usize,
    /// Civilian harm of this turn, all States.
    pub harm: f64,
    /// Civilian harm of this turn by State.
    pub harm_by_state: Vec<f64>,
    pub mean_trust: f64,
    pub max_tension: f64,
    pub pressure: Vec<f64>,
    pub reputation: Vec<f64>,
    pub scores: Scores,
}

/// How a seat is set up before the game starts.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Seat {
    pub state: StateId,
    pub controller: Controller,
    /// Who sits there (players' names or the delegation's), for the screens.
    pub player: String,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Game {
    pub scenario: Arc<Scenario>,
    pub world: World,
    pub seed: u64,
    pub turn: u32,
    pub status: Status,
    pub paused: bool,
    pub seats: Vec<Seat>,
    /// Secret orders submitted for this turn.
    pub pending: BTreeMap<StateId, Orders>,
    /// Dilemmas offered this turn, by State.
    pub offered: BTreeMap<StateId, Vec<DilemmaId>>,
    /// Every dilemma answer: (turn, state, dilemma, option).
    pub choices: Vec<(u32, StateId, DilemmaId, usize)>,
    /// Times each inject fired.
    pub fired: BTreeMap<InjectId, u32>,
    pub events: Vec<Event>,
    pub history: Vec<TurnRecord>,
    pub objectives: Vec<ObjectiveStatus>,
    /// Facilitator notes: (turn, text).
    pub notes: Vec<(u32, String)>,
}

impl PartialEq for Game {
    fn eq(&self, other: &Self) -> bool {
        self.seed == other.seed
            && self.turn == other.turn
            && self.status == other.status
            && self.world == other.world
            && self.events == other.events
            && self.history == other.history
            && self.objectives == other.objectives
    }
}

impl Game {
    /// Start a game: seats as the scenario says.
    pub fn new(scenario: Arc<Scenario>, world: World, seed: u64) -> Game {
        let seats = world
            .states
            .iter()
            .enumerate()
            .map(|(i, s)| Seat {
                state: StateId::from_index(i),
                controller: s.controller,
                player: String::new(),
            })
            .collect();
        Game::with_seats(scenario, world, seed, seats)
    }

    /// Start a game with chosen seats (human or computer for each playable
    /// State; scripted States stay scripted).
    pub fn with_seats(
        scenario: Arc<Scenario>,
        mut world: World,
        seed: u64,
        seats: Vec<Seat>,
    ) -> Game {
        for seat in &seats {
            if let Some(s) = world.states.get_mut(seat.state.index())
                && s.controller != Controller::Scripted
                && seat.controller != Controller::Scripted
            {
                s.controller = seat.controller;
            }
        }
        let seats = world
            .states
            .iter()
            .enumerate()
            .map(|(i, s)| Seat {
                state: StateId::from_index(i),
                controller: s.controller,
                player: seats
                    .iter()
                    .find(|x| x.state.index() == i)
                    .map(|x| x.player.clone())
                    .unwrap_or_default(),
            })
            .collect();
        let objectives = vec![ObjectiveStatus::Pending; scenario.objectives.len()];
        let mut game = Game {
            scenario,
            world,
            seed,
            turn: 1,
            status: Status::Playing,
            paused: false,
            seats,
            pending: BTreeMap::new(),
            offered: BTreeMap::new(),
            choices: Vec::new(),
            fired: BTreeMap::new(),
            events: Vec::new(),
            history: Vec::new(),
            objectives,
            notes: Vec::new(),
        };
        game.start();
        game
    }

    fn start(&mut self) {
        let threshold = self.scenario.settings.functioning_threshold;
        self.world.infra.cascade(threshold);
        self.events
            .push(Event::new(1, Seen::Public, EventKind::TurnStarted));
        if !self.scenario.briefing.is_empty() {
            self.events.push(Event::new(
                1,
                Seen::Public,
                EventKind::News(self.scenario.briefing.clone()),
            ));
        }
        let mut ev = Vec::new();
        crate::rules::injects::fire_due(self, &mut ev);
        self.events.extend(ev);
    }

    pub fn is_over(&self) -> bool {
        matches!(self.status, Status::Ended(_))
    }

    /// The States whose seats humans play.
    pub fn human_states(&self) -> Vec<StateId> {
        self.world
            .state_ids()
            .filter(|&s| self.world.state(s).controller == Controller::Human)
            .collect()
    }

    /// States that give orders (not scripted).
    pub fn acting_states(&self) -> Vec<StateId> {
        self.world
            .state_ids()
            .filter(|&s| self.world.state(s).controller != Controller::Scripted)
            .collect()
    }

    /// The single entry point that changes the game.
    pub fn execute(&mut self, cmd: Command) -> Result<Vec<Event>, CommandError> {
        match cmd {
            Command::AddNote(text) => {
                let text: String = text.chars().take(4000).collect();
                self.notes.push((self.turn, text.clone()));
                let e = Event::new(self.turn, Seen::Facilitator, EventKind::Note(text));
                self.events.push(e.clone());
                Ok(vec![e])
            }
            Command::SetPaused(p) => {
                self.paused = p;
                let e = Event::new(self.turn, Seen::Public, EventKind::Paused(p));
                self.events.push(e.clone());
                Ok(vec![e])
            }
            _ if self.is_over() => Err(CommandError::GameOver),
            Command::Submit { state, orders } => {
                self.check_orders(state, &orders)?;
                self.pending.insert(state, orders);
                let e = Event::new(
                    self.turn,
                    Seen::one(state),
                    EventKind::OrdersSubmitted { state },
                );
                self.events.push(e.clone());
                Ok(vec![e])
            }
            Command::Withdraw { state } => {
                if state.index() >= self.world.states.len() {
                    return Err(CommandError::UnknownState);
                }
                self.pending.remove(&state);
                Ok(Vec::new())
            }
            Command::FireInject(id) => {
                if id.index() >= self.scenario.injects.len() {
                    return Err(CommandError::UnknownInject);
                }
                let mut ev = Vec::new();
                crate::rules::injects::fire(self, id, true, &mut ev, 0);
                self.events.extend(ev.iter().cloned());
                Ok(ev)
            }
            Command::Resolve => {
                if self.paused {
                    return Err(CommandError::Paused);
                }
                let missing: Vec<String> = self
                    .human_states()
                    .into_iter()
                    .filter(|s| !self.pending.contains_key(s))
                    .map(|s| self.world.state(s).name.clone())
                    .collect();
                if !missing.is_empty() {
                    return Err(CommandError::MissingOrders(missing.join(", ")));
                }
                // Computer States decide now, from what they know.
                for s in self.acting_states() {
                    if self.world.state(s).controller == Controller::Computer
                        && !self.pending.contains_key(&s)
                    {
                        let orders = crate::ai::choose_orders(self, s);
                        // The AI only proposes checked orders; re-check to keep the door single.
                        self.check_orders(s, &orders)?;
                        self.pending.insert(s, orders);
                    }
                }
                let ev = crate::rules::resolve_turn(self);
                Ok(ev)
            }
        }
    }

    /// Capital a State can spend this turn.
    pub fn capital(&self, state: StateId) -> u32 {
        self.world.state(state).capital(self.turn)
    }

    /// What an action costs this State against a target (channels make some cheaper).
    pub fn cost(&self, state: StateId, order: &Order) -> u32 {
        let Some(action) = self.scenario.actions.get(order.action.index()) else {
            return 0;
        };
        let mut cost = action.def.cost;
        if let Some(ch) = action.def.cheaper_with
            && let Some(other) = self.target_state(state, &order.target)
            && self.world.relations.has_channel(state, other, ch)
        {
            cost = cost.saturating_sub(1).max(1);
        }
        cost
    }

    /// The State an order is aimed at, if any.
    pub fn target_state(&self, me: StateId, target: &Target) -> Option<StateId> {
        match *target {
            Target::State(s) => Some(s),
            Target::Node(n) => self
                .world
                .infra
                .get(n)
                .map(|x| x.owner)
                .filter(|&o| o != me),
            Target::Attribution(_, Party::State(s)) => Some(s),
            Target::Actor(a) => self
                .world
                .actors
                .get(a.index())
                .map(|x| x.based_in)
                .filter(|&o| o != me),
            _ => None,
        }
    }

    /// Incidents a State knows about (its own reports, shared, or public).
    pub fn knows_incident(&self, state: StateId, incident: IncidentId) -> bool {
        self.world
            .incidents
            .get(incident.index())
            .is_some_and(|i| i.public || i.known_to.contains(&state))
    }

    pub fn known_incidents(&self, state: StateId) -> Vec<IncidentId> {
        (0..self.world.incidents.len())
            .map(IncidentId::from_index)
            .filter(|&i| self.knows_incident(state, i))
            .collect()
    }

    /// Whether a State can investigate an incident: it is the victim, holds
    /// evidence on it, or has assisted (or been asked to assist) the victim.
    pub fn has_incident_access(&self, state: StateId, incident: IncidentId) -> bool {
        let Some(inc) = self.world.incidents.get(incident.index()) else {
            return false;
        };
        if !self.knows_incident(state, incident) {
            return false;
        }
        inc.victim == state
            || inc
                .nodes
                .iter()
                .any(|&n| self.world.infra.get(n).is_some_and(|x| x.owner == state))
            || self
                .world
                .evidence
                .iter()
                .any(|e| e.holder == state && e.incident == incident)
            || self
                .world
                .assistance
                .iter()
                .any(|&(_, f, t)| f == state && t == inc.victim)
            || self.world.requests.iter().any(|r| {
                r.from == inc.victim
                    && r.to == state
                    && r.kind == crate::world::RequestKind::Assistance
            })
    }

    /// Actors a State knows of: named in its evidence, publicly attributed,
    /// its own proxies, and groups on its territory that are not covert.
    pub fn knows_actor(&self, state: StateId, actor: ActorId) -> bool {
        let Some(a) = self.world.actors.get(actor.index()) else {
            return false;
        };
        if a.sponsor == Some(state) {
            return true;
        }
        if a.based_in == state && a.kind != crate::scenario::format::ActorKind::StateSponsored {
            return true;
        }
        if self
            .world
            .evidence
            .iter()
            .any(|e| e.holder == state && e.suspect == Party::Actor(actor))
        {
            return true;
        }
        if a.based_in == state
            && self.world.requests.iter().any(|r| {
                r.to == state
                    && matches!(
                        r.kind,
                        crate::world::RequestKind::StopActivity
                            | crate::world::RequestKind::LawEnforcement
                    )
            })
        {
            return true;
        }
        self.world.incidents.iter().any(|i| {
            i.attributions
                .iter()
                .any(|at| at.suspect == Party::Actor(actor))
        })
    }

    /// Whether an action is open to a State right now (ignoring target and budget).
    pub fn action_open(&self, state: StateId, action: ActionId) -> Result<(), Refusal> {
        let Some(a) = self.scenario.actions.get(action.index()) else {
            return Err(Refusal::UnknownAction);
        };
        if !a.only_for.is_empty() && !a.only_for.contains(&state) {
            return Err(Refusal::NotForYou);
        }
        let rung = self.world.ladder.rung;
        if !self.scenario.rung_allows(action, rung) {
            return Err(Refusal::ClosedAtRung(
                self.scenario.rungs[rung].name.clone(),
            ));
        }
        let pressure = self.world.state(state).pressure;
        if a.def.patient && pressure >= self.scenario.settings.pressure_limit {
            return Err(Refusal::PressureTooHigh(pressure));
        }
        for p in &a.def.requires {
            self.check_precondition(state, p, &Target::None, false)?;
        }
        Ok(())
    }

    /// Every target an action can be aimed at by this State now.
    pub fn targets(&self, state: StateId, action: ActionId) -> Vec<Target> {
        let Some(a) = self.scenario.actions.get(action.index()) else {
            return Vec::new();
        };
        let candidates: Vec<Target> = match a.def.target {
            TargetKind::None => vec![Target::None],
            TargetKind::OwnNode => self
                .world
                .infra
                .nodes()
                .filter(|(_, n)| n.owner == state)
                .map(|(id, _)| Target::Node(id))
                .collect(),
            TargetKind::ForeignNode => self
                .world
                .infra
                .nodes()
                .filter(|(_, n)| n.owner != state)
                .map(|(id, _)| Target::Node(id))
                .collect(),
            TargetKind::State => self
                .world
                .state_ids()
                .filter(|&s| s != state)
                .map(Target::State)
                .collect(),
            TargetKind::Incident => self
                .known_incidents(state)
                .into_iter()
                .map(Target::Incident)
                .collect(),
            TargetKind::Attribution => {
                let mut v = Vec::new();
                for i in self.known_incidents(state) {
                    for s in self.world.state_ids().filter(|&s| s != state) {
                        v.push(Target::Attribution(i, Party::State(s)));
                    }
                    for a in (0..self.world.actors.len()).map(ActorId::from_index) {
                        if self.knows_actor(state, a) {
                            v.push(Target::Attribution(i, Party::Actor(a)));
                        }
                    }
                }
                v
            }
            TargetKind::Actor => (0..self.world.actors.len())
                .map(ActorId::from_index)
                .filter(|&a| self.knows_actor(state, a) && !self.world.actor(a).stopped)
                .map(Target::Actor)
                .collect(),
        };
        candidates
            .into_iter()
            .filter(|t| self.check_target(state, action, t).is_ok())
            .collect()
    }

    /// Whether the State could aim this action at some target within its
    /// capital (stops at the first one; for checks over large worlds).
    pub fn any_affordable_target(&self, state: StateId, action: ActionId) -> bool {
        let Some(a) = self.scenario.actions.get(action.index()) else {
            return false;
        };
        let capital = self.capital(state);
        let ok = |t: Target| {
            self.check_target(state, action, &t).is_ok()
                && self.cost(state, &Order { action, target: t }) <= capital
        };
        match a.def.target {
            TargetKind::None => ok(Target::None),
            TargetKind::OwnNode => self
                .world
                .infra
                .nodes()
                .filter(|(_, n)| n.owner == state)
                .any(|(id, _)| ok(Target::Node(id))),
            TargetKind::ForeignNode => self
                .world
                .infra
                .nodes()
                .filter(|(_, n)| n.owner != state)
                .any(|(id, _)| ok(Target::Node(id))),
            TargetKind::State => self.world.state_ids().any(|s| ok(Target::State(s))),
            _ => self.targets(state, action).into_iter().any(ok),
        }
    }

    fn check_target(
        &self,
        state: StateId,
        action: ActionId,
        target: &Target,
    ) -> Result<(), Refusal> {
        let a = &self.scenario.actions[action.index()];
        let ok_kind = matches!(
            (a.def.target, target),
            (TargetKind::None, Target::None)
                | (TargetKind::OwnNode, Target::Node(_))
                | (TargetKind::ForeignNode, Target::Node(_))
                | (TargetKind::State, Target::State(_))
                | (TargetKind::Incident, Target::Incident(_))
                | (TargetKind::Attribution, Target::Attribution(..))
                | (TargetKind::Actor, Target::Actor(_))
        );
        if !ok_kind {
            return Err(Refusal::WrongTarget);
        }
        match *target {
            Target::None => {}
            Target::Node(n) => {
                let node = self.world.infra.get(n).ok_or(Refusal::UnknownTarget)?;
                let own = node.owner == state;
                if a.def.target == TargetKind::OwnNode && !own {
                    return Err(Refusal::Precondition(
                        "this must be one of your own facilities".into(),
                    ));
                }
                if a.def.target == TargetKind::ForeignNode && own {
                    return Err(Refusal::SelfTarget);
                }
            }
            Target::State(s) => {
                if s.index() >= self.world.states.len() {
                    return Err(Refusal::UnknownTarget);
                }
                if s == state {
                    return Err(Refusal::SelfTarget);
                }
            }
            Target::Incident(i) => {
                if !self.knows_incident(state, i) {
                    return Err(Refusal::UnknownTarget);
                }
            }
            Target::Attribution(i, p) => {
                if !self.knows_incident(state, i) {
                    return Err(Refusal::UnknownTarget);
                }
                match p {
                    Party::State(s) if s.index() >= self.world.states.len() => {
                        return Err(Refusal::UnknownTarget);
                    }
                    Party::State(s) if s == state => return Err(Refusal::SelfTarget),
                    Party::Actor(x) if !self.knows_actor(state, x) => {
                        return Err(Refusal::UnknownTarget);
                    }
                    _ => {}
                }
            }
            Target::Actor(x) => {
                if !self.knows_actor(state, x) {
                    return Err(Refusal::UnknownTarget);
                }
                if self.world.actor(x).stopped {
                    return Err(Refusal::Precondition(
                        "this group has already been stopped".into(),
                    ));
                }
            }
        }
        for p in &a.def.requires {
            self.check_precondition(state, p, target, true)?;
        }
        Ok(())
    }

    /// Check one precondition. Without a target (`with_target` false) the
    /// target-dependent ones are assumed to hold for some target.
    fn check_precondition(
        &self,
        me: StateId,
        p: &Precondition,
        target: &Target,
        with_target: bool,
    ) -> Result<(), Refusal> {
        let fail = |s: &str| Err(Refusal::Precondition(s.to_string()));
        let other = self.target_state(me, target);
        let node = match *target {
            Target::Node(n) => self.world.infra.get(n),
            _ => None,
        };
        match p {
            Precondition::Channel(c) => {
                if with_target
                    && !other.is_some_and(|o| self.world.relations.has_channel(me, o, *c))
                {
                    return fail(&format!(
                        "needs a {} channel with that State",
                        c.label().to_lowercase()
                    ));
                }
            }
            Precondition::NoChannel(c) => {
                if with_target && other.is_some_and(|o| self.world.relations.has_channel(me, o, *c))
                {
                    return fail(&format!(
                        "you already have a {} channel with that State",
                        c.label().to_lowercase()
                    ));
                }
            }
            Precondition::RequestFromTarget => {
                if with_target
                    && !other.is_some_and(|o| {
                        self.world
                            .requests
                            .iter()
                            .any(|r| r.from == o && r.to == me && !r.answered)
                    })
                {
                    return fail("that State has not asked you for this");
                }
            }
            Precondition::OwnIncident => {
                let has = self
                    .known_incidents(me)
                    .iter()
                    .any(|&i| self.world.incident(i).victim == me);
                if !has {
                    return fail("needs an incident on your own infrastructure");
                }
            }
            Precondition::IncidentAccess => {
                if let Target::Incident(i) = *target
                    && with_target
                    && !self.has_incident_access(me, i)
                {
                    return fail(
                        "you can only investigate incidents on your territory, ones you hold evidence on, or ones of a State you assist",
                    );
                }
            }
            Precondition::TargetHasIncident => {
                if with_target
                    && !other.is_some_and(|o| {
                        self.known_incidents(me)
                            .iter()
                            .any(|&i| self.world.incident(i).victim == o)
                    })
                {
                    return fail("that State has had no incident you know of");
                }
            }
            Precondition::TargetCompromised => {
                if with_target
                    && !node.is_some_and(|n| n.compromise.as_ref().is_some_and(|c| c.detected))
                {
                    return fail("no detected compromise on that facility");
                }
            }
            Precondition::TargetIsolated => {
                if with_target && !node.is_some_and(|n| n.isolated) {
                    return fail("that facility is not isolated");
                }
            }
            Precondition::TargetNotIsolated => {
                if with_target && node.is_some_and(|n| n.isolated) {
                    return fail("that facility is already isolated");
                }
            }
            Precondition::TargetNeedsRestore => {
                if with_target
                    && !node.is_some_and(|n| {
                        n.health < 0.999 || n.compromise.as_ref().is_some_and(|c| c.detected)
                    })
                {
                    return fail("that facility is running normally");
                }
            }
            Precondition::OffensiveAtLeast(x) => {
                if self.world.state(me).capacities.offensive < *x {
                    return fail("your offensive capability is too small");
                }
            }
            Precondition::CertAtLeast(x) => {
                if self.world.state(me).capacities.cert < *x {
                    return fail("your CERT is not mature enough");
                }
            }
            Precondition::HasProxy => {
                if !self
                    .world
                    .actors
                    .iter()
                    .any(|a| a.sponsor == Some(me) && !a.stopped)
                {
                    return fail("you sponsor no group that could do this");
                }
            }
            Precondition::ActorOnOwnTerritory => {
                if with_target
                    && !matches!(*target, Target::Actor(a) if self.world.actors.get(a.index()).is_some_and(|x| x.based_in == me))
                {
                    return fail("that group does not operate from your territory");
                }
            }
        }
        Ok(())
    }

    /// Check one order of a State in full (action open, target valid).
    pub fn check_order(&self, state: StateId, order: &Order) -> Result<(), Refusal> {
        self.action_open(state, order.action)?;
        self.check_target(state, order.action, &order.target)
    }

    /// Check a State's whole set of orders: every order, duplicates, budget
    /// and dilemma answers. Nothing is changed.
    pub fn check_orders(&self, state: StateId, orders: &Orders) -> Result<(), CommandError> {
        let Some(s) = self.world.states.get(state.index()) else {
            return Err(CommandError::UnknownState);
        };
        if s.controller == Controller::Scripted {
            return Err(CommandError::NotPlaying(s.name.clone()));
        }
        let mut seen = BTreeSet::new();
        let mut cost = 0u32;
        for (index, o) in orders.actions.iter().enumerate() {
            let name = self
                .scenario
                .actions
                .get(o.action.index())
                .map(|a| a.def.name.clone())
                .unwrap_or_else(|| "unknown action".into());
            let refused = |refusal| CommandError::Refused {
                index,
                action: name.clone(),
                refusal,
            };
            if !seen.insert(*o) {
                return Err(refused(Refusal::Duplicate));
            }
            self.check_order(state, o).map_err(refused)?;
            cost = cost.saturating_add(self.cost(state, o));
        }
        let capital = self.capital(state);
        if cost > capital {
            return Err(CommandError::OverBudget { cost, capital });
        }
        let offered = self.offered.get(&state).cloned().unwrap_or_default();
        let mut answered = BTreeSet::new();
        for &(d, opt) in &orders.choices {
            if !offered.contains(&d) || !answered.insert(d) {
                return Err(CommandError::BadChoice);
            }
            if opt
                >= self
                    .scenario
                    .dilemmas
                    .get(d.index())
                    .map(|x| x.def.options.len())
                    .unwrap_or(0)
            {
                return Err(CommandError::BadChoice);
            }
        }
        if let Some(&d) = offered.iter().find(|d| !answered.contains(d)) {
            return Err(CommandError::DilemmaUnanswered(
                self.scenario.dilemmas[d.index()].def.title.clone(),
            ));
        }
        Ok(())
    }

    /// Events a State may see, in order.
    pub fn events_for(&self, state: StateId) -> impl Iterator<Item = &Event> {
        self.events.iter().filter(move |e| e.seen.visible_to(state))
    }

    /// The latest scores (the start values before any turn resolved).
    pub fn scores(&self) -> Scores {
        self.history
            .last()
            .map(|h| h.scores.clone())
            .unwrap_or_else(|| crate::score::compute(self))
    }
}
