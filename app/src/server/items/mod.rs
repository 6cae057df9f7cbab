//! The workflow service: every move of an item, checked by the state machine and written
//! together with its audit event in one transaction, with optimistic concurrency.
//!
//! By idea: `row` (the stored item and what access and the clock need of it), `conflict`
//! (optimistic concurrency), `create` (step 1), `moves` (steps 2 to 9: plan, then one transaction),
//! `draft` (saving the working draft), `links` (step 9's links, channel by channel), `media` (photos and documents on the material), `channel_texts` (the material's text per channel), `detail` (the item page), `seen` (its read receipt), `lists` (task lists, dashboards),
//! `as_of` (the moment and settings views are computed for).

mod as_of;
pub mod channel_texts;
mod conflict;
mod create;
mod detail;
mod draft;
mod links;
mod lists;
pub mod media;
mod moves;
mod row;
mod seen;

use conflict::*;
use draft::may_edit_draft;
use row::*;

pub use as_of::AsOf;
pub use channel_texts::{channel_texts, check_channel_text, save_channel_text};
pub use conflict::retried_so_far;
pub use create::create_disposition;
pub use detail::{detail, events};
pub use draft::save_draft;
pub use links::{post_content, publish_when_linked, record_link, steer_publication, PostContent};
pub use lists::{
    all_items, changed_since, counts_by_state, my_tasks, open_for_cancelling, open_items, people, OpenItem,
};
pub use moves::{order_publication_at, perform, Moved};
pub use row::{agenda_no, visible_to};
pub use seen::seen;
