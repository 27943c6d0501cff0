//! A thin reader over toml's spanned document tree.
//!
//! Reading fields by hand rather than through serde lets us report every wrong, missing or
//! unknown field at once, each with its line, instead of stopping at serde's first error.

use std::cell::RefCell;

use toml::de::{DeTable, DeValue};
use toml::Spanned;

use super::diagnostic::Diagnostic;

/// Turns a byte offset into a 1-based line number.
pub fn line_at(source: &str, offset: usize) -> usize {
    source[..offset.min(source.len())].matches('\n').count() + 1
}

/// A table being read: remembers which keys were asked for, so that the rest can be reported
/// as unknown fields.
pub struct Table<'a, 'i> {
    pub source: &'a str,
    pub path: &'a str,
    pub table: &'a DeTable<'i>,
    /// Offset of the table's header or first key, for "missing field" messages.
    pub offset: usize,
    /// The step the table belongs to, named in every message.
    pub step: Option<String>,
    /// How this table is named in messages, e.g. `choice "confront"`.
    pub context: String,
    read: RefCell<Vec<&'static str>>,
}

impl<'a, 'i> Table<'a, 'i> {
    pub fn new(source: &'a str, path: &'a str, table: &'a DeTable<'i>, offset: usize) -> Self {
        Table {
            source,
            path,
            table,
            offset,
            step: None,
            context: String::new(),
            read: RefCell::new(Vec::new()),
        }
    }

    /// A nested table, read with the same file and step.
    pub fn child(&self, table: &Spanned<&'a DeTable<'i>>, context: String) -> Table<'a, 'i> {
        Table {
            source: self.source,
            path: self.path,
            table: table.get_ref(),
            offset: table.span().start,
            step: self.step.clone(),
            context,
            read: RefCell::new(Vec::new()),
        }
    }

    pub fn line(&self) -> usize {
        line_at(self.source, self.offset)
    }

    pub fn diag_at(&self, offset: usize, message: String) -> Diagnostic {
        let line = line_at(self.source, offset);
        let message = if self.context.is_empty() {
            message
        } else {
            format!("{}: {}", self.context, message)
        };
        match &self.step {
            Some(step) => Diagnostic::step(self.path, line, step, message),
            None => Diagnostic::file(self.path, line, message),
        }
    }

    pub fn get(&self, key: &'static str) -> Option<&'a Spanned<DeValue<'i>>> {
        self.read.borrow_mut().push(key);
        self.table.get(key)
    }

    /// A string field; reports a wrong type. `None` when absent or wrong.
    pub fn string(
        &self,
        key: &'static str,
        diags: &mut Vec<Diagnostic>,
    ) -> Option<Spanned<String>> {
        let value = self.get(key)?;
        match value.get_ref() {
            DeValue::String(s) => Some(Spanned::new(value.span(), s.to_string())),
            _ => {
                diags.push(self.diag_at(value.span().start, format!("field `{key}` must be text")));
                None
            }
        }
    }

    pub fn required_string(
        &self,
        key: &'static str,
        diags: &mut Vec<Diagnostic>,
    ) -> Option<Spanned<String>> {
        if self.table.get(key).is_none() {
            self.read.borrow_mut().push(key);
            diags.push(self.diag_at(self.offset, format!("missing field `{key}`")));
            return None;
        }
        self.string(key, diags)
    }

    pub fn integer(&self, key: &'static str, diags: &mut Vec<Diagnostic>) -> Option<u32> {
        let value = self.get(key)?;
        let parsed = match value.get_ref() {
            DeValue::Integer(i) => u32::from_str_radix(i.as_str(), i.radix()).ok(),
            _ => None,
        };
        if parsed.is_none() {
            diags.push(self.diag_at(
                value.span().start,
                format!(
                    "field `{key}` must be a whole number from 0 to {}",
                    u32::MAX
                ),
            ));
        }
        parsed
    }

    pub fn boolean(&self, key: &'static str, diags: &mut Vec<Diagnostic>) -> Option<bool> {
        let value = self.get(key)?;
        match value.get_ref() {
            DeValue::Boolean(b) => Some(*b),
            _ => {
                diags.push(self.diag_at(
                    value.span().start,
                    format!("field `{key}` must be true or false"),
                ));
                None
            }
        }
    }

    /// An array of strings; a wrong element is reported and skipped.
    pub fn strings(
        &self,
        key: &'static str,
        diags: &mut Vec<Diagnostic>,
    ) -> Option<Vec<Spanned<String>>> {
        let value = self.get(key)?;
        let DeValue::Array(items) = value.get_ref() else {
            diags.push(self.diag_at(
                value.span().start,
                format!("field `{key}` must be a list of text"),
            ));
            return None;
        };
        let mut out = Vec::new();
        for item in items {
            match item.get_ref() {
                DeValue::String(s) => out.push(Spanned::new(item.span(), s.to_string())),
                _ => diags.push(self.diag_at(
                    item.span().start,
                    format!("field `{key}` must be a list of text"),
                )),
            }
        }
        Some(out)
    }

    /// An array of tables (`[[step]]` or `choices = [{...}]`).
    pub fn tables(
        &self,
        key: &'static str,
        diags: &mut Vec<Diagnostic>,
    ) -> Vec<Spanned<&'a DeTable<'i>>> {
        let Some(value) = self.get(key) else {
            return Vec::new();
        };
        let DeValue::Array(items) = value.get_ref() else {
            diags.push(self.diag_at(
                value.span().start,
                format!("field `{key}` must be a list of tables"),
            ));
            return Vec::new();
        };
        let mut out = Vec::new();
        for item in items {
            match item.get_ref() {
                DeValue::Table(t) => out.push(Spanned::new(item.span(), t)),
                _ => diags.push(self.diag_at(
                    item.span().start,
                    format!("field `{key}` must be a list of tables"),
                )),
            }
        }
        out
    }

    /// A sub-table (`[step.arrival]`), with its span.
    pub fn table(
        &self,
        key: &'static str,
        diags: &mut Vec<Diagnostic>,
    ) -> Option<Spanned<&'a DeTable<'i>>> {
        let value = self.get(key)?;
        match value.get_ref() {
            DeValue::Table(t) => Some(Spanned::new(value.span(), t)),
            _ => {
                diags.push(
                    self.diag_at(value.span().start, format!("field `{key}` must be a table")),
                );
                None
            }
        }
    }

    /// Reports every key that was never asked for, naming the fields that are allowed.
    pub fn finish(&self, allowed: &[&str], diags: &mut Vec<Diagnostic>) {
        let read = self.read.borrow();
        for (key, _) in self.table.iter() {
            let key_str: &str = key.get_ref();
            // `note` and the like are allowed without being read: they are for translators.
            if !read.contains(&key_str) && !allowed.contains(&key_str) {
                diags.push(self.diag_at(
                    key.span().start,
                    format!(
                        "unknown field `{}`, expected one of: {}",
                        key.get_ref(),
                        allowed.join(", ")
                    ),
                ));
            }
        }
    }
}
