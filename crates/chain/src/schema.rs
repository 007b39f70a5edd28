//! JSON Schemas of the write side, [`Command`] and [`Event`], generated from the Rust types so
//! that a host system can validate what it posts and what it reads back from the log;
//! `docs/schema/` holds the committed copies beside the read models' and a test fails when they
//! drift.

use rantai_engine::schema::render;
use schemars::schema_for;

use crate::command::Command;
use crate::event::Event;

/// The write side's schemas as (file name, pretty JSON text), rendered like
/// [`rantai_engine::schema::schemas`].
///
/// # Example
///
/// ```
/// let schemas = rantai_chain::schema::schemas();
/// assert!(schemas.iter().any(|(name, json)| *name == "command.schema.json" && json.contains("\"report_progress\"")));
/// assert!(schemas.iter().any(|(name, json)| *name == "event.schema.json" && json.contains("\"stage\"")));
/// ```
pub fn schemas() -> Vec<(&'static str, String)> {
    vec![
        ("command.schema.json", render(schema_for!(Command))),
        ("event.schema.json", render(schema_for!(Event))),
    ]
}
