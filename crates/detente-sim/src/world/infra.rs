//! The critical-infrastructure graph and its cascade. Nodes are facilities
//! owned by States; directed dependency edges run from a supplier to the node
//! that needs it (possibly across a border); undirected links tie the members
//! of a network (a grid, a telecom network) together. The graph lives in
//! petgraph; an adjacency index in compressed-row form is derived from it so
//! the per-turn cascade touches each node and edge a bounded number of times.
//!
//! Cascade rules (docs/ARCHITECTURE.md, "Cascade"):
//! - a node's own level is its health (damage, isolation) before supplies;
//! - a supplier below the functioning threshold takes `strength` of each
//!   dependent's service, unless the dependent still has backup buffer;
//! - a network member is cut off, and fails unless buffered, when no path
//!   of functioning members links it to a functioning core of its network
//!   (or, in a network with no cores, to the network's largest functioning
//!   component: the giant-component rule of percolation theory);
//! - failures propagate until nothing changes (each node fails at most once
//!   per turn, so the pass is linear in nodes and edges plus one search per
//!   network round).

use petgraph::Direction;
use petgraph::graph::{DiGraph, NodeIndex};
use serde::{Deserialize, Serialize};

use crate::ids::{IncidentId, NetworkId, NodeId, Party, StateId};
use crate::scenario::format::{DependencyKind, OperationKind, Sector};

/// Share of its service an isolated node keeps.
pub const ISOLATION_FACTOR: f64 = 0.6;

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Compromise {
    pub by: Party,
    pub incident: IncidentId,
    pub kind: OperationKind,
    /// Known to the node's owner.
    pub detected: bool,
    /// Chance per turn to spread to each connected node.
    pub spread: f64,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Node {
    pub id: String,
    pub name: String,
    pub owner: StateId,
    pub sector: Sector,
    pub population: f64,
    pub network: Option<NetworkId>,
    pub core: bool,
    /// Intrinsic condition, 0-1: what damage left of it.
    pub health: f64,
    /// Service lost for the current turn only (a DDoS).
    pub temp_loss: f64,
    /// Service level after the cascade, 0-1.
    pub service: f64,
    pub buffer_max: u32,
    pub buffer_left: u32,
    pub hardening: f64,
    pub isolated: bool,
    /// Physically damaged: recovers slowly until restored.
    pub sabotaged: bool,
    pub compromise: Option<Compromise>,
}

impl Node {
    /// Weighted population: what a full loss of this node costs in harm.
    pub fn weighted_population(&self) -> f64 {
        self.population * self.sector.harm_weight()
    }

    /// Level before supplies and connectivity are considered.
    pub fn own_level(&self) -> f64 {
        let level = (self.health - self.temp_loss).clamp(0.0, 1.0);
        if self.isolated {
            level * ISOLATION_FACTOR
        } else {
            level
        }
    }
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub enum Edge {
    /// Supplier -> dependent.
    Dependency { kind: DependencyKind, strength: f64 },
    /// A link inside a network (stored once, used both ways).
    Link,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Network {
    pub id: String,
    pub name: String,
    pub members: Vec<NodeId>,
    pub has_cores: bool,
}

/// Why a node stopped functioning in a cascade.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum FailureCause {
    /// Its own damage or isolation.
    Direct,
    /// A supplier failed and no buffer was left.
    Supplier(NodeId),
    /// Cut off from its network's functioning core.
    CutOff(NetworkId),
}

/// What one cascade pass changed.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CascadeOutcome {
    /// Nodes that stopped functioning this pass, with the first cause seen.
    pub failed: Vec<(NodeId, FailureCause)>,
    /// Nodes that function again.
    pub recovered: Vec<NodeId>,
    /// Nodes running on backup buffer this turn.
    pub on_buffer: Vec<NodeId>,
    /// Nodes whose buffer ran out this turn.
    pub buffer_exhausted: Vec<NodeId>,
}

/// Compressed adjacency derived from the petgraph graph.
#[derive(Clone, Debug, Default)]
struct Adjacency {
    out_start: Vec<u32>,
    out: Vec<(u32, f64)>,
    link_start: Vec<u32>,
    links: Vec<u32>,
    /// The network of each node (`u16::MAX` for none).
    net_of: Vec<u16>,
    /// The cores of each network.
    cores: Vec<Vec<u32>>,
}

impl Adjacency {
    fn build(graph: &DiGraph<Node, Edge>, networks: usize) -> Adjacency {
        let n = graph.node_count();
        let mut out_deg = vec![0u32; n + 1];
        let mut link_deg = vec![0u32; n + 1];
        for e in graph.raw_edges() {
            let (a, b) = (e.source().index(), e.target().index());
            match e.weight {
                Edge::Dependency { .. } => out_deg[a] += 1,
                Edge::Link => {
                    link_deg[a] += 1;
                    link_deg[b] += 1;
                }
            }
        }
        let prefix = |deg: &mut Vec<u32>| {
            let mut acc = 0;
            for d in deg.iter_mut() {
                let v = *d;
                *d = acc;
                acc += v;
            }
        };
        prefix(&mut out_deg);
        prefix(&mut link_deg);
        let mut out = vec![(0u32, 0.0); out_deg[n] as usize];
        let mut links = vec![0u32; link_deg[n] as usize];
        let (mut oc, mut lc) = (out_deg.clone(), link_deg.clone());
        for e in graph.raw_edges() {
            let (a, b) = (e.source().index(), e.target().index());
            match e.weight {
                Edge::Dependency { strength, .. } => {
                    out[oc[a] as usize] = (b as u32, strength);
                    oc[a] += 1;
                }
                Edge::Link => {
                    links[lc[a] as usize] = b as u32;
                    lc[a] += 1;
                    links[lc[b] as usize] = a as u32;
                    lc[b] += 1;
                }
            }
        }
        let mut cores = vec![Vec::new(); networks];
        let net_of = graph
            .node_weights()
            .enumerate()
            .map(|(i, n)| match n.network {
                Some(net) if net.index() < networks => {
                    if n.core {
                        cores[net.index()].push(i as u32);
                    }
                    net.0
                }
                _ => u16::MAX,
            })
            .collect();
        Adjacency {
            net_of,
            cores,
            out_start: out_deg,
            out,
            link_start: link_deg,
            links,
        }
    }

    fn dependents(&self, i: usize) -> &[(u32, f64)] {
        &self.out[self.out_start[i] as usize..self.out_start[i + 1] as usize]
    }

    fn linked(&self, i: usize) -> &[u32] {
        &self.links[self.link_start[i] as usize..self.link_start[i + 1] as usize]
    }
}

/// Working arrays of the cascade, kept between turns to avoid reallocation.
#[derive(Clone, Debug, Default)]
struct Scratch {
    was_functioning: Vec<bool>,
    refill: Vec<bool>,
    prev: Vec<f64>,
    buffered: Vec<bool>,
    base: Vec<f64>,
    loss: Vec<f64>,
    missing: Vec<bool>,
    connected: Vec<bool>,
    functioning: Vec<bool>,
    cause: Vec<Option<FailureCause>>,
    mark: Vec<u32>,
    epoch: u32,
    comp: Vec<u32>,
    stack: Vec<u32>,
    queue: Vec<u32>,
    net_dirty: Vec<bool>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Infrastructure {
    pub graph: DiGraph<Node, Edge>,
    pub networks: Vec<Network>,
    #[serde(skip)]
    adjacency: Option<Adjacency>,
    #[serde(skip)]
    scratch: Scratch,
}

impl PartialEq for Infrastructure {
    fn eq(&self, other: &Self) -> bool {
        self.networks == other.networks
            && self.graph.node_count() == other.graph.node_count()
            && self.graph.edge_count() == other.graph.edge_count()
            && self
                .graph
                .node_weights()
                .zip(other.graph.node_weights())
                .all(|(a, b)| a == b)
            && self
                .graph
                .raw_edges()
                .iter()
                .zip(other.graph.raw_edges())
                .all(|(a, b)| {
                    a.source() == b.source() && a.target() == b.target() && a.weight == b.weight
                })
    }
}

impl Default for Infrastructure {
    fn default() -> Self {
        Infrastructure::new(DiGraph::new(), Vec::new())
    }
}

impl Infrastructure {
    pub fn new(graph: DiGraph<Node, Edge>, networks: Vec<Network>) -> Self {
        let mut infra = Infrastructure {
            graph,
            networks,
            adjacency: None,
            scratch: Scratch::default(),
        };
        infra.reindex();
        infra
    }

    /// Rebuild the adjacency index (after loading a save or changing edges).
    pub fn reindex(&mut self) {
        self.adjacency = Some(Adjacency::build(&self.graph, self.networks.len()));
    }

    pub fn len(&self) -> usize {
        self.graph.node_count()
    }

    pub fn is_empty(&self) -> bool {
        self.graph.node_count() == 0
    }

    pub fn node(&self, id: NodeId) -> &Node {
        &self.graph[NodeIndex::new(id.index())]
    }

    pub fn node_mut(&mut self, id: NodeId) -> &mut Node {
        &mut self.graph[NodeIndex::new(id.index())]
    }

    pub fn get(&self, id: NodeId) -> Option<&Node> {
        self.graph.node_weight(NodeIndex::new(id.index()))
    }

    pub fn nodes(&self) -> impl Iterator<Item = (NodeId, &Node)> {
        self.graph
            .node_indices()
            .map(move |i| (NodeId(i.index() as u32), &self.graph[i]))
    }

    pub fn nodes_mut(&mut self) -> impl Iterator<Item = &mut Node> {
        self.graph.node_weights_mut()
    }

    /// Suppliers of a node with the dependency kind and strength.
    pub fn suppliers(&self, id: NodeId) -> Vec<(NodeId, DependencyKind, f64)> {
        let mut v: Vec<_> = self
            .graph
            .edges_directed(NodeIndex::new(id.index()), Direction::Incoming)
            .filter_map(|e| match e.weight() {
                Edge::Dependency { kind, strength } => Some((
                    NodeId(petgraph::visit::EdgeRef::source(&e).index() as u32),
                    *kind,
                    *strength,
                )),
                Edge::Link => None,
            })
            .collect();
        v.sort_by_key(|x| x.0);
        v
    }

    /// Nodes that depend on this one.
    pub fn dependents(&self, id: NodeId) -> Vec<(NodeId, DependencyKind, f64)> {
        let mut v: Vec<_> = self
            .graph
            .edges_directed(NodeIndex::new(id.index()), Direction::Outgoing)
            .filter_map(|e| match e.weight() {
                Edge::Dependency { kind, strength } => Some((
                    NodeId(petgraph::visit::EdgeRef::target(&e).index() as u32),
                    *kind,
                    *strength,
                )),
                Edge::Link => None,
            })
            .collect();
        v.sort_by_key(|x| x.0);
        v
    }

    /// Every node connected to this one by a dependency or a link, either way.
    pub fn neighbours(&self, id: NodeId) -> Vec<NodeId> {
        let mut v: Vec<NodeId> = self
            .graph
            .neighbors_undirected(NodeIndex::new(id.index()))
            .map(|n| NodeId(n.index() as u32))
            .collect();
        v.sort();
        v.dedup();
        v
    }

    /// Members of the same network linked to this node.
    pub fn linked(&self, id: NodeId) -> Vec<NodeId> {
        let ix = NodeIndex::new(id.index());
        let mut v: Vec<NodeId> = self
            .graph
            .edges_directed(ix, Direction::Outgoing)
            .chain(self.graph.edges_directed(ix, Direction::Incoming))
            .filter(|e| matches!(e.weight(), Edge::Link))
            .map(|e| {
                let (a, b) = (
                    petgraph::visit::EdgeRef::source(&e),
                    petgraph::visit::EdgeRef::target(&e),
                );
                NodeId(if a == ix { b.index() } else { a.index() } as u32)
            })
            .collect();
        v.sort();
        v.dedup();
        v
    }

    /// Every edge as (a, b, edge), for drawing and the debrief.
    pub fn edges(&self) -> impl Iterator<Item = (NodeId, NodeId, &Edge)> {
        self.graph.raw_edges().iter().map(|e| {
            (
                NodeId(e.source().index() as u32),
                NodeId(e.target().index() as u32),
                &e.weight,
            )
        })
    }

    /// Recompute every node's service level from health, supplies and
    /// network connectivity, spend or refill buffers, and report what changed.
    pub fn cascade(&mut self, threshold: f64) -> CascadeOutcome {
        let n = self.graph.node_count();
        if self.adjacency.is_none() {
            self.reindex();
        }
        let adj = self.adjacency.take().expect("index was just built");
        let mut s = std::mem::take(&mut self.scratch);
        s.reset(n, self.networks.len());

        // One pass over the (large) node records; the rest works on the
        // compact scratch arrays.
        for (i, node) in self.graph.node_weights().enumerate() {
            s.was_functioning[i] = node.service >= threshold;
            s.buffered[i] = node.buffer_left > 0;
            s.refill[i] = node.buffer_left < node.buffer_max;
            s.prev[i] = node.service;
            s.base[i] = node.own_level();
            if s.base[i] < threshold {
                s.functioning[i] = false;
                s.cause[i] = Some(FailureCause::Direct);
                s.queue.push(i as u32);
            }
        }

        let level = |s: &Scratch, i: usize| -> f64 {
            if s.missing[i] && s.buffered[i] {
                s.base[i]
            } else if !s.connected[i] {
                0.0
            } else {
                s.base[i] * s.loss[i]
            }
        };

        loop {
            // Dependencies: every failed node takes its share from dependents.
            while let Some(i) = s.queue.pop() {
                let i = i as usize;
                let net = adj.net_of[i];
                if net != u16::MAX {
                    s.net_dirty[net as usize] = true;
                }
                for &(d, strength) in adj.dependents(i) {
                    let d = d as usize;
                    s.missing[d] = true;
                    s.loss[d] *= 1.0 - strength;
                    if s.functioning[d] && level(&s, d) < threshold {
                        s.functioning[d] = false;
                        s.cause[d] = Some(FailureCause::Supplier(NodeId(i as u32)));
                        s.queue.push(d as u32);
                    }
                }
            }
            // Networks: members cut off from the functioning core fail.
            let mut changed = false;
            for net_ix in 0..self.networks.len() {
                if !s.net_dirty[net_ix] {
                    continue;
                }
                s.net_dirty[net_ix] = false;
                let net = &self.networks[net_ix];
                let reached = s.reach(&adj, net_ix, net);
                for &m in &net.members {
                    let m = m.index();
                    if s.functioning[m] && s.mark[m] != reached {
                        s.connected[m] = false;
                        s.missing[m] = true;
                        if level(&s, m) < threshold {
                            s.functioning[m] = false;
                            s.cause[m] = Some(FailureCause::CutOff(NetworkId(net_ix as u16)));
                            s.queue.push(m as u32);
                            changed = true;
                        }
                    }
                }
            }
            if !changed && s.queue.is_empty() {
                break;
            }
        }

        // Write back only the nodes that change: in a quiet turn that is
        // few, and the large node records stay out of the cache.
        let mut outcome = CascadeOutcome::default();
        for i in 0..n {
            let new = level(&s, i).clamp(0.0, 1.0);
            let spends = s.missing[i] && s.buffered[i];
            let refills = !s.missing[i] && s.refill[i];
            if new == s.prev[i] && !spends && !refills {
                continue;
            }
            let node = &mut self.graph[NodeIndex::new(i)];
            node.service = new;
            if spends {
                node.buffer_left -= 1;
                outcome.on_buffer.push(NodeId(i as u32));
                if node.buffer_left == 0 {
                    outcome.buffer_exhausted.push(NodeId(i as u32));
                }
            } else if refills {
                node.buffer_left += 1;
            }
            let now = node.service >= threshold;
            if s.was_functioning[i] && !now {
                outcome
                    .failed
                    .push((NodeId(i as u32), s.cause[i].unwrap_or(FailureCause::Direct)));
            } else if !s.was_functioning[i] && now {
                outcome.recovered.push(NodeId(i as u32));
            }
        }
        self.adjacency = Some(adj);
        self.scratch = s;
        outcome
    }
}

impl Scratch {
    fn reset(&mut self, n: usize, networks: usize) {
        self.was_functioning.clear();
        self.was_functioning.resize(n, false);
        self.refill.clear();
        self.refill.resize(n, false);
        self.prev.clear();
        self.prev.resize(n, 0.0);
        self.buffered.clear();
        self.buffered.resize(n, false);
        self.base.clear();
        self.base.resize(n, 0.0);
        self.loss.clear();
        self.loss.resize(n, 1.0);
        self.missing.clear();
        self.missing.resize(n, false);
        self.connected.clear();
        self.connected.resize(n, true);
        self.functioning.clear();
        self.functioning.resize(n, true);
        self.cause.clear();
        self.cause.resize(n, None);
        if self.mark.len() != n {
            self.mark.clear();
            self.mark.resize(n, 0);
            self.epoch = 0;
        }
        self.comp.clear();
        self.stack.clear();
        self.queue.clear();
        self.net_dirty.clear();
        self.net_dirty.resize(networks, true);
    }

    fn next_epoch(&mut self) -> u32 {
        if self.epoch == u32::MAX {
            self.mark.iter_mut().for_each(|m| *m = 0);
            self.epoch = 0;
        }
        self.epoch += 1;
        self.epoch
    }

    /// Mark the functioning members that reach the network's functioning
    /// core (or its largest functioning component) with a fresh epoch and
    /// return that epoch.
    fn reach(&mut self, adj: &Adjacency, net_ix: usize, net: &Network) -> u32 {
        if net.has_cores {
            let e = self.next_epoch();
            self.stack.clear();
            for &m in &adj.cores[net_ix] {
                let m = m as usize;
                if self.functioning[m] && self.mark[m] != e {
                    self.mark[m] = e;
                    self.stack.push(m as u32);
                }
            }
            self.flood(adj, e);
            return e;
        }
        // Giant component: label components with epochs, keep the largest.
        let mut best: Option<(usize, u32)> = None;
        let first = self.epoch + 1;
        for &m in &net.members {
            let m = m.index();
            if !self.functioning[m] || (self.mark[m] >= first && self.mark[m] <= self.epoch) {
                continue;
            }
            let e = self.next_epoch();
            self.mark[m] = e;
            self.stack.clear();
            self.stack.push(m as u32);
            let size = self.flood(adj, e);
            if best.is_none_or(|(b, _)| size > b) {
                best = Some((size, e));
            }
        }
        best.map(|(_, e)| e).unwrap_or_else(|| self.next_epoch())
    }

    /// Flood from the stack through functioning linked nodes; returns how
    /// many nodes were marked (including the seeds).
    fn flood(&mut self, adj: &Adjacency, e: u32) -> usize {
        let mut count = self.stack.len();
        while let Some(i) = self.stack.pop() {
            for &j in adj.linked(i as usize) {
                let j = j as usize;
                if self.functioning[j] && self.mark[j] != e {
                    self.mark[j] = e;
                    self.stack.push(j as u32);
                    count += 1;
                }
            }
        }
        count
    }
}

/// Helper for tests and the generator: a node with full service.
pub fn plain_node(id: String, owner: StateId, sector: Sector, population: f64) -> Node {
    Node {
        name: id.clone(),
        id,
        owner,
        sector,
        population,
        network: None,
        core: false,
        health: 1.0,
        temp_loss: 0.0,
        service: 1.0,
        buffer_max: 0,
        buffer_left: 0,
        hardening: 0.0,
        isolated: false,
        sabotaged: false,
        compromise: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn world(nodes: usize) -> DiGraph<Node, Edge> {
        let mut g = DiGraph::new();
        for i in 0..nodes {
            g.add_node(plain_node(
                format!("n{i}"),
                StateId(0),
                Sector::Energy,
                100.0,
            ));
        }
        g
    }

    fn dep(g: &mut DiGraph<Node, Edge>, a: usize, b: usize, strength: f64) {
        g.add_edge(
            NodeIndex::new(a),
            NodeIndex::new(b),
            Edge::Dependency {
                kind: DependencyKind::Power,
                strength,
            },
        );
    }

    #[test]
    fn failure_propagates_along_dependencies() {
        let mut g = world(3);
        dep(&mut g, 0, 1, 1.0);
        dep(&mut g, 1, 2, 0.3);
        let mut infra = Infrastructure::new(g, vec![]);
        infra.node_mut(NodeId(0)).health = 0.0;
        let out = infra.cascade(0.5);
        assert_eq!(infra.node(NodeId(1)).service, 0.0);
        // Node 2 loses only 30%: degraded but still functioning.
        assert!((infra.node(NodeId(2)).service - 0.7).abs() < 1e-9);
        assert_eq!(
            out.failed,
            vec![
                (NodeId(0), FailureCause::Direct),
                (NodeId(1), FailureCause::Supplier(NodeId(0)))
            ]
        );
    }

    #[test]
    fn buffers_delay_the_cascade_then_run_out() {
        let mut g = world(2);
        dep(&mut g, 0, 1, 1.0);
        g[NodeIndex::new(1)].buffer_max = 2;
        g[NodeIndex::new(1)].buffer_left = 2;
        let mut infra = Infrastructure::new(g, vec![]);
        infra.node_mut(NodeId(0)).health = 0.0;
        infra.cascade(0.5);
        assert_eq!(infra.node(NodeId(1)).service, 1.0);
        let out = infra.cascade(0.5);
        assert_eq!(infra.node(NodeId(1)).service, 1.0);
        assert_eq!(out.buffer_exhausted, vec![NodeId(1)]);
        let out = infra.cascade(0.5);
        assert_eq!(infra.node(NodeId(1)).service, 0.0);
        assert_eq!(
            out.failed,
            vec![(NodeId(1), FailureCause::Supplier(NodeId(0)))]
        );
        // Supply returns: service back at once, buffer refills one per turn.
        infra.node_mut(NodeId(0)).health = 1.0;
        infra.cascade(0.5);
        assert_eq!(infra.node(NodeId(1)).service, 1.0);
        assert_eq!(infra.node(NodeId(1)).buffer_left, 1);
    }

    #[test]
    fn network_members_fail_when_cut_off_from_the_core() {
        // core 0 - 1 - 2 - 3, and 4 hangs off 3.
        let mut g = world(5);
        for i in 0..5 {
            g[NodeIndex::new(i)].network = Some(NetworkId(0));
        }
        g[NodeIndex::new(0)].core = true;
        for (a, b) in [(0, 1), (1, 2), (2, 3), (3, 4)] {
            g.add_edge(NodeIndex::new(a), NodeIndex::new(b), Edge::Link);
        }
        let net = Network {
            id: "grid".into(),
            name: "Grid".into(),
            members: (0..5).map(|i| NodeId(i as u32)).collect(),
            has_cores: true,
        };
        let mut infra = Infrastructure::new(g, vec![net]);
        infra.node_mut(NodeId(2)).health = 0.0;
        let out = infra.cascade(0.5);
        assert_eq!(infra.node(NodeId(1)).service, 1.0);
        assert_eq!(infra.node(NodeId(3)).service, 0.0);
        assert_eq!(infra.node(NodeId(4)).service, 0.0);
        assert!(
            out.failed
                .contains(&(NodeId(3), FailureCause::CutOff(NetworkId(0))))
        );
        // The core itself failing blacks out everything.
        infra.node_mut(NodeId(2)).health = 1.0;
        infra.node_mut(NodeId(0)).health = 0.0;
        infra.cascade(0.5);
        assert!(infra.nodes().all(|(_, n)| n.service == 0.0));
    }

    #[test]
    fn cross_network_interdependence_cascades_both_ways() {
        // Grid A (0-1-2, core 0) powers telecom B (3-4-5, core 3) node by node,
        // and B's node 4 controls A's node 1.
        let mut g = world(6);
        for i in 0..3 {
            g[NodeIndex::new(i)].network = Some(NetworkId(0));
            g[NodeIndex::new(i + 3)].network = Some(NetworkId(1));
        }
        g[NodeIndex::new(0)].core = true;
        g[NodeIndex::new(3)].core = true;
        for (a, b) in [(0, 1), (1, 2), (3, 4), (4, 5)] {
            g.add_edge(NodeIndex::new(a), NodeIndex::new(b), Edge::Link);
        }
        dep(&mut g, 0, 3, 1.0);
        dep(&mut g, 4, 1, 1.0);
        let nets = vec![
            Network {
                id: "a".into(),
                name: "A".into(),
                members: vec![NodeId(0), NodeId(1), NodeId(2)],
                has_cores: true,
            },
            Network {
                id: "b".into(),
                name: "B".into(),
                members: vec![NodeId(3), NodeId(4), NodeId(5)],
                has_cores: true,
            },
        ];
        let mut infra = Infrastructure::new(g, nets);
        infra.node_mut(NodeId(0)).health = 0.0;
        infra.cascade(0.5);
        // 0 down -> 1,2 cut off; 3 loses power -> 4,5 cut off.
        assert!(infra.nodes().all(|(_, n)| n.service == 0.0));
    }

    #[test]
    fn isolation_costs_service() {
        let g = world(1);
        let mut infra = Infrastructure::new(g, vec![]);
        infra.node_mut(NodeId(0)).isolated = true;
        infra.cascade(0.5);
        assert!((infra.node(NodeId(0)).service - ISOLATION_FACTOR).abs() < 1e-12);
    }
}
