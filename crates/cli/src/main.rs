//! The `rantai` command: runs the embedded sample region and prints its per-OPD summary and
//! findings, or prints the standard rulebook for a region to edit.

mod bench;
mod bench_bids;
mod bench_budget;
mod demo;
mod lang;
mod render;
mod store_cmd;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use rantai_core::Rulebook;

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
        /// Output format: an aligned table for people, or one JSON object with `summary` and
        /// `findings` for programs.
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
    /// Verify the hash chain of every region in a store (or one) and report the result; exits
    /// with status 2 when any region's history was edited or the store is missing.
    Verify {
        /// The store: a SQLite file or `postgres://…`.
        #[arg(long, value_name = "PATH|URL", default_value = "rantai.db")]
        db: String,
        /// Only this region (its `kd_klpd`).
        #[arg(long)]
        region: Option<String>,
    },
    /// Run the benchmarks (build a synthetic region by commands, SQLite batched append, verified
    /// replay, and PostgreSQL append when reachable) and print one table of figure, target,
    /// measured and ratio. Run it on a release build.
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
    },
    /// Print the standard rulebook (every rule with its severity, enforcement, citation and
    /// dated parameters) as TOML, to copy and edit into an overlay.
    Rulebook,
}

/// How to print results.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Format {
    /// Aligned tables.
    Table,
    /// One JSON object.
    Json,
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
        } => load_rulebook(rulebook.as_ref()).and_then(|book| demo::run(book, &db, format == Format::Json, lang)),
        Cmd::Verify { db, region } => store_cmd::verify(&db, region.as_deref()),
        Cmd::Bench { copies, batch, pg } => bench::run(copies, batch, &pg),
        Cmd::Rulebook => {
            print!("{}", Rulebook::standard_toml());
            Ok(())
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}
