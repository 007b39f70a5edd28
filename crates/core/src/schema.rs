//! JSON Schema for the values that cross the wire as strings (money, ratios, codes, rule ids,
//! fiscal years) and for evidence, so that every read model and finding has a schema generated
//! from the Rust types.

use std::borrow::Cow;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};

use crate::codes::OrgCode;
use crate::finding::{Evidence, EvidenceValue};
use crate::fiscal::FiscalYear;
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
