"""A province-sized synthetic dataset for benchmarks (thousands of units, tens of thousands of items).

Written with bulk inserts rather than the one-by-one core calls the demo uses, so
that building it does not dominate the benchmark; the rows are the same shape.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import random
import uuid

from chilinh_desktop.core.cycles import Cycle, install_cycle, load_cycle_file, shipped_cycle_files
from chilinh_desktop.core.dossiers import ensure_dossiers
from chilinh_desktop.core.requirements import Need, item_statuses
from chilinh_desktop.core.store import Store
from chilinh_desktop.demo import names

START = "2020-10-01"


def build_province(store: Store, *, units: int = 2000, officials: int = 10_000, seed: int = 1) -> Cycle:
    """Fill an empty database with `units` units under one province committee and `officials` cadres."""
    rng = random.Random(seed)
    cycle = load_cycle_file(next(p for p in shipped_cycle_files() if p.stem == "2023"))
    top_types = ("dang_bo_co_so", "chi_bo_co_so", "phong_ban", "mttq_doan_the", "don_vi_su_nghiep")
    unit_rows, period_rows, official_rows = [], [], []

    def unit(code, name, utype, parent_id):
        uid = str(uuid.UUID(int=rng.getrandbits(128)))
        grassroots = utype in ("dang_bo_co_so", "chi_bo_co_so")
        unit_rows.append({"id": uid, "code": code, "name": name, "type": utype, "grassroots": int(grassroots),
                          "sort_key": len(unit_rows)})
        period_rows.append({"unit_id": uid, "parent_id": parent_id, "valid_from": START, "valid_until": None})
        return uid

    root = unit("TINHUY", "Tỉnh ủy", "thanh_uy", None)
    # Twenty district committees in a province; a small data set (a quick benchmark) has fewer.
    cities = [unit(f"H{n:02d}", f"Huyện ủy số {n}", "thanh_uy", root) for n in range(1, max(1, min(20, units // 100)) + 1)]
    top_ids = []
    while len(unit_rows) < units:
        n = len(unit_rows)
        utype = rng.choice(top_types)
        place = rng.choice(names.WARDS)[1]
        top_ids.append(unit(f"U{n:05d}", f"Đơn vị {n} {place}", utype, rng.choice(cities)))
    for n in range(officials):
        # A province has namesakes: a fresh `used` set per name allows them.
        full_name, gender = names.person(rng, set())
        official_rows.append({
            "id": str(uuid.UUID(int=rng.getrandbits(128))), "full_name": full_name, "gender": gender,
            "birth_date": dt.date(rng.randint(1966, 1988), rng.randint(1, 12), rng.randint(1, 28)).isoformat(),
            "party_post": "Bí thư Chi bộ", "government_post": "Trưởng phòng", "mass_org_post": "",
            "workplace": "", "party_cell": "", "unit_id": rng.choice(top_ids), "tier": "btv_thanh_uy",
            "deputy_head_or_above": int(rng.random() < 0.9), "residence_exempt_reason": None,
            "asset_declaration_required": 1, "active": 1, "sort_key": n,
        })
    with store.atomic():
        install_cycle(store, cycle, actor="benchmark")
        store.db["units"].insert_all(unit_rows, batch_size=1000)
        store.db["unit_periods"].insert_all(period_rows, batch_size=1000)
        store.db["officials"].insert_all(official_rows, batch_size=1000)
        ensure_dossiers(store, cycle, actor="benchmark")
        _fill(store, cycle, rng)
    return cycle


def _fill(store: Store, cycle: Cycle, rng: random.Random) -> None:
    """Mark a random share of each required item done, as rows in dossier_items."""
    now = store.now_text()
    items = []
    officials = {r[0]: r for r in store.db.execute(
        "SELECT id, tier, deputy_head_or_above, asset_declaration_required, residence_exempt_reason FROM officials")}
    units = {r[0]: r for r in store.db.execute("SELECT id, type, grassroots FROM units")}
    for dossier_id, unit_id, official_id in store.db.execute(
            "SELECT id, unit_id, official_id FROM dossiers WHERE cycle_id = ?", [cycle.id]):
        if official_id:
            o = officials[official_id]
            attrs = {"tier": o[1], "deputy_head_or_above": o[2], "asset_declaration_required": o[3],
                     "residence_exempt_reason": o[4]}
            scope = "official"
        else:
            u = units[unit_id]
            attrs, scope = {"type": u[1], "grassroots": u[2]}, "unit"
        share = rng.random()
        for status in item_statuses(cycle, scope, attrs, {}):
            if status.need is Need.REQUIRED and rng.random() < share:
                items.append({"dossier_id": dossier_id, "kind": status.item.id, "state": "complete",
                              "form_id": status.item.form, "form_version": "bench",
                              "answers": json.dumps({"x": "y"}), "updated_at": now, "updated_by": "benchmark"})
    store.db["dossier_items"].insert_all(items, batch_size=2000)


# -- the Board's side: every unit's package received --------------------------------------------------------

RECEIVED_ON = dt.date(2023, 12, 1)
LATE_ON = dt.date(2023, 12, 20)


def receive_packages(store: Store, cycle: Cycle, *, share: float = 1.0, late: float = 0.1, seed: int = 2) -> int:
    """Record a received package for `share` of the units that owe one (a tenth arriving late), as the Board's
    importer records a verified package: core.board.record_received with typed documents built from the
    province's own rows (each dossier's items from item_statuses and dossier_items, each subject rated, one
    proposal in five units). The stored bytes are a short stand-in, not a signed archive: the Board's views read
    the documents, never the bytes, and signing 2,000 archives is `bench_import`'s business. Returns the count.
    """
    from chilinh_desktop.core.board import ReceivedPackage, record_received
    from chilinh_desktop.core.package_documents import (
        Commendation,
        DossierRecord,
        ItemRecord,
        OfficialDocument,
        OfficialRecord,
        RatingRecord,
        StepRecord,
        UnitDocument,
        UnitRatings,
        UnitRecord,
    )

    rng = random.Random(seed)
    done: dict[str, set[str]] = {}
    for dossier_id, kind in store.db.execute("SELECT dossier_id, kind FROM dossier_items"):
        done.setdefault(dossier_id, set()).add(kind)
    units = {r[0]: r for r in store.db.execute("SELECT id, code, name, type, grassroots FROM units")}
    columns = ("id", "full_name", "birth_date", "gender", "party_post", "government_post", "mass_org_post",
               "workplace", "party_cell", "unit_id", "tier", "deputy_head_or_above", "residence_exempt_reason",
               "asset_declaration_required", "active")
    officials = {r[0]: dict(zip(columns, r, strict=True))
                 for r in store.db.execute(f"SELECT {', '.join(columns)} FROM officials")}
    by_unit: dict[str, list[tuple[str, str | None]]] = {}
    for dossier_id, unit_id, official_id in store.db.execute(
            "SELECT id, unit_id, official_id FROM dossiers WHERE cycle_id = ? ORDER BY unit_id, official_id IS NOT NULL",
            [cycle.id]):
        by_unit.setdefault(unit_id, []).append((dossier_id, official_id))

    def dossier(dossier_id: str, scope: str, attrs: dict) -> DossierRecord:
        items = {}
        for status in item_statuses(cycle, scope, attrs, {}):
            complete = status.item.id in done.get(dossier_id, ())
            items[status.item.id] = ItemRecord(
                status.item.id, status.need.value, "complete" if complete else status.state.value, status.reason,
                status.item.confidential, f"forms/{dossier_id}-{status.item.id}.pdf" if complete else None,
                status.item.form if complete else None, "bench" if complete else None,
                {"x": "y"} if complete and not status.item.confidential else None)
        return DossierRecord(dossier_id, "signed_off", "Bí thư", "2023-11-30T09:00:00", "0" * 64, items)

    def rated(level: str) -> RatingRecord:
        steps = {step: StepRecord(level, None, {}, "benchmark", "2023-11-25", None, None)
                 for step in ("self", "proposal")}
        return RatingRecord(steps)

    def level() -> str:
        return rng.choices(("HTXSNV", "HTTNV", "HTNV", "KHTNV"), (0.15, 0.7, 0.12, 0.03))[0]

    count = 0
    with store.atomic():
        for unit_id, dossiers in by_unit.items():
            if rng.random() >= share:
                continue
            uid, code, name, utype, grassroots = units[unit_id]
            collective, cadres = None, []
            for dossier_id, official_id in dossiers:
                if official_id is None:
                    collective = dossier(dossier_id, "unit", {"type": utype, "grassroots": grassroots})
                    continue
                o = officials[official_id]
                attrs = {k: o[k] for k in ("tier", "deputy_head_or_above", "asset_declaration_required",
                                           "residence_exempt_reason")}
                record = OfficialRecord(**{**o, "unit_code": code, "deputy_head_or_above": bool(o["deputy_head_or_above"]),
                                           "asset_declaration_required": bool(o["asset_declaration_required"]),
                                           "active": bool(o["active"])})
                cadres.append(OfficialDocument(record, dossier(dossier_id, "official", attrs), rated(level())))
            own = level()
            proposals = ([Commendation(name, "to_chuc", "HTXSNV", "Hoàn thành xuất sắc nhiệm vụ", None)]
                         if own == "HTXSNV" and rng.random() < 0.5 else [])
            unit_doc = UnitDocument(cycle.id, UnitRecord(uid, code, name, utype, bool(grassroots)), collective,
                                    [doc.official.id for doc in cadres],
                                    UnitRatings(rated(own), rated(own), {}, proposals))
            package_id = str(uuid.UUID(int=rng.getrandbits(128)))
            day = LATE_ON if rng.random() < late else RECEIVED_ON
            at = f"{day.isoformat()}T{rng.randint(7, 16):02d}:{rng.randint(0, 59):02d}:00"
            stand_in = f"province benchmark package {package_id}".encode()
            package = ReceivedPackage(package_id, uid, code, cycle.id, f"{code}.zip", hashlib.sha256(stand_in).hexdigest(),
                                      len(stand_in), "SHA256:benchmark", at, at, "current", None)
            record_received(store, package, stand_in, unit_doc, cadres, current=True, actor="benchmark")
            count += 1
    return count
