//! Webhooks: a region points its own mail or WhatsApp gateway at the feed of changes. Each
//! change that passes the hook's filter is POSTed as JSON to the hook's `http://` URL with
//! `X-Rantai-Event` (the change's name) and `X-Rantai-Signature` (`sha256=` and the HMAC-SHA256
//! of the body under the hook's secret), tried three times before it is given up and reported.
//!
//! Hooks are read from TOML (`rantai serve --webhooks FILE`):
//!
//! ```
//! let hooks = rantai_http::Webhook::from_toml(r#"
//! [[webhook]]
//! region = "D999"
//! url = "http://127.0.0.1:9000/rantai"
//! secret = "a long random secret shared with the gateway"
//! severity = "error"
//! "#)?;
//! assert_eq!(hooks[0].severity, Some(rantai_core::Severity::Error));
//! # Ok::<(), rantai_http::WebhookError>(())
//! ```

use std::sync::Arc;
use std::time::Duration;

use axum::body::Bytes;
use axum::http::{Request, Uri, header};
use rantai_core::{OrgCode, RuleId, Severity};
use tokio::sync::broadcast::error::RecvError;

use crate::Server;
use crate::feed::{Change, FeedFilter, sign};

/// One webhook.
#[derive(Clone, Debug, PartialEq, Eq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Webhook {
    /// The region whose changes it receives (`kd_klpd`).
    pub region: String,
    /// Where they are POSTed: `http://host:port/path` (a gateway on the region's own network;
    /// put a local relay in front of an `https` one).
    pub url: String,
    /// The secret the signature is made with, shared with the receiver.
    pub secret: String,
    /// Only findings of this rule.
    pub rule: Option<RuleId>,
    /// Only findings of this severity.
    pub severity: Option<Severity>,
    /// Only changes about this OPD (`kd_satker_str`).
    pub opd: Option<OrgCode>,
    /// Whether findings go to this hook, or only stuck packages (default: findings too; the
    /// region decides who receives them).
    #[serde(default = "yes")]
    pub findings: bool,
}

fn yes() -> bool {
    true
}

/// Why webhooks cannot be set up.
#[derive(Debug, thiserror::Error)]
pub enum WebhookError {
    /// The TOML does not parse.
    #[error("webhooks: {0}")]
    Parse(String),
    /// A hook names a region the server does not serve.
    #[error("webhook {index}: region {region} is not served")]
    UnknownRegion {
        /// The hook's place in the file, from 1.
        index: usize,
        /// The region it names.
        region: String,
    },
    /// A hook's URL is not `http://host:port/…`.
    #[error("webhook {index}: url {url:?}: {problem}")]
    BadUrl {
        /// The hook's place in the file, from 1.
        index: usize,
        /// The URL.
        url: String,
        /// What is wrong with it.
        problem: &'static str,
    },
    /// A hook's secret is too short to sign with.
    #[error("webhook {index}: the secret needs at least 16 characters")]
    ShortSecret {
        /// The hook's place in the file, from 1.
        index: usize,
    },
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    webhook: Vec<Webhook>,
}

impl Webhook {
    /// The hooks of a TOML file (`[[webhook]]` tables).
    ///
    /// # Errors
    ///
    /// [`WebhookError::Parse`] naming the line and field at fault.
    pub fn from_toml(text: &str) -> Result<Vec<Webhook>, WebhookError> {
        toml::from_str::<File>(text)
            .map(|f| f.webhook)
            .map_err(|e| WebhookError::Parse(e.to_string()))
    }

    fn filter(&self) -> FeedFilter {
        FeedFilter {
            rule: self.rule,
            severity: self.severity,
            opd: self.opd,
        }
    }
}

/// Where a hook delivers: the address to connect to and the request's target.
struct Target {
    authority: String,
    path: String,
}

fn target(index: usize, url: &str) -> Result<Target, WebhookError> {
    let bad = |problem| WebhookError::BadUrl {
        index,
        url: url.to_string(),
        problem,
    };
    let uri: Uri = url.parse().map_err(|_| bad("not a URL"))?;
    if uri.scheme_str() != Some("http") {
        return Err(bad("only http:// is delivered (put a local relay in front of https)"));
    }
    let authority = uri.authority().ok_or_else(|| bad("no host"))?;
    let port = authority.port_u16().unwrap_or(80);
    Ok(Target {
        authority: format!("{}:{port}", authority.host()),
        path: uri.path_and_query().map_or("/".to_string(), |p| p.as_str().to_string()),
    })
}

/// Starts delivering to `hooks` (call it inside the server's Tokio runtime). Each hook follows
/// its region's feed from now on; a delivery that fails three times is reported on standard
/// error with the hook's place and host, and the next change is tried.
///
/// # Errors
///
/// [`WebhookError`] for a hook that names an unknown region, a URL that is not `http://`, or a
/// short secret; then no hook is started.
pub fn start_webhooks(server: &Server, hooks: Vec<Webhook>) -> Result<(), WebhookError> {
    let mut ready = Vec::new();
    for (i, hook) in hooks.into_iter().enumerate() {
        let index = i + 1;
        let region = server
            .regions
            .get(&hook.region)
            .cloned()
            .ok_or_else(|| WebhookError::UnknownRegion {
                index,
                region: hook.region.clone(),
            })?;
        if hook.secret.chars().count() < 16 {
            return Err(WebhookError::ShortSecret { index });
        }
        let to = target(index, &hook.url)?;
        ready.push((index, region, hook, to));
    }
    for (index, region, hook, to) in ready {
        let mut changes = region.subscribe();
        let filter = hook.filter();
        let secret: Arc<[u8]> = hook.secret.as_bytes().into();
        tokio::spawn(async move {
            loop {
                let change = match changes.recv().await {
                    Ok(c) => c,
                    Err(RecvError::Lagged(n)) => {
                        eprintln!(
                            "webhook {index} ({}): fell behind, {n} changes not delivered",
                            to.authority
                        );
                        continue;
                    }
                    Err(RecvError::Closed) => return,
                };
                if (!hook.findings && change.is_finding()) || !filter.passes(&change) {
                    continue;
                }
                if let Err(e) = deliver(&to, &secret, &change).await {
                    eprintln!(
                        "webhook {index} ({}): {} not delivered: {e}",
                        to.authority,
                        change.event_name()
                    );
                }
            }
        });
    }
    Ok(())
}

/// POSTs one change, up to three times (waiting 1 s, then 2 s).
async fn deliver(to: &Target, secret: &[u8], change: &Change) -> Result<(), String> {
    let body = serde_json::to_vec(change).map_err(|e| e.to_string())?;
    let signature = sign(secret, &body);
    let mut last = String::new();
    for attempt in 0..3u64 {
        if attempt > 0 {
            tokio::time::sleep(Duration::from_secs(attempt)).await;
        }
        match tokio::time::timeout(
            Duration::from_secs(10),
            post(to, &body, &signature, change.event_name()),
        )
        .await
        {
            Ok(Ok(())) => return Ok(()),
            Ok(Err(e)) => last = e,
            Err(_) => last = "no answer in 10 s".into(),
        }
    }
    Err(last)
}

async fn post(to: &Target, body: &[u8], signature: &str, event: &str) -> Result<(), String> {
    let stream = tokio::net::TcpStream::connect(&to.authority)
        .await
        .map_err(|e| e.to_string())?;
    let (mut sender, connection) = hyper::client::conn::http1::handshake(hyper_util::rt::TokioIo::new(stream))
        .await
        .map_err(|e| e.to_string())?;
    tokio::spawn(connection);
    let request = Request::post(to.path.as_str())
        .header(header::HOST, to.authority.as_str())
        .header(header::CONTENT_TYPE, "application/json")
        .header("X-Rantai-Event", event)
        .header("X-Rantai-Signature", signature)
        .body(http_body_util::Full::new(Bytes::copy_from_slice(body)))
        .map_err(|e| e.to_string())?;
    let response = sender.send_request(request).await.map_err(|e| e.to_string())?;
    if response.status().is_success() {
        Ok(())
    } else {
        Err(format!("the receiver answered {}", response.status()))
    }
}
