//! The class summary: the completion codes a teacher or manager collected, one learner each,
//! as a table of learners by modules and as CSV.
//!
//! A learner is known by their display name (compared without regard to case): the name is what
//! the teacher sees and what a code carries, and a device's first learner has the same profile
//! id everywhere. Of two codes with the same name, the one made later wins, whichever came in
//! first. The teacher's browser keeps the codes themselves, as text (`encode`), so that every
//! one is checked again when the page opens.

use serde::{Deserialize, Serialize};

use crate::core::calendar::iso_date;
use crate::core::completion::{module_key, CodeError, CompletionCode, ModuleKey};

/// The storage schema of a class: bump it when `Stored` changes shape.
pub const SCHEMA: u32 = 1;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Class {
    /// One code per learner, in the order they were first added.
    codes: Vec<CompletionCode>,
}

/// What adding a code did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Added {
    /// A learner not in the class yet.
    New(String),
    /// A newer code of a learner already in the class: it replaced their older one.
    Updated(String),
    /// This code, or a newer one of the same learner, is already counted: nothing changed.
    AlreadyCounted(String),
}

/// One line of what a teacher entered, and what became of it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outcome {
    /// The line's number in what was entered (from 1).
    pub line: usize,
    pub result: Result<Added, CodeError>,
}

/// The course's modules as the summary shows them: id and title, in course order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Column {
    pub id: String,
    pub title: String,
}

/// A learner's row: their name, when their code was made, and per column the module's score
/// and completion day, if completed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    pub name: String,
    pub made: String,
    pub cells: Vec<Option<Cell>>,
    /// Modules in the code that this course does not have (another organisation's selection, or
    /// a module since removed).
    pub other_modules: usize,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cell {
    pub percent: u32,
    pub date: String,
}

#[derive(Serialize, Deserialize)]
struct Stored {
    schema: u32,
    codes: Vec<String>,
}

fn same_learner(a: &str, b: &str) -> bool {
    a.to_lowercase() == b.to_lowercase()
}

impl Class {
    pub fn is_empty(&self) -> bool {
        self.codes.is_empty()
    }

    pub fn len(&self) -> usize {
        self.codes.len()
    }

    /// Counts a code: a new learner, a newer code of one already counted (which replaces the
    /// older), or nothing new.
    pub fn add(&mut self, code: CompletionCode) -> Added {
        let name = code.name.clone();
        match self.codes.iter_mut().find(|c| same_learner(&c.name, &name)) {
            None => {
                self.codes.push(code);
                Added::New(name)
            }
            Some(existing) if code.is_newer_than(existing) => {
                *existing = code;
                Added::Updated(name)
            }
            Some(_) => Added::AlreadyCounted(name),
        }
    }

    /// Reads what a teacher pasted or typed: one code per line (or separated by commas or
    /// semicolons); a line may also be a whole address from a QR code, whose code follows `#`.
    /// Blank lines are skipped. A line that is not a code is reported and changes nothing.
    pub fn add_text(&mut self, text: &str) -> Vec<Outcome> {
        let mut outcomes = Vec::new();
        for (index, line) in text.lines().enumerate() {
            for entry in line.split([',', ';']) {
                let entry = entry.trim();
                if entry.is_empty() {
                    continue;
                }
                let code = entry
                    .rsplit_once('#')
                    .map_or(entry, |(_, fragment)| fragment);
                outcomes.push(Outcome {
                    line: index + 1,
                    result: CompletionCode::decode(code).map(|code| self.add(code)),
                });
            }
        }
        outcomes
    }

    /// The rows of the table, by name (then as added), for these columns.
    pub fn rows(&self, columns: &[Column]) -> Vec<Row> {
        let keys: Vec<ModuleKey> = columns.iter().map(|c| module_key(&c.id)).collect();
        let mut rows: Vec<Row> = self
            .codes
            .iter()
            .map(|code| Row {
                name: code.name.clone(),
                made: format!(
                    "{} {:02}:{:02}",
                    iso_date(code.day),
                    code.minute / 60,
                    code.minute % 60
                ),
                cells: keys
                    .iter()
                    .map(|key| {
                        code.modules.iter().find(|m| m.key == *key).map(|m| Cell {
                            percent: m.percent,
                            date: iso_date(m.day),
                        })
                    })
                    .collect(),
                other_modules: code
                    .modules
                    .iter()
                    .filter(|m| !keys.contains(&m.key))
                    .count(),
            })
            .collect();
        rows.sort_by_key(|row| row.name.to_lowercase());
        rows
    }

    /// The table as CSV (RFC 4180: commas, CRLF line ends, fields quoted where needed), with a
    /// byte order mark so that spreadsheet programs read the names' accents right. Per module a
    /// score column (a whole percent) and a date column (YYYY-MM-DD), empty when not completed.
    /// Headings are given in the teacher's language.
    pub fn csv(&self, columns: &[Column], headings: &CsvHeadings) -> String {
        let mut header = vec![headings.learner.clone(), headings.made.clone()];
        for column in columns {
            header.push(format!("{} ({})", column.title, headings.score));
            header.push(format!("{} ({})", column.title, headings.date));
        }
        let mut lines = vec![csv_line(&header)];
        for row in self.rows(columns) {
            let mut fields = vec![row.name.clone(), row.made.clone()];
            for cell in &row.cells {
                match cell {
                    Some(cell) => {
                        fields.push(cell.percent.to_string());
                        fields.push(cell.date.clone());
                    }
                    None => fields.extend([String::new(), String::new()]),
                }
            }
            lines.push(csv_line(&fields));
        }
        format!("\u{feff}{}\r\n", lines.join("\r\n"))
    }

    /// The class as the teacher's browser keeps it: the codes as text.
    pub fn encode(&self) -> String {
        serde_json::to_string(&Stored {
            schema: SCHEMA,
            codes: self
                .codes
                .iter()
                .map(CompletionCode::encode_compact)
                .collect(),
        })
        .expect("a list of strings always serialises")
    }

    /// Reads a kept class, checking every code again; codes that no longer read (or a record
    /// that is not a class at all) are left out and counted.
    pub fn decode(text: &str) -> (Class, usize) {
        let Ok(stored) = serde_json::from_str::<Stored>(text) else {
            return (Class::default(), 1);
        };
        if stored.schema != SCHEMA {
            return (Class::default(), stored.codes.len().max(1));
        }
        let mut class = Class::default();
        let mut unreadable = 0;
        for text in &stored.codes {
            match CompletionCode::decode(text) {
                Ok(code) => {
                    class.add(code);
                }
                Err(_) => unreadable += 1,
            }
        }
        (class, unreadable)
    }
}

/// The CSV's column headings, in the teacher's language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CsvHeadings {
    pub learner: String,
    pub made: String,
    pub score: String,
    pub date: String,
}

fn csv_line(fields: &[String]) -> String {
    fields
        .iter()
        .map(|f| csv_field(f))
        .collect::<Vec<_>>()
        .join(",")
}

/// One field: quoted when it holds a comma, a quote or a line break; a name starting with a
/// character a spreadsheet reads as a formula (`=`, `+`, `-`, `@`) is prefixed with an
/// apostrophe, so that a hostile name cannot run as one.
fn csv_field(field: &str) -> String {
    let field = if field.starts_with(['=', '+', '-', '@']) {
        format!("'{field}")
    } else {
        field.to_string()
    };
    if field.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field
    }
}
