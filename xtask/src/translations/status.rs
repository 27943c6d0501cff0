//! Which translations are missing, and which are older than their English source.
//!
//! `translations/<code>.toml` keeps, per text, a hash of the English the translation was made
//! from (or last reviewed against): an import records the source its translator saw, `cargo
//! xtask translations accept` the current English. A text whose English hashes differently now
//! (or that no record names) is older than its source: the English changed after it.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use super::texts::{by_id, Paths, Source};

/// Per source file (`lessons/x/en.toml`), per text id, the hash of the English it was
/// translated from.
#[derive(Default, Clone, PartialEq, Eq, Debug)]
pub struct Records(pub BTreeMap<String, BTreeMap<String, String>>);

/// The hash a record keeps: enough of a SHA-256 to tell two versions of a text apart.
pub fn hash(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    digest[..8].iter().map(|b| format!("{b:02x}")).collect()
}

pub fn records_path(paths: &Paths, code: &str) -> PathBuf {
    paths.records.join(format!("{code}.toml"))
}

impl Records {
    pub fn read(path: &Path) -> Result<Records, String> {
        if !path.exists() {
            return Ok(Records::default());
        }
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
        let table: BTreeMap<String, BTreeMap<String, String>> = toml::from_str(&text)
            .map_err(|e| format!("{}: not a record of translations: {e}", path.display()))?;
        Ok(Records(table))
    }

    pub fn get(&self, original: &str, id: &str) -> Option<&str> {
        self.0.get(original)?.get(id).map(String::as_str)
    }

    pub fn set(&mut self, original: &str, id: &str, english: &str) {
        self.0
            .entry(original.to_string())
            .or_default()
            .insert(id.to_string(), hash(english));
    }

    /// The file's text: one table per source file, ids sorted, so that a change shows as the
    /// lines it changed.
    pub fn to_text(&self, code: &str) -> String {
        let mut out = format!(
            "# The English each {code} text was translated from (a hash of it), per source file and\n\
             # text id. Written by `cargo xtask translations import` and `accept`: do not edit.\n"
        );
        for (original, ids) in &self.0 {
            out.push_str(&format!("\n[{}]\n", quote(original)));
            for (id, hash) in ids {
                out.push_str(&format!("{} = {}\n", quote(id), quote(hash)));
            }
        }
        out
    }

    /// Writes the records, only when they changed: an import that changes nothing writes no byte.
    pub fn write_if_changed(&self, path: &Path, code: &str) -> Result<bool, String> {
        if Records::read(path)? == *self {
            return Ok(false);
        }
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
        }
        std::fs::write(path, self.to_text(code))
            .map_err(|e| format!("{}: cannot write: {e}", path.display()))?;
        Ok(true)
    }
}

/// A TOML basic string (ids and file names hold no control characters).
fn quote(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

/// Where one text of a language stands.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum State {
    /// No text, or an empty one.
    Missing,
    /// The English changed since the translation was made (or no record says what it was made from).
    Older,
    Current,
}

/// A language's texts against the English, unit by unit: its translation, if any, and its state.
pub struct Standing {
    pub code: String,
    /// Per source, per unit (in the source's order): the translation and its state.
    pub files: Vec<Vec<(Option<String>, State)>>,
}

impl Standing {
    pub fn of(sources: &[Source], code: &str, records: &Records) -> Result<Standing, String> {
        let mut files = Vec::new();
        for source in sources {
            let located = source.read_language(code)?.unwrap_or_default();
            let texts = by_id(&located);
            let states = source
                .units
                .iter()
                .map(|unit| {
                    let text = texts.get(unit.id.as_str()).map(|l| l.text.clone());
                    let state = match &text {
                        None => State::Missing,
                        Some(t) if t.trim().is_empty() => State::Missing,
                        Some(_)
                            if records.get(&source.original, &unit.id)
                                == Some(hash(&unit.text).as_str()) =>
                        {
                            State::Current
                        }
                        Some(_) => State::Older,
                    };
                    (text, state)
                })
                .collect();
            files.push(states);
        }
        Ok(Standing {
            code: code.to_string(),
            files,
        })
    }

    pub fn count(&self, state: State) -> usize {
        self.files
            .iter()
            .flatten()
            .filter(|(_, s)| *s == state)
            .count()
    }

    pub fn total(&self) -> usize {
        self.files.iter().map(Vec::len).sum()
    }

    /// `fr: 1204 texts, missing 0, older than English 0`
    pub fn line(&self) -> String {
        format!(
            "{}: {} texts, missing {}, older than English {}",
            self.code,
            self.total(),
            self.count(State::Missing),
            self.count(State::Older)
        )
    }
}
