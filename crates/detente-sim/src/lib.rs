//! Détente's rules engine: the world model, the scenario format and its
//! validation, turn resolution, computer players, scoring and the debrief.
//! No Bevy anywhere in its dependency tree; the game, the command line and
//! the tests all change the game through `Game::execute`.

pub mod ai;
pub mod catalog;
pub mod events;
pub mod game;
pub mod ids;
pub mod rules;
pub mod scenario;
pub mod score;
pub mod world;

pub use game::{Command, Game, Order, Orders, Target};
pub mod analyze;
pub mod cli;
pub mod debrief;
pub mod generate;
pub mod narrate;
pub mod save;
pub mod starter;
