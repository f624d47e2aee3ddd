//! Property tests: random sequences of commands, legal and not, never
//! panic, never change the game when refused, and keep every invariant
//! (service levels in [0, 1], no NaN, the ladder within its rungs, budgets
//! never overspent, scores in range).

use std::sync::Arc;

use detente_sim::game::{Command, Game, Order, Orders, Target};
use detente_sim::ids::*;
use detente_sim::scenario::{Scenario, load_path};
use detente_sim::world::World;
use proptest::prelude::*;

fn scenario(name: &str) -> (Arc<Scenario>, World) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../scenarios")
        .join(name);
    let loaded = load_path(&path);
    assert!(!loaded.has_errors(), "{}", loaded.render());
    (loaded.scenario.unwrap(), loaded.world.unwrap())
}

fn starter() -> (Arc<Scenario>, World) {
    let text = detente_sim::starter::text("prop", "prop.ron");
    let loaded = detente_sim::scenario::load_str("prop.ron", &text);
    (loaded.scenario.unwrap(), loaded.world.unwrap())
}

#[derive(Clone, Debug)]
enum Step {
    /// Orders from the computer player for a State (legal).
    Legal(usize),
    /// Random orders (mostly illegal).
    Random {
        state: usize,
        actions: Vec<(usize, u8, usize, usize)>,
        choices: Vec<(usize, usize)>,
    },
    Resolve,
    Fire(usize),
    Pause(bool),
    Withdraw(usize),
    Note,
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        4 => (0usize..6).prop_map(Step::Legal),
        3 => (
            0usize..6,
            prop::collection::vec((0usize..60, 0u8..7, 0usize..40, 0usize..6), 0..5),
            prop::collection::vec((0usize..4, 0usize..5), 0..2)
        )
            .prop_map(|(state, actions, choices)| Step::Random { state, actions, choices }),
        4 => Just(Step::Resolve),
        1 => (0usize..12).prop_map(Step::Fire),
        1 => any::<bool>().prop_map(Step::Pause),
        1 => (0usize..6).prop_map(Step::Withdraw),
        1 => Just(Step::Note),
    ]
}

fn target(kind: u8, a: usize, b: usize) -> Target {
    match kind {
        0 => Target::None,
        1 => Target::Node(NodeId(a as u32)),
        2 => Target::State(StateId(a as u16)),
        3 => Target::Incident(IncidentId(a as u32)),
        4 => Target::Attribution(IncidentId(a as u32), Party::State(StateId(b as u16))),
        5 => Target::Attribution(IncidentId(a as u32), Party::Actor(ActorId(b as u16))),
        _ => Target::Actor(ActorId(a as u16)),
    }
}

fn in_unit(x: f64) -> bool {
    x.is_finite() && (0.0..=1.0).contains(&x)
}

fn in_pct(x: f64) -> bool {
    x.is_finite() && (0.0..=100.0).contains(&x)
}

fn check_invariants(game: &Game) {
    let w = &game.world;
    for (_, n) in w.infra.nodes() {
        assert!(in_unit(n.service), "service {} of {}", n.service, n.id);
        assert!(in_unit(n.health), "health {} of {}", n.health, n.id);
        assert!(in_unit(n.temp_loss));
        assert!(n.hardening.is_finite() && (0.0..=0.95).contains(&n.hardening));
        assert!(n.buffer_left <= n.buffer_max);
    }
    assert!(in_pct(w.ladder.level));
    assert!(w.ladder.rung < game.scenario.rungs.len());
    assert!(w.ladder.peak >= w.ladder.level - 1e-9);
    assert!(w.ladder.peak_rung >= w.ladder.rung);
    for s in &w.states {
        assert!(in_pct(s.pressure), "pressure {}", s.pressure);
        assert!(in_pct(s.reputation), "reputation {}", s.reputation);
    }
    for (_, _, r) in w.relations.iter() {
        assert!(in_pct(r.trust) && in_pct(r.tension));
    }
    for c in &w.content {
        assert!(in_pct(*c));
    }
    for s in w.state_ids() {
        let capital = game.capital(s);
        assert!(capital >= 1);
        if let Some(o) = game.pending.get(&s) {
            let cost: u32 = o.actions.iter().map(|x| game.cost(s, x)).sum();
            assert!(cost <= capital, "pending orders overspend");
        }
    }
    for e in &w.evidence {
        assert!(in_unit(e.weight));
    }
    let scores = game.scores();
    for d in scores.by_state.iter().chain(std::iter::once(&scores.all)) {
        for x in [d.human_security, d.stability, d.norms, d.cooperation] {
            assert!(in_pct(x), "score {x}");
        }
    }
    for h in &game.history {
        assert!(h.harm.is_finite() && h.harm >= 0.0);
    }
    // The game state always serialises (no NaN anywhere).
    assert!(detente_sim::save::to_string(game).is_ok());
}

fn run(game: &mut Game, steps: &[Step]) {
    for s in steps {
        let cmd = match s {
            Step::Legal(i) => {
                // Every human seat but one gives legal orders; then that one.
                let states = game.human_states();
                for &st in states.iter().skip(1) {
                    let orders = detente_sim::ai::choose_orders(game, st);
                    let _ = game.execute(Command::Submit { state: st, orders });
                    check_invariants(game);
                }
                let Some(&st) = states.first().or(game.acting_states().get(i % 2)) else {
                    continue;
                };
                Command::Submit {
                    state: st,
                    orders: detente_sim::ai::choose_orders(game, st),
                }
            }
            Step::Random {
                state,
                actions,
                choices,
            } => Command::Submit {
                state: StateId(*state as u16),
                orders: Orders {
                    actions: actions
                        .iter()
                        .map(|&(a, k, x, y)| Order {
                            action: ActionId(a as u16),
                            target: target(k, x, y),
                        })
                        .collect(),
                    choices: choices
                        .iter()
                        .map(|&(d, o)| (DilemmaId(d as u16), o))
                        .collect(),
                },
            },
            Step::Resolve => Command::Resolve,
            Step::Fire(i) => Command::FireInject(InjectId(*i as u16)),
            Step::Pause(p) => Command::SetPaused(*p),
            Step::Withdraw(i) => Command::Withdraw {
                state: StateId(*i as u16),
            },
            Step::Note => Command::AddNote("note".into()),
        };
        let before = game.clone();
        match game.execute(cmd) {
            Ok(_) => {}
            Err(_) => assert!(before == *game, "a refused command changed the game"),
        }
        check_invariants(game);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn random_commands_keep_the_grid_scenario_sound(seed in any::<u64>(), steps in prop::collection::vec(step(), 1..60)) {
        let (s, w) = scenario("grid_winter.ron");
        let mut game = Game::new(s, w, seed);
        check_invariants(&game);
        run(&mut game, &steps);
        if std::env::var("PROP_DEBUG").is_ok() { eprintln!("turn {} events {}", game.turn, game.events.len()); }
    }

    #[test]
    fn random_commands_keep_the_starter_sound(seed in any::<u64>(), steps in prop::collection::vec(step(), 1..60)) {
        let (s, w) = starter();
        let mut game = Game::new(s, w, seed);
        run(&mut game, &steps);
    }
}

#[test]
fn computer_players_play_every_shipped_scenario_to_the_end() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scenarios");
    let mut count = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "ron") {
            let loaded = load_path(&path);
            let (s, w) = (loaded.scenario.unwrap(), loaded.world.unwrap());
            let game = detente_sim::cli::play_out(s, w, 11);
            assert!(game.is_over(), "{} did not finish", path.display());
            check_invariants(&game);
            count += 1;
        }
    }
    assert!(count >= 1);
}
