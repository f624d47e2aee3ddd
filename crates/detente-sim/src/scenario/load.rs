//! Reading a scenario file: size and encoding checks, the format version
//! (newer refused, older migrated), RON parsing with errors explained in
//! plain words, then `compile` (every semantic problem at once) and `lint`
//! (warnings). Never panics on user input; memory is bounded by the file
//! size limit and nesting by `spans::MAX_DEPTH`.

use std::io::Read;
use std::path::Path as FsPath;
use std::sync::Arc;

use ron::error::{Error as RonError, SpannedError};
use ron::extensions::Extensions;

use super::diagnostics::{Diagnostic, Severity, Source, nearest};
use super::format::{FORMAT_VERSION, OLDEST_SUPPORTED_VERSION, ScenarioFile};
use super::spans::{MAX_DEPTH, ScanProblem, SpanTree, scan_structure};
use super::{Scenario, compile, lint};
use crate::path;
use crate::world::World;

/// Largest scenario file accepted, in bytes.
pub const MAX_FILE_BYTES: u64 = 24 * 1024 * 1024;

/// RON options used for every file: `Some(..)` may be left out.
pub fn ron_options() -> ron::Options {
    ron::Options::default()
        .with_default_extension(Extensions::IMPLICIT_SOME)
        .with_recursion_limit(MAX_DEPTH)
}

/// The outcome of loading one file.
#[derive(Clone, Debug)]
pub struct Loaded {
    pub source: Option<Source>,
    pub scenario: Option<Arc<Scenario>>,
    pub world: Option<World>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Loaded {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    pub fn warnings(&self) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Warning)
            .count()
    }

    /// The rendered diagnostics, rustc-style.
    pub fn render(&self) -> String {
        super::diagnostics::render(self.source.as_ref(), &self.diagnostics)
    }

    fn failed(name: &str, d: Diagnostic, source: Option<Source>) -> Loaded {
        let _ = name;
        Loaded {
            source,
            scenario: None,
            world: None,
            diagnostics: vec![d],
        }
    }
}

/// Load a scenario from a path.
pub fn load_path(path: &FsPath) -> Loaded {
    let name = path.display().to_string();
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) => {
            let msg = match e.kind() {
                std::io::ErrorKind::NotFound => "no such file".to_string(),
                std::io::ErrorKind::PermissionDenied => {
                    "permission denied: cannot read this file".to_string()
                }
                _ => format!("cannot read this file: {e}"),
            };
            return Loaded::failed(
                &name,
                Diagnostic::error("io", &name, msg).with_help(
                    "check the path; scenario files end in .ron and live in the scenarios folder",
                ),
                None,
            );
        }
    };
    if meta.is_dir() {
        return Loaded::failed(
            &name,
            Diagnostic::error("io", &name, "this is a folder, not a scenario file").with_help(
                format!(
                    "give the .ron files inside it, for example {}/*.ron",
                    name.trim_end_matches('/')
                ),
            ),
            None,
        );
    }
    if meta.len() > MAX_FILE_BYTES {
        return Loaded::failed(&name, too_large(&name, meta.len()), None);
    }
    let mut bytes = Vec::new();
    let read =
        std::fs::File::open(path).and_then(|f| f.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes));
    if let Err(e) = read {
        return Loaded::failed(
            &name,
            Diagnostic::error("io", &name, format!("cannot read this file: {e}")),
            None,
        );
    }
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Loaded::failed(&name, too_large(&name, bytes.len() as u64), None);
    }
    load_bytes(&name, &bytes)
}

fn too_large(name: &str, size: u64) -> Diagnostic {
    Diagnostic::error(
        "too-large",
        name,
        format!(
            "the file is {:.1} MiB; scenario files may be at most {} MiB",
            size as f64 / (1024.0 * 1024.0),
            MAX_FILE_BYTES / (1024 * 1024)
        ),
    )
    .with_help("is this really a scenario? Very large worlds are made with `detente generate`")
}

/// Load a scenario from raw bytes (the file's content).
pub fn load_bytes(name: &str, bytes: &[u8]) -> Loaded {
    let mut pre = Vec::new();
    let mut bytes = bytes;
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        bytes = rest;
        pre.push(
            Diagnostic::warning(
                "bom",
                name,
                "the file starts with a byte-order mark (BOM); it was ignored",
            )
            .with_help("save the file as \"UTF-8\" (without BOM) in your editor to silence this"),
        );
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let valid = &bytes[..e.valid_up_to()];
            // Safe: the prefix up to valid_up_to is valid UTF-8.
            let prefix = String::from_utf8_lossy(valid).into_owned();
            let line = prefix.matches('\n').count() + 1;
            let column = prefix
                .rsplit('\n')
                .next()
                .map(|l| l.chars().count())
                .unwrap_or(0)
                + 1;
            let mut d = Diagnostic::error(
                "not-utf8",
                name,
                format!(
                    "the file is not UTF-8 text (byte {} is not valid UTF-8)",
                    e.valid_up_to() + 1
                ),
            )
            .with_help("save the file as \"UTF-8\" in your editor; scenario files are plain text");
            d.line = line;
            d.column = column;
            pre.push(d);
            return Loaded {
                source: None,
                scenario: None,
                world: None,
                diagnostics: pre,
            };
        }
    };
    let mut loaded = load_str(name, text);
    pre.append(&mut loaded.diagnostics);
    loaded.diagnostics = pre;
    loaded
}

/// A newer format is refused; a format older than the oldest is unknown.
fn version_problem(source: &Source, v: u64, span: std::ops::Range<usize>) -> Option<Diagnostic> {
    let name = source.name.as_str();
    if v > FORMAT_VERSION as u64 {
        return Some(
            Diagnostic::error(
                "version-newer",
                name,
                format!("this scenario is written for format version {v}, newer than this Détente reads (up to {FORMAT_VERSION})"),
            )
            .at(source, span, "newer format")
            .with_help("update Détente to play it, or ask its author for a version-2 copy"),
        );
    }
    if v < OLDEST_SUPPORTED_VERSION as u64 {
        return Some(
            Diagnostic::error(
                "version-old",
                name,
                format!("format version {v} does not exist"),
            )
            .at(source, span, "unknown version")
            .with_help(format!("set `format_version: {FORMAT_VERSION}`")),
        );
    }
    None
}

/// Load a scenario from text.
pub fn load_str(name: &str, text: &str) -> Loaded {
    let source = Source::new(name, text);
    let mut diags = Vec::new();
    if text.trim().is_empty() {
        let d = Diagnostic::error("empty-file", name, "the file is empty")
            .with_help("start from a working scenario: `detente new my_scenario` writes one");
        return Loaded::failed(name, d, Some(source));
    }
    // The version decides how to read the rest. A quick scan finds it; the
    // parsed value is checked again below.
    let tree = SpanTree::lazy(text);
    let version = super::spans::top_level_number(text, "format_version");
    if let Some((v, span)) = version.clone()
        && let Some(d) = version_problem(&source, v, span)
    {
        return Loaded::failed(name, d, Some(source));
    }

    let mut file: ScenarioFile = match ron_options().from_str(text) {
        Ok(f) => f,
        Err(e) => {
            diags.push(explain_ron_error(&source, &e));
            return Loaded {
                source: Some(source),
                scenario: None,
                world: None,
                diagnostics: diags,
            };
        }
    };

    if version.is_none_or(|(v, _)| v != file.format_version as u64) {
        let span = tree
            .locate(&path!["format_version"])
            .map(|(s, _)| s)
            .unwrap_or(0..0);
        if let Some(d) = version_problem(&source, file.format_version as u64, span) {
            return Loaded::failed(name, d, Some(source));
        }
    }
    if file.format_version < FORMAT_VERSION {
        super::migrate::migrate(&mut file, &source, &tree, &mut diags);
    } else {
        super::migrate::check_renamed_fields(&file, &source, &tree, &mut diags);
    }

    let compiled = compile::compile(&file, &source, &tree);
    diags.extend(compiled.diagnostics);
    let (scenario, world) = match compiled.result {
        Some((mut scenario, world)) => {
            scenario.path = name.to_string();
            let scenario = Arc::new(scenario);
            diags.extend(lint::lint(&file, &scenario, &world, &source, &tree));
            (Some(scenario), Some(world))
        }
        None => (None, None),
    };
    diags.sort_by_key(|d| (std::cmp::Reverse(d.severity), d.line, d.column));
    let failed = diags.iter().any(Diagnostic::is_error);
    Loaded {
        source: Some(source),
        scenario: if failed { None } else { scenario },
        world: if failed { None } else { world },
        diagnostics: diags,
    }
}

/// Turn a RON error into a diagnostic a facilitator understands.
pub fn explain_ron_error(source: &Source, e: &SpannedError) -> Diagnostic {
    let name = source.name.as_str();
    let start = source.offset(e.span.start.line, e.span.start.col);
    let end = source.offset(e.span.end.line, e.span.end.col).max(start);
    // Point at the value itself, not the blank before it.
    let skipped = source.text[start.min(source.text.len())..].len()
        - source.text[start.min(source.text.len())..]
            .trim_start()
            .len();
    let start = (start + skipped).min(source.text.len());
    let end = end.max(start);
    let here = |d: Diagnostic, label: &str| {
        let span = if end > start {
            start..end
        } else {
            start..(start + 1).min(source.text.len())
        };
        d.at(source, span, label)
    };

    // Structural problems first: an unbalanced bracket or an unclosed text
    // explains most other errors, so it is what the facilitator must fix.
    if let Some(at) = super::spans::first_multiline_string(&source.text)
        && at <= start
        && scan_structure(&source.text).is_some()
    {
        return Diagnostic::error("syntax", name, "this text is not closed on its line")
            .at(source, at..at + 1, "text starts here")
            .with_help("add the closing quote `\"` at the end of the text");
    }
    if let Some(problem) = scan_structure(&source.text) {
        match problem {
            ScanProblem::ClosesTooEarly(at, c) => {
                return Diagnostic::error("syntax", name, format!("this `{c}` closes the whole scenario, but more text follows"))
                    .at(source, at..at + 1, "one bracket too many?")
                    .with_help("remove this bracket, or check that every `(` and `[` before it is closed only once");
            }
            ScanProblem::MultilineString(at) => {
                return Diagnostic::error("syntax", name, "this text is not closed on its line")
                    .at(source, at..at + 1, "text starts here");
            }
            ScanProblem::UnclosedString(at) => {
                return Diagnostic::error("syntax", name, "this text is never closed with a `\"`")
                    .at(source, at..at + 1, "text starts here")
                    .with_help("add the closing quote at the end of the text");
            }
            ScanProblem::UnclosedComment(at) => {
                return Diagnostic::error("syntax", name, "this comment is never closed with `*/`")
                    .at(source, at..at + 2, "comment starts here")
                    .with_help("add `*/` where the comment should end");
            }
            ScanProblem::Unclosed(at, c) => {
                let close = closing(c);
                return Diagnostic::error("syntax", name, format!("this `{c}` is never closed"))
                    .at(source, at..at + 1, format!("needs a matching `{close}`"))
                    .with_help(format!(
                        "add `{close}` where this part ends; every bracket needs its partner"
                    ));
            }
            ScanProblem::Mismatched { at, found, open } => {
                let d = Diagnostic::error(
                    "syntax",
                    name,
                    format!("`{found}` does not match the open bracket"),
                )
                .at(source, at..at + 1, "unexpected closing bracket");
                return match open {
                    Some((o, c)) => {
                        let (l, col) = source.line_col(o);
                        d.with_help(format!(
                            "the `{c}` opened at line {l}, column {col} must be closed with `{}` first",
                            closing(c)
                        ))
                    }
                    None => d.with_help("there is no open bracket for it; remove it"),
                };
            }
            ScanProblem::TooDeep(at) => {
                return Diagnostic::error(
                    "too-deep",
                    name,
                    format!("brackets are nested more than {MAX_DEPTH} deep"),
                )
                .at(source, at..at + 1, "nesting limit reached here");
            }
        }
    }

    match &e.code {
        RonError::ExpectedComma => {
            // Point just after the previous value, where the comma belongs.
            let before = source.text[..start.min(source.text.len())].trim_end();
            let at = before.len();
            Diagnostic::error("syntax", name, "a comma is missing")
                .at(source, at.saturating_sub(1)..at, "add a comma after this")
                .with_help(
                    "separate fields and list items with commas: `name: \"A\", owner: \"b\"`",
                )
        }
        RonError::NoSuchStructField {
            expected,
            found,
            outer,
        } => {
            let what = outer
                .as_deref()
                .map(describe_outer)
                .unwrap_or_else(|| "this part".into());
            let mut d = here(
                Diagnostic::error(
                    "unknown-field",
                    name,
                    format!("`{found}` is not a field of {what}"),
                ),
                "unknown field",
            );
            if let Some(s) = nearest(found, expected.iter().copied()) {
                d = d.with_help(format!("did you mean `{s}`?"));
            }
            d.with_note(format!("the fields are: {}", expected.join(", ")))
        }
        RonError::MissingStructField { field, outer } => {
            let what = outer
                .as_deref()
                .map(describe_outer)
                .unwrap_or_else(|| "this part".into());
            here(
                Diagnostic::error(
                    "missing-field",
                    name,
                    format!("{what} needs the field `{field}`"),
                ),
                format!("`{field}` is missing here").as_str(),
            )
            .with_help(format!("add `{field}: ...` (see docs/scenario-format.md)"))
        }
        RonError::DuplicateStructField { field, outer } => {
            let what = outer
                .as_deref()
                .map(describe_outer)
                .unwrap_or_else(|| "this part".into());
            here(
                Diagnostic::error(
                    "duplicate-field",
                    name,
                    format!("`{field}` is given twice in {what}"),
                ),
                "second time",
            )
            .with_help("keep only one of them")
        }
        RonError::NoSuchEnumVariant {
            expected,
            found,
            outer,
        } => {
            let what = outer
                .as_deref()
                .map(describe_outer)
                .unwrap_or_else(|| "this value".into());
            let mut d = here(
                Diagnostic::error(
                    "unknown-variant",
                    name,
                    format!("`{found}` is not a valid choice for {what}"),
                ),
                "not a valid choice",
            );
            if let Some(s) = nearest(found, expected.iter().copied()) {
                d = d.with_help(format!("did you mean `{s}`?"));
            }
            d.with_note(format!("the choices are: {}", expected.join(", ")))
        }
        RonError::InvalidValueForType { expected, found } => here(
            Diagnostic::error(
                "wrong-type",
                name,
                format!("expected {expected}, found {found}"),
            ),
            "wrong kind of value",
        )
        .with_help(type_help(expected)),
        RonError::ExpectedString | RonError::ExpectedStringEnd => here(
            Diagnostic::error("wrong-type", name, "expected text in double quotes"),
            "text expected here",
        )
        .with_help("write text like \"Arcadia\""),
        RonError::ExpectedInteger | RonError::IntegerOutOfBounds => here(
            Diagnostic::error(
                "wrong-type",
                name,
                "expected a whole number (0 or more, no decimal point)",
            ),
            "whole number expected",
        ),
        RonError::ExpectedFloat => here(
            Diagnostic::error("wrong-type", name, "expected a number"),
            "number expected",
        )
        .with_help("write numbers like 0.5 or 12"),
        RonError::ExpectedBoolean => here(
            Diagnostic::error("wrong-type", name, "expected `true` or `false`"),
            "true or false",
        ),
        RonError::ExpectedArray => here(
            Diagnostic::error("wrong-type", name, "expected a list in square brackets"),
            "list expected",
        )
        .with_help("write lists like [\"a\", \"b\"]; an empty list is []"),
        RonError::ExpectedStructLike | RonError::ExpectedNamedStructLike(_) => here(
            Diagnostic::error(
                "wrong-type",
                name,
                "expected a group of fields in parentheses",
            ),
            "( ... ) expected",
        )
        .with_help("write a group like (id: \"x\", name: \"X\")"),
        RonError::ExceededRecursionLimit => here(
            Diagnostic::error(
                "too-deep",
                name,
                format!("nested more than {MAX_DEPTH} levels deep"),
            ),
            "too deep",
        ),
        RonError::Eof => here(
            Diagnostic::error("syntax", name, "the file ends too early"),
            "the file ends here",
        )
        .with_help("something is missing at the end: a value or a closing bracket"),
        RonError::TrailingCharacters => here(
            Diagnostic::error(
                "syntax",
                name,
                "there is text after the end of the scenario",
            ),
            "unexpected text",
        )
        .with_help("the scenario is one ( ... ) group; remove what follows its closing bracket"),
        RonError::UnexpectedChar(c) => here(
            Diagnostic::error(
                "syntax",
                name,
                format!("unexpected character `{}`", c.escape_default()),
            ),
            "not expected here",
        ),
        RonError::ExpectedIdentifier => here(
            Diagnostic::error("syntax", name, "expected a field name or a choice"),
            "name expected",
        ),
        RonError::ExpectedMapColon => here(
            Diagnostic::error(
                "syntax",
                name,
                "a `:` is missing between a field and its value",
            ),
            "add `:`",
        ),
        RonError::InvalidEscape(what) => here(
            Diagnostic::error("syntax", name, format!("invalid escape in text: {what}")),
            "bad escape",
        )
        .with_help("write a backslash as \\\\ and a quote as \\\""),
        other => here(
            Diagnostic::error("syntax", name, sentence(&other.to_string())),
            "here",
        ),
    }
}

fn closing(c: char) -> char {
    match c {
        '(' => ')',
        '[' => ']',
        _ => '}',
    }
}

fn sentence(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

/// "ScenarioFile" -> "the scenario", "NodeDef" -> "a node", etc.
fn describe_outer(outer: &str) -> String {
    let known = [
        ("ScenarioFile", "the scenario"),
        ("SettingsDef", "`settings`"),
        ("RungDef", "a ladder rung"),
        ("StateDef", "a State"),
        ("CapacitiesDef", "`capacities`"),
        ("RelationDef", "a relation"),
        ("NetworkDef", "a network"),
        ("NodeDef", "a node"),
        ("LinkDef", "a link"),
        ("DependencyDef", "a dependency"),
        ("ActorDef", "an actor"),
        ("BehaviourDef", "a behaviour"),
        ("TargetsDef", "`targets`"),
        ("ActionDef", "an action"),
        ("InjectDef", "an inject"),
        ("DilemmaDef", "a dilemma"),
        ("DilemmaOptionDef", "a dilemma option"),
        ("ObjectiveDef", "an objective"),
        ("SourceDef", "a source"),
        ("ActorKind", "an actor's `kind`"),
        ("Sector", "`sector`"),
        ("Controller", "`controller`"),
        ("Personality", "`personality`"),
        ("Channel", "a channel"),
        ("DependencyKind", "a dependency's `kind`"),
        ("OperationKind", "an operation's `kind`"),
        ("Family", "an action's `family`"),
        ("TargetKind", "an action's `target`"),
        ("Difficulty", "`difficulty`"),
        ("Check", "an objective's `check`"),
        (
            "Norm",
            "a norm (see the norm ids in docs/scenario-format.md)",
        ),
        ("Cbm", "a CBM (see the CBM ids in docs/scenario-format.md)"),
        ("Condition", "a condition"),
        ("Effect", "an effect"),
        ("ActionEffect", "an action's effect"),
        ("Precondition", "an action's condition"),
        (
            "SuspectDef",
            "who is named (`state(\"...\")` or `actor(\"...\")`)",
        ),
    ];
    known
        .iter()
        .find(|(k, _)| *k == outer)
        .map(|(_, v)| v.to_string())
        .unwrap_or_else(|| format!("`{}`", outer.trim_end_matches("Def")))
}

fn type_help(expected: &str) -> String {
    let e = expected.to_lowercase();
    if e.contains("string") {
        "write text in double quotes, like \"Arcadia\"".into()
    } else if e.contains("u32") || e.contains("integer") || e.contains("u64") {
        "write a whole number without quotes, like 8".into()
    } else if e.contains("f64") || e.contains("float") {
        "write a number without quotes, like 0.5".into()
    } else if e.contains("bool") {
        "write true or false, without quotes".into()
    } else if e.contains("sequence") || e.contains("vec") {
        "write a list in square brackets, like [\"a\", \"b\"]".into()
    } else {
        "see docs/scenario-format.md for what this field takes".into()
    }
}
