//! Built-in catalogues: the 11 GGE norms, the 16 OSCE CBMs, the action
//! catalogue and the default escalation ladder. Norms and CBMs are facts
//! (Rust tables checked against domain.md); actions and the ladder are RON
//! data in `data/`, in the same format scenarios use for their own.

mod cbms;
mod norms;

use std::sync::OnceLock;

pub use cbms::{CBMS, Cbm, CbmInfo, UN_CONTEXT};
pub use norms::{NORMS, Norm, NormInfo, SOURCE as NORMS_SOURCE};

use crate::scenario::format::{ActionDef, RungDef};

const ACTIONS_RON: &str = include_str!("../../data/actions.ron");
const LADDER_RON: &str = include_str!("../../data/ladder.ron");

fn parse<T: serde::de::DeserializeOwned>(what: &str, text: &str) -> T {
    match crate::scenario::load::ron_options().from_str(text) {
        Ok(v) => v,
        // The data is compiled in and covered by tests; this cannot be user input.
        Err(e) => panic!("built-in {what} catalogue is invalid: {e}"),
    }
}

/// The built-in actions, in catalogue order.
pub fn actions() -> &'static [ActionDef] {
    static ACTIONS: OnceLock<Vec<ActionDef>> = OnceLock::new();
    ACTIONS.get_or_init(|| parse("action", ACTIONS_RON))
}

/// The built-in actions behind reference counts, shared by every loaded
/// scenario so that loading one does not copy the catalogue.
pub fn shared_actions() -> &'static [std::sync::Arc<ActionDef>] {
    static SHARED: OnceLock<Vec<std::sync::Arc<ActionDef>>> = OnceLock::new();
    SHARED.get_or_init(|| actions().iter().cloned().map(std::sync::Arc::new).collect())
}

/// The built-in escalation ladder.
pub fn default_ladder() -> &'static [RungDef] {
    static LADDER: OnceLock<Vec<RungDef>> = OnceLock::new();
    LADDER.get_or_init(|| parse("ladder", LADDER_RON))
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;
    use crate::scenario::format::Family;

    #[test]
    fn catalogue_parses_with_unique_ids() {
        let ids: BTreeSet<_> = actions().iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids.len(), actions().len());
        assert!(actions().len() >= 40);
    }

    #[test]
    fn every_family_of_game_md_is_covered() {
        let ids: BTreeSet<_> = actions().iter().map(|a| a.id.as_str()).collect();
        // game.md section 3, family by family.
        for id in [
            "investigate",
            "harden_node",
            "isolate_node",
            "restore_node",
            "share_indicators",
            "request_assistance",
            "provide_assistance",
            "report_vulnerability",
            "contact_points_of_contact",
            "use_hotline",
            "request_consultations",
            "public_statement",
            "private_demarche",
            "ask_to_stop",
            "public_attribution",
            "raise_at_forum",
            "propose_peer_review",
            "publish_doctrine",
            "sanctions",
            "expel_diplomats",
            "countermeasure",
            "offensive_cyber_operation",
            "public_communication",
            "emergency_plan",
            "work_with_operators",
            "work_with_platforms",
        ] {
            assert!(ids.contains(id), "missing {id}");
        }
        for family in Family::ALL {
            assert!(actions().iter().any(|a| a.family == family));
        }
    }

    #[test]
    fn every_cbm_is_exercised_by_some_action() {
        let used: BTreeSet<_> = actions().iter().filter_map(|a| a.cbm).collect();
        for cbm in Cbm::ALL {
            assert!(used.contains(&cbm), "no action exercises {}", cbm.id());
        }
    }

    #[test]
    fn every_norm_is_tagged_somewhere() {
        let mut tagged: BTreeSet<Norm> = actions()
            .iter()
            .flat_map(|a| a.upholds.iter().chain(&a.violates).copied())
            .collect();
        // 13(k) is added by the engine when an operation targets a CERT.
        tagged.insert(Norm::NoHarmToCsirts);
        assert_eq!(tagged.len(), 11);
    }

    #[test]
    fn ladder_is_ordered_and_names_real_actions() {
        let ladder = default_ladder();
        assert_eq!(ladder[0].threshold, 0.0);
        assert!(ladder.windows(2).all(|w| w[0].threshold < w[1].threshold));
        let ids: BTreeSet<_> = actions().iter().map(|a| a.id.as_str()).collect();
        for rung in ladder {
            for a in rung.opens.iter().chain(&rung.closes) {
                assert!(ids.contains(a.as_str()), "{a}");
            }
        }
    }
}
