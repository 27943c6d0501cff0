//! The language menu, the same on the learners' page and the lead page.

use leptos::prelude::*;

use crate::core::course::Lang;
use crate::i18n::*;
use crate::state::{lang_of, locale_of, AppConfig};

/// The organisation's languages, each named in itself. Choosing one switches the interface,
/// then tells `on_pick`: the learners' page keeps it as the learner's own choice, the lead page
/// keeps nothing.
#[component]
pub fn LanguageSelect(#[prop(optional, into)] on_pick: Option<Callback<Lang>>) -> impl IntoView {
    let i18n = use_i18n();
    let config = expect_context::<AppConfig>().0;
    let current = move || lang_of(i18n.get_locale());
    let on_change = move |ev: leptos::ev::Event| {
        if let Some(lang) = Lang::from_code(&event_target_value(&ev)) {
            i18n.set_locale(locale_of(lang));
            if let Some(on_pick) = on_pick {
                on_pick.run(lang);
            }
        }
    };
    view! {
        <label class="lang">
            <span>{t!(i18n, language)}</span>
            <select on:change=on_change prop:value=move || current().code()>
                {move || config.with(|c| c.languages.clone())
                    .into_iter()
                    .map(|lang| {
                        view! {
                            <option value=lang.code() lang=lang.code() selected=move || current() == lang>
                                {lang.native_name()}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </label>
    }
}
