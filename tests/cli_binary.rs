//! The `detente` binary as a user runs it: help, bad input, byte-identical
//! `simulate --json`, and Ctrl-C during `analyze`.

use std::process::{Command, Stdio};
use std::time::Duration;

fn detente() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_detente"));
    c.current_dir(env!("CARGO_MANIFEST_DIR"));
    c
}

#[test]
fn help_lists_every_command() {
    let out = detente().arg("--help").output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    for cmd in [
        "play", "validate", "simulate", "analyze", "report", "new", "generate",
    ] {
        assert!(text.contains(cmd), "--help does not list {cmd}:\n{text}");
    }
}

#[test]
fn bad_command_lines_get_messages_not_panics() {
    for args in [
        vec!["frobnicate"],
        vec!["simulate"],
        vec![
            "simulate",
            "scenarios/grid_winter.ron",
            "--seed",
            "minus-one",
        ],
        vec!["analyze", "scenarios/grid_winter.ron"],
        vec!["validate"],
    ] {
        let out = detente().args(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("error") || err.contains("Usage"),
            "{args:?}: {err}"
        );
        assert!(!err.contains("panicked"), "{args:?}: {err}");
    }
    let out = detente()
        .args(["simulate", "no/such/file.ron"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no such file"));
    // `play` with a missing file says so before trying to open a window.
    let out = detente()
        .args(["play", "no/such/file.ron"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(!String::from_utf8_lossy(&out.stderr).contains("panicked"));
}

#[test]
fn simulate_json_is_byte_identical_across_runs() {
    let run = || {
        detente()
            .args([
                "simulate",
                "scenarios/channels_crisis.ron",
                "--seed",
                "5",
                "--json",
            ])
            .output()
            .unwrap()
    };
    let (a, b) = (run(), run());
    assert!(a.status.success(), "{}", String::from_utf8_lossy(&a.stderr));
    assert!(!a.stdout.is_empty());
    assert_eq!(a.stdout, b.stdout);
}

#[test]
fn ctrl_c_stops_analyze_cleanly_with_a_partial_summary() {
    let child = detente()
        .args([
            "analyze",
            "scenarios/grid_winter.ron",
            "--runs",
            "1000000",
            "--threads",
            "2",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(2500));
    let status = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let out = child.wait_with_output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(130), "stderr: {stderr}");
    assert!(stderr.contains("interrupted: summarising the"), "{stderr}");
    assert!(stdout.contains("playthroughs, interrupted"), "{stdout}");
    assert!(stdout.contains("Objectives met"), "{stdout}");
    assert!(!stderr.contains("panicked"));
}
