//! The Bevy app without a window (`MinimalPlugins` plus the game's core
//! plugin) plays a whole scenario with two human seats through the same
//! command messages the screens send, and reaches the debrief. Saves go to
//! a temporary folder.

use bevy::prelude::*;
use detente::app::{CorePlugin, ShellRes, UiMessage};
use detente::session::Phase;
use detente::storage::Settings;
use detente::ui::{Screen, UiCommand};
use detente_sim::game::Seat;
use detente_sim::ids::StateId;
use detente_sim::scenario::format::Controller;

fn send(app: &mut App, cmd: UiCommand) {
    app.world_mut().write_message(UiMessage(cmd));
    // Commands apply in Update; screen changes take effect on the next frame.
    app.update();
    app.update();
}

fn screen(app: &App) -> Screen {
    *app.world().resource::<State<Screen>>().get()
}

#[test]
fn two_human_seats_play_to_the_debrief() {
    let home = tempfile::tempdir().unwrap();
    // Safe here: this test binary has a single test, so no other thread reads the environment.
    unsafe { std::env::set_var("DETENTE_HOME", home.path()) };

    let mut app = App::new();
    app.add_plugins(MinimalPlugins).add_plugins(CorePlugin {
        settings: Settings::default(),
    });
    app.update();
    assert_eq!(screen(&app), Screen::MainMenu);

    let path = std::path::Path::new("scenarios").join("grid_winter.ron");
    assert!(
        app.world()
            .resource::<ShellRes>()
            .0
            .library
            .entries
            .contains_key(&path),
        "the shipped library is loaded"
    );
    send(&mut app, UiCommand::GoTo(Screen::Library));
    send(&mut app, UiCommand::ChooseScenario(path.clone()));
    assert_eq!(screen(&app), Screen::SeatSetup);

    let seats = (0..4)
        .map(|i| Seat {
            state: StateId(i),
            controller: if i < 2 {
                Controller::Human
            } else {
                Controller::Computer
            },
            player: format!("team {i}"),
        })
        .collect();
    send(
        &mut app,
        UiCommand::StartGame {
            path,
            seats,
            seed: 12,
        },
    );
    assert_eq!(screen(&app), Screen::Game);
    send(&mut app, UiCommand::Ready);

    let mut handovers = 0;
    for _ in 0..200 {
        if screen(&app) == Screen::Debrief {
            break;
        }
        let shell = &app.world().resource::<ShellRes>().0;
        let session = shell.session.as_ref().unwrap();
        let cmd = match session.phase {
            Phase::Handover { .. } => {
                handovers += 1;
                UiCommand::Ready
            }
            Phase::Seat { seat } => {
                let state = session.humans[seat];
                UiCommand::Submit {
                    state,
                    orders: detente_sim::ai::choose_orders(&session.game, state),
                }
            }
            ref other => panic!("unexpected phase {other:?}"),
        };
        send(&mut app, cmd);
    }
    assert_eq!(screen(&app), Screen::Debrief);
    let shell = &app.world().resource::<ShellRes>().0;
    let game = &shell.session.as_ref().unwrap().game;
    assert!(game.is_over());
    // Two hand-overs per turn: to Arcadia, then to Carpathia.
    assert_eq!(handovers, 2 * game.history.len());
    assert!(
        shell.ui.toast.as_ref().is_none_or(|(_, err)| !err),
        "{:?}",
        shell.ui.toast
    );

    // The autosave of the last turn start loads back.
    let autosave = home.path().join("saves").join("autosave.json");
    assert!(autosave.is_file());
    send(&mut app, UiCommand::Save("final".into()));
    let saved = home.path().join("saves").join("final.json");
    assert!(saved.is_file());
    send(&mut app, UiCommand::Load(saved));
    assert_eq!(screen(&app), Screen::Debrief);

    // A corrupt save is refused with a message; the game in memory stays.
    let bad = home.path().join("saves").join("bad.json");
    std::fs::write(
        &bad,
        "{\"format\": \"detente-save\", \"version\": 1, \"game\": {\"seed\": ",
    )
    .unwrap();
    send(&mut app, UiCommand::Load(bad));
    let shell = &app.world().resource::<ShellRes>().0;
    let (msg, is_error) = shell.ui.toast.clone().unwrap();
    assert!(is_error && msg.contains("damaged"), "{msg}");
    assert!(shell.session.is_some());
}
