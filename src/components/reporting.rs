//! "Who to tell": the organisation's own contacts, then the public reporting channels of its
//! country, then any extra channels it configured.

use leptos::prelude::*;

use crate::core::config::{Contact, Country};
use crate::core::reporting::{channels, is_website, EUROPE};
use crate::i18n::*;
use crate::state::{lang_of, AppConfig};

#[component]
pub fn ReportingContacts() -> impl IntoView {
    let i18n = use_i18n();
    let config = expect_context::<AppConfig>().0;
    move || {
        let lang = lang_of(i18n.get_locale());
        // ": " in English and Dutch, " : " with a non-breaking space in French.
        let separator = t_string!(i18n, name_value_separator).to_string();
        let config = config.get();
        let country = match config.country {
            Country::Be => t_string!(i18n, belgium).to_string(),
            Country::Nl => t_string!(i18n, netherlands).to_string(),
            Country::Fr => t_string!(i18n, france).to_string(),
        };
        let public = channels(config.country)
            .iter()
            .chain(std::iter::once(&EUROPE))
            .map(|channel| {
                let contact = channel.contact.get(lang);
                let contact = if is_website(contact) {
                    view! { <a href=format!("https://{contact}") target="_blank" rel="noopener noreferrer">{contact}</a> }.into_any()
                } else {
                    view! { <strong>{contact}</strong> }.into_any()
                };
                view! {
                    <li>
                        <span class="channel-name">{channel.name.get(lang)}</span>{separator.clone()} {contact}
                        <span class="channel-note">{channel.note.get(lang)}</span>
                    </li>
                }
            })
            .collect_view();
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
        }
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
