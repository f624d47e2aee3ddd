//! Format versions. Version 1 was the draft format of the first playtests:
//! `turns` was called `max_turns`, dependencies said `from`/`to` instead of
//! `supplier`/`dependent`, and populations were written in thousands of
//! people. Version-1 files are read through serde aliases and migrated here
//! in memory, with a note that says what changed; version-2 files that still
//! use the old names get a warning.

use super::diagnostics::{Diagnostic, Severity, Source};
use super::format::{FORMAT_VERSION, ScenarioFile};
use super::spans::SpanTree;
use crate::path;

pub fn migrate(
    file: &mut ScenarioFile,
    source: &Source,
    tree: &SpanTree,
    diags: &mut Vec<Diagnostic>,
) {
    if file.format_version == 1 {
        for node in &mut file.nodes {
            node.population *= 1000.0;
        }
        file.format_version = FORMAT_VERSION;
        let span = tree
            .locate(&path!["format_version"])
            .map(|(s, _)| s)
            .unwrap_or(0..0);
        diags.push(
            Diagnostic::new(Severity::Note, "migrated", &source.name, "this file uses format version 1; it was migrated to version 2 while loading")
                .at(source, span, "format 1")
                .with_note("populations were read as thousands of people (format 1) and converted to people")
                .with_note("`max_turns` is now `turns`; in dependencies `from`/`to` are now `supplier`/`dependent`")
                .with_help("to update the file: multiply every `population` by 1000, rename those fields and set `format_version: 2`"),
        );
    }
}

/// Old field names in a current-version file still load, with a warning.
pub fn check_renamed_fields(
    file: &ScenarioFile,
    source: &Source,
    tree: &SpanTree,
    diags: &mut Vec<Diagnostic>,
) {
    // Only build the span tree when an old name may be there: `max_turns`
    // anywhere, or fewer `supplier` keys than dependencies.
    let text = source.text.as_bytes();
    let suppliers = memchr::memmem::find_iter(text, b"supplier").count();
    if memchr::memmem::find(text, b"max_turns").is_none() && suppliers >= file.dependencies.len() {
        return;
    }
    for (name, span) in tree.field_names(&path![]) {
        if name == "max_turns" {
            diags.push(
                Diagnostic::warning(
                    "renamed-field",
                    &source.name,
                    "`max_turns` was renamed `turns` in format 2",
                )
                .at(source, span, "old name")
                .with_help("rename it to `turns`"),
            );
        }
    }
    let mut i = 0;
    loop {
        let fields = tree.field_names(&path!["dependencies", i]);
        if fields.is_empty() {
            break;
        }
        for (name, span) in fields {
            let new = match name.as_str() {
                "from" => "supplier",
                "to" => "dependent",
                _ => continue,
            };
            diags.push(
                Diagnostic::warning(
                    "renamed-field",
                    &source.name,
                    format!("`{name}` was renamed `{new}` in format 2"),
                )
                .at(source, span, "old name")
                .with_help(format!("rename it to `{new}`")),
            );
        }
        i += 1;
    }
}
