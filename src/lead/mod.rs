//! The lead page (`lead/index.html`, its own wasm `vigil-lead`): for a teacher or a manager who
//! leads a session. It shares the core, the lesson files and the interface text with the
//! learner's app, and is a separate entry page so that a learner downloads none of it.
//!
//! Pages are chosen by query, as in the learner's app: `?module=<id>` leads a module on a
//! projector, `?guide=<id>` is its printable facilitator's guide, `?class` the class summary;
//! anything else lists the modules. The page stores nothing and sends nothing, except the class
//! summary, which the teacher's browser keeps under a key of its own.

mod class;
mod content;
mod guide;
mod home;
mod links;
mod session;

use leptos::prelude::*;
use leptos_router::components::Router;
use leptos_router::hooks::use_query_map;

use crate::components::language_select::LanguageSelect;
use crate::core::course::Lang;
use crate::i18n::*;
use crate::state::AppConfig;
use links::page_href;

pub fn mount() {
    leptos::mount::mount_to_body(LeadApp);
}

#[component]
fn LeadApp() -> impl IntoView {
    let i18n = provide_i18n("../locales");
    view! {
        <crate::app::Interface i18n>
            <Router>
                <Shell />
            </Router>
        </crate::app::Interface>
    }
}

/// The organisation's configuration, beside the learner's index.html (one folder up), and the
/// interface language: the organisation's default when the browser's is not offered. Nothing is
/// stored: a language chosen here lasts as long as the page.
fn provide_config() -> AppConfig {
    let i18n = use_i18n();
    let (loaded, app_config) = AppConfig::read("../vigil.config.json");
    Effect::new(move |_| {
        let Some(reading) = loaded.get() else {
            return;
        };
        let config = reading.config;
        let offered = config.offered(crate::i18n::present());
        let current = i18n.get_locale_untracked();
        // The browser's first language the organisation offers (a draft included, once named),
        // else the organisation's default, else its first language.
        let browser = crate::browser::navigator_languages().join(",");
        let wanted = Lang::first_preferred(&browser, &offered)
            .or(config.default_language.filter(|l| offered.contains(l)))
            .unwrap_or(offered.first().copied().unwrap_or(current));
        if wanted != current {
            i18n.set_locale(wanted);
        }
        if let Some(colour) = &config.accent_colour {
            crate::browser::set_accent(colour);
        }
    });
    provide_context(app_config);
    app_config
}

#[component]
fn Shell() -> impl IntoView {
    let i18n = use_i18n();
    let config = provide_config();
    content::provide();
    let query = use_query_map();
    let page = Memo::new(move |_| {
        query.with(|q| {
            if let Some(id) = q.get("module") {
                Page::Session(id)
            } else if let Some(id) = q.get("guide") {
                Page::Guide(id)
            } else if q.get("class").is_some() {
                Page::Class
            } else {
                Page::Home
            }
        })
    });
    view! {
        <a class="skip-link" href="#main">{t!(i18n, skip_to_content)}</a>
        <LeadBar config=config />
        <main id="main" tabindex="-1" class:wide=move || matches!(page.get(), Page::Session(_))>
            {move || match page.get() {
                Page::Session(id) => view! { <session::SessionPage module_id=id /> }.into_any(),
                Page::Guide(id) => view! { <guide::GuidePage module_id=id /> }.into_any(),
                Page::Class => view! { <class::ClassPage /> }.into_any(),
                Page::Home => view! { <home::LeadHome /> }.into_any(),
            }}
        </main>
    }
}

#[derive(Clone, Debug, PartialEq)]
enum Page {
    Home,
    Session(String),
    Guide(String),
    Class,
}

/// The header: the app's name (a link to the lead page's list), the organisation, the way to
/// the class summary and to the learners' app, and the language menu.
#[component]
fn LeadBar(config: AppConfig) -> impl IntoView {
    let i18n = use_i18n();
    let config = config.0;
    let organisation = move || {
        config.with(|c| {
            c.organisation.clone().map(|name| {
                // A logo path is relative to the learners' index.html, one folder up.
                let logo = c.logo.clone().map(|src| {
                    let src = if src.starts_with("https://") {
                        src
                    } else {
                        format!("../{src}")
                    };
                    view! { <img class="org-logo" src=src alt="" /> }
                });
                view! { <span class="org">{logo}{name}</span> }
            })
        })
    };
    view! {
        <header class="top-bar">
            <a class="brand" href=move || page_href("")>
                <span class="brand-name">{t!(i18n, app_name)}</span>
                <span class="brand-tagline">{t!(i18n, lead.tagline)}</span>
            </a>
            {organisation}
            <nav class="lead-nav" aria-label=move || t_string!(i18n, lead.nav).to_string()>
                <a href=move || page_href("class")>{t!(i18n, lead.class_summary)}</a>
                // The learners' app is another page: the router leaves this link to the browser.
                <a href="../" rel="external">{t!(i18n, lead.learner_app)}</a>
            </nav>
            <LanguageSelect />
        </header>
    }
}
