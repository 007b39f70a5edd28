//! `rantai keys add|list|revoke`: the API keys of a store. A key's secret is shown once, when it
//! is made; the store keeps only its SHA-256.

use chrono::{NaiveDate, SecondsFormat};
use rantai_core::{OrgCode, Role};
use rantai_store::keys::{KeyRecord, add_key, list_keys, revoke_key};

/// What `rantai keys add` was asked for.
pub(crate) struct NewKey<'a> {
    pub(crate) db: &'a str,
    pub(crate) region: &'a str,
    pub(crate) role: &'a str,
    pub(crate) opd: Option<&'a str>,
    pub(crate) label: &'a str,
    pub(crate) expires: Option<NaiveDate>,
    pub(crate) user: Option<&'a str>,
}

pub(crate) fn add(new: &NewKey<'_>) -> Result<(), String> {
    let role: Role = new.role.parse().map_err(|e| format!("--role {}: {e}", new.role))?;
    if let Some(code) = new.opd {
        code.parse::<OrgCode>().map_err(|e| format!("--opd {code}: {e}"))?;
    }
    if new.label.trim().is_empty() {
        return Err("--label must name whose key it is".into());
    }
    let held = rantai_store::regions(new.db).map_err(|e| format!("cannot open {}: {e}", new.db))?;
    if !held.iter().any(|r| r == new.region) {
        return Err(format!(
            "{} holds no region {} (it holds: {})",
            new.db,
            new.region,
            held.join(", ")
        ));
    }
    let (hash, secret) = match new.user {
        // A user's requests carry no secret: the trusted proxy names them. The row's key is the
        // hash of the login, so the same login cannot be granted twice.
        Some(login) => (rantai_http::hash_secret(&format!("user:{login}")), None),
        None => {
            let secret = rantai_http::generate_secret()?;
            (rantai_http::hash_secret(&secret), Some(secret))
        }
    };
    let record = KeyRecord {
        hash,
        region: new.region.to_string(),
        role: role.key().to_string(),
        opd: new.opd.map(str::to_string),
        user: new.user.map(str::to_string),
        label: new.label.to_string(),
        expires: new.expires.map(|d| d.to_string()),
        created_at: rantai_chain::Clock::now(&rantai_chain::SystemClock).to_rfc3339_opts(SecondsFormat::Secs, true),
        revoked_at: None,
    };
    add_key(new.db, &record).map_err(|e| format!("cannot store the key: {e}"))?;
    say!(
        "key {} for {} ({}) in region {}",
        record.id(),
        record.label,
        role.label(),
        record.region
    );
    match secret {
        Some(s) => say!("secret (shown once; send it as Authorization: Bearer …): {s}"),
        None => say!(
            "user {}: served when `rantai serve --trust-proxy-header …` names them",
            record.user.unwrap_or_default()
        ),
    }
    Ok(())
}

pub(crate) fn list(db: &str) -> Result<(), String> {
    let keys = list_keys(db).map_err(|e| format!("cannot read the keys of {db}: {e}"))?;
    let mut table = comfy_table::Table::new();
    table.load_preset(comfy_table::presets::UTF8_FULL_CONDENSED);
    table.set_header([
        "id", "region", "role", "opd", "user", "label", "expires", "created", "revoked",
    ]);
    for k in &keys {
        table.add_row([
            k.id().to_string(),
            k.region.clone(),
            k.role.clone(),
            k.opd.clone().unwrap_or_default(),
            k.user.clone().unwrap_or_default(),
            k.label.clone(),
            k.expires.clone().unwrap_or_default(),
            k.created_at.clone(),
            k.revoked_at.clone().unwrap_or_default(),
        ]);
    }
    say!("{table}");
    Ok(())
}

pub(crate) fn revoke(db: &str, id: &str) -> Result<(), String> {
    let at = rantai_chain::Clock::now(&rantai_chain::SystemClock).to_rfc3339_opts(SecondsFormat::Secs, true);
    if revoke_key(db, id, &at).map_err(|e| format!("cannot revoke: {e}"))? {
        say!("key {id} revoked");
        Ok(())
    } else {
        Err(format!(
            "{db} holds no unrevoked key {id} (ids are the 12 digits `rantai keys list` shows)"
        ))
    }
}
