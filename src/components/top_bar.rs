use leptos::prelude::*;

use crate::components::language_select::LanguageSelect;
use crate::components::learners::LearnerMenu;
use crate::components::links::home_href;
use crate::i18n::*;
use crate::state::{AppConfig, Learner, ReturnToLms};

/// The header: the app's name (a link home) and the language menu.
#[component]
pub fn TopBar() -> impl IntoView {
    let i18n = use_i18n();
    let learner = expect_context::<Learner>();
    // Launched by a cmi5 LMS with a return address: the way back to it. Leaving the page sends
    // the session's last statements (see state::connect_xapi).
    let return_to = expect_context::<ReturnToLms>().0;
    let back_to_lms = move || {
        return_to.get().map(|url| {
            view! { <a class="back-to-lms" href=url target="_top">{t!(i18n, back_to_lms)}</a> }
        })
    };
    let config = expect_context::<AppConfig>().0;
    let organisation = move || {
        config.with(|c| {
            c.organisation.clone().map(|name| {
                let logo = c
                    .logo
                    .clone()
                    .map(|src| view! { <img class="org-logo" src=src alt="" /> });
                view! { <span class="org">{logo}{name}</span> }
            })
        })
    };
    view! {
        <header class="top-bar">
            <a class="brand" href=home_href>
                <span class="brand-name">{t!(i18n, app_name)}</span>
                <span class="brand-tagline">{t!(i18n, tagline)}</span>
            </a>
            {organisation}
            {back_to_lms}
            <LearnerMenu />
            <LanguageSelect on_pick=move |lang| learner.0.update(|p| p.lang = Some(lang)) />
        </header>
    }
}
