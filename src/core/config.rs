//! The organisation's configuration, read from `vigil.config.json` beside index.html, so that a
//! company brands and configures Vigil without a rebuild.
//!
//! Every field is optional. A field that is wrong is reported by name and left at its default
//! while the rest applies; text that is not JSON at all leaves everything at the defaults. The
//! app always runs.

use serde_json::{Map, Value};

use crate::core::contrast::{self, Accent, Rgb};
use crate::core::course::{Lang, ROLES};
use crate::core::language::Languages;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Contact {
    pub label: String,
    pub value: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Country {
    Be,
    Nl,
    Fr,
    De,
    At,
    Ch,
}

impl Country {
    pub const ALL: [Country; 6] = [
        Country::Be,
        Country::Nl,
        Country::Fr,
        Country::De,
        Country::At,
        Country::Ch,
    ];
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LmsMode {
    /// Use an LMS when one is found (SCORM API in a parent window or the opener).
    Auto,
    Off,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Config {
    pub organisation: Option<String>,
    /// A logo beside the organisation's name: a path relative to index.html, or https.
    pub logo: Option<String>,
    /// `#rgb` or `#rrggbb`, one that reaches WCAG AA with Vigil's text (see core::contrast).
    pub accent_colour: Option<String>,
    pub contacts: Vec<Contact>,
    pub country: Country,
    pub extra_channels: Vec<Contact>,
    /// The organisation's own support for staff (an employee assistance programme, a
    /// confidential counsellor), listed first under "Support for you".
    pub support: Vec<Contact>,
    /// Roles offered on the home page; all when not configured.
    pub roles: Vec<String>,
    /// Modules offered; `None` means every module of the course.
    pub modules: Option<Vec<String>>,
    /// Languages the organisation offers, in its menu order; empty when it names none (see
    /// `offered`).
    pub languages: Vec<Lang>,
    pub default_language: Option<Lang>,
    pub lms: LmsMode,
    /// Exact origins (`https://intranet.example.com`) allowed to embed Vigil and to exchange
    /// messages with it.
    pub embed_origins: Vec<String>,
    /// A learning record store to send xAPI statements to.
    pub xapi: Option<Lrs>,
    /// Whether Vigil keeps itself and the learner's lessons in the browser for use offline (a
    /// service worker). An organisation that must not leave copies on devices turns it off.
    pub offline: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lrs {
    /// The LRS's xAPI base address, ending with `/` (statements go to `<endpoint>statements`).
    pub endpoint: String,
    pub key: String,
    pub secret: String,
}

impl Lrs {
    /// The LRS's origin (`scheme://host[:port]`) when it is on another site, for the
    /// Content-Security-Policy's `connect-src`; `None` for a path on this site.
    pub fn origin(&self) -> Option<String> {
        let (scheme, rest) = self.endpoint.split_once("://")?;
        let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
        // Credentials in the address are never part of an origin.
        let host = authority.rsplit('@').next().unwrap_or_default();
        let origin = format!(
            "{}://{}",
            scheme.to_ascii_lowercase(),
            host.to_ascii_lowercase()
        );
        is_origin(&origin).then_some(origin)
    }
}

impl Default for Config {
    fn default() -> Self {
        Config {
            organisation: None,
            logo: None,
            accent_colour: None,
            contacts: Vec::new(),
            country: Country::Be,
            extra_channels: Vec::new(),
            support: Vec::new(),
            roles: ROLES.iter().map(|r| r.to_string()).collect(),
            modules: None,
            languages: Vec::new(),
            default_language: None,
            lms: LmsMode::Auto,
            embed_origins: Vec::new(),
            xapi: None,
            offline: true,
        }
    }
}

const FIELDS: &[&str] = &[
    "organisation",
    "logo",
    "accent-colour",
    "contacts",
    "country",
    "extra-channels",
    "support",
    "roles",
    "modules",
    "languages",
    "default-language",
    "lms",
    "embed-origins",
    "xapi",
    "offline",
];

const MAX_TEXT: usize = 200;

/// Reads a configuration file. Returns the configuration to use and one message per problem,
/// each naming its field.
pub fn parse(text: &str, present: &Languages) -> (Config, Vec<String>) {
    let mut config = Config::default();
    let mut problems = Vec::new();
    let object: Map<String, Value> = match serde_json::from_str(text) {
        Ok(Value::Object(object)) => object,
        Ok(_) => {
            return (
                config,
                vec!["the file must hold one JSON object { ... }; using every default".to_string()],
            )
        }
        Err(e) => {
            return (
                config,
                vec![format!(
                    "the file is not valid JSON ({e}); using every default"
                )],
            )
        }
    };
    for key in object.keys() {
        if !FIELDS.contains(&key.as_str()) {
            problems.push(format!(
                "unknown field `{key}`, expected one of: {}; ignored",
                FIELDS.join(", ")
            ));
        }
    }
    let mut field = |name: &str, read: &mut dyn FnMut(&Value) -> Result<(), String>| {
        if let Some(value) = object.get(name) {
            if let Err(why) = read(value) {
                problems.push(format!(
                    "field `{name}`: {why}; using the default: {}",
                    default_shown(name)
                ));
            }
        }
    };
    field("organisation", &mut |v| {
        config.organisation = Some(text_of(v)?);
        Ok(())
    });
    field("logo", &mut |v| {
        let logo = text_of(v)?;
        let relative = !logo.contains(':') && !logo.starts_with("//");
        if !(relative || logo.starts_with("https://")) {
            return Err("must be a path beside index.html or an https:// address".to_string());
        }
        config.logo = Some(logo);
        Ok(())
    });
    // A colour too light for the text on it and beside it is darkened, and the organisation
    // is told which colour Vigil uses and why.
    let mut darkened = None;
    field("accent-colour", &mut |v| {
        let colour = text_of(v)?;
        let rgb = Rgb::parse(&colour).ok_or("must be a colour such as #0b5c78")?;
        match contrast::accent(rgb) {
            Accent::Fits => config.accent_colour = Some(colour),
            Accent::Darkened { tenths, used } => {
                config.accent_colour = Some(used.hex());
                darkened = Some(format!(
                    "field `accent-colour`: {colour} has a contrast of {} with white text and pale backgrounds, below the {} WCAG AA asks for text; using {}, the same colour darkened until it reaches it",
                    contrast::show_ratio(tenths),
                    contrast::show_ratio(contrast::AA_TEXT_TENTHS),
                    used.hex()
                ));
            }
        }
        Ok(())
    });
    field("contacts", &mut |v| {
        config.contacts = contacts_of(v)?;
        Ok(())
    });
    field("extra-channels", &mut |v| {
        config.extra_channels = contacts_of(v)?;
        Ok(())
    });
    field("support", &mut |v| {
        config.support = contacts_of(v)?;
        Ok(())
    });
    field("country", &mut |v| {
        config.country = match v.as_str() {
            Some("BE") => Country::Be,
            Some("NL") => Country::Nl,
            Some("FR") => Country::Fr,
            Some("DE") => Country::De,
            Some("AT") => Country::At,
            Some("CH") => Country::Ch,
            _ => return Err("must be one of BE, NL, FR, DE, AT, CH".to_string()),
        };
        Ok(())
    });
    field("roles", &mut |v| {
        let roles = strings_of(v)?;
        if let Some(bad) = roles.iter().find(|r| !ROLES.contains(&r.as_str())) {
            return Err(format!(
                "unknown role \"{bad}\", expected some of: {}",
                ROLES.join(", ")
            ));
        }
        if roles.is_empty() {
            return Err("must name at least one role".to_string());
        }
        config.roles = roles;
        Ok(())
    });
    field("modules", &mut |v| {
        let modules = strings_of(v)?;
        if modules.is_empty() {
            return Err("must name at least one module".to_string());
        }
        config.modules = Some(modules);
        Ok(())
    });
    field("languages", &mut |v| {
        let mut languages = Vec::new();
        for code in strings_of(v)? {
            let lang = Lang::parse(&code)
                .filter(|lang| present.get(*lang).is_some())
                .ok_or_else(|| {
                    format!(
                        "unknown language \"{code}\", expected some of: {}",
                        codes(present)
                    )
                })?;
            if !languages.contains(&lang) {
                languages.push(lang);
            }
        }
        if languages.is_empty() {
            return Err("must name at least one language".to_string());
        }
        config.languages = languages;
        Ok(())
    });
    field("default-language", &mut |v| {
        let code = text_of(v)?;
        config.default_language = Some(
            Lang::parse(&code)
                .filter(|lang| present.get(*lang).is_some())
                .ok_or_else(|| format!("must be one of {}", codes(present)))?,
        );
        Ok(())
    });
    field("lms", &mut |v| {
        config.lms = match v.as_str() {
            Some("auto") => LmsMode::Auto,
            Some("off") => LmsMode::Off,
            _ => return Err("must be \"auto\" or \"off\"".to_string()),
        };
        Ok(())
    });
    field("embed-origins", &mut |v| {
        let origins = strings_of(v)?;
        if let Some(bad) = origins.iter().find(|o| !is_origin(o)) {
            return Err(format!(
                "\"{bad}\" is not an origin: write scheme, host and port only, such as https://intranet.example.com (no path, no *)"
            ));
        }
        config.embed_origins = origins;
        Ok(())
    });
    field("xapi", &mut |v| {
        let object = v
            .as_object()
            .ok_or("must be { \"endpoint\": ..., \"key\": ..., \"secret\": ... }")?;
        if let Some(key) = object
            .keys()
            .find(|k| !["endpoint", "key", "secret"].contains(&k.as_str()))
        {
            return Err(format!(
                "unknown field `{key}`, expected endpoint, key, secret"
            ));
        }
        let text = |name: &str| text_of(object.get(name).ok_or(format!("has no `{name}`"))?);
        let mut endpoint = text("endpoint")?;
        if !(endpoint.starts_with("https://")
            || endpoint.starts_with("http://")
            || endpoint.starts_with('/'))
        {
            return Err(
                "`endpoint` must be an https:// address (or a path on this site)".to_string(),
            );
        }
        if !endpoint.ends_with('/') {
            endpoint.push('/');
        }
        config.xapi = Some(Lrs {
            endpoint,
            key: text("key")?,
            secret: text("secret")?,
        });
        Ok(())
    });
    field("offline", &mut |v| {
        config.offline = v.as_bool().ok_or("must be true or false")?;
        Ok(())
    });
    problems.extend(darkened);
    // The default language must be one that is offered.
    if let Some(default) = config.default_language {
        if !config.offered(present).contains(&default) {
            problems.push(
                "field `default-language`: is not among `languages`; using the first of them"
                    .to_string(),
            );
            config.default_language = None;
        }
    }
    (config, problems)
}

/// What Vigil uses for a field the file gets wrong, as an administrator reads it.
fn default_shown(field: &str) -> &'static str {
    match field {
        "organisation" => "no organisation name",
        "logo" => "no logo",
        "accent-colour" => "#0b5c78",
        "contacts" => "no contacts of the organisation's own",
        "country" => "BE",
        "extra-channels" => "no extra channels",
        "support" => "no support of the organisation's own",
        "roles" => "every role",
        "modules" => "every module",
        "languages" => "every present language but drafts",
        "default-language" => "the browser's language",
        "lms" => "auto",
        "embed-origins" => "no page may embed Vigil",
        "xapi" => "no learning record store",
        "offline" => "true",
        _ => "its default",
    }
}

fn codes(present: &Languages) -> String {
    let codes: Vec<String> = present.codes().iter().map(Lang::to_string).collect();
    codes.join(", ")
}

impl Config {
    /// The languages offered to learners: the ones the configuration names, else every present
    /// language that is not a draft (a draft is offered only when named).
    pub fn offered(&self, present: &Languages) -> Vec<Lang> {
        let named: Vec<Lang> = self
            .languages
            .iter()
            .copied()
            .filter(|lang| present.get(*lang).is_some())
            .collect();
        if named.is_empty() {
            let default = present.offered_by_default();
            if default.is_empty() {
                return present.codes();
            }
            default
        } else {
            named
        }
    }
}

fn text_of(value: &Value) -> Result<String, String> {
    let text = value.as_str().ok_or("must be text")?.trim();
    if text.is_empty() {
        return Err("is empty".to_string());
    }
    if text.chars().count() > MAX_TEXT || text.chars().any(char::is_control) {
        return Err(format!("must be one line of at most {MAX_TEXT} characters"));
    }
    Ok(text.to_string())
}

fn strings_of(value: &Value) -> Result<Vec<String>, String> {
    value
        .as_array()
        .ok_or("must be a list")?
        .iter()
        .map(text_of)
        .collect()
}

fn contacts_of(value: &Value) -> Result<Vec<Contact>, String> {
    let list = value
        .as_array()
        .ok_or("must be a list of { \"label\": ..., \"value\": ... }")?;
    list.iter()
        .map(|item| {
            let object = item
                .as_object()
                .ok_or("each entry must be { \"label\": ..., \"value\": ... }")?;
            if let Some(key) = object.keys().find(|k| *k != "label" && *k != "value") {
                return Err(format!(
                    "unknown field `{key}` in an entry, expected label, value"
                ));
            }
            Ok(Contact {
                label: text_of(object.get("label").ok_or("an entry has no label")?)?,
                value: text_of(object.get("value").ok_or("an entry has no value")?)?,
            })
        })
        .collect()
}

/// `scheme://host[:port]` and nothing else: origins are compared exactly.
pub fn is_origin(text: &str) -> bool {
    let Some((scheme, rest)) = text.split_once("://") else {
        return false;
    };
    let host_ok = !rest.is_empty()
        && !rest.contains(['/', '?', '#', '*', '@', ' '])
        && rest
            .split_once(':')
            .is_none_or(|(host, port)| !host.is_empty() && port.parse::<u16>().is_ok());
    matches!(scheme, "https" | "http") && host_ok
}
