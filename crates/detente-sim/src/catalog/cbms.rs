//! The 16 OSCE cyber/ICT confidence-building measures: CBMs 1-11 from
//! Permanent Council Decision No. 1106 (3 December 2013) and CBMs 12-16 from
//! Decision No. 1202 (10 March 2016). Paraphrased from
//! `shared/reference/domain.md`, section 2.

use serde::{Deserialize, Serialize};

/// One of the 16 OSCE CBMs, in the OSCE's numbering.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Cbm {
    ShareThreatViews,
    NationalBodiesExchange,
    Consultations,
    OpenInternetMeasures,
    OsceDialoguePlatform,
    BilateralLegalCooperation,
    ShareNationalOrganisation,
    PointsOfContact,
    NationalTerminology,
    UseOsceChannels,
    ExpertMeetings,
    ExchangeFormats,
    ProtectedCommunicationChannels,
    PublicPrivatePartnerships,
    RegionalInfrastructureCollaboration,
    VulnerabilityReporting,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CbmInfo {
    pub cbm: Cbm,
    /// The id used in scenario files, e.g. `points_of_contact`.
    pub id: &'static str,
    /// OSCE number, 1-16.
    pub number: u8,
    pub title: &'static str,
    pub meaning: &'static str,
    /// The Permanent Council decision that adopted it.
    pub decision: &'static str,
}

impl CbmInfo {
    /// The reference shown beside every tag, e.g. "OSCE CBM 8".
    pub fn reference(&self) -> String {
        format!("OSCE CBM {}", self.number)
    }
}

const PC1106: &str = "OSCE PC.DEC/1106 (3 December 2013)";
const PC1202: &str = "OSCE PC.DEC/1202 (10 March 2016)";

pub const CBMS: [CbmInfo; 16] = [
    CbmInfo {
        cbm: Cbm::ShareThreatViews,
        id: "share_threat_views",
        number: 1,
        title: "Share views on threats",
        meaning: "Voluntarily share national views on ICT threats.",
        decision: PC1106,
    },
    CbmInfo {
        cbm: Cbm::NationalBodiesExchange,
        id: "national_bodies_exchange",
        number: 2,
        title: "Exchange among national bodies",
        meaning: "Facilitate cooperation and information exchange among competent national bodies.",
        decision: PC1106,
    },
    CbmInfo {
        cbm: Cbm::Consultations,
        id: "consultations",
        number: 3,
        title: "Consultations",
        meaning: "Hold consultations to reduce the risk of misperception, tension or conflict, and to protect critical ICT infrastructure.",
        decision: PC1106,
    },
    CbmInfo {
        cbm: Cbm::OpenInternetMeasures,
        id: "open_internet_measures",
        number: 4,
        title: "Open Internet measures",
        meaning: "Share measures taken to keep the Internet open, interoperable, secure and reliable.",
        decision: PC1106,
    },
    CbmInfo {
        cbm: Cbm::OsceDialoguePlatform,
        id: "osce_dialogue_platform",
        number: 5,
        title: "OSCE as a dialogue platform",
        meaning: "Use the OSCE as a platform for dialogue, best practice, awareness and capacity building.",
        decision: PC1106,
    },
    CbmInfo {
        cbm: Cbm::BilateralLegalCooperation,
        id: "bilateral_legal_cooperation",
        number: 6,
        title: "Legal basis for cooperation",
        meaning: "Have national legislation that allows bilateral information exchange, including between law enforcement, on criminal or terrorist ICT use.",
        decision: PC1106,
    },
    CbmInfo {
        cbm: Cbm::ShareNationalOrganisation,
        id: "share_national_organisation",
        number: 7,
        title: "Share national organisation",
        meaning: "Share national ICT security organisation, strategies, policies and public-private cooperation.",
        decision: PC1106,
    },
    CbmInfo {
        cbm: Cbm::PointsOfContact,
        id: "points_of_contact",
        number: 8,
        title: "Points of contact",
        meaning: "Nominate points of contact for communication and dialogue on ICT security (the most implemented CBM: about 98% of participating States named one).",
        decision: PC1106,
    },
    CbmInfo {
        cbm: Cbm::NationalTerminology,
        id: "national_terminology",
        number: 9,
        title: "National terminology",
        meaning: "Provide a national glossary of ICT security terms.",
        decision: PC1106,
    },
    CbmInfo {
        cbm: Cbm::UseOsceChannels,
        id: "use_osce_channels",
        number: 10,
        title: "Use OSCE channels",
        meaning: "Exchange views through OSCE platforms, mechanisms and networks.",
        decision: PC1106,
    },
    CbmInfo {
        cbm: Cbm::ExpertMeetings,
        id: "expert_meetings",
        number: 11,
        title: "Expert meetings",
        meaning: "National experts meet at least three times a year to review exchanges and develop CBMs.",
        decision: PC1106,
    },
    CbmInfo {
        cbm: Cbm::ExchangeFormats,
        id: "exchange_formats",
        number: 12,
        title: "Workshops and roundtables",
        meaning: "Workshops, seminars and roundtables, including regional and subregional ones.",
        decision: PC1202,
    },
    CbmInfo {
        cbm: Cbm::ProtectedCommunicationChannels,
        id: "protected_communication_channels",
        number: 13,
        title: "Protected communication channels",
        meaning: "Support authorised, protected communication channels and clarify technical, legal and diplomatic routes for ICT-related requests.",
        decision: PC1202,
    },
    CbmInfo {
        cbm: Cbm::PublicPrivatePartnerships,
        id: "public_private_partnerships",
        number: 14,
        title: "Public-private partnerships",
        meaning: "Promote public-private partnerships and exchange of good practice.",
        decision: PC1202,
    },
    CbmInfo {
        cbm: Cbm::RegionalInfrastructureCollaboration,
        id: "regional_infrastructure_collaboration",
        number: 15,
        title: "Regional infrastructure collaboration",
        meaning: "Critical-infrastructure authorities collaborate regionally on cross-border ICT dependencies.",
        decision: PC1202,
    },
    CbmInfo {
        cbm: Cbm::VulnerabilityReporting,
        id: "vulnerability_reporting",
        number: 16,
        title: "Vulnerability reporting",
        meaning: "Encourage responsible vulnerability reporting and sharing of remedies, including with industry.",
        decision: PC1202,
    },
];

/// UN-level context shown in the reference panel beside the OSCE list.
pub const UN_CONTEXT: &str = "At UN level the OEWG created a Global Intergovernmental Points of Contact Directory (welcomed by GA resolution 78/237; portal live May 2024; more than 120 States by October 2025). The OEWG final report (adopted 11 July 2025, A/80/257) set up a permanent Global Mechanism on ICT security, endorsed by GA resolution 80/16.";

impl Cbm {
    pub const ALL: [Cbm; 16] = [
        Cbm::ShareThreatViews,
        Cbm::NationalBodiesExchange,
        Cbm::Consultations,
        Cbm::OpenInternetMeasures,
        Cbm::OsceDialoguePlatform,
        Cbm::BilateralLegalCooperation,
        Cbm::ShareNationalOrganisation,
        Cbm::PointsOfContact,
        Cbm::NationalTerminology,
        Cbm::UseOsceChannels,
        Cbm::ExpertMeetings,
        Cbm::ExchangeFormats,
        Cbm::ProtectedCommunicationChannels,
        Cbm::PublicPrivatePartnerships,
        Cbm::RegionalInfrastructureCollaboration,
        Cbm::VulnerabilityReporting,
    ];

    pub fn info(self) -> &'static CbmInfo {
        &CBMS[self as usize]
    }

    pub fn id(self) -> &'static str {
        self.info().id
    }

    pub fn reference(self) -> String {
        self.info().reference()
    }

    pub fn from_id(id: &str) -> Option<Cbm> {
        CBMS.iter().find(|c| c.id == id).map(|c| c.cbm)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sixteen_cbms_numbered_in_order() {
        for (i, c) in CBMS.iter().enumerate() {
            assert_eq!(c.number as usize, i + 1);
            assert_eq!(c.cbm as usize, i);
            assert_eq!(Cbm::ALL[i], c.cbm);
            assert_eq!(Cbm::from_id(c.id), Some(c.cbm));
            let expected = if c.number <= 11 { PC1106 } else { PC1202 };
            assert_eq!(c.decision, expected);
        }
        assert_eq!(Cbm::PointsOfContact.reference(), "OSCE CBM 8");
    }

    #[test]
    fn ids_match_serde_names() {
        for c in CBMS {
            assert_eq!(
                serde_json::to_string(&c.cbm).unwrap(),
                format!("\"{}\"", c.id)
            );
        }
    }
}
