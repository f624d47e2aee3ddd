//! One test per kind of diagnostic, each asserting the line and column it
//! reports. Broken files are made by editing the starter scenario, and the
//! expected position is found in the edited text, so the tests say exactly
//! where a facilitator's editor should jump.

use detente_sim::scenario::diagnostics::{Diagnostic, Severity};
use detente_sim::scenario::{Loaded, load_bytes, load_path, load_str};

fn base() -> String {
    detente_sim::starter::text("diag", "diag.ron")
}

/// Replace the first occurrence of `from` (which must exist).
fn edit(text: &str, from: &str, to: &str) -> String {
    assert!(text.contains(from), "`{from}` not in the base text");
    text.replacen(from, to, 1)
}

/// 1-based line and character column of the first `needle` in `text`.
fn pos(text: &str, needle: &str) -> (usize, usize) {
    let at = text
        .find(needle)
        .unwrap_or_else(|| panic!("`{needle}` not found"));
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().unwrap().chars().count() + 1;
    (line, col)
}

fn line_col(text: &str, at: usize) -> (usize, usize) {
    let before = &text[..at];
    (
        before.matches('\n').count() + 1,
        before.rsplit('\n').next().unwrap().chars().count() + 1,
    )
}

/// Position of the `n`th (0-based) occurrence of `needle`.
fn pos_nth(text: &str, needle: &str, n: usize) -> (usize, usize) {
    line_col(
        text,
        text.match_indices(needle)
            .nth(n)
            .unwrap_or_else(|| panic!("`{needle}` #{n} not found"))
            .0,
    )
}

fn find<'a>(loaded: &'a Loaded, code: &str) -> &'a Diagnostic {
    loaded
        .diagnostics
        .iter()
        .find(|d| d.code == code)
        .unwrap_or_else(|| panic!("no `{code}` diagnostic in:\n{}", loaded.render()))
}

fn assert_at(loaded: &Loaded, code: &str, expected: (usize, usize)) -> Diagnostic {
    let d = find(loaded, code).clone();
    assert_eq!((d.line, d.column), expected, "{}", loaded.render());
    d
}

#[test]
fn the_base_file_is_clean() {
    let l = load_str("diag.ron", &base());
    assert!(l.diagnostics.is_empty(), "{}", l.render());
}

#[test]
fn unknown_id_points_at_the_value_and_suggests() {
    let text = edit(
        &base(),
        "owner: \"arcadia\", sector: health",
        "owner: \"arcadai\", sector: health",
    );
    let l = load_str("diag.ron", &text);
    let d = assert_at(&l, "unknown-id", pos(&text, "\"arcadai\""));
    assert_eq!(d.help.as_deref(), Some("did you mean `arcadia`?"));
    assert!(l.scenario.is_none());
}

#[test]
fn every_semantic_problem_is_reported_at_once() {
    let text = edit(
        &base(),
        "owner: \"arcadia\", sector: health",
        "owner: \"arcadai\", sector: health",
    );
    let text = edit(
        &text,
        "node: \"arc_hospital\", kind: ransomware",
        "node: \"arc_hospitl\", kind: ransomware",
    );
    let text = edit(&text, "population: 250000", "population: -5");
    let l = load_str("diag.ron", &text);
    let errors: Vec<_> = l.diagnostics.iter().filter(|d| d.is_error()).collect();
    assert_eq!(errors.len(), 3, "{}", l.render());
    assert_at(&l, "out-of-range", pos(&text, "-5"));
}

#[test]
fn duplicate_id() {
    let text = edit(&base(), "(id: \"bor_grid\"", "(id: \"arc_grid\"");
    let l = load_str("diag.ron", &text);
    // The second one is reported.
    assert_at(&l, "duplicate-id", pos_nth(&text, "\"arc_grid\", name", 1));
}

#[test]
fn absurd_numbers() {
    for (from, to, value, code) in [
        (
            "population: 800000",
            "population: 1e30",
            "1e30",
            "out-of-range",
        ),
        ("population: 800000", "population: NaN", "NaN", "bad-number"),
        (
            "population: 800000",
            "population: -800000",
            "-800000",
            "out-of-range",
        ),
        ("trust: 55", "trust: 555", "555", "out-of-range"),
        (
            "capital: 5, offensive: 0.1",
            "capital: 0, offensive: 0.1",
            "0, offensive",
            "out-of-range",
        ),
        ("turns: 6", "turns: 100000", "100000", "out-of-range"),
    ] {
        let text = edit(&base(), from, to);
        let l = load_str("diag.ron", &text);
        let at = text.find(to).unwrap() + to.find(value).unwrap();
        assert_at(&l, code, line_col(&text, at));
    }
}

#[test]
fn missing_comma_points_after_the_previous_value() {
    let text = edit(&base(), "turn_hours: 12,", "turn_hours: 12");
    let l = load_str("diag.ron", &text);
    let (line, col) = pos(&text, "turn_hours: 12");
    assert_at(&l, "syntax", (line, col + "turn_hours: 1".len()));
    assert!(find(&l, "syntax").message.contains("comma"));
}

#[test]
fn unclosed_bracket_points_at_the_opening_one() {
    let text = edit(&base(), "    ],\n    // Trust", "\n    // Trust");
    let l = load_str("diag.ron", &text);
    let d = find(&l, "syntax");
    assert!(
        d.message.contains("does not match") || d.message.contains("never closed"),
        "{}",
        l.render()
    );
    // The states list opens with `[` after `states:`.
    let (line, col) = pos(&text, "states: [");
    if d.message.contains("never closed") {
        assert_eq!((d.line, d.column), (line, col + "states: ".len()));
    } else {
        assert!(
            d.help
                .as_deref()
                .unwrap_or("")
                .contains(&format!("line {line}, column {}", col + "states: ".len())),
            "{}",
            l.render()
        );
    }
}

#[test]
fn unbalanced_extra_bracket() {
    let text = edit(&base(), "turn_hours: 12,", "turn_hours: 12),");
    let l = load_str("diag.ron", &text);
    let (line, col) = pos(&text, "12),");
    assert_at(&l, "syntax", (line, col + 2));
}

#[test]
fn truncated_file() {
    let text = base();
    let cut = &text[..text.find("dilemmas: [").unwrap() + 20];
    let l = load_str("diag.ron", cut);
    let d = find(&l, "syntax");
    assert!(d.message.contains("never closed"), "{}", l.render());
    // The innermost open bracket: the `[` of the dilemmas list.
    let expected = line_col(cut, cut.find("dilemmas: [").unwrap() + "dilemmas: ".len());
    assert_eq!((d.line, d.column), expected);
}

#[test]
fn unclosed_string() {
    let text = edit(&base(), "title: \"Diag\",", "title: \"Diag,");
    let l = load_str("diag.ron", &text);
    let d = assert_at(&l, "syntax", pos(&text, "\"Diag,"));
    assert!(d.message.contains("not closed"), "{}", l.render());
}

#[test]
fn wrong_type() {
    let text = edit(&base(), "turn_hours: 12,", "turn_hours: \"twelve\",");
    let l = load_str("diag.ron", &text);
    assert_at(&l, "wrong-type", pos(&text, "\"twelve\""));
}

#[test]
fn unknown_field_suggests_the_right_one() {
    let text = edit(&base(), "turn_hours: 12,", "turn_hour: 12,");
    let l = load_str("diag.ron", &text);
    let d = assert_at(&l, "unknown-field", pos(&text, "turn_hour:"));
    assert_eq!(d.help.as_deref(), Some("did you mean `turn_hours`?"));
}

#[test]
fn missing_field() {
    let text = edit(&base(), "    turn_hours: 12,\n", "");
    let l = load_str("diag.ron", &text);
    let d = find(&l, "missing-field");
    assert!(d.message.contains("turn_hours"), "{}", l.render());
    // Reported where the scenario's group ends: its last line.
    assert_eq!(d.line, text.trim_end().lines().count(), "{}", l.render());
}

#[test]
fn duplicate_field() {
    let text = edit(&base(), "turn_hours: 12,", "turn_hours: 12, turn_hours: 6,");
    let l = load_str("diag.ron", &text);
    let (line, col) = pos(&text, "turn_hours: 6");
    let d = find(&l, "duplicate-field");
    assert_eq!(d.line, line, "{}", l.render());
    assert!(
        d.column >= col && d.column <= col + "turn_hours".len(),
        "{}",
        l.render()
    );
}

#[test]
fn unknown_variant_suggests() {
    let text = edit(&base(), "sector: health", "sector: helth");
    let l = load_str("diag.ron", &text);
    let d = assert_at(&l, "unknown-variant", pos(&text, "helth"));
    assert_eq!(d.help.as_deref(), Some("did you mean `health`?"));
}

#[test]
fn deep_nesting_is_refused_without_overflow() {
    let deep = format!("({})", "[".repeat(100_000));
    let l = load_str("deep.ron", &deep);
    assert_at(&l, "too-deep", (1, 65));
    // Deep but balanced conditions stop at the parser's recursion limit too.
    let cond = format!("{}always{}", "not(".repeat(200), ")".repeat(200));
    let text = edit(
        &base(),
        "condition: rung_below(\"crisis\")",
        &format!("condition: {cond}"),
    );
    let l = load_str("diag.ron", &text);
    assert!(l.has_errors());
    assert!(
        l.diagnostics.iter().any(|d| d.code == "too-deep"),
        "{}",
        l.render()
    );
}

#[test]
fn empty_and_not_utf8_files() {
    let l = load_str("empty.ron", "   \n");
    assert_eq!(find(&l, "empty-file").line, 0);
    let mut bytes = b"(\n  id: \"ok\",\n  title: \"caf".to_vec();
    bytes.push(0xE9);
    bytes.extend_from_slice(b"\"\n)");
    let l = load_bytes("latin1.ron", &bytes);
    assert_at(&l, "not-utf8", (3, 14));
}

#[test]
fn bom_and_windows_line_endings() {
    let text = edit(&base(), "sector: health", "sector: helth").replace('\n', "\r\n");
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(text.as_bytes());
    let l = load_bytes("crlf.ron", &bytes);
    let bom = find(&l, "bom");
    assert_eq!(bom.severity, Severity::Warning);
    assert_at(&l, "unknown-variant", pos(&text, "helth"));
    // A clean CRLF file with a BOM loads, with only the BOM warning.
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(base().replace('\n', "\r\n").as_bytes());
    let l = load_bytes("crlf.ron", &bytes);
    assert!(!l.has_errors(), "{}", l.render());
    assert_eq!(l.diagnostics.len(), 1);
}

#[test]
fn tab_inside_text() {
    let text = edit(&base(), "title: \"Diag\"", "title: \"Di\tag\"");
    let l = load_str("diag.ron", &text);
    let d = assert_at(&l, "tab-in-text", pos(&text, "\tag"));
    assert_eq!(d.severity, Severity::Warning);
}

#[test]
fn self_dependency_is_a_forbidden_cycle() {
    let text = edit(
        &base(),
        "(supplier: \"arc_grid\", dependent: \"arc_hospital\"",
        "(supplier: \"arc_grid\", dependent: \"arc_grid\"",
    );
    let l = load_str("diag.ron", &text);
    let line = pos(&text, "dependent: \"arc_grid\"").0;
    let d = find(&l, "cycle");
    assert_eq!(d.line, line, "{}", l.render());
}

#[test]
fn inject_trigger_loop_is_a_cycle() {
    let text = edit(
        &base(),
        "offer_dilemma(\"pay_or_not\"),",
        "offer_dilemma(\"pay_or_not\"), trigger_inject(\"ransom_note\"),",
    );
    let text = edit(
        &text,
        "text: \"The ransom note is signed by the LockCrypt gang.\"),",
        "text: \"The ransom note is signed by the LockCrypt gang.\"), trigger_inject(\"ransomware\"),",
    );
    let l = load_str("diag.ron", &text);
    let d = find(&l, "cycle");
    assert!(
        d.message.contains("ransomware -> ransom_note"),
        "{}",
        l.render()
    );
    assert_eq!(
        d.line,
        pos(
            &text,
            "effects: [\n                operation(incident: \"hospital"
        )
        .0,
        "{}",
        l.render()
    );
}

#[test]
fn newer_format_is_refused_and_older_is_migrated() {
    let text = edit(&base(), "format_version: 2", "format_version: 3");
    let l = load_str("diag.ron", &text);
    assert_at(&l, "version-newer", pos(&text, "3,\n"));
    let text = edit(&base(), "format_version: 2", "format_version: 1")
        .replace("turns: 6", "max_turns: 6")
        .replace("population: 800000", "population: 800");
    let l = load_str("diag.ron", &text);
    assert!(!l.has_errors(), "{}", l.render());
    let d = assert_at(&l, "migrated", pos(&text, "1,\n"));
    assert_eq!(d.severity, Severity::Note);
    let w = l.world.unwrap();
    assert_eq!(
        w.infra.node(detente_sim::ids::NodeId(0)).population,
        800_000.0
    );
    assert_eq!(l.scenario.unwrap().turns, 6);
}

#[test]
fn renamed_field_in_a_current_file_warns() {
    let text = edit(&base(), "turns: 6", "max_turns: 6");
    let l = load_str("diag.ron", &text);
    assert_at(&l, "renamed-field", pos(&text, "max_turns"));
}

#[test]
fn bad_colour_and_link_outside_network_and_core_without_network() {
    let text = edit(&base(), "colour: \"#2a7ab0\"", "colour: \"blue\"");
    let text = edit(
        &text,
        "sector: energy, population: 800000)",
        "sector: energy, population: 800000, core: true)",
    );
    let text = edit(
        &text,
        "    dependencies: [",
        "    links: [(between: (\"arc_grid\", \"bor_grid\"))],\n    dependencies: [",
    );
    let l = load_str("diag.ron", &text);
    assert_at(&l, "bad-colour", pos(&text, "\"blue\""));
    assert_at(&l, "core-without-network", pos(&text, "true)"));
    assert_at(
        &l,
        "link-outside-network",
        pos(&text, "(\"arc_grid\", \"bor_grid\")"),
    );
}

#[test]
fn dilemma_for_a_scripted_state_and_option_count() {
    let text = edit(&base(), "controller: computer,", "controller: scripted,");
    let text = edit(
        &text,
        "state: \"arcadia\",\n            title: \"The ransom\"",
        "state: \"borduria\",\n            title: \"The ransom\"",
    );
    let l = load_str("diag.ron", &text);
    assert_at(
        &l,
        "scripted-seat",
        pos(&text, "\"borduria\",\n            title"),
    );
}

#[test]
fn too_many_states() {
    let mut states = String::new();
    for i in 0..70 {
        states.push_str(&format!("(id: \"s{i}\", name: \"S{i}\", colour: \"#000000\", capacities: (cert: 0.5, detection: 0.5, resilience: 0.5, capital: 3, offensive: 0.1)),\n"));
    }
    let text = edit(
        &base(),
        "    states: [\n",
        &format!("    states: [\n{states}"),
    );
    let l = load_str("diag.ron", &text);
    assert_at(&l, "too-many", pos(&text, "[\n(id: \"s0\""));
}

#[test]
fn target_mismatch_and_contradiction_in_a_scenario_action() {
    let action = "    actions: [(id: \"drill\", name: \"Drill\", family: domestic, summary: \"A drill.\", cost: 1, target: none, effects: [isolate], upholds: [protect_critical_infrastructure], violates: [protect_critical_infrastructure])],\n    injects: [";
    let text = edit(&base(), "    injects: [", action);
    let l = load_str("diag.ron", &text);
    assert_at(&l, "target-mismatch", pos(&text, "isolate]"));
    assert_at(
        &l,
        "contradiction",
        pos(&text, "protect_critical_infrastructure], violates"),
    );
}

#[test]
fn files_on_disk() {
    let dir = tempfile::tempdir().unwrap();
    let l = load_path(&dir.path().join("missing.ron"));
    assert!(find(&l, "io").message.contains("no such file"));
    let l = load_path(dir.path());
    assert!(find(&l, "io").message.contains("folder"));
    let huge = dir.path().join("huge.ron");
    let f = std::fs::File::create(&huge).unwrap();
    f.set_len(detente_sim::scenario::load::MAX_FILE_BYTES + 1)
        .unwrap();
    let l = load_path(&huge);
    assert!(find(&l, "too-large").message.contains("MiB"));
}

mod fuzz {
    use proptest::prelude::*;

    /// Random edits of a valid file: insert, delete or replace characters,
    /// or swap ids. The loader must never panic, whatever the text.
    fn mutate(mut text: String, edits: &[(u8, usize, char)]) -> String {
        const IDS: [&str; 6] = [
            "\"arcadia\"",
            "\"borduria\"",
            "\"arc_grid\"",
            "\"lockbit_x\"",
            "\"pay_or_not\"",
            "\"crisis\"",
        ];
        for &(kind, at, c) in edits {
            let len = text.len();
            if len == 0 {
                break;
            }
            let mut i = at % len;
            while !text.is_char_boundary(i) {
                i -= 1;
            }
            match kind % 5 {
                0 => text.insert(i, c),
                1 => {
                    let end = text[i..]
                        .char_indices()
                        .nth(1)
                        .map(|(j, _)| i + j)
                        .unwrap_or(len);
                    text.replace_range(i..end, "");
                }
                2 => {
                    let end = text[i..]
                        .char_indices()
                        .nth(1)
                        .map(|(j, _)| i + j)
                        .unwrap_or(len);
                    text.replace_range(i..end, &c.to_string());
                }
                3 => {
                    let from = IDS[at % IDS.len()];
                    let to = IDS[(at / 7) % IDS.len()];
                    text = text.replacen(from, to, 1);
                }
                _ => {
                    let digits = ["-1", "1e30", "NaN", "0", "99999999999999999999", "0.5"];
                    if let Some(pos) = text[i..].find(|ch: char| ch.is_ascii_digit()) {
                        let s = i + pos;
                        let e = text[s..]
                            .find(|ch: char| !(ch.is_ascii_digit() || ch == '.'))
                            .map(|x| s + x)
                            .unwrap_or(len);
                        text.replace_range(s..e, digits[at % digits.len()]);
                    }
                }
            }
        }
        text
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

        #[test]
        fn mutated_files_never_panic(edits in prop::collection::vec((any::<u8>(), any::<usize>(), prop::sample::select(vec!['(', ')', '[', ']', ',', ':', '"', 'x', '\t', '#', '/', '*', 'é', '0'])), 1..6)) {
            let text = mutate(super::base(), &edits);
            let loaded = detente_sim::scenario::load_str("fuzz.ron", &text);
            let _ = loaded.render();
            if let (Some(s), Some(w)) = (loaded.scenario, loaded.world) {
                // Whatever loads also plays.
                let game = detente_sim::cli::play_out(s, w, 1);
                prop_assert!(game.is_over());
            }
        }
    }
}
