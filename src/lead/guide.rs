//! The facilitator's guide of a module, laid out for A4 print (style/lead.css): objectives,
//! duration, the content note, the session step by step along the main path (each decision
//! with its choices and their feedback, what a poorer choice leads to, the discussion question,
//! the teaching point and the sources; each quiz with its answer and explanation), and the
//! reporting channels of the configured country.

use leptos::prelude::*;

use crate::components::prose::{self, paragraphs};
use crate::components::reporting::ReportingContacts;
use crate::components::role_name::role_label;
use crate::core::course::{Module, Step, StepKind};
use crate::core::facilitation;
use crate::i18n::*;
use crate::lead::content::with_module;
use crate::lead::links::{encode, page_href};
use crate::lead::session::{answer_label, detour_text, step_title, verdict_text};

#[component]
pub fn GuidePage(module_id: String) -> impl IntoView {
    let i18n = use_i18n();
    with_module(module_id, move |module| guide(i18n, &module))
}

fn guide(i18n: I18n, module: &Module) -> impl IntoView {
    let path = facilitation::main_path(module);
    // The objectives are what the module's summary makes sure of.
    let objectives = module.summary_points().to_vec();
    let notes: Vec<String> = path
        .iter()
        .filter_map(|s| match &s.kind {
            StepKind::Situation {
                content_note: Some(note),
                ..
            } => Some(note.clone()),
            _ => None,
        })
        .collect();
    let roles = module
        .roles
        .iter()
        .map(|r| role_label(i18n, r))
        .collect::<Vec<_>>()
        .join(", ");
    let minutes = module.minutes;
    let steps = path
        .iter()
        .enumerate()
        .map(|(index, step)| guide_step(i18n, module, &path, index, step))
        .collect_view();
    let lead_href = page_href(&format!("module={}", encode(&module.id)));
    view! {
        <article class="guide">
            <p class="guide-kicker">{t!(i18n, lead.guide_kicker)}</p>
            <h1>{module.title.clone()}</h1>
            <p class="lead">{module.summary.clone()}</p>
            <p class="meta">
                {t!(i18n, lead.duration, n = minutes)}
                " · "
                {move || t_string!(i18n, lead.for_roles, roles = roles.clone()).to_string()}
            </p>
            <div class="actions no-print">
                <button type="button" on:click=move |_| {
                    if let Some(window) = web_sys::window() {
                        let _ = window.print();
                    }
                }>{t!(i18n, lead.print_guide)}</button>
                <a class="button secondary" href=lead_href>{t!(i18n, lead.lead_module)}</a>
                <a class="button secondary" href=page_href("")>{t!(i18n, lead.all_modules)}</a>
            </div>
            <section class="guide-part">
                <h2>{t!(i18n, lead.objectives)}</h2>
                <p>{t!(i18n, lead.objectives_intro)}</p>
                <ul class="key-points">{objectives.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}</ul>
            </section>
            {(!notes.is_empty()).then(|| view! {
                <section class="guide-part content-note">
                    <h2>{t!(i18n, content_note)}</h2>
                    {notes.iter().map(|n| paragraphs(n)).collect_view()}
                    <p>{t!(i18n, lead.content_note_advice)}</p>
                </section>
            })}
            <section class="guide-part">
                <h2>{t!(i18n, lead.step_by_step)}</h2>
                <ol class="guide-steps">{steps}</ol>
            </section>
            <div class="guide-part">
                <ReportingContacts />
            </div>
        </article>
    }
}

fn guide_step(
    i18n: I18n,
    module: &Module,
    path: &[&Step],
    index: usize,
    step: &Step,
) -> impl IntoView {
    let title = step_title(i18n, step);
    let decision = matches!(step.kind, StepKind::Decision { .. });
    let text = match &step.kind {
        StepKind::Situation { body, .. } | StepKind::Ending { body, .. } => {
            paragraphs(body).into_any()
        }
        StepKind::KeyPoints { points, .. } => prose::key_points(points).into_any(),
        StepKind::Decision { .. }
        | StepKind::TrueFalse { .. }
        | StepKind::MultipleChoice { .. } => prose::question(step).into_any(),
    };
    let answers = guide_answers(i18n, module, path, step, decision);
    let explanation = facilitation::explanation(step).map(|text| {
        view! { <div class="explanation">{paragraphs(text)}</div> }
    });
    let notes = match &step.kind {
        StepKind::Decision {
            facilitator: Some(texts),
            ..
        } => Some(view! {
            <div class="guide-notes">
                <h4>{t!(i18n, lead.discussion)}</h4>
                <div class="discussion">{paragraphs(&texts.discussion)}</div>
                <h4>{t!(i18n, lead.teaching_point)}</h4>
                <div class="teaching-point">{paragraphs(&texts.teaching_point)}</div>
            </div>
        }),
        _ => None,
    };
    let sources = (!step.sources.is_empty()).then(|| {
        view! {
            <div class="guide-sources">
                <h4>{t!(i18n, sources)}</h4>
                <ul>{step.sources.iter().map(|s| view! { <li>{s.clone()}</li> }).collect_view()}</ul>
            </div>
        }
    });
    view! {
        <li class="guide-step" data-step=step.id.clone()>
            <h3>{format!("{}. {title}", index + 1)}</h3>
            {text}
            {answers}
            {explanation}
            {notes}
            {sources}
        </li>
    }
}

/// Every answer of a question, with its verdict, feedback and what would follow it.
fn guide_answers(
    i18n: I18n,
    module: &Module,
    path: &[&Step],
    step: &Step,
    decision: bool,
) -> Option<impl IntoView> {
    let answers = facilitation::answers(step);
    (!answers.is_empty()).then(|| {
        let items = answers
            .into_iter()
            .map(|answer| {
                let then = answer
                    .next
                    .map(|next| facilitation::detour(module, path, next))
                    .unwrap_or_default()
                    .into_iter()
                    .map(|s| {
                        let words = detour_text(s);
                        view! {
                            <div class="detour">
                                <p class="detour-label">{t!(i18n, lead.then)} " " <strong>{step_title(i18n, s)}</strong></p>
                                {paragraphs(&words)}
                            </div>
                        }
                    })
                    .collect_view();
                view! {
                    <li class=format!("guide-answer {}", crate::lead::session::verdict_class(answer.verdict))>
                        <p><strong>{answer_label(i18n, &answer)}</strong>" ("{verdict_text(i18n, answer.verdict, decision)}")"</p>
                        {answer.feedback.map(paragraphs)}
                        {then}
                    </li>
                }
            })
            .collect_view();
        view! { <ul class="guide-answers">{items}</ul> }
    })
}
