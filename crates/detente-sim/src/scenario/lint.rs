//! Warnings: a scenario that loads but will not play as its author meant.
//! Conditions are analysed statically (always / never / depends) with what
//! the scenario itself makes possible: the turns it has, the dilemmas it
//! offers, the actions each State can take. `--deny-warnings` turns these
//! into errors.

use std::collections::BTreeSet;
use std::sync::Arc;

use super::Scenario;
use super::diagnostics::{Diagnostic, Source};
use super::format::*;
use super::spans::{Path, SpanTree};
use crate::game::Game;
use crate::ids::StateId;
use crate::path;
use crate::world::World;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tri {
    Always,
    Never,
    Maybe,
}

struct Lx<'a> {
    file: &'a ScenarioFile,
    scenario: &'a Scenario,
    arc: Arc<Scenario>,
    source: &'a Source,
    tree: &'a SpanTree,
    offered: BTreeSet<String>,
    out: Vec<Diagnostic>,
}

impl Lx<'_> {
    fn warn(
        &mut self,
        path: &Path,
        code: &'static str,
        message: impl Into<String>,
        label: &str,
        help: impl Into<String>,
    ) {
        let span = self.tree.locate(path).map(|(s, _)| s).unwrap_or(0..0);
        self.out.push(
            Diagnostic::warning(code, &self.source.name, message)
                .at(self.source, span, label)
                .with_help(help)
                .with_note(format!("at `{path}`")),
        );
    }

    /// Whether a condition can hold during the game, with a depth guard for
    /// objectives that refer to each other.
    fn tri(&self, c: &Condition, depth: u32) -> Tri {
        use Condition as C;
        if depth > 16 {
            return Tri::Maybe;
        }
        let turns = self.file.turns;
        match c {
            C::Always => Tri::Always,
            C::Never => Tri::Never,
            C::TurnAtLeast(t) if *t > turns => Tri::Never,
            C::TurnAtLeast(t) if *t <= 1 => Tri::Always,
            C::RungAtLeast(r)
                if self.scenario.index.rungs.get(r).copied() == Some(self.scenario.top_rung()) =>
            {
                Tri::Never
            }
            C::RungAtLeast(r) if self.scenario.index.rungs.get(r).copied() == Some(0) => {
                Tri::Always
            }
            C::RungBelow(r) if self.scenario.index.rungs.get(r).copied() == Some(0) => Tri::Never,
            C::DilemmaChose(d, _) if !self.offered.contains(d) => Tri::Never,
            C::Took(s, a) | C::TookLastTurn(s, a) if !self.can_take(s, a) => Tri::Never,
            C::ObjectiveMet(o) => match self.objective(o) {
                Some(obj) if self.tri(&obj.condition, depth + 1) == Tri::Never => Tri::Never,
                _ => Tri::Maybe,
            },
            C::ObjectiveFailed(o) => match self.objective(o) {
                Some(obj) if self.tri(&obj.condition, depth + 1) == Tri::Always => Tri::Never,
                _ => Tri::Maybe,
            },
            C::All(cs) => {
                let ts: Vec<Tri> = cs.iter().map(|c| self.tri(c, depth + 1)).collect();
                if ts.contains(&Tri::Never) {
                    Tri::Never
                } else if ts.iter().all(|t| *t == Tri::Always) {
                    Tri::Always
                } else {
                    Tri::Maybe
                }
            }
            C::Any(cs) => {
                let ts: Vec<Tri> = cs.iter().map(|c| self.tri(c, depth + 1)).collect();
                if ts.contains(&Tri::Always) {
                    Tri::Always
                } else if ts.iter().all(|t| *t == Tri::Never) {
                    Tri::Never
                } else {
                    Tri::Maybe
                }
            }
            C::Not(c) => match self.tri(c, depth + 1) {
                Tri::Always => Tri::Never,
                Tri::Never => Tri::Always,
                Tri::Maybe => Tri::Maybe,
            },
            _ => Tri::Maybe,
        }
    }

    fn objective(&self, id: &str) -> Option<&ObjectiveDef> {
        self.file.objectives.iter().find(|o| o.id == id)
    }

    /// Whether a State could ever take an action (it plays, and may).
    fn can_take(&self, s: &str, a: &str) -> bool {
        let Some(state) = self.file.states.iter().find(|x| x.id == s) else {
            return false;
        };
        if state.controller == Controller::Scripted {
            return false;
        }
        let Some(id) = self.scenario.action_id(a) else {
            return false;
        };
        let action = self.scenario.action(id);
        let sid = self.scenario.state_id(s);
        action.only_for.is_empty() || sid.is_some_and(|x| action.only_for.contains(&x))
    }
}

/// Every inject, dilemma option and starting effect that offers a dilemma.
fn offered_dilemmas(f: &ScenarioFile) -> BTreeSet<String> {
    let mut set = BTreeSet::new();
    let mut scan = |effects: &[Effect]| {
        for e in effects {
            if let Effect::OfferDilemma(d) = e {
                set.insert(d.clone());
            }
        }
    };
    for i in &f.injects {
        scan(&i.effects);
    }
    for d in &f.dilemmas {
        for o in &d.options {
            scan(&o.effects);
        }
    }
    set
}

pub fn lint(
    file: &ScenarioFile,
    scenario: &Arc<Scenario>,
    world: &World,
    source: &Source,
    tree: &SpanTree,
) -> Vec<Diagnostic> {
    let mut lx = Lx {
        file,
        scenario: scenario.as_ref(),
        arc: scenario.clone(),
        source,
        tree,
        offered: offered_dilemmas(file),
        out: Vec::new(),
    };
    lint_injects(&mut lx);
    lint_objectives(&mut lx);
    lint_nodes(&mut lx, world);
    lint_dilemmas(&mut lx);
    lint_states(&mut lx, world);
    lint_actors(&mut lx);
    lint_text(&mut lx);
    lint_tabs(&mut lx);
    lx.out
}

fn lint_injects(lx: &mut Lx) {
    let turns = lx.file.turns;
    for (i, inj) in lx.file.injects.iter().enumerate() {
        let p = path!["injects", i];
        if let Some(t) = inj.turn
            && t > turns
        {
            lx.warn(
                &p.at("turn"),
                "inject-after-last-turn",
                format!(
                    "inject `{}` is scheduled for turn {t}, but the game has only {turns} turns",
                    inj.id
                ),
                "after the last turn",
                format!("use a turn from 1 to {turns}, or raise `turns`"),
            );
            continue;
        }
        let when = inj
            .when
            .as_ref()
            .map(|c| lx.tri(c, 0))
            .unwrap_or(Tri::Always);
        let mut never = when == Tri::Never || inj.chance <= 0.0;
        // A turn-scheduled inject whose condition only holds later never fires.
        if let (Some(t), Some(c)) = (inj.turn, &inj.when)
            && min_turn(c).is_some_and(|m| m > t)
        {
            never = true;
        }
        if never {
            let at = if inj.chance <= 0.0 {
                p.at("chance")
            } else {
                p.at("when")
            };
            lx.warn(
                &at,
                "inject-never-fires",
                format!("inject `{}` can never fire", inj.id),
                "never true",
                if inj.chance <= 0.0 { "its chance is 0; use a chance above 0".to_string() } else { "its condition can never hold in this scenario; check the turns, rungs and ids it uses".to_string() },
            );
        }
    }
}

/// The first turn from which a condition can hold, if it says.
fn min_turn(c: &Condition) -> Option<u32> {
    match c {
        Condition::TurnAtLeast(t) => Some(*t),
        Condition::All(cs) => cs.iter().filter_map(min_turn).max(),
        _ => None,
    }
}

fn lint_objectives(lx: &mut Lx) {
    for (i, o) in lx.file.objectives.iter().enumerate() {
        let p = path!["objectives", i, "condition"];
        let mut t = lx.tri(&o.condition, 0);
        if let Check::ByTurn(n) = o.check
            && min_turn(&o.condition).is_some_and(|m| m > n)
        {
            t = Tri::Never;
        }
        match t {
            Tri::Never => lx.warn(
                &p,
                "objective-never-met",
                format!("objective `{}` can never be met", o.id),
                "never true",
                "change its condition so that the players' choices can meet it",
            ),
            Tri::Always => lx.warn(
                &p,
                "objective-always-met",
                format!("objective `{}` is met whatever the players do", o.id),
                "always true",
                "an objective should depend on the players' choices",
            ),
            Tri::Maybe => {}
        }
    }
}

fn lint_nodes(lx: &mut Lx, world: &World) {
    let infra = &world.infra;
    let mut links_of = vec![0usize; infra.len()];
    let mut dependents_of = vec![0usize; infra.len()];
    for (a, b, e) in infra.edges() {
        match e {
            crate::world::infra::Edge::Link => {
                links_of[a.index()] += 1;
                links_of[b.index()] += 1;
            }
            crate::world::infra::Edge::Dependency { .. } => dependents_of[a.index()] += 1,
        }
    }
    for (id, node) in infra.nodes() {
        let has_dependents = dependents_of[id.index()] > 0;
        let links = links_of[id.index()];
        let i = id.index();
        // A CERT facility serves its State's incident response.
        let serves = node.population > 0.0 || node.sector == Sector::Cert;
        if !serves && !has_dependents && (node.network.is_none() || (links <= 1 && !node.core)) {
            lx.warn(
                &path!["nodes", i, "id"],
                "orphan-node",
                format!("node `{}` serves no one and nothing depends on it", node.id),
                "has no effect on the game",
                "give it a `population`, make another node depend on it, or remove it",
            );
        }
        if let Some(net) = node.network
            && infra.networks[net.index()].has_cores
            && !node.core
            && links == 0
        {
            lx.warn(
                &path!["nodes", i, "network"],
                "unlinked-member",
                format!(
                    "node `{}` is in a network but linked to nothing, so it is always cut off",
                    node.id
                ),
                "no links",
                "add a link (in `links`) from it to another member of the network",
            );
        }
    }
}

fn lint_dilemmas(lx: &mut Lx) {
    for (i, d) in lx.file.dilemmas.iter().enumerate() {
        let p = path!["dilemmas", i];
        let has_good = d
            .options
            .iter()
            .any(|o| !o.upholds.is_empty() && o.violates.is_empty());
        if !has_good {
            lx.warn(
                &p.at("options"),
                "no-norm-option",
                format!("no option of dilemma `{}` upholds the norms without breaking one", d.id),
                "no norm-abiding choice",
                "give at least one option an `upholds` list and no `violates`: players need a responsible way out",
            );
        }
        if !lx.offered.contains(&d.id) {
            lx.warn(
                &p.at("id"),
                "dilemma-never-offered",
                format!("dilemma `{}` is never offered", d.id),
                "not offered anywhere",
                format!("add `offer_dilemma(\"{}\")` to an inject's effects", d.id),
            );
        }
    }
}

fn lint_states(lx: &mut Lx, world: &World) {
    let game = Game::new(lx.arc.clone(), world.clone(), 0);
    // An objective to reach "by turn N" that already holds at the start is
    // met on turn 1 whatever the players do.
    for (i, o) in lx.file.objectives.iter().enumerate() {
        if matches!(o.check, Check::ByTurn(_))
            && crate::rules::conditions::holds(&game, &o.condition)
        {
            lx.warn(
                &path!["objectives", i, "condition"],
                "objective-met-at-start",
                format!("objective `{}` already holds at the start, so it is met on turn 1", o.id),
                "true at the start",
                "add `turn_at_least(N)` to the condition (inside `all([...])`), or use `check: every_turn` or `at_end`",
            );
        }
    }
    for (i, s) in lx.file.states.iter().enumerate() {
        if s.controller == Controller::Scripted {
            continue;
        }
        let id = StateId::from_index(i);
        let any = (0..game.scenario.actions.len())
            .map(crate::ids::ActionId::from_index)
            .any(|a| game.action_open(id, a).is_ok() && game.any_affordable_target(id, a));
        if !any {
            lx.warn(
                &path!["states", i, "id"],
                "no-possible-action",
                format!("State `{}` has no action it can take at the start", s.id),
                "cannot act",
                "raise its `capital`, or keep some actions (check `exclude_actions` and `only_for`)",
            );
        }
    }
}

fn lint_actors(lx: &mut Lx) {
    let mut used = BTreeSet::new();
    for inj in &lx.file.injects {
        for e in &inj.effects {
            match e {
                Effect::Operation {
                    by: SuspectDef::Actor(a),
                    ..
                }
                | Effect::StopActor(a) => {
                    used.insert(a.clone());
                }
                Effect::Evidence {
                    points_to: SuspectDef::Actor(a),
                    ..
                }
                | Effect::PlantEvidence {
                    points_to: SuspectDef::Actor(a),
                    ..
                } => {
                    used.insert(a.clone());
                }
                _ => {}
            }
        }
    }
    for d in &lx.file.dilemmas {
        for o in &d.options {
            for e in &o.effects {
                if let Effect::Operation {
                    by: SuspectDef::Actor(a),
                    ..
                } = e
                {
                    used.insert(a.clone());
                }
            }
        }
    }
    for n in &lx.file.nodes {
        if let Some(a) = &n.compromised_by {
            used.insert(a.clone());
        }
    }
    for (i, a) in lx.file.actors.iter().enumerate() {
        if a.behaviours.is_empty() && !used.contains(&a.id) && a.sponsor.is_none() {
            lx.warn(
                &path!["actors", i, "id"],
                "idle-actor",
                format!("actor `{}` never does anything", a.id),
                "no behaviour, no inject",
                "give it a `behaviours` entry or use it in an inject's `operation`",
            );
        }
    }
}

fn lint_text(lx: &mut Lx) {
    let f = lx.file;
    let mut empty: Vec<(Path, &str)> = Vec::new();
    let mut check = |p: Path, s: &str, what: &'static str| {
        if s.trim().is_empty() {
            empty.push((p, what));
        }
    };
    check(path!["title"], &f.title, "the title");
    check(path!["summary"], &f.summary, "the summary");
    for (i, s) in f.learning_objectives.iter().enumerate() {
        check(path!["learning_objectives", i], s, "a learning objective");
    }
    for (i, s) in f.debrief_questions.iter().enumerate() {
        check(path!["debrief_questions", i], s, "a debrief question");
    }
    for (i, s) in f.sources.iter().enumerate() {
        check(
            path!["sources", i, "incident"],
            &s.incident,
            "a source's incident",
        );
        check(
            path!["sources", i, "citation"],
            &s.citation,
            "a source's citation",
        );
    }
    for (i, s) in f.states.iter().enumerate() {
        check(path!["states", i, "name"], &s.name, "a State's name");
    }
    for (i, n) in f.nodes.iter().enumerate() {
        check(path!["nodes", i, "name"], &n.name, "a node's name");
    }
    for (i, n) in f.networks.iter().enumerate() {
        check(path!["networks", i, "name"], &n.name, "a network's name");
    }
    for (i, a) in f.actors.iter().enumerate() {
        check(path!["actors", i, "name"], &a.name, "an actor's name");
    }
    for (i, a) in f.actions.iter().enumerate() {
        check(path!["actions", i, "name"], &a.name, "an action's name");
        check(
            path!["actions", i, "summary"],
            &a.summary,
            "an action's summary",
        );
    }
    for (i, d) in f.dilemmas.iter().enumerate() {
        check(path!["dilemmas", i, "title"], &d.title, "a dilemma's title");
        check(
            path!["dilemmas", i, "situation"],
            &d.situation,
            "a dilemma's situation",
        );
        for (j, o) in d.options.iter().enumerate() {
            check(
                path!["dilemmas", i, "options", j, "label"],
                &o.label,
                "an option's label",
            );
        }
    }
    for (i, o) in f.objectives.iter().enumerate() {
        check(
            path!["objectives", i, "text"],
            &o.text,
            "an objective's text",
        );
    }
    for (i, inj) in f.injects.iter().enumerate() {
        for (j, e) in inj.effects.iter().enumerate() {
            match e {
                Effect::News(t) => check(path!["injects", i, "effects", j, 0], t, "a news item"),
                Effect::Intel { text, .. } => check(
                    path!["injects", i, "effects", j, "text"],
                    text,
                    "an intelligence item",
                ),
                _ => {}
            }
        }
    }
    for (p, what) in empty {
        lx.warn(
            &p,
            "empty-text",
            format!("{what} is empty"),
            "empty text",
            "write something the players will read here",
        );
    }
    if f.learning_objectives.is_empty() {
        lx.warn(
            &path!["learning_objectives"],
            "empty-text",
            "the scenario has no learning objectives",
            "empty list",
            "say what trainees should learn, in one line each",
        );
    }
    if f.debrief_questions.is_empty() {
        lx.warn(
            &path!["debrief_questions"],
            "empty-text",
            "the scenario has no debrief questions",
            "empty list",
            "add questions for the discussion after the game",
        );
    }
}

/// Tabs inside text show as wide gaps in the game.
fn lint_tabs(lx: &mut Lx) {
    let text = &lx.source.text;
    let bytes = text.as_bytes();
    // Most files have no tab at all: one fast search instead of a scan.
    if memchr::memchr(b'\t', bytes).is_none() {
        return;
    }
    let mut i = 0;
    let mut in_str = false;
    let mut in_line_comment = false;
    let mut in_block = 0usize;
    while i < bytes.len() {
        let c = bytes[i];
        if in_line_comment {
            if c == b'\n' {
                in_line_comment = false;
            }
        } else if in_block > 0 {
            if c == b'*' && bytes.get(i + 1) == Some(&b'/') {
                in_block -= 1;
                i += 1;
            } else if c == b'/' && bytes.get(i + 1) == Some(&b'*') {
                in_block += 1;
                i += 1;
            }
        } else if in_str {
            match c {
                b'\\' => i += 1,
                b'"' => in_str = false,
                b'\t' => {
                    lx.out.push(
                        Diagnostic::warning(
                            "tab-in-text",
                            &lx.source.name,
                            "a tab character inside text",
                        )
                        .at(lx.source, i..i + 1, "tab")
                        .with_help(
                            "replace the tab with spaces; tabs show as wide gaps in the game",
                        ),
                    );
                }
                _ => {}
            }
        } else if c == b'"' {
            in_str = true;
        } else if c == b'/' && bytes.get(i + 1) == Some(&b'/') {
            in_line_comment = true;
        } else if c == b'/' && bytes.get(i + 1) == Some(&b'*') {
            in_block = 1;
            i += 1;
        }
        i += 1;
    }
}
