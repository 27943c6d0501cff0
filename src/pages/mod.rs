pub mod certificate;
pub mod check;
pub mod home;
pub mod player;
