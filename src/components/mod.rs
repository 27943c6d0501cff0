pub mod learners;
pub mod links;
pub mod notices;
pub mod reporting;
pub mod role_name;
pub mod step_view;
pub mod top_bar;
pub mod transfer;
