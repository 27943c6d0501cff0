//! The organisation's configuration file: every field documented in the README, each mistake
//! reported by field name while everything else still applies.

use vigil::core::config::{self, Config, Contact, Country, LmsMode};
use vigil::core::course::Lang;
use vigil::core::language::{Direction, Language, Languages};

const EXAMPLE: &str = r##"{
  "organisation": "Hotel Aurora",
  "logo": "aurora-logo.svg",
  "accent-colour": "#7a1f5c",
  "contacts": [
    { "label": "Duty manager", "value": "ext. 401" },
    { "label": "Safeguarding lead", "value": "Marie Dupont, +32 2 555 01 23" }
  ],
  "country": "BE",
  "extra-channels": [{ "label": "Group ethics line", "value": "0800 12 345" }],
  "roles": ["front-desk", "housekeeping", "security", "manager"],
  "modules": ["front-desk-check-in"],
  "languages": ["fr", "nl", "en"],
  "default-language": "fr",
  "lms": "off",
  "embed-origins": ["https://intranet.aurora.example", "http://localhost:8000"],
  "offline": false
}"##;

#[test]
fn the_readme_example_applies_in_full() {
    let (config, problems) = parse(EXAMPLE);
    assert_eq!(problems, Vec::<String>::new());
    assert_eq!(config.organisation.as_deref(), Some("Hotel Aurora"));
    assert_eq!(config.logo.as_deref(), Some("aurora-logo.svg"));
    assert_eq!(config.accent_colour.as_deref(), Some("#7a1f5c"));
    assert_eq!(
        config.contacts[0],
        Contact {
            label: "Duty manager".into(),
            value: "ext. 401".into()
        }
    );
    assert_eq!(config.country, Country::Be);
    assert_eq!(config.roles.len(), 4);
    assert_eq!(
        config.modules,
        Some(vec!["front-desk-check-in".to_string()])
    );
    assert_eq!(config.languages, [lang("fr"), lang("nl"), Lang::EN]);
    assert_eq!(config.default_language, Some(lang("fr")));
    assert_eq!(config.lms, LmsMode::Off);
    assert_eq!(config.embed_origins.len(), 2);
    assert!(!config.offline);
}

#[test]
fn a_file_that_is_not_json_leaves_every_default() {
    let (config, problems) = parse("{ organisation: Hotel }");
    assert_eq!(config, Config::default());
    assert_eq!(problems.len(), 1);
    assert!(
        problems[0].starts_with("the file is not valid JSON"),
        "{problems:?}"
    );
    assert_eq!(
        parse("[1, 2]").1,
        ["the file must hold one JSON object { ... }; using every default"]
    );
}

#[test]
fn a_wrong_field_is_named_and_only_it_falls_back() {
    let (config, problems) = parse(
        r##"{ "organisation": "Hotel Aurora", "accent-colour": "red", "country": "UK", "roles": ["front-desk", "chef"],
             "languages": ["fr", "es"], "lms": true, "embed-origins": ["*"], "colour": "#fff" }"##,
    );
    assert_eq!(
        problems,
        [
            "unknown field `colour`, expected one of: organisation, logo, accent-colour, contacts, country, extra-channels, support, roles, modules, languages, default-language, lms, embed-origins, xapi, offline; ignored",
            "field `accent-colour`: must be a colour such as #0b5c78; using the default: #0b5c78",
            "field `country`: must be one of BE, NL, FR, DE, AT, CH; using the default: BE",
            "field `roles`: unknown role \"chef\", expected some of: front-desk, housekeeping, food-and-beverage, security, tour-guide, travel-agent, tourism-student, manager; using the default: every role",
            "field `languages`: unknown language \"es\", expected some of: en, de, fr, nl; using the default: every present language but drafts",
            "field `lms`: must be \"auto\" or \"off\"; using the default: auto",
            "field `embed-origins`: \"*\" is not an origin: write scheme, host and port only, such as https://intranet.example.com (no path, no *); using the default: no page may embed Vigil",
        ]
    );
    assert_eq!(
        config.organisation.as_deref(),
        Some("Hotel Aurora"),
        "the good field applies"
    );
    assert_eq!(config.accent_colour, None);
    assert_eq!(config.roles, Config::default().roles);
    assert!(config.embed_origins.is_empty(), "never a wildcard");
}

#[test]
fn only_exact_origins_are_allowed_to_embed() {
    for good in [
        "https://intranet.example.com",
        "http://127.0.0.1:8000",
        "https://lms.example.org:8443",
    ] {
        assert!(config::is_origin(good), "{good}");
    }
    for bad in [
        "*",
        "https://*.example.com",
        "https://example.com/",
        "https://example.com/path",
        "intranet.example.com",
        "javascript:alert(1)",
        "https://a@b.com",
        "https://x.com:99999",
    ] {
        assert!(!config::is_origin(bad), "{bad}");
    }
}

#[test]
fn text_fields_are_one_plain_line() {
    let (_, problems) = parse(
        r#"{ "organisation": "Hotel\nAurora", "contacts": [{ "label": "Duty", "value": "" }], "logo": "javascript:alert(1)" }"#,
    );
    assert_eq!(
        problems,
        [
            "field `organisation`: must be one line of at most 200 characters; using the default: no organisation name",
            "field `logo`: must be a path beside index.html or an https:// address; using the default: no logo",
            "field `contacts`: is empty; using the default: no contacts of the organisation's own",
        ]
    );
}

#[test]
fn the_default_language_must_be_offered() {
    let (config, problems) = parse(r#"{ "languages": ["nl"], "default-language": "fr" }"#);
    assert_eq!(
        problems,
        ["field `default-language`: is not among `languages`; using the first of them"]
    );
    assert_eq!(config.default_language, None);
    assert_eq!(config.languages, [lang("nl")]);
}

#[test]
fn an_lrs_is_configured_with_endpoint_key_and_secret() {
    let (config, problems) = parse(
        r#"{ "xapi": { "endpoint": "https://lrs.example.org/xapi", "key": "k", "secret": "s" } }"#,
    );
    assert_eq!(problems, Vec::<String>::new());
    let lrs = config.xapi.unwrap();
    assert_eq!(lrs.endpoint, "https://lrs.example.org/xapi/");
    assert_eq!((lrs.key.as_str(), lrs.secret.as_str()), ("k", "s"));
    let (config, problems) =
        parse(r#"{ "xapi": { "endpoint": "ftp://lrs", "key": "k", "secret": "s" } }"#);
    assert_eq!(problems, ["field `xapi`: `endpoint` must be an https:// address (or a path on this site); using the default: no learning record store"]);
    assert_eq!(config.xapi, None);
}

#[test]
fn an_lrs_on_another_site_has_an_origin_for_the_content_security_policy() {
    let origin = |endpoint: &str| {
        let text =
            format!(r#"{{ "xapi": {{ "endpoint": "{endpoint}", "key": "k", "secret": "s" }} }}"#);
        parse(&text).0.xapi.unwrap().origin()
    };
    assert_eq!(
        origin("https://LRS.example.org:8443/xapi"),
        Some("https://lrs.example.org:8443".to_string())
    );
    assert_eq!(
        origin("https://user@lrs.example.org/xapi?x=1"),
        Some("https://lrs.example.org".to_string())
    );
    assert_eq!(origin("/lrs/"), None);
}

#[test]
fn offline_use_is_on_unless_turned_off() {
    assert!(Config::default().offline);
    assert!(parse(r#"{ "offline": true }"#).0.offline);
    let (config, problems) = parse(r#"{ "offline": "no" }"#);
    assert_eq!(
        problems,
        ["field `offline`: must be true or false; using the default: true"]
    );
    assert!(config.offline, "a wrong value leaves the default");
}

#[test]
fn an_accent_colour_too_light_for_its_text_is_darkened_and_the_organisation_told() {
    let (config, problems) =
        parse(r##"{ "accent-colour": "#ffcc00", "organisation": "Hotel Aurora" }"##);
    assert_eq!(
        problems,
        ["field `accent-colour`: #ffcc00 has a contrast of 1.3:1 with white text and pale backgrounds, below the 4.5:1 WCAG AA asks for text; using #896e00, the same colour darkened until it reaches it"]
    );
    assert_eq!(config.accent_colour.as_deref(), Some("#896e00"));
    assert_eq!(
        config.organisation.as_deref(),
        Some("Hotel Aurora"),
        "the rest applies"
    );
}

#[test]
fn an_accent_colour_that_reaches_aa_is_used_as_written() {
    for colour in ["#7a1f5c", "#0b5c78", "#000", "#1B1F24"] {
        let (config, problems) = parse(&format!(r#"{{ "accent-colour": "{colour}" }}"#));
        assert_eq!(problems, Vec::<String>::new(), "{colour}");
        assert_eq!(config.accent_colour.as_deref(), Some(colour));
    }
}

/// A present language by its code.
fn lang(code: &str) -> Lang {
    Lang::parse(code).expect("a language code")
}

/// The configuration as the repository's languages read it.
fn parse(text: &str) -> (Config, Vec<String>) {
    config::parse(text, &vigil::lesson_files::languages())
}

/// Languages as files would declare them: a draft is built but offered only when named.
fn fixture_languages() -> Languages {
    let language = |code: &str, name: &str, draft: bool| Language {
        lang: lang(code),
        name: name.to_string(),
        direction: Direction::Ltr,
        draft,
        refused: Vec::new(),
        typography: None,
    };
    Languages::new(vec![
        language("en", "English", false),
        language("de", "Deutsch", false),
        language("ar-XB", "Pseudo-bidi", true),
    ])
}

#[test]
fn every_present_language_is_offered_but_a_draft_only_when_named() {
    let present = fixture_languages();
    let (config, problems) = config::parse("{}", &present);
    assert!(problems.is_empty());
    assert_eq!(config.offered(&present), [Lang::EN, lang("de")]);
    let (config, problems) = config::parse(
        r#"{ "languages": ["ar-XB", "en"], "default-language": "ar-XB" }"#,
        &present,
    );
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(config.offered(&present), [lang("ar-XB"), Lang::EN]);
    assert_eq!(config.default_language, Some(lang("ar-XB")));
}

#[test]
fn a_language_that_is_not_present_is_named_with_the_ones_that_are() {
    let present = fixture_languages();
    let (config, problems) = config::parse(r#"{ "languages": ["de", "fr"] }"#, &present);
    assert_eq!(
        problems,
        ["field `languages`: unknown language \"fr\", expected some of: en, ar-XB, de; using the default: every present language but drafts"]
    );
    assert_eq!(config.offered(&present), [Lang::EN, lang("de")]);
}
