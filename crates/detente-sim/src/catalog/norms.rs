//! The 11 norms of responsible State behaviour from the 2015 UN GGE report
//! (A/70/174, paragraph 13 (a)-(k)), in the report's order. Facts only: the
//! wording is a paraphrase of `shared/reference/domain.md`, section 1.

use serde::{Deserialize, Serialize};

/// One of the 11 GGE norms. The order of the variants is the report's order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Norm {
    InterstateCooperation,
    ConsiderAllInformation,
    NoMisuseOfTerritory,
    CooperateOnCrimeAndTerrorism,
    HumanRightsOnline,
    NoHarmToCriticalInfrastructure,
    ProtectCriticalInfrastructure,
    RespondToAssistanceRequests,
    SupplyChainIntegrity,
    ResponsibleVulnerabilityReporting,
    NoHarmToCsirts,
}

/// Catalogue entry for a norm: its id, paragraph letter and a one-line meaning.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NormInfo {
    pub norm: Norm,
    /// The id used in scenario files, e.g. `no_harm_to_critical_infrastructure`.
    pub id: &'static str,
    /// Paragraph letter in A/70/174, paragraph 13.
    pub letter: char,
    /// A short title for buttons and tags.
    pub title: &'static str,
    /// One-line paraphrase of the norm.
    pub meaning: &'static str,
}

impl NormInfo {
    /// The reference shown beside every tag, e.g. "GGE 13(h)".
    pub fn reference(&self) -> String {
        format!("GGE 13({})", self.letter)
    }
}

pub const SOURCE: &str = "UN GGE report A/70/174 (2015), paragraph 13 (a)-(k); endorsed by UN General Assembly resolution 70/237; reaffirmed by the Open-ended Working Groups (2021 report and 2021-2025 OEWG).";

pub const NORMS: [NormInfo; 11] = [
    NormInfo {
        norm: Norm::InterstateCooperation,
        id: "interstate_cooperation",
        letter: 'a',
        title: "Interstate cooperation",
        meaning: "States cooperate on measures that keep ICT use stable and secure and prevent practices that threaten international peace.",
    },
    NormInfo {
        norm: Norm::ConsiderAllInformation,
        id: "consider_all_information",
        letter: 'b',
        title: "Consider all information",
        meaning: "After an ICT incident, a State weighs the whole context, the difficulty of attribution and the scale of consequences before it responds.",
    },
    NormInfo {
        norm: Norm::NoMisuseOfTerritory,
        id: "no_misuse_of_territory",
        letter: 'c',
        title: "No misuse of territory",
        meaning: "States do not knowingly allow their territory to be used for internationally wrongful acts using ICTs.",
    },
    NormInfo {
        norm: Norm::CooperateOnCrimeAndTerrorism,
        id: "cooperate_on_crime_and_terrorism",
        letter: 'd',
        title: "Cooperate against crime and terrorism",
        meaning: "States share information, assist each other and prosecute criminal and terrorist use of ICTs.",
    },
    NormInfo {
        norm: Norm::HumanRightsOnline,
        id: "human_rights_online",
        letter: 'e',
        title: "Human rights online",
        meaning: "ICT security measures respect human rights, including privacy and freedom of expression.",
    },
    NormInfo {
        norm: Norm::NoHarmToCriticalInfrastructure,
        id: "no_harm_to_critical_infrastructure",
        letter: 'f',
        title: "No harm to critical infrastructure",
        meaning: "States do not conduct or knowingly support ICT activity that intentionally damages or impairs critical infrastructure serving the public.",
    },
    NormInfo {
        norm: Norm::ProtectCriticalInfrastructure,
        id: "protect_critical_infrastructure",
        letter: 'g',
        title: "Protect critical infrastructure",
        meaning: "States take appropriate measures to protect their own critical infrastructure from ICT threats.",
    },
    NormInfo {
        norm: Norm::RespondToAssistanceRequests,
        id: "respond_to_assistance_requests",
        letter: 'h',
        title: "Respond to requests for assistance",
        meaning: "States respond to appropriate requests for assistance from a State whose critical infrastructure is attacked, and to requests to mitigate malicious activity from their territory.",
    },
    NormInfo {
        norm: Norm::SupplyChainIntegrity,
        id: "supply_chain_integrity",
        letter: 'i',
        title: "Supply chain integrity",
        meaning: "States take reasonable steps to ensure the integrity of the supply chain and prevent the spread of malicious tools and hidden functions.",
    },
    NormInfo {
        norm: Norm::ResponsibleVulnerabilityReporting,
        id: "responsible_vulnerability_reporting",
        letter: 'j',
        title: "Responsible vulnerability reporting",
        meaning: "States encourage responsible reporting of vulnerabilities and sharing of remedies.",
    },
    NormInfo {
        norm: Norm::NoHarmToCsirts,
        id: "no_harm_to_csirts",
        letter: 'k',
        title: "No harm to CERTs",
        meaning: "States do not attack other States' authorised emergency response teams (CERTs/CSIRTs) and do not use their own teams for malicious international activity.",
    },
];

impl Norm {
    pub const ALL: [Norm; 11] = [
        Norm::InterstateCooperation,
        Norm::ConsiderAllInformation,
        Norm::NoMisuseOfTerritory,
        Norm::CooperateOnCrimeAndTerrorism,
        Norm::HumanRightsOnline,
        Norm::NoHarmToCriticalInfrastructure,
        Norm::ProtectCriticalInfrastructure,
        Norm::RespondToAssistanceRequests,
        Norm::SupplyChainIntegrity,
        Norm::ResponsibleVulnerabilityReporting,
        Norm::NoHarmToCsirts,
    ];

    pub fn info(self) -> &'static NormInfo {
        &NORMS[self as usize]
    }

    pub fn id(self) -> &'static str {
        self.info().id
    }

    pub fn reference(self) -> String {
        self.info().reference()
    }

    pub fn from_id(id: &str) -> Option<Norm> {
        NORMS.iter().find(|n| n.id == id).map(|n| n.norm)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn eleven_norms_in_report_order() {
        let letters: String = NORMS.iter().map(|n| n.letter).collect();
        assert_eq!(letters, "abcdefghijk");
        for (i, n) in NORMS.iter().enumerate() {
            assert_eq!(n.norm as usize, i);
            assert_eq!(Norm::ALL[i], n.norm);
            assert_eq!(Norm::from_id(n.id), Some(n.norm));
        }
    }

    #[test]
    fn ids_match_serde_names() {
        for n in NORMS {
            let json = serde_json::to_string(&n.norm).unwrap();
            assert_eq!(json, format!("\"{}\"", n.id));
        }
        assert_eq!(
            Norm::NoHarmToCriticalInfrastructure.reference(),
            "GGE 13(f)"
        );
    }
}
