use leptos::prelude::*;

use crate::i18n::*;

/// A role's name in the interface language. Role ids are kebab-case in lessons; the interface
/// keys are snake_case because leptos_i18n makes them Rust identifiers.
pub fn role_label(i18n: I18n, role: &str) -> String {
    match role {
        "front-desk" => t_string!(i18n, roles.front_desk).to_string(),
        "housekeeping" => t_string!(i18n, roles.housekeeping).to_string(),
        "food-and-beverage" => t_string!(i18n, roles.food_and_beverage).to_string(),
        "security" => t_string!(i18n, roles.security).to_string(),
        "tour-guide" => t_string!(i18n, roles.tour_guide).to_string(),
        "travel-agent" => t_string!(i18n, roles.travel_agent).to_string(),
        "tourism-student" => t_string!(i18n, roles.tourism_student).to_string(),
        "manager" => t_string!(i18n, roles.manager).to_string(),
        other => other.to_string(),
    }
}

/// The same, as a view that follows the interface language.
pub fn role_name(role: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    move || role_label(i18n, role)
}
