"""The 2025 cycle is data only: it loads, rates a demo cadre on the 100-point scale, and prints Mẫu 2C."""

import datetime as dt
import io

import pytest
from pypdf import PdfReader

from chilinh_desktop.core.cycles import install_cycle, load_cycle_file, shipped_cycle_files
from chilinh_desktop.core.dossiers import ensure_dossiers
from chilinh_desktop.core.officials import list_officials
from chilinh_desktop.core.ratings import record_rating, set_targets, subject_key
from chilinh_desktop.core.rules import evaluate
from chilinh_desktop.formspec import set_form_answers
from chilinh_desktop.render import print_form

DAY = dt.date(2025, 12, 10)


@pytest.fixture
def cycle_2025(demo_store):
    cycle = load_cycle_file(next(p for p in shipped_cycle_files() if p.stem == "2025"))
    install_cycle(demo_store, cycle, make_current=False)
    ensure_dossiers(demo_store, cycle)
    return cycle


@pytest.fixture
def cadre(demo_store, cycle_2025):
    official = next(o for o in list_officials(demo_store) if o.tier in cycle_2025.managed_tiers)
    return official, subject_key(demo_store, official_id=official.id)


@pytest.mark.parametrize(("score", "level"), [(90, "HTXSNV"), (89.5, "HTTNV"), (70, "HTTNV"), (69, "HTNV"),
                                              (50, "HTNV"), (49, "KHTNV")])
def test_a_score_alone_gives_the_level_of_its_band(demo_store, cycle_2025, cadre, score, level):
    rating = record_rating(demo_store, cycle_2025, cadre[1], "self", None, score=score, by="Cán bộ", at=DAY)
    assert rating.level == level


def test_a_demo_cadre_rated_htxsnv_on_points_has_no_findings(demo_store, cycle_2025, cadre):
    record_rating(demo_store, cycle_2025, cadre[1], "self", None, score=92, by="Cán bộ", at=DAY)
    set_targets(demo_store, cycle_2025, cadre[1], met_pct=100, exceeded_pct=30)
    assert [f for f in evaluate(demo_store, cycle_2025) if f.subject == cadre[1]] == []


@pytest.mark.parametrize(("score", "exceeded", "rule"), [(85, 40, "score_bands"), (95, 29, "excellent_score")])
def test_htxsnv_below_90_points_or_30_percent_exceeded_is_an_error(demo_store, cycle_2025, cadre, score, exceeded,
                                                                   rule):
    record_rating(demo_store, cycle_2025, cadre[1], "self", "HTXSNV", score=score, by="Cán bộ", at=DAY)
    set_targets(demo_store, cycle_2025, cadre[1], met_pct=100, exceeded_pct=exceeded)
    found = [f for f in evaluate(demo_store, cycle_2025) if f.subject == cadre[1]]
    assert rule in {f.rule.split(".")[-1] for f in found}
    assert all(f.citation and f.rule.startswith("366-QD-TW.") for f in found)


def test_mau_2c_prints_with_the_score(demo_store, cycle_2025, cadre):
    official, _key = cadre
    answers = {"document_date": "2025-12-10", "criteria": [
        {"criterion": "Chính trị tư tưởng, đạo đức, lối sống", "max_points": 30, "points": 28},
        {"criterion": "Kết quả thực hiện nhiệm vụ", "max_points": 70, "points": 64}],
        "total_score": 92, "exceeded_pct": 35, "shortcomings": "Chưa sâu sát cơ sở.",
        "remedies": "Tăng cường kiểm tra.", "self_rating": "HTXSNV"}
    checked = set_form_answers(demo_store, cycle_2025, "2C", answers, official_id=official.id, actor="test")
    assert checked.complete, checked.gaps
    pdf, draft = print_form(demo_store, cycle_2025, "2C", official_id=official.id)
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert not draft
    for expected in ("Mẫu 2C", "BẢN TỰ ĐÁNH GIÁ, CHẤM ĐIỂM", "92", official.full_name, "Hoàn thành xuất sắc nhiệm vụ"):
        assert expected in text
