//! The feedback on an answer: the verdict, the step's words for that answer, and its points. A
//! decision's verdict is best, partial or poor; a quiz's is correct or incorrect.

use std::sync::Arc;

use leptos::prelude::*;

use crate::components::prose::paragraphs;
use crate::core::course::{Step, StepKind};
use crate::core::engine;
use crate::core::progress::Answer;
use crate::core::scoring::Verdict;
use crate::i18n::*;

/// The feedback on `answer` once there is one (nothing before).
pub fn feedback(step: Arc<Step>, answer: Memo<Option<Answer>>) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        answer.get().and_then(|answer| {
            let feedback = engine::feedback(&step, &answer)?;
            let is_decision = matches!(step.kind, StepKind::Decision { .. });
            let verdict = match (feedback.verdict, is_decision) {
                (Verdict::Best, true) => t_string!(i18n, verdict_best).to_string(),
                (Verdict::Partial, _) => t_string!(i18n, verdict_partial).to_string(),
                (Verdict::Poor, true) => t_string!(i18n, verdict_poor).to_string(),
                (Verdict::Best, false) => t_string!(i18n, verdict_correct).to_string(),
                (Verdict::Poor, false) => t_string!(i18n, verdict_incorrect).to_string(),
            };
            let class = match feedback.verdict {
                Verdict::Best => "feedback best",
                Verdict::Partial => "feedback partial",
                Verdict::Poor => "feedback poor",
            };
            let text = feedback.text.to_string();
            Some(view! {
                <div class=class>
                    <h3>{verdict}</h3>
                    {paragraphs(&text)}
                    <p class="points">{t!(i18n, points, earned = feedback.points, max = feedback.max)}</p>
                </div>
            })
        })
    }
}
