//! XLIFF 1.2: the file a translator's CAT tool reads and writes back.
//!
//! One `<file>` per source file (`original` names it), one `<trans-unit>` per text (its id the
//! text's key path), the English in `<source>`, the language's text in `<target>` with its
//! state, the translator notes in `<note>`, and every placeholder as an `<x/>` inline code, so
//! that a CAT tool shows it as a tag the translator moves but cannot edit.

use std::collections::{BTreeMap, BTreeSet};

use vigil::core::placeholder::Fact;

use super::status::{Standing, State};
use super::texts::{Format, Source};

pub const NAMESPACE: &str = "urn:oasis:names:tc:xliff:document:1.2";

/// A piece of a text: words, or a placeholder the app fills in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Piece<'t> {
    Text(&'t str),
    Code(&'t str),
}

/// A text cut into words and placeholders: `{{ name }}` in the interface and the package's
/// titles, `{police}` (a known fact) in a lesson. A brace that names nothing stays text, and the lesson check reports it.
pub fn pieces(format: Format, text: &str) -> Vec<Piece<'_>> {
    let (open, close) = match format {
        Format::Json | Format::LocaleToml => ("{{", "}}"),
        Format::Toml => ("{", "}"),
    };
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find(open) {
        let Some(length) = rest[start..].find(close).map(|end| end + close.len()) else {
            break;
        };
        let code = &rest[start..start + length];
        let is_code = match format {
            Format::Json | Format::LocaleToml => true,
            Format::Toml => Fact::from_name(&code[1..code.len() - 1]).is_some(),
        };
        if !is_code {
            out.push(Piece::Text(&rest[..start + 1]));
            rest = &rest[start + 1..];
            continue;
        }
        if start > 0 {
            out.push(Piece::Text(&rest[..start]));
        }
        out.push(Piece::Code(code));
        rest = &rest[start + length..];
    }
    if !rest.is_empty() {
        out.push(Piece::Text(rest));
    }
    // Neighbouring text pieces (a brace that named nothing) read as one.
    let mut merged: Vec<Piece> = Vec::new();
    for piece in out {
        match (merged.last_mut(), piece) {
            (Some(Piece::Text(last)), Piece::Text(next)) => {
                let start = last.as_ptr() as usize - text.as_ptr() as usize;
                *last = &text[start..start + last.len() + next.len()];
            }
            (_, piece) => merged.push(piece),
        }
    }
    merged
}

/// The placeholders of a text, sorted, for comparing a translation's with its source's.
pub fn codes(format: Format, text: &str) -> Vec<String> {
    let mut codes: Vec<String> = pieces(format, text)
        .into_iter()
        .filter_map(|p| match p {
            Piece::Code(c) => Some(c.to_string()),
            Piece::Text(_) => None,
        })
        .collect();
    codes.sort();
    codes
}

fn ctype(format: Format) -> &'static str {
    match format {
        Format::Json | Format::LocaleToml => "x-vigil-interpolation",
        Format::Toml => "x-vigil-placeholder",
    }
}

/// Text as XML character data (or an attribute's value: quotes escaped too). A carriage return
/// is written as a reference, which an XML reader does not fold into a line feed.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\r' => out.push_str("&#13;"),
            c => out.push(c),
        }
    }
    out
}

/// A source text as XLIFF: its placeholders numbered 1, 2, ... in order.
fn source_markup(format: Format, text: &str) -> String {
    let mut out = String::new();
    let mut number = 0;
    for piece in pieces(format, text) {
        match piece {
            Piece::Text(t) => out.push_str(&escape(t)),
            Piece::Code(c) => {
                number += 1;
                out.push_str(&code_markup(format, number, c));
            }
        }
    }
    out
}

fn code_markup(format: Format, id: usize, code: &str) -> String {
    format!(
        "<x id=\"{id}\" ctype=\"{}\" equiv-text=\"{}\"/>",
        ctype(format),
        escape(code)
    )
}

/// A translation as XLIFF: each placeholder takes the number of the source's same placeholder
/// (the first not taken yet), so the CAT tool sees the source's own codes. One the source does
/// not have stays text, and an import refuses it as an extra placeholder.
fn target_markup(format: Format, source: &str, text: &str) -> String {
    let mut numbers: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    let source_codes = pieces(format, source).into_iter().filter_map(|p| match p {
        Piece::Code(c) => Some(c),
        Piece::Text(_) => None,
    });
    for (i, code) in source_codes.enumerate() {
        numbers.entry(code).or_default().push(i + 1);
    }
    let mut taken = BTreeSet::new();
    let mut out = String::new();
    for piece in pieces(format, text) {
        match piece {
            Piece::Text(t) => out.push_str(&escape(t)),
            Piece::Code(c) => match numbers.get(c) {
                Some(ids) => {
                    let id = ids
                        .iter()
                        .copied()
                        .find(|id| !taken.contains(id))
                        .unwrap_or(ids[0]);
                    taken.insert(id);
                    out.push_str(&code_markup(format, id, c));
                }
                None => out.push_str(&escape(c)),
            },
        }
    }
    out
}

/// The XLIFF file of a language: every text of every source, in order.
pub fn write(sources: &[Source], standing: &Standing) -> String {
    let code = &standing.code;
    let mut out = String::new();
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(&format!(
        "<!-- Vigil's texts to translate into {code}. Status: {}. Keep every inline code (a placeholder the app fills in) exactly once where the sentence needs it. -->\n",
        escape(&standing.line())
    ));
    out.push_str(&format!("<xliff version=\"1.2\" xmlns=\"{NAMESPACE}\">\n"));
    for (source, states) in sources.iter().zip(&standing.files) {
        let missing = states.iter().filter(|(_, s)| *s == State::Missing).count();
        let older = states.iter().filter(|(_, s)| *s == State::Older).count();
        out.push_str(&format!(
            "  <file original=\"{}\" source-language=\"en\" target-language=\"{}\" datatype=\"plaintext\">\n",
            escape(&source.original),
            escape(code)
        ));
        out.push_str("    <header>\n");
        for note in &source.notes {
            out.push_str(&format!(
                "      <note from=\"author\">{}</note>\n",
                escape(note)
            ));
        }
        out.push_str(&format!(
            "      <note from=\"vigil\">{code}: {} texts in this file, missing {missing}, older than English {older}.</note>\n",
            states.len()
        ));
        out.push_str("    </header>\n    <body>\n");
        for (unit, (text, state)) in source.units.iter().zip(states) {
            out.push_str(&format!(
                "      <trans-unit id=\"{0}\" resname=\"{0}\" xml:space=\"preserve\">\n",
                escape(&unit.id)
            ));
            out.push_str(&format!(
                "        <source>{}</source>\n",
                source_markup(source.format, &unit.text)
            ));
            match (state, text) {
                (State::Missing, _) | (_, None) => {
                    out.push_str("        <target state=\"new\"/>\n");
                }
                (state, Some(text)) => {
                    let state = match state {
                        State::Current => "translated",
                        _ => "needs-review-translation",
                    };
                    out.push_str(&format!(
                        "        <target state=\"{state}\">{}</target>\n",
                        target_markup(source.format, &unit.text, text)
                    ));
                }
            }
            if *state == State::Older {
                out.push_str("        <note from=\"vigil\">The English changed after this translation was made (or no record says which English it was made from): check it against the source.</note>\n");
            }
            for note in &unit.notes {
                out.push_str(&format!(
                    "        <note from=\"author\">{}</note>\n",
                    escape(note)
                ));
            }
            out.push_str("      </trans-unit>\n");
        }
        out.push_str("    </body>\n  </file>\n");
    }
    out.push_str("</xliff>\n");
    out
}
