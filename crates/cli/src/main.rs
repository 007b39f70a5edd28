//! The `rantai` command: runs the embedded sample region and prints its per-OPD summary and
//! findings, or prints the standard rulebook for a region to edit.

/// `println!` that ends quietly when standard output is a closed pipe (`rantai bench | head`).
macro_rules! say {
    ($($arg:tt)*) => {{
        let _ = $crate::emit(&format!("{}\n", format_args!($($arg)*)));
    }};
}

mod demo;
mod generate_cmd;
mod import_cmd;
mod keys_cmd;
mod lang;
mod render;
mod report_cmd;
mod serve_cmd;
mod store_cmd;

use std::path::PathBuf;
use std::process::ExitCode;

/// mimalloc: the chain's many small allocations (events, envelopes, findings) are about a fifth
/// faster to build and analyse, and several times faster to free, than with the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use chrono::NaiveDate;
use clap::{Parser, Subcommand};
use rantai_core::Rulebook;
use report_cmd::{CsvTable, Format};

/// Plan → tender → budget → monitoring for Indonesia's regional governments, as one typed,
/// auditable chain that flags every discrepancy (ketimpangan) with its evidence and regulation.
#[derive(Parser, Debug)]
#[command(name = "rantai", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Cmd,
}

#[derive(Subcommand, Debug)]
enum Cmd {
    /// Build the embedded sample region (Kabupaten Sukamaju, fiscal year 2025: 4 OPDs, 32 RUP
    /// packages, through both live commands and recorded facts) and print the per-OPD summary
    /// (packages, pagu, contracted, paid, physical progress, findings) and every finding with its
    /// evidence and citation. Output is byte-identical on every run.
    Demo {
        /// Output format: an aligned table for people, one JSON object with `summary` and
        /// `findings` for programs, or CSV (one row per finding) for spreadsheets.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
        /// Language of the tables and finding titles: Bahasa Indonesia (default) or English. JSON
        /// keys stay English and carry both `title` and `judul`.
        #[arg(long, value_enum, default_value_t = lang::Lang::Id)]
        lang: lang::Lang,
        /// A rulebook overlay (TOML, or JSON when the file ends in .json) a region uses to change
        /// enforcement, severity or thresholds of standard rules.
        #[arg(long, value_name = "FILE")]
        rulebook: Option<PathBuf>,
        /// Where the region's event log lives: a SQLite file (created if missing), `:memory:`, or
        /// `postgres://user@host/db`. A store that already holds the sample region is opened,
        /// verified and replayed instead of rebuilt.
        #[arg(long, value_name = "PATH|URL", default_value = "rantai.db")]
        db: String,
    },
    /// Import a region's published data into a store as recorded facts with their provenance,
    /// and print what happened to every row (imported, set aside with its reason, or refused
    /// with its dataset, record, field and reason).
    Import {
        #[command(subcommand)]
        source: ImportSource,
    },
    /// Print the report of a region kept in a store: the region summary, the per-OPD view
    /// (packages, procurements, contracts, paid, physical progress, findings) and every finding
    /// with its evidence and regulation.
    Report {
        /// The store: a SQLite file or `postgres://…`.
        #[arg(long, value_name = "PATH|URL", default_value = "rantai.db")]
        db: String,
        /// The region (`kd_klpd`), when the store holds several.
        #[arg(long)]
        region: Option<String>,
        /// The observation date (YYYY-MM-DD); default: the latest date the data knows.
        #[arg(long, value_name = "DATE")]
        as_of: Option<NaiveDate>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
        /// Which table `--format csv` prints.
        #[arg(long, value_enum, default_value_t = CsvTable::Findings)]
        table: CsvTable,
        /// Language of the tables and finding titles.
        #[arg(long, value_enum, default_value_t = lang::Lang::Id)]
        lang: lang::Lang,
        /// A rulebook overlay (TOML, or JSON when the file ends in .json).
        #[arg(long, value_name = "FILE")]
        rulebook: Option<PathBuf>,
    },
    /// Verify the hash chain of every region in a store (or one) and report the result; exits
    /// with status 2 when any region's history was edited or the store is missing.
    Verify {
        /// The store: a SQLite file or `postgres://…`.
        #[arg(long, value_name = "PATH|URL", default_value = "rantai.db")]
        db: String,
        /// Only this region (its `kd_klpd`).
        #[arg(long)]
        region: Option<String>,
        /// Fail (status 2) unless the head hash is this one — the hash kept elsewhere at the last
        /// check, which catches a cut-off tail or a re-hashed history the store cannot see by
        /// itself. Needs `--region` when the store holds several.
        #[arg(long, value_name = "HASH")]
        expect_head: Option<String>,
    },
    /// Run the benchmarks — the chain and its stores, the engine, budget execution, the bid
    /// rules, real LKPP data, a generated province-year and a generated national year — and
    /// print one table of figure, target, measured and ratio. Run it on a release build; the
    /// national year takes a few minutes.
    Bench {
        /// Copies of the 32 sample packages to generate (about 20 events each).
        #[arg(long, default_value_t = 5_000)]
        copies: usize,
        /// Events per append batch.
        #[arg(long, default_value_t = 5_000)]
        batch: usize,
        /// PostgreSQL to measure too (skipped when unreachable).
        #[arg(
            long,
            value_name = "URL",
            default_value = "host=127.0.0.1 port=5432 user=postgres dbname=test"
        )]
        pg: String,
        /// An LKPP ISB dump to import and report on (skipped when missing).
        #[arg(long, value_name = "DIR", default_value = "../shared/id-data/isb-kab-bandung-2025")]
        isb: PathBuf,
        /// Regions of the national year (552: Indonesia's 38 provinces and 514 kabupaten and kota).
        #[arg(long, default_value_t = 552)]
        regions: usize,
        /// Run only this part.
        #[arg(long, value_enum)]
        only: Option<rantai_bench::Part>,
    },
    /// Generate a synthetic region (seeded; distributions of real LKPP data; one package in ten
    /// given a labelled anomaly) and write it as LKPP ISB files, with `labels.csv`: every finding
    /// its anomalies must produce, keyed by kd_rup, kd_tender and kd_satker_str.
    Generate {
        /// Directory to write the files into (created if missing).
        dir: PathBuf,
        /// The seed: the same seed writes the same bytes.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// RUP packages to generate.
        #[arg(long, default_value_t = 5_000)]
        packages: usize,
        /// A province rather than a kabupaten.
        #[arg(long)]
        province: bool,
        /// Percent of packages given an anomaly (0–100).
        #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u32).range(0..=100))]
        anomalies: u32,
    },
    /// Serve the HTTP/JSON API (the server induk): region report, OPD ranking, one OPD, package
    /// trails, findings, coverage, the log's head and commands, under /api/v1. With no --db it
    /// serves the embedded sample region from memory, writes no file, and prints a Kepala Daerah
    /// key for the run.
    Serve {
        /// The store to serve: a SQLite file or `postgres://…`; every region it holds is served.
        #[arg(long, value_name = "PATH|URL")]
        db: Option<String>,
        /// Where to listen.
        #[arg(long, default_value = "127.0.0.1:8080")]
        listen: String,
        /// Serve only this region (repeatable).
        #[arg(long)]
        region: Vec<String>,
        /// Take the user from this header (e.g. X-Remote-User) when the request comes from a
        /// reverse proxy on loopback; users get their grants from `rantai keys add --user`.
        #[arg(long, value_name = "HEADER")]
        trust_proxy_header: Option<String>,
        /// A rulebook overlay (TOML, or JSON when the file ends in .json).
        #[arg(long, value_name = "FILE")]
        rulebook: Option<PathBuf>,
        /// Deliver the feed of changes to the webhooks of this TOML file (`[[webhook]]` with
        /// region, url, secret, and optional rule, severity, opd, findings).
        #[arg(long, value_name = "FILE")]
        webhooks: Option<PathBuf>,
    },
    /// Manage the API keys of a store: add (the secret is shown once), list, revoke.
    Keys {
        #[command(subcommand)]
        action: KeysAction,
    },
    /// Print the standard rulebook (every rule with its severity, enforcement, citation and
    /// dated parameters) as TOML, to copy and edit into an overlay.
    Rulebook,
}

/// What `rantai keys` does.
#[derive(Subcommand, Debug)]
enum KeysAction {
    /// Make a key for one region and role (limited to one OPD with --opd), or grant a login
    /// named by a trusted reverse proxy (--user).
    Add {
        /// The store.
        #[arg(long, value_name = "PATH|URL", default_value = "rantai.db")]
        db: String,
        /// The region (`kd_klpd`) the key opens.
        #[arg(long)]
        region: String,
        /// The role: kepala_daerah, bappeda and apip read the whole region; pa (the Kepala OPD)
        /// and the other roles with --opd read one OPD.
        #[arg(long)]
        role: String,
        /// The OPD (`kd_satker_str`) the key is limited to.
        #[arg(long, value_name = "KD_SATKER_STR")]
        opd: Option<String>,
        /// Whose key it is: an office or a pseudonym, never a NIP.
        #[arg(long)]
        label: String,
        /// The last day the key is valid (YYYY-MM-DD).
        #[arg(long, value_name = "DATE")]
        expires: Option<NaiveDate>,
        /// Grant a login a reverse proxy names instead of making a secret.
        #[arg(long, value_name = "LOGIN")]
        user: Option<String>,
    },
    /// List the keys (ids, grants, labels, expiry and revocation; never a secret).
    List {
        /// The store.
        #[arg(long, value_name = "PATH|URL", default_value = "rantai.db")]
        db: String,
    },
    /// Revoke a key by the id `keys list` shows.
    Revoke {
        /// The store.
        #[arg(long, value_name = "PATH|URL", default_value = "rantai.db")]
        db: String,
        /// The key's id.
        id: String,
    },
}

/// What `rantai import` reads.
#[derive(Subcommand, Debug)]
enum ImportSource {
    /// LKPP ISB datasets of one region and year: a directory of `NN_<id>_<Dataset>.json` files
    /// (whichever subset is present), e.g. `../shared/id-data/isb-kab-bandung-2025`.
    Lkpp {
        /// The directory.
        dir: PathBuf,
        /// Where to store the region: a SQLite file (created if missing) or `postgres://…`.
        #[arg(long, value_name = "PATH|URL", default_value = "rantai.db")]
        db: String,
        /// A rulebook overlay (TOML, or JSON when the file ends in .json).
        #[arg(long, value_name = "FILE")]
        rulebook: Option<PathBuf>,
    },
    /// Providers' owners and controllers (for the conflict-of-interest rules H-10 and H-11) from
    /// a CSV file with the columns `kd_penyedia,holder_kind,holder,tie,share_percent,declared_on`,
    /// recorded into a region already in the store.
    Ownership {
        /// The CSV file.
        file: PathBuf,
        /// The store holding the region: a SQLite file or `postgres://…`.
        #[arg(long, value_name = "PATH|URL", default_value = "rantai.db")]
        db: String,
        /// The region (`kd_klpd`), when the store holds several.
        #[arg(long)]
        region: Option<String>,
        /// A rulebook overlay (TOML, or JSON when the file ends in .json) for the H-10/H-11
        /// counts printed after the import.
        #[arg(long, value_name = "FILE")]
        rulebook: Option<PathBuf>,
    },
}

/// Writes to standard output; a closed pipe (`rantai report | head`) ends the output quietly.
pub(crate) fn emit(text: &str) -> Result<(), String> {
    use std::io::Write;
    let text = without_passwords(text);
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(format!("cannot write the output: {e}")),
        _ => Ok(()),
    }
}

fn load_rulebook(path: Option<&PathBuf>) -> Result<Rulebook, String> {
    let standard = Rulebook::standard();
    let Some(path) = path else {
        return Ok(standard.clone());
    };
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read rulebook {}: {e}", path.display()))?;
    let overlay = if path.extension().is_some_and(|e| e == "json") {
        standard.overlay_json(&text)
    } else {
        standard.overlay_toml(&text)
    };
    overlay.map_err(|e| format!("rulebook {}: {e}", path.display()))
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Cmd::Demo {
            format,
            rulebook,
            db,
            lang,
        } => load_rulebook(rulebook.as_ref()).and_then(|book| demo::run(book, &db, format, lang)),
        Cmd::Import {
            source: ImportSource::Lkpp { dir, db, rulebook },
        } => load_rulebook(rulebook.as_ref()).and_then(|book| import_cmd::run(&dir, &db, book)),
        Cmd::Import {
            source:
                ImportSource::Ownership {
                    file,
                    db,
                    region,
                    rulebook,
                },
        } => load_rulebook(rulebook.as_ref())
            .and_then(|book| import_cmd::run_ownership(&file, &db, region.as_deref(), book)),
        Cmd::Report {
            db,
            region,
            as_of,
            format,
            table,
            lang,
            rulebook,
        } => load_rulebook(rulebook.as_ref())
            .and_then(|book| report_cmd::run(&db, region.as_deref(), as_of, format, table, lang, book)),
        Cmd::Verify {
            db,
            region,
            expect_head,
        } => store_cmd::verify(&db, region.as_deref(), expect_head.as_deref()),
        Cmd::Bench {
            copies,
            batch,
            pg,
            isb,
            regions,
            only,
        } => rantai_bench::run(&rantai_bench::Options {
            copies,
            batch,
            pg: &pg,
            isb: &isb,
            regions,
            only,
            report: |chain, as_of| {
                report_cmd::text(
                    chain,
                    as_of,
                    report_cmd::Format::Table,
                    report_cmd::CsvTable::Findings,
                    lang::Lang::Id,
                )
            },
        }),
        Cmd::Generate {
            dir,
            seed,
            packages,
            province,
            anomalies,
        } => generate_cmd::run(&dir, seed, packages, province, anomalies),
        Cmd::Serve {
            db,
            listen,
            region,
            trust_proxy_header,
            rulebook,
            webhooks,
        } => load_rulebook(rulebook.as_ref()).and_then(|book| {
            serve_cmd::run(serve_cmd::ServeArgs {
                db: db.as_deref(),
                listen: &listen,
                regions: &region,
                trust_proxy_header: trust_proxy_header.as_deref(),
                rulebook: book,
                webhooks: webhooks.as_deref(),
            })
        }),
        Cmd::Keys { action } => match action {
            KeysAction::Add {
                db,
                region,
                role,
                opd,
                label,
                expires,
                user,
            } => keys_cmd::add(&keys_cmd::NewKey {
                db: &db,
                region: &region,
                role: &role,
                opd: opd.as_deref(),
                label: &label,
                expires,
                user: user.as_deref(),
            }),
            KeysAction::List { db } => keys_cmd::list(&db),
            KeysAction::Revoke { db, id } => keys_cmd::revoke(&db, &id),
        },
        Cmd::Rulebook => {
            print!("{}", Rulebook::standard_toml());
            Ok(())
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {}", without_passwords(&message));
            ExitCode::from(2)
        }
    }
}

/// `text` with the password of every URL in it (`postgres://user:password@host/db`) written as
/// `***`: a store's URL is echoed in messages, its password never is.
fn without_passwords(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains("://") {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("://") {
        let (before, after) = rest.split_at(at + 3);
        out.push_str(before);
        // The authority ends at the first '/', whitespace or quote; a password is between the
        // first ':' and the last '@' inside it.
        let end = after
            .find(|c: char| c == '/' || c.is_whitespace() || c == '"' || c == '\'')
            .unwrap_or(after.len());
        let authority = &after[..end];
        match (authority.find(':'), authority.rfind('@')) {
            (Some(colon), Some(amp)) if colon < amp => {
                out.push_str(&authority[..=colon]);
                out.push_str("***");
                out.push_str(&authority[amp..]);
            }
            _ => out.push_str(authority),
        }
        rest = &after[end..];
    }
    out.push_str(rest);
    std::borrow::Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::without_passwords;

    #[test]
    fn a_store_url_is_shown_without_its_password() {
        assert_eq!(
            without_passwords("cannot open postgres://rantai:s3cr3t@10.0.0.5:5432/pemda: refused"),
            "cannot open postgres://rantai:***@10.0.0.5:5432/pemda: refused"
        );
        assert_eq!(
            without_passwords("postgres://rantai@localhost/db and http://x/y"),
            "postgres://rantai@localhost/db and http://x/y"
        );
        assert_eq!(without_passwords("rantai.db: no region"), "rantai.db: no region");
    }
}
