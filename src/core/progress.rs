//! The progress model and its stored encoding.
//!
//! One record holds everything a learner did on this device: their role and language, and per
//! module the current attempt's path, answers, score and timestamps. The record carries a schema
//! version so that a later Vigil can read or migrate it, and so that a record written by a newer
//! Vigil is recognised instead of being misread.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::core::course::Lang;

/// The schema this build writes. Bump it, and add a migration in `decode`, whenever the shape of
/// the record changes.
pub const SCHEMA: u32 = 1;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Progress {
    pub schema: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<Lang>,
    #[serde(default)]
    pub modules: BTreeMap<String, ModuleProgress>,
}

impl Default for Progress {
    fn default() -> Self {
        Progress {
            schema: SCHEMA,
            role: None,
            lang: None,
            modules: BTreeMap::new(),
        }
    }
}

/// A learner's progress in one module. Times are milliseconds since the Unix epoch, handed in by
/// the caller: the core has no clock.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ModuleProgress {
    /// The module's content version this progress was made with.
    pub content_version: u32,
    /// The current attempt, counted from 1; "restart module" starts the next one.
    pub attempt: u32,
    /// Step ids in the order visited; the last one is where the learner is.
    pub path: Vec<String>,
    /// The answer given at each question step of this attempt.
    #[serde(default)]
    pub answers: BTreeMap<String, Answer>,
    /// The order this attempt presents the module's shuffled steps in, drawn when it started
    /// (empty for a module with none, and in progress saved before shuffling existed, which
    /// keeps the written order).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub order: Vec<String>,
    /// The order this attempt shows each decision's choices and each multiple choice's options
    /// in, by step: their ids as drawn when it started. A step not listed shows them as written
    /// (true-or-false always; progress saved before choices were drawn, until its next attempt).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub choices: BTreeMap<String, Vec<String>>,
    pub started_at: u64,
    pub updated_at: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub completed_at: Option<u64>,
    /// Every finished attempt, oldest first, so that a restart never loses a score.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub completions: Vec<Completion>,
}

impl ModuleProgress {
    /// The best finished attempt: the highest share of points, the latest among equals.
    pub fn best_completion(&self) -> Option<&Completion> {
        self.completions.iter().max_by_key(|c| {
            (
                u64::from(c.earned) * 1_000_000 / u64::from(c.max.max(1)),
                c.at,
            )
        })
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Answer {
    /// The choice, option, or `true`/`false`, by id.
    pub choice: String,
    pub points: u32,
    pub max: u32,
    pub at: u64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Completion {
    pub attempt: u32,
    pub earned: u32,
    pub max: u32,
    pub at: u64,
}

/// Why a stored record could not be used. The caller keeps the raw text aside in every case.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DecodeError {
    /// Not JSON, or not shaped like a progress record.
    Corrupt(String),
    /// Written by a newer Vigil than this one.
    FutureSchema(u32),
    /// A schema version that never existed.
    UnknownSchema(u64),
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::Corrupt(why) => write!(f, "the saved progress is damaged ({why})"),
            DecodeError::FutureSchema(v) => write!(
                f,
                "the saved progress was written by a newer version of Vigil (schema {v}, this version reads {SCHEMA})"
            ),
            DecodeError::UnknownSchema(v) => write!(f, "the saved progress has an unknown schema version ({v})"),
        }
    }
}

/// Merges a record saved by another tab into this one: per module, the more recently updated
/// progress wins, so neither tab overwrites the other's newer answers. Settings (role,
/// language) follow the other tab when it has any.
pub fn merge(mine: &mut Progress, theirs: Progress) {
    for (id, their_module) in theirs.modules {
        match mine.modules.get(&id) {
            Some(my_module) if my_module.updated_at >= their_module.updated_at => {}
            _ => {
                mine.modules.insert(id, their_module);
            }
        }
    }
    if theirs.role.is_some() {
        mine.role = theirs.role;
    }
    if theirs.lang.is_some() {
        mine.lang = theirs.lang;
    }
}

pub fn encode(progress: &Progress) -> String {
    serde_json::to_string(progress).expect("a progress record always serialises")
}

/// Only the schema, read first so that a record of another schema is never read as this one.
#[derive(Deserialize)]
struct Header {
    schema: Option<SchemaField>,
}

/// The schema field as found: a whole number, or anything else (which makes the record
/// corrupt, with a message that says so rather than a parser's).
enum SchemaField {
    Number(u64),
    Other,
}

impl<'de> Deserialize<'de> for SchemaField {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = SchemaField;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a schema version")
            }
            fn visit_u64<E>(self, v: u64) -> Result<SchemaField, E> {
                Ok(SchemaField::Number(v))
            }
            fn visit_i64<E>(self, _: i64) -> Result<SchemaField, E> {
                Ok(SchemaField::Other)
            }
            fn visit_f64<E>(self, _: f64) -> Result<SchemaField, E> {
                Ok(SchemaField::Other)
            }
            fn visit_str<E>(self, _: &str) -> Result<SchemaField, E> {
                Ok(SchemaField::Other)
            }
            fn visit_bool<E>(self, _: bool) -> Result<SchemaField, E> {
                Ok(SchemaField::Other)
            }
            fn visit_unit<E>(self) -> Result<SchemaField, E> {
                Ok(SchemaField::Other)
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<SchemaField, A::Error> {
                while seq.next_element::<serde::de::IgnoredAny>()?.is_some() {}
                Ok(SchemaField::Other)
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<SchemaField, A::Error> {
                while map
                    .next_entry::<serde::de::IgnoredAny, serde::de::IgnoredAny>()?
                    .is_some()
                {}
                Ok(SchemaField::Other)
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

pub fn decode(text: &str) -> Result<Progress, DecodeError> {
    let header: Header = serde_json::from_str(text)
        .map_err(|e| DecodeError::Corrupt(format!("not valid JSON: {e}")))?;
    let schema = match header.schema {
        None => return Err(DecodeError::Corrupt("no schema version".to_string())),
        Some(SchemaField::Other) => {
            return Err(DecodeError::Corrupt(
                "the schema version is not a number".to_string(),
            ))
        }
        Some(SchemaField::Number(v)) => v,
    };
    match schema {
        // Later schemas migrate here, oldest first, before the final read.
        1 => serde_json::from_str(text).map_err(|e| DecodeError::Corrupt(e.to_string())),
        v if v > u64::from(SCHEMA) && v <= u64::from(u32::MAX) => {
            Err(DecodeError::FutureSchema(v as u32))
        }
        v => Err(DecodeError::UnknownSchema(v)),
    }
}
