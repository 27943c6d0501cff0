//! The lesson texts as the learner's player and the lead page both show them.

use leptos::prelude::*;

use crate::core::course::Step;
use crate::i18n::*;

/// A lesson text's paragraphs: lesson files separate them by a blank line.
pub fn paragraphs(text: &str) -> impl IntoView {
    text.split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| view! { <p>{p.to_string()}</p> })
        .collect_view()
}

/// A situation's text, after its content note when it has one: the note comes first so that a
/// learner (or a class) can prepare before reading on.
pub fn situation(i18n: I18n, body: &str, content_note: Option<&str>) -> impl IntoView {
    view! {
        {content_note.map(|note| view! {
            <aside class="content-note" aria-label=move || t_string!(i18n, content_note).to_string()>
                <h3>{t!(i18n, content_note)}</h3>
                {paragraphs(note)}
            </aside>
        })}
        <div class="prose">{paragraphs(body)}</div>
    }
}

/// What a question step asks, above its choices.
pub fn question(step: &Step) -> impl IntoView {
    view! { <p class="prompt">{step.question().unwrap_or_default().to_string()}</p> }
}

/// A key-points step's points.
pub fn key_points(points: &[String]) -> impl IntoView {
    view! {
        <ul class="key-points">{points.iter().map(|p| view! { <li>{p.clone()}</li> }).collect_view()}</ul>
    }
}
