//! A module's ending: the attempt's score, the ending's words, who to tell, and the module's key
//! points.

use leptos::prelude::*;

use crate::components::prose::paragraphs;
use crate::components::reporting::ReportingContacts;
use crate::core::course::Module;
use crate::core::progress::ModuleProgress;
use crate::core::scoring;
use crate::i18n::*;

pub fn ending(
    module: &Module,
    body: &str,
    progress: Memo<Option<ModuleProgress>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let key_points = module.summary_points().to_vec();
    let score = move || progress.with(|mp| mp.as_ref().map(scoring::score));
    view! {
        <p class="score" role="status">
            {move || score().map(|s| t_string!(i18n, score, earned = s.earned, max = s.max, percent = s.percent()).to_string())}
        </p>
        <div class="prose">{paragraphs(body)}</div>
        <ReportingContacts />
        {(!key_points.is_empty()).then(|| view! {
            <h3>{t!(i18n, key_points)}</h3>
            <ul class="key-points">{key_points.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}</ul>
        })}
    }
}
