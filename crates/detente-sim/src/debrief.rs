//! The debrief: the truth revealed (who really did what), the timeline of
//! every decision with its norm and CBM tags, the series for charts, the
//! objectives, the scores and the scenario's discussion questions; and its
//! exports to JSON, Markdown and a self-contained HTML page.

use serde::Serialize;

use crate::events::{EndReason, EventKind};
use crate::game::{Game, ObjectiveStatus, Status};
use crate::ids::*;
use crate::narrate;
use crate::score::DimensionScores;

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// The top rung was reached.
    CollectiveLoss,
    /// Most objectives met and the crisis kept below confrontation.
    CrisisContained,
    PartialSuccess,
    CrisisLost,
    /// The game is still running.
    InProgress,
}

impl Verdict {
    pub fn label(&self) -> &'static str {
        match self {
            Verdict::CollectiveLoss => "Collective loss: the crisis became an armed conflict",
            Verdict::CrisisContained => "Crisis contained",
            Verdict::PartialSuccess => "Partial success",
            Verdict::CrisisLost => "Crisis lost",
            Verdict::InProgress => "In progress",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StateScore {
    pub state: String,
    pub name: String,
    pub controller: String,
    pub scores: DimensionScores,
    pub overall: f64,
    pub norms_upheld: usize,
    pub norms_violated: usize,
    pub cbms_used: usize,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ObjectiveResult {
    pub id: String,
    pub text: String,
    pub owner: Option<String>,
    pub status: String,
    pub turn: Option<u32>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AttributionResult {
    pub turn: u32,
    pub by: String,
    pub named: String,
    pub confidence: f64,
    pub joint: bool,
    pub correct: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct IncidentTruth {
    pub id: String,
    pub turn: u32,
    pub kind: String,
    pub facilities: Vec<String>,
    pub victim: String,
    pub perpetrator: String,
    pub sponsor: Option<String>,
    pub false_flag: Vec<String>,
    pub attributions: Vec<AttributionResult>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ActorTruth {
    pub name: String,
    pub kind: String,
    pub based_in: String,
    pub sponsor: Option<String>,
    pub stopped: bool,
}

impl ActorTruth {
    /// "Grey Wolf (state-sponsored group) operated from Borduria, secretly
    /// sponsored by Borduria." The same sentence on screen and in exports.
    pub fn sentence(&self) -> String {
        format!(
            "{} ({}) operated from {}{}{}.",
            self.name,
            self.kind.to_lowercase(),
            self.based_in,
            self.sponsor
                .as_ref()
                .map(|s| format!(", secretly sponsored by {s}"))
                .unwrap_or_default(),
            if self.stopped { "; it was stopped" } else { "" }
        )
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Decision {
    pub turn: u32,
    pub state: String,
    pub what: String,
    pub target: String,
    pub upholds: Vec<String>,
    pub violates: Vec<String>,
    pub cbm: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TurnPoint {
    pub turn: u32,
    pub escalation: f64,
    pub rung: String,
    pub harm: f64,
    pub mean_trust: f64,
    pub max_tension: f64,
    pub human_security: f64,
    pub stability: f64,
    pub norms: f64,
    pub cooperation: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Debrief {
    pub scenario: String,
    pub title: String,
    pub seed: u64,
    pub turns_played: u32,
    pub ended: Option<String>,
    pub verdict: Verdict,
    pub verdict_text: String,
    pub escalation_peak: f64,
    pub escalation_end: f64,
    pub peak_rung: String,
    pub total_harm: f64,
    pub scores: DimensionScores,
    pub overall: f64,
    pub states: Vec<StateScore>,
    pub objectives: Vec<ObjectiveResult>,
    pub incidents: Vec<IncidentTruth>,
    pub actors: Vec<ActorTruth>,
    pub timeline: Vec<Decision>,
    pub series: Vec<TurnPoint>,
    pub questions: Vec<String>,
    pub notes: Vec<(u32, String)>,
}

fn round(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

fn round_scores(s: &DimensionScores) -> DimensionScores {
    DimensionScores {
        human_security: round(s.human_security),
        stability: round(s.stability),
        norms: round(s.norms),
        cooperation: round(s.cooperation),
        objectives_met: s.objectives_met,
        objectives_total: s.objectives_total,
    }
}

pub fn verdict(game: &Game) -> Verdict {
    match game.status {
        Status::Playing => Verdict::InProgress,
        Status::Ended(EndReason::TopRung) => Verdict::CollectiveLoss,
        Status::Ended(EndReason::LastTurn) => {
            let total = game.objectives.len().max(1) as f64;
            let met = game
                .objectives
                .iter()
                .filter(|o| matches!(o, ObjectiveStatus::Met(_)))
                .count() as f64;
            let share = if game.objectives.is_empty() {
                1.0
            } else {
                met / total
            };
            let calm = game.world.ladder.peak_rung < 3.min(game.scenario.top_rung());
            if share >= 0.7 && calm {
                Verdict::CrisisContained
            } else if share >= 0.4 {
                Verdict::PartialSuccess
            } else {
                Verdict::CrisisLost
            }
        }
    }
}

pub fn build(game: &Game) -> Debrief {
    let w = &game.world;
    let sc = &game.scenario;
    let scores = game.scores();
    let states = w
        .states
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let id = StateId::from_index(i);
            let d = scores.by_state.get(i).cloned().unwrap_or_default();
            StateScore {
                state: s.id.clone(),
                name: s.name.clone(),
                controller: format!("{:?}", s.controller).to_lowercase(),
                overall: round(d.overall()),
                scores: round_scores(&d),
                norms_upheld: w
                    .ledger
                    .iter()
                    .filter(|l| l.state == id && l.upheld)
                    .count(),
                norms_violated: w
                    .ledger
                    .iter()
                    .filter(|l| l.state == id && !l.upheld)
                    .count(),
                cbms_used: w.cbm_uses.iter().filter(|(_, s, _)| *s == id).count(),
            }
        })
        .collect();
    let objectives = sc
        .objectives
        .iter()
        .zip(&game.objectives)
        .map(|(o, s)| ObjectiveResult {
            id: o.def.id.clone(),
            text: o.def.text.clone(),
            owner: o.owner.map(|x| w.state(x).name.clone()),
            status: match s {
                ObjectiveStatus::Pending => "pending",
                ObjectiveStatus::Met(_) => "met",
                ObjectiveStatus::Failed(_) => "failed",
            }
            .into(),
            turn: match s {
                ObjectiveStatus::Met(t) | ObjectiveStatus::Failed(t) => Some(*t),
                ObjectiveStatus::Pending => None,
            },
        })
        .collect();
    let incidents = w
        .incidents
        .iter()
        .map(|inc| IncidentTruth {
            id: inc.id.clone(),
            turn: inc.turn,
            kind: inc.kind.label().into(),
            facilities: inc.nodes.iter().map(|&n| narrate::node(game, n)).collect(),
            victim: narrate::state(game, inc.victim),
            perpetrator: narrate::party(game, inc.perpetrator),
            sponsor: inc
                .sponsor
                .filter(|s| inc.perpetrator != Party::State(*s))
                .map(|s| narrate::state(game, s)),
            false_flag: inc
                .planted
                .iter()
                .map(|(p, _)| narrate::party(game, *p))
                .collect(),
            attributions: inc
                .attributions
                .iter()
                .map(|a| AttributionResult {
                    turn: a.turn,
                    by: narrate::state(game, a.by),
                    named: narrate::party(game, a.suspect),
                    confidence: round(a.confidence),
                    joint: a.joint,
                    correct: a.correct,
                })
                .collect(),
        })
        .collect();
    let actors = w
        .actors
        .iter()
        .map(|a| ActorTruth {
            name: a.name.clone(),
            kind: a.kind.label().into(),
            based_in: narrate::state(game, a.based_in),
            sponsor: a.sponsor.map(|s| narrate::state(game, s)),
            stopped: a.stopped,
        })
        .collect();
    let mut timeline = Vec::new();
    for e in &game.events {
        match &e.kind {
            EventKind::ActionTaken {
                state,
                action,
                target,
                ..
            } => {
                let Some(def) = sc.actions.get(action.index()).map(|a| &a.def) else {
                    continue;
                };
                timeline.push(Decision {
                    turn: e.turn,
                    state: narrate::state(game, *state),
                    what: def.name.clone(),
                    target: narrate::target(game, target),
                    upholds: def.upholds.iter().map(|n| n.reference()).collect(),
                    violates: def.violates.iter().map(|n| n.reference()).collect(),
                    cbm: def.cbm.map(|c| c.reference()),
                });
            }
            EventKind::DilemmaChosen {
                state,
                dilemma,
                option,
            } => {
                let Some(d) = sc.dilemmas.get(dilemma.index()).map(|d| &d.def) else {
                    continue;
                };
                let Some(o) = d.options.get(*option) else {
                    continue;
                };
                timeline.push(Decision {
                    turn: e.turn,
                    state: narrate::state(game, *state),
                    what: format!("Dilemma: {}", d.title),
                    target: o.label.clone(),
                    upholds: o.upholds.iter().map(|n| n.reference()).collect(),
                    violates: o.violates.iter().map(|n| n.reference()).collect(),
                    cbm: o.cbm.map(|c| c.reference()),
                });
            }
            _ => {}
        }
    }
    let series = game
        .history
        .iter()
        .map(|h| TurnPoint {
            turn: h.turn,
            escalation: round(h.escalation),
            rung: sc
                .rungs
                .get(h.rung)
                .map(|r| r.name.clone())
                .unwrap_or_default(),
            harm: round(h.harm),
            mean_trust: round(h.mean_trust),
            max_tension: round(h.max_tension),
            human_security: round(h.scores.all.human_security),
            stability: round(h.scores.all.stability),
            norms: round(h.scores.all.norms),
            cooperation: round(h.scores.all.cooperation),
        })
        .collect();
    let v = verdict(game);
    Debrief {
        scenario: sc.id.clone(),
        title: sc.title.clone(),
        seed: game.seed,
        turns_played: game.history.len() as u32,
        ended: match game.status {
            Status::Playing => None,
            Status::Ended(EndReason::LastTurn) => Some("last_turn".into()),
            Status::Ended(EndReason::TopRung) => Some("top_rung".into()),
        },
        verdict_text: v.label().into(),
        verdict: v,
        escalation_peak: round(w.ladder.peak),
        escalation_end: round(w.ladder.level),
        peak_rung: sc
            .rungs
            .get(w.ladder.peak_rung)
            .map(|r| r.name.clone())
            .unwrap_or_default(),
        total_harm: round(w.total_harm()),
        overall: round(scores.all.overall()),
        scores: round_scores(&scores.all),
        states,
        objectives,
        incidents,
        actors,
        timeline,
        series,
        questions: sc.debrief_questions.clone(),
        notes: game.notes.clone(),
    }
}

pub fn to_json(d: &Debrief) -> String {
    serde_json::to_string_pretty(d).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
}

fn md_escape(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

pub fn to_markdown(d: &Debrief) -> String {
    let mut m = String::new();
    m.push_str(&format!("# Debrief: {}\n\n", d.title));
    m.push_str(&format!(
        "**{}** after {} turns (seed {}). Escalation peak {:.0}, end {:.0} (highest rung: {}). Civilian harm {:.0}.\n\n",
        d.verdict_text, d.turns_played, d.seed, d.escalation_peak, d.escalation_end, d.peak_rung, d.total_harm
    ));
    m.push_str("## Scores\n\n| State | Played by | Human security | Stability | Norms | Cooperation | Objectives |\n|---|---|---|---|---|---|---|\n");
    for s in &d.states {
        m.push_str(&format!(
            "| {} | {} | {:.0} | {:.0} | {:.0} | {:.0} | {}/{} |\n",
            md_escape(&s.name),
            s.controller,
            s.scores.human_security,
            s.scores.stability,
            s.scores.norms,
            s.scores.cooperation,
            s.scores.objectives_met,
            s.scores.objectives_total
        ));
    }
    m.push_str(&format!(
        "| **All** | | {:.0} | {:.0} | {:.0} | {:.0} | {}/{} |\n\n",
        d.scores.human_security,
        d.scores.stability,
        d.scores.norms,
        d.scores.cooperation,
        d.scores.objectives_met,
        d.scores.objectives_total
    ));
    m.push_str("## Objectives\n\n");
    for o in &d.objectives {
        let mark = match o.status.as_str() {
            "met" => "[x]",
            _ => "[ ]",
        };
        m.push_str(&format!(
            "- {mark} {} ({}){}\n",
            md_escape(&o.text),
            o.owner.as_deref().unwrap_or("shared"),
            if o.status == "failed" {
                " - failed"
            } else {
                ""
            }
        ));
    }
    m.push_str("\n## The truth\n\n");
    for i in &d.incidents {
        m.push_str(&format!(
            "- Turn {}: {} at {} against {}. Really done by **{}**{}.{}\n",
            i.turn,
            i.kind,
            md_escape(&i.facilities.join(", ")),
            i.victim,
            i.perpetrator,
            i.sponsor
                .as_ref()
                .map(|s| format!(" on behalf of **{s}**"))
                .unwrap_or_default(),
            if i.false_flag.is_empty() {
                String::new()
            } else {
                format!(
                    " Evidence was planted to blame {}.",
                    i.false_flag.join(", ")
                )
            }
        ));
        for a in &i.attributions {
            m.push_str(&format!(
                "  - turn {}: {} named {}{} at {:.0}% confidence - {}\n",
                a.turn,
                a.by,
                a.named,
                if a.joint { " jointly" } else { "" },
                a.confidence * 100.0,
                if a.correct { "correct" } else { "WRONG" }
            ));
        }
    }
    for a in &d.actors {
        m.push_str(&format!("- {}\n", a.sentence()));
    }
    m.push_str("\n## Timeline of decisions\n\n| Turn | State | Decision | Target | Upholds | Violates | CBM |\n|---|---|---|---|---|---|---|\n");
    for t in &d.timeline {
        m.push_str(&format!(
            "| {} | {} | {} | {} | {} | {} | {} |\n",
            t.turn,
            md_escape(&t.state),
            md_escape(&t.what),
            md_escape(&t.target),
            t.upholds.join(", "),
            t.violates.join(", "),
            t.cbm.as_deref().unwrap_or("")
        ));
    }
    m.push_str("\n## Over time\n\n| Turn | Escalation | Rung | Civilian harm | Mean trust | Human security | Stability | Norms | Cooperation |\n|---|---|---|---|---|---|---|---|---|\n");
    for p in &d.series {
        m.push_str(&format!(
            "| {} | {:.0} | {} | {:.0} | {:.0} | {:.0} | {:.0} | {:.0} | {:.0} |\n",
            p.turn,
            p.escalation,
            p.rung,
            p.harm,
            p.mean_trust,
            p.human_security,
            p.stability,
            p.norms,
            p.cooperation
        ));
    }
    if !d.notes.is_empty() {
        m.push_str("\n## Facilitator notes\n\n");
        for (t, n) in &d.notes {
            m.push_str(&format!("- turn {t}: {}\n", md_escape(n)));
        }
    }
    m.push_str("\n## Questions for discussion\n\n");
    for (i, q) in d.questions.iter().enumerate() {
        m.push_str(&format!("{}. {}\n", i + 1, q));
    }
    m
}

fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// An inline SVG line chart of one or more series over turns.
fn svg_chart(title: &str, series: &[(&str, &str, Vec<f64>)], max: f64) -> String {
    let (w, h, pad) = (560.0, 180.0, 30.0);
    let n = series.iter().map(|s| s.2.len()).max().unwrap_or(0).max(2);
    let x = |i: usize| pad + (w - 2.0 * pad) * i as f64 / (n - 1) as f64;
    let y = |v: f64| h - pad - (h - 2.0 * pad) * (v / max.max(1e-9)).clamp(0.0, 1.0);
    let mut s = format!(
        "<figure><figcaption>{}</figcaption><svg viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\" role=\"img\" aria-label=\"{}\">",
        html_escape(title),
        html_escape(title)
    );
    s.push_str(&format!(
        "<line x1=\"{pad}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#999\"/>",
        h - pad,
        w - pad,
        h - pad
    ));
    s.push_str(&format!(
        "<line x1=\"{pad}\" y1=\"{pad}\" x2=\"{pad}\" y2=\"{}\" stroke=\"#999\"/>",
        h - pad
    ));
    s.push_str(&format!("<text x=\"2\" y=\"{}\" font-size=\"10\">{max:.0}</text><text x=\"2\" y=\"{}\" font-size=\"10\">0</text>", pad + 4.0, h - pad));
    for (k, (name, colour, values)) in series.iter().enumerate() {
        let pts: Vec<String> = values
            .iter()
            .enumerate()
            .map(|(i, v)| format!("{:.1},{:.1}", x(i), y(*v)))
            .collect();
        s.push_str(&format!(
            "<polyline fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\" points=\"{}\"/>",
            pts.join(" ")
        ));
        s.push_str(&format!(
            "<text x=\"{}\" y=\"{}\" font-size=\"11\" fill=\"{colour}\">{}</text>",
            pad + 8.0 + 120.0 * k as f64,
            14.0,
            html_escape(name)
        ));
    }
    s.push_str("</svg></figure>");
    s
}

pub fn to_html(d: &Debrief) -> String {
    let md_table = |rows: Vec<Vec<String>>, head: &[&str]| {
        let mut t = String::from("<table><thead><tr>");
        for h in head {
            t.push_str(&format!("<th>{}</th>", html_escape(h)));
        }
        t.push_str("</tr></thead><tbody>");
        for r in rows {
            t.push_str("<tr>");
            for c in r {
                t.push_str(&format!("<td>{}</td>", html_escape(&c)));
            }
            t.push_str("</tr>");
        }
        t.push_str("</tbody></table>");
        t
    };
    let mut h = String::new();
    h.push_str("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>");
    h.push_str(&html_escape(&format!("Debrief: {}", d.title)));
    h.push_str("</title><style>body{font-family:system-ui,sans-serif;max-width:960px;margin:2em auto;padding:0 1em;line-height:1.45;color:#222}table{border-collapse:collapse;width:100%;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 6px;text-align:left;font-size:14px}th{background:#f0f0f0}.wrong{color:#b00;font-weight:bold}.ok{color:#070}figure{margin:1em 0}figcaption{font-weight:bold}</style></head><body>");
    h.push_str(&format!("<h1>Debrief: {}</h1>", html_escape(&d.title)));
    h.push_str(&format!(
        "<p><strong>{}</strong> after {} turns (seed {}). Escalation peak {:.0}, end {:.0} (highest rung: {}). Civilian harm {:.0}.</p>",
        html_escape(&d.verdict_text), d.turns_played, d.seed, d.escalation_peak, d.escalation_end, html_escape(&d.peak_rung), d.total_harm
    ));
    h.push_str("<h2>Scores</h2>");
    let mut rows: Vec<Vec<String>> = d
        .states
        .iter()
        .map(|s| {
            vec![
                s.name.clone(),
                s.controller.clone(),
                format!("{:.0}", s.scores.human_security),
                format!("{:.0}", s.scores.stability),
                format!("{:.0}", s.scores.norms),
                format!("{:.0}", s.scores.cooperation),
                format!("{}/{}", s.scores.objectives_met, s.scores.objectives_total),
            ]
        })
        .collect();
    rows.push(vec![
        "All".into(),
        String::new(),
        format!("{:.0}", d.scores.human_security),
        format!("{:.0}", d.scores.stability),
        format!("{:.0}", d.scores.norms),
        format!("{:.0}", d.scores.cooperation),
        format!("{}/{}", d.scores.objectives_met, d.scores.objectives_total),
    ]);
    h.push_str(&md_table(
        rows,
        &[
            "State",
            "Played by",
            "Human security",
            "Stability",
            "Norms",
            "Cooperation",
            "Objectives",
        ],
    ));
    h.push_str("<h2>Objectives</h2><ul>");
    for o in &d.objectives {
        let class = if o.status == "met" { "ok" } else { "wrong" };
        h.push_str(&format!(
            "<li><span class=\"{class}\">{}</span> {} <em>({})</em></li>",
            html_escape(&o.status),
            html_escape(&o.text),
            html_escape(o.owner.as_deref().unwrap_or("shared"))
        ));
    }
    h.push_str("</ul><h2>The truth</h2><ul>");
    for i in &d.incidents {
        h.push_str(&format!(
            "<li>Turn {}: {} at {} against {}. Really done by <strong>{}</strong>{}.{}<ul>",
            i.turn,
            html_escape(&i.kind),
            html_escape(&i.facilities.join(", ")),
            html_escape(&i.victim),
            html_escape(&i.perpetrator),
            i.sponsor
                .as_ref()
                .map(|s| format!(" on behalf of <strong>{}</strong>", html_escape(s)))
                .unwrap_or_default(),
            if i.false_flag.is_empty() {
                String::new()
            } else {
                format!(
                    " Evidence was planted to blame {}.",
                    html_escape(&i.false_flag.join(", "))
                )
            }
        ));
        for a in &i.attributions {
            h.push_str(&format!(
                "<li>turn {}: {} named {}{} at {:.0}% confidence - <span class=\"{}\">{}</span></li>",
                a.turn,
                html_escape(&a.by),
                html_escape(&a.named),
                if a.joint { " jointly" } else { "" },
                a.confidence * 100.0,
                if a.correct { "ok" } else { "wrong" },
                if a.correct { "correct" } else { "wrong" }
            ));
        }
        h.push_str("</ul></li>");
    }
    for a in &d.actors {
        h.push_str(&format!("<li>{}</li>", html_escape(&a.sentence())));
    }
    h.push_str("</ul><h2>Over time</h2>");
    let esc: Vec<f64> = d.series.iter().map(|p| p.escalation).collect();
    let harm: Vec<f64> = d.series.iter().map(|p| p.harm).collect();
    let trust: Vec<f64> = d.series.iter().map(|p| p.mean_trust).collect();
    let max_harm = harm.iter().cloned().fold(1.0, f64::max);
    h.push_str(&svg_chart(
        "Escalation (0-100)",
        &[("escalation", "#c0392b", esc)],
        100.0,
    ));
    h.push_str(&svg_chart(
        "Civilian harm per turn",
        &[("harm", "#8e44ad", harm)],
        max_harm,
    ));
    h.push_str(&svg_chart(
        "Mean trust between States (0-100)",
        &[("trust", "#2980b9", trust)],
        100.0,
    ));
    h.push_str(&svg_chart(
        "Scores (0-100)",
        &[
            (
                "human security",
                "#27ae60",
                d.series.iter().map(|p| p.human_security).collect(),
            ),
            (
                "stability",
                "#c0392b",
                d.series.iter().map(|p| p.stability).collect(),
            ),
            (
                "norms",
                "#2c3e50",
                d.series.iter().map(|p| p.norms).collect(),
            ),
            (
                "cooperation",
                "#2980b9",
                d.series.iter().map(|p| p.cooperation).collect(),
            ),
        ],
        100.0,
    ));
    h.push_str("<h2>Timeline of decisions</h2>");
    let rows = d
        .timeline
        .iter()
        .map(|t| {
            vec![
                t.turn.to_string(),
                t.state.clone(),
                t.what.clone(),
                t.target.clone(),
                t.upholds.join(", "),
                t.violates.join(", "),
                t.cbm.clone().unwrap_or_default(),
            ]
        })
        .collect();
    h.push_str(&md_table(
        rows,
        &[
            "Turn", "State", "Decision", "Target", "Upholds", "Violates", "CBM",
        ],
    ));
    if !d.notes.is_empty() {
        h.push_str("<h2>Facilitator notes</h2><ul>");
        for (t, n) in &d.notes {
            h.push_str(&format!("<li>turn {t}: {}</li>", html_escape(n)));
        }
        h.push_str("</ul>");
    }
    h.push_str("<h2>Questions for discussion</h2><ol>");
    for q in &d.questions {
        h.push_str(&format!("<li>{}</li>", html_escape(q)));
    }
    h.push_str("</ol></body></html>\n");
    h
}
