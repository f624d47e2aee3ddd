//! Détente's rules engine: the world model, the scenario format and its
//! validation, turn resolution, computer players, scoring and the debrief.
//! No Bevy anywhere in its dependency tree; the game, the command line and
//! the tests all change the game through `Game::execute`.

pub mod catalog;
pub mod ids;
pub mod scenario;
pub mod world;
