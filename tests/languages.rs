//! A language is its files: a language that no code names, made only of files, is found,
//! compiled and checked like the others; an incomplete one is refused with every missing text.

use std::path::{Path, PathBuf};

use vigil::core::compact;
use vigil::core::course::Lang;
use vigil::core::language::{check_locale, flatten_locale, Direction};
use vigil::core::progress::Progress;
use vigil::lesson_files::{compile_dir_with, languages_in, write_pseudo_language};

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A fresh copy of the course with the pseudo-language `ar-XB` added as files.
fn with_fixture_language(name: &str) -> PathBuf {
    let out = std::env::temp_dir().join(format!("vigil-languages-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&out);
    write_pseudo_language(
        &repo().join("lessons"),
        &repo().join("locales"),
        &out,
        "ar-XB",
    )
    .expect("the fixture language is written");
    out
}

#[test]
fn a_language_made_only_of_files_is_found_and_compiled() {
    let out = with_fixture_language("found");
    let languages = languages_in(&out.join("locales")).expect("the languages read");
    let fixture = Lang::parse("ar-XB").unwrap();
    let found = languages
        .get(fixture)
        .expect("the fixture language is present");
    assert_eq!(found.direction, Direction::Rtl);
    assert!(found.draft);
    assert!(
        !languages.offered_by_default().contains(&fixture),
        "a draft is not offered unless named"
    );
    let courses = compile_dir_with(&out.join("lessons"), &languages).expect("it compiles");
    let course = courses
        .iter()
        .find(|c| c.lang == fixture)
        .expect("a course in it");
    let english = courses.iter().find(|c| c.lang == Lang::EN).unwrap();
    assert_eq!(course.modules.len(), english.modules.len());
    assert!(
        course.modules[0].title.contains('\u{202e}'),
        "{}",
        course.modules[0].title
    );
    let _ = std::fs::remove_dir_all(&out);
}

#[test]
fn an_incomplete_language_is_refused_naming_every_missing_text() {
    let out = with_fixture_language("incomplete");
    // One step's texts and one interface text gone.
    let file = out.join("lessons/why-it-matters/ar-XB.toml");
    let text = std::fs::read_to_string(&file).unwrap();
    let start = text
        .find("\n[step.what-it-is]")
        .expect("the step is written");
    let end = start + 1 + text[start + 1..].find("\n[").unwrap();
    std::fs::write(&file, format!("{}{}", &text[..start], &text[end..])).unwrap();
    let languages = languages_in(&out.join("locales")).unwrap();
    let problems = compile_dir_with(&out.join("lessons"), &languages).unwrap_err();
    assert!(
        problems
            .iter()
            .any(|p| p.contains("ar-XB.toml has no [step.what-it-is] (ar-XB)")),
        "{problems:#?}"
    );
    // A module without the language's file at all is named too.
    std::fs::remove_file(out.join("lessons/security-night/ar-XB.toml")).unwrap();
    let problems = compile_dir_with(&out.join("lessons"), &languages).unwrap_err();
    assert!(problems
        .iter()
        .any(|p| p.contains("security-night/module.toml:1: missing translation: no ar-XB.toml")));
    assert!(
        problems.iter().any(|p| p.contains("[step.what-it-is]")),
        "both are listed"
    );
    let _ = std::fs::remove_dir_all(&out);
}

#[test]
fn a_locale_is_checked_against_the_english_keys_and_interpolations() {
    let english =
        flatten_locale(r#"{ "a": "One", "lead": { "n": "About {{ n }} minutes" } }"#).unwrap();
    let translation =
        flatten_locale(r#"{ "lead": { "n": "Etwa {{ m }} Minuten" }, "b": "Extra" }"#).unwrap();
    assert_eq!(
        check_locale(&english, &translation),
        [
            "\"a\": missing translation",
            "\"lead.n\": interpolates {{ m }} where English has {{ n }}",
            "\"b\": not a key of the English interface text",
        ]
    );
}

#[test]
fn a_locale_without_its_description_is_named() {
    let out = with_fixture_language("undescribed");
    std::fs::remove_file(out.join("locales/ar-XB.toml")).unwrap();
    let problems = languages_in(&out.join("locales")).unwrap_err();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].ends_with("`ar-XB.toml` is missing"),
        "{}",
        problems[0]
    );
    let _ = std::fs::remove_dir_all(&out);
}

#[test]
fn language_codes_are_read_by_their_shape_and_matched_to_present_ones() {
    let present: Vec<Lang> = ["en", "de", "fr", "ar-XB"]
        .iter()
        .map(|c| Lang::parse(c).unwrap())
        .collect();
    assert_eq!(Lang::find("de-AT", &present).unwrap().code(), "de");
    assert_eq!(Lang::find("fr_BE", &present).unwrap().code(), "fr");
    assert_eq!(Lang::find("ar-xb", &present).unwrap().code(), "ar-XB");
    assert_eq!(Lang::find("nl-BE", &present), None);
    assert_eq!(Lang::parse("english"), None, "not a code");
    assert_eq!(Lang::parse("de-AT-x-too-long"), None);
    assert_eq!(
        Lang::first_preferred("es-ES, de-CH,fr", &present)
            .unwrap()
            .code(),
        "de"
    );
}

/// A learner's language travels in the compact code whatever it is: the first three keep the
/// one-byte numbers older codes used, any other is written by its code.
#[test]
fn the_compact_code_carries_any_language() {
    for code in ["en", "fr", "nl", "de", "ar-XB"] {
        let progress = Progress {
            lang: Lang::parse(code),
            ..Progress::default()
        };
        let written = compact::encode(&progress, &[]);
        let read = compact::decode(&written, &[]).expect("it reads back");
        assert_eq!(read.lang, progress.lang, "{code}");
    }
    let french = compact::encode(
        &Progress {
            lang: Lang::parse("fr"),
            ..Progress::default()
        },
        &[],
    );
    let german = compact::encode(
        &Progress {
            lang: Lang::parse("de"),
            ..Progress::default()
        },
        &[],
    );
    assert!(
        german.len() > french.len(),
        "a code costs its bytes; fr stays one"
    );
}

/// The stylesheets say "start" and "end", never "left" and "right", so that a right-to-left
/// language mirrors the layout with no CSS of its own.
#[test]
fn the_stylesheets_use_logical_properties_only() {
    for sheet in ["style/main.css", "style/lead.css"] {
        let css = std::fs::read_to_string(repo().join(sheet)).unwrap();
        for (index, line) in css.lines().enumerate() {
            let physical = ["left", "right"].iter().any(|side| {
                line.match_indices(side).any(|(at, _)| {
                    let before = line[..at].chars().next_back();
                    // `margin-left`, `left:`, `text-align: left`; not `inline-start` words.
                    before.is_none_or(|c| c == '-' || c == ' ' || c == ':' || c == '{')
                })
            });
            assert!(!physical, "{sheet}:{}: {line}", index + 1);
        }
    }
}
