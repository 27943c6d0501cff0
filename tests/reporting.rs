//! The country facts a lesson names by placeholder, filled from the channel data, and the
//! channels' words, which each language's locale file holds.

use std::collections::BTreeMap;

use vigil::core::config::Country;
use vigil::core::course::Lang;
use vigil::core::placeholder::Fact;
use vigil::core::reporting::{channels, fact, support, EUROPE};
use vigil::lesson_files::{default_locales, languages, read_locale};

/// The interface text of a present language, as the app loads it.
fn words(lang: Lang) -> BTreeMap<String, String> {
    read_locale(&default_locales(), lang)
        .expect("a readable, valid locale")
        .1
}

fn every_language() -> Vec<(Lang, BTreeMap<String, String>)> {
    languages()
        .codes()
        .into_iter()
        .map(|lang| (lang, words(lang)))
        .collect()
}

/// The police's own emergency number is what a lesson means by "call the police at once":
/// 101 in Belgium (not 112, which passes a police call on to 101), 17 in France, 112 in the
/// Netherlands, which have no other, 110 in Germany, 133 in Austria and 117 in Switzerland
/// (facts.md 9.2). Every language shows the same number.
#[test]
fn the_police_emergency_number_is_filled_for_each_country_in_every_language() {
    let all = every_language();
    assert!(all.len() >= 4, "English, German, French and Dutch at least");
    for (lang, words) in &all {
        let filled = |country| fact(country, *lang, Fact::PoliceEmergency, words);
        assert_eq!(filled(Country::Be), "101", "{lang}");
        assert_eq!(filled(Country::Nl), "112", "{lang}");
        assert_eq!(filled(Country::Fr), "17", "{lang}");
        assert_eq!(filled(Country::De), "110", "{lang}");
        assert_eq!(filled(Country::At), "133", "{lang}");
        assert_eq!(filled(Country::Ch), "117", "{lang}");
    }
}

#[test]
fn the_emergency_and_police_numbers_stay_apart_where_they_differ() {
    for (lang, words) in &every_language() {
        for country in Country::ALL {
            assert_eq!(fact(country, *lang, Fact::Emergency, words), "112");
        }
        assert_eq!(fact(Country::Be, *lang, Fact::Police, words), "101");
        assert_eq!(fact(Country::Nl, *lang, Fact::Police, words), "0900-8844");
        assert_eq!(fact(Country::Fr, *lang, Fact::Police, words), "17");
    }
}

/// A channel is shown as "name (contact)": a name with brackets of its own would nest them.
/// The name is in the learner's language; a site with a page per language is shown in theirs.
#[test]
fn named_channels_read_as_name_and_contact_without_nested_brackets() {
    for (lang, words) in &every_language() {
        for country in Country::ALL {
            for f in [Fact::ChildHelpline, Fact::ReportAbroad] {
                let text = fact(country, *lang, f, words);
                assert_eq!(text.matches('(').count(), 1, "{country:?} {lang}: {text}");
                assert!(text.ends_with(')'), "{text}");
            }
        }
    }
    let fr = Lang::parse("fr").unwrap();
    let de = Lang::parse("de").unwrap();
    assert_eq!(
        fact(Country::Fr, fr, Fact::ChildHelpline, &words(fr)),
        "Allô Enfance en Danger (119)"
    );
    assert_eq!(
        fact(Country::Fr, Lang::EN, Fact::ReportAbroad, &words(Lang::EN)),
        "Don't Look Away (dontlookaway.report)"
    );
    assert_eq!(
        fact(Country::Be, fr, Fact::ReportAbroad, &words(fr)),
        "Je dis STOP (jedisstop.be)"
    );
    // A language the site has no page for gets its main one.
    assert_eq!(
        fact(Country::Be, de, Fact::ReportAbroad, &words(de)),
        "I say STOP (isaystop.com)"
    );
    assert_eq!(
        fact(Country::De, de, Fact::ChildHelpline, &words(de)),
        "Hilfe-Telefon Sexueller Missbrauch (0800 22 55 530)"
    );
    assert_eq!(
        fact(Country::At, de, Fact::ReportAbroad, &words(de)),
        "Nicht wegsehen, Österreich (nicht-wegsehen.at)"
    );
}

/// Every channel and support line of every country has its name and its note in every present
/// language's locale file, so that no learner reads an id.
#[test]
fn every_channel_has_its_words_in_every_language() {
    for (lang, words) in &every_language() {
        for country in Country::ALL {
            for channel in channels(country)
                .iter()
                .chain(support(country))
                .chain(std::iter::once(&EUROPE))
            {
                for part in ["name", "note"] {
                    let key = format!("channels.{}.{part}", channel.id);
                    assert!(
                        words.get(&key).is_some_and(|w| !w.trim().is_empty()),
                        "{lang}: no {key}"
                    );
                }
            }
        }
    }
}

/// Every module promises where to find support at its end: each country has lines for it, each
/// with its source, none of them a reporting channel.
#[test]
fn every_country_has_support_lines_with_sources() {
    for country in Country::ALL {
        let lines = support(country);
        assert!(!lines.is_empty(), "{country:?}");
        for line in lines {
            assert!(line.source.starts_with("http"), "{}", line.id);
            assert!(line.answers.is_empty(), "{}", line.id);
        }
    }
    for country in [Country::Be, Country::Nl, Country::Fr] {
        assert!(support(country).len() >= 2, "{country:?}");
    }
}
