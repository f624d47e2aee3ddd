//! Parallel efficiency of `analyze` from 1 to 2 threads on the largest
//! shipped scenario. The two configurations are measured in alternation
//! (ten rounds each) and compared by their medians, so a slow spell of a
//! shared machine hits both alike. Prints playthroughs per second and the
//! efficiency (throughput on 2 threads / (2 x throughput on 1 thread)).

use std::sync::atomic::{AtomicBool, AtomicU64};
use std::time::Instant;

fn main() {
    // `cargo bench` passes flags such as --bench; nothing to configure.
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scenarios");
    let path = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "ron"))
        .max_by_key(|p| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0))
        .unwrap();
    let loaded = detente_sim::scenario::load_path(&path);
    let (scenario, world) = (loaded.scenario.unwrap(), loaded.world.unwrap());
    let runs = 1000u64;
    let pools: Vec<_> = [1usize, 2]
        .iter()
        .map(|&n| {
            rayon::ThreadPoolBuilder::new()
                .num_threads(n)
                .build()
                .unwrap()
        })
        .collect();
    let mut rates: [Vec<f64>; 2] = [Vec::new(), Vec::new()];
    // Warm up both pools once.
    for pool in &pools {
        pool.install(|| {
            detente_sim::analyze::run_many(
                &scenario,
                &world,
                9,
                20,
                &AtomicBool::new(false),
                &AtomicU64::new(0),
            )
        });
    }
    for round in 0..10 {
        for (k, pool) in pools.iter().enumerate() {
            let t = Instant::now();
            let r = pool.install(|| {
                detente_sim::analyze::run_many(
                    &scenario,
                    &world,
                    round,
                    runs,
                    &AtomicBool::new(false),
                    &AtomicU64::new(0),
                )
            });
            assert_eq!(r.len() as u64, runs);
            rates[k].push(runs as f64 / t.elapsed().as_secs_f64());
        }
    }
    let median = |v: &mut Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    let one = median(&mut rates[0]);
    let two = median(&mut rates[1]);
    println!(
        "analyze on {} ({} playthroughs per round, 10 rounds)",
        path.file_name().unwrap().to_string_lossy(),
        runs
    );
    println!("  1 thread : {one:8.0} playthroughs/s (median)");
    println!("  2 threads: {two:8.0} playthroughs/s (median)");
    println!(
        "  parallel efficiency 1 -> 2 threads: {:.1}%",
        100.0 * two / (2.0 * one)
    );
}
