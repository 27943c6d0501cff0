//! "Who to tell": the organisation's own contacts, then the public reporting channels of its
//! country, then any extra channels it configured; and "Support for you": the organisation's own
//! support for staff, then the country's support lines. Every module promises the second at its
//! end, where both are shown.

use leptos::prelude::*;

use crate::core::config::{Contact, Country};
use crate::core::course::Lang;
use crate::core::reporting::{channels, is_website, support, Channel, Wording, EUROPE};
use crate::i18n::*;
use crate::state::AppConfig;

#[component]
pub fn ReportingContacts() -> impl IntoView {
    let i18n = use_i18n();
    let config = expect_context::<AppConfig>().0;
    move || {
        let lang = i18n.get_locale();
        // ": " in English and Dutch, " : " with a non-breaking space in French.
        let separator = t_string!(i18n, name_value_separator).to_string();
        let config = config.get();
        let country = match config.country {
            Country::Be => t_string!(i18n, belgium),
            Country::Nl => t_string!(i18n, netherlands),
            Country::Fr => t_string!(i18n, france),
            Country::De => t_string!(i18n, germany),
            Country::At => t_string!(i18n, austria),
            Country::Ch => t_string!(i18n, switzerland),
        };
        let words = i18n.words();
        let listed = |channels: &mut dyn Iterator<Item = &Channel>| {
            channels
                .map(|channel| channel_item(channel, lang, &*words, &separator))
                .collect_view()
        };
        let public = listed(
            &mut channels(config.country)
                .iter()
                .chain(std::iter::once(&EUROPE)),
        );
        let support_lines = listed(&mut support(config.country).iter());
        let own_support = (!config.support.is_empty()).then(|| {
            view! {
                <h3>{t!(i18n, in_your_organisation)}</h3>
                {contact_list(&config.support, &separator)}
            }
        });
        let support_in = t_string!(i18n, support_in, country = country.clone()).to_string();
        let own = (!config.contacts.is_empty()).then(|| {
            view! {
                <h3>{t!(i18n, in_your_organisation)}</h3>
                {contact_list(&config.contacts, &separator)}
            }
        });
        let extra = (!config.extra_channels.is_empty()).then(|| {
            view! {
                <h3>{t!(i18n, more_channels)}</h3>
                {contact_list(&config.extra_channels, &separator)}
            }
        });
        view! {
            <section class="reporting" aria-labelledby="reporting-heading">
                <h2 id="reporting-heading">{t!(i18n, reporting_heading)}</h2>
                {own}
                <h3>{move || t_string!(i18n, channels_in, country = country.clone()).to_string()}</h3>
                <ul class="channels">{public}</ul>
                {extra}
            </section>
            <section class="support" aria-labelledby="support-heading">
                <h2 id="support-heading">{t!(i18n, support_heading)}</h2>
                <p>{t!(i18n, support_intro)}</p>
                {own_support}
                <h3>{support_in}</h3>
                <ul class="channels">{support_lines}</ul>
            </section>
        }
    }
}

/// A public channel or support line: its name, its number (or its site, as a link) and a note.
fn channel_item(
    channel: &Channel,
    lang: Lang,
    words: &dyn Wording,
    separator: &str,
) -> impl IntoView {
    let contact = channel.contact(lang);
    let contact = if is_website(contact) {
        view! { <a href=format!("https://{contact}") target="_blank" rel="noopener noreferrer">{contact}</a> }.into_any()
    } else {
        view! { <strong>{contact}</strong> }.into_any()
    };
    view! {
        <li>
            <span class="channel-name">{channel.name(words).into_owned()}</span>{separator.to_string()} {contact}
            <span class="channel-note">{channel.note(words).to_string()}</span>
        </li>
    }
}

/// The organisation's own entries, label and value.
fn contact_list(contacts: &[Contact], separator: &str) -> impl IntoView {
    let items = contacts
        .iter()
        .map(|c| view! { <li><span class="channel-name">{c.label.clone()}</span>{separator.to_string()} <strong>{c.value.clone()}</strong></li> })
        .collect_view();
    view! { <ul class="channels">{items}</ul> }
}
