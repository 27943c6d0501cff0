//! Reads a translated XLIFF file back, refusing it with every problem named: XML that is not
//! well-formed, a file or unit id the English does not have, an inline code that is not one of
//! the source's, a placeholder missing or added, a wrong language.

use std::collections::{BTreeMap, BTreeSet};

use roxmltree::{Document, Node};
use vigil::core::course::Lang;

use super::texts::{Format, Source};
use super::xliff::{codes, NAMESPACE};

/// A text as the XLIFF file gives it back.
pub struct Translated {
    /// The source file it belongs to (an index into the sources).
    pub source: usize,
    pub id: String,
    /// The English the translator saw (the file's `<source>`).
    pub english: String,
    pub text: String,
    /// A CAT tool's "not reviewed yet" (needs-review-*): the text is taken, but no record says
    /// it was translated from this English.
    pub needs_review: bool,
}

pub struct Import {
    pub lang: Lang,
    pub texts: Vec<Translated>,
}

/// Reads `xml` (`shown` names it in messages) against the English sources.
pub fn read(shown: &str, xml: &str, sources: &[Source]) -> Result<Import, Vec<String>> {
    let document = Document::parse(xml)
        .map_err(|e| vec![format!("{shown}: broken markup, not well-formed XML: {e}")])?;
    let mut problems = Vec::new();
    let at = |node: Node| format!("{shown}:{}", document.text_pos_at(node.range().start).row);
    let root = document.root_element();
    if root.tag_name().name() != "xliff"
        || root.tag_name().namespace() != Some(NAMESPACE)
        || root.attribute("version") != Some("1.2")
    {
        return Err(vec![format!(
            "{}: not an XLIFF 1.2 file (the root must be <xliff version=\"1.2\" xmlns=\"{NAMESPACE}\">)",
            at(root)
        )]);
    }
    let mut lang: Option<Lang> = None;
    let mut texts = Vec::new();
    let mut seen_files = BTreeSet::new();
    for file in root.children().filter(|n| is(n, "file")) {
        let original = file.attribute("original").unwrap_or_default();
        let Some(index) = sources.iter().position(|s| s.original == original) else {
            problems.push(format!(
                "{}: unknown file original=\"{original}\": Vigil has no such English source",
                at(file)
            ));
            continue;
        };
        if !seen_files.insert(index) {
            problems.push(format!("{}: file \"{original}\" appears twice", at(file)));
        }
        if file.attribute("source-language") != Some("en") {
            problems.push(format!(
                "{}: file \"{original}\": source-language must be \"en\"",
                at(file)
            ));
        }
        let target = file.attribute("target-language").unwrap_or_default();
        match Lang::parse(target).filter(|l| l.code() == target.trim()) {
            None => problems.push(format!(
                "{}: file \"{original}\": wrong target-language \"{target}\": not a language code",
                at(file)
            )),
            Some(l) if l == Lang::EN => problems.push(format!(
                "{}: file \"{original}\": wrong target-language \"en\": English is the source, edit it in its own files",
                at(file)
            )),
            Some(l) => match lang {
                None => lang = Some(l),
                Some(first) if first != l => problems.push(format!(
                    "{}: file \"{original}\": wrong target-language \"{target}\": the file's first is \"{first}\" (one language per import)",
                    at(file)
                )),
                Some(_) => {}
            },
        }
        let source = &sources[index];
        let known: BTreeMap<&str, &str> = source
            .units
            .iter()
            .map(|u| (u.id.as_str(), u.text.as_str()))
            .collect();
        let mut seen = BTreeSet::new();
        for unit in file.descendants().filter(|n| is(n, "trans-unit")) {
            let id = unit.attribute("id").unwrap_or_default();
            let here = format!("{}: unit \"{id}\" ({original})", at(unit));
            let Some(english_now) = known.get(id) else {
                problems.push(format!("{here}: unknown id: {original} has no such text"));
                continue;
            };
            if !seen.insert(id) {
                problems.push(format!("{here}: the unit appears twice"));
                continue;
            }
            let Some(source_node) = unit.children().find(|n| is(n, "source")) else {
                problems.push(format!("{here}: broken markup, no <source>"));
                continue;
            };
            // The source's inline codes, by id: what a target's <x id=".."/> stands for.
            let mut inline = BTreeMap::new();
            for x in source_node.descendants().filter(|n| is(n, "x")) {
                if let (Some(xid), Some(text)) = (x.attribute("id"), x.attribute("equiv-text")) {
                    inline.insert(xid.to_string(), text.to_string());
                }
            }
            let mut unit_problems = Vec::new();
            let english = content(source_node, &inline, &mut unit_problems);
            let Some(target) = unit.children().find(|n| is(n, "target")) else {
                continue;
            };
            let text = content(target, &inline, &mut unit_problems);
            for problem in unit_problems {
                problems.push(format!("{here}: {problem}"));
            }
            if text.trim().is_empty() {
                continue;
            }
            let (want, have) = (
                codes(source.format, english_now),
                codes(source.format, &text),
            );
            for code in difference(&want, &have) {
                problems.push(format!("{here}: missing placeholder {code}"));
            }
            for code in difference(&have, &want) {
                problems.push(format!("{here}: extra placeholder {code}"));
            }
            if source.format == Format::Toml {
                if let Err(bad) = vigil::core::placeholder::scan(&text) {
                    problems.push(format!(
                        "{here}: broken markup in the target: {}",
                        bad.message
                    ));
                }
            }
            let state = target.attribute("state").unwrap_or_default();
            texts.push(Translated {
                source: index,
                id: id.to_string(),
                english,
                text,
                needs_review: state.starts_with("needs-review"),
            });
        }
    }
    let Some(lang) = lang else {
        problems.push(format!("{shown}: no <file> with a target-language"));
        return Err(problems);
    };
    if problems.is_empty() {
        Ok(Import { lang, texts })
    } else {
        Err(problems)
    }
}

fn is(node: &Node, name: &str) -> bool {
    node.is_element()
        && node.tag_name().name() == name
        && node.tag_name().namespace() == Some(NAMESPACE)
}

/// An element's text with its inline codes put back as the placeholders they stand for. A
/// segment marker (`<mrk>`, which segmenting tools add) is looked through; any other inline
/// element is not Vigil's and is refused: a text holds words and placeholders only.
fn content(element: Node, inline: &BTreeMap<String, String>, problems: &mut Vec<String>) -> String {
    let mut out = String::new();
    for child in element.children() {
        if let Some(text) = child.text().filter(|_| child.is_text()) {
            out.push_str(text);
        } else if is(&child, "x") {
            let xid = child.attribute("id").unwrap_or_default();
            match inline.get(xid) {
                Some(code) => out.push_str(code),
                None => problems.push(format!(
                    "broken markup: <x id=\"{xid}\"/> in <{}> is not one of the source's inline codes",
                    element.tag_name().name()
                )),
            }
        } else if is(&child, "mrk") {
            out.push_str(&content(child, inline, problems));
        } else if child.is_element() {
            problems.push(format!(
                "broken markup: <{}> in <{}>: a text holds only words and the source's placeholders (<x/>)",
                child.tag_name().name(),
                element.tag_name().name()
            ));
        }
    }
    out
}

/// What `a` has that `b` has not, counting repeats.
fn difference(a: &[String], b: &[String]) -> Vec<String> {
    let mut rest: Vec<&String> = b.iter().collect();
    let mut out = Vec::new();
    for code in a {
        match rest.iter().position(|c| *c == code) {
            Some(i) => {
                rest.remove(i);
            }
            None => out.push(code.clone()),
        }
    }
    out
}
