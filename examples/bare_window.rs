//! A bare Bevy + bevy_egui window with the same Bevy features and profile
//! as the game, for the comparison in docs/PERFORMANCE.md
//! (`scripts/measure-window.sh` runs it with `DETENTE_PERF` set).

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPlugin, EguiPrimaryContextPass, egui};

fn main() {
    detente::perf::mark_process_start();
    let mut app = App::new();
    app.add_plugins(DefaultPlugins.set(WindowPlugin {
        primary_window: Some(Window {
            title: "bare window".into(),
            resolution: bevy::window::WindowResolution::new(1440, 900),
            ..default()
        }),
        ..default()
    }))
    .add_plugins(EguiPlugin::default())
    .insert_resource(bevy::winit::WinitSettings::desktop_app())
    .add_systems(Startup, |mut commands: Commands| {
        commands.spawn(Camera2d);
    })
    .add_systems(EguiPrimaryContextPass, ui);
    if let Some(out) = std::env::var_os("DETENTE_PERF") {
        app.add_plugins(detente::perf::PerfPlugin {
            out: out.into(),
            label: "bare Bevy + bevy_egui window".into(),
        })
        .insert_resource(detente::perf::PerfReady(true));
    }
    app.run();
}

fn ui(mut contexts: EguiContexts) -> Result {
    let ctx = contexts.ctx_mut()?.clone();
    let mut root = egui::Ui::new(
        ctx.clone(),
        "root".into(),
        egui::UiBuilder::new()
            .layer_id(egui::LayerId::background())
            .max_rect(ctx.viewport_rect()),
    );
    egui::CentralPanel::default().show(&mut root, |ui| {
        ui.heading("Hello");
        let _ = ui.button("A button");
    });
    Ok(())
}
