//! Synthetic worlds for benchmarks and stress tests: a chosen number of
//! States, nodes and edges, built as an ordinary scenario (so everything
//! downstream, including validation, is exercised). Each State has a power
//! grid and a telecom network (connected, with cores); the remaining edges
//! are dependencies, about one in twenty across a border. Deterministic for
//! a seed.

use std::collections::BTreeSet;
use std::io::Write;
use std::path::Path;
use std::sync::Arc;

use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::scenario::diagnostics::Source;
use crate::scenario::format::*;
use crate::scenario::spans::SpanTree;
use crate::scenario::{Scenario, compile};
use crate::world::World;

const SECTORS: [Sector; 8] = [
    Sector::Energy,
    Sector::Telecom,
    Sector::Health,
    Sector::Water,
    Sector::Finance,
    Sector::Government,
    Sector::Transport,
    Sector::Emergency,
];

/// Build the scenario description of a synthetic world.
pub fn scenario_file(states: usize, nodes: usize, edges: usize, seed: u64) -> ScenarioFile {
    let states = states.clamp(1, compile::MAX_STATES);
    let nodes = nodes.clamp(states, compile::MAX_NODES);
    let mut r = ChaCha8Rng::seed_from_u64(seed);
    let personalities = Personality::ALL;
    let state_defs: Vec<StateDef> = (0..states)
        .map(|i| {
            let hue = i as f64 / states as f64;
            let (cr, cg, cb) = hsv(hue, 0.55, 0.8);
            StateDef {
                id: format!("s{i}"),
                name: format!("State {i}"),
                colour: format!("#{cr:02x}{cg:02x}{cb:02x}"),
                controller: Controller::Computer,
                personality: personalities[i % personalities.len()],
                capacities: CapacitiesDef {
                    cert: r.random_range(0.3..0.9),
                    detection: r.random_range(0.3..0.9),
                    resilience: r.random_range(0.3..0.9),
                    capital: r.random_range(3..8),
                    offensive: r.random_range(0.1..0.8),
                },
                pressure: 20.0,
                reputation: 60.0,
                briefing: String::new(),
            }
        })
        .collect();
    let mut networks = Vec::new();
    for i in 0..states {
        networks.push(NetworkDef {
            id: format!("s{i}_grid"),
            name: format!("State {i} grid"),
        });
        networks.push(NetworkDef {
            id: format!("s{i}_net"),
            name: format!("State {i} telecom"),
        });
    }
    // Nodes, State by State.
    let mut node_defs = Vec::with_capacity(nodes);
    let mut by_state: Vec<Vec<usize>> = vec![Vec::new(); states];
    let mut grid: Vec<Vec<usize>> = vec![Vec::new(); states];
    let mut net: Vec<Vec<usize>> = vec![Vec::new(); states];
    for k in 0..nodes {
        // States' facilities come in contiguous blocks, as in a written scenario.
        let s = (k * states / nodes).min(states - 1);
        let local = by_state[s].len();
        let sector = SECTORS[local % SECTORS.len()];
        let network = match sector {
            Sector::Energy => Some(format!("s{s}_grid")),
            Sector::Telecom => Some(format!("s{s}_net")),
            _ => None,
        };
        let core = match sector {
            Sector::Energy => grid[s].is_empty(),
            Sector::Telecom => net[s].is_empty(),
            _ => false,
        };
        match sector {
            Sector::Energy => grid[s].push(k),
            Sector::Telecom => net[s].push(k),
            _ => {}
        }
        by_state[s].push(k);
        node_defs.push(NodeDef {
            id: format!("n{k}"),
            name: format!("{} {k}", sector.label()),
            owner: format!("s{s}"),
            sector,
            population: r.random_range(1_000.0..200_000.0f64).round(),
            buffer: if matches!(sector, Sector::Health | Sector::Water | Sector::Emergency) {
                r.random_range(0..3)
            } else {
                0
            },
            network,
            core,
            service: 1.0,
            hardening: 0.0,
            compromised_by: None,
        });
    }
    // Links: a spanning chain per network, then random extra links.
    let mut links = BTreeSet::new();
    let mut link_defs = Vec::new();
    let add_link =
        |a: usize, b: usize, links: &mut BTreeSet<(usize, usize)>, defs: &mut Vec<LinkDef>| {
            let key = (a.min(b), a.max(b));
            if a != b && links.insert(key) {
                defs.push(LinkDef {
                    between: (format!("n{a}"), format!("n{b}")),
                });
                true
            } else {
                false
            }
        };
    let members: Vec<&Vec<usize>> = grid
        .iter()
        .chain(net.iter())
        .filter(|m| m.len() > 1)
        .collect();
    for m in &members {
        for w in m.windows(2) {
            add_link(w[0], w[1], &mut links, &mut link_defs);
        }
    }
    let link_budget = edges * 2 / 5;
    let mut tries = 0;
    while link_defs.len() < link_budget && !members.is_empty() && tries < edges * 10 {
        tries += 1;
        let m = members[r.random_range(0..members.len())];
        let (a, b) = (m[r.random_range(0..m.len())], m[r.random_range(0..m.len())]);
        add_link(a, b, &mut links, &mut link_defs);
    }
    // Dependencies: suppliers are grid or telecom nodes.
    let mut deps = BTreeSet::new();
    let mut dep_defs = Vec::new();
    let mut tries = 0;
    while link_defs.len() + dep_defs.len() < edges && tries < edges * 10 {
        tries += 1;
        let s = r.random_range(0..states);
        let supplier_state = if states > 1 && r.random_bool(0.05) {
            (s + 1 + r.random_range(0..states - 1)) % states
        } else {
            s
        };
        let pool = if r.random_bool(0.6) {
            &grid[supplier_state]
        } else {
            &net[supplier_state]
        };
        if pool.is_empty() || by_state[s].is_empty() {
            continue;
        }
        let a = pool[r.random_range(0..pool.len())];
        let b = by_state[s][r.random_range(0..by_state[s].len())];
        if a == b || !deps.insert((a, b)) {
            continue;
        }
        let kind = if node_defs[a].sector == Sector::Energy {
            DependencyKind::Power
        } else {
            DependencyKind::Communications
        };
        dep_defs.push(DependencyDef {
            supplier: format!("n{a}"),
            dependent: format!("n{b}"),
            kind,
            strength: (r.random_range(0.3..1.0f64) * 100.0).round() / 100.0,
        });
    }
    // A few actors with standing behaviours.
    let mut actors = Vec::new();
    for i in 0..states.div_ceil(4) {
        let base = r.random_range(0..states);
        let sponsored = i % 2 == 1;
        actors.push(ActorDef {
            id: format!("actor{i}"),
            name: format!("Group {i}"),
            kind: if sponsored {
                ActorKind::StateSponsored
            } else {
                ActorKind::Criminal
            },
            based_in: format!("s{base}"),
            sponsor: sponsored.then(|| format!("s{base}")),
            capability: r.random_range(0.4..0.8),
            stealth: r.random_range(0.3..0.8),
            behaviours: vec![BehaviourDef {
                operation: if sponsored {
                    OperationKind::Intrusion
                } else {
                    OperationKind::Ransomware
                },
                targets: TargetsDef {
                    states: Vec::new(),
                    sectors: if sponsored {
                        vec![Sector::Energy, Sector::Telecom]
                    } else {
                        vec![Sector::Health, Sector::Finance]
                    },
                    nodes: Vec::new(),
                },
                chance: 0.4,
                from_turn: 1,
                until_turn: None,
                stop_when: None,
                spread: if sponsored { 0.0 } else { 0.1 },
            }],
        });
    }
    let injects = if !grid[0].is_empty() && !actors.is_empty() {
        vec![InjectDef {
            id: "grid_attack".into(),
            turn: Some(2),
            when: None,
            chance: 1.0,
            repeat: false,
            effects: vec![
                Effect::Operation {
                    incident: Some("grid_attack".into()),
                    by: SuspectDef::Actor("actor0".into()),
                    node: format!("n{}", grid[0][0]),
                    kind: OperationKind::Wiper,
                    spread: 0.0,
                    visible: None,
                },
                Effect::News("A grid control centre has gone dark.".into()),
            ],
            note: String::new(),
        }]
    } else {
        Vec::new()
    };
    ScenarioFile {
        format_version: FORMAT_VERSION,
        id: format!("generated_{states}s_{nodes}n_{edges}e"),
        title: format!("Generated world: {states} States, {nodes} nodes, {edges} edges"),
        summary: "A synthetic world for benchmarks and stress tests.".into(),
        difficulty: Difficulty::Advanced,
        learning_objectives: vec!["Stress-test the engine.".into()],
        sources: Vec::new(),
        turn_hours: 12,
        turns: 10,
        briefing: String::new(),
        settings: SettingsDef::default(),
        ladder: None,
        states: state_defs,
        relations: Vec::new(),
        networks,
        nodes: node_defs,
        links: link_defs,
        dependencies: dep_defs,
        actors,
        exclude_actions: Vec::new(),
        actions: Vec::new(),
        injects,
        dilemmas: Vec::new(),
        objectives: vec![ObjectiveDef {
            id: "no_war".into(),
            text: "Keep the crisis below armed conflict.".into(),
            owner: None,
            condition: Condition::RungBelow("armed_conflict".into()),
            check: Check::AtEnd,
        }],
        debrief_questions: vec!["Which dependencies carried the cascade?".into()],
    }
}

fn hsv(h: f64, s: f64, v: f64) -> (u8, u8, u8) {
    let i = (h * 6.0).floor();
    let f = h * 6.0 - i;
    let (p, q, t) = (v * (1.0 - s), v * (1.0 - f * s), v * (1.0 - (1.0 - f) * s));
    let (r, g, b) = match i as i32 % 6 {
        0 => (v, t, p),
        1 => (q, v, p),
        2 => (p, v, t),
        3 => (p, q, v),
        4 => (t, p, v),
        _ => (v, p, q),
    };
    ((r * 255.0) as u8, (g * 255.0) as u8, (b * 255.0) as u8)
}

/// Build a synthetic world ready to play (through the same checks as a file).
pub fn world(states: usize, nodes: usize, edges: usize, seed: u64) -> (Arc<Scenario>, World) {
    let file = scenario_file(states, nodes, edges, seed);
    let source = Source::new("<generated>", "");
    let compiled = compile::compile(&file, &source, &SpanTree::default());
    match compiled.result {
        Some((s, w)) => (Arc::new(s), w),
        None => panic!(
            "the generator produced an invalid world: {:?}",
            compiled.diagnostics.first().map(|d| &d.message)
        ),
    }
}

/// The RON text of a generated scenario.
pub fn to_ron(file: &ScenarioFile) -> Result<String, ron::Error> {
    let config = ron::ser::PrettyConfig::new()
        .compact_arrays(true)
        .extensions(ron::extensions::Extensions::IMPLICIT_SOME)
        .indentor("  ".to_string());
    ron::ser::to_string_pretty(file, config)
}

/// `detente generate`.
pub fn command(
    states: usize,
    nodes: usize,
    edges: usize,
    seed: u64,
    output: &Path,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<i32> {
    if states == 0 || states > compile::MAX_STATES {
        writeln!(
            err,
            "error: --states must be between 1 and {}",
            compile::MAX_STATES
        )?;
        return Ok(2);
    }
    if nodes < states || nodes > compile::MAX_NODES {
        writeln!(
            err,
            "error: --nodes must be between the number of States and {}",
            compile::MAX_NODES
        )?;
        return Ok(2);
    }
    if edges > compile::MAX_EDGES {
        writeln!(err, "error: --edges must be at most {}", compile::MAX_EDGES)?;
        return Ok(2);
    }
    let file = scenario_file(states, nodes, edges, seed);
    let text = match to_ron(&file) {
        Ok(t) => t,
        Err(e) => {
            writeln!(err, "error: {e}")?;
            return Ok(1);
        }
    };
    if let Err(e) = crate::save::write_atomic(output, text.as_bytes()) {
        writeln!(err, "error: {e}")?;
        return Ok(1);
    }
    writeln!(
        out,
        "wrote {} ({} States, {} nodes, {} links and {} dependencies)",
        output.display(),
        file.states.len(),
        file.nodes.len(),
        file.links.len(),
        file.dependencies.len()
    )?;
    Ok(0)
}
