//! Computer players behave as their personalities say: a cooperative State
//! answers a request for assistance within two turns; a hawkish one with
//! high-confidence evidence attributes publicly (and a cautious one with
//! the same evidence does not yet); no personality ever proposes an order
//! that the engine refuses.

use detente_sim::game::{Command, Game, Orders};
use detente_sim::ids::{Party, StateId};
use detente_sim::scenario::format::{Controller, Personality};
use detente_sim::scenario::load_str;

/// Two States; Arcadia's hospital is hit on turn 1.
fn two_states(personality: &str, extra_injects: &str) -> Game {
    let text = format!(
        r##"#![enable(implicit_some)]
(
    format_version: 2, id: "ai_test", title: "AI test", summary: "Test.",
    learning_objectives: ["Test."], turn_hours: 12, turns: 6,
    states: [
        (id: "arcadia", name: "Arcadia", colour: "#2a7ab0", controller: human,
         capacities: (cert: 0.3, detection: 0.5, resilience: 0.5, capital: 5, offensive: 0.1)),
        (id: "borduria", name: "Borduria", colour: "#b0532a", controller: computer, personality: {personality},
         capacities: (cert: 0.7, detection: 0.6, resilience: 0.6, capital: 5, offensive: 0.6)),
        (id: "carpathia", name: "Carpathia", colour: "#3f9d4a", controller: scripted,
         capacities: (cert: 0.5, detection: 0.5, resilience: 0.5, capital: 5, offensive: 0.7)),
    ],
    relations: [(between: ("arcadia", "borduria"), trust: 60, channels: [points_of_contact])],
    nodes: [
        (id: "arc_hospital", name: "Arcadia hospital", owner: "arcadia", sector: health, population: 300000),
        (id: "bor_grid", name: "Borduria grid", owner: "borduria", sector: energy, population: 500000),
        (id: "car_grid", name: "Carpathia grid", owner: "carpathia", sector: energy, population: 500000),
    ],
    actors: [(id: "gang", name: "Gang", kind: criminal, based_in: "carpathia", capability: 0.5)],
    injects: [
        (id: "hit", turn: 1, effects: [operation(incident: "hospital_hit", by: actor("gang"), node: "arc_hospital", kind: ransomware)]),
        {extra_injects}
    ],
    debrief_questions: ["Q?"],
)"##
    );
    let loaded = load_str("ai_test.ron", &text);
    assert!(!loaded.has_errors(), "{}", loaded.render());
    Game::new(loaded.scenario.unwrap(), loaded.world.unwrap(), 3)
}

fn play_turn(game: &mut Game) {
    game.execute(Command::Submit {
        state: StateId(0),
        orders: Orders::default(),
    })
    .unwrap();
    game.execute(Command::Resolve).unwrap();
}

#[test]
fn a_cooperative_state_answers_a_request_for_assistance_within_two_turns() {
    let mut game = two_states(
        "cooperative",
        r#"(id: "plea", turn: 1, effects: [request_assistance(from: "arcadia", to: "borduria")]),"#,
    );
    play_turn(&mut game);
    play_turn(&mut game);
    let helped = game
        .world
        .assistance
        .iter()
        .any(|&(t, f, to)| t <= 2 && f == StateId(1) && to == StateId(0));
    assert!(helped, "assistance given: {:?}", game.world.assistance);
    assert!(game.world.requests.iter().all(|r| r.answered));
}

#[test]
fn a_covert_aggressor_does_not_rush_to_help() {
    let mut game = two_states(
        "covert_aggressor",
        r#"(id: "plea", turn: 1, effects: [request_assistance(from: "arcadia", to: "borduria")]),"#,
    );
    play_turn(&mut game);
    play_turn(&mut game);
    assert!(
        game.world.assistance.is_empty(),
        "{:?}",
        game.world.assistance
    );
}

const STRONG_EVIDENCE: &str = r#"
    (id: "strike", turn: 1, effects: [operation(incident: "grid_hit", by: state("carpathia"), node: "bor_grid", kind: wiper)]),
    (id: "proof", turn: 2, effects: [evidence(to: "borduria", incident: "grid_hit", points_to: state("carpathia"), weight: 0.9, text: "Intercepted orders.")]),
"#;

#[test]
fn a_hawkish_state_with_high_confidence_attributes_publicly() {
    let mut game = two_states("hawkish", STRONG_EVIDENCE);
    for _ in 0..3 {
        play_turn(&mut game);
    }
    let inc = game
        .world
        .incidents
        .iter()
        .find(|i| i.id == "grid_hit")
        .unwrap();
    let by_hawk: Vec<_> = inc
        .attributions
        .iter()
        .filter(|a| a.by == StateId(1))
        .collect();
    assert!(
        !by_hawk.is_empty(),
        "no attribution; events: {:?}",
        game.world.took
    );
    assert_eq!(by_hawk[0].suspect, Party::State(StateId(2)));
    assert!(by_hawk[0].turn <= 3);
}

#[test]
fn a_cautious_state_with_the_same_evidence_waits() {
    let mut game = two_states("cautious", STRONG_EVIDENCE);
    for _ in 0..2 {
        play_turn(&mut game);
    }
    let inc = game
        .world
        .incidents
        .iter()
        .find(|i| i.id == "grid_hit")
        .unwrap();
    assert!(
        inc.attributions.iter().all(|a| a.by != StateId(1)),
        "the cautious State attributed at once"
    );
}

#[test]
fn no_personality_ever_proposes_a_refused_order() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scenarios");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    files.sort();
    for path in files {
        let loaded = detente_sim::scenario::load_path(&path);
        for personality in Personality::ALL {
            for seed in 0..3 {
                let mut world = loaded.world.clone().unwrap();
                for s in &mut world.states {
                    if s.controller != Controller::Scripted {
                        s.controller = Controller::Computer;
                        s.personality = personality;
                    }
                }
                let mut game = Game::new(loaded.scenario.clone().unwrap(), world, seed);
                while !game.is_over() {
                    for s in game.acting_states() {
                        let orders = detente_sim::ai::choose_orders(&game, s);
                        if let Err(e) = game.check_orders(s, &orders) {
                            panic!("{} {:?} seed {seed}: {e}", path.display(), personality);
                        }
                    }
                    game.execute(Command::Resolve).unwrap();
                }
            }
        }
    }
}
