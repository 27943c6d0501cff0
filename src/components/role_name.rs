use leptos::prelude::*;

use crate::i18n::*;

/// A role's name in the interface language. Role ids are kebab-case in lessons; the interface
/// keys are snake_case because leptos_i18n makes them Rust identifiers.
pub fn role_name(role: &'static str) -> AnyView {
    let i18n = use_i18n();
    match role {
        "front-desk" => t!(i18n, roles.front_desk).into_any(),
        "housekeeping" => t!(i18n, roles.housekeeping).into_any(),
        "food-and-beverage" => t!(i18n, roles.food_and_beverage).into_any(),
        "security" => t!(i18n, roles.security).into_any(),
        "tour-guide" => t!(i18n, roles.tour_guide).into_any(),
        "travel-agent" => t!(i18n, roles.travel_agent).into_any(),
        "tourism-student" => t!(i18n, roles.tourism_student).into_any(),
        "manager" => t!(i18n, roles.manager).into_any(),
        other => other.into_any(),
    }
}
