//! The certificate of a completed track, laid out for a clean A4 print ("Save as PDF" through
//! the browser's print dialog).

use leptos::prelude::*;
use wasm_bindgen::JsValue;

use crate::components::links::home_href;
use crate::components::role_name::role_label;
use crate::content::Content;
use crate::core::certificate::certificate;
use crate::i18n::*;
use crate::state::{AppConfig, Learner, LearnerProfiles};

fn date(ms: u64, lang: &str) -> String {
    js_sys::Date::new(&JsValue::from_f64(ms as f64))
        .to_locale_date_string(lang, &JsValue::UNDEFINED)
        .into()
}

#[component]
pub fn CertificatePage(role: String) -> impl IntoView {
    let i18n = use_i18n();
    let content = expect_context::<Content>();
    let learner = expect_context::<Learner>();
    let profiles = expect_context::<LearnerProfiles>();
    let config = expect_context::<AppConfig>().0;
    move || {
        let role = role.clone();
        content.index.get().map(move |loaded| {
            let Some(course) = loaded.ok().and(content.offered(config)) else {
                return view! { <p class="error" role="alert">{t!(i18n, load_error)}</p> }.into_any();
            };
            let name = profiles.0.with(|p| p.active().name.clone());
            let organisation = config.with(|c| c.organisation.clone());
            let cert = learner.0.with(|p| certificate(&course, p, &role, &name, organisation.as_deref()));
            let Some(cert) = cert else {
                return view! {
                    <section>
                        <p role="status">{t!(i18n, track_incomplete)}</p>
                        <a href=home_href>{t!(i18n, back_home)}</a>
                    </section>
                }
                .into_any();
            };
            let lang = i18n.get_locale_untracked().to_string();
            let role_text = role_label(i18n, &cert.role);
            let rows = cert
                .modules
                .iter()
                .map(|m| {
                    view! {
                        <tr>
                            <td>{m.title.clone()}</td>
                            <td>{format!("{} / {} ({}%)", m.earned, m.max, (m.earned * 100).checked_div(m.max).unwrap_or(100))}</td>
                            <td>{date(m.completed_at, &lang)}</td>
                            <td>{m.content_version}</td>
                        </tr>
                    }
                })
                .collect_view();
            let code = cert.reference.clone();
            view! {
                <article class="certificate">
                    <p class="cert-kicker">{t!(i18n, app_name)}</p>
                    <h1>{t!(i18n, certificate_title)}</h1>
                    <p>{t!(i18n, certifies)}</p>
                    <p class="cert-name">{cert.learner.clone()}</p>
                    {cert.organisation.clone().map(|o| view! { <p class="cert-org">{o}</p> })}
                    <p>{move || t_string!(i18n, completed_track, role = role_text.clone()).to_string()}</p>
                    <table>
                        <thead>
                            <tr>
                                <th scope="col">{t!(i18n, th_module)}</th>
                                <th scope="col">{t!(i18n, th_score)}</th>
                                <th scope="col">{t!(i18n, th_date)}</th>
                                <th scope="col">{t!(i18n, th_version)}</th>
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                    <p class="cert-ref">{move || t_string!(i18n, reference, code = code.clone()).to_string()}</p>
                    <p class="cert-note">{t!(i18n, not_identity)}</p>
                    <div class="actions no-print">
                        <button type="button" on:click=move |_| {
                            if let Some(window) = web_sys::window() {
                                let _ = window.print();
                            }
                        }>{t!(i18n, print)}</button>
                        <a class="button secondary" href=home_href>{t!(i18n, back_home)}</a>
                    </div>
                </article>
            }
            .into_any()
        })
    }
}
