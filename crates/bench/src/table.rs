//! The one table `rantai bench` prints: every figure with its target, what was measured, and
//! the ratio — at or above 1.00× the target is met, whichever way the figure counts.

use std::time::Duration;

use comfy_table::{Cell, CellAlignment, Table, presets::UTF8_FULL_CONDENSED};

/// What a figure counts.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Unit {
    /// Things per second (higher is better), with their name.
    PerSecond(&'static str),
    /// Megabytes per second (higher is better), kept in bytes per second.
    BytesPerSecond,
    /// Time in nanoseconds (lower is better).
    Nanos,
    /// Memory in bytes (lower is better).
    Bytes,
}

/// One row of the table.
#[derive(Clone, Debug)]
pub(crate) struct Figure {
    name: String,
    unit: Unit,
    target: Option<u64>,
    measured: u64,
}

impl Figure {
    /// A throughput, `target` at least.
    pub(crate) fn rate(name: impl Into<String>, what: &'static str, target: Option<u64>, per_second: u64) -> Figure {
        Figure {
            name: name.into(),
            unit: Unit::PerSecond(what),
            target,
            measured: per_second,
        }
    }

    /// A byte throughput, `target` bytes per second at least.
    pub(crate) fn bytes_per_second(name: impl Into<String>, target: Option<u64>, per_second: u64) -> Figure {
        Figure {
            name: name.into(),
            unit: Unit::BytesPerSecond,
            target,
            measured: per_second,
        }
    }

    /// A time, under `target`.
    pub(crate) fn time(name: impl Into<String>, target: Option<Duration>, took: Duration) -> Figure {
        let ns = |d: Duration| u64::try_from(d.as_nanos()).unwrap_or(u64::MAX);
        Figure {
            name: name.into(),
            unit: Unit::Nanos,
            target: target.map(ns),
            measured: ns(took),
        }
    }

    /// A memory size in bytes, under `target`.
    pub(crate) fn memory(name: impl Into<String>, target: Option<u64>, bytes: u64) -> Figure {
        Figure {
            name: name.into(),
            unit: Unit::Bytes,
            target,
            measured: bytes,
        }
    }

    /// `measured ÷ target` for throughputs, `target ÷ measured` for times and sizes, with two
    /// decimals: at or above 1.00× the target is met.
    fn ratio(&self) -> String {
        let Some(target) = self.target else {
            return "–".into();
        };
        let (good, bound) = match self.unit {
            Unit::PerSecond(_) | Unit::BytesPerSecond => (self.measured, target),
            Unit::Nanos | Unit::Bytes => (target, self.measured),
        };
        let hundredths = u128::from(good) * 100 / u128::from(bound.max(1));
        format!("{}.{:02}×", hundredths / 100, hundredths % 100)
    }

    fn show(&self, value: u64) -> String {
        match self.unit {
            Unit::PerSecond(what) => format!("{} {what}/s", thousands(value)),
            Unit::BytesPerSecond => format!("{} MB/s", tenths(value / 100_000)),
            Unit::Nanos if value >= 10_000_000_000 => format!("{} s", tenths(value / 100_000_000)),
            Unit::Nanos if value >= 1_000_000 => format!("{} ms", tenths(value / 100_000)),
            Unit::Nanos if value >= 1_000 => format!("{} µs", tenths(value / 100)),
            Unit::Nanos => format!("{value} ns"),
            Unit::Bytes => format!("{} MiB", thousands(value >> 20)),
        }
    }

    fn target_text(&self) -> String {
        let Some(target) = self.target else {
            return "–".into();
        };
        let sign = match self.unit {
            Unit::PerSecond(_) | Unit::BytesPerSecond => "≥",
            Unit::Nanos | Unit::Bytes => "<",
        };
        format!("{sign} {}", self.show(target))
    }
}

/// `n` with a space every three digits.
fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(' ');
        }
        out.push(c);
    }
    out
}

/// `n` tenths as `x.y`.
fn tenths(n: u64) -> String {
    format!("{}.{}", thousands(n / 10), n % 10)
}

/// Prints the table.
pub(crate) fn print(figures: &[Figure]) {
    let mut t = Table::new();
    t.load_preset(UTF8_FULL_CONDENSED);
    t.set_header(vec!["figure", "target", "measured", "ratio"]);
    for f in figures {
        t.add_row(vec![
            Cell::new(&f.name),
            Cell::new(f.target_text()).set_alignment(CellAlignment::Right),
            Cell::new(f.show(f.measured)).set_alignment(CellAlignment::Right),
            Cell::new(f.ratio()).set_alignment(CellAlignment::Right),
        ]);
    }
    say!("{t}");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratios_read_the_same_way_for_every_unit() {
        let fast = Figure::rate("x", "events", Some(1_000_000), 1_500_000);
        assert_eq!(fast.ratio(), "1.50×");
        let quick = Figure::time("y", Some(Duration::from_secs(1)), Duration::from_millis(800));
        assert_eq!(quick.ratio(), "1.25×");
        assert_eq!(quick.show(quick.measured), "800.0 ms");
        assert_eq!(quick.target_text(), "< 1 000.0 ms");
        let big = Figure::memory("z", Some(8 << 30), 16 << 30);
        assert_eq!(big.ratio(), "0.50×");
        assert_eq!(big.show(big.measured), "16 384 MiB");
        let slow = Figure::time("w", Some(Duration::from_secs(30)), Duration::from_millis(24_500));
        assert_eq!(slow.show(slow.measured), "24.5 s");
        assert_eq!(
            Figure::bytes_per_second("v", None, 123_400_000).show(123_400_000),
            "123.4 MB/s"
        );
        let tiny = Figure::time("u", Some(Duration::from_micros(50)), Duration::from_nanos(5_432));
        assert_eq!(tiny.show(tiny.measured), "5.4 µs");
        assert_eq!(tiny.ratio(), "9.20×");
    }
}
