//! Where to report, by country: the public channels a learner needs at the end of a module.
//!
//! Channels change, so they are data here (and an organisation adds its own internal contacts
//! and extra channels through configuration), never prose inside lessons. Every entry comes
//! from shared/domain/facts.md (sections 4 and 9) or a reviewer's named page, and carries it.
//! The words a learner reads about a channel (its name, its note) are interface text: each
//! language's locale file has them under `channels.<id>`, so that a new language brings its own
//! words in its own files and the code holds only numbers, addresses and sources.

use std::borrow::Cow;
use std::collections::BTreeMap;

use crate::core::config::Country;
use crate::core::course::{Lang, Module};
use crate::core::placeholder::{self, Fact};

/// Interface text looked up by its dotted key (`channels.be_police.name`): the app's loaded
/// locale, or a locale file read by a test or the build.
pub trait Wording {
    fn text(&self, key: &str) -> Option<&str>;
}

impl Wording for BTreeMap<String, String> {
    fn text(&self, key: &str) -> Option<&str> {
        self.get(key).map(String::as_str)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Channel {
    /// Names the channel's words in every locale file: `channels.<id>.name` and `.note`.
    pub id: &'static str,
    /// A phone number, or a web address (without scheme) when the channel is a website.
    pub contact: &'static str,
    /// Where the contact differs by language (a site with a page per language), the language
    /// codes and their contact; any other language gets `contact`.
    pub contact_in: &'static [(&'static str, &'static str)],
    /// The public page the entry comes from.
    pub source: &'static str,
    /// The facts a lesson's placeholders name that this channel answers (`{police}`, ...): one
    /// number can be two facts, as 112 is both the emergency number and the police's emergency
    /// number in the Netherlands.
    pub answers: &'static [Fact],
}

impl Channel {
    pub fn contact(&self, lang: Lang) -> &'static str {
        self.contact_in
            .iter()
            .find(|(code, _)| *code == lang.code())
            .map_or(self.contact, |(_, contact)| contact)
    }

    /// The channel's name in the language of `words` (its id if a locale lacks it, which the
    /// build does not let happen).
    pub fn name<'w>(&self, words: &'w dyn Wording) -> Cow<'w, str> {
        words
            .text(&format!("channels.{}.name", self.id))
            .map_or(Cow::Owned(self.id.to_string()), Cow::Borrowed)
    }

    pub fn note<'w>(&self, words: &'w dyn Wording) -> &'w str {
        words
            .text(&format!("channels.{}.note", self.id))
            .unwrap_or("")
    }
}

const fn channel(
    id: &'static str,
    contact: &'static str,
    source: &'static str,
    answers: &'static [Fact],
) -> Channel {
    Channel {
        id,
        contact,
        contact_in: &[],
        source,
        answers,
    }
}

/// A line for the learner's own support, not for reporting: every module warns that its
/// content may be hard to read and promises where to find support at its end.
const fn support_line(id: &'static str, contact: &'static str, source: &'static str) -> Channel {
    channel(id, contact, source, &[])
}

const EMERGENCY: &[Fact] = &[Fact::Emergency];
const POLICE: &[Fact] = &[Fact::PoliceEmergency, Fact::Police];

const BELGIUM: &[Channel] = &[
    channel(
        "emergency_112",
        "112",
        "https://www.sos112.be/en/how-to-call-emergency-numbers.html",
        EMERGENCY,
    ),
    channel(
        "be_police",
        "101",
        "https://www.sos112.be/en/how-to-call-emergency-numbers.html",
        POLICE,
    ),
    channel(
        "be_child_focus",
        "116 000",
        "https://missingchildreneurope.eu/imayoungperson",
        &[Fact::ChildHelpline],
    ),
    Channel {
        id: "be_i_say_stop",
        contact: "isaystop.com",
        contact_in: &[("fr", "jedisstop.be"), ("nl", "ikzegstop.be")],
        source: "https://isaystop.com/step-3-send-the-form/",
        answers: &[Fact::ReportAbroad],
    },
];

const NETHERLANDS: &[Channel] = &[
    // The Netherlands have no police emergency number of their own: 112 is it.
    channel(
        "emergency_112",
        "112",
        "https://www.politie.nl/informatie/wat-is-kindersekstoerisme.html",
        &[Fact::Emergency, Fact::PoliceEmergency],
    ),
    channel(
        "nl_police",
        "0900-8844",
        "https://www.politie.nl/informatie/wat-is-kindersekstoerisme.html",
        &[Fact::Police],
    ),
    channel(
        "nl_meld_misdaad_anoniem",
        "0800-7000",
        "https://www.politie.nl/informatie/wat-is-kindersekstoerisme.html",
        &[],
    ),
    channel(
        "nl_veilig_thuis",
        "0800-2000",
        "https://www.politie.nl/informatie/wat-is-kindersekstoerisme.html",
        &[Fact::ChildHelpline],
    ),
    channel(
        "nl_dont_look_away",
        "dontlookaway.nl",
        "https://www.politie.nl/informatie/wat-is-kindersekstoerisme.html",
        &[Fact::ReportAbroad],
    ),
];

const FRANCE: &[Channel] = &[
    channel(
        "emergency_112",
        "112",
        "https://www.sos112.be/en/how-to-call-emergency-numbers.html",
        EMERGENCY,
    ),
    channel(
        "fr_police",
        "17",
        "http://www.betschdorf.com/accueil-service-public?audience=part&tmpl=component&xml=F33953",
        POLICE,
    ),
    channel(
        "fr_119",
        "119",
        "https://www.loir-et-cher.gouv.fr/Actualites/Prostitution-de-mineurs-campagne-nationale/(theme)/2",
        &[Fact::ChildHelpline],
    ),
    channel(
        "fr_pharos",
        "internet-signalement.gouv.fr",
        "https://www.service-public.gouv.fr/particuliers/vosdroits/R17674",
        &[],
    ),
];

/// Germany, Austria and Switzerland: facts.md section 9.2.
const GERMANY: &[Channel] = &[
    channel(
        "emergency_112",
        "112",
        "http://www.baden-baden.de/buergerservice/notlagen/unfaelle/feuerwehr-und-polizei/",
        EMERGENCY,
    ),
    channel(
        "de_police",
        "110",
        "https://aachen.polizei.nrw/faq/notruf",
        POLICE,
    ),
    channel(
        "de_hilfetelefon",
        "0800 22 55 530",
        "https://www.bundesregierung.de/breg-de/aktuelles/hilfetelefon-sexueller-kindesmissbrauch-2275784",
        &[Fact::ChildHelpline],
    ),
    channel(
        "de_nicht_wegsehen",
        "nicht-wegsehen.net",
        "https://www.nicht-wegsehen.net/informationen-rund-um-ihre-meldung/",
        &[Fact::ReportAbroad],
    ),
];

const AUSTRIA: &[Channel] = &[
    channel(
        "at_emergency_112",
        "112",
        "https://rtr.at/TKP/was_wir_tun/telekommunikation/konsumentenservice/information/informationen_fuer_konsumenten/TKKS_Notrufe.de.html",
        EMERGENCY,
    ),
    channel(
        "at_police",
        "133",
        "https://rtr.at/TKP/was_wir_tun/telekommunikation/konsumentenservice/information/informationen_fuer_konsumenten/TKKS_Notrufe.de.html",
        POLICE,
    ),
    channel(
        "at_rat_auf_draht",
        "147",
        "https://www.rataufdraht.at/pressemitteilungen/25-jahre-notrufnummer-147",
        &[Fact::ChildHelpline],
    ),
    channel(
        "at_nicht_wegsehen",
        "nicht-wegsehen.at",
        "http://www.nicht-wegsehen.at/kampagnen/infos-zur-kampagne",
        &[Fact::ReportAbroad],
    ),
];

const SWITZERLAND: &[Channel] = &[
    channel(
        "ch_emergency_112",
        "112",
        "https://www.fedpol.admin.ch/fedpol/de/home/fedpol/praktische-info.html",
        EMERGENCY,
    ),
    channel(
        "ch_police",
        "117",
        "https://www.fedpol.admin.ch/fedpol/de/home/fedpol/praktische-info.html",
        POLICE,
    ),
    channel(
        "ch_147",
        "147",
        "https://www.bag-blueprint.ch/147ch-beratung-und-hilfe-fuer-kinder-und-jugendliche",
        &[Fact::ChildHelpline],
    ),
    channel(
        "ch_nicht_wegsehen",
        "nicht-wegsehen.ch",
        "https://www.nicht-wegsehen.ch/en/tipps-zur-meldung.html",
        &[Fact::ReportAbroad],
    ),
];

/// For abuse seen while travelling anywhere in Europe.
pub const EUROPE: Channel = channel(
    // No "(Europe)" in the name: `{report-abroad}` shows it as "name (contact)", and the note
    // says where it reaches.
    "europe_dont_look_away",
    "dontlookaway.report",
    "https://ecpat.be/nl/nieuwe-studie-vergelijking-van-europese-laagdrempelige-meldingsmechanismen/",
    &[Fact::ReportAbroad],
);

/// Support for a learner whom the course has affected, by country: listening lines, lines for
/// survivors of sexual violence (past abuse included), and lines for young learners (the
/// tourism-student track has learners under 18). From the English trainer's review
/// (shared/reviews/en-facts.md, W2), each with the page it names; for Germany, Austria and
/// Switzerland from facts.md section 9.2.
const BELGIUM_SUPPORT: &[Channel] = &[
    support_line(
        "be_tele_onthaal",
        "106",
        "http://www.trienelecompte.com/slachtofferhulp/",
    ),
    support_line("be_tele_accueil", "107", "https://sofelia.be/?p=9680"),
    support_line("be_1712", "1712", "https://1712.be/fr/over-1712"),
    support_line(
        "be_sos_viol",
        "0800 98 100",
        "https://www.journalessentiel.be/article-apres-le-viol-un-espace-de-parole/",
    ),
    support_line(
        "be_awel",
        "102",
        "http://www.trienelecompte.com/slachtofferhulp/",
    ),
];

const NETHERLANDS_SUPPORT: &[Channel] = &[
    support_line(
        "nl_centrum_seksueel_geweld",
        "0800-0188",
        "https://www.centrumseksueelgeweld.nl/category/in-de-media/",
    ),
    support_line(
        "nl_kindertelefoon",
        "0800-0432",
        "https://www.vriendenkindertelefoon.nl/kindertelefoon",
    ),
];

const FRANCE_SUPPORT: &[Channel] = &[
    support_line(
        "fr_france_victimes",
        "116 006",
        "https://www.savoie.gouv.fr/Actualites/Actualites/Lancement-du-116-006-numero-d-aide-aux-victimes",
    ),
    support_line(
        "fr_119_support",
        "119",
        "https://www.loir-et-cher.gouv.fr/Actualites/Prostitution-de-mineurs-campagne-nationale/(theme)/2",
    ),
];

const GERMANY_SUPPORT: &[Channel] = &[support_line(
    "de_hilfetelefon_support",
    "0800 22 55 530",
    "https://www.bundesregierung.de/breg-de/aktuelles/hilfetelefon-sexueller-kindesmissbrauch-2275784",
)];

const AUSTRIA_SUPPORT: &[Channel] = &[support_line(
    "at_rat_auf_draht_support",
    "147",
    "https://www.rataufdraht.at/pressemitteilungen/25-jahre-notrufnummer-147",
)];

const SWITZERLAND_SUPPORT: &[Channel] = &[support_line(
    "ch_147_support",
    "147",
    "https://www.bag-blueprint.ch/147ch-beratung-und-hilfe-fuer-kinder-und-jugendliche",
)];

/// Where a learner finds support in `country` (the organisation's own comes first, from its
/// configuration).
pub fn support(country: Country) -> &'static [Channel] {
    match country {
        Country::Be => BELGIUM_SUPPORT,
        Country::Nl => NETHERLANDS_SUPPORT,
        Country::Fr => FRANCE_SUPPORT,
        Country::De => GERMANY_SUPPORT,
        Country::At => AUSTRIA_SUPPORT,
        Country::Ch => SWITZERLAND_SUPPORT,
    }
}

pub fn channels(country: Country) -> &'static [Channel] {
    match country {
        Country::Be => BELGIUM,
        Country::Nl => NETHERLANDS,
        Country::Fr => FRANCE,
        Country::De => GERMANY,
        Country::At => AUSTRIA,
        Country::Ch => SWITZERLAND,
    }
}

/// Whether a contact is a website (shown as a link) rather than a phone number.
pub fn is_website(contact: &str) -> bool {
    contact.contains('.') && contact.chars().any(|c| c.is_ascii_alphabetic())
}

/// What a lesson's placeholder shows for `fact` in `country`: a number on its own
/// (`{emergency}`, `{police}`), or a channel's name with its number or address
/// (`{child-helpline}`, `{report-abroad}`), whose name differs from country to country.
pub fn fact(country: Country, lang: Lang, fact: Fact, words: &dyn Wording) -> String {
    let channel = channels(country)
        .iter()
        .chain(std::iter::once(&EUROPE))
        .find(|channel| channel.answers.contains(&fact))
        .unwrap_or(&channels(country)[0]);
    let (name, contact) = (channel.name(words), channel.contact(lang));
    match fact {
        Fact::Emergency | Fact::PoliceEmergency | Fact::Police => contact.to_string(),
        Fact::ChildHelpline | Fact::ReportAbroad => format!("{name} ({contact})"),
    }
}

/// A module in `lang` with the country facts its text names filled in for `country`, the
/// channels named in the words of `lang`'s locale.
pub fn fill_module(module: &mut Module, country: Country, lang: Lang, words: &dyn Wording) {
    module.rewrite_texts(
        |text| match placeholder::fill(text, |f| fact(country, lang, f, words)) {
            Cow::Owned(filled) => Some(filled),
            Cow::Borrowed(_) => None,
        },
    );
}

/// Every channel and support line of every country, for the lesson compiler's check that no
/// lesson writes one into its prose.
pub fn every_channel() -> impl Iterator<Item = &'static Channel> {
    Country::ALL
        .into_iter()
        .flat_map(|country| channels(country).iter().chain(support(country)))
        .chain(std::iter::once(&EUROPE))
}
