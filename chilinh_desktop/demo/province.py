"""A province-sized synthetic dataset for benchmarks (thousands of units, tens of thousands of items).

Written with bulk inserts rather than the one-by-one core calls the demo uses, so
that building it does not dominate the benchmark; the rows are the same shape.
"""

from __future__ import annotations

import datetime as dt
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
    cities = [unit(f"H{n:02d}", f"Huyện ủy số {n}", "thanh_uy", root) for n in range(1, 21)]
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
