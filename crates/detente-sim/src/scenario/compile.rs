//! Checking a parsed scenario and building its starting world. Every
//! problem is collected (not just the first), each pointing at the value
//! through the span tree, with the nearest valid id for a misspelt one.
//! Limits on counts, text and numbers are here and in docs/scenario-format.md.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use petgraph::graph::{DiGraph, NodeIndex};

use super::diagnostics::{Diagnostic, Source, nearest};
use super::format::*;
use super::spans::{Path, SpanTree};
use super::{Action, Dilemma, Index, Objective, Rung, Scenario};
use crate::catalog;
use crate::ids::*;
use crate::path;
use crate::world::infra::{Compromise, Edge, Network, Node};
use crate::world::{
    ActorData, Capacities, Incident, Infrastructure, LadderState, Relations, StateData, World,
};

pub const MAX_STATES: usize = 64;
pub const MAX_NODES: usize = 100_000;
pub const MAX_EDGES: usize = 500_000;
pub const MAX_ACTORS: usize = 256;
pub const MAX_ACTIONS: usize = 256;
pub const MAX_INJECTS: usize = 2_000;
pub const MAX_DILEMMAS: usize = 500;
pub const MAX_OBJECTIVES: usize = 200;
pub const MAX_TURNS: u32 = 200;
pub const MAX_RUNGS: usize = 12;
pub const MAX_TEXT: usize = 4_000;
pub const MAX_POPULATION: f64 = 2.0e9;
pub const MAX_LIST: usize = 200;

pub struct Compiled {
    pub result: Option<(Scenario, World)>,
    pub diagnostics: Vec<Diagnostic>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    State,
    Node,
    Actor,
    Action,
    Inject,
    Dilemma,
    Objective,
    Rung,
    Network,
    Incident,
}

impl Kind {
    const COUNT: usize = 10;

    fn noun(self) -> &'static str {
        match self {
            Kind::State => "State",
            Kind::Node => "node",
            Kind::Actor => "actor",
            Kind::Action => "action",
            Kind::Inject => "inject",
            Kind::Dilemma => "dilemma",
            Kind::Objective => "objective",
            Kind::Rung => "ladder rung",
            Kind::Network => "network",
            Kind::Incident => "incident",
        }
    }

    fn section(self) -> &'static str {
        match self {
            Kind::State => "states",
            Kind::Node => "nodes",
            Kind::Actor => "actors",
            Kind::Action => "actions (built-in or in `actions`)",
            Kind::Inject => "injects",
            Kind::Dilemma => "dilemmas",
            Kind::Objective => "objectives",
            Kind::Rung => "ladder",
            Kind::Network => "networks",
            Kind::Incident => "operations with an `incident` id",
        }
    }
}

fn article(noun: &str) -> &'static str {
    if noun.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    }
}

pub(crate) struct Cx<'a> {
    pub source: &'a Source,
    pub tree: &'a SpanTree,
    pub diags: Vec<Diagnostic>,
    /// Ids of each kind (hash maps for speed; iteration order never matters:
    /// suggestions are sorted).
    pub ids: [Option<HashMap<String, usize>>; Kind::COUNT],
    pub turns: u32,
}

impl<'a> Cx<'a> {
    fn new(source: &'a Source, tree: &'a SpanTree) -> Self {
        Cx {
            source,
            tree,
            diags: Vec::new(),
            ids: Default::default(),
            turns: 1,
        }
    }

    fn key(kind: Kind) -> usize {
        kind as usize
    }

    pub fn map(&self, kind: Kind) -> Option<&HashMap<String, usize>> {
        self.ids[Self::key(kind)].as_ref()
    }

    pub fn lookup(&self, kind: Kind, id: &str) -> Option<usize> {
        self.map(kind).and_then(|m| m.get(id).copied())
    }

    fn span(&self, path: &Path) -> std::ops::Range<usize> {
        self.tree.locate(path).map(|(s, _)| s).unwrap_or(0..0)
    }

    pub fn error(
        &mut self,
        path: &Path,
        code: &'static str,
        message: impl Into<String>,
        label: impl Into<String>,
    ) -> &mut Diagnostic {
        let span = self.span(path);
        let d = Diagnostic::error(code, &self.source.name, message)
            .at(self.source, span, label)
            .with_note(format!("at `{path}`"));
        self.diags.push(d);
        self.diags.last_mut().expect("just pushed")
    }

    fn declare(&mut self, kind: Kind, path: &Path, id: &str, index: usize) {
        if id.trim().is_empty() {
            self.error(
                path,
                "empty-id",
                format!("a {} needs a non-empty id", kind.noun()),
                "empty id",
            );
            return;
        }
        if let Some(c) = id
            .chars()
            .find(|c| !(c.is_ascii_alphanumeric() || *c == '_' || *c == '-'))
        {
            self.error(
                path,
                "bad-id",
                format!("the id `{id}` contains `{c}`; ids use only letters, digits, `_` and `-`"),
                "invalid id",
            )
            .help = Some("write ids like `arcadia_grid` (no spaces or accents)".into());
        }
        let map = self.ids[Self::key(kind)].get_or_insert_default();
        if let Some(&first) = map.get(id) {
            let _ = first;
            self.error(
                path,
                "duplicate-id",
                format!("two {}s have the id `{id}`", kind.noun()),
                "used again here",
            )
            .help = Some("every id must be different; rename one of them".into());
        } else {
            map.insert(id.to_string(), index);
        }
    }

    /// Resolve a reference; on failure report it with the nearest valid id.
    pub fn resolve(&mut self, kind: Kind, path: &Path, id: &str) -> Option<usize> {
        if let Some(i) = self.lookup(kind, id) {
            return Some(i);
        }
        let mut candidates: Vec<String> = self
            .map(kind)
            .map(|m| m.keys().cloned().collect())
            .unwrap_or_default();
        candidates.sort();
        let suggestion = nearest(id, candidates.iter().map(String::as_str)).map(str::to_string);
        let d = self.error(
            path,
            "unknown-id",
            format!("there is no {} with the id `{id}`", kind.noun()),
            format!(
                "not {} {} of this scenario",
                article(kind.noun()),
                kind.noun()
            ),
        );
        d.help = Some(match suggestion {
            Some(s) => format!("did you mean `{s}`?"),
            None if candidates.is_empty() => format!(
                "this scenario has no {} yet; add one in `{}`",
                kind.noun(),
                kind.section()
            ),
            None => format!(
                "the {} ids are: {}",
                kind.noun(),
                candidates
                    .iter()
                    .take(12)
                    .cloned()
                    .collect::<Vec<_>>()
                    .join(", ")
                    + if candidates.len() > 12 { ", ..." } else { "" }
            ),
        });
        None
    }

    pub fn number(&mut self, path: &Path, v: f64, lo: f64, hi: f64, what: &str) {
        if v.is_nan() {
            self.error(
                path,
                "bad-number",
                format!("{what} is not a number (NaN)"),
                "NaN",
            )
            .help = Some(format!("write a number between {lo} and {hi}"));
        } else if v.is_infinite() || v < lo || v > hi {
            self.error(
                path,
                "out-of-range",
                format!("{what} must be between {lo} and {hi}, not {v}"),
                "out of range",
            );
        }
    }

    pub fn whole(&mut self, path: &Path, v: u64, lo: u64, hi: u64, what: &str) {
        if v < lo || v > hi {
            self.error(
                path,
                "out-of-range",
                format!("{what} must be between {lo} and {hi}, not {v}"),
                "out of range",
            );
        }
    }

    pub fn text(&mut self, path: &Path, s: &str) {
        let n = s.chars().count();
        if n > MAX_TEXT {
            self.error(
                path,
                "too-long",
                format!("this text has {n} characters; the limit is {MAX_TEXT}"),
                "too long",
            )
            .help = Some("shorten it or split it across several news items".into());
        }
    }

    fn count(&mut self, path: &Path, n: usize, max: usize, what: &str) -> bool {
        if n > max {
            self.error(
                path,
                "too-many",
                format!("{n} {what}; the limit is {max}"),
                "too many",
            );
            return false;
        }
        true
    }
}

/// Check a parsed file and build the scenario and its starting world.
pub fn compile(file: &ScenarioFile, source: &Source, tree: &SpanTree) -> Compiled {
    let mut cx = Cx::new(source, tree);
    cx.turns = file.turns.max(1);
    check_counts(&mut cx, file);
    if !cx.diags.is_empty() {
        return Compiled {
            result: None,
            diagnostics: cx.diags,
        };
    }
    declare_all(&mut cx, file);
    check_meta(&mut cx, file);
    check_states(&mut cx, file);
    check_infrastructure(&mut cx, file);
    check_actors(&mut cx, file);
    check_actions(&mut cx, file);
    check_ladder(&mut cx, file);
    check_injects(&mut cx, file);
    check_dilemmas(&mut cx, file);
    check_objectives(&mut cx, file);
    if cx.diags.iter().any(Diagnostic::is_error) {
        return Compiled {
            result: None,
            diagnostics: cx.diags,
        };
    }
    let result = build(&cx, file);
    Compiled {
        result: Some(result),
        diagnostics: cx.diags,
    }
}

fn check_counts(cx: &mut Cx, f: &ScenarioFile) {
    cx.count(&path!["states"], f.states.len(), MAX_STATES, "States");
    cx.count(&path!["nodes"], f.nodes.len(), MAX_NODES, "nodes");
    cx.count(
        &path!["links"],
        f.links.len() + f.dependencies.len(),
        MAX_EDGES,
        "links and dependencies",
    );
    cx.count(&path!["actors"], f.actors.len(), MAX_ACTORS, "actors");
    cx.count(&path!["actions"], f.actions.len(), MAX_ACTIONS, "actions");
    cx.count(&path!["injects"], f.injects.len(), MAX_INJECTS, "injects");
    cx.count(
        &path!["dilemmas"],
        f.dilemmas.len(),
        MAX_DILEMMAS,
        "dilemmas",
    );
    cx.count(
        &path!["objectives"],
        f.objectives.len(),
        MAX_OBJECTIVES,
        "objectives",
    );
    cx.count(&path!["networks"], f.networks.len(), MAX_NODES, "networks");
    cx.count(
        &path!["relations"],
        f.relations.len(),
        MAX_STATES * MAX_STATES,
        "relations",
    );
    cx.count(
        &path!["learning_objectives"],
        f.learning_objectives.len(),
        MAX_LIST,
        "learning objectives",
    );
    cx.count(
        &path!["debrief_questions"],
        f.debrief_questions.len(),
        MAX_LIST,
        "debrief questions",
    );
    cx.count(&path!["sources"], f.sources.len(), MAX_LIST, "sources");
    if let Some(l) = &f.ladder {
        cx.count(&path!["ladder"], l.len(), MAX_RUNGS, "rungs");
    }
    if f.states.is_empty() {
        cx.error(
            &path!["states"],
            "too-few",
            "a scenario needs at least one State",
            "no States",
        )
        .help = Some("add a State: (id: \"arcadia\", name: \"Arcadia\", ...)".into());
    }
}

fn declare_all(cx: &mut Cx, f: &ScenarioFile) {
    for (i, s) in f.states.iter().enumerate() {
        cx.declare(Kind::State, &path!["states", i, "id"], &s.id, i);
    }
    for (i, n) in f.networks.iter().enumerate() {
        cx.declare(Kind::Network, &path!["networks", i, "id"], &n.id, i);
    }
    for (i, n) in f.nodes.iter().enumerate() {
        cx.declare(Kind::Node, &path!["nodes", i, "id"], &n.id, i);
    }
    for (i, a) in f.actors.iter().enumerate() {
        cx.declare(Kind::Actor, &path!["actors", i, "id"], &a.id, i);
    }
    // Actions: the built-in catalogue minus exclusions, then the scenario's.
    let builtin: BTreeMap<&str, usize> = catalog::actions()
        .iter()
        .enumerate()
        .map(|(i, a)| (a.id.as_str(), i))
        .collect();
    let mut excluded = BTreeSet::new();
    for (i, id) in f.exclude_actions.iter().enumerate() {
        if builtin.contains_key(id.as_str()) {
            excluded.insert(id.as_str());
        } else {
            let p = path!["exclude_actions", i];
            let s = nearest(id, builtin.keys().copied()).map(str::to_string);
            let d = cx.error(
                &p,
                "unknown-id",
                format!("there is no built-in action with the id `{id}`"),
                "not a built-in action",
            );
            d.help = s.map(|s| format!("did you mean `{s}`?"));
        }
    }
    let mut n = 0;
    let mut map = HashMap::new();
    for a in catalog::actions() {
        if !excluded.contains(a.id.as_str()) {
            map.insert(a.id.clone(), n);
            n += 1;
        }
    }
    cx.ids[Cx::key(Kind::Action)] = Some(map);
    for (i, a) in f.actions.iter().enumerate() {
        let p = path!["actions", i, "id"];
        if builtin.contains_key(a.id.as_str()) {
            cx.error(&p, "duplicate-id", format!("`{}` is already a built-in action", a.id), "built-in id")
                .help = Some("give your action another id; to replace the built-in one, also list it in `exclude_actions`".into());
            if !excluded.contains(a.id.as_str()) {
                continue;
            }
        }
        cx.declare(Kind::Action, &p, &a.id, n);
        n += 1;
    }
    for (i, inj) in f.injects.iter().enumerate() {
        cx.declare(Kind::Inject, &path!["injects", i, "id"], &inj.id, i);
    }
    for (i, d) in f.dilemmas.iter().enumerate() {
        cx.declare(Kind::Dilemma, &path!["dilemmas", i, "id"], &d.id, i);
    }
    for (i, o) in f.objectives.iter().enumerate() {
        cx.declare(Kind::Objective, &path!["objectives", i, "id"], &o.id, i);
    }
    let ladder: Vec<RungDef> = f
        .ladder
        .clone()
        .unwrap_or_else(|| catalog::default_ladder().to_vec());
    for (i, r) in ladder.iter().enumerate() {
        let p = if f.ladder.is_some() {
            path!["ladder", i, "id"]
        } else {
            path![]
        };
        cx.declare(Kind::Rung, &p, &r.id, i);
    }
    // Incidents named by operations.
    let mut k = 0;
    for (i, inj) in f.injects.iter().enumerate() {
        for (j, e) in inj.effects.iter().enumerate() {
            if let Effect::Operation {
                incident: Some(id), ..
            } = e
            {
                cx.declare(
                    Kind::Incident,
                    &path!["injects", i, "effects", j, "incident"],
                    id,
                    k,
                );
                k += 1;
            }
        }
    }
    for (i, d) in f.dilemmas.iter().enumerate() {
        for (o, opt) in d.options.iter().enumerate() {
            for (j, e) in opt.effects.iter().enumerate() {
                if let Effect::Operation {
                    incident: Some(id), ..
                } = e
                {
                    cx.declare(
                        Kind::Incident,
                        &path!["dilemmas", i, "options", o, "effects", j, "incident"],
                        id,
                        k,
                    );
                    k += 1;
                }
            }
        }
    }
}

fn check_meta(cx: &mut Cx, f: &ScenarioFile) {
    if f.id.trim().is_empty() {
        cx.error(
            &path!["id"],
            "empty-id",
            "the scenario needs an id",
            "empty id",
        );
    }
    for (p, s) in [
        (path!["title"], &f.title),
        (path!["summary"], &f.summary),
        (path!["briefing"], &f.briefing),
        (path!["id"], &f.id),
    ] {
        cx.text(&p, s);
    }
    for (i, s) in f.learning_objectives.iter().enumerate() {
        cx.text(&path!["learning_objectives", i], s);
    }
    for (i, s) in f.debrief_questions.iter().enumerate() {
        cx.text(&path!["debrief_questions", i], s);
    }
    for (i, s) in f.sources.iter().enumerate() {
        cx.text(&path!["sources", i, "incident"], &s.incident);
        cx.text(&path!["sources", i, "citation"], &s.citation);
        cx.text(&path!["sources", i, "url"], &s.url);
    }
    cx.whole(
        &path!["turns"],
        f.turns as u64,
        1,
        MAX_TURNS as u64,
        "`turns`",
    );
    cx.whole(
        &path!["turn_hours"],
        f.turn_hours as u64,
        1,
        720,
        "`turn_hours`",
    );
    let s = &f.settings;
    cx.number(
        &path!["settings", "functioning_threshold"],
        s.functioning_threshold,
        0.01,
        1.0,
        "`functioning_threshold`",
    );
    cx.number(
        &path!["settings", "pressure_limit"],
        s.pressure_limit,
        0.0,
        100.0,
        "`pressure_limit`",
    );
    cx.number(
        &path!["settings", "relaxation"],
        s.relaxation,
        0.0,
        100.0,
        "`relaxation`",
    );
    cx.number(
        &path!["settings", "tension_feed_threshold"],
        s.tension_feed_threshold,
        0.0,
        100.0,
        "`tension_feed_threshold`",
    );
    cx.number(
        &path!["settings", "tension_feed_rate"],
        s.tension_feed_rate,
        0.0,
        10.0,
        "`tension_feed_rate`",
    );
    cx.number(
        &path!["settings", "attribution_confidence"],
        s.attribution_confidence,
        0.0,
        1.0,
        "`attribution_confidence`",
    );
    cx.whole(
        &path!["settings", "request_deadline"],
        s.request_deadline as u64,
        1,
        20,
        "`request_deadline`",
    );
    cx.number(
        &path!["settings", "initial_escalation"],
        s.initial_escalation,
        0.0,
        100.0,
        "`initial_escalation`",
    );
}

fn parse_colour(s: &str) -> Option<[u8; 3]> {
    let h = s.strip_prefix('#')?;
    if h.len() != 6 || !h.chars().all(|c| c.is_ascii_hexdigit()) {
        return None;
    }
    let v = u32::from_str_radix(h, 16).ok()?;
    Some([(v >> 16) as u8, (v >> 8) as u8, v as u8])
}

fn check_states(cx: &mut Cx, f: &ScenarioFile) {
    for (i, s) in f.states.iter().enumerate() {
        let p = path!["states", i];
        cx.text(&p.at("name"), &s.name);
        cx.text(&p.at("briefing"), &s.briefing);
        if parse_colour(&s.colour).is_none() {
            cx.error(
                &p.at("colour"),
                "bad-colour",
                format!("`{}` is not a colour", s.colour),
                "not #rrggbb",
            )
            .help = Some("write colours as \"#rrggbb\", for example \"#2a7ab0\"".into());
        }
        let c = &s.capacities;
        let cp = p.at("capacities");
        cx.number(&cp.at("cert"), c.cert, 0.0, 1.0, "`cert`");
        cx.number(&cp.at("detection"), c.detection, 0.0, 1.0, "`detection`");
        cx.number(&cp.at("resilience"), c.resilience, 0.0, 1.0, "`resilience`");
        cx.number(&cp.at("offensive"), c.offensive, 0.0, 1.0, "`offensive`");
        cx.whole(&cp.at("capital"), c.capital as u64, 1, 20, "`capital`");
        cx.number(&p.at("pressure"), s.pressure, 0.0, 100.0, "`pressure`");
        cx.number(
            &p.at("reputation"),
            s.reputation,
            0.0,
            100.0,
            "`reputation`",
        );
    }
    if !f.states.is_empty()
        && f.states
            .iter()
            .all(|s| s.controller == Controller::Scripted)
    {
        cx.error(
            &path!["states"],
            "no-seat",
            "every State is scripted: nobody can play",
            "no playable State",
        )
        .help = Some("set `controller: human` (or `computer`) on at least one State".into());
    }
    let mut pairs = BTreeSet::new();
    for (i, r) in f.relations.iter().enumerate() {
        let p = path!["relations", i];
        let a = cx.resolve(Kind::State, &p.at("between").at(0), &r.between.0);
        let b = cx.resolve(Kind::State, &p.at("between").at(1), &r.between.1);
        if let (Some(a), Some(b)) = (a, b) {
            if a == b {
                cx.error(
                    &p.at("between"),
                    "self-relation",
                    "a relation needs two different States",
                    "same State twice",
                );
            } else if !pairs.insert((a.min(b), a.max(b))) {
                cx.error(
                    &p.at("between"),
                    "duplicate-relation",
                    "this pair of States already has a relation",
                    "given twice",
                )
                .help = Some("merge the two entries into one".into());
            }
        }
        cx.number(&p.at("trust"), r.trust, 0.0, 100.0, "`trust`");
        cx.number(&p.at("tension"), r.tension, 0.0, 100.0, "`tension`");
    }
}

fn check_infrastructure(cx: &mut Cx, f: &ScenarioFile) {
    for (i, n) in f.networks.iter().enumerate() {
        cx.text(&path!["networks", i, "name"], &n.name);
    }
    for (i, n) in f.nodes.iter().enumerate() {
        let p = path!["nodes", i];
        cx.text(&p.at("name"), &n.name);
        cx.resolve(Kind::State, &p.at("owner"), &n.owner);
        if n.population.is_nan() || n.population.is_infinite() {
            cx.error(
                &p.at("population"),
                "bad-number",
                "`population` must be a number of people",
                "not a number",
            );
        } else if n.population < 0.0 {
            cx.error(
                &p.at("population"),
                "out-of-range",
                format!("`population` cannot be negative ({})", n.population),
                "negative",
            );
        } else if n.population > MAX_POPULATION {
            cx.error(
                &p.at("population"),
                "out-of-range",
                format!(
                    "`population` of {:e} is more than any facility serves (limit {:e})",
                    n.population, MAX_POPULATION
                ),
                "too large",
            );
        }
        cx.whole(&p.at("buffer"), n.buffer as u64, 0, 50, "`buffer`");
        cx.number(&p.at("service"), n.service, 0.0, 1.0, "`service`");
        cx.number(&p.at("hardening"), n.hardening, 0.0, 0.95, "`hardening`");
        if let Some(net) = &n.network {
            cx.resolve(Kind::Network, &p.at("network"), net);
        } else if n.core {
            cx.error(
                &p.at("core"),
                "core-without-network",
                "only a member of a network can be its core",
                "no `network`",
            )
            .help = Some("add `network: \"...\"` to this node, or remove `core: true`".into());
        }
        if let Some(a) = &n.compromised_by {
            cx.resolve(Kind::Actor, &p.at("compromised_by"), a);
        }
    }
    let mut seen = BTreeSet::new();
    for (i, l) in f.links.iter().enumerate() {
        let p = path!["links", i, "between"];
        let a = cx.resolve(Kind::Node, &p.at(0), &l.between.0);
        let b = cx.resolve(Kind::Node, &p.at(1), &l.between.1);
        if let (Some(a), Some(b)) = (a, b) {
            if a == b {
                cx.error(
                    &p,
                    "cycle",
                    "a link cannot join a node to itself",
                    "same node twice",
                );
                continue;
            }
            let (na, nb) = (&f.nodes[a].network, &f.nodes[b].network);
            if na.is_none() || na != nb {
                cx.error(
                    &p,
                    "link-outside-network",
                    "links join two members of the same network",
                    "not in one network",
                )
                .help = Some(format!(
                    "give both nodes the same `network`, or use a dependency (supplier/dependent) between `{}` and `{}`",
                    l.between.0, l.between.1
                ));
            }
            if !seen.insert((a.min(b), a.max(b))) {
                cx.error(
                    &p,
                    "duplicate-link",
                    "these two nodes are already linked",
                    "given twice",
                );
            }
        }
    }
    let mut seen = BTreeSet::new();
    for (i, d) in f.dependencies.iter().enumerate() {
        let p = path!["dependencies", i];
        let a = cx.resolve(Kind::Node, &p.at("supplier"), &d.supplier);
        let b = cx.resolve(Kind::Node, &p.at("dependent"), &d.dependent);
        if let (Some(a), Some(b)) = (a, b) {
            if a == b {
                cx.error(
                    &p,
                    "cycle",
                    format!("`{}` cannot depend on itself", d.supplier),
                    "self-dependency",
                )
                .help = Some("a dependency joins two different nodes".into());
            } else if !seen.insert((a, b)) {
                cx.error(
                    &p,
                    "duplicate-dependency",
                    "this dependency is given twice",
                    "given twice",
                );
            }
        }
        if d.strength.is_nan() || d.strength <= 0.0 || d.strength > 1.0 {
            cx.error(
                &p.at("strength"),
                "out-of-range",
                format!(
                    "`strength` must be above 0 and at most 1, not {}",
                    d.strength
                ),
                "out of range",
            );
        }
    }
}

fn check_actors(cx: &mut Cx, f: &ScenarioFile) {
    for (i, a) in f.actors.iter().enumerate() {
        let p = path!["actors", i];
        cx.text(&p.at("name"), &a.name);
        cx.resolve(Kind::State, &p.at("based_in"), &a.based_in);
        if let Some(s) = &a.sponsor {
            cx.resolve(Kind::State, &p.at("sponsor"), s);
        }
        cx.number(&p.at("capability"), a.capability, 0.0, 1.0, "`capability`");
        cx.number(&p.at("stealth"), a.stealth, 0.0, 1.0, "`stealth`");
        for (j, b) in a.behaviours.iter().enumerate() {
            let bp = p.at("behaviours").at(j);
            cx.number(&bp.at("chance"), b.chance, 0.0, 1.0, "`chance`");
            cx.number(&bp.at("spread"), b.spread, 0.0, 1.0, "`spread`");
            cx.whole(
                &bp.at("from_turn"),
                b.from_turn as u64,
                1,
                MAX_TURNS as u64,
                "`from_turn`",
            );
            if let Some(u) = b.until_turn
                && u < b.from_turn
            {
                cx.error(
                    &bp.at("until_turn"),
                    "out-of-range",
                    format!("`until_turn` ({u}) is before `from_turn` ({})", b.from_turn),
                    "before the start",
                );
            }
            for (k, s) in b.targets.states.iter().enumerate() {
                cx.resolve(Kind::State, &bp.at("targets").at("states").at(k), s);
            }
            for (k, n) in b.targets.nodes.iter().enumerate() {
                cx.resolve(Kind::Node, &bp.at("targets").at("nodes").at(k), n);
            }
            if let Some(c) = &b.stop_when {
                check_condition(cx, &bp.at("stop_when"), c);
            }
        }
    }
}

fn needs_target(effect: &ActionEffect) -> Option<&'static [TargetKind]> {
    use ActionEffect as E;
    use TargetKind as T;
    Some(match effect {
        E::Investigate => &[T::Incident],
        E::Harden(_) | E::Isolate | E::Reconnect | E::Restore(_) => &[T::OwnNode],
        E::ShareIndicators
        | E::RequestAssistance
        | E::ProvideAssistance(_)
        | E::OpenChannel(_)
        | E::AskToStop
        | E::RequestLawEnforcement
        | E::Sanctions(_)
        | E::TargetReputation(_)
        | E::CrossBorderPlan(_) => &[T::State],
        E::Attribute => &[T::Attribution],
        E::Operation(_) | E::CovertOperation { .. } => &[T::ForeignNode],
        E::DisruptActor | E::Takedown => &[T::Actor],
        _ => return None,
    })
}

fn target_label(t: TargetKind) -> &'static str {
    match t {
        TargetKind::None => "none",
        TargetKind::OwnNode => "own_node",
        TargetKind::ForeignNode => "foreign_node",
        TargetKind::State => "state",
        TargetKind::Incident => "incident",
        TargetKind::Attribution => "attribution",
        TargetKind::Actor => "actor",
    }
}

/// Check one action definition (scenario actions; the catalogue's in tests).
pub(crate) fn check_action(cx: &mut Cx, p: &Path, a: &ActionDef) {
    cx.text(&p.at("name"), &a.name);
    cx.text(&p.at("summary"), &a.summary);
    cx.whole(&p.at("cost"), a.cost as u64, 0, 20, "`cost`");
    if a.effects.is_empty() {
        cx.error(
            &p.at("effects"),
            "no-effect",
            "an action needs at least one effect",
            "empty list",
        );
    }
    for (j, e) in a.effects.iter().enumerate() {
        let ep = p.at("effects").at(j);
        if let Some(kinds) = needs_target(e)
            && !kinds.contains(&a.target)
        {
            cx.error(
                &ep,
                "target-mismatch",
                format!(
                    "this effect needs an action whose target is `{}`, but the target is `{}`",
                    target_label(kinds[0]),
                    target_label(a.target)
                ),
                "does not fit the target",
            );
        }
        use ActionEffect as E;
        match e {
            E::Harden(x) | E::HardenAll(x) | E::Restore(x) | E::ProvideAssistance(x) => {
                cx.number(&ep.at(0), *x, 0.0, 1.0, "the amount")
            }
            E::ReportVulnerability(x) => cx.number(&ep.at(0), *x, 0.0, 0.5, "the amount"),
            E::Trust(x)
            | E::Tension(x)
            | E::Pressure(x)
            | E::Reputation(x)
            | E::Escalation(x)
            | E::TargetReputation(x) => cx.number(&ep.at(0), *x, -100.0, 100.0, "the change"),
            E::Sanctions(n) | E::EmergencyPlan(n) | E::CrossBorderPlan(n) => {
                cx.whole(&ep.at(0), *n as u64, 0, 10, "the amount")
            }
            _ => {}
        }
    }
    for (j, r) in a.requires.iter().enumerate() {
        let rp = p.at("requires").at(j);
        use Precondition as P;
        let needs_state = matches!(
            r,
            P::Channel(_) | P::NoChannel(_) | P::RequestFromTarget | P::TargetHasIncident
        );
        let needs_own_node = matches!(
            r,
            P::TargetCompromised | P::TargetIsolated | P::TargetNotIsolated | P::TargetNeedsRestore
        );
        if needs_state && !matches!(a.target, TargetKind::State | TargetKind::ForeignNode) {
            cx.error(&rp, "target-mismatch", "this condition needs an action aimed at a State (target `state` or `foreign_node`)", "does not fit the target");
        }
        if needs_own_node && a.target != TargetKind::OwnNode {
            cx.error(
                &rp,
                "target-mismatch",
                "this condition needs an action aimed at an own node (target `own_node`)",
                "does not fit the target",
            );
        }
        if matches!(r, P::IncidentAccess) && a.target != TargetKind::Incident {
            cx.error(
                &rp,
                "target-mismatch",
                "this condition needs an action aimed at an incident (target `incident`)",
                "does not fit the target",
            );
        }
        if matches!(r, P::ActorOnOwnTerritory) && a.target != TargetKind::Actor {
            cx.error(
                &rp,
                "target-mismatch",
                "this condition needs an action aimed at an actor (target `actor`)",
                "does not fit the target",
            );
        }
        if let P::OffensiveAtLeast(x) | P::CertAtLeast(x) = r {
            cx.number(&rp.at(0), *x, 0.0, 1.0, "the level");
        }
    }
    for (j, n) in a.upholds.iter().enumerate() {
        if a.violates.contains(n) {
            cx.error(
                &p.at("upholds").at(j),
                "contradiction",
                format!("`{}` is both upheld and violated", n.id()),
                "in both lists",
            );
        }
    }
    for (j, s) in a.only_for.iter().enumerate() {
        cx.resolve(Kind::State, &p.at("only_for").at(j), s);
    }
}

fn check_actions(cx: &mut Cx, f: &ScenarioFile) {
    for (i, a) in f.actions.iter().enumerate() {
        check_action(cx, &path!["actions", i], a);
    }
}

fn check_ladder(cx: &mut Cx, f: &ScenarioFile) {
    let Some(ladder) = &f.ladder else { return };
    if ladder.len() < 2 {
        cx.error(
            &path!["ladder"],
            "too-few",
            "a ladder needs at least two rungs",
            "too short",
        )
        .help = Some("leave `ladder` out to use the built-in six-rung ladder".into());
        return;
    }
    if ladder[0].threshold != 0.0 {
        cx.error(
            &path!["ladder", 0, "threshold"],
            "out-of-range",
            "the first rung must start at 0",
            "must be 0.0",
        );
    }
    for (i, r) in ladder.iter().enumerate() {
        let p = path!["ladder", i];
        cx.text(&p.at("name"), &r.name);
        cx.text(&p.at("description"), &r.description);
        cx.number(&p.at("threshold"), r.threshold, 0.0, 100.0, "`threshold`");
        if i > 0
            && r.threshold.partial_cmp(&ladder[i - 1].threshold)
                != Some(std::cmp::Ordering::Greater)
        {
            cx.error(
                &p.at("threshold"),
                "not-increasing",
                "each rung's threshold must be higher than the one below",
                "not higher",
            );
        }
        for (j, a) in r.opens.iter().enumerate() {
            cx.resolve(Kind::Action, &p.at("opens").at(j), a);
        }
        for (j, a) in r.closes.iter().enumerate() {
            cx.resolve(Kind::Action, &p.at("closes").at(j), a);
        }
    }
}

fn check_injects(cx: &mut Cx, f: &ScenarioFile) {
    for (i, inj) in f.injects.iter().enumerate() {
        let p = path!["injects", i];
        cx.text(&p.at("note"), &inj.note);
        if let Some(t) = inj.turn
            && t == 0
        {
            cx.error(&p.at("turn"), "out-of-range", "turns start at 1", "turn 0");
        }
        cx.number(&p.at("chance"), inj.chance, 0.0, 1.0, "`chance`");
        if let Some(c) = &inj.when {
            check_condition(cx, &p.at("when"), c);
        }
        for (j, e) in inj.effects.iter().enumerate() {
            check_effect(cx, &p.at("effects").at(j), e);
        }
    }
    // Injects that trigger each other must not loop.
    let mut graph: petgraph::graphmap::DiGraphMap<usize, ()> =
        petgraph::graphmap::DiGraphMap::new();
    for (i, inj) in f.injects.iter().enumerate() {
        graph.add_node(i);
        for e in &inj.effects {
            if let Effect::TriggerInject(t) = e
                && let Some(j) = cx.lookup(Kind::Inject, t)
            {
                graph.add_edge(i, j, ());
            }
        }
    }
    for scc in petgraph::algo::tarjan_scc(&graph) {
        let looped = scc.len() > 1 || scc.first().is_some_and(|&n| graph.contains_edge(n, n));
        if looped {
            let mut members = scc.clone();
            members.sort();
            let names: Vec<&str> = members.iter().map(|&i| f.injects[i].id.as_str()).collect();
            let first = members[0];
            cx.error(
                &path!["injects", first, "effects"],
                "cycle",
                format!(
                    "injects trigger each other in a loop: {}",
                    names.join(" -> ")
                ),
                "part of a loop",
            )
            .help = Some(
                "an inject's `trigger_inject` must not lead back to itself; remove one trigger"
                    .into(),
            );
        }
    }
}

fn check_suspect(cx: &mut Cx, p: &Path, s: &SuspectDef) {
    match s {
        SuspectDef::State(id) => {
            cx.resolve(Kind::State, &p.at(0), id);
        }
        SuspectDef::Actor(id) => {
            cx.resolve(Kind::Actor, &p.at(0), id);
        }
    }
}

fn check_pair(cx: &mut Cx, p: &Path, pair: &(String, String)) {
    let a = cx.resolve(Kind::State, &p.at(0), &pair.0);
    let b = cx.resolve(Kind::State, &p.at(1), &pair.1);
    if a.is_some() && a == b {
        cx.error(
            p,
            "self-relation",
            "this needs two different States",
            "same State twice",
        );
    }
}

pub(crate) fn check_effect(cx: &mut Cx, p: &Path, e: &Effect) {
    match e {
        Effect::Operation {
            by, node, spread, ..
        } => {
            check_suspect(cx, &p.at("by"), by);
            cx.resolve(Kind::Node, &p.at("node"), node);
            cx.number(&p.at("spread"), *spread, 0.0, 1.0, "`spread`");
        }
        Effect::Evidence {
            to,
            incident,
            points_to,
            weight,
            text,
            ..
        } => {
            cx.resolve(Kind::State, &p.at("to"), to);
            cx.resolve(Kind::Incident, &p.at("incident"), incident);
            check_suspect(cx, &p.at("points_to"), points_to);
            cx.number(&p.at("weight"), *weight, 0.0, 1.0, "`weight`");
            cx.text(&p.at("text"), text);
        }
        Effect::PlantEvidence {
            incident,
            points_to,
            weight,
        } => {
            cx.resolve(Kind::Incident, &p.at("incident"), incident);
            check_suspect(cx, &p.at("points_to"), points_to);
            cx.number(&p.at("weight"), *weight, 0.0, 1.0, "`weight`");
        }
        Effect::News(t) => cx.text(&p.at(0), t),
        Effect::Intel { to, text } => {
            cx.resolve(Kind::State, &p.at("to"), to);
            cx.text(&p.at("text"), text);
        }
        Effect::Pressure { state, change } | Effect::Reputation { state, change } => {
            cx.resolve(Kind::State, &p.at("state"), state);
            cx.number(&p.at("change"), *change, -100.0, 100.0, "`change`");
        }
        Effect::Capital { state, change } => {
            cx.resolve(Kind::State, &p.at("state"), state);
            cx.whole(
                &p.at("change"),
                change.unsigned_abs() as u64,
                0,
                20,
                "the size of `change`",
            );
        }
        Effect::Trust { between, change } | Effect::Tension { between, change } => {
            check_pair(cx, &p.at("between"), between);
            cx.number(&p.at("change"), *change, -100.0, 100.0, "`change`");
        }
        Effect::Escalation(x) => cx.number(&p.at(0), *x, -100.0, 100.0, "the change"),
        Effect::Service { node, level } => {
            cx.resolve(Kind::Node, &p.at("node"), node);
            cx.number(&p.at("level"), *level, 0.0, 1.0, "`level`");
        }
        Effect::OpenChannel { between, .. } | Effect::CloseChannel { between, .. } => {
            check_pair(cx, &p.at("between"), between)
        }
        Effect::OfferDilemma(d) => {
            cx.resolve(Kind::Dilemma, &p.at(0), d);
        }
        Effect::RequestAssistance { from, to } | Effect::AskToStop { from, to } => {
            check_pair(cx, p, &(from.clone(), to.clone()));
        }
        Effect::StopActor(a) => {
            cx.resolve(Kind::Actor, &p.at(0), a);
        }
        Effect::TriggerInject(i) => {
            cx.resolve(Kind::Inject, &p.at(0), i);
        }
    }
}

pub(crate) fn check_condition(cx: &mut Cx, p: &Path, c: &Condition) {
    use Condition as C;
    match c {
        C::Always | C::Never => {}
        C::TurnAtLeast(t) => cx.whole(&p.at(0), *t as u64, 1, MAX_TURNS as u64, "the turn"),
        C::NodeDown(n) | C::Compromised(n) => {
            cx.resolve(Kind::Node, &p.at(0), n);
        }
        C::ServiceBelow(n, x) | C::ServiceAtLeast(n, x) => {
            cx.resolve(Kind::Node, &p.at(0), n);
            cx.number(&p.at(1), *x, 0.0, 1.0, "the service level");
        }
        C::RungAtLeast(r) | C::RungBelow(r) => {
            cx.resolve(Kind::Rung, &p.at(0), r);
        }
        C::EscalationAbove(x) => cx.number(&p.at(0), *x, 0.0, 100.0, "the level"),
        C::TensionAbove(a, b, x) | C::TrustBelow(a, b, x) | C::TrustAbove(a, b, x) => {
            cx.resolve(Kind::State, &p.at(0), a);
            cx.resolve(Kind::State, &p.at(1), b);
            cx.number(&p.at(2), *x, 0.0, 100.0, "the level");
        }
        C::PressureAbove(s, x) | C::ReputationBelow(s, x) | C::ContentAbove(s, x) => {
            cx.resolve(Kind::State, &p.at(0), s);
            cx.number(&p.at(1), *x, 0.0, 100.0, "the level");
        }
        C::HarmAbove(x) | C::TotalHarmAbove(x) => cx.number(&p.at(0), *x, 0.0, 1e15, "the harm"),
        C::Took(s, a) | C::TookLastTurn(s, a) => {
            cx.resolve(Kind::State, &p.at(0), s);
            cx.resolve(Kind::Action, &p.at(1), a);
        }
        C::Attributed { incident, by } => {
            cx.resolve(Kind::Incident, &p.at("incident"), incident);
            if let Some(b) = by {
                cx.resolve(Kind::State, &p.at("by"), b);
            }
        }
        C::CorrectlyAttributed(i) | C::WronglyAttributed(i) | C::IncidentKnown(i) => {
            cx.resolve(Kind::Incident, &p.at(0), i);
        }
        C::AssistanceGiven { from, to } => {
            if let Some(s) = from {
                cx.resolve(Kind::State, &p.at("from"), s);
            }
            if let Some(s) = to {
                cx.resolve(Kind::State, &p.at("to"), s);
            }
        }
        C::CbmUsed(s, _) => {
            cx.resolve(Kind::State, &p.at(0), s);
        }
        C::ChannelOpen(a, b, _) => {
            cx.resolve(Kind::State, &p.at(0), a);
            cx.resolve(Kind::State, &p.at(1), b);
        }
        C::InjectFired(i) => {
            cx.resolve(Kind::Inject, &p.at(0), i);
        }
        C::DilemmaChose(d, _) => {
            // The option is checked in check_dilemma_refs once dilemmas are known.
            cx.resolve(Kind::Dilemma, &p.at(0), d);
        }
        C::ObjectiveMet(o) | C::ObjectiveFailed(o) => {
            cx.resolve(Kind::Objective, &p.at(0), o);
        }
        C::ActorStopped(a) => {
            cx.resolve(Kind::Actor, &p.at(0), a);
        }
        C::All(cs) | C::Any(cs) => {
            if cs.is_empty() {
                cx.error(
                    p,
                    "empty-list",
                    "`all` and `any` need at least one condition",
                    "empty",
                );
            }
            for (i, c) in cs.iter().enumerate() {
                check_condition(cx, &p.at(0).at(i), c);
            }
        }
        C::Not(c) => check_condition(cx, &p.at(0), c),
    }
}

fn check_dilemmas(cx: &mut Cx, f: &ScenarioFile) {
    for (i, d) in f.dilemmas.iter().enumerate() {
        let p = path!["dilemmas", i];
        cx.text(&p.at("title"), &d.title);
        cx.text(&p.at("situation"), &d.situation);
        if let Some(s) = cx.resolve(Kind::State, &p.at("state"), &d.state)
            && f.states[s].controller == Controller::Scripted
        {
            cx.error(
                &p.at("state"),
                "scripted-seat",
                format!(
                    "`{}` is scripted and never decides; a dilemma needs a playing State",
                    d.state
                ),
                "scripted State",
            );
        }
        if !(2..=4).contains(&d.options.len()) {
            cx.error(
                &p.at("options"),
                "option-count",
                format!("a dilemma has two to four options, not {}", d.options.len()),
                "2 to 4 options",
            );
        }
        let mut ids = BTreeSet::new();
        for (o, opt) in d.options.iter().enumerate() {
            let op = p.at("options").at(o);
            if !ids.insert(opt.id.as_str()) {
                cx.error(
                    &op.at("id"),
                    "duplicate-id",
                    format!("two options of this dilemma have the id `{}`", opt.id),
                    "used again",
                );
            }
            cx.text(&op.at("label"), &opt.label);
            cx.text(&op.at("explanation"), &opt.explanation);
            for (j, e) in opt.effects.iter().enumerate() {
                check_effect(cx, &op.at("effects").at(j), e);
            }
            for (j, n) in opt.upholds.iter().enumerate() {
                if opt.violates.contains(n) {
                    cx.error(
                        &op.at("upholds").at(j),
                        "contradiction",
                        format!("`{}` is both upheld and violated", n.id()),
                        "in both lists",
                    );
                }
            }
        }
    }
    // Options named in conditions must exist.
    let mut refs = Vec::new();
    collect_dilemma_refs(f, &mut refs);
    for (p, d, o) in refs {
        if let Some(di) = cx.lookup(Kind::Dilemma, &d)
            && !f.dilemmas[di].options.iter().any(|x| x.id == o)
        {
            let options: Vec<&str> = f.dilemmas[di]
                .options
                .iter()
                .map(|x| x.id.as_str())
                .collect();
            let s = nearest(&o, options.iter().copied()).map(str::to_string);
            let e = cx.error(
                &p,
                "unknown-id",
                format!("dilemma `{d}` has no option `{o}`"),
                "not an option of that dilemma",
            );
            e.help = Some(match s {
                Some(s) => format!("did you mean `{s}`?"),
                None => format!("its options are: {}", options.join(", ")),
            });
        }
    }
}

fn collect_dilemma_refs(f: &ScenarioFile, out: &mut Vec<(Path, String, String)>) {
    fn walk(c: &Condition, p: Path, out: &mut Vec<(Path, String, String)>) {
        match c {
            Condition::DilemmaChose(d, o) => out.push((p.at(1), d.clone(), o.clone())),
            Condition::All(cs) | Condition::Any(cs) => {
                for (i, c) in cs.iter().enumerate() {
                    walk(c, p.at(0).at(i), out);
                }
            }
            Condition::Not(c) => walk(c, p.at(0), out),
            _ => {}
        }
    }
    for (i, inj) in f.injects.iter().enumerate() {
        if let Some(c) = &inj.when {
            walk(c, path!["injects", i, "when"], out);
        }
    }
    for (i, o) in f.objectives.iter().enumerate() {
        walk(&o.condition, path!["objectives", i, "condition"], out);
    }
    for (i, a) in f.actors.iter().enumerate() {
        for (j, b) in a.behaviours.iter().enumerate() {
            if let Some(c) = &b.stop_when {
                walk(c, path!["actors", i, "behaviours", j, "stop_when"], out);
            }
        }
    }
}

fn check_objectives(cx: &mut Cx, f: &ScenarioFile) {
    for (i, o) in f.objectives.iter().enumerate() {
        let p = path!["objectives", i];
        cx.text(&p.at("text"), &o.text);
        if let Some(s) = &o.owner {
            cx.resolve(Kind::State, &p.at("owner"), s);
        }
        check_condition(cx, &p.at("condition"), &o.condition);
        if let Check::ByTurn(t) = o.check {
            cx.whole(
                &p.at("check").at(0),
                t as u64,
                1,
                f.turns.max(1) as u64,
                "the turn",
            );
        }
    }
}

fn ix<T>(cx: &Cx, kind: Kind, id: &str, f: impl Fn(usize) -> T) -> T {
    f(cx.lookup(kind, id).expect("checked before building"))
}

fn party(cx: &Cx, s: &SuspectDef) -> crate::ids::Party {
    match s {
        SuspectDef::State(id) => {
            crate::ids::Party::State(ix(cx, Kind::State, id, StateId::from_index))
        }
        SuspectDef::Actor(id) => {
            crate::ids::Party::Actor(ix(cx, Kind::Actor, id, ActorId::from_index))
        }
    }
}

/// Build the scenario and the starting world from a file that passed the checks.
fn build(cx: &Cx, f: &ScenarioFile) -> (Scenario, World) {
    let state = |id: &str| ix(cx, Kind::State, id, StateId::from_index);
    let mut index = Index::default();
    for (k, v) in cx.map(Kind::State).into_iter().flatten() {
        index.states.insert(k.clone(), StateId::from_index(*v));
    }
    for (k, v) in cx.map(Kind::Node).into_iter().flatten() {
        index.nodes.insert(k.clone(), NodeId::from_index(*v));
    }
    for (k, v) in cx.map(Kind::Actor).into_iter().flatten() {
        index.actors.insert(k.clone(), ActorId::from_index(*v));
    }
    for (k, v) in cx.map(Kind::Action).into_iter().flatten() {
        index.actions.insert(k.clone(), ActionId::from_index(*v));
    }
    for (k, v) in cx.map(Kind::Inject).into_iter().flatten() {
        index.injects.insert(k.clone(), InjectId::from_index(*v));
    }
    for (k, v) in cx.map(Kind::Dilemma).into_iter().flatten() {
        index.dilemmas.insert(k.clone(), DilemmaId::from_index(*v));
    }
    for (k, v) in cx.map(Kind::Objective).into_iter().flatten() {
        index
            .objectives
            .insert(k.clone(), ObjectiveId::from_index(*v));
    }
    for (k, v) in cx.map(Kind::Rung).into_iter().flatten() {
        index.rungs.insert(k.clone(), *v);
    }
    for (k, v) in cx.map(Kind::Network).into_iter().flatten() {
        index.networks.insert(k.clone(), *v);
    }
    for k in cx.map(Kind::Incident).into_iter().flatten().map(|(k, _)| k) {
        index.incidents.insert(k.clone(), ());
    }

    // Actions in id order of their engine index.
    let mut actions: Vec<Option<Action>> = vec![None; index.actions.len()];
    let excluded: BTreeSet<&str> = f.exclude_actions.iter().map(String::as_str).collect();
    for a in catalog::shared_actions()
        .iter()
        .filter(|a| !excluded.contains(a.id.as_str()))
    {
        let i = index.actions[&a.id].index();
        actions[i] = Some(Action {
            def: a.clone(),
            only_for: Vec::new(),
            from_scenario: false,
        });
    }
    for a in &f.actions {
        let i = index.actions[&a.id].index();
        actions[i] = Some(Action {
            def: std::sync::Arc::new(a.clone()),
            only_for: a.only_for.iter().map(|s| state(s)).collect(),
            from_scenario: true,
        });
    }
    let actions: Vec<Action> = actions.into_iter().flatten().collect();

    let ladder: Vec<RungDef> = f
        .ladder
        .clone()
        .unwrap_or_else(|| catalog::default_ladder().to_vec());
    let rungs = ladder
        .iter()
        .map(|r| Rung {
            id: r.id.clone(),
            name: r.name.clone(),
            threshold: r.threshold,
            description: r.description.clone(),
            // The built-in ladder may name actions the scenario excluded.
            opens: r
                .opens
                .iter()
                .filter_map(|a| index.actions.get(a).copied())
                .collect(),
            closes: r
                .closes
                .iter()
                .filter_map(|a| index.actions.get(a).copied())
                .collect(),
        })
        .collect::<Vec<_>>();

    let scenario = Scenario {
        id: f.id.clone(),
        title: f.title.clone(),
        summary: f.summary.clone(),
        difficulty: f.difficulty,
        learning_objectives: f.learning_objectives.clone(),
        sources: f.sources.clone(),
        turn_hours: f.turn_hours,
        turns: f.turns,
        briefing: f.briefing.clone(),
        settings: f.settings.clone(),
        rungs,
        actions,
        behaviours: f.actors.iter().map(|a| a.behaviours.clone()).collect(),
        injects: f.injects.clone(),
        dilemmas: f
            .dilemmas
            .iter()
            .map(|d| Dilemma {
                def: d.clone(),
                state: state(&d.state),
            })
            .collect(),
        objectives: f
            .objectives
            .iter()
            .map(|o| Objective {
                def: o.clone(),
                owner: o.owner.as_deref().map(state),
            })
            .collect(),
        debrief_questions: f.debrief_questions.clone(),
        index,
        path: String::new(),
    };

    // The world.
    let states: Vec<StateData> = f
        .states
        .iter()
        .map(|s| StateData {
            id: s.id.clone(),
            name: s.name.clone(),
            colour: parse_colour(&s.colour).unwrap_or([128, 128, 128]),
            controller: s.controller,
            personality: s.personality,
            capacities: Capacities {
                cert: s.capacities.cert,
                detection: s.capacities.detection,
                resilience: s.capacities.resilience,
                capital: s.capacities.capital,
                offensive: s.capacities.offensive,
            },
            pressure: s.pressure,
            reputation: s.reputation,
            briefing: s.briefing.clone(),
            sanctions: Vec::new(),
            capital_adjust: 0,
            detection_bonus: 0.0,
            assisted: false,
        })
        .collect();
    let mut relations = Relations::new(states.len());
    for r in &f.relations {
        if let Some(rel) = relations.get_mut(state(&r.between.0), state(&r.between.1)) {
            rel.trust = r.trust;
            rel.tension = r.tension;
            rel.channels = r.channels.iter().copied().collect();
        }
    }

    let mut graph: DiGraph<Node, Edge> =
        DiGraph::with_capacity(f.nodes.len(), f.links.len() + f.dependencies.len());
    let mut networks: Vec<Network> = f
        .networks
        .iter()
        .map(|n| Network {
            id: n.id.clone(),
            name: n.name.clone(),
            members: Vec::new(),
            has_cores: false,
        })
        .collect();
    for (i, n) in f.nodes.iter().enumerate() {
        let network = n
            .network
            .as_deref()
            .map(|id| NetworkId::from_index(cx.lookup(Kind::Network, id).expect("checked")));
        if let Some(net) = network {
            networks[net.index()].members.push(NodeId::from_index(i));
            if n.core {
                networks[net.index()].has_cores = true;
            }
        }
        graph.add_node(Node {
            id: n.id.clone(),
            name: n.name.clone(),
            owner: state(&n.owner),
            sector: n.sector,
            population: n.population,
            network,
            core: n.core,
            health: n.service,
            temp_loss: 0.0,
            service: n.service,
            buffer_max: n.buffer,
            buffer_left: n.buffer,
            hardening: n.hardening,
            isolated: false,
            sabotaged: false,
            compromise: None,
        });
    }
    let node = |id: &str| NodeIndex::new(cx.lookup(Kind::Node, id).expect("checked"));
    for l in &f.links {
        graph.add_edge(node(&l.between.0), node(&l.between.1), Edge::Link);
    }
    for d in &f.dependencies {
        graph.add_edge(
            node(&d.supplier),
            node(&d.dependent),
            Edge::Dependency {
                kind: d.kind,
                strength: d.strength,
            },
        );
    }

    let actors: Vec<ActorData> = f
        .actors
        .iter()
        .map(|a| ActorData {
            id: a.id.clone(),
            name: a.name.clone(),
            kind: a.kind,
            based_in: state(&a.based_in),
            sponsor: a.sponsor.as_deref().map(state),
            capability: a.capability,
            stealth: a.stealth,
            stopped: false,
            behaviours_stopped: vec![false; a.behaviours.len()],
        })
        .collect();

    // Footholds present at the start are hidden incidents.
    let mut incidents = Vec::new();
    for (i, n) in f.nodes.iter().enumerate() {
        if let Some(a) = &n.compromised_by {
            let actor = ActorId::from_index(cx.lookup(Kind::Actor, a).expect("checked"));
            let inc = IncidentId::from_index(incidents.len());
            let owner = state(&n.owner);
            incidents.push(Incident {
                id: format!("foothold-{}", n.id),
                turn: 0,
                kind: OperationKind::Intrusion,
                nodes: vec![NodeId::from_index(i)],
                victim: owner,
                perpetrator: crate::ids::Party::Actor(actor),
                sponsor: actors[actor.index()].sponsor,
                known_to: BTreeSet::new(),
                public: false,
                planted: Vec::new(),
                attributions: Vec::new(),
                investigations: Vec::new(),
            });
            graph[NodeIndex::new(i)].compromise = Some(Compromise {
                by: crate::ids::Party::Actor(actor),
                incident: inc,
                kind: OperationKind::Intrusion,
                detected: false,
                spread: 0.0,
            });
        }
    }

    let n_states = states.len();
    let mut potential = vec![0.0; n_states];
    for n in graph.node_weights() {
        potential[n.owner.index()] += n.weighted_population();
    }
    let level = f.settings.initial_escalation;
    let rung = scenario.rung_for(level);
    let world = World {
        states,
        relations,
        ladder: LadderState {
            level,
            rung,
            peak: level,
            peak_rung: rung,
            fed_this_turn: 0.0,
            eased_this_turn: 0.0,
        },
        infra: Infrastructure::new(graph, networks),
        actors,
        incidents,
        evidence: Vec::new(),
        requests: Vec::new(),
        ledger: Vec::new(),
        cbm_uses: Vec::new(),
        assistance: Vec::new(),
        took: Vec::new(),
        content: vec![0.0; n_states],
        harm: vec![Vec::new(); n_states],
        potential,
    };
    let _ = party; // used by the rules when effects fire
    (scenario, world)
}

pub(crate) fn suspect_party(scenario: &Scenario, s: &SuspectDef) -> Option<crate::ids::Party> {
    Some(match s {
        SuspectDef::State(id) => crate::ids::Party::State(*scenario.index.states.get(id)?),
        SuspectDef::Actor(id) => crate::ids::Party::Actor(*scenario.index.actors.get(id)?),
    })
}

/// Check the built-in catalogue with the same rules as scenario actions.
pub fn check_catalogue() -> Vec<Diagnostic> {
    let source = Source::new("<built-in actions>", "");
    let tree = SpanTree::default();
    let mut cx = Cx::new(&source, &tree);
    let map: HashMap<String, usize> = catalog::actions()
        .iter()
        .enumerate()
        .map(|(i, a)| (a.id.clone(), i))
        .collect();
    cx.ids[Cx::key(Kind::Action)] = Some(map);
    for (i, a) in catalog::actions().iter().enumerate() {
        check_action(&mut cx, &path![i], a);
    }
    cx.diags
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_catalogue_passes_the_scenario_checks() {
        let d = super::check_catalogue();
        assert!(d.is_empty(), "{d:#?}");
    }
}
