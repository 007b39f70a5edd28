//! JSON Schema for the values that cross the wire as strings (money, ratios, codes, rule ids,
//! source keys, fiscal years) and for evidence, so that every read model, finding, command and
//! event has a schema generated from the Rust types.

use std::borrow::Cow;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};

use crate::codes::{KegiatanCode, KodeRekening, Mak, MakList, OrgCode, ProgramCode, SubKegiatanCode};
use crate::finding::{Evidence, EvidenceValue};
use crate::fiscal::FiscalYear;
use crate::ids::ExternalKey;
use crate::money::Money;
use crate::ratio::Ratio;
use crate::rule_id::RuleId;

macro_rules! string_schema {
    ($t:ty, $name:literal, $pattern:literal, $description:literal) => {
        impl JsonSchema for $t {
            fn schema_name() -> Cow<'static, str> {
                Cow::Borrowed($name)
            }
            fn json_schema(_: &mut SchemaGenerator) -> Schema {
                json_schema!({
                    "type": "string",
                    "pattern": $pattern,
                    "description": $description,
                })
            }
        }
    };
}

string_schema!(
    Money,
    "Money",
    "^[0-9]{1,21}\\.[0-9]{2}$",
    "Rupiah, exact to the sen, as a decimal string with two places"
);
string_schema!(
    Ratio,
    "Ratio",
    "^-?[0-9]+(\\.[0-9]+)?$",
    "An exact ratio as a decimal string (0.1 = 10 %)"
);
string_schema!(
    RuleId,
    "RuleId",
    "^([PHTCRK]-[0-9]{2}|D[1-9][0-9]?)$",
    "A rule id of the rulebook, e.g. H-01 or D13"
);
string_schema!(
    OrgCode,
    "OrgCode",
    "^[0-9]\\.[0-9]{2}\\.[0-9]\\.[0-9]{2}\\.[0-9]\\.[0-9]{2}\\.[0-9]{2}\\.[0-9]{4}$",
    "A Permendagri 90/2019 organisation code (kd_satker_str)"
);

string_schema!(
    ProgramCode,
    "ProgramCode",
    "^[0-9]\\.[0-9]{2}\\.[0-9]{2}$",
    "A Permendagri 90/2019 program code U.BB.PP, e.g. 2.07.02"
);
string_schema!(
    KegiatanCode,
    "KegiatanCode",
    "^[0-9]\\.[0-9]{2}\\.[0-9]{2}\\.[12]\\.[0-9]{2}$",
    "A Permendagri 90/2019 kegiatan code U.BB.PP.L.KK (L: 1 provinsi, 2 kabupaten/kota), e.g. 2.07.02.2.01"
);
string_schema!(
    SubKegiatanCode,
    "SubKegiatanCode",
    "^[0-9]\\.[0-9]{2}\\.[0-9]{2}\\.[12]\\.[0-9]{2}\\.[0-9]{4}$",
    "A Permendagri 90/2019 sub-kegiatan code U.BB.PP.L.KK.SSSS, e.g. 2.07.02.2.01.0001"
);
string_schema!(
    KodeRekening,
    "KodeRekening",
    "^[1-7]\\.[0-9]\\.[0-9]{2}\\.[0-9]{2}\\.[0-9]{2}\\.[0-9]{4}$",
    "A budget account (kode rekening) A.K.JJ.OO.RR.SSSS, akun 1-7 (belanja is 5), e.g. 5.2.03.01.01.0001"
);
string_schema!(
    Mak,
    "Mak",
    "^[0-9]\\.[0-9]{2}\\.[0-9]{2}\\.[12]\\.[0-9]{2}\\.[0-9]{4}\\.[1-7]\\.[0-9]\\.[0-9]{2}\\.[0-9]{2}\\.[0-9]{2}\\.[0-9]{4}((\\.[0-9]+){8})?\\.?$",
    "A SIRUP/SPSE MAK: sub-kegiatan code + kode rekening, optionally followed by an 8-segment budget-line suffix kept verbatim; a trailing dot is accepted and not printed back"
);
string_schema!(
    MakList,
    "MakList",
    "^\\s*[0-9]\\.[0-9]{2}\\.[0-9]{2}\\.[12]\\.[0-9]{2}\\.[0-9]{4}\\.[1-7]\\.[0-9]\\.[0-9]{2}\\.[0-9]{2}\\.[0-9]{2}\\.[0-9]{4}((\\.[0-9]+){8})?\\.?\\s*(;\\s*[0-9]\\.[0-9]{2}\\.[0-9]{2}\\.[12]\\.[0-9]{2}\\.[0-9]{4}\\.[1-7]\\.[0-9]\\.[0-9]{2}\\.[0-9]{2}\\.[0-9]{2}\\.[0-9]{4}((\\.[0-9]+){8})?\\.?\\s*)*$",
    "MAKs joined by ';', as SIRUP/SPSE write a package financed from several budget lines; each item is a Mak"
);

impl JsonSchema for ExternalKey {
    fn schema_name() -> Cow<'static, str> {
        Cow::Borrowed("ExternalKey")
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "minLength": 1,
            "maxLength": 200,
            "pattern": "\\S",
            "description": "A source system's own text key (kd_tender, kd_nontender, no_kontrak, an SP2D number…), kept verbatim: trimmed, non-empty, at most 200 characters",
        })
    }
}

impl JsonSchema for FiscalYear {
    fn schema_name() -> Cow<'static, str> {
        Cow::Borrowed("FiscalYear")
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "integer",
            "minimum": FiscalYear::MIN,
            "maximum": FiscalYear::MAX,
            "description": "A fiscal year (tahun anggaran), the calendar year",
        })
    }
}

impl JsonSchema for Evidence {
    fn schema_name() -> Cow<'static, str> {
        Cow::Borrowed("Evidence")
    }
    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let value = generator.subschema_for::<EvidenceValue>();
        json_schema!({
            "type": "object",
            "additionalProperties": value,
            "description": "Named evidence values, in the order the rule gives them",
        })
    }
}
