//! The cascade engine against percolation theory (domain.md section 5),
//! using the engine's own `Infrastructure::cascade`, not a separate model:
//! - Buldyrev et al. 2010: two interdependent Erdos-Renyi networks of mean
//!   degree 4, each node depending one-to-one on a node of the other. The
//!   mutually connected giant component holds ~55% of nodes after random
//!   removal of 30% and collapses by 45% removal (p_c = 2.4554/<k> = 0.614).
//! - A single ER network: the giant component vanishes near p = 1/<k>.

use std::collections::BTreeSet;

use detente_sim::ids::{NetworkId, NodeId, StateId};
use detente_sim::scenario::format::{DependencyKind, Sector};
use detente_sim::world::infra::{Edge, Infrastructure, Network, plain_node};
use petgraph::graph::{DiGraph, NodeIndex};
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

const N: usize = 20_000;
const K: f64 = 4.0;
const THRESHOLD: f64 = 0.5;

/// Add an ER network of `n` nodes with mean degree `k` (G(n, M), M = nk/2).
fn er_network(
    g: &mut DiGraph<detente_sim::world::infra::Node, Edge>,
    net: usize,
    n: usize,
    k: f64,
    r: &mut ChaCha8Rng,
) -> Vec<NodeId> {
    let first = g.node_count();
    let members: Vec<NodeId> = (0..n)
        .map(|i| {
            let mut node = plain_node(format!("n{net}_{i}"), StateId(0), Sector::Energy, 1.0);
            node.network = Some(NetworkId(net as u16));
            NodeId(g.add_node(node).index() as u32)
        })
        .collect();
    let m = (n as f64 * k / 2.0) as usize;
    let mut seen = BTreeSet::new();
    while seen.len() < m {
        let (a, b) = (r.random_range(0..n), r.random_range(0..n));
        if a != b && seen.insert((a.min(b), a.max(b))) {
            g.add_edge(
                NodeIndex::new(first + a),
                NodeIndex::new(first + b),
                Edge::Link,
            );
        }
    }
    members
}

fn network(id: &str, members: Vec<NodeId>) -> Network {
    Network {
        id: id.into(),
        name: id.into(),
        members,
        has_cores: false,
    }
}

/// Remove a random fraction `1 - p` of the first `n` nodes and run the cascade.
fn functioning_after_removal(
    infra: &mut Infrastructure,
    n: usize,
    p: f64,
    r: &mut ChaCha8Rng,
) -> usize {
    let mut order: Vec<usize> = (0..n).collect();
    for i in (1..n).rev() {
        order.swap(i, r.random_range(0..=i));
    }
    for &i in order.iter().take(((1.0 - p) * n as f64).round() as usize) {
        infra.node_mut(NodeId(i as u32)).health = 0.0;
    }
    infra.cascade(THRESHOLD);
    (0..n)
        .filter(|&i| infra.node(NodeId(i as u32)).service >= THRESHOLD)
        .count()
}

fn interdependent(seed: u64) -> Infrastructure {
    let mut r = ChaCha8Rng::seed_from_u64(seed);
    let mut g = DiGraph::new();
    let a = er_network(&mut g, 0, N, K, &mut r);
    let b = er_network(&mut g, 1, N, K, &mut r);
    for i in 0..N {
        let (x, y) = (NodeIndex::new(i), NodeIndex::new(N + i));
        g.add_edge(
            x,
            y,
            Edge::Dependency {
                kind: DependencyKind::Power,
                strength: 1.0,
            },
        );
        g.add_edge(
            y,
            x,
            Edge::Dependency {
                kind: DependencyKind::Communications,
                strength: 1.0,
            },
        );
    }
    Infrastructure::new(g, vec![network("a", a), network("b", b)])
}

/// Largest solution of P = p (1 - e^{-k P})^n (Gao et al.), by fixed-point iteration from 1.
fn theory(p: f64, k: f64, n: i32) -> f64 {
    let mut x = 1.0;
    for _ in 0..10_000 {
        x = p * (1.0 - (-k * x).exp()).powi(n);
    }
    x
}

#[test]
fn buldyrev_interdependent_networks_collapse_abruptly() {
    // 30% removed: the mutually connected giant component survives.
    let mut infra = interdependent(7);
    let mut r = ChaCha8Rng::seed_from_u64(70);
    let alive = functioning_after_removal(&mut infra, N, 0.70, &mut r) as f64 / N as f64;
    let expected = theory(0.70, K, 2);
    assert!((expected - 0.553).abs() < 0.005, "theory gives {expected}");
    assert!(
        (alive - expected).abs() < 0.03,
        "30% removed: {alive:.3} functioning, theory {expected:.3}"
    );
    // Both networks agree: a node works only if its partner works.
    let b_alive = (N..2 * N)
        .filter(|&i| infra.node(NodeId(i as u32)).service >= THRESHOLD)
        .count() as f64
        / N as f64;
    assert!((alive - b_alive).abs() < 1e-9);

    // 45% removed: beyond p_c = 0.614 the component is gone.
    let mut infra = interdependent(8);
    let mut r = ChaCha8Rng::seed_from_u64(80);
    let alive = functioning_after_removal(&mut infra, N, 0.55, &mut r) as f64 / N as f64;
    assert!(theory(0.55, K, 2) < 1e-6);
    assert!(alive < 0.01, "45% removed: {alive:.3} still functioning");

    // The transition is abrupt: just above p_c a large component remains.
    let mut infra = interdependent(9);
    let mut r = ChaCha8Rng::seed_from_u64(90);
    let alive = functioning_after_removal(&mut infra, N, 0.66, &mut r) as f64 / N as f64;
    assert!(alive > 0.35, "34% removed: {alive:.3}");
}

#[test]
fn single_network_giant_component_vanishes_near_one_over_k() {
    let run = |p: f64, seed: u64| {
        let mut r = ChaCha8Rng::seed_from_u64(seed);
        let mut g = DiGraph::new();
        let members = er_network(&mut g, 0, N, K, &mut r);
        let mut infra = Infrastructure::new(g, vec![network("a", members)]);
        functioning_after_removal(&mut infra, N, p, &mut r) as f64 / N as f64
    };
    for (p, seed) in [(0.5, 1), (0.35, 2)] {
        let alive = run(p, seed);
        let expected = theory(p, K, 1);
        assert!(
            (alive - expected).abs() < 0.03,
            "p = {p}: {alive:.3}, theory {expected:.3}"
        );
    }
    // Below p_c = 1/<k> = 0.25 nothing macroscopic is left.
    assert!(theory(0.2, K, 1) < 1e-6);
    assert!(run(0.2, 3) < 0.02);
    assert!(run(0.15, 4) < 0.01);
}
