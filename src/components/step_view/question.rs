//! A question step: its prompt and choices, confirmed once, then locked. The engine records the
//! answer; the integrations hear of it (`core::events::answered`).

use std::sync::Arc;

use leptos::html;
use leptos::prelude::*;

use super::feedback::feedback;
use super::mode::Mode;
use crate::browser;
use crate::core::course::{Label, Module, Step};
use crate::core::engine;
use crate::core::events;
use crate::core::progress::{Answer, ModuleProgress};
use crate::i18n::*;
use crate::integrations::Integrations;
use crate::state::Learner;

/// The answers a question offers, as (id, label), in the order this attempt shows them
/// (`engine::choices_shown`).
fn options(step: &Step, progress: Option<&ModuleProgress>) -> Vec<(String, String)> {
    let i18n = use_i18n();
    let offered = match progress {
        Some(progress) => engine::choices_shown(step, progress),
        None => step.offered(),
    };
    offered
        .into_iter()
        .map(|o| {
            let label = match o.label {
                Label::Text(text) => text.to_string(),
                Label::True => t_string!(i18n, true_label).to_string(),
                Label::False => t_string!(i18n, false_label).to_string(),
            };
            (o.id.to_string(), label)
        })
        .collect()
}

#[component]
pub fn Question(
    module: Arc<Module>,
    step: Step,
    mode: Mode,
    answer: Memo<Option<Answer>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let learner = expect_context::<Learner>();
    let integrations = expect_context::<Integrations>();
    let selected = RwSignal::new(answer.get_untracked().map(|a| a.choice));
    let feedback_box = NodeRef::<html::Div>::new();
    let step = Arc::new(step);

    let prompt = step.question().unwrap_or_default().to_string();
    let answered = move || answer.with(Option::is_some);
    let locked = move || mode != Mode::Current || answered();
    let shown = learner
        .0
        .with_untracked(|p| options(&step, p.modules.get(&module.id)));

    let confirm = {
        let step = step.clone();
        move |_| {
            let Some(choice) = selected.get_untracked() else {
                return;
            };
            let now = browser::now();
            let mut recorded = false;
            learner.0.update(|p| {
                if let Some(mp) = p.modules.get_mut(&module.id) {
                    match engine::answer(&module, mp, &step.id, &choice, now) {
                        Ok(_) => recorded = true,
                        Err(error) => leptos::logging::warn!("answer not recorded: {error}"),
                    }
                }
            });
            if recorded {
                learner.0.with_untracked(|p| {
                    let event = p
                        .modules
                        .get(&module.id)
                        .and_then(|mp| events::answered(&module, &step, mp));
                    if let Some(event) = event {
                        integrations.publish(&event);
                    }
                });
            }
            // Take the learner to the feedback, which a screen reader then reads.
            request_animation_frame(move || {
                if let Some(el) = feedback_box.get_untracked() {
                    let _ = el.focus();
                }
            });
        }
    };

    view! {
        <fieldset class="question">
            <legend>{prompt}</legend>
            <div class="choices">{choices(&step, shown, selected, locked)}</div>
        </fieldset>
        <Show when=move || mode == Mode::Current && !answered()>
            <div class="actions">
                <button type="button" on:click=confirm.clone() prop:disabled=move || selected.with(Option::is_none)>
                    {t!(i18n, confirm)}
                </button>
            </div>
        </Show>
        <div class="feedback-region" node_ref=feedback_box tabindex="-1" role="status" aria-live="polite">{feedback(step.clone(), answer)}</div>
    }
}

/// The choices as radio buttons: `selected` follows the learner's pick until it is `locked`.
fn choices(
    step: &Step,
    shown: Vec<(String, String)>,
    selected: RwSignal<Option<String>>,
    locked: impl Fn() -> bool + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let name = format!("answer-{}", step.id);
    shown
        .into_iter()
        .map(|(id, label)| {
            let value = id.clone();
            let is = move |id: &str| selected.with(|s| s.as_deref() == Some(id));
            let checked = {
                let id = id.clone();
                move || is(&id)
            };
            let chosen = {
                let id = id.clone();
                move || is(&id)
            };
            view! {
                <label class="choice" class:chosen=chosen>
                    <input
                        type="radio"
                        name=name.clone()
                        value=id.clone()
                        prop:checked=checked
                        prop:disabled=locked
                        on:change=move |_| selected.set(Some(value.clone()))
                    />
                    <span>{label}</span>
                </label>
            }
        })
        .collect_view()
}
