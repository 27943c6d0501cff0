use leptos::prelude::*;

use crate::components::transfer::export_progress;
use crate::i18n::*;
use crate::state::{Learner, LearnerProfiles, Notice, Notices, ReturnToLms};

/// Notices about saved progress, each with a way to dismiss it.
#[component]
pub fn NoticeList() -> impl IntoView {
    let i18n = use_i18n();
    let notices = expect_context::<Notices>();
    let learner = expect_context::<Learner>();
    let profiles = expect_context::<LearnerProfiles>();
    let return_to = expect_context::<ReturnToLms>().0;
    view! {
        <div class="notices" role="status" aria-live="polite">
            <For
                each=move || notices.0.get()
                key=|notice| notice.clone()
                children=move |notice| {
                    let shown = notice.clone();
                    let text = move || match &shown {
                        Notice::Recovered(key) => t_string!(i18n, notice_recovered, key = key.clone()).to_string(),
                        Notice::InMemory => t_string!(i18n, notice_in_memory).to_string(),
                        Notice::StorageFull => t_string!(i18n, notice_full).to_string(),
                        Notice::ContentChanged => t_string!(i18n, notice_content_changed).to_string(),
                        Notice::Config => t_string!(i18n, config_problems).to_string(),
                        Notice::LmsSessionEnded => t_string!(i18n, notice_lms_session_ended).to_string(),
                    };
                    // The platform's session is over: the way to a new one is back there.
                    let back = (notice == Notice::LmsSessionEnded).then_some(move || {
                        return_to.get().map(|url| view! {
                            <a class="button" href=url target="_top">{t!(i18n, back_to_lms)}</a>
                        })
                    });
                    // When progress cannot be saved here, offer to take it away in a file.
                    let offer_export = matches!(notice, Notice::InMemory | Notice::StorageFull);
                    let dismiss = move |_| notices.0.update(|all| all.retain(|n| *n != notice));
                    view! {
                        <div class="notice">
                            <p>{text}</p>
                            {back}
                            {offer_export.then(|| view! {
                                <button type="button" on:click=move |_| export_progress(learner, profiles)>
                                    {t!(i18n, export)}
                                </button>
                            })}
                            <button type="button" class="secondary" on:click=dismiss>
                                {t!(i18n, dismiss)}
                            </button>
                        </div>
                    }
                }
            />
        </div>
    }
}
