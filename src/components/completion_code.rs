//! The learner's completion code, once their track is complete: the text to read out or type,
//! and a QR code of the class summary's address with the code in its fragment, so that a
//! teacher's phone camera opens the summary with the code already in it. The fragment never
//! reaches a server.

use leptos::prelude::*;

use crate::core::completion::CompletionCode;
use crate::core::course::CourseIndex;
use crate::core::qr::{self, QUIET};
use crate::i18n::*;
use crate::state::{Learner, LearnerProfiles};

/// The learner's local day number (days since 1970-01-01) and minute of the day at `ms`, by
/// the time zone's offset now (a completion on the night of a clock change may be dated a day
/// off, which a class summary can bear).
fn local_time(ms: u64, offset_minutes: f64) -> (u32, u32) {
    let minutes = (ms as f64 / 60_000.0 - offset_minutes).max(0.0) as u64;
    ((minutes / 1440) as u32, (minutes % 1440) as u32)
}

/// The class summary's address, beside this page: `<this folder>/lead/?class#`.
fn summary_address() -> String {
    let (origin, path) = crate::browser::page_address();
    let folder = &path[..path.rfind('/').map_or(0, |i| i + 1)];
    format!("{origin}{folder}lead/?class#")
}

#[component]
pub fn CompletionCodeView(index: CourseIndex) -> impl IntoView {
    let i18n = use_i18n();
    let learner = expect_context::<Learner>();
    let profiles = expect_context::<LearnerProfiles>();
    move || {
        let name = profiles.0.with(|p| p.active().name.clone());
        let offset = js_sys::Date::new_0().get_timezone_offset();
        let now = local_time(crate::browser::now(), offset);
        let code = learner.0.with(|p| {
            CompletionCode::of_progress(&index, p, &name, now, |ms| local_time(ms, offset).0)
        })?;
        let compact = code.encode_compact();
        let symbol = qr::encode(&format!("{}{compact}", summary_address()))?;
        let side = symbol.size + 2 * QUIET;
        // Markup of numbers only, made here: as one inner HTML it costs the learner's download
        // far less than an SVG element tree would.
        let svg = format!(
            "<svg viewBox=\"0 0 {side} {side}\" aria-hidden=\"true\"><path d=\"{}\"/></svg>",
            symbol.path
        );
        // Plain strings, not reactive text: this whole view is made again when the language
        // changes (it reads the locale), and each reactive text costs the learner's download.
        Some(view! {
            <section class="completion" aria-labelledby="completion-heading">
                <h3 id="completion-heading">{t_string!(i18n, completion_heading)}</h3>
                <p>{t_string!(i18n, completion_intro)}</p>
                <p class="completion-name">{code.name.clone()}</p>
                <div class="qr" role="img" aria-label=t_string!(i18n, completion_qr) inner_html=svg></div>
                <p class="completion-code"><code>{code.encode()}</code></p>
                <p class="note">{t_string!(i18n, completion_not_identity)}</p>
            </section>
        })
    }
}
