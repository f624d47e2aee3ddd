//! Events: every change the rules make is recorded as one, with who may see
//! it. The feed, the reports, the debrief timeline and the tests read them;
//! `narrate` turns them into sentences.

use serde::{Deserialize, Serialize};

use crate::catalog::{Cbm, Norm};
use crate::ids::*;
use crate::scenario::format::{Channel, OperationKind};
use crate::world::RequestKind;
use crate::world::infra::FailureCause;

/// Who may see an event.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub enum Seen {
    /// Everyone: news.
    Public,
    /// Only these States (and the facilitator).
    States(Vec<StateId>),
    /// Only the facilitator (the ground truth), until the debrief.
    Facilitator,
}

impl Seen {
    pub fn one(s: StateId) -> Seen {
        Seen::States(vec![s])
    }

    pub fn two(a: StateId, b: StateId) -> Seen {
        if a == b {
            Seen::States(vec![a])
        } else {
            Seen::States(vec![a, b])
        }
    }

    pub fn visible_to(&self, state: StateId) -> bool {
        match self {
            Seen::Public => true,
            Seen::States(v) => v.contains(&state),
            Seen::Facilitator => false,
        }
    }
}

/// Why the game ended.
#[derive(Clone, Copy, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub enum EndReason {
    /// The last turn was played.
    LastTurn,
    /// The escalation track reached the top rung: a collective loss.
    TopRung,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub enum EventKind {
    TurnStarted,
    OrdersSubmitted {
        state: StateId,
    },
    ActionTaken {
        state: StateId,
        action: ActionId,
        target: crate::game::Target,
        cost: u32,
    },
    NormTag {
        state: StateId,
        norm: Norm,
        upheld: bool,
    },
    CbmExercised {
        state: StateId,
        cbm: Cbm,
    },
    DilemmaOffered {
        state: StateId,
        dilemma: DilemmaId,
    },
    DilemmaChosen {
        state: StateId,
        dilemma: DilemmaId,
        option: usize,
    },
    /// The truth about an operation (facilitator only).
    Operation {
        by: Party,
        node: NodeId,
        kind: OperationKind,
        success: bool,
        incident: Option<IncidentId>,
    },
    /// An incident as its victim (or the public) learns of it.
    IncidentReported {
        incident: IncidentId,
        node: NodeId,
        kind: OperationKind,
    },
    CompromiseDetected {
        state: StateId,
        node: NodeId,
        incident: IncidentId,
    },
    Spread {
        incident: IncidentId,
        from: NodeId,
        to: NodeId,
    },
    EvidenceFound {
        state: StateId,
        incident: IncidentId,
        suspect: Party,
        weight: f64,
    },
    EvidenceShared {
        from: StateId,
        to: StateId,
        pieces: usize,
    },
    EvidenceDiscredited {
        state: StateId,
        incident: IncidentId,
        suspect: Party,
    },
    InvestigationFruitless {
        state: StateId,
        incident: IncidentId,
    },
    NodeDown {
        node: NodeId,
        cause: FailureCause,
    },
    NodeRestored {
        node: NodeId,
    },
    OnBuffer {
        node: NodeId,
    },
    BufferExhausted {
        node: NodeId,
    },
    Hardened {
        node: NodeId,
    },
    Isolated {
        node: NodeId,
        isolated: bool,
    },
    Cleaned {
        node: NodeId,
    },
    SupplyChainFinding {
        state: StateId,
        found: usize,
    },
    ChannelOpened {
        a: StateId,
        b: StateId,
        channel: Channel,
    },
    ChannelClosed {
        a: StateId,
        b: StateId,
        channel: Channel,
    },
    Request {
        from: StateId,
        to: StateId,
        kind: RequestKind,
    },
    RequestAnswered {
        from: StateId,
        to: StateId,
        kind: RequestKind,
    },
    RequestLapsed {
        from: StateId,
        to: StateId,
        kind: RequestKind,
    },
    AssistanceDelivered {
        from: StateId,
        to: StateId,
        nodes: Vec<NodeId>,
    },
    Attribution {
        by: StateId,
        incident: IncidentId,
        suspect: Party,
        joint: bool,
        confidence: f64,
    },
    Sanctions {
        by: StateId,
        target: StateId,
        amount: u32,
    },
    Takedown {
        state: StateId,
        actor: ActorId,
        success: bool,
    },
    ActorDisrupted {
        by: StateId,
        actor: ActorId,
        stopped: bool,
    },
    ActorStopped {
        actor: ActorId,
    },
    ContentRemoved {
        state: StateId,
    },
    InternetShutdown {
        state: StateId,
    },
    ContentSurge {
        state: StateId,
        level: f64,
    },
    RungChanged {
        from: usize,
        to: usize,
        level: f64,
    },
    PressureHigh {
        state: StateId,
        pressure: f64,
    },
    News(String),
    Intel {
        state: StateId,
        text: String,
    },
    InjectFired {
        inject: InjectId,
        by_facilitator: bool,
    },
    ObjectiveMet {
        objective: ObjectiveId,
    },
    ObjectiveFailed {
        objective: ObjectiveId,
    },
    Note(String),
    Paused(bool),
    GameEnded {
        reason: EndReason,
    },
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Event {
    pub turn: u32,
    pub seen: Seen,
    pub kind: EventKind,
}

impl Event {
    pub fn new(turn: u32, seen: Seen, kind: EventKind) -> Event {
        Event { turn, seen, kind }
    }
}
