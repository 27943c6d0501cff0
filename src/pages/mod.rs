pub mod certificate;
pub mod home;
pub mod player;
