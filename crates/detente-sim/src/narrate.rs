//! Events and targets in words, for the news feed, reports and the debrief.

use crate::events::{EndReason, Event, EventKind};
use crate::game::{Game, Target};
use crate::ids::*;
use crate::world::RequestKind;
use crate::world::infra::FailureCause;

pub fn state(game: &Game, s: StateId) -> String {
    game.world
        .states
        .get(s.index())
        .map(|x| x.name.clone())
        .unwrap_or_else(|| "?".into())
}

pub fn node(game: &Game, n: NodeId) -> String {
    game.world
        .infra
        .get(n)
        .map(|x| x.name.clone())
        .unwrap_or_else(|| "?".into())
}

pub fn party(game: &Game, p: Party) -> String {
    match p {
        Party::State(s) => state(game, s),
        Party::Actor(a) => game
            .world
            .actors
            .get(a.index())
            .map(|x| x.name.clone())
            .unwrap_or_else(|| "?".into()),
    }
}

pub fn incident(game: &Game, i: IncidentId) -> String {
    match game.world.incidents.get(i.index()) {
        Some(inc) => {
            let place = inc
                .nodes
                .first()
                .map(|&n| node(game, n))
                .unwrap_or_default();
            format!(
                "{} at {} (turn {})",
                inc.kind.label().to_lowercase(),
                place,
                inc.turn
            )
        }
        None => "?".into(),
    }
}

pub fn action(game: &Game, a: ActionId) -> String {
    game.scenario
        .actions
        .get(a.index())
        .map(|x| x.def.name.clone())
        .unwrap_or_else(|| "?".into())
}

pub fn target(game: &Game, t: &Target) -> String {
    match *t {
        Target::None => String::new(),
        Target::Node(n) => node(game, n),
        Target::State(s) => state(game, s),
        Target::Incident(i) => incident(game, i),
        Target::Attribution(i, p) => format!("{} for the {}", party(game, p), incident(game, i)),
        Target::Actor(a) => party(game, Party::Actor(a)),
    }
}

fn request(kind: RequestKind) -> &'static str {
    kind.label()
}

/// One event as a sentence.
pub fn describe(game: &Game, e: &Event) -> String {
    use EventKind as K;
    match &e.kind {
        K::TurnStarted => format!("Turn {} begins.", e.turn),
        K::OrdersSubmitted { state: s } => format!("{} has given its orders.", state(game, *s)),
        K::ActionTaken {
            state: s,
            action: a,
            target: t,
            cost,
        } => {
            let t = target(game, t);
            if t.is_empty() {
                format!(
                    "{}: {} ({} capital).",
                    state(game, *s),
                    action(game, *a),
                    cost
                )
            } else {
                format!(
                    "{}: {} - {} ({} capital).",
                    state(game, *s),
                    action(game, *a),
                    t,
                    cost
                )
            }
        }
        K::NormTag {
            state: s,
            norm,
            upheld,
        } => format!(
            "{} {} {}: {}.",
            state(game, *s),
            if *upheld { "upholds" } else { "violates" },
            norm.reference(),
            norm.info().title
        ),
        K::CbmExercised { state: s, cbm } => format!(
            "{} uses {}: {}.",
            state(game, *s),
            cbm.reference(),
            cbm.info().title
        ),
        K::DilemmaOffered { state: s, dilemma } => format!(
            "{} faces a decision: {}.",
            state(game, *s),
            game.scenario
                .dilemmas
                .get(dilemma.index())
                .map(|d| d.def.title.as_str())
                .unwrap_or("?")
        ),
        K::DilemmaChosen {
            state: s,
            dilemma,
            option,
        } => {
            let d = game.scenario.dilemmas.get(dilemma.index());
            format!(
                "{} decides on \"{}\": {}.",
                state(game, *s),
                d.map(|d| d.def.title.as_str()).unwrap_or("?"),
                d.and_then(|d| d.def.options.get(*option))
                    .map(|o| o.label.as_str())
                    .unwrap_or("?")
            )
        }
        K::Operation {
            by,
            node: n,
            kind,
            success,
            ..
        } => format!(
            "[truth] {} ran a {} operation against {}: {}.",
            party(game, *by),
            kind.label().to_lowercase(),
            node(game, *n),
            if *success { "it worked" } else { "it failed" }
        ),
        K::IncidentReported { node: n, kind, .. } => {
            format!("Incident: {} at {}.", kind.label(), node(game, *n))
        }
        K::CompromiseDetected { node: n, .. } => {
            format!("Hidden malware found at {}.", node(game, *n))
        }
        K::Spread { from, to, .. } => format!(
            "[truth] The malware spread from {} to {}.",
            node(game, *from),
            node(game, *to)
        ),
        K::EvidenceFound {
            state: s,
            incident: i,
            suspect,
            weight,
        } => format!(
            "{} found evidence on the {} pointing to {} (strength {:.2}).",
            state(game, *s),
            incident(game, *i),
            party(game, *suspect),
            weight
        ),
        K::EvidenceShared { from, to, pieces } => format!(
            "{} shared {} pieces of evidence and indicators with {}.",
            state(game, *from),
            pieces,
            state(game, *to)
        ),
        K::EvidenceDiscredited {
            state: s,
            incident: i,
            suspect,
        } => format!(
            "{} found that evidence on the {} pointing to {} is planted or misleading.",
            state(game, *s),
            incident(game, *i),
            party(game, *suspect)
        ),
        K::InvestigationFruitless {
            state: s,
            incident: i,
        } => format!(
            "{}'s investigation of the {} found nothing new.",
            state(game, *s),
            incident(game, *i)
        ),
        K::NodeDown { node: n, cause } => match cause {
            FailureCause::Direct => format!("{} is down.", node(game, *n)),
            FailureCause::Supplier(s) => {
                format!("{} is down: it lost {}.", node(game, *n), node(game, *s))
            }
            FailureCause::CutOff(net) => format!(
                "{} is down: cut off from {}.",
                node(game, *n),
                game.world
                    .infra
                    .networks
                    .get(net.index())
                    .map(|x| x.name.as_str())
                    .unwrap_or("its network")
            ),
        },
        K::NodeRestored { node: n } => format!("{} is working again.", node(game, *n)),
        K::OnBuffer { node: n } => format!("{} runs on backup.", node(game, *n)),
        K::BufferExhausted { node: n } => format!("{} has used up its backup.", node(game, *n)),
        K::Hardened { node: n } => format!("{} was hardened.", node(game, *n)),
        K::Isolated { node: n, isolated } => format!(
            "{} was {}.",
            node(game, *n),
            if *isolated { "isolated" } else { "reconnected" }
        ),
        K::Cleaned { node: n } => format!("Malware removed from {}.", node(game, *n)),
        K::SupplyChainFinding { state: s, found } => format!(
            "{}'s supply-chain audit found {} hidden implants.",
            state(game, *s),
            found
        ),
        K::ChannelOpened { a, b, channel } => format!(
            "{} and {} open a channel: {}.",
            state(game, *a),
            state(game, *b),
            channel.label()
        ),
        K::ChannelClosed { a, b, channel } => format!(
            "The {} between {} and {} is closed.",
            channel.label(),
            state(game, *a),
            state(game, *b)
        ),
        K::Request { from, to, kind } => format!(
            "{} asks {} for {}.",
            state(game, *from),
            state(game, *to),
            request(*kind)
        ),
        K::RequestAnswered { from, to, kind } => format!(
            "{} answered {}'s request for {}.",
            state(game, *to),
            state(game, *from),
            request(*kind)
        ),
        K::RequestLapsed { from, to, kind } => format!(
            "{} left {}'s request for {} unanswered.",
            state(game, *to),
            state(game, *from),
            request(*kind)
        ),
        K::AssistanceDelivered { from, to, nodes } => format!(
            "{}'s CERT helps {}{}.",
            state(game, *from),
            state(game, *to),
            if nodes.is_empty() {
                String::new()
            } else {
                format!(
                    " restore {}",
                    nodes
                        .iter()
                        .map(|&n| node(game, n))
                        .collect::<Vec<_>>()
                        .join(" and ")
                )
            }
        ),
        K::Attribution {
            by,
            incident: i,
            suspect,
            joint,
            confidence,
        } => format!(
            "{} publicly holds {} responsible for the {}{} (its confidence {:.0}%).",
            state(game, *by),
            party(game, *suspect),
            incident(game, *i),
            if *joint {
                ", together with partners"
            } else {
                ""
            },
            confidence * 100.0
        ),
        K::Sanctions {
            by,
            target: t,
            amount,
        } => format!(
            "{} imposes sanctions on {} (-{} capital for three turns).",
            state(game, *by),
            state(game, *t),
            amount
        ),
        K::Takedown {
            state: s,
            actor,
            success,
        } => format!(
            "{} acts against {}: {}.",
            state(game, *s),
            party(game, Party::Actor(*actor)),
            if *success {
                "the group is dismantled"
            } else {
                "the group escapes"
            }
        ),
        K::ActorDisrupted { by, actor, stopped } => format!(
            "{} disrupts the servers of {}{}.",
            state(game, *by),
            party(game, Party::Actor(*actor)),
            if *stopped {
                "; the group goes quiet"
            } else {
                ""
            }
        ),
        K::ActorStopped { actor } => {
            format!("{} has been stopped.", party(game, Party::Actor(*actor)))
        }
        K::ContentRemoved { state: s } => format!(
            "{} works with platforms to remove violent content.",
            state(game, *s)
        ),
        K::InternetShutdown { state: s } => format!("{} shuts down the Internet.", state(game, *s)),
        K::ContentSurge { state: s, level } => format!(
            "Violent content spreads fast in {} ({:.0}/100).",
            state(game, *s),
            level
        ),
        K::RungChanged { from, to, level } => {
            let name = |r: usize| {
                game.scenario
                    .rungs
                    .get(r)
                    .map(|x| x.name.clone())
                    .unwrap_or_default()
            };
            format!(
                "Escalation {} to {} (level {:.0}, was {}).",
                if to > from { "rises" } else { "falls" },
                name(*to),
                level,
                name(*from)
            )
        }
        K::PressureHigh { state: s, pressure } => format!(
            "Public pressure in {} is high ({:.0}): patient options are closed.",
            state(game, *s),
            pressure
        ),
        K::News(t) => t.clone(),
        K::Intel { text, .. } => format!("Intelligence: {text}"),
        K::InjectFired {
            inject,
            by_facilitator,
        } => format!(
            "[facilitator] Inject `{}` fired{}.",
            game.scenario
                .injects
                .get(inject.index())
                .map(|i| i.id.as_str())
                .unwrap_or("?"),
            if *by_facilitator { " by hand" } else { "" }
        ),
        K::ObjectiveMet { objective } => format!(
            "Objective met: {}",
            game.scenario
                .objectives
                .get(objective.index())
                .map(|o| o.def.text.as_str())
                .unwrap_or("?")
        ),
        K::ObjectiveFailed { objective } => format!(
            "Objective failed: {}",
            game.scenario
                .objectives
                .get(objective.index())
                .map(|o| o.def.text.as_str())
                .unwrap_or("?")
        ),
        K::Note(t) => format!("Note: {t}"),
        K::Paused(p) => {
            if *p {
                "The facilitator paused the game.".into()
            } else {
                "The game resumes.".into()
            }
        }
        K::GameEnded { reason } => match reason {
            EndReason::LastTurn => "The exercise is over: the last turn has been played.".into(),
            EndReason::TopRung => format!(
                "The crisis reached \"{}\": everyone has lost.",
                game.scenario
                    .rungs
                    .last()
                    .map(|r| r.name.as_str())
                    .unwrap_or("the top rung")
            ),
        },
    }
}
