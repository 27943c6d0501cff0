//! The class summary: completion codes pasted, typed or opened from a learner's QR code (the
//! code in the address's fragment), as a table of learners by modules, with a CSV export. The
//! teacher's browser keeps the codes under its own key (`vigil.lead.class`) until they clear
//! them; nothing is sent anywhere.

use leptos::prelude::*;

use crate::browser::files;
use crate::core::class::{Added, Class, Column, CsvHeadings, Outcome, Row};
use crate::core::completion::CodeError;
use crate::i18n::*;
use crate::lead::content::LeadContent;
use crate::state::AppConfig;

const KEY: &str = "vigil.lead.class";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window().and_then(|w| w.local_storage().ok().flatten())
}

/// The kept class, and how many kept codes no longer read.
fn load() -> (Class, usize) {
    match storage().and_then(|s| s.get_item(KEY).ok().flatten()) {
        Some(text) => Class::decode(&text),
        None => (Class::default(), 0),
    }
}

/// Keeps the class; false when the browser refuses (storage blocked or full).
fn save(class: &Class) -> bool {
    storage().is_some_and(|s| {
        if class.is_empty() {
            s.remove_item(KEY).is_ok()
        } else {
            s.set_item(KEY, &class.encode()).is_ok()
        }
    })
}

fn error_text(i18n: I18n, error: &CodeError) -> String {
    match error {
        CodeError::Empty => t_string!(i18n, lead.code_empty).to_string(),
        CodeError::Character(c) => t_string!(i18n, lead.code_character, c = *c).to_string(),
        CodeError::TooShort => t_string!(i18n, lead.code_too_short).to_string(),
        CodeError::TooLong => t_string!(i18n, lead.code_too_long).to_string(),
        CodeError::Checksum => t_string!(i18n, lead.code_checksum).to_string(),
        CodeError::Version(_) => t_string!(i18n, lead.code_version).to_string(),
        CodeError::Damaged => t_string!(i18n, lead.code_damaged).to_string(),
    }
}

/// What became of one entry, in words.
fn outcome_text(i18n: I18n, outcome: &Outcome) -> (bool, String) {
    let line = outcome.line;
    match &outcome.result {
        Ok(Added::New(name)) => (
            false,
            t_string!(i18n, lead.added, name = name.clone()).to_string(),
        ),
        Ok(Added::Updated(name)) => (
            false,
            t_string!(i18n, lead.updated, name = name.clone()).to_string(),
        ),
        Ok(Added::AlreadyCounted(name)) => (
            false,
            t_string!(i18n, lead.already_counted, name = name.clone()).to_string(),
        ),
        Err(error) => (
            true,
            t_string!(i18n, lead.refused, n = line, why = error_text(i18n, error)).to_string(),
        ),
    }
}

#[component]
pub fn ClassPage() -> impl IntoView {
    let i18n = use_i18n();
    let content = expect_context::<LeadContent>();
    let config = expect_context::<AppConfig>();
    let (kept, unreadable) = load();
    let class = RwSignal::new(kept);
    // Kept as outcomes, not words: the words follow the language, and may arrive after a code
    // in the address was added.
    let outcomes = RwSignal::new(Vec::<Outcome>::new());
    let not_kept = RwSignal::new(false);
    let confirming = RwSignal::new(false);

    let add = move |text: &str| {
        let mut next = class.get_untracked();
        let results = next.add_text(text);
        let changed = next != class.get_untracked();
        if changed {
            not_kept.set(!save(&next));
            class.set(next);
        }
        outcomes.set(results);
    };
    take_codes_from_address(add);

    let columns = move || -> Option<Vec<Column>> {
        match content.offered(config)? {
            Ok(index) => Some(
                index
                    .modules
                    .iter()
                    .map(|m| Column {
                        id: m.id.clone(),
                        title: m.title.clone(),
                    })
                    .collect(),
            ),
            Err(error) => {
                leptos::logging::error!("{error}");
                Some(Vec::new())
            }
        }
    };

    view! {
        <section class="class-summary">
            <h1>{t!(i18n, lead.class_summary)}</h1>
            <p class="lead">{t!(i18n, lead.class_intro)}</p>
            <p>{t!(i18n, lead.class_kept)}</p>
            <p class="note">{t!(i18n, lead.class_not_identity)}</p>
            {(unreadable > 0).then(|| view! {
                <p class="error" role="alert">{move || t_string!(i18n, lead.unreadable_kept, n = unreadable).to_string()}</p>
            })}
            {codes_form(add)}
            <div class="outcomes" role="status" aria-live="polite">
                <ul>
                    {move || outcomes.get().iter().map(|o| outcome_text(i18n, o)).map(|(refused, text)| view! {
                        <li class:error=refused class:success=!refused>{text}</li>
                    }).collect_view()}
                </ul>
            </div>
            {move || not_kept.get().then(|| view! { <p class="error" role="alert">{t!(i18n, lead.not_kept)}</p> })}
            {move || confirming.get().then(|| view! {
                <div class="confirm" role="alertdialog" aria-labelledby="confirm-clear">
                    <p id="confirm-clear">{t!(i18n, lead.confirm_clear)}</p>
                    <button type="button" class="danger" on:click=move |_| {
                        let empty = Class::default();
                        not_kept.set(!save(&empty));
                        class.set(empty);
                        outcomes.set(Vec::new());
                        confirming.set(false);
                    }>{t!(i18n, lead.yes_clear)}</button>
                    <button type="button" class="secondary" on:click=move |_| confirming.set(false)>{t!(i18n, cancel)}</button>
                </div>
            })}
            {move || columns().map(|columns| table(class, columns, confirming))}
        </section>
    }
}

/// A learner's QR code opens this page with their code in the fragment, which never reaches a
/// server. It is read, then taken out of the address so that a reload adds nothing. A second
/// code opened while the page is open changes only the fragment: the page hears of it.
fn take_codes_from_address(add: impl Fn(&str) + Copy + 'static) {
    let take_fragment = move || {
        let Some(location) = web_sys::window().map(|w| w.location()) else {
            return;
        };
        let fragment = location.hash().unwrap_or_default();
        let code = fragment.trim_start_matches('#');
        if code.is_empty() {
            return;
        }
        let code = js_sys::decode_uri_component(code)
            .map(String::from)
            .unwrap_or_else(|_| code.to_string());
        // One code, never a list: an address carries one learner's code.
        add(&code.replace([',', ';', '\n', '\r'], " "));
        let path = location.pathname().unwrap_or_default();
        let search = location.search().unwrap_or_default();
        if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
            let _ = history.replace_state_with_url(
                &wasm_bindgen::JsValue::NULL,
                "",
                Some(&format!("{path}{search}")),
            );
        }
    };
    take_fragment();
    let listener = window_event_listener(leptos::ev::hashchange, move |_| take_fragment());
    on_cleanup(move || listener.remove());
}

/// The codes typed or pasted, one a line (or separated by commas), added on submit.
fn codes_form(add: impl Fn(&str) + Copy + 'static) -> impl IntoView {
    let i18n = use_i18n();
    let typed = RwSignal::new(String::new());
    view! {
        <form class="add-codes" on:submit=move |ev| {
            ev.prevent_default();
            let text = typed.get_untracked();
            add(&text);
            typed.set(String::new());
        }>
            <label for="codes">{t!(i18n, lead.codes_label)}</label>
            <textarea
                id="codes"
                rows="4"
                spellcheck="false"
                autocomplete="off"
                aria-describedby="codes-hint"
                prop:value=move || typed.get()
                on:input=move |ev| typed.set(event_target_value(&ev))
            ></textarea>
            <p id="codes-hint" class="hint">{t!(i18n, lead.codes_hint)}</p>
            <button type="submit">{t!(i18n, lead.add_codes)}</button>
        </form>
    }
}

/// The class as a table of learners by modules (`columns`), with the CSV export and the way to
/// clear it; or a line saying it is empty.
fn table(class: RwSignal<Class>, columns: Vec<Column>, confirming: RwSignal<bool>) -> AnyView {
    let i18n = use_i18n();
    let rows = class.with(|c| c.rows(&columns));
    if rows.is_empty() {
        return view! { <p class="empty-class">{t!(i18n, lead.empty_class)}</p> }.into_any();
    }
    let count = rows.len();
    let head = columns
        .iter()
        .map(|c| view! { <th scope="col">{c.title.clone()}</th> })
        .collect_view();
    let body = rows.into_iter().map(row).collect_view();
    let download = move |_| {
        let headings = CsvHeadings {
            learner: t_string!(i18n, lead.th_learner).to_string(),
            made: t_string!(i18n, lead.th_made).to_string(),
            score: t_string!(i18n, lead.csv_score).to_string(),
            date: t_string!(i18n, lead.csv_date).to_string(),
        };
        let csv = class.with_untracked(|c| c.csv(&columns, &headings));
        if let Err(error) = files::download_as("vigil-class-summary.csv", &csv, "text/csv") {
            leptos::logging::error!("CSV export failed: {error}");
        }
    };
    view! {
        <div class="table-scroll" role="region" aria-labelledby="class-caption" tabindex="0">
            <table class="class-table">
                <caption id="class-caption">{move || t_string!(i18n, lead.table_caption, n = count).to_string()}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, lead.th_learner)}</th>
                        <th scope="col">{t!(i18n, lead.th_made)}</th>
                        {head}
                    </tr>
                </thead>
                <tbody>{body}</tbody>
            </table>
        </div>
        <div class="actions">
            <button type="button" on:click=download>{t!(i18n, lead.download_csv)}</button>
            <button type="button" class="secondary" on:click=move |_| confirming.set(true)>{t!(i18n, lead.clear)}</button>
        </div>
    }
    .into_any()
}

/// One learner's row: their name (and how many modules of their code this page does not list),
/// when the code was made, and each module's score and date.
fn row(row: Row) -> impl IntoView {
    let i18n = use_i18n();
    let cells = row
        .cells
        .into_iter()
        .map(|cell| match cell {
            Some(cell) => view! { <td>{format!("{}%", cell.percent)}<br /><span class="date">{cell.date}</span></td> }.into_any(),
            None => view! { <td><span class="not-done">"–"</span><span class="visually-hidden">{t!(i18n, lead.not_completed)}</span></td> }.into_any(),
        })
        .collect_view();
    let others = row.other_modules;
    view! {
        <tr>
            <th scope="row">
                {row.name.clone()}
                {(others > 0).then(|| view! { <span class="other-modules">{move || t_string!(i18n, lead.other_modules, n = others).to_string()}</span> })}
            </th>
            <td>{row.made.clone()}</td>
            {cells}
        </tr>
    }
}
