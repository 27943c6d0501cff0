//! Where to report, by country: the public channels a learner needs at the end of a module.
//!
//! Channels change, so they are data here (and an organisation adds its own internal contacts
//! and extra channels through configuration), never prose inside lessons. Every entry comes
//! from shared/domain/facts.md, section 4, which names its source.

use crate::core::config::Country;
use std::borrow::Cow;

use crate::core::course::{Lang, Module};
use crate::core::placeholder::{self, Fact};

/// Text in the three interface languages, in `Lang::ALL` order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Words(pub [&'static str; 3]);

impl Words {
    pub fn get(self, lang: Lang) -> &'static str {
        self.0[Lang::ALL.iter().position(|l| *l == lang).unwrap_or(0)]
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Channel {
    pub name: Words,
    /// A phone number, or a web address (without scheme) when the channel is a website.
    pub contact: Words,
    pub note: Words,
    /// The public page the entry comes from.
    pub source: &'static str,
    /// The facts a lesson's placeholders name that this channel answers (`{police}`, ...): one
    /// number can be two facts, as 112 is both the emergency number and the police's emergency
    /// number in the Netherlands.
    pub answers: &'static [Fact],
}

const EMERGENCY_112: Channel = Channel {
    name: Words(["Emergency number", "Numéro d'urgence", "Noodnummer"]),
    contact: Words(["112", "112", "112"]),
    note: Words([
        "Any emergency: ambulance, fire brigade, police. Works in every EU country.",
        "Toute urgence : ambulance, pompiers, police. Fonctionne dans tous les pays de l'UE.",
        "Elke noodsituatie: ambulance, brandweer, politie. Werkt in elk EU-land.",
    ]),
    source: "https://www.sos112.be/en/how-to-call-emergency-numbers.html",
    answers: &[Fact::Emergency],
};

const BELGIUM: &[Channel] = &[
    EMERGENCY_112,
    Channel {
        name: Words(["Police", "Police", "Politie"]),
        contact: Words(["101", "101", "101"]),
        note: Words([
            "The police, in an emergency: in Belgium, dial 101 rather than 112 for the police.",
            "La police, en urgence : en Belgique, formez le 101 plutôt que le 112 pour la police.",
            "De politie, bij spoed: bel in België 101 in plaats van 112 voor de politie.",
        ]),
        source: "https://www.sos112.be/en/how-to-call-emergency-numbers.html",
        answers: &[Fact::PoliceEmergency, Fact::Police],
    },
    Channel {
        name: Words(["Child Focus", "Child Focus", "Child Focus"]),
        contact: Words(["116 000", "116 000", "116 000"]),
        note: Words(["Free, 24 hours a day, 7 days a week.", "Gratuit, 24 heures sur 24, 7 jours sur 7.", "Gratis, 24 uur per dag, 7 dagen per week."]),
        source: "https://missingchildreneurope.eu/imayoungperson",
        answers: &[Fact::ChildHelpline],
    },
    Channel {
        name: Words(["I say STOP", "Je dis STOP", "Ik zeg STOP"]),
        contact: Words(["isaystop.com", "jedisstop.be", "ikzegstop.be"]),
        note: Words([
            "Report sexual abuse of children abroad, anonymously if you wish. Run by ECPAT Belgique with the police.",
            "Signalez des abus sexuels sur des enfants à l'étranger, anonymement si vous le souhaitez. Géré par ECPAT Belgique avec la police.",
            "Meld seksueel misbruik van kinderen in het buitenland, desgewenst anoniem. Beheerd door ECPAT België met de politie.",
        ]),
        source: "https://isaystop.com/step-3-send-the-form/",
        answers: &[Fact::ReportAbroad],
    },
];

const NETHERLANDS: &[Channel] = &[
    // The Netherlands have no police emergency number of their own: 112 is it.
    Channel {
        answers: &[Fact::Emergency, Fact::PoliceEmergency],
        source: "https://www.politie.nl/informatie/wat-is-kindersekstoerisme.html",
        ..EMERGENCY_112
    },
    Channel {
        name: Words([
            "Police (non-emergency)",
            "Police (hors urgence)",
            "Politie (geen spoed)",
        ]),
        contact: Words(["0900-8844", "0900-8844", "0900-8844"]),
        note: Words([
            "Police in the Netherlands.",
            "Police aux Pays-Bas.",
            "Politie in Nederland.",
        ]),
        source: "https://www.politie.nl/informatie/wat-is-kindersekstoerisme.html",
        answers: &[Fact::Police],
    },
    Channel {
        name: Words([
            "Meld Misdaad Anoniem",
            "Meld Misdaad Anoniem",
            "Meld Misdaad Anoniem",
        ]),
        contact: Words(["0800-7000", "0800-7000", "0800-7000"]),
        note: Words([
            "Report a crime anonymously.",
            "Signaler un délit anonymement.",
            "Anoniem een misdaad melden.",
        ]),
        source: "https://www.politie.nl/informatie/wat-is-kindersekstoerisme.html",
        answers: &[],
    },
    Channel {
        name: Words(["Veilig Thuis", "Veilig Thuis", "Veilig Thuis"]),
        contact: Words(["0800-2000", "0800-2000", "0800-2000"]),
        note: Words([
            "Advice and reports on abuse.",
            "Conseils et signalements de maltraitance.",
            "Advies en meldingen over mishandeling en misbruik.",
        ]),
        source: "https://www.politie.nl/informatie/wat-is-kindersekstoerisme.html",
        answers: &[Fact::ChildHelpline],
    },
    Channel {
        name: Words(["Don't Look Away", "Don't Look Away", "Don't Look Away"]),
        contact: Words(["dontlookaway.nl", "dontlookaway.nl", "dontlookaway.nl"]),
        note: Words([
            "Report sexual exploitation of children abroad.",
            "Signaler l'exploitation sexuelle d'enfants à l'étranger.",
            "Meld seksuele uitbuiting van kinderen in het buitenland.",
        ]),
        source: "https://www.politie.nl/informatie/wat-is-kindersekstoerisme.html",
        answers: &[Fact::ReportAbroad],
    },
];

const FRANCE: &[Channel] = &[
    EMERGENCY_112,
    Channel {
        name: Words(["Police", "Police", "Politie"]),
        contact: Words(["17", "17", "17"]),
        note: Words([
            "Police emergencies (police-secours) in France.",
            "Police-secours, pour une urgence.",
            "Politie bij spoed (police-secours) in Frankrijk.",
        ]),
        source: "http://www.betschdorf.com/accueil-service-public?audience=part&tmpl=component&xml=F33953",
        answers: &[Fact::PoliceEmergency, Fact::Police],
    },
    Channel {
        name: Words([
            "Allô Enfance en Danger",
            "Allô Enfance en Danger",
            "Allô Enfance en Danger",
        ]),
        contact: Words(["119", "119", "119"]),
        note: Words([
            "Free, 24 hours a day, 7 days a week.",
            "Gratuit, 24 heures sur 24, 7 jours sur 7.",
            "Gratis, 24 uur per dag, 7 dagen per week.",
        ]),
        source: "https://www.loir-et-cher.gouv.fr/Actualites/Prostitution-de-mineurs-campagne-nationale/(theme)/2",
        answers: &[Fact::ChildHelpline],
    },
    Channel {
        name: Words(["Pharos", "Pharos", "Pharos"]),
        contact: Words([
            "internet-signalement.gouv.fr",
            "internet-signalement.gouv.fr",
            "internet-signalement.gouv.fr",
        ]),
        note: Words([
            "Report illegal content online.",
            "Signaler un contenu illicite en ligne.",
            "Illegale inhoud online melden.",
        ]),
        source: "https://www.service-public.gouv.fr/particuliers/vosdroits/R17674",
        answers: &[],
    },
];

/// For abuse seen while travelling anywhere in Europe.
pub const EUROPE: Channel = Channel {
    // No "(Europe)" in the name: `{report-abroad}` shows it as "name (contact)", and the note
    // says where it reaches.
    name: Words(["Don't Look Away", "Don't Look Away", "Don't Look Away"]),
    contact: Words(["dontlookaway.report", "dontlookaway.report", "dontlookaway.report"]),
    note: Words([
        "Report sexual exploitation of children in travel and tourism, from any European country.",
        "Signalez l'exploitation sexuelle d'enfants dans le voyage et le tourisme, depuis n'importe quel pays européen.",
        "Meld seksuele uitbuiting van kinderen in reizen en toerisme, vanuit elk Europees land.",
    ]),
    source: "https://ecpat.be/nl/nieuwe-studie-vergelijking-van-europese-laagdrempelige-meldingsmechanismen/",
    answers: &[Fact::ReportAbroad],
};

pub fn channels(country: Country) -> &'static [Channel] {
    match country {
        Country::Be => BELGIUM,
        Country::Nl => NETHERLANDS,
        Country::Fr => FRANCE,
    }
}

/// Whether a contact is a website (shown as a link) rather than a phone number.
pub fn is_website(contact: &str) -> bool {
    contact.contains('.') && contact.chars().any(|c| c.is_ascii_alphabetic())
}

/// What a lesson's placeholder shows for `fact` in `country`: a number on its own
/// (`{emergency}`, `{police}`), or a channel's name with its number or address
/// (`{child-helpline}`, `{report-abroad}`), whose name differs from country to country.
pub fn fact(country: Country, lang: Lang, fact: Fact) -> String {
    let channel = channels(country)
        .iter()
        .chain(std::iter::once(&EUROPE))
        .find(|channel| channel.answers.contains(&fact))
        .unwrap_or(&EMERGENCY_112);
    let (name, contact) = (channel.name.get(lang), channel.contact.get(lang));
    match fact {
        Fact::Emergency | Fact::PoliceEmergency | Fact::Police => contact.to_string(),
        Fact::ChildHelpline | Fact::ReportAbroad => format!("{name} ({contact})"),
    }
}

/// A module in `lang` with the country facts its text names filled in for `country`.
pub fn fill_module(module: &mut Module, country: Country, lang: Lang) {
    module.rewrite_texts(
        |text| match placeholder::fill(text, |f| fact(country, lang, f)) {
            Cow::Owned(filled) => Some(filled),
            Cow::Borrowed(_) => None,
        },
    );
}

/// Every channel of every country, for the lesson compiler's check that no lesson writes a
/// channel into its prose.
pub fn every_channel() -> impl Iterator<Item = &'static Channel> {
    [Country::Be, Country::Nl, Country::Fr]
        .into_iter()
        .flat_map(channels)
        .chain(std::iter::once(&EUROPE))
}
