"""Plausible answers for the demo's form items, generated from each item's form by field type.

Complete answers fill every required field (and leave the blocks that other bodies fill
on paper empty); drafts stop part-way, as a busy office would.
"""

from __future__ import annotations

import datetime as dt
import random
import zlib
from typing import Any

from chilinh_desktop.core.cycles import Cycle, ItemKind
from chilinh_desktop.core.store import Store
from chilinh_desktop.demo import names
from chilinh_desktop.formspec import Field, FormSpec
from chilinh_desktop.formspec.loader import form_for_item

DEMO_PLACE = "Minh Giang"

# Sentences by the topic a field id names; a field takes the first topic its id contains.
_POOLS: dict[str, tuple[str, ...]] = {
    "politics": (
        "Luôn tuyệt đối trung thành với Đảng, kiên định chủ nghĩa Mác - Lênin, tư tưởng Hồ Chí Minh, mục tiêu độc lập dân tộc gắn liền với chủ nghĩa xã hội.",
        "Chấp hành nghiêm chủ trương, đường lối của Đảng, chính sách, pháp luật của Nhà nước và các quy định của cơ quan, đơn vị.",
        "Giữ gìn phẩm chất đạo đức, lối sống giản dị, trung thực, khiêm tốn, gần gũi, lắng nghe ý kiến của cán bộ, đảng viên và nhân dân.",
        "Không có biểu hiện suy thoái về tư tưởng chính trị, đạo đức, lối sống, “tự diễn biến”, “tự chuyển hóa” trong nội bộ.",
        "Thực hiện nghiêm nguyên tắc tập trung dân chủ, tự phê bình và phê bình; tác phong làm việc khoa học, sâu sát cơ sở.",
    ),
    "duties": (
        "Hoàn thành các chỉ tiêu, nhiệm vụ được giao trong năm, trong đó nhiều chỉ tiêu vượt kế hoạch đề ra.",
        "Chủ động tham mưu, đề xuất giải pháp tháo gỡ khó khăn, vướng mắc trong lĩnh vực được phân công phụ trách.",
        "Giải quyết công việc đúng quy trình, đúng thời hạn; không để xảy ra đơn thư khiếu nại vượt cấp thuộc lĩnh vực phụ trách.",
        "Tích cực ứng dụng công nghệ thông tin, chuyển đổi số trong xử lý văn bản và điều hành công việc.",
    ),
    "leadership": (
        "Lãnh đạo, chỉ đạo cơ quan, đơn vị hoàn thành toàn diện nhiệm vụ chính trị năm {year}; tập thể được đánh giá đoàn kết, thống nhất.",
        "Phân công nhiệm vụ rõ người, rõ việc, rõ thời gian, rõ trách nhiệm; thường xuyên kiểm tra, đôn đốc việc thực hiện.",
        "Quan tâm công tác xây dựng Đảng, xây dựng đội ngũ cán bộ; chăm lo đời sống vật chất, tinh thần của cán bộ, công chức, người lao động.",
        "Chỉ đạo thực hiện nghiêm quy chế dân chủ ở cơ sở, công khai, minh bạch trong quản lý tài chính, tài sản công.",
    ),
    "initiative": (
        "Có tinh thần trách nhiệm cao, dám nghĩ, dám làm, dám chịu trách nhiệm vì lợi ích chung.",
        "Chủ động đề xuất đổi mới cách làm trong cải cách hành chính, rút ngắn thời gian giải quyết thủ tục cho người dân, doanh nghiệp.",
        "Không né tránh, đùn đẩy trách nhiệm; trực tiếp xử lý những việc khó, việc mới phát sinh.",
    ),
    "exemplary": (
        "Gương mẫu thực hiện các quy định về những điều đảng viên không được làm và trách nhiệm nêu gương của cán bộ, đảng viên.",
        "Bản thân và gia đình chấp hành tốt chủ trương của Đảng, chính sách, pháp luật của Nhà nước và quy định nơi cư trú.",
        "Thường xuyên giữ mối liên hệ với chi ủy, nhân dân nơi cư trú theo Quy định số 213-QĐ/TW.",
    ),
    "commitment": (
        "Thực hiện nghiêm túc bản cam kết tu dưỡng, rèn luyện, phấn đấu năm {year}; các nội dung cam kết đều hoàn thành.",
        "Tích cực học tập, nghiên cứu nâng cao trình độ lý luận chính trị, chuyên môn, nghiệp vụ.",
    ),
    "shortcoming": (
        "Việc kiểm tra, đôn đốc thực hiện nhiệm vụ có lúc chưa thường xuyên, chưa sâu sát.",
        "Công tác tham mưu một số nội dung còn chậm so với yêu cầu, chất lượng có mặt còn hạn chế.",
        "Việc nghiên cứu, cập nhật văn bản mới có lúc chưa kịp thời.",
        "Một số chỉ tiêu về cải cách hành chính, chuyển đổi số chưa đạt kế hoạch đề ra.",
    ),
    "cause": (
        "Nguyên nhân khách quan: khối lượng công việc lớn, nhiều nhiệm vụ đột xuất phát sinh trong năm.",
        "Nguyên nhân chủ quan: bản thân chưa bố trí thời gian hợp lý giữa các nhiệm vụ; việc phối hợp có lúc chưa chặt chẽ.",
    ),
    "remed": (
        "Những hạn chế được chỉ ra tại kỳ kiểm điểm năm trước đã được bản thân nghiêm túc tiếp thu, xây dựng kế hoạch khắc phục.",
        "Đến nay cơ bản đã khắc phục xong, việc kiểm tra, đôn đốc được thực hiện định kỳ hằng tháng.",
        "Một số nội dung cần tiếp tục khắc phục trong năm tới.",
    ),
    "measure": (
        "Tiếp tục tu dưỡng, rèn luyện phẩm chất chính trị, đạo đức, lối sống; nâng cao tinh thần trách nhiệm.",
        "Xây dựng kế hoạch kiểm tra, đôn đốc cụ thể theo tháng, quý; phân công rõ trách nhiệm.",
        "Tăng cường phối hợp với các cơ quan liên quan; chủ động nắm bắt, giải quyết kịp thời những vướng mắc.",
        "Dành thời gian nghiên cứu văn bản mới, nâng cao chất lượng tham mưu.",
    ),
    "explanation": ("Không có nội dung được gợi ý kiểm điểm.",),
    "remarks": ("Đồng chí lãnh đạo Thành ủy ghi nhận tinh thần nghiêm túc của hội nghị; đề nghị tập thể và từng cá nhân xây dựng kế hoạch khắc phục hạn chế, khuyết điểm đã được chỉ ra, hoàn thành trong quý I năm 2024.",),
    "responsib": ("Bản thân nhận trách nhiệm cá nhân đối với những hạn chế của tập thể thuộc lĩnh vực được phân công phụ trách.",),
    "proceedings": (
        "Đồng chí chủ trì quán triệt mục đích, yêu cầu, nội dung kiểm điểm theo Quy định số 124-QĐ/TW.",
        "Hội nghị nghe báo cáo kiểm điểm tập thể và bản kiểm điểm của từng cá nhân; các đồng chí dự họp thảo luận, góp ý thẳng thắn.",
        "Hội nghị tiến hành bỏ phiếu đề xuất mức xếp loại chất lượng đối với tập thể và từng cá nhân.",
    ),
    "opinions": (
        "Các ý kiến thống nhất với nội dung báo cáo kiểm điểm; đề nghị làm rõ thêm nguyên nhân chủ quan của hạn chế.",
        "Có ý kiến đề nghị tăng cường kiểm tra, giám sát việc khắc phục hạn chế đã được chỉ ra.",
    ),
    "pledge": (
        "Gương mẫu đi đầu trong thực hiện nhiệm vụ được giao, nói đi đôi với làm.",
        "Nêu gương trong học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh; thực hành tiết kiệm, chống lãng phí.",
        "Giữ gìn đoàn kết nội bộ, gần dân, trọng dân, có trách nhiệm với dân.",
    ),
    "task": (
        "Số hóa toàn bộ hồ sơ, tài liệu lưu trữ của cơ quan giai đoạn 2015–2023.",
        "Rút ngắn 30% thời gian giải quyết thủ tục hành chính thuộc thẩm quyền.",
        "Xây dựng mô hình “Dân vận khéo” trong giải phóng mặt bằng các dự án trọng điểm.",
    ),
    "product": ("Kho dữ liệu số được đưa vào khai thác.", "Tỷ lệ hồ sơ giải quyết đúng hạn đạt 100%.",
                "Mô hình được Ban Thường vụ Thành ủy công nhận."),
    "assessment": (
        "Công tác kiểm điểm, đánh giá, xếp loại được tiến hành nghiêm túc, đúng quy trình, bảo đảm thực chất.",
        "Kết quả xếp loại phản ánh đúng chất lượng tổ chức đảng, đảng viên, căn cứ kết quả thực hiện nhiệm vụ được giao.",
    ),
    "achievement": ("Lãnh đạo đơn vị hoàn thành xuất sắc nhiệm vụ chính trị năm {year}.",),
    "detail": ("Được bổ nhiệm lại chức vụ theo quyết định của cấp có thẩm quyền.",
               "Tốt nghiệp cao cấp lý luận chính trị.", "Được tặng Bằng khen của Chủ tịch UBND tỉnh."),
}
_TEXT = {
    "place": (DEMO_PLACE,), "start_time": ("8 giờ 00 phút", "14 giờ 00 phút"),
    "end_time": ("11 giờ 30 phút", "17 giờ 00 phút"), "venue": ("Hội trường cơ quan", "Phòng họp số 1"),
    "signing_body": ("ĐẢNG ỦY", "BAN THƯỜNG VỤ", "CHI ỦY"), "signer_role": ("BÍ THƯ", "PHÓ BÍ THƯ"),
    "deadline": ("Quý II/2024", "Tháng 6/2024", "Cả năm 2024"), "topic": ("Chức vụ", "Trình độ", "Khen thưởng"),
    "collective": ("Ban Thường vụ Đảng ủy", "Tập thể lãnh đạo cơ quan"), "post": ("Phó Trưởng phòng", "Bí thư"),
    "absent_reasons": ("Không",), "approver_title": ("BÍ THƯ ĐẢNG ỦY", "TRƯỞNG PHÒNG"),
    "confirmer_title": ("BÍ THƯ CHI BỘ", "THỦ TRƯỞNG CƠ QUAN"), "number": ("12", "15", "21", "34", "47"),
}
_PEOPLE = ("name", "chair", "secretary", "responsible", "city_leader", "full_name")


def _person(rng: random.Random) -> str:
    return names.person(rng, set())[0]


def _pool(field_id: str) -> tuple[str, ...]:
    for key, pool in _POOLS.items():
        if key in field_id:
            return pool
    return _POOLS["politics"] if field_id.startswith("i") else _POOLS["measure"]


def _longtext(fld: Field, rng: random.Random, long: bool) -> str:
    pool = list(_pool(fld.id))
    rng.shuffle(pool)
    take = min(len(pool), rng.choice((2, 2, 3)) if long else rng.randint(1, 2))
    sentences = pool[:take]
    # Long answers come as two paragraphs when there is enough to say.
    split = take // 2 if long and take > 2 else take
    paragraphs = [" ".join(sentences[:split]), " ".join(sentences[split:])]
    return "\n".join(p for p in paragraphs if p).format(year=2023)


def _value(fld: Field, rng: random.Random, long: bool) -> Any:
    kind = fld.type
    if kind == "longtext":
        return _longtext(fld, rng, long)
    if kind == "text":
        if any(word in fld.id for word in _PEOPLE):
            return _person(rng) + (", Ủy viên Ban Thường vụ Thành ủy" if fld.id == "city_leader" else "")
        return rng.choice(_TEXT.get(fld.id, ("Không",)))
    if kind == "date":
        return (dt.date(2023, 11, 27) + dt.timedelta(days=rng.randint(0, 8))).isoformat()
    if kind == "level":
        return rng.choices(("xuat_sac", "tot", "trung_binh"), (3, 6, 1))[0]
    if kind == "rating":
        return rng.choices(("HTXSNV", "HTTNV", "HTNV"), (2, 7, 1))[0]
    if kind == "number":
        low = int(fld.minimum or 0)
        return rng.randint(max(low, 1), max(low, 1) + 25)
    if kind == "boolean":
        return rng.random() < 0.6
    if kind == "choice":
        return rng.choice(fld.options).id
    return None


def _rows(fld: Field, rng: random.Random) -> list[dict[str, Any]]:
    count = rng.randint(max(fld.min_rows, 1), min(fld.max_rows or 3, 3))
    return [{c.id: _value(c, rng, long=False) for c in fld.columns if c.required or rng.random() < 0.5}
            for _ in range(count)]


def _filled_by_others(form: FormSpec) -> set[str]:
    # Blocks under a heading in capitals (the unit head's, the cell's, the committee's) are
    # written on paper by others after the person signs; the demo leaves them empty.
    return {f.id for s in form.sections if s.heading.isupper() for f in s.fields if not f.required}


def record_facts(store: Store, cycle: Cycle, dossier_id: str) -> dict[str, Any]:
    """What the records say that a form of this dossier repeats: a cadre's self-rating; a unit's cadres,
    collective rating and commendation proposals. The demo's forms agree with its records."""
    from chilinh_desktop.core.officials import get_official, list_officials
    from chilinh_desktop.core.ratings import commendations, subject_ratings

    row = store.db.execute("SELECT d.official_id, u.code, d.subject_key, u.type FROM dossiers d JOIN units u "
                           "ON u.id = d.unit_id WHERE d.id = ?", [dossier_id]).fetchone()
    if row is None:
        return {}
    official_id, unit_code, key, unit_type = row
    papers = unit_papers(unit_code)
    if official_id:
        steps = subject_ratings(store, cycle, f"official:{get_official(store, official_id).id}").steps
        return {**papers, **({"self": steps["self"].level} if "self" in steps else {})}
    cadres = []
    officials = list_officials(store, unit_code)
    if officials:  # the holder of the unit's leading post signs and chairs every paper of the unit
        head = officials[0]
        office = head.government_post or head.mass_org_post
        papers["signer"] = head.full_name
        papers["signer_role"] = (office.split(",")[0] if unit_type in _AGENCY_TYPES and office
                                 else "Bí thư").upper()
    for official in officials:
        steps = subject_ratings(store, cycle, f"official:{official.id}").steps
        # The minutes' "Chức vụ" is the full post: party, then government or mass organisation.
        posts = [p for p in (official.party_post, official.government_post, official.mass_org_post)
                 if p and p != "Đảng viên"]
        row = {"full_name": official.full_name, "post": ", ".join(posts) or "Đảng viên"}
        if "self" in steps:
            row.update(self_rating=steps["self"].level, rating=steps.get("proposal", steps["self"]).level)
        cadres.append(row)
    collective = subject_ratings(store, cycle, key.replace("unit:", "collective:", 1)).steps
    proposal = collective.get("proposal") or collective.get("self")
    return {**papers, "cadres": cadres, "collective": proposal.level if proposal else None,
            "commendations": [{"name": c["name"], "kind": c["kind"], "rating": c["level"],
                               "achievement": c["achievement"]} for c in commendations(store, cycle, unit_code)]}


_AGENCY_TYPES = ("phong_ban", "mttq_doan_the", "don_vi_su_nghiep")
_MEETING_TIMES = (("8 giờ 00 phút", "11 giờ 30 phút"), ("14 giờ 00 phút", "17 giờ 00 phút"))


def unit_papers(unit_code: str) -> dict[str, Any]:
    """A unit's meeting day and times and its running document numbers, the same for every paper of it.

    The meeting falls between 29/11 and 01/12; the collective report is dated two days before it, the
    self-reviews on 27 or 28/11 (before it), the classification report, pledges and registrations after
    it. Reports (BC) run 01 then BCXL; the minutes (BB) have their own run.
    """
    seed = zlib.crc32(unit_code.encode())
    meeting = dt.date(2023, 11, 29) + dt.timedelta(days=seed % 3)
    start, end = _MEETING_TIMES[seed % 2]
    report_number = 30 + seed % 40
    return {"meeting": meeting, "start_time": start, "end_time": end, "numbers": {
        "01": str(report_number), "BCXL": str(report_number + 1), "BBKD": str(1 + seed % 9)}}


def _dates(form_id: str, facts: dict[str, Any], answers: dict[str, Any], rng: random.Random) -> None:
    meeting: dt.date = facts["meeting"]
    after = meeting + dt.timedelta(days=rng.randint(1, 2))
    when = {"01": meeting - dt.timedelta(days=2), "BCXL": after, "BBKD": meeting, "NG2024": after,
            "DP2024": after, "02B": dt.date(2023, 11, rng.choice((27, 28)))}.get(form_id)
    for key in ("document_date", "meeting_date"):
        if key in answers and when is not None:
            answers[key] = when.isoformat()
    if form_id in facts["numbers"] and "number" in answers:
        answers["number"] = facts["numbers"][form_id]
    if form_id == "BBKD":
        answers.update({k: facts[k] for k in ("start_time", "end_time") if k in answers})
    if "signer" in facts:
        for key, value in (("signer_name", facts["signer"]), ("signer_role", facts["signer_role"]),
                           ("chair", facts["signer"])):
            if key in answers and form_id in ("01", "BCXL", "BBKD"):
                answers[key] = value


def _levels_for(answers: dict[str, Any], rating_fields: tuple[str, ...], rng: random.Random) -> None:
    # A form that claims HTXSNV rates every criterion at least Tốt and its task results Xuất sắc (QĐ 124).
    if any(answers.get(f) == "HTXSNV" for f in rating_fields):
        for key in ("i1_level", "i3_level", "i4_level"):
            if key in answers:
                answers[key] = rng.choice(("xuat_sac", "tot"))
        if "i2_level" in answers:
            answers["i2_level"] = "xuat_sac"


def _consistent(form_id: str, facts: dict[str, Any], answers: dict[str, Any], rng: random.Random) -> None:
    """Make the typed answers agree with the rating records and with each other."""
    if "meeting" in facts:
        _dates(form_id, facts, answers, rng)
    if form_id == "02B" and "self" in facts:
        for key in ("vii_rating_cadre", "vii_rating_member"):
            if key in answers:
                answers[key] = facts["self"]
    if form_id == "BBKD" and "cadres" in facts:
        convened = max(len(facts["cadres"]), 7) + rng.randint(0, 6)
        present = convened - rng.choice((0, 0, 1, 2))
        answers.update({"members_total": convened, "members_present": present})
        if "collective_votes" in answers:
            answers["collective_votes"] = present
        if facts["collective"] and "collective_rating" in answers:
            answers["collective_rating"] = facts["collective"]
        if facts["cadres"]:
            # Every cadre of the unit, with the records' levels (drawn when the unit has not rated yet).
            answers["cadre_ratings"] = [
                {"self_rating": _value(_RATING, rng, False), "rating": _value(_RATING, rng, False), **row,
                 "votes": present} for row in facts["cadres"]]
        answers["absent_reasons"] = "Không" if present == convened else f"{convened - present} đồng chí vắng (đi công tác)"
    if form_id == "BCXL" and "commendations" in facts:
        answers["commendations"] = facts["commendations"]
    if form_id in ("02B", "01"):
        _levels_for(answers, ("vii_rating_cadre", "vii_rating_member", "vi_rating"), rng)


_RATING = Field("rating", "rating", "rating")


def sample_answers(cycle: Cycle, item: ItemKind, subject_name: str, rng: random.Random, *, complete: bool = True,
                   facts: dict[str, Any] | None = None) -> dict[str, Any]:
    """Answers that a diligent office would have typed for this item (a part of them for a draft),
    in the form version the cycle puts in force (not the newest one on file).

    `facts` (record_facts) are what the records say: the answers repeat them instead of drawing them.
    """
    # One draw from the caller's stream, whatever the form asks: a new field in a form version
    # does not reshuffle the rest of the demo.
    rng = random.Random(rng.getrandbits(64))
    form = form_for_item(cycle, item)
    skip = _filled_by_others(form)
    answers: dict[str, Any] = {}
    # The recipients block keeps the form's own default lines; a report's number is typed.
    skip.add(form.recipients_field or "")
    fields = [f for f in form.fields() if f.type != "record" and f.id not in skip]
    for fld in fields:
        header = fld.id in (form.place_field, form.date_field)  # offices always date what they print
        # A finished form leaves no box unticked and no item as dots; a draft may skip what is optional.
        if not fld.required and not header and rng.random() < 0.4 and not complete:
            continue
        if fld.type == "rows":
            if fld.required_unless and answers.get(fld.required_unless) is True:
                continue
            answers[fld.id] = _rows(fld, rng)
        else:
            answers[fld.id] = _value(fld, rng, long=form.id in ("02B", "01"))
    # The place of the date line is left to the tree (a ward dates at its ward, an agency at the city:
    # forms/headers.toml); drawn above all the same, so the rest of the demo keeps its draws.
    answers.pop(form.place_field or "", None)
    if fld_name := next((f.id for f in fields if f.id == "full_name"), None):
        answers[fld_name] = subject_name
    _consistent(form.id, facts or {}, answers, rng)
    if not complete:
        # A draft: the office stopped somewhere in the middle of the form.
        required = [f.id for f in fields if f.required and f.id in answers]
        cut = set(rng.sample(required, max(1, len(required) // 2))) if required else set()
        cut |= {f.required_unless for f in fields if f.required_unless}  # an unticked waiver leaves a gap
        answers = {k: v for k, v in answers.items() if k not in cut}
    return answers
