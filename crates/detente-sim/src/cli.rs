//! The command line of `detente` (game.md section 7). The game binary
//! parses it and runs `play` itself; every headless command runs here so
//! tests can call it in-process. Errors are messages and exit codes, never
//! panics.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand, ValueEnum};

use crate::debrief;
use crate::game::{Command, Game};
use crate::scenario::diagnostics::Severity;
use crate::scenario::load_path;

#[derive(Debug, Parser)]
#[command(
    name = "detente",
    version,
    about = "Détente: a cyber crisis tabletop game for the desktop",
    long_about = "Détente: a cyber crisis tabletop game for the desktop.\n\nWithout a command it opens the game at the main menu.",
    after_help = "Scenario files are RON; see docs/scenario-format.md. Examples:\n  detente play scenarios/grid_winter.ron\n  detente validate scenarios/*.ron\n  detente simulate scenarios/grid_winter.ron --seed 7 --json\n  detente analyze scenarios/grid_winter.ron --runs 200"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Cmd>,
}

#[derive(Debug, Subcommand)]
pub enum Cmd {
    /// Open the game straight into a scenario's seat setup.
    Play {
        file: PathBuf,
        /// Seed for the game's random events (default: chosen at random).
        #[arg(long)]
        seed: Option<u64>,
    },
    /// Check scenario files; exit 0 when all are valid, 1 otherwise.
    Validate {
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Treat warnings as errors.
        #[arg(long)]
        deny_warnings: bool,
    },
    /// Play a scenario to the end with every State run by the computer.
    Simulate {
        file: PathBuf,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Print the debrief as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Many headless playthroughs in parallel: the spread of outcomes.
    Analyze {
        file: PathBuf,
        /// Number of playthroughs.
        #[arg(long)]
        runs: u64,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        #[arg(long)]
        json: bool,
        /// Worker threads (default: all cores).
        #[arg(long)]
        threads: Option<usize>,
    },
    /// Export the debrief of a saved or finished game.
    Report {
        /// A saved game (.json, from the game's save folder).
        file: PathBuf,
        /// Formats, comma-separated: html, md, json.
        #[arg(long, value_delimiter = ',', default_value = "html")]
        format: Vec<ReportFormat>,
        /// Output path without extension (one file per format).
        #[arg(short, long)]
        output: PathBuf,
    },
    /// Write a commented starter scenario that validates and plays.
    New {
        /// Scenario id: letters, digits and `_`.
        name: String,
        /// Folder to write into.
        #[arg(short, long, default_value = "scenarios")]
        dir: PathBuf,
    },
    /// Write a synthetic scenario for benchmarks and stress tests.
    Generate {
        #[arg(long, default_value_t = 20)]
        states: usize,
        #[arg(long, default_value_t = 10_000)]
        nodes: usize,
        #[arg(long, default_value_t = 40_000)]
        edges: usize,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        #[arg(short, long)]
        output: PathBuf,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    Html,
    Md,
    Json,
}

/// Run a headless command; returns the process exit code.
pub fn run(cmd: Cmd, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let result = match cmd {
        Cmd::Play { .. } => {
            let _ = writeln!(
                err,
                "error: `play` opens the game window; run it from the game binary"
            );
            return 2;
        }
        Cmd::Validate {
            files,
            deny_warnings,
        } => validate(&files, deny_warnings, out, err),
        Cmd::Simulate { file, seed, json } => simulate(&file, seed, json, out, err),
        Cmd::Analyze {
            file,
            runs,
            seed,
            json,
            threads,
        } => crate::analyze::command(&file, runs, seed, json, threads, out, err),
        Cmd::Report {
            file,
            format,
            output,
        } => report(&file, &format, &output, out, err),
        Cmd::New { name, dir } => crate::starter::command(&name, &dir, out, err),
        Cmd::Generate {
            states,
            nodes,
            edges,
            seed,
            output,
        } => crate::generate::command(states, nodes, edges, seed, &output, out, err),
    };
    result.unwrap_or_else(|e| {
        let _ = writeln!(err, "error: writing output failed: {e}");
        1
    })
}

fn validate(
    files: &[PathBuf],
    deny_warnings: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<i32> {
    let mut bad = 0;
    let mut warned = 0;
    for f in files {
        let loaded = load_path(f);
        let warnings = loaded.warnings();
        let rendered = loaded.render();
        if !rendered.is_empty() {
            write!(err, "{rendered}")?;
        }
        let failed = loaded.has_errors() || (deny_warnings && warnings > 0);
        if failed {
            bad += 1;
        } else {
            let title = loaded
                .scenario
                .as_ref()
                .map(|s| s.title.as_str())
                .unwrap_or("");
            writeln!(
                out,
                "ok: {} ({title}){}",
                f.display(),
                if warnings > 0 {
                    format!(", {warnings} warning(s)")
                } else {
                    String::new()
                }
            )?;
        }
        warned += warnings;
    }
    let errors_note = if deny_warnings && warned > 0 {
        " (warnings count as errors: --deny-warnings)"
    } else {
        ""
    };
    if bad > 0 {
        writeln!(
            err,
            "{bad} of {} file(s) failed validation{errors_note}",
            files.len()
        )?;
        Ok(1)
    } else {
        Ok(0)
    }
}

/// Load a scenario for a headless command, printing diagnostics on failure.
pub fn load_for_run(
    file: &Path,
    err: &mut dyn Write,
) -> std::io::Result<
    Option<(
        std::sync::Arc<crate::scenario::Scenario>,
        crate::world::World,
    )>,
> {
    let loaded = load_path(file);
    if loaded.has_errors() {
        write!(err, "{}", loaded.render())?;
        writeln!(
            err,
            "{} is not a valid scenario; fix the errors above (`detente validate {}`)",
            file.display(),
            file.display()
        )?;
        return Ok(None);
    }
    let shown: Vec<_> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.severity >= Severity::Warning)
        .cloned()
        .collect();
    if !shown.is_empty() {
        write!(
            err,
            "{}",
            crate::scenario::diagnostics::render(loaded.source.as_ref(), &shown)
        )?;
    }
    Ok(loaded.scenario.zip(loaded.world))
}

/// Play a game to the end with every State run by the computer.
pub fn play_out(
    scenario: std::sync::Arc<crate::scenario::Scenario>,
    world: crate::world::World,
    seed: u64,
) -> Game {
    let mut world = world;
    for s in &mut world.states {
        if s.controller == crate::scenario::format::Controller::Human {
            s.controller = crate::scenario::format::Controller::Computer;
        }
    }
    let mut game = Game::new(scenario, world, seed);
    let limit = game.scenario.turns + 1;
    for _ in 0..limit {
        if game.is_over() {
            break;
        }
        if game.execute(Command::Resolve).is_err() {
            break;
        }
    }
    game
}

fn simulate(
    file: &Path,
    seed: u64,
    json: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<i32> {
    let Some((scenario, world)) = load_for_run(file, err)? else {
        return Ok(1);
    };
    let game = play_out(scenario, world, seed);
    let d = debrief::build(&game);
    if json {
        writeln!(out, "{}", debrief::to_json(&d))?;
    } else {
        write!(out, "{}", summary_text(&d))?;
    }
    Ok(0)
}

/// A short plain-text outcome for the terminal.
pub fn summary_text(d: &debrief::Debrief) -> String {
    let mut s = String::new();
    s.push_str(&format!("{} (seed {})\n", d.title, d.seed));
    s.push_str(&format!(
        "{} after {} turns. Escalation peak {:.0} ({}), end {:.0}. Civilian harm {:.0}.\n",
        d.verdict_text,
        d.turns_played,
        d.escalation_peak,
        d.peak_rung,
        d.escalation_end,
        d.total_harm
    ));
    s.push_str(&format!(
        "Scores (all States): human security {:.0}, stability {:.0}, norms {:.0}, cooperation {:.0}; objectives {}/{}.\n",
        d.scores.human_security, d.scores.stability, d.scores.norms, d.scores.cooperation, d.scores.objectives_met, d.scores.objectives_total
    ));
    for st in &d.states {
        s.push_str(&format!(
            "  {:<16} human security {:>3.0}  norms {:>3.0}  cooperation {:>3.0}  ({} upheld, {} violated, {} CBM uses)\n",
            st.name, st.scores.human_security, st.scores.norms, st.scores.cooperation, st.norms_upheld, st.norms_violated, st.cbms_used
        ));
    }
    s.push_str("Objectives:\n");
    for o in &d.objectives {
        s.push_str(&format!(
            "  [{}] {} ({})\n",
            if o.status == "met" { "x" } else { " " },
            o.text,
            o.owner.as_deref().unwrap_or("shared")
        ));
    }
    s.push_str("The truth:\n");
    for i in &d.incidents {
        s.push_str(&format!(
            "  turn {}: {} at {} - {}{}\n",
            i.turn,
            i.kind,
            i.facilities.first().cloned().unwrap_or_default(),
            i.perpetrator,
            i.sponsor
                .as_ref()
                .map(|x| format!(" for {x}"))
                .unwrap_or_default()
        ));
        for a in &i.attributions {
            s.push_str(&format!(
                "    {} named {}: {}\n",
                a.by,
                a.named,
                if a.correct { "correct" } else { "wrong" }
            ));
        }
    }
    s
}

fn report(
    file: &Path,
    formats: &[ReportFormat],
    output: &Path,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<i32> {
    let game = match crate::save::load(file) {
        Ok(g) => g,
        Err(e) => {
            writeln!(err, "error: {e}")?;
            return Ok(1);
        }
    };
    let d = debrief::build(&game);
    for f in formats {
        let (ext, text) = match f {
            ReportFormat::Html => ("html", debrief::to_html(&d)),
            ReportFormat::Md => ("md", debrief::to_markdown(&d)),
            ReportFormat::Json => ("json", debrief::to_json(&d)),
        };
        let path = output.with_extension(ext);
        if let Err(e) = crate::save::write_atomic(&path, text.as_bytes()) {
            writeln!(err, "error: {e}")?;
            return Ok(1);
        }
        writeln!(out, "wrote {}", path.display())?;
    }
    Ok(0)
}
