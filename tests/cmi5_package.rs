//! The cmi5.xml of `cargo xtask package`, made from the repository's own locales and parsed back
//! against the rules of cmi5's course structure (CourseStructure.xsd and the cmi5 specification,
//! sections 13 and 14): the elements in the schema's order, the attribute values it allows,
//! absolute and unique ids, relative launch URLs free of launch parameters, and a langstring per
//! offered language. The XSD itself is not on any registry reachable here, so its rules are
//! checked one by one.

use std::collections::BTreeSet;

use roxmltree::{Document, Node};
use vigil::core::course::ROLES;
use vigil::lesson_files::{cmi5_texts, default_locales, languages};
use vigil::packaging::cmi5::{self, Course, Texts};

const NS: &str = "https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd";
/// The parameters the LMS appends to an AU's URL; the course structure must not hold them
/// (cmi5 8.1.0.0-6).
const LAUNCH_PARAMETERS: [&str; 5] = ["endpoint", "fetch", "actor", "registration", "activityId"];

fn offered() -> Vec<String> {
    languages()
        .offered_by_default()
        .iter()
        .map(|l| l.to_string())
        .collect()
}

fn texts() -> Vec<Texts> {
    let present = languages();
    cmi5_texts(&default_locales(), &present, &present.offered_by_default())
        .unwrap_or_else(|problems| panic!("{}", problems.join("\n")))
}

fn course(tracks: &[&str]) -> Course {
    Course {
        id_base: cmi5::DEFAULT_ID_BASE.to_string(),
        tracks: tracks.iter().map(|t| t.to_string()).collect(),
        mastery_percent: vigil::core::lms::MASTERY,
        texts: texts(),
    }
}

fn xml(course: &Course) -> String {
    cmi5::course_structure(course).expect("the course structure is written")
}

/// The element children of a node (text and comments aside).
fn elements<'a, 'i>(node: Node<'a, 'i>) -> Vec<Node<'a, 'i>> {
    node.children().filter(|n| n.is_element()).collect()
}

fn names(nodes: &[Node]) -> Vec<String> {
    nodes
        .iter()
        .map(|n| n.tag_name().name().to_string())
        .collect()
}

/// An absolute IRI: a scheme (RFC 3987 / 3986 section 3.1), then something.
fn is_absolute_iri(text: &str) -> bool {
    let Some((scheme, rest)) = text.split_once(':') else {
        return false;
    };
    scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        && !rest.is_empty()
        && !text
            .chars()
            .any(|c| c.is_whitespace() || "<>\"{}|\\^`".contains(c))
}

/// A textType (title, description): one or more langstrings, each with a language and text, no
/// language twice, and exactly the offered languages.
fn check_text(node: Node, what: &str) -> Vec<(String, String)> {
    let strings = elements(node);
    assert!(!strings.is_empty(), "{what}: no langstring");
    let mut seen = Vec::new();
    for s in &strings {
        assert!(
            s.has_tag_name((NS, "langstring")),
            "{what}: {:?}",
            s.tag_name()
        );
        let lang = s
            .attribute("lang")
            .unwrap_or_else(|| panic!("{what}: langstring without lang"));
        let text = s.text().unwrap_or_default().trim().to_string();
        assert!(!text.is_empty(), "{what}: empty {lang} text");
        seen.push((lang.to_string(), text));
    }
    let langs: Vec<String> = seen.iter().map(|(l, _)| l.clone()).collect();
    assert_eq!(
        langs,
        offered(),
        "{what}: a langstring per offered language, English first"
    );
    seen
}

#[test]
fn course_structure_follows_the_schema_for_the_whole_course_and_every_track() {
    let text = xml(&course(&ROLES));
    let doc = Document::parse(&text).expect("well-formed XML");
    let root = doc.root_element();
    assert!(
        root.has_tag_name((NS, "courseStructure")),
        "{:?}",
        root.tag_name()
    );
    assert_eq!(root.attributes().count(), 0);

    // <course> first, then the AUs (no blocks, no objectives): the schema's sequence.
    let children = elements(root);
    assert!(children
        .iter()
        .all(|c| c.tag_name().namespace() == Some(NS)));
    assert_eq!(names(&children[..1]), ["course"]);
    assert!(children[1..].iter().all(|c| c.has_tag_name((NS, "au"))));
    assert_eq!(
        children.len(),
        1 + 1 + ROLES.len(),
        "the whole course and each track"
    );

    let course = children[0];
    let course_id = course.attribute("id").expect("the course has an id");
    assert_eq!(names(&elements(course)), ["title", "description"]);
    check_text(elements(course)[0], "course title");
    check_text(elements(course)[1], "course description");

    let mut ids = vec![course_id.to_string()];
    let mut launched_roles = Vec::new();
    for au in &children[1..] {
        let id = au.attribute("id").expect("every AU has an id");
        ids.push(id.to_string());
        let attributes: BTreeSet<&str> = au.attributes().map(|a| a.name()).collect();
        assert_eq!(
            attributes,
            BTreeSet::from(["id", "moveOn", "masteryScore", "launchMethod"])
        );
        assert_eq!(au.attribute("moveOn"), Some("CompletedAndPassed"));
        assert_eq!(au.attribute("launchMethod"), Some("AnyWindow"));
        // xs:decimal between 0 and 1, at most 4 decimals, equal to Vigil's own pass mark.
        let mastery = au.attribute("masteryScore").unwrap();
        assert!(
            mastery.chars().all(|c| c.is_ascii_digit() || c == '.'),
            "{mastery}"
        );
        assert!(
            mastery.split('.').nth(1).is_none_or(|d| d.len() <= 4),
            "{mastery}"
        );
        let value: f64 = mastery.parse().unwrap();
        assert!((0.0..=1.0).contains(&value));
        assert_eq!(value * 100.0, f64::from(vigil::core::lms::MASTERY));

        let parts = elements(*au);
        assert_eq!(names(&parts), ["title", "description", "url"], "{id}");
        check_text(parts[0], id);
        check_text(parts[1], id);
        let url = parts[2].text().expect("a launch URL");
        assert!(
            !is_absolute_iri(url) && !url.starts_with('/'),
            "relative to the package: {url}"
        );
        let (path, query) = url.split_once('?').unwrap_or((url, ""));
        assert_eq!(path, "index.html");
        for pair in query.split('&').filter(|p| !p.is_empty()) {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            assert!(
                !LAUNCH_PARAMETERS.contains(&name),
                "{url} holds the LMS's `{name}`"
            );
            assert_eq!(name, "role", "{url}");
            launched_roles.push(value.to_string());
        }
    }
    assert_eq!(
        launched_roles, ROLES,
        "one AU per track, launched with its role"
    );
    for id in &ids {
        assert!(is_absolute_iri(id), "{id} is no absolute IRI");
    }
    let unique: BTreeSet<&String> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len(), "ids are unique: {ids:?}");
}

#[test]
fn titles_name_the_course_and_the_track_in_each_language() {
    let text = xml(&course(&["front-desk"]));
    let doc = Document::parse(&text).unwrap();
    let aus: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name((NS, "au")))
        .collect();
    let title = |au: Node, lang: &str| {
        elements(elements(au)[0])
            .into_iter()
            .find(|s| s.attribute("lang") == Some(lang))
            .and_then(|s| s.text().map(str::to_string))
            .unwrap()
    };
    assert_eq!(title(aus[0], "en"), "Vigil: the whole course");
    assert_eq!(title(aus[1], "en"), "Vigil: Front desk");
    assert_eq!(title(aus[1], "fr"), "Vigil\u{a0}: Réception");
    assert_eq!(title(aus[1], "nl"), "Vigil: Receptie");
    assert_eq!(title(aus[1], "de"), "Vigil: Rezeption");
    let description = elements(elements(aus[1])[1]);
    assert!(
        description
            .iter()
            .all(|s| !s.text().unwrap().contains("{{")),
        "the role is filled in"
    );
}

#[test]
fn ids_are_the_same_for_every_generation_and_do_not_depend_on_the_other_tracks() {
    let ids = |tracks: &[&str]| -> Vec<String> {
        let text = xml(&course(tracks));
        let doc = Document::parse(&text).unwrap();
        doc.descendants()
            .filter(|n| n.has_tag_name((NS, "course")) || n.has_tag_name((NS, "au")))
            .map(|n| n.attribute("id").unwrap().to_string())
            .collect()
    };
    assert_eq!(
        xml(&course(&ROLES)),
        xml(&course(&ROLES)),
        "two runs write the same file"
    );
    let alone = ids(&["security"]);
    let with_others = ids(&["front-desk", "security"]);
    assert_eq!(alone[0], with_others[0], "the course id ignores the tracks");
    assert_eq!(alone[1], with_others[1], "the whole course's AU");
    assert_eq!(alone[2], with_others[3], "the security track's AU");
    assert_eq!(
        alone,
        [
            "https://vigil.example.org/cmi5/course",
            "https://vigil.example.org/cmi5/au/whole-course",
            "https://vigil.example.org/cmi5/au/security",
        ]
    );
}

#[test]
fn the_id_base_is_the_publishers_iri_and_a_bad_one_is_refused_with_a_reason() {
    let mut c = course(&["manager"]);
    c.id_base = cmi5::id_base(" https://training.example.com/cmi5/vigil/ ").unwrap();
    assert_eq!(c.id_base, "https://training.example.com/cmi5/vigil");
    let text = xml(&c);
    assert!(
        text.contains("id=\"https://training.example.com/cmi5/vigil/au/manager\""),
        "{text}"
    );
    assert_eq!(
        cmi5::id_base("urn:example:vigil").unwrap(),
        "urn:example:vigil"
    );
    for (bad, reason) in [
        ("", "no scheme"),
        ("vigil.example.org/cmi5", "no scheme"),
        ("1http://x", "no scheme"),
        ("https:", "nothing after"),
        ("https:///path", "no host"),
        ("https://example.org/a b", "space"),
        ("https://example.org/<x>", "character"),
        ("https://example.org/cmi5?v=2", "query"),
        ("https://example.org/cmi5#top", "fragment"),
    ] {
        let message = cmi5::id_base(bad).expect_err(bad);
        assert!(message.contains(reason), "{bad:?}: {message}");
        assert!(message.contains("--cmi5-id-base"), "{message}");
    }
}

#[test]
fn mastery_score_follows_the_pass_mark() {
    for (percent, expected) in [(70, "0.7"), (85, "0.85"), (100, "1"), (0, "0")] {
        let mut c = course(&[]);
        c.mastery_percent = percent;
        let text = xml(&c);
        let doc = Document::parse(&text).unwrap();
        let au = doc
            .descendants()
            .find(|n| n.has_tag_name((NS, "au")))
            .unwrap();
        assert_eq!(au.attribute("masteryScore"), Some(expected), "{percent}%");
    }
}

#[test]
fn hostile_texts_are_escaped_and_read_back_exactly() {
    let mut c = course(&["housekeeping"]);
    c.texts[0].words.title = "Hotel \"A\" & <B> — l'accueil".to_string();
    c.texts[0]
        .roles
        .insert("housekeeping".to_string(), "Rooms & <floors>".to_string());
    let text = xml(&c);
    let doc = Document::parse(&text).unwrap();
    let first = |node: Node| elements(elements(node)[0])[0].text().unwrap().to_string();
    let course = doc
        .descendants()
        .find(|n| n.has_tag_name((NS, "course")))
        .unwrap();
    assert_eq!(first(course), "Hotel \"A\" & <B> — l'accueil");
    let track = doc
        .descendants()
        .filter(|n| n.has_tag_name((NS, "au")))
        .nth(1)
        .unwrap();
    assert_eq!(first(track), "Vigil: Rooms & <floors>");
}

#[test]
fn a_missing_text_or_role_name_is_refused_naming_the_file() {
    let mut c = course(&["tour-guide"]);
    c.texts[1].roles.remove("tour-guide");
    let message = cmi5::course_structure(&c).unwrap_err();
    assert!(
        message.contains("locales/de.json") && message.contains("tour-guide"),
        "{message}"
    );

    let mut c = course(&["tour-guide"]);
    c.texts[2].words.track_title = "Vigil".to_string();
    let message = cmi5::course_structure(&c).unwrap_err();
    assert!(
        message.contains("track_title") && message.contains("{{ role }}"),
        "{message}"
    );

    let mut c = course(&[]);
    c.texts[0].words.whole_description = "  ".to_string();
    let message = cmi5::course_structure(&c).unwrap_err();
    assert!(
        message.contains("locales/en.toml") && message.contains("whole_description"),
        "{message}"
    );

    let mut c = course(&["front-desk&x=1"]);
    c.tracks = vec!["front-desk&x=1".to_string()];
    assert!(cmi5::course_structure(&c)
        .unwrap_err()
        .contains("not a role id"));

    let mut c = course(&[]);
    c.texts.clear();
    assert!(cmi5::course_structure(&c).is_err());
}

/// A copy of the repository's locales in a temporary folder, with `change` applied to one file.
fn locales_with(name: &str, change: impl Fn(String) -> String) -> std::path::PathBuf {
    let dir =
        std::env::temp_dir().join(format!("vigil-cmi5-locales-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for entry in std::fs::read_dir(default_locales()).unwrap() {
        let path = entry.unwrap().path();
        let file = path.file_name().unwrap().to_str().unwrap().to_string();
        let mut text = std::fs::read_to_string(&path).unwrap();
        if file == name {
            text = change(text);
        }
        std::fs::write(dir.join(file), text).unwrap();
    }
    dir
}

fn problems_in(locales: &std::path::Path) -> Vec<String> {
    let present = vigil::lesson_files::languages_in(locales).expect("the languages still read");
    let problems = cmi5_texts(locales, &present, &present.offered_by_default())
        .expect_err("the texts are refused");
    let _ = std::fs::remove_dir_all(locales);
    problems
}

#[test]
fn locale_files_without_package_texts_or_with_wrong_ones_are_refused_clearly() {
    let cut = |text: String| text[..text.find("[package]").unwrap()].to_string();
    let problems = problems_in(&locales_with("nl.toml", cut));
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].contains("nl.toml") && problems[0].contains("no [package]"),
        "{problems:?}"
    );

    let unknown = |text: String| text.replace("track_title =", "track_titel =");
    let problems = problems_in(&locales_with("de.toml", unknown));
    assert!(
        problems[0].contains("de.toml") && problems[0].contains("track_titel"),
        "{problems:?}"
    );

    // French titles are held to French typography, as the lessons are.
    let no_space = |text: String| text.replace("Vigil\u{a0}: la formation", "Vigil: la formation");
    let problems = problems_in(&locales_with("fr.toml", no_space));
    assert!(
        problems
            .iter()
            .any(|p| p.contains("fr.toml") && p.contains("French typography")),
        "{problems:?}"
    );

    // And every language to its refused terms.
    let refused = |text: String| {
        text.replace(
            "whole_title = \"Vigil: the whole course\"",
            "whole_title = \"Vigil: against sex tourism\"",
        )
    };
    let problems = problems_in(&locales_with("en.toml", refused));
    assert!(
        problems
            .iter()
            .any(|p| p.contains("en.toml") && p.contains("sexual exploitation of children")),
        "{problems:?}"
    );
}
