//! Window performance figures for docs/PERFORMANCE.md: time from process
//! start to the first frame and CPU time per frame while redrawing every
//! frame (idle CPU is sampled from outside by the script). Enabled by the
//! `DETENTE_PERF=out.json` environment variable (see
//! `scripts/measure-window.sh`); the bare Bevy + egui window in
//! `examples/bare_window.rs` uses the same plugin for comparison.

use std::path::PathBuf;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use bevy::prelude::*;

static START: OnceLock<Instant> = OnceLock::new();

/// Call first thing in `main`.
pub fn mark_process_start() {
    let _ = START.set(Instant::now());
}

/// Process CPU time (user + system), from /proc on Linux.
pub fn cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name (which may contain spaces) start at ')'.
    let rest = &stat[stat.rfind(')')? + 2..];
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks: u64 = f.get(11)?.parse::<u64>().ok()? + f.get(12)?.parse::<u64>().ok()?;
    Some(Duration::from_secs_f64(ticks as f64 / 100.0))
}

/// Whether the app has reached the state to measure (the bare window at
/// once; the game once a scenario is on screen).
#[derive(Resource, Default)]
pub struct PerfReady(pub bool);

#[derive(Resource)]
struct PerfState {
    out: PathBuf,
    label: String,
    frames: u64,
    first_frame_ms: Option<f64>,
    measured_frames: u64,
    busy_start: Option<(u64, Instant, Duration)>,
}

pub struct PerfPlugin {
    pub out: PathBuf,
    pub label: String,
}

/// Frames measured while redrawing continuously.
const BUSY_FRAMES: u64 = 300;

impl Plugin for PerfPlugin {
    fn build(&self, app: &mut App) {
        app.insert_resource(PerfState {
            out: self.out.clone(),
            label: self.label.clone(),
            frames: 0,
            first_frame_ms: None,
            measured_frames: 0,
            busy_start: None,
        })
        .init_resource::<PerfReady>()
        .insert_resource(bevy::winit::WinitSettings::game())
        .add_systems(Last, measure);
    }
}

fn measure(mut st: ResMut<PerfState>, ready: Res<PerfReady>, mut exit: MessageWriter<AppExit>) {
    st.frames += 1;
    let start = *START.get_or_init(Instant::now);
    if st.first_frame_ms.is_none() {
        st.first_frame_ms = Some(start.elapsed().as_secs_f64() * 1000.0);
    }
    if !ready.0 {
        return;
    }
    let Some(cpu) = cpu_time() else {
        exit.write(AppExit::from_code(2));
        return;
    };
    match st.busy_start {
        None => st.busy_start = Some((st.frames, Instant::now(), cpu)),
        Some((f0, t0, c0)) => {
            st.measured_frames = st.frames - f0;
            if st.measured_frames >= BUSY_FRAMES {
                let n = st.measured_frames as f64;
                let report = serde_json::json!({
                    "label": st.label,
                    "startup_to_first_frame_ms": st.first_frame_ms,
                    "busy_frames": st.measured_frames,
                    "cpu_ms_per_frame": (cpu - c0).as_secs_f64() * 1000.0 / n,
                    "wall_ms_per_frame": t0.elapsed().as_secs_f64() * 1000.0 / n,
                });
                let _ = std::fs::write(
                    &st.out,
                    serde_json::to_string_pretty(&report).unwrap_or_default(),
                );
                exit.write(AppExit::Success);
            }
        }
    }
}
