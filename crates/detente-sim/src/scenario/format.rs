//! The scenario file format (RON), exactly as a facilitator writes it. These
//! types only describe the text; `scenario::compile` checks them and turns
//! them into the engine's model. Every field is documented in
//! `docs/scenario-format.md`; keep the two in step.

use serde::{Deserialize, Serialize};

use crate::catalog::{Cbm, Norm};

/// The format version this engine writes and reads natively.
pub const FORMAT_VERSION: u32 = 2;
/// The oldest version the loader still migrates.
pub const OLDEST_SUPPORTED_VERSION: u32 = 1;

/// A whole scenario file.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ScenarioFile {
    pub format_version: u32,
    pub id: String,
    pub title: String,
    pub summary: String,
    #[serde(default)]
    pub difficulty: Difficulty,
    pub learning_objectives: Vec<String>,
    #[serde(default)]
    pub sources: Vec<SourceDef>,
    /// Crisis time one turn stands for, in hours.
    pub turn_hours: u32,
    /// Number of turns; the game ends after the last one. (`max_turns` in format 1.)
    #[serde(alias = "max_turns")]
    pub turns: u32,
    /// Text every seat reads before turn 1.
    #[serde(default)]
    pub briefing: String,
    #[serde(default)]
    pub settings: SettingsDef,
    /// The escalation ladder; the built-in ladder when left out.
    #[serde(default)]
    pub ladder: Option<Vec<RungDef>>,
    pub states: Vec<StateDef>,
    #[serde(default)]
    pub relations: Vec<RelationDef>,
    #[serde(default)]
    pub networks: Vec<NetworkDef>,
    pub nodes: Vec<NodeDef>,
    #[serde(default)]
    pub links: Vec<LinkDef>,
    #[serde(default)]
    pub dependencies: Vec<DependencyDef>,
    #[serde(default)]
    pub actors: Vec<ActorDef>,
    /// Built-in actions (by id) this scenario leaves out.
    #[serde(default)]
    pub exclude_actions: Vec<String>,
    /// Scenario-specific actions, on top of the built-in catalogue.
    #[serde(default)]
    pub actions: Vec<ActionDef>,
    #[serde(default)]
    pub injects: Vec<InjectDef>,
    #[serde(default)]
    pub dilemmas: Vec<DilemmaDef>,
    #[serde(default)]
    pub objectives: Vec<ObjectiveDef>,
    pub debrief_questions: Vec<String>,
}

#[derive(Clone, Copy, Debug, Default, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Difficulty {
    Introductory,
    #[default]
    Intermediate,
    Advanced,
}

impl Difficulty {
    pub fn label(self) -> &'static str {
        match self {
            Difficulty::Introductory => "Introductory",
            Difficulty::Intermediate => "Intermediate",
            Difficulty::Advanced => "Advanced",
        }
    }
}

/// A real incident the scenario draws on.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct SourceDef {
    pub incident: String,
    pub citation: String,
    #[serde(default)]
    pub url: String,
}

/// Tuning knobs; every one has a sensible default.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct SettingsDef {
    /// A node whose service level falls below this counts as down.
    pub functioning_threshold: f64,
    /// Domestic pressure at or above which patient actions are closed.
    pub pressure_limit: f64,
    /// Escalation points the global track loses in a turn nothing feeds it.
    pub relaxation: f64,
    /// Pairwise tension above which the pair feeds the global track.
    pub tension_feed_threshold: f64,
    /// Escalation points per point of tension above the threshold.
    pub tension_feed_rate: f64,
    /// Confidence below which a public attribution breaks GGE 13(b).
    pub attribution_confidence: f64,
    /// Turns a State has to answer a request before it counts as ignored.
    pub request_deadline: u32,
    /// Escalation level (0-100) at the start.
    pub initial_escalation: f64,
}

impl Default for SettingsDef {
    fn default() -> Self {
        SettingsDef {
            functioning_threshold: 0.5,
            pressure_limit: 75.0,
            relaxation: 3.0,
            tension_feed_threshold: 60.0,
            tension_feed_rate: 0.15,
            attribution_confidence: 0.6,
            request_deadline: 2,
            initial_escalation: 0.0,
        }
    }
}

/// One rung of the escalation ladder.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RungDef {
    pub id: String,
    pub name: String,
    /// Escalation level (0-100) at which this rung is reached.
    pub threshold: f64,
    #[serde(default)]
    pub description: String,
    /// Actions that become possible from this rung up.
    #[serde(default)]
    pub opens: Vec<String>,
    /// Actions that are no longer possible from this rung up.
    #[serde(default)]
    pub closes: Vec<String>,
}

#[derive(
    Clone, Copy, Debug, Default, Serialize, Deserialize, PartialEq, Eq, PartialOrd, Ord, Hash,
)]
#[serde(rename_all = "snake_case")]
pub enum Controller {
    /// A seat for a human player (the default).
    #[default]
    Human,
    /// Played by the computer.
    Computer,
    /// Never takes orders; moves only through injects.
    Scripted,
}

#[derive(
    Clone, Copy, Debug, Default, Serialize, Deserialize, PartialEq, Eq, PartialOrd, Ord, Hash,
)]
#[serde(rename_all = "snake_case")]
pub enum Personality {
    /// Answers requests, uses CBM channels, shares information.
    #[default]
    Cooperative,
    /// Investigates long before acting, avoids anything that escalates.
    Cautious,
    /// Attributes early and retaliates.
    Hawkish,
    /// Does what pays: cooperates when it is cheap, exploits others' trouble.
    Opportunist,
    /// Attacks through proxies, denies, plants false flags, avoids open escalation.
    CovertAggressor,
}

impl Personality {
    pub const ALL: [Personality; 5] = [
        Personality::Cooperative,
        Personality::Cautious,
        Personality::Hawkish,
        Personality::Opportunist,
        Personality::CovertAggressor,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Personality::Cooperative => "Cooperative",
            Personality::Cautious => "Cautious",
            Personality::Hawkish => "Hawkish",
            Personality::Opportunist => "Opportunist",
            Personality::CovertAggressor => "Covert aggressor",
        }
    }
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct CapacitiesDef {
    /// National CERT maturity, 0-1: investigation, restoration, assistance.
    pub cert: f64,
    /// Detection of hidden compromise, 0-1.
    pub detection: f64,
    /// Resilience of infrastructure, 0-1: natural recovery and resistance.
    pub resilience: f64,
    /// Diplomatic capital: action points per turn (1-20).
    pub capital: u32,
    /// Offensive cyber capability, 0-1.
    pub offensive: f64,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct StateDef {
    pub id: String,
    pub name: String,
    /// Colour as "#rrggbb".
    pub colour: String,
    #[serde(default)]
    pub controller: Controller,
    #[serde(default)]
    pub personality: Personality,
    pub capacities: CapacitiesDef,
    /// Domestic pressure at the start, 0-100.
    #[serde(default = "default_pressure")]
    pub pressure: f64,
    /// Reputation at the start, 0-100.
    #[serde(default = "default_reputation")]
    pub reputation: f64,
    /// Private briefing only this State's seat reads.
    #[serde(default)]
    pub briefing: String,
}

fn default_pressure() -> f64 {
    20.0
}
fn default_reputation() -> f64 {
    60.0
}
fn default_trust() -> f64 {
    50.0
}
fn one() -> f64 {
    1.0
}

#[derive(Clone, Copy, Debug, Serialize, Deserialize, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// Registered points of contact (OSCE CBM 8).
    PointsOfContact,
    /// A protected leader-to-leader hotline (OSCE CBM 13).
    Hotline,
    /// A standing link between the national CERTs (OSCE CBM 2).
    CertLink,
}

impl Channel {
    pub const ALL: [Channel; 3] = [
        Channel::PointsOfContact,
        Channel::Hotline,
        Channel::CertLink,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Channel::PointsOfContact => "Points of contact",
            Channel::Hotline => "Hotline",
            Channel::CertLink => "CERT-to-CERT link",
        }
    }

    pub fn cbm(self) -> Cbm {
        match self {
            Channel::PointsOfContact => Cbm::PointsOfContact,
            Channel::Hotline => Cbm::ProtectedCommunicationChannels,
            Channel::CertLink => Cbm::NationalBodiesExchange,
        }
    }
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RelationDef {
    /// The two States, by id.
    pub between: (String, String),
    #[serde(default = "default_trust")]
    pub trust: f64,
    #[serde(default)]
    pub tension: f64,
    #[serde(default)]
    pub channels: Vec<Channel>,
}

#[derive(Clone, Copy, Debug, Serialize, Deserialize, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[serde(rename_all = "snake_case")]
pub enum Sector {
    Energy,
    Water,
    Health,
    Finance,
    Telecom,
    Transport,
    Government,
    Elections,
    Emergency,
    Cert,
    Satellite,
    Cables,
    Food,
    Media,
    Industry,
}

impl Sector {
    pub const ALL: [Sector; 15] = [
        Sector::Energy,
        Sector::Water,
        Sector::Health,
        Sector::Finance,
        Sector::Telecom,
        Sector::Transport,
        Sector::Government,
        Sector::Elections,
        Sector::Emergency,
        Sector::Cert,
        Sector::Satellite,
        Sector::Cables,
        Sector::Food,
        Sector::Media,
        Sector::Industry,
    ];

    /// How much a person's lost service in this sector counts as civilian
    /// harm. Health and water weigh most (game.md section 1).
    pub fn harm_weight(self) -> f64 {
        match self {
            Sector::Health | Sector::Water => 3.0,
            Sector::Emergency => 2.5,
            Sector::Energy | Sector::Food => 2.0,
            Sector::Telecom | Sector::Transport => 1.5,
            Sector::Finance | Sector::Government | Sector::Satellite | Sector::Cables => 1.0,
            Sector::Elections | Sector::Media | Sector::Industry => 0.75,
            Sector::Cert => 0.5,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Sector::Energy => "Energy",
            Sector::Water => "Water",
            Sector::Health => "Health",
            Sector::Finance => "Finance",
            Sector::Telecom => "Telecom",
            Sector::Transport => "Transport",
            Sector::Government => "Government",
            Sector::Elections => "Elections",
            Sector::Emergency => "Emergency services",
            Sector::Cert => "CERT",
            Sector::Satellite => "Satellite",
            Sector::Cables => "Cables",
            Sector::Food => "Food",
            Sector::Media => "Media",
            Sector::Industry => "Industry",
        }
    }

    /// A short glyph for maps and tables (plain letters so every font has them).
    pub fn glyph(self) -> &'static str {
        match self {
            Sector::Energy => "EN",
            Sector::Water => "WA",
            Sector::Health => "HE",
            Sector::Finance => "FI",
            Sector::Telecom => "TC",
            Sector::Transport => "TR",
            Sector::Government => "GV",
            Sector::Elections => "EL",
            Sector::Emergency => "EM",
            Sector::Cert => "CE",
            Sector::Satellite => "SA",
            Sector::Cables => "CA",
            Sector::Food => "FO",
            Sector::Media => "ME",
            Sector::Industry => "IN",
        }
    }
}

/// A networked sector (a grid, a telecom network): its members fail when cut
/// off from the network's functioning core.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct NetworkDef {
    pub id: String,
    pub name: String,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct NodeDef {
    pub id: String,
    pub name: String,
    /// The State that owns it.
    pub owner: String,
    pub sector: Sector,
    /// People who depend on it.
    #[serde(default)]
    pub population: f64,
    /// Turns it keeps running when a supplier fails (generators, stocks).
    #[serde(default)]
    pub buffer: u32,
    /// The network (by id) this node belongs to, if any.
    #[serde(default)]
    pub network: Option<String>,
    /// A source of its network (a power plant, a backbone exchange).
    #[serde(default)]
    pub core: bool,
    /// Service level at the start, 0-1.
    #[serde(default = "one")]
    pub service: f64,
    /// Protection at the start, 0-1.
    #[serde(default)]
    pub hardening: f64,
    /// An actor (by id) already hiding in this node at the start.
    #[serde(default)]
    pub compromised_by: Option<String>,
}

/// A link inside a network (undirected).
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct LinkDef {
    pub between: (String, String),
}

#[derive(
    Clone, Copy, Debug, Default, Serialize, Deserialize, PartialEq, Eq, PartialOrd, Ord, Hash,
)]
#[serde(rename_all = "snake_case")]
pub enum DependencyKind {
    #[default]
    Power,
    Communications,
    Data,
    Water,
    Fuel,
    Supply,
    Finance,
    Positioning,
}

/// The dependent node needs the supplier to keep running.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct DependencyDef {
    /// (`from` in format 1.)
    #[serde(alias = "from")]
    pub supplier: String,
    /// (`to` in format 1.)
    #[serde(alias = "to")]
    pub dependent: String,
    #[serde(default)]
    pub kind: DependencyKind,
    /// Share of the dependent's service lost while the supplier is down, 0-1.
    #[serde(default = "one")]
    pub strength: f64,
}

#[derive(Clone, Copy, Debug, Serialize, Deserialize, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[serde(rename_all = "snake_case")]
pub enum ActorKind {
    Criminal,
    Hacktivist,
    Terrorist,
    StateSponsored,
    /// No malicious intent: an accident (a ship's anchor, a botched update).
    Negligent,
}

impl ActorKind {
    pub fn label(self) -> &'static str {
        match self {
            ActorKind::Criminal => "Criminal group",
            ActorKind::Hacktivist => "Hacktivists",
            ActorKind::Terrorist => "Terrorist group",
            ActorKind::StateSponsored => "State-sponsored group",
            ActorKind::Negligent => "Negligence (no intent)",
        }
    }
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ActorDef {
    pub id: String,
    pub name: String,
    pub kind: ActorKind,
    /// The State whose territory it operates from.
    pub based_in: String,
    /// The State secretly behind it (hidden from players until the debrief).
    #[serde(default)]
    pub sponsor: Option<String>,
    /// Skill, 0-1.
    pub capability: f64,
    /// How well it hides its tracks, 0-1.
    #[serde(default = "half")]
    pub stealth: f64,
    #[serde(default)]
    pub behaviours: Vec<BehaviourDef>,
}

fn half() -> f64 {
    0.5
}

#[derive(Clone, Copy, Debug, Serialize, Deserialize, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[serde(rename_all = "snake_case")]
pub enum OperationKind {
    /// Encrypts systems and demands payment: service falls to 0.2 until restored.
    Ransomware,
    /// Destroys data and firmware: service falls to 0.
    Wiper,
    /// Floods a service: service halves for one turn.
    Ddos,
    /// A hidden foothold for later use: no visible effect.
    Intrusion,
    /// Physical damage (a cut cable, a damaged substation): service falls to 0.
    Sabotage,
    /// Disinformation against a service's credibility: service -0.3, pressure rises.
    Disinformation,
    /// Terrorist or violent content spread online: pressure rises everywhere.
    ViolentContent,
    /// Defaces public sites: service -0.1, pressure rises.
    Defacement,
}

impl OperationKind {
    pub fn label(self) -> &'static str {
        match self {
            OperationKind::Ransomware => "Ransomware",
            OperationKind::Wiper => "Wiper",
            OperationKind::Ddos => "DDoS",
            OperationKind::Intrusion => "Intrusion",
            OperationKind::Sabotage => "Sabotage",
            OperationKind::Disinformation => "Disinformation",
            OperationKind::ViolentContent => "Violent content",
            OperationKind::Defacement => "Defacement",
        }
    }
}

/// Which nodes an actor's behaviour may target.
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct TargetsDef {
    /// Only nodes of these States (any State when empty).
    #[serde(default)]
    pub states: Vec<String>,
    /// Only nodes of these sectors (any sector when empty).
    #[serde(default)]
    pub sectors: Vec<Sector>,
    /// Only these nodes (overrides the two filters above when not empty).
    #[serde(default)]
    pub nodes: Vec<String>,
}

/// A simple standing behaviour of an actor: each turn in its window, with
/// the given chance, run an operation against one matching node.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct BehaviourDef {
    pub operation: OperationKind,
    #[serde(default)]
    pub targets: TargetsDef,
    #[serde(default = "one")]
    pub chance: f64,
    #[serde(default = "first_turn")]
    pub from_turn: u32,
    #[serde(default)]
    pub until_turn: Option<u32>,
    /// The behaviour stops for good once this holds.
    #[serde(default)]
    pub stop_when: Option<Condition>,
    /// Chance per turn that the compromise spreads to each connected node.
    #[serde(default)]
    pub spread: f64,
}

fn first_turn() -> u32 {
    1
}

#[derive(Clone, Copy, Debug, Serialize, Deserialize, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[serde(rename_all = "snake_case")]
pub enum Family {
    Technical,
    Diplomatic,
    Coercive,
    Domestic,
}

impl Family {
    pub const ALL: [Family; 4] = [
        Family::Technical,
        Family::Diplomatic,
        Family::Coercive,
        Family::Domestic,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Family::Technical => "Technical",
            Family::Diplomatic => "Diplomatic",
            Family::Coercive => "Coercive",
            Family::Domestic => "Domestic and multi-stakeholder",
        }
    }
}

/// What an action is aimed at.
#[derive(Clone, Copy, Debug, Serialize, Deserialize, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[serde(rename_all = "snake_case")]
pub enum TargetKind {
    /// Nothing: the action concerns the acting State itself.
    None,
    /// One of the acting State's own nodes.
    OwnNode,
    /// A node of another State.
    ForeignNode,
    /// Another State.
    State,
    /// An incident the acting State knows about.
    Incident,
    /// An incident and the suspect named for it (attribution).
    Attribution,
    /// A non-State actor.
    Actor,
}

/// A condition that must hold for the action to be allowed.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "snake_case")]
pub enum Precondition {
    /// The acting State and the target State share this channel.
    Channel(Channel),
    /// The acting State and the target State do not share this channel yet.
    NoChannel(Channel),
    /// The target State has asked the acting State for assistance.
    RequestFromTarget,
    /// The acting State has an incident it knows about on its territory.
    OwnIncident,
    /// The target incident is on the acting State's territory, or the
    /// acting State holds evidence on it or is assisting its victim.
    IncidentAccess,
    /// The target State has had a known incident.
    TargetHasIncident,
    /// The targeted own node has detected compromise on it.
    TargetCompromised,
    /// The targeted own node is isolated.
    TargetIsolated,
    /// The targeted own node is not isolated.
    TargetNotIsolated,
    /// The targeted own node is below full service or has detected compromise.
    TargetNeedsRestore,
    /// The acting State's offensive capability is at least this.
    OffensiveAtLeast(f64),
    /// The acting State sponsors at least one covert actor.
    HasProxy,
    /// The target actor operates from the acting State's territory.
    ActorOnOwnTerritory,
    /// The acting State's CERT maturity is at least this.
    CertAtLeast(f64),
}

/// What an action does. Each is one mechanic of the rules engine with its
/// parameters; the numbers are data so a scenario can tune them.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum ActionEffect {
    /// Look for evidence on the target incident.
    Investigate,
    /// Raise the target node's protection by this much (0-1).
    Harden(f64),
    /// Harden every own node of the acting State by this much.
    HardenAll(f64),
    /// Disconnect the target node: stops spread, costs service.
    Isolate,
    /// Reconnect an isolated node.
    Reconnect,
    /// Clean detected compromise and restore service by this much.
    Restore(f64),
    /// Give the target State the acting State's evidence and indicators.
    ShareIndicators,
    /// Ask the target State for CERT assistance.
    RequestAssistance,
    /// Send CERT assistance to the target State (restores this much service).
    ProvideAssistance(f64),
    /// Report a vulnerability: every State's nodes gain this much protection.
    ReportVulnerability(f64),
    /// Check the supply chain of own nodes: a chance to find hidden compromise.
    AuditSupplyChain,
    /// Open a channel with the target State.
    OpenChannel(Channel),
    /// Ask the target State to stop malicious activity from its territory.
    AskToStop,
    /// Ask the target State's law enforcement to act against criminals.
    RequestLawEnforcement,
    /// Act against the target actor on own territory (arrests, takedowns).
    Takedown,
    /// Publicly name the suspect for the incident.
    Attribute,
    /// Run a cyber operation against the target node.
    Operation(OperationKind),
    /// Run an operation through a sponsored proxy, optionally planting
    /// evidence against another State (a false flag).
    CovertOperation {
        kind: OperationKind,
        false_flag: bool,
    },
    /// Disrupt the target actor's infrastructure (a countermeasure).
    DisruptActor,
    /// The target State loses this much capital per turn for three turns.
    Sanctions(u32),
    /// Add turns of buffer to every own node of this sector.
    EmergencyPlan(u32),
    /// Take down violent content spread online (Christchurch Call).
    RemoveContent,
    /// Shut down the Internet at home: content stops, service falls.
    InternetShutdown,
    /// Change trust with the target State (or with everyone without target).
    Trust(f64),
    /// Change tension with the target State (or with everyone without target).
    Tension(f64),
    /// Change the acting State's domestic pressure.
    Pressure(f64),
    /// Change the acting State's reputation.
    Reputation(f64),
    /// Change the global escalation level.
    Escalation(f64),
    /// Change the target State's reputation.
    TargetReputation(f64),
    /// Add to the buffers of nodes on dependencies between the two States.
    CrossBorderPlan(u32),
}

/// An action: in the built-in catalogue or added by a scenario.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ActionDef {
    pub id: String,
    pub name: String,
    pub family: Family,
    /// One line the player reads before choosing.
    pub summary: String,
    pub cost: u32,
    pub target: TargetKind,
    #[serde(default)]
    pub requires: Vec<Precondition>,
    pub effects: Vec<ActionEffect>,
    #[serde(default)]
    pub upholds: Vec<Norm>,
    #[serde(default)]
    pub violates: Vec<Norm>,
    #[serde(default)]
    pub cbm: Option<Cbm>,
    /// A patient option: closed while domestic pressure is high.
    #[serde(default)]
    pub patient: bool,
    /// Only these States may take it (everyone when empty).
    #[serde(default)]
    pub only_for: Vec<String>,
    /// Costs one point less when the two States share this channel.
    #[serde(default)]
    pub cheaper_with: Option<Channel>,
}

/// Who is named as responsible: a State or an actor.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[serde(rename_all = "snake_case")]
pub enum SuspectDef {
    State(String),
    Actor(String),
}

/// Who carries out an operation in an inject or dilemma.
pub type PerpetratorDef = SuspectDef;

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct InjectDef {
    pub id: String,
    /// Fires at the start of this turn (before orders).
    #[serde(default)]
    pub turn: Option<u32>,
    /// Fires when this holds (checked at the start of every turn).
    #[serde(default)]
    pub when: Option<Condition>,
    /// Chance it fires when due, 0-1 (drawn from the game's seed).
    #[serde(default = "one")]
    pub chance: f64,
    /// May fire again on later turns.
    #[serde(default)]
    pub repeat: bool,
    pub effects: Vec<Effect>,
    /// A note for the facilitator panel.
    #[serde(default)]
    pub note: String,
}

/// Something that happens to the world, from an inject or a dilemma choice.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Effect {
    /// An operation against a node, creating an incident.
    Operation {
        /// Id of the incident, so evidence can refer to it.
        #[serde(default)]
        incident: Option<String>,
        by: PerpetratorDef,
        node: String,
        kind: OperationKind,
        /// Chance per turn its compromise spreads to connected nodes.
        #[serde(default)]
        spread: f64,
        /// The owner sees it at once (`false`: a hidden foothold). By default
        /// every kind is seen except `intrusion`.
        #[serde(default)]
        visible: Option<bool>,
    },
    /// Give a State a piece of evidence about an incident.
    Evidence {
        to: String,
        incident: String,
        points_to: SuspectDef,
        /// Strength, 0-1.
        weight: f64,
        /// Planted by the real perpetrator (a false flag).
        #[serde(default)]
        planted: bool,
        /// Circumstantial (where things are, not who ordered them): careful
        /// investigation may show it proves nothing.
        #[serde(default)]
        circumstantial: bool,
        #[serde(default)]
        text: String,
    },
    /// Make evidence pointing at the framed suspect available to every
    /// investigator of the incident: a false flag.
    PlantEvidence {
        incident: String,
        points_to: SuspectDef,
        weight: f64,
    },
    /// A news item every seat sees.
    News(String),
    /// Intelligence only one State sees.
    Intel {
        to: String,
        text: String,
    },
    Pressure {
        state: String,
        change: f64,
    },
    Reputation {
        state: String,
        change: f64,
    },
    Capital {
        state: String,
        change: i32,
    },
    Trust {
        between: (String, String),
        change: f64,
    },
    Tension {
        between: (String, String),
        change: f64,
    },
    Escalation(f64),
    /// Set a node's service level (0-1).
    Service {
        node: String,
        level: f64,
    },
    OpenChannel {
        between: (String, String),
        channel: Channel,
    },
    CloseChannel {
        between: (String, String),
        channel: Channel,
    },
    /// Offer a dilemma card to the State it is written for.
    OfferDilemma(String),
    /// A State asks another for CERT assistance.
    RequestAssistance {
        from: String,
        to: String,
    },
    /// A State asks another to stop activity from its territory.
    AskToStop {
        from: String,
        to: String,
    },
    /// Stop an actor for good (arrested, dismantled).
    StopActor(String),
    /// Fire another inject now.
    TriggerInject(String),
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct DilemmaDef {
    pub id: String,
    /// The State whose seat faces the card.
    pub state: String,
    pub title: String,
    pub situation: String,
    pub options: Vec<DilemmaOptionDef>,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct DilemmaOptionDef {
    pub id: String,
    pub label: String,
    #[serde(default)]
    pub explanation: String,
    #[serde(default)]
    pub effects: Vec<Effect>,
    #[serde(default)]
    pub upholds: Vec<Norm>,
    #[serde(default)]
    pub violates: Vec<Norm>,
    #[serde(default)]
    pub cbm: Option<Cbm>,
}

#[derive(Clone, Copy, Debug, Default, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Check {
    /// Met if the condition holds when the game ends.
    #[default]
    AtEnd,
    /// Met only if the condition holds at the end of every turn.
    EveryTurn,
    /// Met the first time the condition holds, at the latest on this turn.
    ByTurn(u32),
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ObjectiveDef {
    pub id: String,
    pub text: String,
    /// The State it belongs to; shared by everyone when left out.
    #[serde(default)]
    pub owner: Option<String>,
    pub condition: Condition,
    #[serde(default)]
    pub check: Check,
}

/// A test on the world, used by injects, behaviours and objectives.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Condition {
    Always,
    Never,
    /// The current turn is at least this.
    TurnAtLeast(u32),
    /// The node's service is below the functioning threshold.
    NodeDown(String),
    ServiceBelow(String, f64),
    /// An attacker holds a foothold in the node (detected or not).
    Compromised(String),
    ServiceAtLeast(String, f64),
    /// The escalation track has reached this rung (by id).
    RungAtLeast(String),
    /// The escalation track is below this rung.
    RungBelow(String),
    EscalationAbove(f64),
    TensionAbove(String, String, f64),
    TrustBelow(String, String, f64),
    TrustAbove(String, String, f64),
    PressureAbove(String, f64),
    ReputationBelow(String, f64),
    /// Violent content circulating in the State above this level (0-100).
    ContentAbove(String, f64),
    /// Civilian harm in the last turn above this (harm points; see docs).
    HarmAbove(f64),
    /// Total civilian harm so far above this.
    TotalHarmAbove(f64),
    /// The State has ever taken this action.
    Took(String, String),
    /// The State took this action in the last resolved turn.
    TookLastTurn(String, String),
    /// Someone (or this State) publicly attributed the incident.
    Attributed {
        incident: String,
        #[serde(default)]
        by: Option<String>,
    },
    /// The incident was publicly attributed to its true perpetrator or sponsor.
    CorrectlyAttributed(String),
    /// The incident was publicly attributed to someone who did not do it.
    WronglyAttributed(String),
    /// The incident has happened and its victim knows.
    IncidentKnown(String),
    /// Assistance was given (by / to, either may be left out).
    AssistanceGiven {
        #[serde(default)]
        from: Option<String>,
        #[serde(default)]
        to: Option<String>,
    },
    /// The State has used this CBM at least once.
    CbmUsed(String, Cbm),
    ChannelOpen(String, String, Channel),
    InjectFired(String),
    DilemmaChose(String, String),
    ObjectiveMet(String),
    ObjectiveFailed(String),
    /// The actor has been stopped.
    ActorStopped(String),
    All(Vec<Condition>),
    Any(Vec<Condition>),
    Not(Box<Condition>),
}
