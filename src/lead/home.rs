//! The lead page's first screen: how a session works, and every module offered, each to lead
//! on a projector or to print as a facilitator's guide.

use leptos::prelude::*;

use crate::i18n::*;
use crate::lead::content::LeadContent;
use crate::lead::links::{encode, page_href};
use crate::state::AppConfig;

#[component]
pub fn LeadHome() -> impl IntoView {
    let i18n = use_i18n();
    let content = expect_context::<LeadContent>();
    let config = expect_context::<AppConfig>();
    let modules = move || {
        match content.offered(config) {
        None => view! { <p>{t!(i18n, loading)}</p> }.into_any(),
        Some(Err(error)) => {
            leptos::logging::error!("{error}");
            view! { <p class="error" role="alert">{t!(i18n, load_error)}</p> }.into_any()
        }
        Some(Ok(index)) => view! {
            <ul class="modules">
                {index.modules.into_iter().map(|m| {
                    let lead = page_href(&format!("module={}", encode(&m.id)));
                    let guide = page_href(&format!("guide={}", encode(&m.id)));
                    let (title_lead, title_guide) = (m.title.clone(), m.title.clone());
                    view! {
                        <li class="module-card">
                            <h3>{m.title.clone()}</h3>
                            <p>{m.summary.clone()}</p>
                            <p class="meta">{t!(i18n, minutes, n = m.minutes)}</p>
                            <p class="actions">
                                <a class="button" href=lead aria-label=move || format!("{}: {}", t_string!(i18n, lead.lead_module), title_lead)>{t!(i18n, lead.lead_module)}</a>
                                <a class="button secondary" href=guide aria-label=move || format!("{}: {}", t_string!(i18n, lead.guide), title_guide)>{t!(i18n, lead.guide)}</a>
                            </p>
                        </li>
                    }
                }).collect_view()}
            </ul>
        }
        .into_any(),
    }
    };
    view! {
        <section class="lead-home">
            <h1>{t!(i18n, lead.heading)}</h1>
            <p class="lead">{t!(i18n, lead.intro)}</p>
            <p>{t!(i18n, lead.nothing_stored)}</p>
            <p><a class="button secondary" href=move || page_href("class")>{t!(i18n, lead.class_summary)}</a></p>
            <h2>{t!(i18n, lead.modules)}</h2>
            {modules}
        </section>
    }
}
