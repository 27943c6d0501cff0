//! Languages as their files declare them.
//!
//! A language is present when its files are: `locales/<code>.json` (the interface's words),
//! `locales/<code>.toml` (its name in its own language, its direction, whether it is a draft)
//! and one `lessons/<module>/<code>.toml` per module. No list in the code names them: the build
//! reads the folder, and the app is handed what the build found. English is the one language
//! the code knows by name, because it is the source every other language is translated from.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A language code such as `en`, `de` or `ar-XB` (a BCP 47 tag of at most eight characters:
/// a primary subtag of two or three letters, then optional subtags). It is `Copy`, like the
/// enum it replaced, so that signals and events can carry it freely.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Lang([u8; 8]);

impl Lang {
    /// The source language: every text is written in English first.
    pub const EN: Lang = Lang(*b"en\0\0\0\0\0\0");

    /// Reads a code by its shape alone (`fr`, `fr-BE`, `ar-XB`); whether the language is present
    /// is another question, answered by `Languages`.
    pub fn parse(code: &str) -> Option<Lang> {
        let code = code.trim();
        if code.is_empty() || code.len() > 8 {
            return None;
        }
        let mut parts = code.split(['-', '_']);
        let primary = parts.next()?;
        if !(2..=3).contains(&primary.len()) || !primary.bytes().all(|b| b.is_ascii_alphabetic()) {
            return None;
        }
        let mut bytes = [0u8; 8];
        let mut at = 0;
        for (index, part) in std::iter::once(primary).chain(parts).enumerate() {
            if part.is_empty() || !part.bytes().all(|b| b.is_ascii_alphanumeric()) {
                return None;
            }
            if index > 0 {
                bytes[at] = b'-';
                at += 1;
            }
            for b in part.bytes() {
                // BCP 47's usual case: the language in lower case, a two-letter region upper.
                bytes[at] = if index > 0 && part.len() == 2 {
                    b.to_ascii_uppercase()
                } else {
                    b.to_ascii_lowercase()
                };
                at += 1;
            }
        }
        Some(Lang(bytes))
    }

    pub fn code(&self) -> &str {
        let len = self.0.iter().position(|b| *b == 0).unwrap_or(8);
        // Only ASCII is ever stored (see `parse`).
        std::str::from_utf8(&self.0[..len]).unwrap_or("en")
    }

    /// The language without its region or script: `fr` for `fr-BE`.
    pub fn primary(&self) -> &str {
        self.code().split('-').next().unwrap_or("en")
    }

    /// The present language a tag such as `fr-BE` or `de_AT` names among `among`: the tag
    /// itself when present, else its primary language.
    pub fn find(tag: &str, among: &[Lang]) -> Option<Lang> {
        let wanted = Lang::parse(tag)?;
        among
            .iter()
            .copied()
            .find(|l| *l == wanted)
            .or_else(|| among.iter().copied().find(|l| l.code() == wanted.primary()))
    }

    /// The first language of a learner's preference list that is offered: an LMS gives one tag
    /// (`nl-BE`, SCORM) or several in order (`de-DE,fr-BE`, cmi5). `None` when none is offered.
    pub fn first_preferred(preference: &str, offered: &[Lang]) -> Option<Lang> {
        preference
            .split(',')
            .find_map(|tag| Lang::find(tag.trim(), offered))
    }
}

impl fmt::Debug for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.code())
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl Serialize for Lang {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.code())
    }
}

impl<'de> Deserialize<'de> for Lang {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let code = String::deserialize(deserializer)?;
        Lang::parse(&code)
            .ok_or_else(|| serde::de::Error::custom(format!("not a language code: \"{code}\"")))
    }
}

/// Which way a language's text runs; the page's `dir` follows it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    #[default]
    Ltr,
    Rtl,
}

impl Direction {
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Ltr => "ltr",
            Direction::Rtl => "rtl",
        }
    }
}

/// One present language, as `locales/<code>.toml` describes it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Language {
    pub lang: Lang,
    /// Its name in its own language, as the language menu shows it ("Deutsch").
    pub name: String,
    #[serde(default)]
    pub direction: Direction,
    /// Built and tested, but offered only when the configuration names it: a translation that
    /// no native reviewer has signed off yet.
    #[serde(default)]
    pub draft: bool,
    /// The terms the Luxembourg Guidelines advise against in this language: the build refuses
    /// them in every lesson (see `lesson::wording`). The app never needs them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub refused: Vec<Refused>,
    /// The typographic rules the build checks, by name (`french`), when the language has any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub typography: Option<Typography>,
}

/// A term the Luxembourg Guidelines (the Terminology Guidelines for the Protection of Children
/// from Sexual Exploitation and Sexual Abuse, 2016) advise against, and what to write instead.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct Refused {
    /// Matched case-insensitively, as the start of a word ("sex touris" also finds "tourists").
    pub term: String,
    /// The words that make the term acceptable when they follow it ("images d'abus sexuels").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unless_followed_by: Option<String>,
    pub instead: String,
}

/// A language's typographic rules the build knows how to check.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Typography {
    French,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Meta {
    name: String,
    #[serde(default)]
    direction: Option<String>,
    #[serde(default)]
    draft: bool,
    #[serde(default)]
    refused: Vec<Refused>,
    #[serde(default)]
    typography: Option<Typography>,
    /// The titles of the cmi5 package (`packaging::cmi5::Words`): read by the packaging, which
    /// checks them; the app never needs them.
    #[serde(default, rename = "package")]
    _package: Option<toml::Table>,
}

impl Language {
    /// Reads `locales/<code>.toml`; the message names what is wrong, for the file's author.
    pub fn parse(lang: Lang, text: &str) -> Result<Language, String> {
        let meta: Meta = toml::from_str(text).map_err(|e| e.message().to_string())?;
        if meta.name.trim().is_empty() {
            return Err("`name` must give the language's name in its own language".to_string());
        }
        let direction = match meta.direction.as_deref() {
            None | Some("ltr") => Direction::Ltr,
            Some("rtl") => Direction::Rtl,
            Some(other) => {
                return Err(format!(
                    "`direction` must be \"ltr\" or \"rtl\", not \"{other}\""
                ))
            }
        };
        Ok(Language {
            lang,
            name: meta.name.trim().to_string(),
            direction,
            draft: meta.draft,
            refused: meta.refused,
            typography: meta.typography,
        })
    }
}

/// The present languages, English first, then by code.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Languages(Vec<Language>);

impl Languages {
    pub fn new(mut all: Vec<Language>) -> Languages {
        all.sort_by(|a, b| (a.lang != Lang::EN, a.lang).cmp(&(b.lang != Lang::EN, b.lang)));
        all.dedup_by(|a, b| a.lang == b.lang);
        Languages(all)
    }

    pub fn all(&self) -> &[Language] {
        &self.0
    }

    pub fn codes(&self) -> Vec<Lang> {
        self.0.iter().map(|l| l.lang).collect()
    }

    /// What an organisation gets when its configuration names no languages: every language
    /// that is not a draft.
    pub fn offered_by_default(&self) -> Vec<Lang> {
        self.0.iter().filter(|l| !l.draft).map(|l| l.lang).collect()
    }

    pub fn get(&self, lang: Lang) -> Option<&Language> {
        self.0.iter().find(|l| l.lang == lang)
    }

    /// The present language a code or browser tag names (`fr-BE` is French).
    pub fn find(&self, tag: &str) -> Option<Lang> {
        Lang::find(tag, &self.codes())
    }

    pub fn direction(&self, lang: Lang) -> Direction {
        self.get(lang).map(|l| l.direction).unwrap_or_default()
    }

    pub fn name(&self, lang: Lang) -> String {
        self.get(lang)
            .map_or_else(|| lang.to_string(), |l| l.name.clone())
    }
}

/// A locale file's texts, flattened to dotted keys (`lead.all_modules`): how the app looks them
/// up and how the build compares a translation with the English.
pub fn flatten_locale(json: &str) -> Result<std::collections::BTreeMap<String, String>, String> {
    let value: serde_json::Value =
        serde_json::from_str(json).map_err(|e| format!("not valid JSON: {e}"))?;
    let mut out = std::collections::BTreeMap::new();
    let mut problems = Vec::new();
    flatten(&value, "", &mut out, &mut problems);
    match problems.first() {
        Some(problem) => Err(problem.clone()),
        None => Ok(out),
    }
}

fn flatten(
    value: &serde_json::Value,
    prefix: &str,
    out: &mut std::collections::BTreeMap<String, String>,
    problems: &mut Vec<String>,
) {
    match value {
        serde_json::Value::Object(map) => {
            for (key, value) in map {
                let path = if prefix.is_empty() {
                    key.clone()
                } else {
                    format!("{prefix}.{key}")
                };
                flatten(value, &path, out, problems);
            }
        }
        serde_json::Value::String(text) => {
            out.insert(prefix.to_string(), text.clone());
        }
        _ => problems.push(format!("\"{prefix}\" must be text or an object of texts")),
    }
}

/// The `{{ name }}` values a text interpolates, in order of appearance.
pub fn interpolations(text: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        let Some(end) = rest[start..].find("}}") else {
            break;
        };
        names.push(rest[start + 2..start + end].trim().to_string());
        rest = &rest[start + end + 2..];
    }
    names.sort();
    names
}

/// Every way a translation's interface text differs in shape from the English: a missing text,
/// a text English does not have, an interpolation lost or added. One message per problem, with
/// the key.
pub fn check_locale(
    english: &std::collections::BTreeMap<String, String>,
    translation: &std::collections::BTreeMap<String, String>,
) -> Vec<String> {
    let mut problems = Vec::new();
    for (key, source) in english {
        match translation.get(key) {
            None => problems.push(format!("\"{key}\": missing translation")),
            Some(text) if text.trim().is_empty() => {
                problems.push(format!("\"{key}\": the translation is empty"))
            }
            Some(text) => {
                let (want, have) = (interpolations(source), interpolations(text));
                if want != have {
                    problems.push(format!(
                        "\"{key}\": interpolates {{{{ {} }}}} where English has {{{{ {} }}}}",
                        have.join(" }}, {{ "),
                        want.join(" }}, {{ ")
                    ));
                }
            }
        }
    }
    for key in translation.keys().filter(|k| !english.contains_key(*k)) {
        problems.push(format!(
            "\"{key}\": not a key of the English interface text"
        ));
    }
    problems
}

/// A pseudo-translation that runs right to left (the `ar-XB` pseudo-locale's way): every word
/// of English letters is wrapped in a right-to-left override, so that a page in it mirrors as an
/// Arabic or Hebrew one would, while a developer can still read it. Placeholders (`{police}`,
/// `{{ n }}`) are left as they are, as a translator must.
pub fn pseudo_bidi(text: &str) -> String {
    const RLO: char = '\u{202e}';
    const PDF: char = '\u{202c}';
    let mut out = String::with_capacity(text.len() * 2);
    let mut depth = 0usize;
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String| {
        if !word.is_empty() {
            out.push(RLO);
            out.push_str(word);
            out.push(PDF);
            word.clear();
        }
    };
    for c in text.chars() {
        match c {
            '{' => {
                flush(&mut word, &mut out);
                depth += 1;
                out.push(c);
            }
            '}' => {
                depth = depth.saturating_sub(1);
                out.push(c);
            }
            c if depth == 0 && c.is_alphabetic() => word.push(c),
            c => {
                flush(&mut word, &mut out);
                out.push(c);
            }
        }
    }
    flush(&mut word, &mut out);
    out
}
