//! E-katalog orders (Ecat-PaketEPurchasingV6, ISB 1213): each order is a procurement by
//! e-purchasing of its RUP package — created and confirmed on its order date, with the provider's
//! catalogue price (`total_harga`) as its one priced offer and its award. A package may be served
//! by several orders. The order gives neither the pagu nor the procurement object: the value set
//! aside for an order is its total, and the object is the RUP package's when the RUP table is
//! imported, else goods (the catalogue's, counted in a note).

use rantai_chain::Command;
use rantai_core::{ExternalKey, JenisPengadaan, KodeRup, MetodePemilihan};
use rantai_procurement::{Award, Bid, Officials, TenderSpec};

use super::import::{Importer, Taken};
use super::source::{Dataset, IsbSource};
use crate::ids::{order_bid_id, order_id, provider_id};
use crate::report::ImportReport;

const DATASET: Dataset = Dataset::EPurchasing;

/// Ecat-PaketEPurchasingV6: every order recorded, or refused with its field.
pub(crate) fn orders(imp: &mut Importer<'_>, source: &IsbSource, report: &mut ImportReport) {
    imp.each(source, DATASET, "kd_paket", report, |imp, key, row| {
        // Read everything the row says before recording any of it.
        let fiscal_year = row.fiscal_year("tahun_anggaran")?;
        let value = row.money("total_harga")?;
        if value.is_zero() {
            return Err(("total_harga", "an order of Rp0".into()));
        }
        let ordered_on = row.date("tgl_order")?;
        let kd_penyedia = row.key("kd_penyedia_sikap")?;
        let code_text = row.key("kd_rup")?;
        let kd_rup: KodeRup = code_text
            .parse()
            .map_err(|e| ("kd_rup", format!("{code_text:?}: {e}")))?;
        let name = row.text("rup_nama_pkt")?.to_string();
        let draft = row.opt_text("status_pengiriman")? == Some("DRAFT");
        let organisation = imp.organisation(DATASET, key, row)?;
        let jenis = match imp.package_jenis(kd_rup) {
            Some(jenis) => jenis,
            None => {
                imp.count_note(
                    DATASET,
                    "jenis pengadaan taken as Barang: the order does not say, and its RUP package is not imported",
                );
                JenisPengadaan::Barang
            }
        };
        let id = order_id(key);
        let spec = TenderSpec {
            id,
            kd_tender: Some(ExternalKey::new(key).map_err(|e| ("kd_paket", e.to_string()))?),
            organisation,
            name,
            fiscal_year,
            jenis,
            metode: MetodePemilihan::EPurchasing,
            pagu: value,
            hps: None,
            announced_on: ordered_on,
            evaluation: None,
            officials: Officials::default(),
            direct_basis: None,
        };
        let plan_data = imp.plan_data;
        imp.record(
            DATASET,
            key,
            ordered_on,
            Command::RecordTender {
                spec,
                kd_rup: vec![kd_rup],
                plan_data,
            },
        )
        .map_err(|e| ("(order)", e))?;
        if draft {
            imp.count_note(
                DATASET,
                "delivery still a draft (status_pengiriman DRAFT): the order is recorded as placed",
            );
        }
        // The order is in the chain from here: a refused offer or confirmation is a note, not a
        // refused row.
        let provider = provider_id(&kd_penyedia);
        let bid = Bid {
            id: order_bid_id(key),
            provider,
            offer: value,
            corrected: None,
            disqualified: None,
            submitted_on: ordered_on,
        };
        let award = Award {
            bid: order_bid_id(key),
            provider,
            price: value,
            awarded_on: ordered_on,
        };
        let confirmed = imp
            .record(DATASET, key, ordered_on, Command::SubmitBid { procurement: id, bid })
            .and_then(|()| {
                imp.record(
                    DATASET,
                    key,
                    ordered_on,
                    Command::AwardTender { procurement: id, award },
                )
            });
        if confirmed.is_err() {
            imp.count_note(
                DATASET,
                "order recorded, but its offer or confirmation was refused by the chain",
            );
        }
        Ok(Taken::Imported)
    });
}
