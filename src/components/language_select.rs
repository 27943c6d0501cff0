//! The language menu, the same on the learners' page and the lead page.

use leptos::prelude::*;

use crate::core::course::Lang;
use crate::i18n::*;
use crate::state::AppConfig;

/// The organisation's languages, each named in itself. Choosing one switches the interface,
/// then tells `on_pick`: the learners' page keeps it as the learner's own choice, the lead page
/// keeps nothing.
#[component]
pub fn LanguageSelect(#[prop(optional, into)] on_pick: Option<Callback<Lang>>) -> impl IntoView {
    let i18n = use_i18n();
    let config = expect_context::<AppConfig>().0;
    let current = move || i18n.get_locale();
    let on_change = move |ev: leptos::ev::Event| {
        if let Some(lang) = crate::i18n::present().find(&event_target_value(&ev)) {
            i18n.set_locale(lang);
            if let Some(on_pick) = on_pick {
                on_pick.run(lang);
            }
        }
    };
    view! {
        <label class="lang">
            <span>{t!(i18n, language)}</span>
            <select on:change=on_change prop:value=move || current().to_string()>
                {move || config.with(|c| c.offered(crate::i18n::present()))
                    .into_iter()
                    .map(|lang| {
                        view! {
                            <option value=lang.to_string() lang=lang.to_string() selected=move || current() == lang>
                                {crate::i18n::present().name(lang)}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </label>
    }
}
