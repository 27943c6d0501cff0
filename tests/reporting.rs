//! The country facts a lesson names by placeholder, filled from the channel data.

use vigil::core::config::Country;
use vigil::core::course::Lang;
use vigil::core::placeholder::Fact;
use vigil::core::reporting::fact;

/// The police's own emergency number is what a lesson means by "call the police at once":
/// 101 in Belgium (not 112, which passes a police call on to 101), 17 in France, and 112 in the
/// Netherlands, which have no other. Every language shows the same number.
#[test]
fn the_police_emergency_number_is_filled_for_each_country_in_every_language() {
    for lang in Lang::ALL {
        let filled = |country| fact(country, lang, Fact::PoliceEmergency);
        assert_eq!(filled(Country::Be), "101", "{lang:?}");
        assert_eq!(filled(Country::Nl), "112", "{lang:?}");
        assert_eq!(filled(Country::Fr), "17", "{lang:?}");
    }
}

#[test]
fn the_emergency_and_police_numbers_stay_apart_where_they_differ() {
    for lang in Lang::ALL {
        for country in [Country::Be, Country::Nl, Country::Fr] {
            assert_eq!(fact(country, lang, Fact::Emergency), "112");
        }
        assert_eq!(fact(Country::Be, lang, Fact::Police), "101");
        assert_eq!(fact(Country::Nl, lang, Fact::Police), "0900-8844");
        assert_eq!(fact(Country::Fr, lang, Fact::Police), "17");
    }
}

/// A channel is shown as "name (contact)": a name with brackets of its own would nest them.
#[test]
fn named_channels_read_as_name_and_contact_without_nested_brackets() {
    for lang in Lang::ALL {
        for country in [Country::Be, Country::Nl, Country::Fr] {
            for f in [Fact::ChildHelpline, Fact::ReportAbroad] {
                let text = fact(country, lang, f);
                assert_eq!(text.matches('(').count(), 1, "{country:?} {lang:?}: {text}");
                assert!(text.ends_with(')'), "{text}");
            }
        }
    }
    assert_eq!(
        fact(Country::Fr, Lang::Fr, Fact::ChildHelpline),
        "Allô Enfance en Danger (119)"
    );
    assert_eq!(
        fact(Country::Fr, Lang::En, Fact::ReportAbroad),
        "Don't Look Away (dontlookaway.report)"
    );
}

/// Learners read the channels' and support lines' French as they read the lessons', so it
/// follows the same typography (the non-breaking spaces the build checks in lessons).
#[test]
fn the_channels_french_follows_french_typography() {
    use vigil::core::lesson::wording::french_problems;
    use vigil::core::reporting::{channels, support, EUROPE};
    let mut read = 0;
    for country in [Country::Be, Country::Nl, Country::Fr] {
        for channel in channels(country)
            .iter()
            .chain(support(country))
            .chain(std::iter::once(&EUROPE))
        {
            // A contact is a number as its service writes it, matched in lesson text as such.
            for text in [channel.name, channel.note] {
                let problems = french_problems(text.get(Lang::Fr));
                assert!(
                    problems.is_empty(),
                    "{:?}: {problems:?}",
                    text.get(Lang::Fr)
                );
                read += 1;
            }
        }
    }
    assert!(read > 20);
}

/// Every module promises where to find support at its end: each country has lines for it, each
/// with its source, none of them a reporting channel.
#[test]
fn every_country_has_support_lines_with_sources() {
    use vigil::core::reporting::support;
    for country in [Country::Be, Country::Nl, Country::Fr] {
        let lines = support(country);
        assert!(lines.len() >= 2, "{country:?}");
        for line in lines {
            assert!(line.source.starts_with("http"), "{:?}", line.name);
            assert!(line.answers.is_empty());
            for lang in Lang::ALL {
                assert!(!line.name.get(lang).is_empty() && !line.note.get(lang).is_empty());
            }
        }
    }
}
