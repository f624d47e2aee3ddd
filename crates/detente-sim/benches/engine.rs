//! Engine benchmarks (docs/PERFORMANCE.md has the figures and how to run them):
//! - turn resolution on generated worlds of 20 States with 10,000 nodes and
//!   40,000 edges, and 2x and 4x that, beside one breadth-first pass over the
//!   same petgraph graph (the floor any cascade must pay); and the same
//!   sizes with 40 and 80 States;
//! - playthroughs per second of the largest shipped scenario on 1 and 2
//!   threads (parallel efficiency);
//! - loading and validating a scenario beside a bare RON parse of the file.

use std::collections::VecDeque;
use std::hint::black_box;
use std::sync::atomic::{AtomicBool, AtomicU64};

use criterion::{BatchSize, BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use detente_sim::game::{Command, Game, Orders};
use detente_sim::scenario::format::{Controller, ScenarioFile};
use petgraph::graph::NodeIndex;

/// A game on a generated world, every State a silent human seat with its
/// (empty) orders already in, so the measurement is resolution alone.
fn ready_game(states: usize, nodes: usize, edges: usize) -> Game {
    let (scenario, mut world) = detente_sim::generate::world(states, nodes, edges, 7);
    for s in &mut world.states {
        s.controller = Controller::Human;
    }
    let mut game = Game::new(scenario, world, 7);
    for s in game.human_states() {
        game.execute(Command::Submit {
            state: s,
            orders: Orders::default(),
        })
        .unwrap();
    }
    game
}

/// One breadth-first pass over every node and edge of the graph.
fn bfs_all(game: &Game) -> usize {
    let g = &game.world.infra.graph;
    let mut seen = vec![false; g.node_count()];
    let mut queue = VecDeque::new();
    let mut visited = 0;
    for start in 0..g.node_count() {
        if seen[start] {
            continue;
        }
        seen[start] = true;
        queue.push_back(NodeIndex::new(start));
        while let Some(n) = queue.pop_front() {
            visited += 1;
            for m in g.neighbors_undirected(n) {
                if !seen[m.index()] {
                    seen[m.index()] = true;
                    queue.push_back(m);
                }
            }
        }
    }
    visited
}

/// Time one turn's resolution of `game` (each iteration on a fresh copy).
fn bench_resolve(
    group: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>,
    name: &str,
    scale: usize,
    game: &Game,
) {
    group.bench_with_input(BenchmarkId::new(name, format!("{scale}x")), game, |b, g| {
        b.iter_batched(
            || g.clone(),
            |mut g| {
                g.execute(Command::Resolve).unwrap();
                g
            },
            BatchSize::LargeInput,
        )
    });
}

/// Turn resolution beside the BFS floor at 1x, 2x and 4x of 10,000 nodes and
/// 40,000 edges. 20 States at 1x; with `more_states` the number
/// of States grows with the size (40 at 2x, 80 at 4x), so each State's share
/// of the graph stays as at 1x: the world gets wider rather than each
/// country's infrastructure denser.
fn resolution_group(c: &mut Criterion, name: &str, more_states: bool, quiet_turn: bool) {
    let mut group = c.benchmark_group(name);
    group.sample_size(if quiet_turn { 30 } else { 20 });
    for scale in [1usize, 2, 4] {
        let (nodes, edges) = (10_000 * scale, 40_000 * scale);
        let states = if more_states { 20 * scale } else { 20 };
        let game = ready_game(states, nodes, edges);
        group.throughput(Throughput::Elements((nodes + edges) as u64));
        group.bench_with_input(
            BenchmarkId::new("bfs_floor", format!("{scale}x")),
            &game,
            |b, g| b.iter(|| black_box(bfs_all(g))),
        );
        if quiet_turn {
            bench_resolve(&mut group, "resolve", scale, &game);
        }
        // The same turn after an attack.
        bench_resolve(
            &mut group,
            "resolve_after_attack",
            scale,
            &attacked(&game, nodes),
        );
    }
    group.finish();
}

fn turn_resolution(c: &mut Criterion) {
    resolution_group(c, "turn_resolution", false, true);
}

fn turn_resolution_more_states(c: &mut Criterion) {
    resolution_group(c, "turn_resolution_more_states", true, false);
}

/// The game after an attack took out 5% of the facilities, so the cascade
/// has real work: failures propagate through dependencies and cut network
/// members off.
fn attacked(game: &Game, nodes: usize) -> Game {
    let mut hit = game.clone();
    for i in (0..nodes).step_by(20) {
        hit.world
            .infra
            .node_mut(detente_sim::ids::NodeId(i as u32))
            .health = 0.0;
    }
    hit
}

fn largest_shipped() -> std::path::PathBuf {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scenarios");
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "ron"))
        .max_by_key(|p| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0))
        .unwrap()
}

fn analyze_throughput(c: &mut Criterion) {
    let path = largest_shipped();
    let loaded = detente_sim::scenario::load_path(&path);
    let (scenario, world) = (loaded.scenario.unwrap(), loaded.world.unwrap());
    let runs = 32u64;
    let mut group = c.benchmark_group("analyze");
    group.sample_size(10);
    group.throughput(Throughput::Elements(runs));
    for threads in [1usize, 2] {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        group.bench_function(
            BenchmarkId::new("playthroughs", format!("{threads}_threads")),
            |b| {
                b.iter(|| {
                    let stop = AtomicBool::new(false);
                    let done = AtomicU64::new(0);
                    pool.install(|| {
                        black_box(detente_sim::analyze::run_many(
                            &scenario, &world, 1, runs, &stop, &done,
                        ))
                    })
                })
            },
        );
    }
    group.finish();
}

fn scenario_load(c: &mut Criterion) {
    let path = largest_shipped();
    let text = std::fs::read_to_string(&path).unwrap();
    let mut group = c.benchmark_group("scenario_load");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("bare_ron_parse", |b| {
        b.iter(|| {
            black_box(
                detente_sim::scenario::load::ron_options()
                    .from_str::<ScenarioFile>(&text)
                    .unwrap(),
            )
        })
    });
    group.bench_function("load_and_validate", |b| {
        b.iter(|| black_box(detente_sim::scenario::load_str("s.ron", &text)))
    });
    // The same on a generated 10,000-node world.
    let file = detente_sim::generate::scenario_file(20, 10_000, 40_000, 3);
    let big = detente_sim::generate::to_ron(&file).unwrap();
    group.throughput(Throughput::Bytes(big.len() as u64));
    group.sample_size(10);
    group.bench_function("bare_ron_parse_10k_nodes", |b| {
        b.iter(|| {
            black_box(
                detente_sim::scenario::load::ron_options()
                    .from_str::<ScenarioFile>(&big)
                    .unwrap(),
            )
        })
    });
    group.bench_function("load_and_validate_10k_nodes", |b| {
        b.iter(|| black_box(detente_sim::scenario::load_str("g.ron", &big)))
    });
    group.finish();
}

criterion_group!(
    benches,
    turn_resolution,
    turn_resolution_more_states,
    analyze_throughput,
    scenario_load
);
criterion_main!(benches);
