//! One served region: its chain (in memory, or durable in a store), the findings of the day it
//! is watched on, the rendered answers of that day, and the version of every aggregate. A write
//! goes through the region's lock, so appends to one region are serialised.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex, MutexGuard};

use axum::body::Bytes;
use chrono::{DateTime, NaiveDate, Utc};
use rantai_chain::{AggregateRef, Chain, ChainError, Command, DurableChain, EventStore};
use rantai_core::{ActorId, Finding, PackageId};
use rantai_engine::FindingChange;
use rantai_engine::query::Snapshot;
use tokio::sync::broadcast;

use crate::feed::{Change, ChangeKind};

/// Why a region cannot be served.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    /// The chain was never founded.
    #[error("the chain has no region profile")]
    NoProfile,
    /// The chain holds no dated event, so it has no day to report on.
    #[error("region {0} holds no dated event")]
    NoDate(String),
    /// Two regions with one code.
    #[error("region {0} is served twice")]
    Duplicate(String),
}

enum Backing {
    Memory(Chain),
    Durable(DurableChain<Box<dyn EventStore>>),
}

impl Backing {
    fn chain(&self) -> &Chain {
        match self {
            Backing::Memory(c) => c,
            Backing::Durable(d) => d.chain(),
        }
    }

    fn chain_mut_watch(&mut self, on: NaiveDate) {
        match self {
            Backing::Memory(c) => c.watch(on),
            Backing::Durable(d) => d.watch(on),
        }
    }

    fn take_changes(&mut self) -> Vec<FindingChange> {
        match self {
            Backing::Memory(c) => c.take_changes(),
            Backing::Durable(d) => d.take_changes(),
        }
    }
}

/// Changes a subscriber may fall behind by before it misses some (and is told so).
const FEED_BACKLOG: usize = 1_024;

/// The feed of a region with subscribers: the channel and the packages stuck when last looked.
struct Feed {
    sender: broadcast::Sender<Arc<Change>>,
    stuck: BTreeMap<PackageId, &'static str>,
    /// The last changes sent (at most [`FEED_BACKLOG`]), for a reader that resumes.
    recent: std::collections::VecDeque<Arc<Change>>,
}

/// The most rendered answers a region keeps.
const RENDERED: usize = 4_096;

/// The most past days whose findings a region keeps evaluated.
const PAST_DAYS: usize = 8;

struct Live {
    backing: Backing,
    /// The day answers are for when no `as_of` is asked: the latest day of the data.
    watched: NaiveDate,
    /// Whether the chain's live monitor watches `watched` (started at the first read, so that a
    /// region is evaluated once, for the day it is served on).
    watching: bool,
    /// Every outcome on `watched`, while no write has changed it.
    findings: Option<Arc<Vec<Finding>>>,
    /// Outcomes of past days asked for with `as_of`.
    past: BTreeMap<NaiveDate, Arc<Vec<Finding>>>,
    /// Rendered answers on `watched`, by route and reader.
    rendered: HashMap<String, Bytes>,
    /// Rendered trails on `watched` with their version, by package and reader.
    trails: HashMap<String, (Bytes, u64)>,
    /// The sequences of each aggregate's events, in log order: the last is its version.
    events: HashMap<AggregateRef, Vec<u64>>,
    /// The feed of changes, from the first subscriber on.
    feed: Option<Feed>,
}

/// A region the server answers for.
pub struct Region {
    kd_klpd: String,
    name: String,
    live: Mutex<Live>,
}

/// What a command changed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Appended {
    /// The new event's sequence: the aggregate's new version.
    pub sequence: u64,
    /// Its hash (hex).
    pub hash: String,
    /// Its name.
    pub event: &'static str,
}

/// Why a command was not appended.
pub(crate) enum WriteError {
    /// `If-Match` named another version than the aggregate's current one.
    Stale { current: u64 },
    /// The chain (or its store) refused it.
    Chain(ChainError),
}

impl Region {
    /// Serves `chain` from memory: nothing is written anywhere.
    ///
    /// # Errors
    ///
    /// [`ServeError`] when the chain has no profile or no dated event.
    pub fn in_memory(chain: Chain) -> Result<Region, ServeError> {
        Region::of(Backing::Memory(chain))
    }

    /// Serves a region kept in a store: every accepted command is on disk before it is
    /// acknowledged.
    ///
    /// # Errors
    ///
    /// As [`Region::in_memory`].
    pub fn durable(chain: DurableChain<Box<dyn EventStore>>) -> Result<Region, ServeError> {
        Region::of(Backing::Durable(chain))
    }

    fn of(backing: Backing) -> Result<Region, ServeError> {
        let chain = backing.chain();
        let profile = chain.state().profile().ok_or(ServeError::NoProfile)?.clone();
        let watched = chain
            .known_until()
            .ok_or_else(|| ServeError::NoDate(profile.kd_klpd.clone()))?;
        let mut events: HashMap<AggregateRef, Vec<u64>> = HashMap::new();
        for e in chain.log().entries() {
            events.entry(e.aggregate).or_default().push(e.sequence);
        }
        Ok(Region {
            kd_klpd: profile.kd_klpd,
            name: profile.name,
            live: Mutex::new(Live {
                backing,
                watched,
                watching: false,
                findings: None,
                past: BTreeMap::new(),
                rendered: HashMap::new(),
                trails: HashMap::new(),
                events,
                feed: None,
            }),
        })
    }

    /// Reports on `day` instead of the latest day of the data (the sample region reports on its
    /// observation date).
    pub fn on(self, day: NaiveDate) -> Region {
        let mut live = self
            .live
            .into_inner()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        live.watched = day;
        live.findings = None;
        live.backing.chain_mut_watch(day);
        Region {
            kd_klpd: self.kd_klpd,
            name: self.name,
            live: Mutex::new(live),
        }
    }

    /// The day the region reports on when no `as_of` is asked.
    pub fn day(&self) -> NaiveDate {
        self.lock().watched
    }

    /// Runs `f` over the region's chain (to look up what a key names, say).
    pub fn with_chain<R>(&self, f: impl FnOnce(&Chain) -> R) -> R {
        f(self.lock().backing.chain())
    }

    /// The region's LKPP code.
    pub fn kd_klpd(&self) -> &str {
        &self.kd_klpd
    }

    /// The region's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    fn lock(&self) -> MutexGuard<'_, Live> {
        // A panic while holding the lock leaves a state every write keeps consistent (a refused
        // command changes nothing), so a poisoned lock is still safe to read.
        self.live.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Runs `read` over the chain and a snapshot as of `as_of` (the latest day of the data when
    /// `None`).
    pub(crate) fn read<R>(&self, as_of: Option<NaiveDate>, read: impl FnOnce(&Chain, &Snapshot<'_>) -> R) -> R {
        let mut live = self.lock();
        let day = as_of.unwrap_or(live.watched);
        let findings = live.findings_on(day);
        let chain = live.backing.chain();
        let snapshot = Snapshot::new(chain.state().view(), chain.rulebook(), &findings, day);
        read(chain, &snapshot)
    }

    /// The answer rendered under `key` on the latest day, rendering it once per change of the
    /// region; answers for a past day are rendered each time.
    pub(crate) fn rendered<E>(
        &self,
        key: String,
        as_of: Option<NaiveDate>,
        render: impl FnOnce(&Chain, &Snapshot<'_>) -> Result<Vec<u8>, E>,
    ) -> Result<Bytes, E> {
        if as_of.is_none()
            && let Some(bytes) = self.lock().rendered.get(&key)
        {
            return Ok(bytes.clone());
        }
        let bytes = Bytes::from(self.read(as_of, render)?);
        if as_of.is_none() {
            let mut live = self.lock();
            // Any query string is a key: past the bound, start over rather than grow.
            if live.rendered.len() >= RENDERED {
                live.rendered.clear();
            }
            live.rendered.insert(key, bytes.clone());
        }
        Ok(bytes)
    }

    /// The trail behind `kd_rup` (its package's, or without one, its procurements'), as of
    /// `as_of` (the latest day when `None`), when `visible` lets the reader see the organisation
    /// it belongs to; read through the index of each aggregate's events, rendered as JSON with
    /// its version; on the latest day it is rendered once per change of the region and kept
    /// under `key`.
    pub(crate) fn trail(
        &self,
        key: String,
        as_of: Option<NaiveDate>,
        kd_rup: rantai_core::KodeRup,
        visible: impl FnOnce(Option<rantai_core::OrganisationId>) -> bool,
    ) -> Result<Option<(Bytes, u64)>, String> {
        let mut live = self.lock();
        if as_of.is_none()
            && let Some(hit) = live.trails.get(&key)
        {
            return Ok(Some(hit.clone()));
        }
        let chain = live.backing.chain();
        let events_of = |a: AggregateRef| live.events.get(&a).cloned().unwrap_or_default();
        let Some(trail) = chain
            .trail_of_kd_rup(kd_rup, as_of.unwrap_or(live.watched), Some(&events_of))
            .map_err(|e| e.to_string())?
        else {
            return Ok(None);
        };
        let organisation = trail
            .opd
            .and_then(|code| chain.state().view().organisation_by_code(code));
        if !visible(organisation) {
            return Ok(None);
        }
        let rendered = (
            Bytes::from(serde_json::to_vec(&trail).map_err(|e| e.to_string())?),
            trail.version,
        );
        if as_of.is_none() {
            if live.trails.len() >= RENDERED {
                live.trails.clear();
            }
            live.trails.insert(key, rendered.clone());
        }
        Ok(Some(rendered))
    }

    /// Subscribes to the region's changes from now on: findings that appear or clear and packages
    /// that get stuck or move on, as writes arrive (and as the day of the data moves on).
    pub fn subscribe(&self) -> broadcast::Receiver<Arc<Change>> {
        self.resume(None).1
    }

    /// As [`Region::subscribe`], with the changes already sent after the event `after` (a
    /// reader's `Last-Event-ID`) that the region still holds — the last [`FEED_BACKLOG`] since the
    /// feed began — so that a reader that reconnects misses none of them and sees none twice.
    pub fn resume(&self, after: Option<u64>) -> (Vec<Arc<Change>>, broadcast::Receiver<Arc<Change>>) {
        let mut live = self.lock();
        if let Some(feed) = &live.feed {
            let missed = after.map_or_else(Vec::new, |seq| {
                feed.recent.iter().filter(|c| c.sequence > seq).cloned().collect()
            });
            return (missed, feed.sender.subscribe());
        }
        let day = live.watched;
        // The monitor must watch the day for the chain to report what appears and clears.
        live.findings_on(day);
        live.backing.take_changes();
        let stuck = live.stuck_now().unwrap_or_default();
        let (sender, receiver) = broadcast::channel(FEED_BACKLOG);
        live.feed = Some(Feed {
            sender,
            stuck,
            recent: std::collections::VecDeque::new(),
        });
        (Vec::new(), receiver)
    }

    /// The log's length and head hash.
    pub(crate) fn head(&self) -> (u64, String) {
        let live = self.lock();
        let log = live.backing.chain().log();
        (log.len() as u64, log.head_hash().to_string())
    }

    /// Sends `command` as `actor`; with `if_match`, only when the aggregate it changes is still
    /// at that version. A refused command changes nothing.
    pub(crate) fn execute(
        &self,
        actor: ActorId,
        occurred_at: DateTime<Utc>,
        command: Command,
        if_match: Option<u64>,
    ) -> Result<Appended, WriteError> {
        let mut live = self.lock();
        let target = live
            .backing
            .chain()
            .target_of(actor, &command)
            .map_err(WriteError::Chain)?;
        let current = live.events.get(&target).and_then(|s| s.last()).copied();
        if let Some(expected) = if_match
            && current != Some(expected)
        {
            return Err(WriteError::Stale {
                current: current.unwrap_or(0),
            });
        }
        let envelope = match &mut live.backing {
            Backing::Memory(c) => c.execute(actor, occurred_at, command),
            Backing::Durable(d) => d.execute(actor, occurred_at, command),
        }
        .map_err(WriteError::Chain)?;
        let appended = Appended {
            sequence: envelope.sequence,
            hash: envelope.hash.to_string(),
            event: envelope.payload.name(),
        };
        // A consolidation is written on the new package and withdraws its sources too.
        let withdrawn: Vec<PackageId> = match &envelope.payload {
            rantai_chain::Event::Planning(rantai_planning::PlanningEvent::PackagesConsolidated { from, .. }) => {
                from.clone()
            }
            _ => Vec::new(),
        };
        let (aggregate, day) = (envelope.aggregate, envelope.occurred_at.date_naive());
        live.events.entry(aggregate).or_default().push(appended.sequence);
        live.findings = None;
        live.rendered.clear();
        live.trails.clear();
        live.past.clear();
        let moved = day > live.watched;
        if moved {
            live.watched = day;
            live.watching = false;
        }
        live.publish(
            &self.kd_klpd,
            appended.sequence,
            (!moved).then_some((aggregate, withdrawn)),
        );
        Ok(appended)
    }
}

impl Live {
    /// Sends what the event `sequence` changed to the feed's subscribers (nothing is kept when
    /// there are none: the feed starts at the first subscriber). `touched` is the aggregate the
    /// event changed and the other packages it withdrew; `None` (the day moved on) looks at every
    /// package again.
    fn publish(&mut self, region: &str, sequence: u64, touched: Option<(AggregateRef, Vec<PackageId>)>) {
        if self.feed.as_ref().is_none_or(|f| f.sender.receiver_count() == 0) {
            self.feed = None;
            self.backing.take_changes();
            return;
        }
        if !self.watching {
            // The day moved on: the monitor follows now, so that what the move changed goes out.
            let day = self.watched;
            self.backing.chain_mut_watch(day);
            self.watching = true;
        }
        let found = self.backing.take_changes();
        let touched = touched.and_then(|(aggregate, mut withdrawn)| {
            let mut packages = self.packages_of(aggregate)?;
            packages.append(&mut withdrawn);
            Some(packages)
        });
        let before = self.feed.as_ref().map(|f| f.stuck.clone()).unwrap_or_default();
        // Without the patience in force the positions cannot be told: the stuck list stays as it
        // was rather than report every package as moved on.
        let stuck = match touched {
            Some(packages) => self.stuck_of(&packages).map(|now| {
                let mut stuck = before.clone();
                for (package, why) in now {
                    match why {
                        Some(reason) => stuck.insert(package, reason),
                        None => stuck.remove(&package),
                    };
                }
                stuck
            }),
            None => self.stuck_now(),
        }
        .unwrap_or(before);
        let chain = self.backing.chain();
        let view = chain.state().view().as_of(self.watched);
        let code_of =
            |org: Option<rantai_core::OrganisationId>| org.and_then(|o| view.organisations.get(&o)).map(|o| o.code());
        let mut out = Vec::new();
        for c in found {
            let f = &c.finding;
            let organisation = rantai_engine::organisation_of(&view, f.subject);
            let (rule, severity) = (f.code, f.severity);
            let (title, judul, citation) = (f.text.title.clone(), f.text.judul.clone(), f.text.citation.clone());
            let kind = if c.appeared {
                ChangeKind::FindingAppeared {
                    rule,
                    severity,
                    title,
                    judul,
                    citation,
                }
            } else {
                ChangeKind::FindingCleared {
                    rule,
                    severity,
                    title,
                    judul,
                    citation,
                }
            };
            out.push(Change {
                region: region.to_string(),
                sequence,
                as_of: self.watched,
                kind,
                subject_label: rantai_engine::subject_label(&view, f.subject),
                opd: code_of(organisation),
                action: c
                    .appeared
                    .then(|| chain.rulebook().rule(rule).ok().and_then(|d| d.action.clone()))
                    .flatten(),
                organisation,
            });
        }
        let Some(feed) = self.feed.as_mut() else {
            return;
        };
        let moved = |id: &PackageId, reason: &'static str, now_stuck: bool| {
            let spec = view.packages.get(id).map(|p| p.spec());
            let organisation = spec.map(|s| s.organisation);
            let (reason_text, kd_rup) = (reason.to_string(), spec.and_then(|s| s.kd_rup));
            Change {
                region: region.to_string(),
                sequence,
                as_of: self.watched,
                kind: if now_stuck {
                    ChangeKind::PackageStuck {
                        reason: reason_text,
                        kd_rup,
                    }
                } else {
                    ChangeKind::PackageMovedOn {
                        reason: reason_text,
                        kd_rup,
                    }
                },
                subject_label: rantai_engine::subject_label(&view, rantai_core::Subject::Package(*id)),
                opd: code_of(organisation),
                action: now_stuck
                    .then(|| chain.rulebook().stuck_action(reason).cloned())
                    .flatten(),
                organisation,
            }
        };
        for (id, reason) in &stuck {
            if feed.stuck.get(id) != Some(reason) {
                out.push(moved(id, reason, true));
            }
        }
        for (id, reason) in &feed.stuck {
            if stuck.get(id) != Some(reason) {
                out.push(moved(id, reason, false));
            }
        }
        feed.stuck = stuck;
        for change in out {
            let change = Arc::new(change);
            if feed.recent.len() >= FEED_BACKLOG {
                feed.recent.pop_front();
            }
            feed.recent.push_back(change.clone());
            // A send fails only when every subscriber left; the next write then drops the feed.
            let _ = feed.sender.send(change);
        }
    }

    /// The packages whose position an event of `aggregate` can move: the package itself, a
    /// procurement's packages, a contract's (or its progress's) procurement's packages, none for
    /// budget and payment events; `None` when it cannot be told (a region-wide event).
    fn packages_of(&self, aggregate: AggregateRef) -> Option<Vec<PackageId>> {
        use rantai_chain::AggregateKind as Kind;
        let state = self.backing.chain().state();
        let of_procurement = |id: rantai_core::ProcurementId| match state.procurements().get(&id).map(|p| p.plan()) {
            Some(rantai_procurement::PlanLink::Announced { packages }) => packages.iter().map(|a| a.id()).collect(),
            _ => Vec::new(),
        };
        match aggregate.kind {
            Kind::Package => Some(vec![PackageId::from_uuid(aggregate.id)]),
            Kind::Procurement => Some(of_procurement(rantai_core::ProcurementId::from_uuid(aggregate.id))),
            Kind::Contract | Kind::Progress => Some(
                state
                    .contracts()
                    .get(&rantai_core::ContractId::from_uuid(aggregate.id))
                    .map(|c| of_procurement(c.terms().procurement))
                    .unwrap_or_default(),
            ),
            Kind::DpaLine | Kind::Payment | Kind::Actor | Kind::Program | Kind::Kegiatan | Kind::SubKegiatan => {
                Some(Vec::new())
            }
            Kind::Region | Kind::Organisation => None,
        }
    }

    /// Why each of `packages` is stuck on the watched day (`None` for one that is not); `None`
    /// when the rulebook has no patience in force then.
    fn stuck_of(&self, packages: &[PackageId]) -> Option<Vec<(PackageId, Option<&'static str>)>> {
        let chain = self.backing.chain();
        let view = chain.state().view().as_of(self.watched);
        let patience = rantai_engine::position::Patience::from_rulebook(chain.rulebook(), self.watched).ok()?;
        Some(
            packages
                .iter()
                .map(|p| {
                    let why = rantai_engine::position::position_of(&view, *p, self.watched, patience)
                        .and_then(|at| at.stuck.map(|s| s.reason()));
                    (*p, why)
                })
                .collect(),
        )
    }

    /// The packages stuck on the watched day, with why; `None` when the rulebook has no patience
    /// in force then.
    fn stuck_now(&self) -> Option<BTreeMap<PackageId, &'static str>> {
        let chain = self.backing.chain();
        let view = chain.state().view().as_of(self.watched);
        let patience = rantai_engine::position::Patience::from_rulebook(chain.rulebook(), self.watched).ok()?;
        Some(
            rantai_engine::position::positions(&view, self.watched, patience)
                .into_iter()
                .filter_map(|p| p.stuck.map(|s| (p.package, s.reason())))
                .collect(),
        )
    }

    fn findings_on(&mut self, day: NaiveDate) -> Arc<Vec<Finding>> {
        if day == self.watched {
            if let Some(f) = &self.findings {
                return f.clone();
            }
            if !self.watching {
                self.backing.chain_mut_watch(day);
                self.watching = true;
            }
            let f = Arc::new(self.backing.chain().findings_as_of(day));
            self.findings = Some(f.clone());
            return f;
        }
        if let Some(f) = self.past.get(&day) {
            return f.clone();
        }
        let f = Arc::new(self.backing.chain().findings_as_of(day));
        if self.past.len() >= PAST_DAYS {
            self.past.pop_first();
        }
        self.past.insert(day, f.clone());
        f
    }
}

/// The regions a server answers for, by `kd_klpd`.
#[derive(Default)]
pub struct Regions {
    by_code: BTreeMap<String, Arc<Region>>,
}

impl Regions {
    /// Serves `regions`; the last of two with one code wins (use [`Regions::try_new`] to refuse).
    pub fn new(regions: Vec<Region>) -> Regions {
        Regions {
            by_code: regions.into_iter().map(|r| (r.kd_klpd.clone(), Arc::new(r))).collect(),
        }
    }

    /// Serves `regions`, refusing two with one code.
    ///
    /// # Errors
    ///
    /// [`ServeError::Duplicate`].
    pub fn try_new(regions: Vec<Region>) -> Result<Regions, ServeError> {
        let mut by_code = BTreeMap::new();
        for r in regions {
            let code = r.kd_klpd.clone();
            if by_code.insert(code.clone(), Arc::new(r)).is_some() {
                return Err(ServeError::Duplicate(code));
            }
        }
        Ok(Regions { by_code })
    }

    /// The region with code `kd_klpd`.
    pub fn get(&self, kd_klpd: &str) -> Option<&Arc<Region>> {
        self.by_code.get(kd_klpd)
    }

    /// Every region, in code order.
    pub fn iter(&self) -> impl Iterator<Item = &Arc<Region>> {
        self.by_code.values()
    }
}
