pub mod home;
pub mod player;
