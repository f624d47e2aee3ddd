//! Compact ids for the engine's entities. Scenario files name things with
//! readable string ids; the loader maps them to these indices once, so the
//! rules never look up strings in hot paths. Never Bevy entities.

use serde::{Deserialize, Serialize};

macro_rules! index_id {
    ($(#[$doc:meta])* $name:ident, $int:ty) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub $int);

        impl $name {
            pub fn index(self) -> usize {
                self.0 as usize
            }
            pub fn from_index(i: usize) -> Self {
                $name(i as $int)
            }
        }
    };
}

index_id!(/// A State (country) in the game.
    StateId, u16);
index_id!(/// An infrastructure node.
    NodeId, u32);
index_id!(/// A non-State or covert actor.
    ActorId, u16);
index_id!(/// An incident (something that happened to a node).
    IncidentId, u32);
index_id!(/// An action in the game's catalogue (built-in plus scenario).
    ActionId, u16);
index_id!(/// An inject of the scenario.
    InjectId, u16);
index_id!(/// A dilemma card of the scenario.
    DilemmaId, u16);
index_id!(/// An objective of the scenario.
    ObjectiveId, u16);
index_id!(/// A network (grid, telecom network) of the infrastructure.
    NetworkId, u16);

/// Who did something or is suspected of it: a State or an actor.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Party {
    State(StateId),
    Actor(ActorId),
}
