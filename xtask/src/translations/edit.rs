//! Writes translated texts into a language's file in place: only the changed values' bytes are
//! replaced, so every comment, blank line and quoting style the file had stays as it was, and
//! an import that changes no text changes no byte.

use std::collections::BTreeMap;
use std::str::FromStr;

use toml_edit::{DocumentMut, Item, Table, Value};

use super::json_spans;
use super::texts::{by_id, located, Format, Source};

/// The file's new contents with `changes` (id -> text) written in, or `current` when none
/// differs. A file that does not exist yet is made in the English file's layout, its texts
/// empty until translated (which the lesson check names).
pub fn apply(
    source: &Source,
    current: Option<&str>,
    changes: &BTreeMap<String, String>,
) -> Result<String, String> {
    let written = match (current, source.format) {
        (None, Format::Json) => relayout_json(source, &BTreeMap::new(), changes)?,
        (None, Format::Toml | Format::LocaleToml) => new_toml(source, changes),
        (Some(current), format) => {
            let texts = located(format, current)?;
            let have = by_id(&texts);
            let mut replacements: Vec<(std::ops::Range<usize>, String)> = Vec::new();
            let mut absent = BTreeMap::new();
            for (id, text) in changes {
                match have.get(id.as_str()) {
                    Some(old) if old.text == *text => {}
                    Some(old) => {
                        let raw = &current[old.span.clone()];
                        replacements.push((old.span.clone(), encode(format, raw, text)));
                    }
                    None => {
                        absent.insert(id.clone(), text.clone());
                    }
                }
            }
            replacements.sort_by_key(|(span, _)| std::cmp::Reverse(span.start));
            let mut out = current.to_string();
            for (span, value) in replacements {
                out.replace_range(span, &value);
            }
            if absent.is_empty() {
                out
            } else if format == Format::Json {
                let existing: BTreeMap<String, String> = located(format, &out)?
                    .into_iter()
                    .map(|l| (l.id, l.text))
                    .collect();
                relayout_json(source, &existing, &absent)?
            } else {
                insert_toml(&out, &absent)?
            }
        }
    };
    check(source.format, current, &written, changes)?;
    Ok(written)
}

/// A value as the file writes it: in a lesson file, a multi-line string stays multi-line (and
/// a text that gains a line break becomes one); a locale file's is JSON's.
fn encode(format: Format, raw: &str, text: &str) -> String {
    match format {
        Format::Json => json_spans::encode(text),
        Format::Toml | Format::LocaleToml
            if raw.starts_with("\"\"\"") || raw.starts_with("'''") || text.contains('\n') =>
        {
            toml_multiline(text)
        }
        Format::Toml | Format::LocaleToml => toml_basic(text),
    }
}

fn toml_basic(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push('\t'),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `"""` then a line break (which TOML drops), the text, `"""`: a quote is escaped only where
/// it would close the string.
fn toml_multiline(text: &str) -> String {
    let mut out = String::from("\"\"\"\n");
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        match c {
            '"' if chars.get(i + 1).is_none_or(|&n| n == '"') => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\r' => out.push_str("\\r"),
            '\n' | '\t' => out.push(c),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push_str("\"\"\"");
    out
}

/// A locale file in the English file's layout: each English text's place holding the change,
/// else the file's own text, else nothing yet.
fn relayout_json(
    source: &Source,
    existing: &BTreeMap<String, String>,
    changes: &BTreeMap<String, String>,
) -> Result<String, String> {
    let english = json_spans::texts(&source.contents)?;
    let mut out = source.contents.clone();
    for text in english.iter().rev() {
        let value = changes
            .get(&text.path)
            .or_else(|| existing.get(&text.path))
            .map(String::as_str)
            .unwrap_or("");
        out.replace_range(text.span.clone(), &json_spans::encode(value));
    }
    Ok(out)
}

/// A new lesson file: the English file's tables and keys, in its order, without its comments
/// (they are the English author's), each text translated or empty.
fn new_toml(source: &Source, changes: &BTreeMap<String, String>) -> String {
    let mut out = String::new();
    let mut table = String::new();
    for unit in &source.units {
        let (path, key) = unit.id.rsplit_once('.').unwrap_or(("", &unit.id));
        if path != table {
            out.push_str(&format!("\n[{}]\n", dotted(path)));
            table = path.to_string();
        }
        let text = changes.get(&unit.id).map(String::as_str).unwrap_or("");
        let raw = if unit.text.contains('\n') && !text.is_empty() {
            "\"\"\""
        } else {
            ""
        };
        out.push_str(&format!(
            "{} = {}\n",
            toml_key(key),
            encode(Format::Toml, raw, text)
        ));
    }
    out.trim_start().to_string()
}

fn toml_key(key: &str) -> String {
    if !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        key.to_string()
    } else {
        toml_basic(key)
    }
}

fn dotted(path: &str) -> String {
    path.split('.').map(toml_key).collect::<Vec<_>>().join(".")
}

/// Adds the texts a lesson file lacks, each at the end of its table (a table it lacks at the
/// end of the file); toml_edit keeps the rest of the file as it was.
fn insert_toml(contents: &str, absent: &BTreeMap<String, String>) -> Result<String, String> {
    let mut document = DocumentMut::from_str(contents).map_err(|e| e.to_string())?;
    for (id, text) in absent {
        let parts: Vec<&str> = id.split('.').collect();
        let (key, tables) = parts.split_last().expect("an id has a key");
        let mut table: &mut Table = document.as_table_mut();
        for name in tables {
            let item = table.entry(name).or_insert_with(|| {
                let mut new = Table::new();
                new.set_implicit(true);
                Item::Table(new)
            });
            table = item
                .as_table_mut()
                .ok_or_else(|| format!("`{id}`: `{name}` is not a table in this file"))?;
        }
        let value = Value::from_str(&encode(Format::Toml, "", text)).map_err(|e| e.to_string())?;
        table.insert(key, Item::Value(value));
        table.set_implicit(false);
    }
    Ok(document.to_string())
}

/// The written file must read back with exactly the changed texts changed: a guard against
/// writing a file the translator's work would be lost in.
fn check(
    format: Format,
    before: Option<&str>,
    after: &str,
    changes: &BTreeMap<String, String>,
) -> Result<(), String> {
    let read = located(format, after)
        .map_err(|e| format!("the edited file would not read back ({e}): nothing written"))?;
    let now = by_id(&read);
    for (id, text) in changes {
        if now.get(id.as_str()).map(|l| &l.text) != Some(text) {
            return Err(format!(
                "`{id}` did not read back as imported: nothing written"
            ));
        }
    }
    if let Some(before) = before {
        for old in located(format, before)? {
            if !changes.contains_key(&old.id)
                && now.get(old.id.as_str()).map(|l| &l.text) != Some(&old.text)
            {
                return Err(format!(
                    "`{}` would have changed unasked: nothing written",
                    old.id
                ));
            }
        }
    }
    Ok(())
}
