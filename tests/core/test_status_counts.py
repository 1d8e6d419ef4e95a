"""`chilinh status --json` over the demo city, checked against counts recomputed from the tables."""

import json
from collections import Counter

from chilinh_desktop.cli import main

REQUIRED_FOR_OFFICIAL = {"self_review", "record_supplement"}


def recount(conn):
    """Required/done per unit straight from SQL, following the 2023 rules independently."""
    done_states = ("complete", "attached")
    stored = {}
    for key, kind, state in conn.execute(
        "SELECT d.subject_key, i.kind, i.state FROM dossier_items i JOIN dossiers d ON d.id = i.dossier_id"):
        stored[(key, kind)] = state
    required, done = Counter(), Counter()
    party_types = {"dang_bo_co_so", "chi_bo_co_so"}
    collective_types = party_types | {"phong_ban", "mttq_doan_the", "don_vi_su_nghiep"}
    for uid, code, utype, grassroots in conn.execute("SELECT id, code, type, grassroots FROM units"):
        kinds = []
        if utype in collective_types:
            kinds += ["collective_report", "meeting_minutes"]
        if grassroots:
            kinds.append("classification_report")
        for kind in kinds:
            required[code] += 1
            state = stored.get((f"unit:{uid}", kind), "missing")
            done[code] += state in done_states
            if state == "exempt":
                required[code] -= 1
    for oid, code, deputy, assets, exempt in conn.execute(
        "SELECT o.id, u.code, o.deputy_head_or_above, o.asset_declaration_required, o.residence_exempt_reason "
        "FROM officials o JOIN units u ON u.id = o.unit_id WHERE o.tier = 'btv_thanh_uy' AND o.active = 1"):
        kinds = set(REQUIRED_FOR_OFFICIAL)
        if deputy:
            kinds |= {"exemplary_pledge", "breakthrough_tasks"}
        if assets:
            kinds.add("asset_declaration")
        if not exempt:
            kinds.add("residence_comment")
        for kind in kinds:
            state = stored.get((f"official:{oid}", kind), "missing")
            if state == "exempt":
                continue
            required[code] += 1
            done[code] += state in done_states
    return required, done


def test_status_json_matches_an_independent_recount(demo_path, capsys):
    import sqlite3

    assert main(["status", "--db", str(demo_path), "--json", "--today", "2023-12-05"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["today"] == "2023-12-05"
    assert report["cycle"]["id"] == "2023"
    assert [d["date"] for d in report["cycle"]["deadlines"]] == ["2023-12-10", "2023-12-15"]
    conn = sqlite3.connect(demo_path)
    required, done = recount(conn)
    units = {u["code"]: u for u in report["units"]}
    assert set(units) == {r[0] for r in conn.execute("SELECT code FROM units")}
    for code, unit in units.items():
        assert (unit["items_required"], unit["items_done"]) == (required[code], done[code]), code
        missing = sum(len(v) for v in unit["missing"].values())
        assert missing == unit["items_required"] - unit["items_done"], code
    assert sum(required.values()) > 1000
    assert 0 < sum(done.values()) < sum(required.values())


def test_demo_city_has_the_shape_of_the_dispatch(demo_path, capsys):
    main(["units", "--db", str(demo_path), "--json"])
    units = json.loads(capsys.readouterr().out)
    top = [u for u in units if u["parent_code"] == "TU"]
    assert 55 <= len(top) <= 65
    assert sum(u["name"].startswith("Đảng bộ phường") or u["name"].startswith("Đảng bộ xã") for u in top) == 19
    main(["officials", "--db", str(demo_path), "--json"])
    officials = json.loads(capsys.readouterr().out)
    assert 250 <= len(officials) <= 350
    assert {"id", "full_name", "unit_code"} <= set(officials[0])
    main(["status", "--db", str(demo_path), "--json"])
    progress = [u["items_done"] / u["items_required"] for u in json.loads(capsys.readouterr().out)["units"]
                if u["items_required"]]
    assert any(p == 1 for p in progress) and any(p < 0.3 for p in progress) and any(0.4 < p < 0.9 for p in progress)


def test_demo_is_deterministic_for_a_seed(tmp_path, capsys, demo_path):
    # The session's demo city (seed 2023, tests/conftest.py) is the first build; one more is enough.
    assert main(["demo", "--db", str(tmp_path / "again.sqlite3"), "--seed", "2023"]) == 0
    capsys.readouterr()
    outputs = []
    for path in (demo_path, tmp_path / "again.sqlite3"):
        main(["officials", "--db", str(path), "--json"])
        outputs.append([(o["full_name"], o["unit_code"]) for o in json.loads(capsys.readouterr().out)])
    assert outputs[0] == outputs[1] and len(outputs[0]) > 200
