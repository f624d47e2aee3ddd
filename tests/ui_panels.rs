//! The egui panels, driven by accessible label with egui_kittest (no Bevy):
//! seat setup, the action picker (a tagged action chosen and submitted),
//! the hand-over screen hiding the previous seat, a dilemma choice, and the
//! debrief showing the truth.

use std::path::{Path, PathBuf};

use detente::library::Library;
use detente::session::{Phase, Session};
use detente::storage::Settings;
use detente::ui::{self, Model, Screen, UiCommand, UiState};
use detente_sim::game::{Orders, Seat};
use detente_sim::ids::StateId;
use detente_sim::scenario::format::Controller;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

fn scenario_path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("scenarios")
        .join(name)
}

fn grid_session(humans: &[usize]) -> Session {
    let path = scenario_path("grid_winter.ron");
    let loaded = detente_sim::scenario::load_path(&path);
    let (s, w) = (loaded.scenario.unwrap(), loaded.world.unwrap());
    let seats = (0..w.states.len())
        .map(|i| Seat {
            state: StateId::from_index(i),
            controller: if humans.contains(&i) {
                Controller::Human
            } else {
                Controller::Computer
            },
            player: String::new(),
        })
        .collect();
    Session::new(s, w, 7, seats, &path)
}

#[test]
fn seat_setup_makes_seats_and_starts() {
    let path = scenario_path("grid_winter.ron");
    let loaded = detente_sim::scenario::load_path(&path);
    let setup = ui::seats::SeatSetup::new(
        path.clone(),
        "Dark Winter".into(),
        loaded.world.as_ref().unwrap(),
        42,
    );
    let mut harness = Harness::new_ui_state(
        |ui, (setup, out): &mut (ui::seats::SeatSetup, Option<UiCommand>)| {
            if let Some(c) = ui::seats::seat_setup(ui, setup) {
                *out = Some(c);
            }
        },
        (setup, None),
    );
    // Carpathia is a human seat by default: hand it to the computer.
    harness
        .get_by_label("Carpathia is played by a human")
        .click();
    harness.run();
    harness.get_by_label("Start the game").click();
    harness.run();
    let (_, out) = harness.state();
    let Some(UiCommand::StartGame {
        seats,
        seed,
        path: p,
    }) = out.clone()
    else {
        panic!("no start command: {out:?}")
    };
    assert_eq!(seed, 42);
    assert_eq!(p, path);
    assert_eq!(seats[0].controller, Controller::Human);
    assert_eq!(seats[1].controller, Controller::Computer);
}

#[test]
fn a_tagged_action_can_be_chosen_and_submitted() {
    let session = grid_session(&[0]);
    let game = session.game.clone();
    let me = StateId(0);
    let mut harness = Harness::builder()
        .with_size(egui::vec2(700.0, 1400.0))
        .build_ui_state(
        move |ui, (draft, picker, out): &mut (Orders, ui::orders::Picker, Option<UiCommand>)| {
            if let Some(c) = ui::orders::orders_panel(ui, &game, me, draft, picker) {
                *out = Some(c);
            }
        },
        (Orders::default(), ui::orders::Picker::default(), None),
    );
    harness
        .get_by_label("Publish national doctrine  [1]")
        .click();
    harness.run();
    // Its CBM tag and explanation are shown before choosing.
    harness.get_by_label("OSCE CBM 7");
    harness.get_by_label_contains("Share national ICT security organisation");
    harness.get_by_label("Add to orders").click();
    harness.run();
    harness.get_by_label("Submit orders").click();
    harness.run();
    let (_, _, out) = harness.state();
    let Some(UiCommand::Submit { state, orders }) = out.clone() else {
        panic!("not submitted: {out:?}")
    };
    assert_eq!(state, me);
    let session = grid_session(&[0]);
    let doctrine = session.game.scenario.action_id("publish_doctrine").unwrap();
    assert_eq!(orders.actions.len(), 1);
    assert_eq!(orders.actions[0].action, doctrine);
    assert!(session.game.check_orders(me, &orders).is_ok());
}

#[test]
fn the_hand_over_screen_hides_the_previous_seat() {
    let mut session = grid_session(&[0, 1]);
    session.ready(); // briefing -> hand-over to Arcadia
    session.ready(); // Arcadia's seat
    session.submit(StateId(0), Orders::default()).unwrap();
    assert_eq!(session.phase, Phase::Handover { seat: 1 });
    let library = Library::default();
    let settings = Settings::default();
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1200.0, 800.0))
        .build_ui_state(
            move |ui, st: &mut UiState| {
                let model = Model {
                    screen: Screen::Game,
                    library: &library,
                    session: Some(&session),
                    settings: &settings,
                    saves: &[],
                    chosen: None,
                };
                ui::draw(ui, &model, st);
            },
            UiState::default(),
        );
    harness.run();
    harness.get_by_label("Pass to the delegation of Carpathia");
    // Nothing of Arcadia's view: no orders, no private briefing, no map tabs.
    assert!(harness.query_by_label("Submit orders").is_none());
    assert!(
        harness
            .query_by_label_contains("You lead Arcadia's crisis cell")
            .is_none()
    );
    assert!(
        harness
            .query_by_label_contains("poisoned Office attachments")
            .is_none()
    );
    assert!(harness.query_by_label_contains("Infrastructure").is_none());
    harness.get_by_label("Ready: show my screen");
}

#[test]
fn a_dilemma_option_can_be_chosen() {
    let mut session = grid_session(&[0]);
    session.ready();
    // Play to turn 3, when the retaliation dilemma is offered to Arcadia.
    while session
        .game
        .offered
        .get(&StateId(0))
        .is_none_or(|d| d.is_empty())
    {
        session.submit(StateId(0), Orders::default()).unwrap();
    }
    let game = session.game.clone();
    let d = game.offered[&StateId(0)][0];
    let mut harness = Harness::new_ui_state(
        move |ui, choice: &mut Option<usize>| {
            if let Some(o) = ui::orders::dilemma_card(ui, &game, d, *choice) {
                *choice = Some(o);
            }
        },
        None,
    );
    harness
        .get_by_label("Refuse, and call Borduria through the points of contact")
        .click();
    harness.run();
    assert_eq!(*harness.state(), Some(2));
    harness.get_by_label("(chosen) Refuse, and call Borduria through the points of contact");
    assert!(harness.query_all_by_label("+ GGE 13(b)").count() >= 1);
}

#[test]
fn the_debrief_reveals_the_truth() {
    let loaded = detente_sim::scenario::load_path(&scenario_path("grid_winter.ron"));
    let game = detente_sim::cli::play_out(loaded.scenario.unwrap(), loaded.world.unwrap(), 5);
    let d = detente_sim::debrief::build(&game);
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1200.0, 3000.0))
        .build_ui_state(
            move |ui, out: &mut Vec<UiCommand>| {
                egui::ScrollArea::vertical()
                    .show(ui, |ui| ui::debrief::debrief_panel(ui, &game, &d, out));
            },
            Vec::new(),
        );
    harness.run();
    harness.get_by_label("The truth");
    assert!(
        harness
            .query_all_by_label_contains(
                "Really done by Grey Wolf (advanced persistent threat) on behalf of Borduria"
            )
            .count()
            >= 3
    );
    harness.get_by_label_contains("Grey Wolf (advanced persistent threat) (state-sponsored group) operated from Borduria, secretly sponsored by Borduria");
    harness.get_by_label("Questions for discussion");
    harness.get_by_label("HTML").click();
    harness.run();
    assert_eq!(
        harness.state(),
        &vec![UiCommand::Export(ui::ExportFormat::Html)]
    );
}
