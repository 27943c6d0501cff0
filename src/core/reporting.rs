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
        "Toute urgence : ambulance, pompiers, police. Fonctionne dans tous les pays de l'UE.",
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
            "La police, en urgence : en Belgique, formez le 101 plutôt que le 112 pour la police.",
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

/// A line for the learner's own support, not for reporting: every module warns that its
/// content may be hard to read and promises where to find support at its end.
const fn support_line(
    name: [&'static str; 3],
    contact: &'static str,
    note: [&'static str; 3],
    source: &'static str,
) -> Channel {
    Channel {
        name: Words(name),
        contact: Words([contact, contact, contact]),
        note: Words(note),
        source,
        answers: &[],
    }
}

/// Support for a learner whom the course has affected, by country: listening lines, lines for
/// survivors of sexual violence (past abuse included), and lines for young learners (the
/// tourism-student track has learners under 18). From the English trainer's review
/// (shared/reviews/en-facts.md, W2), each with the page it names.
const BELGIUM_SUPPORT: &[Channel] = &[
    support_line(
        ["Tele-Onthaal (in Dutch)", "Tele-Onthaal (en néerlandais)", "Tele-Onthaal"],
        "106",
        [
            "Someone to talk to, day and night, anonymously.",
            "Quelqu'un à qui parler, jour et nuit, de façon anonyme.",
            "Iemand om mee te praten, dag en nacht, anoniem.",
        ],
        "http://www.trienelecompte.com/slachtofferhulp/",
    ),
    support_line(
        ["Télé-Accueil (in French)", "Télé-Accueil", "Télé-Accueil (in het Frans)"],
        "107",
        [
            "Someone to talk to, day and night, anonymously.",
            "Quelqu'un à qui parler, jour et nuit, de façon anonyme.",
            "Iemand om mee te praten, dag en nacht, anoniem.",
        ],
        "https://sofelia.be/?p=9680",
    ),
    support_line(
        ["1712", "1712", "1712"],
        "1712",
        [
            "Advice on violence, abuse and child abuse, for adults and children.",
            "Des conseils sur la violence, les abus et la maltraitance d'enfants, pour les adultes et les enfants.",
            "Advies over geweld, misbruik en kindermishandeling, voor volwassenen en kinderen.",
        ],
        "https://1712.be/fr/over-1712",
    ),
    support_line(
        ["SOS Viol", "SOS Viol", "SOS Viol"],
        "0800 98 100",
        [
            "For anyone affected by sexual violence, now or in the past.",
            "Pour toute personne touchée par des violences sexuelles, aujourd'hui ou par le passé.",
            "Voor iedereen die met seksueel geweld te maken kreeg, nu of vroeger.",
        ],
        "https://www.journalessentiel.be/article-apres-le-viol-un-espace-de-parole/",
    ),
    support_line(
        ["Awel (in Dutch)", "Awel (en néerlandais)", "Awel"],
        "102",
        [
            "For children and young people.",
            "Pour les enfants et les jeunes.",
            "Voor kinderen en jongeren.",
        ],
        "http://www.trienelecompte.com/slachtofferhulp/",
    ),
];

const NETHERLANDS_SUPPORT: &[Channel] = &[
    support_line(
        [
            "Centrum Seksueel Geweld",
            "Centrum Seksueel Geweld",
            "Centrum Seksueel Geweld",
        ],
        "0800-0188",
        [
            "Day and night, also for sexual violence in the past.",
            "Jour et nuit, aussi pour des violences sexuelles passées.",
            "Dag en nacht, ook voor seksueel geweld van vroeger.",
        ],
        "https://www.centrumseksueelgeweld.nl/category/in-de-media/",
    ),
    support_line(
        [
            "De Kindertelefoon",
            "De Kindertelefoon",
            "De Kindertelefoon",
        ],
        "0800-0432",
        [
            "For children and young people from 8 to 18.",
            "Pour les enfants et les jeunes de 8 à 18 ans.",
            "Voor kinderen en jongeren van 8 tot 18 jaar.",
        ],
        "https://www.vriendenkindertelefoon.nl/kindertelefoon",
    ),
];

const FRANCE_SUPPORT: &[Channel] = &[
    support_line(
        ["France Victimes", "France Victimes", "France Victimes"],
        "116 006",
        [
            "Free help for victims, 7 days a week.",
            "Aide gratuite aux victimes, 7 jours sur 7.",
            "Gratis hulp voor slachtoffers, 7 dagen per week.",
        ],
        "https://www.savoie.gouv.fr/Actualites/Actualites/Lancement-du-116-006-numero-d-aide-aux-victimes",
    ),
    support_line(
        ["Allô Enfance en Danger", "Allô Enfance en Danger", "Allô Enfance en Danger"],
        "119",
        [
            "For children and young people too: free, 24 hours a day.",
            "Aussi pour les enfants et les jeunes : gratuit, 24 heures sur 24.",
            "Ook voor kinderen en jongeren: gratis, 24 uur per dag.",
        ],
        "https://www.loir-et-cher.gouv.fr/Actualites/Prostitution-de-mineurs-campagne-nationale/(theme)/2",
    ),
];

/// Where a learner finds support in `country` (the organisation's own comes first, from its
/// configuration).
pub fn support(country: Country) -> &'static [Channel] {
    match country {
        Country::Be => BELGIUM_SUPPORT,
        Country::Nl => NETHERLANDS_SUPPORT,
        Country::Fr => FRANCE_SUPPORT,
    }
}

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

/// Every channel and support line of every country, for the lesson compiler's check that no
/// lesson writes one into its prose.
pub fn every_channel() -> impl Iterator<Item = &'static Channel> {
    [Country::Be, Country::Nl, Country::Fr]
        .into_iter()
        .flat_map(|country| channels(country).iter().chain(support(country)))
        .chain(std::iter::once(&EUROPE))
}
