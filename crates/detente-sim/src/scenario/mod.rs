//! Scenarios: the RON format (`format`), loading with diagnostics (`load`,
//! `diagnostics`, `spans`), version migration (`migrate`), checking and
//! building the starting world (`compile`), and warnings (`lint`). The
//! result is a `Scenario`: the immutable rules of one game (catalogue,
//! ladder, injects, dilemmas, objectives) plus the index from readable ids
//! to engine ids.

pub mod compile;
pub mod diagnostics;
pub mod format;
pub mod lint;
pub mod load;
pub mod migrate;
pub mod spans;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::ids::{ActionId, ActorId, DilemmaId, InjectId, NodeId, ObjectiveId, StateId};
use format::{
    ActionDef, BehaviourDef, Difficulty, DilemmaDef, InjectDef, ObjectiveDef, SettingsDef,
    SourceDef,
};

pub use load::{Loaded, load_bytes, load_path, load_str};

/// One rung of the escalation ladder, with action ids resolved.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Rung {
    pub id: String,
    pub name: String,
    pub threshold: f64,
    pub description: String,
    pub opens: Vec<ActionId>,
    pub closes: Vec<ActionId>,
}

/// An action of this game's catalogue.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Action {
    /// Shared with the built-in catalogue (cloning is a reference count).
    pub def: std::sync::Arc<ActionDef>,
    pub only_for: Vec<StateId>,
    /// Comes from the scenario rather than the built-in catalogue.
    pub from_scenario: bool,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Dilemma {
    pub def: DilemmaDef,
    pub state: StateId,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Objective {
    pub def: ObjectiveDef,
    pub owner: Option<StateId>,
}

/// Readable ids to engine ids.
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
pub struct Index {
    pub states: BTreeMap<String, StateId>,
    pub nodes: BTreeMap<String, NodeId>,
    pub actors: BTreeMap<String, ActorId>,
    pub actions: BTreeMap<String, ActionId>,
    pub injects: BTreeMap<String, InjectId>,
    pub dilemmas: BTreeMap<String, DilemmaId>,
    pub objectives: BTreeMap<String, ObjectiveId>,
    pub rungs: BTreeMap<String, usize>,
    pub networks: BTreeMap<String, usize>,
    /// Incident ids declared by operations in injects and dilemmas.
    pub incidents: BTreeMap<String, ()>,
}

/// The immutable rules of one game.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Scenario {
    pub id: String,
    pub title: String,
    pub summary: String,
    pub difficulty: Difficulty,
    pub learning_objectives: Vec<String>,
    pub sources: Vec<SourceDef>,
    pub turn_hours: u32,
    pub turns: u32,
    pub briefing: String,
    pub settings: SettingsDef,
    pub rungs: Vec<Rung>,
    pub actions: Vec<Action>,
    /// Behaviours of each actor, by actor index.
    pub behaviours: Vec<Vec<BehaviourDef>>,
    pub injects: Vec<InjectDef>,
    pub dilemmas: Vec<Dilemma>,
    pub objectives: Vec<Objective>,
    pub debrief_questions: Vec<String>,
    pub index: Index,
    /// Where it was loaded from (for messages).
    pub path: String,
}

impl Scenario {
    pub fn action(&self, id: ActionId) -> &Action {
        &self.actions[id.index()]
    }

    pub fn action_id(&self, id: &str) -> Option<ActionId> {
        self.index.actions.get(id).copied()
    }

    pub fn state_id(&self, id: &str) -> Option<StateId> {
        self.index.states.get(id).copied()
    }

    pub fn node_id(&self, id: &str) -> Option<NodeId> {
        self.index.nodes.get(id).copied()
    }

    pub fn top_rung(&self) -> usize {
        self.rungs.len().saturating_sub(1)
    }

    /// The rung index a level falls on.
    pub fn rung_for(&self, level: f64) -> usize {
        self.rungs
            .iter()
            .rposition(|r| level >= r.threshold)
            .unwrap_or(0)
    }

    /// Whether the ladder allows an action at a rung: rungs from the bottom
    /// up open and close actions; an action some rung opens is closed below it.
    pub fn rung_allows(&self, action: ActionId, rung: usize) -> bool {
        let mut allowed = !self.rungs.iter().any(|r| r.opens.contains(&action));
        for r in self.rungs.iter().take(rung + 1) {
            if r.opens.contains(&action) {
                allowed = true;
            }
            if r.closes.contains(&action) {
                allowed = false;
            }
        }
        allowed
    }

    /// For each rung, whether the action is allowed there.
    pub fn allowed_rungs(&self, action: ActionId) -> Vec<bool> {
        (0..self.rungs.len())
            .map(|r| self.rung_allows(action, r))
            .collect()
    }
}
