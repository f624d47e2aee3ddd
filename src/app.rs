//! The Bevy side: thin systems that pass data between Bevy and the shell.
//! `CorePlugin` (screens as states, commands, library reloads) runs with
//! `MinimalPlugins` in tests; `UiPlugin` draws the egui screens;
//! `WindowShellPlugin` handles the window (title, icon, redraw policy) and
//! the smoke test that drives the real window to a screenshot.

use std::path::PathBuf;
use std::time::Duration;

use bevy::prelude::*;
use bevy::state::app::StatesPlugin;
use bevy_egui::{EguiContexts, EguiPlugin, EguiPrimaryContextPass, egui};

use crate::shell::{Effect, Shell};
use crate::ui::{self, Model, Screen, UiCommand};

/// The shell as a Bevy resource.
#[derive(Resource)]
pub struct ShellRes(pub Shell);

/// Set when the UI style must be applied again.
#[derive(Resource, Default)]
pub struct Restyle(pub bool);

/// Commands from the screens (or from tests), handled once per frame.
#[derive(Message, Clone, Debug)]
pub struct UiMessage(pub UiCommand);

/// Screens, commands and library reloads: everything but drawing.
pub struct CorePlugin {
    pub settings: crate::storage::Settings,
}

impl Plugin for CorePlugin {
    fn build(&self, app: &mut App) {
        if !app.is_plugin_added::<StatesPlugin>() {
            app.add_plugins(StatesPlugin);
        }
        app.init_state::<Screen>()
            .add_message::<UiMessage>()
            .insert_resource(ShellRes(Shell::new(self.settings.clone())))
            .insert_resource(Restyle(true))
            .insert_resource(LibraryClock(Timer::new(
                Duration::from_secs(1),
                TimerMode::Repeating,
            )))
            .add_systems(Update, (apply_commands, refresh_library).chain());
    }
}

#[derive(Resource)]
struct LibraryClock(Timer);

fn apply_commands(
    mut reader: MessageReader<UiMessage>,
    mut shell: ResMut<ShellRes>,
    mut next: ResMut<NextState<Screen>>,
    mut restyle: ResMut<Restyle>,
    mut exit: MessageWriter<AppExit>,
) {
    for UiMessage(cmd) in reader.read() {
        for effect in shell.0.apply(cmd.clone()) {
            match effect {
                Effect::GoTo(s) => {
                    next.set(s);
                }
                Effect::Quit => {
                    exit.write(AppExit::Success);
                }
                Effect::Restyle => restyle.0 = true,
            }
        }
    }
}

/// Scenario files edited on disk are reloaded (checked once a second when
/// the app updates; the reactive window updates at least every few seconds).
fn refresh_library(
    time: Res<Time<Real>>,
    mut clock: ResMut<LibraryClock>,
    mut shell: ResMut<ShellRes>,
    screen: Res<State<Screen>>,
) {
    clock.0.tick(time.delta());
    if clock.0.just_finished()
        && matches!(
            screen.get(),
            Screen::Library | Screen::SeatSetup | Screen::MainMenu
        )
    {
        let changed = shell.0.refresh_library();
        if !changed.is_empty() && *screen.get() != Screen::MainMenu {
            shell.0.ui.say(format!(
                "Reloaded {} scenario file(s) changed on disk.",
                changed.len()
            ));
        }
    }
}

/// Draws the screens with egui.
pub struct UiPlugin;

impl Plugin for UiPlugin {
    fn build(&self, app: &mut App) {
        app.add_systems(EguiPrimaryContextPass, draw_ui)
            .add_systems(
                PreUpdate,
                drop_repeated_modifier_events
                    .after(bevy_egui::EguiPreUpdateSet::ProcessInput)
                    .before(bevy_egui::EguiPreUpdateSet::BeginPass),
            );
    }
}

/// bevy_egui 0.42 sends egui a `ModifiersChanged` event every frame, even
/// when no key changed. egui treats any input event as a reason to repaint
/// at once, so the window would redraw forever and an idle game would keep
/// a CPU core busy. Keep the event only when the modifiers really change.
fn drop_repeated_modifier_events(
    mut inputs: Query<&mut bevy_egui::EguiInput>,
    mut last: Local<Option<egui::Modifiers>>,
) {
    for mut input in &mut inputs {
        let mut seen = *last;
        input.0.events.retain(|e| match e {
            egui::Event::ModifiersChanged(m) => {
                let changed = seen != Some(*m);
                seen = Some(*m);
                changed
            }
            _ => true,
        });
        *last = seen;
    }
}

fn draw_ui(
    mut contexts: EguiContexts,
    mut shell: ResMut<ShellRes>,
    screen: Res<State<Screen>>,
    mut restyle: ResMut<Restyle>,
    mut writer: MessageWriter<UiMessage>,
) -> Result {
    let ctx = contexts.ctx_mut()?.clone();
    let shell = &mut shell.0;
    if restyle.0 {
        ui::style(&ctx, &shell.settings);
        restyle.0 = false;
    }
    let mut root = egui::Ui::new(
        ctx.clone(),
        "root".into(),
        egui::UiBuilder::new()
            .layer_id(egui::LayerId::background())
            .max_rect(ctx.viewport_rect()),
    );
    let Shell {
        library,
        session,
        settings,
        saves,
        chosen,
        ui: state,
        ..
    } = shell;
    let model = Model {
        screen: *screen.get(),
        library,
        session: session.as_ref(),
        settings,
        saves,
        chosen: chosen.as_ref(),
    };
    for cmd in ui::draw(&mut root, &model, state) {
        writer.write(UiMessage(cmd));
    }
    Ok(())
}

/// The window: title, icon, and a redraw policy that leaves the CPU idle
/// when nothing happens.
pub struct WindowShellPlugin;

impl Plugin for WindowShellPlugin {
    fn build(&self, app: &mut App) {
        app.add_systems(Update, update_title)
            .add_systems(Update, set_icon.run_if(run_once_icon));
    }
}

fn update_title(shell: Res<ShellRes>, mut windows: Query<&mut Window>) {
    let title = shell.0.title();
    for mut w in &mut windows {
        if w.title != title {
            w.title = title.clone();
        }
    }
}

fn run_once_icon(mut done: Local<u32>) -> bool {
    // Try for the first few frames, until the window exists.
    *done += 1;
    *done < 30
}

/// The window icon: two interlocking rings on a dark blue tile, drawn here
/// so no image file is needed.
pub fn icon_rgba(size: u32) -> Vec<u8> {
    let mut px = vec![0u8; (size * size * 4) as usize];
    let s = size as f32;
    let rings = [
        (0.39 * s, 0.5 * s, [120u8, 190, 255]),
        (0.61 * s, 0.5 * s, [255u8, 205, 90]),
    ];
    for y in 0..size {
        for x in 0..size {
            let (fx, fy) = (x as f32 + 0.5, y as f32 + 0.5);
            let i = ((y * size + x) * 4) as usize;
            let corner = 0.18 * s;
            let dx = (fx - s / 2.0).abs() - (s / 2.0 - corner);
            let dy = (fy - s / 2.0).abs() - (s / 2.0 - corner);
            let outside = dx > 0.0 && dy > 0.0 && (dx * dx + dy * dy).sqrt() > corner;
            if outside {
                continue;
            }
            let mut c = [24u8, 42, 84, 255];
            for (cx, cy, col) in rings {
                let d = ((fx - cx).powi(2) + (fy - cy).powi(2)).sqrt();
                if (d - 0.22 * s).abs() < 0.055 * s {
                    c = [col[0], col[1], col[2], 255];
                }
            }
            px[i..i + 4].copy_from_slice(&c);
        }
    }
    px
}

fn set_icon(_marker: bevy::ecs::system::NonSendMarker, windows: Query<Entity, With<Window>>) {
    if windows.is_empty() {
        return;
    }
    let size = 64;
    let Ok(icon) = winit::window::Icon::from_rgba(icon_rgba(size), size, size) else {
        return;
    };
    bevy::winit::WINIT_WINDOWS.with_borrow(|ww| {
        for w in ww.windows.values() {
            w.set_window_icon(Some(icon.clone()));
        }
    });
}

/// Drives the real window from the main menu into a game, then either
/// writes a screenshot (the CI smoke test) or hands over to the
/// performance measurement.
#[derive(Resource)]
pub struct SmokeTest {
    /// Where to write the screenshot; `None` to measure performance instead.
    pub output: Option<PathBuf>,
    pub scenario: Option<PathBuf>,
    frame: u32,
}

impl SmokeTest {
    pub fn new(output: PathBuf, scenario: Option<PathBuf>) -> Self {
        SmokeTest {
            output: Some(output),
            scenario,
            frame: 0,
        }
    }

    pub fn for_perf(scenario: Option<PathBuf>) -> Self {
        SmokeTest {
            output: None,
            scenario,
            frame: 0,
        }
    }
}

pub struct SmokePlugin;

impl Plugin for SmokePlugin {
    fn build(&self, app: &mut App) {
        app.add_systems(Update, drive_smoke);
    }
}

fn drive_smoke(
    mut commands: Commands,
    mut smoke: ResMut<SmokeTest>,
    shell: Res<ShellRes>,
    screen: Res<State<Screen>>,
    mut writer: MessageWriter<UiMessage>,
    mut exit: MessageWriter<AppExit>,
) {
    smoke.frame += 1;
    let f = smoke.frame;
    let path = smoke
        .scenario
        .clone()
        .or_else(|| shell.0.library.valid().next().map(|e| e.path.clone()));
    match f {
        10 if *screen.get() != Screen::MainMenu => {
            error!(
                "smoke test: expected the main menu, found {:?}",
                screen.get()
            );
            exit.write(AppExit::from_code(3));
        }
        20 => match path {
            Some(p) => {
                writer.write(UiMessage(UiCommand::ChooseScenario(p)));
            }
            None => {
                error!("smoke test: no valid scenario in the library");
                exit.write(AppExit::from_code(4));
            }
        },
        30 => {
            if let (Some(p), Some(setup)) = (path, shell.0.ui.seats.as_ref()) {
                writer.write(UiMessage(UiCommand::StartGame {
                    path: p,
                    seats: setup.seats(),
                    seed: 1,
                }));
            } else {
                error!("smoke test: seat setup did not appear");
                exit.write(AppExit::from_code(5));
            }
        }
        40 | 50 => {
            writer.write(UiMessage(UiCommand::Ready));
        }
        80 => {
            if *screen.get() != Screen::Game {
                error!(
                    "smoke test: expected the game screen, found {:?}",
                    screen.get()
                );
                exit.write(AppExit::from_code(6));
                return;
            }
            let Some(out) = smoke.output.clone() else {
                commands.insert_resource(crate::perf::PerfReady(true));
                return;
            };
            commands
                .spawn(bevy::render::view::screenshot::Screenshot::primary_window())
                .observe(
                    move |shot: On<bevy::render::view::screenshot::ScreenshotCaptured>,
                          mut exit: MessageWriter<AppExit>| {
                        exit.write(save_and_check(&shot.image, &out));
                    },
                );
        }
        600 => {
            error!("smoke test: timed out");
            exit.write(AppExit::from_code(7));
        }
        _ => {}
    }
}

/// Save the screenshot and fail if it is blank (all one colour).
fn save_and_check(image: &Image, out: &std::path::Path) -> AppExit {
    let Ok(dynamic) = image.clone().try_into_dynamic() else {
        error!("smoke test: the screenshot could not be decoded");
        return AppExit::from_code(8);
    };
    let rgb = dynamic.to_rgb8();
    let first = rgb.pixels().next().copied();
    let distinct = rgb.pixels().filter(|p| Some(**p) != first).count();
    if let Err(e) = rgb.save(out) {
        error!("smoke test: cannot write {}: {e}", out.display());
        return AppExit::from_code(9);
    }
    let share = distinct as f64 / (rgb.width() as f64 * rgb.height() as f64).max(1.0);
    info!(
        "smoke test: screenshot {}x{} written to {}, {:.1}% of pixels differ from the first",
        rgb.width(),
        rgb.height(),
        out.display(),
        share * 100.0
    );
    if share < 0.01 {
        error!("smoke test: the screenshot is blank");
        return AppExit::from_code(10);
    }
    AppExit::Success
}

/// Build the whole desktop app.
pub fn build_app(start: Option<(PathBuf, Option<u64>)>, smoke: Option<SmokeTest>) -> App {
    let settings = crate::storage::Settings::load();
    let mut app = App::new();
    let window = Window {
        title: "Détente".into(),
        resolution: bevy::window::WindowResolution::new(1440, 900),
        ..default()
    };
    app.add_plugins(
        DefaultPlugins
            .set(WindowPlugin {
                primary_window: Some(window),
                ..default()
            })
            .set(bevy::log::LogPlugin {
                filter: "wgpu=error,naga=warn,bevy_render=warn,bevy_winit=warn".into(),
                ..default()
            }),
    )
    .add_plugins(EguiPlugin::default())
    .insert_resource(if smoke.is_some() {
        bevy::winit::WinitSettings::game()
    } else {
        bevy::winit::WinitSettings::desktop_app()
    })
    .insert_resource(ClearColor(Color::srgb(0.08, 0.09, 0.12)))
    .add_plugins((CorePlugin { settings }, UiPlugin, WindowShellPlugin))
    .add_systems(Startup, |mut commands: Commands| {
        commands.spawn(Camera2d);
    });
    if let Some((path, seed)) = start {
        let seed = seed.unwrap_or_else(ui::seats::random_seed);
        app.add_systems(
            Startup,
            move |mut shell: ResMut<ShellRes>, mut next: ResMut<NextState<Screen>>| {
                open_scenario(&mut shell.0, &path, seed, &mut next);
            },
        );
    }
    if let Some(smoke) = smoke {
        app.insert_resource(smoke).add_plugins(SmokePlugin);
    }
    app
}

/// `detente play FILE`: add the file's folder to the library if needed and
/// open its seat setup (or show its diagnostics in the library).
fn open_scenario(
    shell: &mut Shell,
    path: &std::path::Path,
    seed: u64,
    next: &mut NextState<Screen>,
) {
    let path = path.to_path_buf();
    if !shell.library.entries.contains_key(&path) {
        let folder = path
            .parent()
            .map(|p| {
                if p.as_os_str().is_empty() {
                    PathBuf::from(".")
                } else {
                    p.to_path_buf()
                }
            })
            .unwrap_or_else(|| PathBuf::from("."));
        shell.library.folders.push(folder);
        shell.library.refresh();
    }
    let key = shell
        .library
        .entries
        .keys()
        .find(|k| same_file(k, &path))
        .cloned();
    match key {
        Some(k) => {
            shell.ui.selected = Some(k.clone());
            let valid = shell.library.entries[&k].is_valid();
            if valid {
                shell.chosen = Some(k.clone());
                let e = &shell.library.entries[&k];
                if let (Some(s), Some(w)) = (&e.loaded.scenario, &e.loaded.world) {
                    shell.ui.seats = Some(ui::seats::SeatSetup::new(
                        k.clone(),
                        s.title.clone(),
                        w,
                        seed,
                    ));
                }
                next.set(Screen::SeatSetup);
            } else {
                shell
                    .ui
                    .error("This scenario has errors; see the diagnostics in the library.");
                next.set(Screen::Library);
            }
        }
        None => {
            shell.ui.error(format!(
                "{} is not a scenario file the library could read.",
                path.display()
            ));
            next.set(Screen::Library);
        }
    }
}

fn same_file(a: &std::path::Path, b: &std::path::Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(x), Ok(y)) => x == y,
        _ => a == b,
    }
}
