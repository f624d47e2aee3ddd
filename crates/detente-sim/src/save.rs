//! Saved games: the whole game state as versioned JSON, written atomically
//! (a temporary file in the same folder, flushed, then renamed over the
//! old one) so a crash mid-save never destroys the previous save. Loading
//! checks the header first and refuses other formats and versions with a
//! message that says what to do.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::game::Game;
use crate::ids::{ActorId, Party, StateId};

pub const SAVE_FORMAT: &str = "detente-save";
pub const SAVE_VERSION: u32 = 1;
/// Saves larger than this are refused (a generated world of 100,000 nodes
/// saves to well under it).
pub const MAX_SAVE_BYTES: u64 = 512 * 1024 * 1024;

#[derive(Serialize)]
struct SaveOut<'a> {
    format: &'a str,
    version: u32,
    engine: &'a str,
    scenario: &'a str,
    turn: u32,
    game: &'a Game,
}

#[derive(Deserialize)]
struct Header {
    format: Option<String>,
    version: Option<u32>,
    engine: Option<String>,
}

#[derive(Deserialize)]
struct SaveIn {
    game: Game,
}

#[derive(Debug, Error)]
pub enum SaveError {
    #[error("cannot read {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot write {path}: {source}")]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path} is not a Détente saved game ({reason})")]
    NotASave { path: PathBuf, reason: String },
    #[error(
        "{path} was saved by a newer Détente (save version {found}, this one reads {SAVE_VERSION}); update Détente to open it"
    )]
    Newer { path: PathBuf, found: u32 },
    #[error(
        "{path} uses save version {found}, which this Détente cannot read; start the scenario again"
    )]
    Older { path: PathBuf, found: u32 },
    #[error(
        "{path} is damaged: {reason}. Earlier saves and autosaves in the same folder may still open"
    )]
    Corrupt { path: PathBuf, reason: String },
    #[error("{path} is too large to be a saved game ({size} bytes)")]
    TooLarge { path: PathBuf, size: u64 },
    #[error("the game could not be serialised: {0}")]
    Serialise(String),
}

/// The save as JSON text.
pub fn to_string(game: &Game) -> Result<String, SaveError> {
    let out = SaveOut {
        format: SAVE_FORMAT,
        version: SAVE_VERSION,
        engine: env!("CARGO_PKG_VERSION"),
        scenario: &game.scenario.id,
        turn: game.turn,
        game,
    };
    serde_json::to_string(&out).map_err(|e| SaveError::Serialise(e.to_string()))
}

/// Write a file atomically: temporary file, flush to disk, rename.
pub fn write_atomic(path: &Path, contents: &[u8]) -> Result<(), SaveError> {
    let err = |source| SaveError::Write {
        path: path.to_path_buf(),
        source,
    };
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(err)?;
    }
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "save".into());
    let tmp = path.with_file_name(format!(".{file_name}.tmp-{}", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(contents)?;
        f.sync_all()?;
        drop(f);
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result.map_err(err)
}

pub fn save(game: &Game, path: &Path) -> Result<(), SaveError> {
    let text = to_string(game)?;
    write_atomic(path, text.as_bytes())
}

pub fn load(path: &Path) -> Result<Game, SaveError> {
    let read_err = |source| SaveError::Read {
        path: path.to_path_buf(),
        source,
    };
    let meta = std::fs::metadata(path).map_err(read_err)?;
    if meta.is_dir() {
        return Err(SaveError::NotASave {
            path: path.into(),
            reason: "it is a folder".into(),
        });
    }
    if meta.len() > MAX_SAVE_BYTES {
        return Err(SaveError::TooLarge {
            path: path.into(),
            size: meta.len(),
        });
    }
    let mut text = String::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(MAX_SAVE_BYTES + 1).read_to_string(&mut text))
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::InvalidData => SaveError::NotASave {
                path: path.into(),
                reason: "it is not text".into(),
            },
            _ => read_err(e),
        })?;
    from_str(path, &text)
}

pub fn from_str(path: &Path, text: &str) -> Result<Game, SaveError> {
    let header: Header = serde_json::from_str(text).map_err(|e| {
        if e.is_eof() && text.trim_start().starts_with('{') {
            SaveError::Corrupt {
                path: path.into(),
                reason: "it ends too early (an interrupted write?)".into(),
            }
        } else {
            SaveError::NotASave {
                path: path.into(),
                reason: format!("line {}, column {}: {}", e.line(), e.column(), e),
            }
        }
    })?;
    if header.format.as_deref() != Some(SAVE_FORMAT) {
        return Err(SaveError::NotASave {
            path: path.into(),
            reason: "it has no Détente save header".into(),
        });
    }
    match header.version {
        Some(v) if v > SAVE_VERSION => {
            return Err(SaveError::Newer {
                path: path.into(),
                found: v,
            });
        }
        Some(v) if v < SAVE_VERSION => {
            return Err(SaveError::Older {
                path: path.into(),
                found: v,
            });
        }
        None => {
            return Err(SaveError::NotASave {
                path: path.into(),
                reason: "it has no version".into(),
            });
        }
        _ => {}
    }
    let _ = header.engine;
    let save: SaveIn = serde_json::from_str(text).map_err(|e| SaveError::Corrupt {
        path: path.into(),
        reason: format!("line {}, column {}: {}", e.line(), e.column(), e),
    })?;
    let mut game = save.game;
    game.world.infra.reindex();
    validate_loaded(&game).map_err(|reason| SaveError::Corrupt {
        path: path.into(),
        reason,
    })?;
    Ok(game)
}

/// A save that parses may still be inconsistent (edited by hand): check
/// the indices the rules rely on so a bad save never panics later.
fn validate_loaded(game: &Game) -> Result<(), String> {
    let w = &game.world;
    let sc = &game.scenario;
    let n_states = w.states.len();
    let n_nodes = w.infra.len();
    if n_states == 0 {
        return Err("it has no States".into());
    }
    if w.relations.states != n_states || w.relations.pairs.len() != n_states * (n_states - 1) / 2 {
        return Err("relations do not match the States".into());
    }
    if w.content.len() != n_states || w.harm.len() != n_states || w.potential.len() != n_states {
        return Err("per-State tables have the wrong length".into());
    }
    if sc.index.states.len() != n_states
        || sc.index.nodes.len() != n_nodes
        || sc.behaviours.len() != w.actors.len()
    {
        return Err("the scenario does not match the world".into());
    }
    if game.objectives.len() != sc.objectives.len()
        || sc.rungs.is_empty()
        || w.ladder.rung >= sc.rungs.len()
    {
        return Err("objectives or ladder do not match the scenario".into());
    }
    for (_, node) in w.infra.nodes() {
        if node.owner.index() >= n_states
            || node
                .network
                .is_some_and(|x| x.index() >= w.infra.networks.len())
        {
            return Err(format!(
                "facility {} refers to a missing State or network",
                node.id
            ));
        }
        if !(node.service.is_finite() && node.health.is_finite()) {
            return Err(format!("facility {} has an invalid service level", node.id));
        }
    }
    for net in &w.infra.networks {
        if net.members.iter().any(|m| m.index() >= n_nodes) {
            return Err(format!("network {} refers to a missing facility", net.id));
        }
    }
    for a in &w.actors {
        if a.based_in.index() >= n_states || a.sponsor.is_some_and(|s| s.index() >= n_states) {
            return Err(format!("actor {} refers to a missing State", a.id));
        }
    }
    for inc in &w.incidents {
        if inc.victim.index() >= n_states || inc.nodes.iter().any(|n| n.index() >= n_nodes) {
            return Err(format!(
                "incident {} refers to a missing State or facility",
                inc.id
            ));
        }
    }
    for e in &w.evidence {
        if e.incident.index() >= w.incidents.len() || e.holder.index() >= n_states {
            return Err("evidence refers to a missing incident".into());
        }
    }
    for (&s, orders) in &game.pending {
        if s.index() >= n_states
            || orders
                .actions
                .iter()
                .any(|o| o.action.index() >= sc.actions.len())
        {
            return Err("pending orders refer to a missing State or action".into());
        }
    }
    for (s, ds) in &game.offered {
        if s.index() >= n_states || ds.iter().any(|d| d.index() >= sc.dilemmas.len()) {
            return Err("offered dilemmas refer to a missing State or dilemma".into());
        }
    }
    if sc.actions.iter().any(|a| a.def.effects.is_empty()) {
        return Err("an action has no effect".into());
    }
    let state_ok = |s: StateId| s.index() < n_states;
    let actor_ok = |a: ActorId| a.index() < w.actors.len();
    let party_ok = |p: Party| match p {
        Party::State(s) => state_ok(s),
        Party::Actor(a) => actor_ok(a),
    };
    for inc in &w.incidents {
        if !party_ok(inc.perpetrator)
            || inc.sponsor.is_some_and(|s| !state_ok(s))
            || inc.known_to.iter().any(|&s| !state_ok(s))
            || inc.planted.iter().any(|&(p, _)| !party_ok(p))
            || inc
                .attributions
                .iter()
                .any(|a| !state_ok(a.by) || !party_ok(a.suspect))
            || inc.investigations.iter().any(|&(s, _)| !state_ok(s))
        {
            return Err(format!(
                "incident {} refers to a missing State or actor",
                inc.id
            ));
        }
    }
    for e in &w.evidence {
        if !party_ok(e.suspect) || e.origin >= w.evidence.len() {
            return Err("evidence refers to a missing suspect".into());
        }
    }
    for (_, node) in w.infra.nodes() {
        if let Some(c) = &node.compromise
            && (!party_ok(c.by) || c.incident.index() >= w.incidents.len())
        {
            return Err(format!(
                "facility {} refers to a missing incident or attacker",
                node.id
            ));
        }
    }
    if w.requests
        .iter()
        .any(|r| !state_ok(r.from) || !state_ok(r.to))
        || w.ledger.iter().any(|l| !state_ok(l.state))
        || w.cbm_uses.iter().any(|&(_, s, _)| !state_ok(s))
        || w.assistance
            .iter()
            .any(|&(_, a, b)| !state_ok(a) || !state_ok(b))
        || w.took
            .iter()
            .any(|&(_, s, a)| !state_ok(s) || a.index() >= sc.actions.len())
    {
        return Err("the records refer to a missing State or action".into());
    }
    if game.choices.iter().any(|&(_, s, d, o)| {
        !state_ok(s)
            || sc
                .dilemmas
                .get(d.index())
                .is_none_or(|x| o >= x.def.options.len())
    }) {
        return Err("a dilemma answer refers to a missing dilemma".into());
    }
    if game.fired.keys().any(|i| i.index() >= sc.injects.len()) || game.seats.len() != n_states {
        return Err("injects or seats do not match the scenario".into());
    }
    for r in &sc.rungs {
        if r.opens
            .iter()
            .chain(&r.closes)
            .any(|a| a.index() >= sc.actions.len())
        {
            return Err("the ladder refers to a missing action".into());
        }
    }
    if sc.dilemmas.iter().any(|d| !state_ok(d.state))
        || sc
            .objectives
            .iter()
            .any(|o| o.owner.is_some_and(|s| !state_ok(s)))
    {
        return Err("the scenario refers to a missing State".into());
    }
    for h in &game.history {
        if h.scores.by_state.len() != n_states || h.harm_by_state.len() != n_states {
            return Err("the turn history does not match the States".into());
        }
    }
    if !(w.ladder.level.is_finite() && w.ladder.peak.is_finite()) {
        return Err("the escalation level is not a number".into());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finished() -> Game {
        let text = crate::starter::text("s", "s.ron");
        let l = crate::scenario::load_str("s.ron", &text);
        crate::cli::play_out(l.scenario.unwrap(), l.world.unwrap(), 4)
    }

    #[test]
    fn a_save_round_trips() {
        let game = finished();
        let text = to_string(&game).unwrap();
        let back = from_str(Path::new("x.json"), &text).unwrap();
        assert!(back == game);
        assert_eq!(
            crate::debrief::to_json(&crate::debrief::build(&back)),
            crate::debrief::to_json(&crate::debrief::build(&game))
        );
    }

    #[test]
    fn damaged_saves_are_refused_with_a_reason() {
        let game = finished();
        let text = to_string(&game).unwrap();
        let p = Path::new("x.json");
        // Cut short (an interrupted write).
        assert!(matches!(
            from_str(p, &text[..text.len() / 2]),
            Err(SaveError::Corrupt { .. })
        ));
        // Not a save at all.
        assert!(matches!(
            from_str(p, "[1, 2, 3]"),
            Err(SaveError::NotASave { .. })
        ));
        assert!(matches!(
            from_str(p, "{\"format\": \"other\"}"),
            Err(SaveError::NotASave { .. })
        ));
        // A newer version.
        let newer = text.replacen("\"version\":1", "\"version\":9", 1);
        assert!(matches!(
            from_str(p, &newer),
            Err(SaveError::Newer { found: 9, .. })
        ));
        // Edited by hand: an index that points nowhere.
        let mut bad = game.clone();
        bad.world
            .took
            .push((1, StateId(0), crate::ids::ActionId(9999)));
        let edited = to_string(&bad).unwrap();
        assert!(matches!(
            from_str(p, &edited),
            Err(SaveError::Corrupt { .. })
        ));
        let mut bad = game.clone();
        bad.world.incidents[0].perpetrator = Party::Actor(ActorId(77));
        assert!(matches!(
            from_str(p, &to_string(&bad).unwrap()),
            Err(SaveError::Corrupt { .. })
        ));
    }

    #[test]
    fn an_atomic_write_replaces_the_file_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("save.json");
        write_atomic(&path, b"first").unwrap();
        write_atomic(&path, b"second").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "second");
        // No temporary files are left behind.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
        // A folder that cannot be written gives an error, and the old file stays.
        let blocked = dir.path().join("save.json").join("inside.json");
        assert!(write_atomic(&blocked, b"x").is_err());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "second");
    }
}
