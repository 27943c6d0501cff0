//! The cmi5.xml of a cmi5 package: the course and its assignable units (AUs), as cmi5's course
//! structure (CourseStructure.xsd) describes them, for an LMS to import.
//!
//! One AU plays the whole course (the learner chooses a role in Vigil), and one AU per track
//! asked for is launched at `index.html?role=ROLE`, as the SCORM packages are. Every id is built
//! from one base IRI and the track alone, never from the build, so that a new release imported
//! into an LMS is a new version of the same course and its reports carry on.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::{escape, normalized};

/// The course structure's namespace (cmi5 section 13.1.1, and the XSD's target namespace).
pub const NAMESPACE: &str = "https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd";

/// The name an LMS looks for at the zip's root (cmi5 section 14.1).
pub const FILE_NAME: &str = "cmi5.xml";

/// The package's file name.
pub const PACKAGE_NAME: &str = "vigil-cmi5.zip";

/// The ids' base when the publisher names none: `example.org` is reserved (RFC 2606), so these
/// ids can never collide with anyone's real activities, but they are nobody's either; a
/// publisher passes `--cmi5-id-base` with an IRI it controls (see the README).
pub const DEFAULT_ID_BASE: &str = "https://vigil.example.org/cmi5";

/// What the LMS waits for before it counts an AU as satisfied: Vigil sends `completed` when the
/// track is done, then `passed` or `failed`.
pub const MOVE_ON: &str = "CompletedAndPassed";

/// Vigil runs in a frame or a window of its own alike (the CSP note in the README says when a
/// host must ask for `OwnWindow`).
pub const LAUNCH_METHOD: &str = "AnyWindow";

/// One language's words for how an LMS lists the course: the `[package]` table of
/// `locales/<code>.toml`. In the track texts, `{{ role }}` stands for the role's name.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Words {
    pub title: String,
    pub description: String,
    pub whole_title: String,
    pub whole_description: String,
    pub track_title: String,
    pub track_description: String,
}

/// A language's words and its names of the roles (by role id: `front-desk`), as the
/// interface's `roles` show them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Texts {
    /// The language tag the langstrings carry: the language's own code (`en`, `fr`), see the
    /// README for why no region is added.
    pub lang: String,
    pub words: Words,
    pub roles: BTreeMap<String, String>,
}

/// What the course structure is made of.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Course {
    /// An absolute IRI, as `id_base` returns it.
    pub id_base: String,
    /// The roles that get an AU of their own, in order.
    pub tracks: Vec<String>,
    /// Vigil's pass mark, in percent.
    pub mastery_percent: u32,
    /// One entry per offered language, the first one the LMS's default.
    pub texts: Vec<Texts>,
}

/// Checks that `text` is an absolute IRI that ids can be built under (a scheme, something after
/// it, no query or fragment, nothing an IRI cannot hold) and returns it without a trailing `/`.
pub fn id_base(text: &str) -> Result<String, String> {
    let base = text.trim().trim_end_matches('/');
    let problem = |why: &str| {
        Err(format!(
            "--cmi5-id-base `{text}` {why}: give an absolute IRI you control, such as https://training.example.com/cmi5/vigil"
        ))
    };
    let Some((scheme, rest)) = base.split_once(':') else {
        return problem("has no scheme (such as https:)");
    };
    let scheme_ok = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    if !scheme_ok {
        return problem("has no scheme (such as https:)");
    }
    if rest.is_empty() {
        return problem("has nothing after its scheme");
    }
    if base
        .chars()
        .any(|c| c.is_whitespace() || c.is_control() || "<>\"{}|\\^`".contains(c))
    {
        return problem("holds a space or a character an IRI cannot");
    }
    if base.contains(['?', '#']) {
        return problem("has a query or a fragment, under which no id can be built");
    }
    let web = scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https");
    if web
        && !rest
            .strip_prefix("//")
            .is_some_and(|r| !r.is_empty() && !r.starts_with('/'))
    {
        return problem("has no host");
    }
    Ok(base.to_string())
}

/// The course's id: the same for every build and every choice of tracks, so that an LMS takes a
/// new package for a new version of the same course.
pub fn course_id(base: &str) -> String {
    format!("{base}/course")
}

/// An AU's id: the whole course's (`None`), or one track's.
pub fn au_id(base: &str, track: Option<&str>) -> String {
    match track {
        Some(role) => format!("{base}/au/{role}"),
        None => format!("{base}/au/whole-course"),
    }
}

/// The page an AU launches, relative to the package's root; the LMS adds its launch parameters
/// after it with `&` (or `?`), which Vigil reads among its own.
pub fn launch_url(track: Option<&str>) -> String {
    match track {
        Some(role) => format!("index.html?role={role}"),
        None => "index.html".to_string(),
    }
}

/// The package's cmi5.xml. Fails, naming the language and the text, when a language lacks a
/// text or a role's name, so that no LMS shows an empty or wrong title.
pub fn course_structure(course: &Course) -> Result<String, String> {
    if course.texts.is_empty() {
        return Err("no language to write the course's titles in".to_string());
    }
    for track in &course.tracks {
        if track.is_empty()
            || !track
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        {
            return Err(format!(
                "the track `{track}` is not a role id (lower-case letters, digits and '-')"
            ));
        }
    }
    for texts in &course.texts {
        check_words(texts, &course.tracks)?;
    }
    let base = id_base(&course.id_base)?;
    let mastery = normalized(course.mastery_percent);

    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    xml += &format!("<courseStructure xmlns=\"{NAMESPACE}\">\n");
    xml += &format!("  <course id=\"{}\">\n", escape(&course_id(&base)));
    xml += &langstrings("title", course, |w, _| w.title.clone());
    xml += &langstrings("description", course, |w, _| w.description.clone());
    xml += "  </course>\n";
    let whole = std::iter::once(None);
    for track in whole.chain(course.tracks.iter().map(|t| Some(t.as_str()))) {
        xml += &format!(
            "  <au id=\"{}\" moveOn=\"{MOVE_ON}\" masteryScore=\"{mastery}\" launchMethod=\"{LAUNCH_METHOD}\">\n",
            escape(&au_id(&base, track))
        );
        xml += &match track {
            None => langstrings("title", course, |w, _| w.whole_title.clone()),
            Some(role) => langstrings("title", course, |w, roles| {
                with_role(&w.track_title, &roles[role])
            }),
        };
        xml += &match track {
            None => langstrings("description", course, |w, _| w.whole_description.clone()),
            Some(role) => langstrings("description", course, |w, roles| {
                with_role(&w.track_description, &roles[role])
            }),
        };
        xml += &format!("    <url>{}</url>\n", escape(&launch_url(track)));
        xml += "  </au>\n";
    }
    xml += "</courseStructure>\n";
    Ok(xml)
}

/// Every text present and not blank, the track texts naming the role, and a name for every
/// track's role.
fn check_words(texts: &Texts, tracks: &[String]) -> Result<(), String> {
    let w = &texts.words;
    let lang = &texts.lang;
    for (name, text) in [
        ("title", &w.title),
        ("description", &w.description),
        ("whole_title", &w.whole_title),
        ("whole_description", &w.whole_description),
        ("track_title", &w.track_title),
        ("track_description", &w.track_description),
    ] {
        if text.trim().is_empty() {
            return Err(format!("locales/{lang}.toml: [package] `{name}` is empty"));
        }
    }
    for (name, text) in [
        ("track_title", &w.track_title),
        ("track_description", &w.track_description),
    ] {
        if !text.contains("{{ role }}") {
            return Err(format!(
                "locales/{lang}.toml: [package] `{name}` must name the role with {{{{ role }}}}"
            ));
        }
    }
    for track in tracks {
        if texts.roles.get(track).is_none_or(|n| n.trim().is_empty()) {
            return Err(format!(
                "locales/{lang}.json: no name for the role `{track}` in `roles`"
            ));
        }
    }
    Ok(())
}

fn with_role(template: &str, role: &str) -> String {
    template.replace("{{ role }}", role)
}

/// `<title>` or `<description>`, with a langstring per language.
fn langstrings(
    element: &str,
    course: &Course,
    text: impl Fn(&Words, &BTreeMap<String, String>) -> String,
) -> String {
    let indent = "    ";
    let mut xml = format!("{indent}<{element}>\n");
    for texts in &course.texts {
        xml += &format!(
            "{indent}  <langstring lang=\"{}\">{}</langstring>\n",
            escape(&texts.lang),
            escape(text(&texts.words, &texts.roles).trim())
        );
    }
    xml += &format!("{indent}</{element}>\n");
    xml
}
