//! Balancing a scenario: many headless playthroughs in parallel (rayon),
//! each with its own seed derived from the base seed, collected in run
//! order so the summary is the same whatever the thread count. Ctrl-C
//! stops the remaining runs; the summary covers the runs that finished.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use rayon::prelude::*;
use serde::Serialize;

use crate::debrief::{self, Verdict};
use crate::game::{Game, ObjectiveStatus};
use crate::scenario::Scenario;
use crate::world::World;

/// Upper bound on `--runs` (a million playthroughs of the largest shipped
/// scenario take hours; beyond that is a typo).
pub const MAX_RUNS: u64 = 1_000_000;

/// What one playthrough contributes to the summary.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RunResult {
    pub seed: u64,
    pub escalation_peak: f64,
    pub total_harm: f64,
    pub human_security: f64,
    pub stability: f64,
    pub norms: f64,
    pub cooperation: f64,
    pub top_rung: bool,
    pub verdict: String,
    pub objectives_met: Vec<bool>,
    /// How many times each action was taken (by id).
    pub actions: BTreeMap<String, u32>,
}

impl RunResult {
    fn outcome(&self) -> f64 {
        (self.human_security + self.stability + self.norms + self.cooperation) / 4.0
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Distribution {
    pub min: f64,
    pub p10: f64,
    pub median: f64,
    pub mean: f64,
    pub p90: f64,
    pub max: f64,
}

fn distribution(mut v: Vec<f64>) -> Distribution {
    if v.is_empty() {
        return Distribution {
            min: 0.0,
            p10: 0.0,
            median: 0.0,
            mean: 0.0,
            p90: 0.0,
            max: 0.0,
        };
    }
    v.sort_by(f64::total_cmp);
    let q = |p: f64| v[((v.len() - 1) as f64 * p).round() as usize];
    let r = |x: f64| (x * 100.0).round() / 100.0;
    Distribution {
        min: r(v[0]),
        p10: r(q(0.1)),
        median: r(q(0.5)),
        mean: r(v.iter().sum::<f64>() / v.len() as f64),
        p90: r(q(0.9)),
        max: r(v[v.len() - 1]),
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ActionAssociation {
    pub action: String,
    pub name: String,
    /// Share of runs in which it was taken at least once.
    pub taken_in: f64,
    /// Mean outcome (mean of the four scores) of runs with it minus runs without it.
    pub outcome_difference: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Summary {
    pub scenario: String,
    pub title: String,
    pub base_seed: u64,
    pub runs_requested: u64,
    pub runs_completed: u64,
    pub interrupted: bool,
    pub escalation_peak: Distribution,
    pub civilian_harm: Distribution,
    pub human_security: Distribution,
    pub stability: Distribution,
    pub norms: Distribution,
    pub cooperation: Distribution,
    /// Share of runs that reached the top rung.
    pub top_rung_rate: f64,
    pub verdicts: BTreeMap<String, u64>,
    /// Share of runs in which each objective was met.
    pub objectives: Vec<(String, String, f64)>,
    pub best_actions: Vec<ActionAssociation>,
    pub worst_actions: Vec<ActionAssociation>,
}

/// The seed of run `i`: a SplitMix64 step from the base seed, so runs are
/// independent and stable whatever the order they run in.
pub fn run_seed(base: u64, i: u64) -> u64 {
    let mut z = base.wrapping_add(0x9E37_79B9_7F4A_7C15u64.wrapping_mul(i.wrapping_add(1)));
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

pub fn one_run(scenario: &Arc<Scenario>, world: &World, seed: u64) -> RunResult {
    let game: Game = crate::cli::play_out(scenario.clone(), world.clone(), seed);
    let mut counts: BTreeMap<crate::ids::ActionId, u32> = BTreeMap::new();
    for &(_, _, a) in &game.world.took {
        *counts.entry(a).or_default() += 1;
    }
    let actions = counts
        .into_iter()
        .map(|(a, n)| (scenario.action(a).def.id.clone(), n))
        .collect();
    let scores = game.scores().all;
    let verdict = debrief::verdict(&game);
    RunResult {
        seed,
        escalation_peak: game.world.ladder.peak,
        total_harm: game.world.total_harm(),
        human_security: scores.human_security,
        stability: scores.stability,
        norms: scores.norms,
        cooperation: scores.cooperation,
        top_rung: verdict == Verdict::CollectiveLoss,
        verdict: verdict.label().to_string(),
        objectives_met: game
            .objectives
            .iter()
            .map(|o| matches!(o, ObjectiveStatus::Met(_)))
            .collect(),
        actions,
    }
}

/// Run playthroughs `0..runs` in parallel; stop early when `stop` is set.
/// Results come back in run order; the `done` counter feeds a progress bar.
pub fn run_many(
    scenario: &Arc<Scenario>,
    world: &World,
    base_seed: u64,
    runs: u64,
    stop: &AtomicBool,
    done: &AtomicU64,
) -> Vec<RunResult> {
    let results: Vec<Option<RunResult>> = (0..runs)
        .into_par_iter()
        .map(|i| {
            if stop.load(Ordering::Relaxed) {
                return None;
            }
            let r = one_run(scenario, world, run_seed(base_seed, i));
            done.fetch_add(1, Ordering::Relaxed);
            Some(r)
        })
        .collect();
    // Keep a prefix only, so an interrupted summary is still a clean sample.
    results.into_iter().map_while(|r| r).collect()
}

pub fn summarise(
    scenario: &Scenario,
    base_seed: u64,
    requested: u64,
    results: &[RunResult],
    interrupted: bool,
) -> Summary {
    let n = results.len().max(1) as f64;
    let col = |f: fn(&RunResult) -> f64| distribution(results.iter().map(f).collect());
    let mut verdicts = BTreeMap::new();
    for r in results {
        *verdicts.entry(r.verdict.clone()).or_insert(0) += 1;
    }
    let objectives = scenario
        .objectives
        .iter()
        .enumerate()
        .map(|(i, o)| {
            let met = results
                .iter()
                .filter(|r| r.objectives_met.get(i).copied().unwrap_or(false))
                .count();
            (
                o.def.id.clone(),
                o.def.text.clone(),
                (met as f64 / n * 1000.0).round() / 1000.0,
            )
        })
        .collect();
    let mut assoc = Vec::new();
    for a in &scenario.actions {
        let (with, without): (Vec<&RunResult>, Vec<&RunResult>) = results
            .iter()
            .partition(|r| r.actions.contains_key(&a.def.id));
        if with.is_empty() || without.is_empty() {
            continue;
        }
        let mean = |v: &[&RunResult]| v.iter().map(|r| r.outcome()).sum::<f64>() / v.len() as f64;
        assoc.push(ActionAssociation {
            action: a.def.id.clone(),
            name: a.def.name.clone(),
            taken_in: (with.len() as f64 / n * 1000.0).round() / 1000.0,
            outcome_difference: ((mean(&with) - mean(&without)) * 100.0).round() / 100.0,
        });
    }
    assoc.sort_by(|a, b| {
        b.outcome_difference
            .total_cmp(&a.outcome_difference)
            .then(a.action.cmp(&b.action))
    });
    let best: Vec<_> = assoc
        .iter()
        .filter(|a| a.outcome_difference > 0.0)
        .take(5)
        .cloned()
        .collect();
    let worst: Vec<_> = assoc
        .iter()
        .rev()
        .filter(|a| a.outcome_difference < 0.0)
        .take(5)
        .cloned()
        .collect();
    Summary {
        scenario: scenario.id.clone(),
        title: scenario.title.clone(),
        base_seed,
        runs_requested: requested,
        runs_completed: results.len() as u64,
        interrupted,
        escalation_peak: col(|r| r.escalation_peak),
        civilian_harm: col(|r| r.total_harm),
        human_security: col(|r| r.human_security),
        stability: col(|r| r.stability),
        norms: col(|r| r.norms),
        cooperation: col(|r| r.cooperation),
        top_rung_rate: (results.iter().filter(|r| r.top_rung).count() as f64 / n * 1000.0).round()
            / 1000.0,
        verdicts,
        objectives,
        best_actions: best,
        worst_actions: worst,
    }
}

/// A number in at most seven characters: one decimal below ten thousand,
/// then thousands (k) or millions (M), so the summary's columns line up.
fn compact(v: f64) -> String {
    let a = v.abs();
    if a < 10_000.0 {
        format!("{v:.1}")
    } else if a < 1_000_000.0 {
        format!("{:.1}k", v / 1_000.0)
    } else if a < 1_000_000_000.0 {
        format!("{:.2}M", v / 1_000_000.0)
    } else {
        format!("{v:.1e}")
    }
}

pub fn summary_text(s: &Summary) -> String {
    let mut t = String::new();
    t.push_str(&format!(
        "{}: {} of {} playthroughs{} (base seed {})\n\n",
        s.title,
        s.runs_completed,
        s.runs_requested,
        if s.interrupted { ", interrupted" } else { "" },
        s.base_seed
    ));
    t.push_str(&format!(
        "{:<16} {:>7} {:>7} {:>7} {:>7} {:>7} {:>7}\n",
        "", "min", "p10", "median", "mean", "p90", "max"
    ));
    let row = |name: &str, d: &Distribution| {
        let cells: Vec<String> = [d.min, d.p10, d.median, d.mean, d.p90, d.max]
            .iter()
            .map(|&v| format!("{:>7}", compact(v)))
            .collect();
        format!("{name:<16} {}\n", cells.join(" "))
    };
    t.push_str(&row("escalation peak", &s.escalation_peak));
    t.push_str(&row("civilian harm", &s.civilian_harm));
    t.push_str(&row("human security", &s.human_security));
    t.push_str(&row("stability", &s.stability));
    t.push_str(&row("norms", &s.norms));
    t.push_str(&row("cooperation", &s.cooperation));
    t.push_str(&format!(
        "\nReached the top rung in {:.1}% of runs.\nOutcomes:\n",
        s.top_rung_rate * 100.0
    ));
    for (v, n) in &s.verdicts {
        t.push_str(&format!("  {n:>6}  {v}\n"));
    }
    t.push_str("Objectives met:\n");
    for (_, text, rate) in &s.objectives {
        t.push_str(&format!("  {:>5.1}%  {text}\n", rate * 100.0));
    }
    t.push_str("Actions most associated with good outcomes (mean score difference):\n");
    for a in &s.best_actions {
        t.push_str(&format!(
            "  {:+6.2}  {} (taken in {:.0}% of runs)\n",
            a.outcome_difference,
            a.name,
            a.taken_in * 100.0
        ));
    }
    t.push_str("Actions most associated with bad outcomes:\n");
    for a in &s.worst_actions {
        t.push_str(&format!(
            "  {:+6.2}  {} (taken in {:.0}% of runs)\n",
            a.outcome_difference,
            a.name,
            a.taken_in * 100.0
        ));
    }
    t
}

/// `detente analyze`.
pub fn command(
    file: &Path,
    runs: u64,
    seed: u64,
    json: bool,
    threads: Option<usize>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<i32> {
    if runs == 0 {
        writeln!(err, "error: --runs must be at least 1 (try --runs 100)")?;
        return Ok(2);
    }
    if runs > MAX_RUNS {
        writeln!(
            err,
            "error: --runs {runs} is more than the limit of {MAX_RUNS}; a few thousand runs already give stable figures"
        )?;
        return Ok(2);
    }
    if threads == Some(0) {
        writeln!(err, "error: --threads must be at least 1")?;
        return Ok(2);
    }
    let Some((scenario, world)) = crate::cli::load_for_run(file, err)? else {
        return Ok(1);
    };
    let stop = Arc::new(AtomicBool::new(false));
    {
        let stop = stop.clone();
        // A second handler cannot be installed in the same process (tests);
        // then Ctrl-C simply ends the process as usual.
        let _ = ctrlc::set_handler(move || stop.store(true, Ordering::SeqCst));
    }
    let done = Arc::new(AtomicU64::new(0));
    let bar = indicatif::ProgressBar::new(runs);
    bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
    bar.set_style(
        indicatif::ProgressStyle::with_template(
            "{spinner} [{bar:40}] {pos}/{len} playthroughs ({per_sec}, {eta} left)",
        )
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
        .progress_chars("=> "),
    );
    let pool = match rayon::ThreadPoolBuilder::new()
        .num_threads(threads.unwrap_or(0))
        .build()
    {
        Ok(p) => p,
        Err(e) => {
            writeln!(err, "error: cannot start worker threads: {e}")?;
            return Ok(1);
        }
    };
    let finished = AtomicBool::new(false);
    let results = std::thread::scope(|scope| {
        scope.spawn(|| {
            while !finished.load(Ordering::Relaxed) {
                bar.set_position(done.load(Ordering::Relaxed));
                std::thread::sleep(std::time::Duration::from_millis(100));
            }
        });
        let r = pool.install(|| run_many(&scenario, &world, seed, runs, &stop, &done));
        finished.store(true, Ordering::Relaxed);
        r
    });
    let interrupted = (results.len() as u64) < runs;
    bar.set_position(results.len() as u64);
    bar.finish_and_clear();
    if interrupted {
        writeln!(
            err,
            "interrupted: summarising the {} playthroughs that finished",
            results.len()
        )?;
    }
    let summary = summarise(&scenario, seed, runs, &results, interrupted);
    if json {
        writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&summary).unwrap_or_default()
        )?;
    } else {
        write!(out, "{}", summary_text(&summary))?;
    }
    Ok(if interrupted { 130 } else { 0 })
}

#[cfg(test)]
mod tests {
    use super::compact;

    #[test]
    fn summary_numbers_fit_their_columns() {
        assert_eq!(compact(18.0), "18.0");
        assert_eq!(compact(-3.25), "-3.2");
        assert_eq!(compact(9_999.0), "9999.0");
        assert_eq!(compact(192_345.0), "192.3k");
        assert_eq!(compact(1_532_700.0), "1.53M");
        for v in [0.0, 12.5, 99_999.9, 123_456_789.0, 4.2e12, -7.5e9] {
            assert!(compact(v).len() <= 7, "{v} -> {}", compact(v));
        }
    }
}
