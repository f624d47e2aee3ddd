//! A game being played around one computer: the engine's `Game` plus the
//! hot-seat flow (whose turn it is to sit at the screen, hand-over screens
//! between seats, each seat's report). Plain Rust, no Bevy: the Bevy app,
//! the egui screens and the tests all drive it through `Session::apply`,
//! which is the only place that calls `Game::execute`.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use detente_sim::game::{Command, Game, Orders, Seat};
use detente_sim::ids::StateId;
use detente_sim::scenario::Scenario;
use detente_sim::scenario::format::Controller;
use detente_sim::world::World;

/// Where the hot-seat flow stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Phase {
    /// The opening briefing everyone reads together.
    Briefing,
    /// "Pass to the delegation of X - press Enter when ready": the last
    /// seat's view is hidden.
    Handover { seat: usize },
    /// A seat reads its report and gives its orders.
    Seat { seat: usize },
    /// A game with no human seat, watched turn by turn.
    Observe,
    /// The game is over: the debrief.
    Over,
}

/// What changed after a command, for the shell (screen changes, autosave).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Outcome {
    /// A turn was resolved (autosave now).
    pub resolved: bool,
    /// The game ended.
    pub ended: bool,
}

#[derive(Clone, Debug)]
pub struct Session {
    pub game: Game,
    /// Human seats in play order.
    pub humans: Vec<StateId>,
    pub phase: Phase,
    /// Index into `game.events` where the last resolution started, so each
    /// seat's report shows what happened since it last played.
    pub report_from: usize,
    /// Where the scenario came from (for the title bar and reloads).
    pub scenario_path: PathBuf,
}

impl Session {
    pub fn new(
        scenario: Arc<Scenario>,
        world: World,
        seed: u64,
        seats: Vec<Seat>,
        path: &Path,
    ) -> Session {
        let game = Game::with_seats(scenario, world, seed, seats);
        Session::from_game(game, path)
    }

    /// Resume a loaded game.
    pub fn from_game(game: Game, path: &Path) -> Session {
        let humans = game.human_states();
        let phase = if game.is_over() {
            Phase::Over
        } else if humans.is_empty() && !game.history.is_empty() {
            Phase::Observe
        } else if game.history.is_empty() {
            Phase::Briefing
        } else {
            // Resume with the first seat that has not given orders yet.
            match humans.iter().position(|s| !game.pending.contains_key(s)) {
                Some(seat) => Phase::Handover { seat },
                None => Phase::Handover { seat: 0 },
            }
        };
        let report_from = game
            .events
            .iter()
            .rposition(|e| {
                matches!(e.kind, detente_sim::events::EventKind::TurnStarted)
                    && e.turn + 1 == game.turn
            })
            .unwrap_or(0);
        Session {
            game,
            humans,
            phase,
            report_from,
            scenario_path: path.to_path_buf(),
        }
    }

    /// The State at the screen now, if any.
    pub fn current_state(&self) -> Option<StateId> {
        match self.phase {
            Phase::Seat { seat } => self.humans.get(seat).copied(),
            _ => None,
        }
    }

    pub fn seat_name(&self, seat: usize) -> String {
        self.humans
            .get(seat)
            .map(|&s| {
                let name = self.game.world.state(s).name.clone();
                let player = &self.game.seats[s.index()].player;
                if player.is_empty() {
                    name
                } else {
                    format!("{name} ({player})")
                }
            })
            .unwrap_or_default()
    }

    /// Leave the opening briefing or a hand-over screen.
    pub fn ready(&mut self) {
        self.phase = match self.phase {
            Phase::Briefing => {
                if self.humans.len() > 1 {
                    Phase::Handover { seat: 0 }
                } else if self.humans.is_empty() {
                    Phase::Observe
                } else {
                    Phase::Seat { seat: 0 }
                }
            }
            Phase::Handover { seat } => Phase::Seat { seat },
            ref other => other.clone(),
        };
    }

    /// A seat's orders: checked by the engine, then the next seat, or the
    /// turn resolves when every human seat has given its orders.
    pub fn submit(&mut self, state: StateId, orders: Orders) -> Result<Outcome, String> {
        let Phase::Seat { seat } = self.phase else {
            return Err("it is not this seat's turn to give orders".into());
        };
        if self.humans.get(seat) != Some(&state) {
            return Err("it is not this seat's turn to give orders".into());
        }
        self.game
            .execute(Command::Submit { state, orders })
            .map_err(|e| e.to_string())?;
        let next =
            (0..self.humans.len()).find(|&i| !self.game.pending.contains_key(&self.humans[i]));
        match next {
            Some(next) => {
                self.phase = if self.humans.len() > 1 {
                    Phase::Handover { seat: next }
                } else {
                    Phase::Seat { seat: next }
                };
                Ok(Outcome::default())
            }
            None => self.resolve(),
        }
    }

    /// Resolve the turn (all human orders are in; computer States decide now).
    pub fn resolve(&mut self) -> Result<Outcome, String> {
        let from = self.game.events.len();
        self.game
            .execute(Command::Resolve)
            .map_err(|e| e.to_string())?;
        self.report_from = from;
        let ended = self.game.is_over();
        self.phase = if ended {
            Phase::Over
        } else if self.humans.is_empty() {
            Phase::Observe
        } else if self.humans.len() > 1 {
            Phase::Handover { seat: 0 }
        } else {
            Phase::Seat { seat: 0 }
        };
        Ok(Outcome {
            resolved: true,
            ended,
        })
    }

    /// Facilitator commands (fire an inject, pause, notes).
    pub fn facilitator(&mut self, cmd: Command) -> Result<(), String> {
        match cmd {
            Command::FireInject(_) | Command::AddNote(_) | Command::SetPaused(_) => self
                .game
                .execute(cmd)
                .map(|_| ())
                .map_err(|e| e.to_string()),
            _ => Err("not a facilitator command".into()),
        }
    }

    /// Computer-only games (no human seat) advance one turn at a time.
    pub fn advance_computer_turn(&mut self) -> Result<Outcome, String> {
        if !self.humans.is_empty() {
            return Err("human seats must give orders".into());
        }
        self.resolve()
    }

    pub fn is_human(&self, s: StateId) -> bool {
        self.game.world.state(s).controller == Controller::Human
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn session(humans: usize) -> Session {
        let text = detente_sim::starter::text("t", "t.ron");
        let loaded = detente_sim::scenario::load_str("t.ron", &text);
        let (s, w) = (loaded.scenario.unwrap(), loaded.world.unwrap());
        let seats = (0..w.states.len())
            .map(|i| Seat {
                state: StateId::from_index(i),
                controller: if i < humans {
                    Controller::Human
                } else {
                    Controller::Computer
                },
                player: format!("p{i}"),
            })
            .collect();
        Session::new(s, w, 1, seats, Path::new("t.ron"))
    }

    #[test]
    fn two_seats_alternate_with_handovers_and_resolve_after_the_last() {
        let mut s = session(2);
        assert_eq!(s.phase, Phase::Briefing);
        s.ready();
        assert_eq!(s.phase, Phase::Handover { seat: 0 });
        s.ready();
        assert_eq!(s.current_state(), Some(StateId(0)));
        // The wrong seat cannot submit.
        assert!(s.submit(StateId(1), Orders::default()).is_err());
        let out = s.submit(StateId(0), Orders::default()).unwrap();
        assert!(!out.resolved);
        assert_eq!(s.phase, Phase::Handover { seat: 1 });
        s.ready();
        let out = s.submit(StateId(1), Orders::default()).unwrap();
        assert!(out.resolved);
        assert_eq!(s.game.turn, 2);
        assert_eq!(s.phase, Phase::Handover { seat: 0 });
    }

    #[test]
    fn a_single_seat_needs_no_handover() {
        let mut s = session(1);
        s.ready();
        assert_eq!(s.phase, Phase::Seat { seat: 0 });
        s.submit(StateId(0), Orders::default()).unwrap();
        assert_eq!(s.phase, Phase::Seat { seat: 0 });
    }
}
