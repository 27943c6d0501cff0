//! Country facts named in lesson text by placeholder (`{emergency}`, `{police}`, ...).
//!
//! Numbers and reporting sites differ by country and change over time, so a lesson never writes
//! them: it names the fact, and the app fills it in from the channel data of the configured
//! country (`core::reporting`) when it renders the text. The lesson compiler uses `scan` to
//! reject an unknown name or a stray brace, so a typo is a build error rather than text shown
//! to a learner.

use std::borrow::Cow;

/// A reporting fact a lesson can name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Fact {
    /// The general emergency number (112 across the EU): police, fire, ambulance.
    Emergency,
    /// The police's own emergency number: 101 in Belgium (a police call to 112 is passed on to
    /// 101, so the Belgian police advise dialling 101), 17 in France, 112 in the Netherlands.
    PoliceEmergency,
    /// The police's number as each country publishes it: the same emergency number in Belgium
    /// (101) and France (17), but a non-emergency line in the Netherlands (0900-8844), so a
    /// lesson may only say it reaches the police, never whether it is for emergencies.
    Police,
    /// The national line for children at risk, shown with its name.
    ChildHelpline,
    /// The site for reporting the sexual exploitation of children abroad, shown with its name.
    ReportAbroad,
}

impl Fact {
    pub const ALL: [Fact; 5] = [
        Fact::Emergency,
        Fact::PoliceEmergency,
        Fact::Police,
        Fact::ChildHelpline,
        Fact::ReportAbroad,
    ];

    /// The name written between braces in a lesson.
    pub fn name(self) -> &'static str {
        match self {
            Fact::Emergency => "emergency",
            Fact::PoliceEmergency => "police-emergency",
            Fact::Police => "police",
            Fact::ChildHelpline => "child-helpline",
            Fact::ReportAbroad => "report-abroad",
        }
    }

    pub fn from_name(name: &str) -> Option<Fact> {
        Fact::ALL.into_iter().find(|fact| fact.name() == name)
    }
}

/// A piece of lesson text that cannot be filled: an unknown name or a brace with no partner.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BadPlaceholder {
    /// Byte offset of the offending brace in the text.
    pub offset: usize,
    pub message: String,
}

/// The facts a text names, in order, or the first thing wrong with its braces.
pub fn scan(text: &str) -> Result<Vec<Fact>, BadPlaceholder> {
    let mut facts = Vec::new();
    let mut rest = text;
    let mut base = 0;
    loop {
        let open = rest.find('{');
        let close = rest.find('}');
        let (open, close) = match (open, close) {
            (None, None) => return Ok(facts),
            (Some(open), Some(close)) if open < close => (open, close),
            (Some(open), None) => {
                return Err(BadPlaceholder {
                    offset: base + open,
                    message: "`{` with no `}` after it".to_string(),
                })
            }
            (_, Some(close)) => {
                return Err(BadPlaceholder {
                    offset: base + close,
                    message: "`}` with no `{` before it".to_string(),
                })
            }
        };
        let name = &rest[open + 1..close];
        if name.contains('{') {
            return Err(BadPlaceholder {
                offset: base + open,
                message: "`{` with no `}` after it".to_string(),
            });
        }
        let Some(fact) = Fact::from_name(name) else {
            return Err(BadPlaceholder {
                offset: base + open,
                message: format!(
                    "unknown placeholder `{{{name}}}`, expected one of: {}",
                    Fact::ALL.map(|f| format!("{{{}}}", f.name())).join(", ")
                ),
            });
        };
        facts.push(fact);
        base += close + 1;
        rest = &rest[close + 1..];
    }
}

/// The text with every placeholder replaced by `value(fact)`. Text that names no fact is
/// returned as it is, without a copy. The compiler has checked every brace, so a brace that
/// does not form a placeholder is left as written.
pub fn fill<'t>(text: &'t str, value: impl Fn(Fact) -> String) -> Cow<'t, str> {
    if !text.contains('{') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let Some(len) = rest[open..].find('}') else {
            break;
        };
        out.push_str(&rest[..open]);
        match Fact::from_name(&rest[open + 1..open + len]) {
            Some(fact) => out.push_str(&value(fact)),
            None => out.push_str(&rest[open..=open + len]),
        }
        rest = &rest[open + len + 1..];
    }
    out.push_str(rest);
    Cow::Owned(out)
}
