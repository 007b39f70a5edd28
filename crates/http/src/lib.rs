//! The server induk's HTTP/JSON API over axum: [`router`] serves the query boundary
//! (`rantai_engine::query`) of one or more regions, takes commands, and limits every reader to
//! what their role and scope may see. A host system nests the router; `rantai serve` runs it.
//!
//! ```
//! use rantai_http::{Regions, Server, router};
//!
//! # fn run(chain: rantai_chain::Chain) -> Result<(), rantai_http::ServeError> {
//! // One in-memory region; no keys yet, so only the public view is served.
//! let regions = Regions::new(vec![rantai_http::Region::in_memory(chain)?]);
//! let app: axum::Router = router(Server::new(regions, rantai_http::Keys::default()));
//! # let _ = app; Ok(()) }
//! ```
//!
//! Every route is under `/api/v1`; `GET /api/v1/openapi.json` describes them (OpenAPI 3.1, with
//! the same JSON Schemas as `docs/schema/`). Errors have one shape,
//! `{"error": {"code", "message", "field"?, "rule"?, "values"?, "citation"?}}`, in the language
//! of `Accept-Language` (`id` or `en`).
#![deny(missing_docs)]

mod access;
mod error;
mod feed;
mod openapi;
mod params;
mod region;
mod routes;
mod webhook;

use std::sync::Arc;

pub use access::{AccessEntry, AccessLog, ApiKey, Keys, Viewer, generate_secret, hash_secret};
pub use error::{ApiError, Lang};
pub use feed::{Change, ChangeKind, FeedFilter, sign};
pub use openapi::{Accepted, ErrorBody, ErrorDetail, LogHead, RegionEntry, openapi};
pub use region::{Appended, Region, Regions, ServeError};
pub use routes::{BODY_LIMIT, REQUEST_TIMEOUT, router};
pub use webhook::{Webhook, WebhookError, start_webhooks};

/// What the router serves: the regions and the keys that open them.
#[derive(Clone)]
pub struct Server {
    pub(crate) regions: Arc<Regions>,
    pub(crate) keys: Arc<Keys>,
    pub(crate) access: Arc<AccessLog>,
    pub(crate) clock: Arc<dyn rantai_chain::Clock>,
}

impl Server {
    /// A server of `regions` that admits `keys`, reading the system clock for key expiry and
    /// the access log.
    pub fn new(regions: Regions, keys: Keys) -> Server {
        Server::with_clock(regions, keys, Arc::new(rantai_chain::SystemClock))
    }

    /// As [`Server::new`], with the clock given (a test's fixed day, say).
    pub fn with_clock(regions: Regions, keys: Keys, clock: Arc<dyn rantai_chain::Clock>) -> Server {
        Server {
            regions: Arc::new(regions),
            keys: Arc::new(keys),
            access: Arc::new(AccessLog::default()),
            clock,
        }
    }

    /// The reads of findings and trails by key holders so far.
    pub fn access_log(&self) -> &AccessLog {
        &self.access
    }

    /// The regions it serves.
    pub fn regions(&self) -> &Regions {
        &self.regions
    }

    /// The keys it admits (to [`Keys::replace`] them while it runs).
    pub fn keys(&self) -> &Keys {
        &self.keys
    }
}
