//! One test per lint: a file that triggers it and one that does not (the
//! starter scenario, which is clean), and a golden test of the rendered
//! diagnostics for a file with several typical mistakes.

use detente_sim::scenario::diagnostics::Severity;
use detente_sim::scenario::{load_bytes, load_str};

fn base() -> String {
    detente_sim::starter::text("lint", "lint.ron")
}

fn edit(text: &str, from: &str, to: &str) -> String {
    assert!(text.contains(from), "`{from}` not in the base text");
    text.replacen(from, to, 1)
}

fn codes(text: &str) -> Vec<&'static str> {
    let l = load_str("lint.ron", text);
    assert!(!l.has_errors(), "{}", l.render());
    l.diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Warning)
        .map(|d| d.code)
        .collect()
}

/// The lint fires on the edited file and not on the base file.
fn check(code: &str, edited: String) {
    assert!(
        !codes(&base()).contains(&code),
        "the base file already triggers {code}"
    );
    let got = codes(&edited);
    assert!(got.contains(&code), "{code} not reported; got {got:?}");
}

const INJECTS: &str = "    injects: [\n";

#[test]
fn base_file_is_clean() {
    assert!(codes(&base()).is_empty());
}

#[test]
fn inject_never_fires() {
    check(
        "inject-never-fires",
        edit(
            &base(),
            INJECTS,
            "    injects: [\n        (id: \"never\", when: rung_at_least(\"armed_conflict\"), effects: [news(\"x\")]),\n",
        ),
    );
    check(
        "inject-never-fires",
        edit(
            &base(),
            INJECTS,
            "    injects: [\n        (id: \"zero\", turn: 3, chance: 0.0, effects: [news(\"x\")]),\n",
        ),
    );
    check(
        "inject-never-fires",
        edit(
            &base(),
            INJECTS,
            "    injects: [\n        (id: \"late\", turn: 2, when: turn_at_least(4), effects: [news(\"x\")]),\n",
        ),
    );
}

#[test]
fn inject_after_last_turn() {
    check(
        "inject-after-last-turn",
        edit(
            &base(),
            INJECTS,
            "    injects: [\n        (id: \"late\", turn: 9, effects: [news(\"x\")]),\n",
        ),
    );
}

#[test]
fn objective_never_met_and_always_met() {
    check(
        "objective-never-met",
        edit(
            &base(),
            "condition: rung_below(\"crisis\")",
            "condition: turn_at_least(40)",
        ),
    );
    check(
        "objective-never-met",
        edit(
            &base(),
            "condition: rung_below(\"crisis\")",
            "condition: dilemma_chose(\"pay_or_not\", \"pay\")",
        )
        .replace("offer_dilemma(\"pay_or_not\"),", ""),
    );
    check(
        "objective-always-met",
        edit(
            &base(),
            "condition: rung_below(\"crisis\")",
            "condition: not(never)",
        ),
    );
}

#[test]
fn objective_met_at_start() {
    check(
        "objective-met-at-start",
        edit(
            &base(),
            "condition: all([turn_at_least(3), service_at_least(\"arc_hospital\", 0.8)])",
            "condition: service_at_least(\"arc_hospital\", 0.8)",
        ),
    );
}

#[test]
fn orphan_node() {
    check(
        "orphan-node",
        edit(
            &base(),
            "    nodes: [\n",
            "    nodes: [\n        (id: \"shed\", name: \"Empty shed\", owner: \"arcadia\", sector: industry),\n",
        ),
    );
}

#[test]
fn unlinked_network_member() {
    let text = edit(
        &base(),
        "    nodes: [\n",
        "    networks: [(id: \"grid\", name: \"Grid\")],\n    nodes: [\n        (id: \"plant\", name: \"Plant\", owner: \"arcadia\", sector: energy, population: 10, network: \"grid\", core: true),\n        (id: \"sub\", name: \"Substation\", owner: \"arcadia\", sector: energy, population: 10, network: \"grid\"),\n",
    );
    check("unlinked-member", text.clone());
    // Linked, it is fine.
    let linked = edit(
        &text,
        "    dependencies: [",
        "    links: [(between: (\"plant\", \"sub\"))],\n    dependencies: [",
    );
    assert!(!codes(&linked).contains(&"unlinked-member"));
}

#[test]
fn dilemma_without_a_norm_abiding_option() {
    let text = edit(
        &base(),
        "                    upholds: [cooperate_on_crime_and_terrorism],\n",
        "",
    );
    check("no-norm-option", text);
}

#[test]
fn dilemma_never_offered() {
    check(
        "dilemma-never-offered",
        edit(
            &base(),
            "                offer_dilemma(\"pay_or_not\"),\n",
            "",
        ),
    );
}

#[test]
fn state_with_no_possible_action() {
    let all: Vec<String> = detente_sim::catalog::actions()
        .iter()
        .map(|a| format!("\"{}\"", a.id))
        .collect();
    let text = edit(
        &base(),
        "    // Who attacks.",
        &format!(
            "    exclude_actions: [{}],\n    // Who attacks.",
            all.join(", ")
        ),
    );
    check("no-possible-action", text);
}

#[test]
fn idle_actor() {
    check(
        "idle-actor",
        edit(
            &base(),
            "    actors: [\n",
            "    actors: [\n        (id: \"lazy\", name: \"Lazy group\", kind: hacktivist, based_in: \"borduria\", capability: 0.2),\n",
        ),
    );
}

#[test]
fn empty_text() {
    check(
        "empty-text",
        edit(
            &base(),
            "\"Which channel between the two States mattered most?\"",
            "\"   \"",
        ),
    );
    check(
        "empty-text",
        edit(
            &base(),
            "name: \"Arcadia University Hospital\"",
            "name: \"\"",
        ),
    );
}

#[test]
fn tab_in_text_and_bom() {
    check(
        "tab-in-text",
        edit(&base(), "title: \"Lint\"", "title: \"Li\tnt\""),
    );
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(base().as_bytes());
    let l = load_bytes("lint.ron", &bytes);
    assert!(l.diagnostics.iter().any(|d| d.code == "bom"));
}

#[test]
fn renamed_field() {
    check("renamed-field", edit(&base(), "turns: 6", "max_turns: 6"));
}

/// Several typical mistakes at once: all reported, rendered rustc-style.
/// Set UPDATE_GOLDEN=1 to rewrite the expected file after a deliberate change.
#[test]
fn golden_rendering_of_typical_mistakes() {
    let text = base()
        .replace(
            "owner: \"arcadia\", sector: health",
            "owner: \"arcadai\", sector: health",
        )
        .replace("by: actor(\"lockbit_x\")", "by: actor(\"lockbit\")")
        .replace("population: 600000", "population: -600000")
        .replace("capacities: (cert: 0.4,", "capacities: (cert: 1.4,")
        .replace(
            "(supplier: \"bor_grid\", dependent: \"bor_hospital\"",
            "(supplier: \"bor_grid\", dependent: \"bor_grid\"",
        )
        .replace(
            "\"Which channel between the two States mattered most?\"",
            "\"\"",
        );
    let l = load_str("scenarios/mistakes.ron", &text);
    let rendered = l.render();
    let golden = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/mistakes.txt");
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(golden.parent().unwrap()).unwrap();
        std::fs::write(&golden, &rendered).unwrap();
    }
    let expected =
        std::fs::read_to_string(&golden).expect("golden file missing: run with UPDATE_GOLDEN=1");
    assert_eq!(
        rendered, expected,
        "rendered diagnostics changed:\n{rendered}"
    );
    assert_eq!(l.diagnostics.iter().filter(|d| d.is_error()).count(), 5);
}
