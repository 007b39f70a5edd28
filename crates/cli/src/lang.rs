//! The words of the CLI's tables in Bahasa Indonesia (the default: the people reading them work
//! in Indonesian) and English.

use clap::ValueEnum;

/// The language of tables and finding titles.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum Lang {
    /// Bahasa Indonesia.
    Id,
    /// English.
    En,
}

/// One phrase in both languages.
pub(crate) struct Text {
    id: &'static str,
    en: &'static str,
}

impl Text {
    pub(crate) fn get(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Id => self.id,
            Lang::En => self.en,
        }
    }
}

macro_rules! texts {
    ($($name:ident: $id:literal, $en:literal;)*) => {
        $(pub(crate) const $name: Text = Text { id: $id, en: $en };)*
    };
}

texts! {
    PACKAGES_LINE: "paket RUP, pagu", "RUP packages, pagu";
    PROCUREMENTS: "pemilihan", "procurements";
    CONTRACTS_WORTH: "kontrak senilai", "contracts worth";
    PAID: "dibayar", "paid";
    FINDINGS_LINE: "Temuan", "Findings";
    UNDECIDED_LINE: "pemeriksaan tidak dapat diputuskan karena data kurang", "checks could not be decided for lack of data";
    COL_OPD: "OPD", "OPD";
    COL_PACKAGES: "Paket", "Packages";
    COL_PAGU: "Pagu", "Pagu";
    COL_PROCUREMENTS: "Pemilihan", "Procurements";
    COL_CONTRACTS: "Kontrak", "Contracts";
    QUIET_OPD: "OPD lain tanpa paket, pemilihan, kontrak atau temuan", "other OPDs without packages, procurements, contracts or findings";
    COL_CONTRACTED: "Nilai kontrak", "Contracted";
    COL_PAID: "Dibayar", "Paid";
    COL_FINANCIAL: "Keuangan", "Financial";
    COL_PHYSICAL: "Fisik", "Physical";
    COL_FINDINGS: "Temuan", "Findings";
    COL_RANK: "#", "#";
    COL_DEVIATION: "Deviasi fisik (pp)", "Physical deviation (pp)";
    NO_REPORT: "tanpa laporan", "no report";
    NO_CONTRACT: "tanpa kontrak", "no contract";
    TO_DO: "tindak lanjut", "to do";
    STALLED: "Terumumkan, jadwal pemilihan lewat, belum dipilih per", "Announced, selection window passed, not procured as of";
    COL_PACKAGE: "Paket", "Package";
    COL_ANNOUNCED: "Diumumkan", "Announced";
    COL_WINDOW_ENDED: "Akhir pemilihan", "Window ended";
    COL_DAYS: "Hari terlambat", "Days overdue";
    STUCK: "Pekerjaan tertahan", "Stuck work";
    REGULATION: "dasar hukum", "regulation";
    OPEN_CONTRACTING: "open contracting", "open contracting";
    UNDECIDED: "Tidak dapat diputuskan", "Could not be decided";
    MISSING: "kurang", "missing";
}
