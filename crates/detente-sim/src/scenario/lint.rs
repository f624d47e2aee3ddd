//! Warnings about scenarios that load but will not play as intended.

use super::Scenario;
use super::diagnostics::{Diagnostic, Source};
use super::format::ScenarioFile;
use super::spans::SpanTree;
use crate::world::World;

pub fn lint(_file: &ScenarioFile, _scenario: &Scenario, _world: &World, _source: &Source, _tree: &SpanTree) -> Vec<Diagnostic> {
    Vec::new()
}
