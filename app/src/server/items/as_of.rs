//! The moment views are computed for, with the office's settings.

use crate::domain::settings::OfficeSettings;
use crate::server::db::Db;
use crate::server::settings;
use crate::server::ServerError;
use chrono::{DateTime, Utc};

/// The moment lists are computed for, with the office's settings: lateness depends on both.
#[derive(Clone, Debug)]
pub struct AsOf {
    pub now: DateTime<Utc>,
    pub settings: std::sync::Arc<OfficeSettings>,
}

impl AsOf {
    pub fn new(now: DateTime<Utc>, settings: OfficeSettings) -> AsOf {
        AsOf {
            now,
            settings: std::sync::Arc::new(settings),
        }
    }

    /// Now, with the settings in the database.
    pub async fn load(db: &Db, now: DateTime<Utc>) -> Result<AsOf, ServerError> {
        Ok(AsOf::new(now, settings::load(db).await?))
    }

    pub fn zone(&self) -> crate::domain::time::OfficeZone {
        self.settings.zone()
    }

    pub fn today(&self) -> chrono::NaiveDate {
        self.zone().today(self.now)
    }
}
