//! The headless commands, run in-process: determinism of `simulate` and
//! `analyze`, exit codes, and the files `report`, `new` and `generate` write.

use std::path::{Path, PathBuf};

use detente_sim::cli::{Cmd, ReportFormat, run};

fn scenarios() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scenarios")
}

fn exec(cmd: Cmd) -> (i32, String, String) {
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = run(cmd, &mut out, &mut err);
    (
        code,
        String::from_utf8(out).unwrap(),
        String::from_utf8(err).unwrap(),
    )
}

#[test]
fn simulate_json_is_byte_identical_for_the_same_seed() {
    let file = scenarios().join("grid_winter.ron");
    let a = exec(Cmd::Simulate {
        file: file.clone(),
        seed: 42,
        json: true,
    });
    let b = exec(Cmd::Simulate {
        file: file.clone(),
        seed: 42,
        json: true,
    });
    assert_eq!(a.0, 0, "{}", a.2);
    assert_eq!(a.1, b.1);
    assert!(a.1.contains("\"verdict\""));
    // A different seed gives a different game.
    let c = exec(Cmd::Simulate {
        file,
        seed: 43,
        json: true,
    });
    assert_ne!(a.1, c.1);
}

#[test]
fn analyze_json_is_identical_whatever_the_thread_count() {
    let file = scenarios().join("grid_winter.ron");
    let one = exec(Cmd::Analyze {
        file: file.clone(),
        runs: 12,
        seed: 5,
        json: true,
        threads: Some(1),
    });
    let two = exec(Cmd::Analyze {
        file,
        runs: 12,
        seed: 5,
        json: true,
        threads: Some(2),
    });
    assert_eq!(one.0, 0, "{}", one.2);
    assert_eq!(one.1, two.1);
    let v: serde_json::Value = serde_json::from_str(&one.1).unwrap();
    assert_eq!(v["runs_completed"], 12);
}

#[test]
fn analyze_refuses_bad_run_counts_and_invalid_scenarios() {
    let file = scenarios().join("grid_winter.ron");
    let (code, _, err) = exec(Cmd::Analyze {
        file: file.clone(),
        runs: 0,
        seed: 1,
        json: false,
        threads: None,
    });
    assert_eq!(code, 2);
    assert!(err.contains("--runs must be at least 1"), "{err}");
    let (code, _, err) = exec(Cmd::Analyze {
        file: file.clone(),
        runs: u64::MAX,
        seed: 1,
        json: false,
        threads: None,
    });
    assert_eq!(code, 2);
    assert!(err.contains("limit"), "{err}");
    let (code, _, err) = exec(Cmd::Analyze {
        file,
        runs: 3,
        seed: 1,
        json: false,
        threads: Some(0),
    });
    assert_eq!(code, 2);
    assert!(err.contains("--threads"), "{err}");
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.ron");
    std::fs::write(&bad, "(format_version: 2, id: \"x\"").unwrap();
    let (code, _, err) = exec(Cmd::Analyze {
        file: bad,
        runs: 3,
        seed: 1,
        json: false,
        threads: None,
    });
    assert_eq!(code, 1);
    assert!(err.contains("is not a valid scenario"), "{err}");
}

#[test]
fn validate_exit_codes() {
    let good = scenarios().join("grid_winter.ron");
    assert_eq!(
        exec(Cmd::Validate {
            files: vec![good.clone()],
            deny_warnings: true
        })
        .0,
        0
    );
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nope.ron");
    let (code, _, err) = exec(Cmd::Validate {
        files: vec![good.clone(), missing],
        deny_warnings: false,
    });
    assert_eq!(code, 1);
    assert!(err.contains("no such file"), "{err}");
    let (code, _, err) = exec(Cmd::Validate {
        files: vec![dir.path().to_path_buf()],
        deny_warnings: false,
    });
    assert_eq!(code, 1);
    assert!(err.contains("this is a folder"), "{err}");
}

#[test]
fn deny_warnings_turns_warnings_into_failure() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("warn.ron");
    let text =
        detente_sim::starter::text("warn", "warn.ron").replace("title: \"Warn\"", "title: \"\"");
    std::fs::write(&file, text).unwrap();
    let (code, out, err) = exec(Cmd::Validate {
        files: vec![file.clone()],
        deny_warnings: false,
    });
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("1 warning"), "{out}");
    assert!(err.contains("warning[empty-text]"), "{err}");
    let (code, _, err) = exec(Cmd::Validate {
        files: vec![file],
        deny_warnings: true,
    });
    assert_eq!(code, 1);
    assert!(err.contains("--deny-warnings"), "{err}");
}

#[test]
fn report_exports_a_saved_game_in_three_formats() {
    let dir = tempfile::tempdir().unwrap();
    let loaded = detente_sim::scenario::load_path(&scenarios().join("grid_winter.ron"));
    let game = detente_sim::cli::play_out(loaded.scenario.unwrap(), loaded.world.unwrap(), 9);
    let save = dir.path().join("game.json");
    detente_sim::save::save(&game, &save).unwrap();
    let out = dir.path().join("debrief");
    let (code, stdout, err) = exec(Cmd::Report {
        file: save,
        format: vec![ReportFormat::Html, ReportFormat::Md, ReportFormat::Json],
        output: out.clone(),
    });
    assert_eq!(code, 0, "{err}");
    assert_eq!(stdout.lines().count(), 3);
    let html = std::fs::read_to_string(out.with_extension("html")).unwrap();
    assert!(
        html.starts_with("<!DOCTYPE html>")
            && html.contains("<svg")
            && html.contains("Questions for discussion")
    );
    let md = std::fs::read_to_string(out.with_extension("md")).unwrap();
    assert!(md.contains("## The truth") && md.contains("Grey Wolf"));
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.with_extension("json")).unwrap())
            .unwrap();
    assert_eq!(json["scenario"], "grid_winter");
    // A file that is not a save is refused with a message.
    let (code, _, err) = exec(Cmd::Report {
        file: scenarios().join("grid_winter.ron"),
        format: vec![ReportFormat::Md],
        output: out,
    });
    assert_eq!(code, 1);
    assert!(err.contains("not a Détente saved game"), "{err}");
}

#[test]
fn new_writes_a_starter_that_validates_and_refuses_to_overwrite() {
    let dir = tempfile::tempdir().unwrap();
    let (code, out, err) = exec(Cmd::New {
        name: "flood_drill".into(),
        dir: dir.path().to_path_buf(),
    });
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("flood_drill.ron"));
    let file = dir.path().join("flood_drill.ron");
    assert_eq!(
        exec(Cmd::Validate {
            files: vec![file.clone()],
            deny_warnings: true
        })
        .0,
        0
    );
    assert_eq!(
        exec(Cmd::Simulate {
            file,
            seed: 1,
            json: false
        })
        .0,
        0
    );
    let (code, _, err) = exec(Cmd::New {
        name: "flood_drill".into(),
        dir: dir.path().to_path_buf(),
    });
    assert_eq!(code, 1);
    assert!(err.contains("already exists"));
    let (code, _, err) = exec(Cmd::New {
        name: "bad name!".into(),
        dir: dir.path().to_path_buf(),
    });
    assert_eq!(code, 2);
    assert!(err.contains("not a valid scenario name"));
}

#[test]
fn generate_writes_a_valid_world() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("gen.ron");
    let (code, out, err) = exec(Cmd::Generate {
        states: 4,
        nodes: 400,
        edges: 1200,
        seed: 3,
        output: file.clone(),
    });
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("4 States, 400 nodes"), "{out}");
    let loaded = detente_sim::scenario::load_path(&file);
    assert!(!loaded.has_errors(), "{}", loaded.render());
    let w = loaded.world.unwrap();
    assert_eq!(w.infra.len(), 400);
    assert_eq!(w.infra.graph.edge_count(), 1200);
    let (code, _, _) = exec(Cmd::Generate {
        states: 0,
        nodes: 10,
        edges: 10,
        seed: 1,
        output: file,
    });
    assert_eq!(code, 2);
}
