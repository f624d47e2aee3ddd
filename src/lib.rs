//! Détente, the desktop game: the Bevy app shell and egui screens over the
//! `detente-sim` rules engine. The game's rules live in the engine; this
//! crate holds the hot-seat session, the scenario library, saves and the
//! screens.

pub mod app;
pub mod library;
pub mod perf;
pub mod session;
pub mod shell;
pub mod storage;
pub mod tour;
pub mod ui;

use std::path::PathBuf;

/// Why the window could not open, in words, from a startup panic message.
fn explain_startup_failure(msg: &str) -> Option<&'static str> {
    if msg.contains("Unable to find a GPU") || msg.contains("adapter") && msg.contains("wgpu") {
        Some(
            "Détente could not start its graphics: no GPU driver was found (Vulkan, OpenGL or Metal).\n\
             On Linux without a graphics card, install Mesa's software driver: `sudo apt-get install mesa-vulkan-drivers`.\n\
             The command-line tools (validate, simulate, analyze, report) work without graphics.",
        )
    } else if msg.contains("event loop") || msg.contains("XOpenDisplay") || msg.contains("display")
    {
        Some(
            "Détente could not open a window: no display is available.\n\
             Run it on a desktop session (X11), or under a virtual display such as `xvfb-run detente`.\n\
             The command-line tools (validate, simulate, analyze, report) work without a display.",
        )
    } else {
        None
    }
}

/// Open the game window (at the main menu, or at a scenario's seat setup).
/// Returns the process exit code.
pub fn run_game(file: Option<PathBuf>, seed: Option<u64>) -> i32 {
    if let Some(f) = &file
        && !f.is_file()
    {
        eprintln!(
            "error: {} is not a scenario file (see `detente validate {}`)",
            f.display(),
            f.display()
        );
        return 1;
    }
    #[cfg(all(unix, not(target_os = "macos")))]
    if std::env::var_os("DISPLAY").is_none() {
        eprintln!(
            "Détente could not open a window: no X11 display is set (the DISPLAY variable is empty).\n\
             Run it on a desktop session, or under a virtual display such as `xvfb-run detente`.\n\
             The command-line tools (validate, simulate, analyze, report) work without a display."
        );
        return 1;
    }
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let msg = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        match explain_startup_failure(&msg) {
            Some(text) => {
                eprintln!("{text}");
                std::process::exit(1);
            }
            None => default_hook(info),
        }
    }));
    let perf = std::env::var_os("DETENTE_PERF").map(PathBuf::from);
    let smoke = match (&perf, std::env::var_os("DETENTE_SMOKE_TEST")) {
        (Some(_), _) => Some(app::SmokeTest::for_perf(file.clone())),
        (None, Some(out)) => Some(app::SmokeTest::new(PathBuf::from(out), file.clone())),
        (None, None) => None,
    };
    let tour = std::env::var_os("DETENTE_TOUR").map(PathBuf::from);
    let tour_scenario = file.clone();
    let start = if smoke.is_some() || tour.is_some() {
        None
    } else {
        file.map(|f| (f, seed))
    };
    let mut app = app::build_app(start, smoke);
    if let (Some(dir), Some(scenario)) = (tour, tour_scenario) {
        app.insert_resource(tour::Tour::new(dir, scenario))
            .add_plugins(tour::TourPlugin);
    }
    if let Some(out) = perf {
        app.add_plugins(perf::PerfPlugin {
            out,
            label: "Détente".into(),
        });
    }
    match app.run() {
        bevy::app::AppExit::Success => 0,
        bevy::app::AppExit::Error(code) => code.get() as i32,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn startup_failures_are_explained() {
        assert!(
            super::explain_startup_failure(
                "Unable to find a GPU! Make sure you have installed required drivers!"
            )
            .unwrap()
            .contains("mesa-vulkan-drivers")
        );
        assert!(
            super::explain_startup_failure("Failed to build event loop: NotSupported")
                .unwrap()
                .contains("no display")
        );
        assert!(super::explain_startup_failure("index out of bounds").is_none());
    }
}
