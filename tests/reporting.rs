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
