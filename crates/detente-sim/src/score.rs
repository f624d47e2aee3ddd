//! Scores on the four dimensions of game.md section 5, per State and for
//! all States together, each 0-100 (higher is better):
//!
//! - human security: civilian service kept over the turns played, weighted
//!   by population and sector; each 1% of weighted service lost costs 3
//!   points (`100 x (1 - 3 x harm / potential)`, at least 0);
//! - stability: `100 - (0.5 x peak + 0.5 x current escalation level)`,
//!   0 when the top rung was reached (shared by everyone);
//! - norm adherence: from the norms ledger,
//!   `100 x (upheld + 5) / (upheld + 5 + 4 x violated)`;
//! - cooperation: CBMs and assistance,
//!   `100 x (1 - exp(-points / (4 x turns played)))` with points = 2 per
//!   CBM use, 3 per distinct CBM, 4 per assistance given, 2 per assistance
//!   received;
//!
//! plus the scenario's objectives met.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::events::EndReason;
use crate::game::{Game, ObjectiveStatus, Status};
use crate::ids::StateId;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct DimensionScores {
    pub human_security: f64,
    pub stability: f64,
    pub norms: f64,
    pub cooperation: f64,
    pub objectives_met: u32,
    pub objectives_total: u32,
}

impl DimensionScores {
    /// The mean of the four dimensions.
    pub fn overall(&self) -> f64 {
        (self.human_security + self.stability + self.norms + self.cooperation) / 4.0
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Scores {
    pub by_state: Vec<DimensionScores>,
    pub all: DimensionScores,
}

fn norms_score(upheld: usize, violated: usize) -> f64 {
    100.0 * (upheld as f64 + 5.0) / (upheld as f64 + 5.0 + 4.0 * violated as f64)
}

fn cooperation_score(points: f64, turns: usize) -> f64 {
    100.0 * (1.0 - (-points / (4.0 * turns.max(1) as f64)).exp())
}

fn human_security_score(harm: f64, potential: f64) -> f64 {
    if potential > 0.0 {
        100.0 * (1.0 - 3.0 * harm / potential).clamp(0.0, 1.0)
    } else {
        100.0
    }
}

pub fn compute(game: &Game) -> Scores {
    let w = &game.world;
    let n = w.states.len();
    let turns_played = w.harm.first().map(Vec::len).unwrap_or(0);
    let stability = if game.status == Status::Ended(EndReason::TopRung) {
        0.0
    } else {
        (100.0 - 0.5 * w.ladder.peak - 0.5 * w.ladder.level).clamp(0.0, 100.0)
    };
    let objectives: Vec<(Option<StateId>, bool)> = game
        .scenario
        .objectives
        .iter()
        .zip(&game.objectives)
        .map(|(o, s)| (o.owner, matches!(s, ObjectiveStatus::Met(_))))
        .collect();

    let mut by_state = Vec::with_capacity(n);
    let (mut harm_all, mut potential_all) = (0.0, 0.0);
    let (mut up_all, mut viol_all, mut points_all) = (0, 0, 0.0);
    for s in 0..n {
        let id = StateId::from_index(s);
        let harm: f64 = w.harm[s].iter().sum();
        let potential = w.potential[s] * turns_played as f64;
        harm_all += harm;
        potential_all += potential;
        let human_security = human_security_score(harm, potential);
        let upheld = w
            .ledger
            .iter()
            .filter(|l| l.state == id && l.upheld)
            .count();
        let violated = w
            .ledger
            .iter()
            .filter(|l| l.state == id && !l.upheld)
            .count();
        up_all += upheld;
        viol_all += violated;
        let uses = w.cbm_uses.iter().filter(|(_, x, _)| *x == id).count();
        let distinct = w
            .cbm_uses
            .iter()
            .filter(|(_, x, _)| *x == id)
            .map(|(_, _, c)| *c)
            .collect::<BTreeSet<_>>()
            .len();
        let given = w.assistance.iter().filter(|(_, f, _)| *f == id).count();
        let received = w.assistance.iter().filter(|(_, _, t)| *t == id).count();
        let points =
            2.0 * uses as f64 + 3.0 * distinct as f64 + 4.0 * given as f64 + 2.0 * received as f64;
        points_all += points;
        let mine: Vec<bool> = objectives
            .iter()
            .filter(|(o, _)| o.is_none() || *o == Some(id))
            .map(|(_, m)| *m)
            .collect();
        by_state.push(DimensionScores {
            human_security,
            stability,
            norms: norms_score(upheld, violated),
            cooperation: cooperation_score(points, turns_played),
            objectives_met: mine.iter().filter(|m| **m).count() as u32,
            objectives_total: mine.len() as u32,
        });
    }
    let all = DimensionScores {
        human_security: human_security_score(harm_all, potential_all),
        stability,
        norms: norms_score(up_all, viol_all),
        cooperation: cooperation_score(points_all / n.max(1) as f64, turns_played),
        objectives_met: objectives.iter().filter(|(_, m)| *m).count() as u32,
        objectives_total: objectives.len() as u32,
    };
    Scores { by_state, all }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_stay_in_range() {
        assert_eq!(norms_score(0, 0), 100.0);
        assert!(norms_score(0, 1) < 60.0);
        assert!(norms_score(20, 1) > 80.0);
        assert_eq!(cooperation_score(0.0, 3), 0.0);
        assert!(cooperation_score(1e9, 3) <= 100.0);
        assert_eq!(human_security_score(0.0, 10.0), 100.0);
        assert_eq!(human_security_score(5.0, 10.0), 0.0);
    }
}
