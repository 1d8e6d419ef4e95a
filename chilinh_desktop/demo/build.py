"""Building the demo city, deterministically from a seed, as of early December 2023."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from pathlib import Path

from chilinh_desktop.core.clock import Clock
from chilinh_desktop.core.cycles import Cycle, install_cycle, load_cycle_file, shipped_cycle_files
from chilinh_desktop.core.dossiers import (
    attach_file,
    dossier_statuses,
    ensure_dossiers,
    find_dossier,
    sign_off,
)
from chilinh_desktop.core.officials import add_official, list_officials
from chilinh_desktop.core.requirements import Need
from chilinh_desktop.core.settings import load_settings, save_settings
from chilinh_desktop.core.store import Store, build_new_file
from chilinh_desktop.core.units import add_unit, unit_tree
from chilinh_desktop.demo import names
from chilinh_desktop.demo.answers import record_facts, sample_answers
from chilinh_desktop.demo.planted import plant_paper_mistakes
from chilinh_desktop.demo.ratings import add_demo_ratings
from chilinh_desktop.demo.scans import scanned_page
from chilinh_desktop.formspec import form_for_item
from chilinh_desktop.formspec.answers import check_and_save
from chilinh_desktop.package.demo_keys import create_demo_keys

DEMO_TODAY = dt.date(2023, 12, 5)
CITY_NAME = "Minh Giang"
ROOT_CODE = "TU"
TREE_START = dt.date(2020, 10, 1)  # the tree as set after the 2020 party congresses
ACTOR = "demo"

# Share of top-level units in each progress profile: (name, share of required items done, share signed off).
PROFILES = (("signed", 1.0, True), ("complete", 1.0, False), ("good", 0.8, False), ("half", 0.5, False),
            ("started", 0.15, False))
PROFILE_WEIGHTS = (0.15, 0.15, 0.3, 0.25, 0.15)

Progress = Callable[[str, int, int], None]


def _demo_cycle() -> Cycle:
    return load_cycle_file(next(p for p in shipped_cycle_files() if p.stem == "2023"))


def build_demo(store: Store, *, seed: int = 2023, progress: Progress | None = None) -> Cycle:
    """Fill an empty database with the demo city, its cadres and partly done dossiers."""
    rng = random.Random(seed)
    report = progress or (lambda step, done, total: None)
    cycle = _demo_cycle()
    with store.atomic():
        install_cycle(store, cycle, actor=ACTOR)
        _build_tree_and_cadres(store, rng)
        ensure_dossiers(store, cycle, actor=ACTOR)
        save_settings(store, load_settings(store).changed(today=DEMO_TODAY.isoformat(), role="demo",
                                                          unit_code=ROOT_CODE))
    # Ratings come first: a sign-off vouches for them, so they cannot be added to a locked dossier.
    # Their own random stream keeps the dossiers the same whatever the ratings draw.
    add_demo_ratings(store, cycle, random.Random(seed + 1))
    _fill_dossiers(store, cycle, rng, report)
    plant_paper_mistakes(store, cycle)
    create_demo_keys(store)
    return cycle


def create_demo_file(path: Path, *, seed: int = 2023, progress: Progress | None = None,
                     clock: Clock | None = None) -> Cycle:
    """Build the demo city into a new data file at `path`, whole or not at all (see build_new_file)."""
    return build_new_file(path, lambda store: build_demo(store, seed=seed, progress=progress), clock=clock)


def _build_tree_and_cadres(store: Store, rng: random.Random) -> None:
    used: set[str] = set()
    sort = iter(range(1, 100_000))
    add_unit(store, code=ROOT_CODE, name=f"Thành ủy {CITY_NAME}", type="thanh_uy", parent_code=None,
             valid_from=TREE_START, sort_key=0, actor=ACTOR)
    # The city's own leaders are managed by the province: in the tree, not in the city dossier.
    for post, government in (("Bí thư Thành ủy", ""), ("Phó Bí thư Thường trực Thành ủy", ""),
                             ("Phó Bí thư Thành ủy", "Chủ tịch UBND thành phố")):
        _cadre(store, rng, used, ROOT_CODE, f"Thành ủy {CITY_NAME}", post, government, "", tier="btv_tinh_uy",
               sort_key=next(sort))
    for n, (kind, place) in enumerate(names.WARDS, 1):
        code = f"DB{n:02d}"
        add_unit(store, code=code, name=f"Đảng bộ {kind.lower()} {place}", type="dang_bo_co_so",
                 parent_code=ROOT_CODE, valid_from=TREE_START, sort_key=next(sort), actor=ACTOR)
        cells = []
        for c in range(1, rng.randint(4, 7)):
            template = names.CELL_NAMES[(c - 1) % len(names.CELL_NAMES)]
            cells.append("Chi bộ " + template.format(n=c, place=place, kind=kind.lower()))
            add_unit(store, code=f"{code}-CB{c:02d}", name=cells[-1],
                     type="chi_bo_truc_thuoc", parent_code=code, valid_from=TREE_START, sort_key=next(sort),
                     actor=ACTOR)
        for party, government, mass in names.WARD_POSTS:
            # The ward's leaders are members of one of its cells (the Chi bộ line of their 02B).
            _cadre(store, rng, used, code, f"{kind} {place}", party, government, mass, sort_key=next(sort),
                   cell=cells[0])
    for prefix, unit_type, name, posts in names.AGENCIES:
        add_unit(store, code=prefix, name=name, type=unit_type, parent_code=ROOT_CODE, valid_from=TREE_START,
                 sort_key=next(sort), actor=ACTOR)
        # The cadres' cell: the unit itself for a grassroots cell, its first cell for a committee, else
        # the agency's own cell ("Chi bộ Phòng Nội vụ", under the agencies' party committee).
        cell = name if unit_type == "chi_bo_co_so" else f"Chi bộ {name}"
        if unit_type == "dang_bo_co_so":
            for c in range(1, rng.randint(3, 5)):
                add_unit(store, code=f"{prefix}-CB{c:02d}", name=f"Chi bộ số {c} – {name.removeprefix('Đảng bộ ')}",
                         type="chi_bo_truc_thuoc", parent_code=prefix, valid_from=TREE_START,
                         sort_key=next(sort), actor=ACTOR)
                cell = f"Chi bộ số 1 – {name.removeprefix('Đảng bộ ')}"
        head, deputy = posts
        party, government, mass = _placed(head, unit_type, "Bí thư Chi bộ")
        _cadre(store, rng, used, prefix, name, party, government, mass, sort_key=next(sort), cell=cell)
        for _ in range(rng.randint(1, 3)):
            member = "Đảng viên" if rng.random() < 0.5 else "Phó Bí thư Chi bộ"
            party, government, mass = _placed(deputy, unit_type, member)
            _cadre(store, rng, used, prefix, name, party, government, mass, sort_key=next(sort), cell=cell)
        if rng.random() < 0.5:
            # Staff (chuyên viên) are not cadres the city manages: they write Mẫu 02A at their cell and
            # are not in the registry. Their draws are kept so the rest of the demo stays the same.
            _drawn_person(rng, used)
            next(sort)
    _agency_cells(store, sort)


def _agency_cells(store: Store, sort) -> None:
    """Each agency's party cell, under the party committee of its kind of agency (names.AGENCY_CELLS_UNDER).

    The agency itself (the leadership collective, "lãnh đạo phòng, ban") stays directly under the city:
    it sends its own dossier; its cadres' 02B names the committee above their cell.
    """
    for prefix, unit_type, name, _posts in names.AGENCIES:
        parent = names.agency_cell_parent(unit_type, name)
        if parent is None:
            continue
        add_unit(store, code=f"{parent}-{prefix}", name=f"Chi bộ {name}", type="chi_bo_truc_thuoc",
                 parent_code=parent, valid_from=TREE_START, sort_key=next(sort), actor=ACTOR)


def _placed(post: str, unit_type: str, member: str) -> tuple[str, str, str]:
    """A post of names.AGENCIES on its own line: (party post, government post, mass-organisation post).

    "Bí thư Đảng ủy, Chỉ huy trưởng" is a party post and a government post; the head of a Front or
    mass organisation holds a mass-organisation post; `member` is the party post of one who holds none.
    """
    party_words = ("Bí thư Đảng ủy", "Bí thư Chi bộ", "Phó Bí thư Đảng ủy", "Phó Bí thư Chi bộ")
    parts = [p.strip() for p in post.split(",")]
    party = [p for p in parts if p.startswith(party_words)]
    other = ", ".join(p for p in parts if p not in party)
    own = ", ".join(party) or member
    return (own, "", other) if unit_type == "mttq_doan_the" else (own, other, "")


def _drawn_person(rng: random.Random, used: set[str]) -> tuple[str, str, dt.date, str | None, bool]:
    """A cadre's name, gender, birth date, residence exemption and whether they declare assets."""
    full_name, gender = names.person(rng, used)
    born = dt.date(rng.randint(1966, 1988), rng.randint(1, 12), rng.randint(1, 28))
    exempt = rng.choice(names.RESIDENCE_EXEMPTIONS) if rng.random() < 0.06 else None
    return full_name, gender, born, exempt, rng.random() > 0.05


def _cadre(store: Store, rng: random.Random, used: set[str], unit_code: str, workplace: str, party: str,
           government: str, mass: str, *, tier: str = "btv_thanh_uy", deputy_head: bool = True,
           sort_key: int = 0, cell: str | None = None) -> None:
    full_name, gender, born, exempt, declares = _drawn_person(rng, used)
    add_official(
        store, full_name=full_name, unit_code=unit_code, tier=tier, birth_date=born, gender=gender,
        party_post=party, government_post=government, mass_org_post=mass, workplace=workplace,
        party_cell=cell or f"Chi bộ {workplace}", deputy_head_or_above=deputy_head, residence_exempt_reason=exempt,
        asset_declaration_required=declares, sort_key=sort_key, actor=ACTOR,
    )


def _fill_dossiers(store: Store, cycle: Cycle, rng: random.Random, report: Progress) -> None:
    tree = unit_tree(store, cycle.tree_date)
    top_units = [node for node in tree.by_code[ROOT_CODE].children]
    for n, node in enumerate(top_units, 1):
        report("demo.dossiers", n, len(top_units))
        _profile, share, signed = rng.choices(PROFILES, PROFILE_WEIGHTS)[0]
        subjects = [("unit", node.unit.code, node.unit.name)]
        subjects += [("official", o.id, o.full_name) for o in list_officials(store, node.unit.code)]
        with store.atomic():
            for scope, key, name in subjects:
                dossier = (find_dossier(store, cycle, unit_code=key) if scope == "unit"
                           else find_dossier(store, cycle, official_id=key))
                for status in dossier_statuses(store, cycle, dossier):
                    _fill_item(store, cycle, dossier.id, status, name, share, rng)
                if signed:
                    sign_off(store, cycle, dossier.id, by=f"Bí thư {node.unit.name}")


def _fill_item(store, cycle, dossier_id, status, subject_name, share, rng) -> None:
    item = status.item
    if status.need is Need.NOT_APPLICABLE or status.need is Need.EXEMPT:
        return
    if status.need is Need.OPTIONAL:
        if rng.random() < 0.2 and share >= 0.5:
            attach_file(store, cycle, dossier_id, item.id,
                        scanned_page(item.name, subject_name, rng.randrange(2**31)), "goi-y-kiem-diem.pdf",
                        actor=ACTOR)
        return
    roll = rng.random()
    if roll >= share:
        if roll < share + 0.15 and item.kind == "form":
            answers = sample_answers(cycle, item, subject_name, rng, complete=False,
                                     facts=record_facts(store, cycle, dossier_id))
            _save_form(store, cycle, dossier_id, item, answers)
        return
    if item.kind == "form":
        _save_form(store, cycle, dossier_id, item,
                   sample_answers(cycle, item, subject_name, rng, facts=record_facts(store, cycle, dossier_id)))
    else:
        attach_file(store, cycle, dossier_id, item.id, scanned_page(item.name, subject_name, rng.randrange(2**31)),
                    # named as a clerk would name the scan, never by the item's internal id
                    item.short_name.replace("/", "-") + ".pdf", actor=ACTOR)


def _save_form(store, cycle, dossier_id, item, answers) -> None:
    # The form engine, not the demo, decides whether the answers make the item complete.
    check_and_save(store, cycle, dossier_id, item.id, form_for_item(cycle, item), answers, actor=ACTOR)
