//! Export and import of a learner's progress as a file, to move it to another device.
//!
//! An import is untrusted input: it is checked completely before anything changes, and each
//! way it can be wrong has its own message. Ids must look like the ids Vigil writes, numbers
//! must be plausible, and text is limited in length; a file that passes can only ever be shown
//! as plain text.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::core::profiles::clean_name;
use crate::core::progress::{self, DecodeError, Progress};

pub const FORMAT: &str = "vigil-progress";
pub const VERSION: u32 = 1;
/// Far above any real learner's file (a whole curriculum is a few kilobytes).
pub const MAX_BYTES: usize = 1024 * 1024;
const MAX_ID: usize = 100;
const MAX_MODULES: usize = 500;
const MAX_STEPS: usize = 5000;

#[derive(Serialize, Deserialize)]
struct File {
    format: String,
    version: u32,
    exported_at: u64,
    learner: String,
    progress: Progress,
}

/// A checked import: the learner's name as exported and their progress.
#[derive(Clone, Debug, PartialEq)]
pub struct Imported {
    pub learner: String,
    pub exported_at: u64,
    pub progress: Progress,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImportError {
    TooLarge(usize),
    /// Not JSON, or JSON that is not a Vigil export.
    NotAnExport,
    /// A Vigil export of a version this build cannot read.
    UnsupportedVersion(u32),
    /// The progress inside is unreadable.
    BadProgress(DecodeError),
    /// Something inside is not what Vigil writes (a strange id, an absurd number).
    Suspicious(String),
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImportError::TooLarge(bytes) => write!(
                f,
                "the file is too large ({bytes} bytes; a progress file is at most {MAX_BYTES})"
            ),
            ImportError::NotAnExport => write!(f, "this is not a Vigil progress file"),
            ImportError::UnsupportedVersion(v) => write!(
                f,
                "this progress file was made by a newer version of Vigil (version {v})"
            ),
            ImportError::BadProgress(e) => write!(f, "{e}"),
            ImportError::Suspicious(what) => {
                write!(f, "the file contains data Vigil never writes ({what})")
            }
        }
    }
}

pub fn export(learner: &str, progress: &Progress, now: u64) -> String {
    let file = File {
        format: FORMAT.to_string(),
        version: VERSION,
        exported_at: now,
        learner: learner.to_string(),
        progress: progress.clone(),
    };
    serde_json::to_string_pretty(&file).expect("an export always serialises")
}

fn is_id(text: &str) -> bool {
    !text.is_empty()
        && text.len() <= MAX_ID
        && text
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Checks an import completely; nothing is changed by calling this.
pub fn import(bytes: &[u8]) -> Result<Imported, ImportError> {
    if bytes.len() > MAX_BYTES {
        return Err(ImportError::TooLarge(bytes.len()));
    }
    let text = std::str::from_utf8(bytes).map_err(|_| ImportError::NotAnExport)?;
    let file: File = serde_json::from_str(text).map_err(|_| ImportError::NotAnExport)?;
    if file.format != FORMAT {
        return Err(ImportError::NotAnExport);
    }
    if file.version != VERSION {
        return Err(ImportError::UnsupportedVersion(file.version));
    }
    let learner = clean_name(&file.learner)
        .map_err(|e| ImportError::Suspicious(format!("learner name: {e}")))?;
    let progress = file.progress;
    if progress.schema > progress::SCHEMA {
        return Err(ImportError::BadProgress(DecodeError::FutureSchema(
            progress.schema,
        )));
    }
    if progress.schema != progress::SCHEMA {
        return Err(ImportError::BadProgress(DecodeError::UnknownSchema(
            progress.schema.into(),
        )));
    }
    check(&progress)?;
    Ok(Imported {
        learner,
        exported_at: file.exported_at,
        progress,
    })
}

fn check(progress: &Progress) -> Result<(), ImportError> {
    let suspicious = |what: String| Err(ImportError::Suspicious(what));
    if progress.modules.len() > MAX_MODULES {
        return suspicious(format!("{} modules", progress.modules.len()));
    }
    if let Some(role) = &progress.role {
        if !crate::core::course::ROLES.contains(&role.as_str()) {
            return suspicious("an unknown role".to_string());
        }
    }
    for (id, module) in &progress.modules {
        if !is_id(id) {
            return suspicious("a module id".to_string());
        }
        if module.path.len() > MAX_STEPS
            || module.answers.len() > MAX_STEPS
            || module.order.len() > MAX_STEPS
            || module.choices.len() > MAX_STEPS
            || module.choices.values().any(|order| order.len() > MAX_STEPS)
            || module.completions.len() > MAX_STEPS
        {
            return suspicious(format!("module \"{id}\" is impossibly long"));
        }
        if let Some(step) = module
            .path
            .iter()
            .chain(module.answers.keys())
            .chain(&module.order)
            .chain(module.choices.keys())
            .find(|s| !is_id(s))
        {
            let shown: String = step.chars().take(20).filter(|c| !c.is_control()).collect();
            return suspicious(format!("a step id in module \"{id}\": \"{shown}\""));
        }
        if module
            .answers
            .values()
            .any(|a| !is_id(&a.choice) || a.points > a.max || a.max > 1000)
            || module.choices.values().flatten().any(|c| !is_id(c))
        {
            return suspicious(format!("an answer in module \"{id}\""));
        }
        if module
            .completions
            .iter()
            .any(|c| c.earned > c.max || c.max > 100_000)
        {
            return suspicious(format!("a score in module \"{id}\""));
        }
    }
    Ok(())
}
