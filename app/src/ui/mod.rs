//! Pages and components. Texts come from `crate::text`.

pub mod admin;
pub mod app;
pub mod channel_texts;
pub mod channels;
pub mod compare;
pub mod components;
pub mod device;
pub mod editor;
pub mod island;
pub mod item;
pub mod item_parts;
pub mod lists;
pub mod live;
pub mod login;
pub mod new_disposition;
pub mod notices;
pub mod password;
pub mod print;
pub mod publish;
pub mod regions;
pub mod register;
pub mod reports;
pub mod rich_editor;
pub mod settings;
pub mod sop_sheet;
