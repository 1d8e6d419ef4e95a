"""Fictional Vietnamese names and places for the demo city (no real person intended)."""

from __future__ import annotations

import random

SURNAMES = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý",
            "Phan", "Trịnh", "Đinh", "Lương", "Tạ", "Mạc", "Cao")
MIDDLE_MALE = ("Văn", "Đức", "Minh", "Quang", "Hữu", "Thành", "Công", "Xuân", "Đình", "Ngọc", "Mạnh", "Trọng")
MIDDLE_FEMALE = ("Thị", "Thu", "Thanh", "Ngọc", "Hồng", "Phương", "Minh", "Kim", "Diệu", "Thúy")
GIVEN_MALE = ("Hải", "Dũng", "Tuấn", "Hùng", "Cường", "Long", "Thắng", "Sơn", "Toàn", "Khánh", "Phúc", "Lâm",
              "Quân", "Đạt", "Trung", "Kiên", "Việt", "Bình", "Tiến", "Nghĩa", "Hiếu", "Thịnh", "Vinh", "Hưng")
GIVEN_FEMALE = ("Lan", "Hương", "Mai", "Hạnh", "Nga", "Thảo", "Yến", "Linh", "Trang", "Hà", "Loan", "Nhung",
                "Huyền", "Giang", "Thủy", "Oanh", "Dung", "Vân")

WARDS = (
    ("Phường", "Minh Khai"), ("Phường", "Thanh Bình"), ("Phường", "Đông Phong"), ("Phường", "Tây Sơn"),
    ("Phường", "Hòa Bình"), ("Phường", "Tân Tiến"), ("Phường", "An Lạc"), ("Phường", "Phú Thịnh"),
    ("Phường", "Quang Trung"), ("Phường", "Văn Đức"), ("Phường", "Hưng Đạo"), ("Phường", "Lê Lợi"),
    ("Xã", "Hồng Phong"), ("Xã", "Bắc An"), ("Xã", "Nam Sơn"), ("Xã", "Kỳ Lân"), ("Xã", "Lạc Long"),
    ("Xã", "Tân Phú"), ("Xã", "Đồng Tâm"),
)

# (code prefix, type, name, cadre posts) for the units under the city that are not wards.
AGENCIES = (
    ("VPTU", "phong_ban", "Văn phòng Thành ủy", ("Chánh Văn phòng Thành ủy", "Phó Chánh Văn phòng Thành ủy")),
    ("BTC", "phong_ban", "Ban Tổ chức Thành ủy", ("Trưởng Ban Tổ chức Thành ủy", "Phó Trưởng Ban Tổ chức Thành ủy")),
    ("BTG", "phong_ban", "Ban Tuyên giáo Thành ủy", ("Trưởng Ban Tuyên giáo Thành ủy", "Phó Trưởng Ban Tuyên giáo")),
    ("UBKT", "phong_ban", "Ủy ban Kiểm tra Thành ủy", ("Chủ nhiệm Ủy ban Kiểm tra", "Phó Chủ nhiệm Ủy ban Kiểm tra")),
    ("BDV", "phong_ban", "Ban Dân vận Thành ủy", ("Trưởng Ban Dân vận Thành ủy", "Phó Trưởng Ban Dân vận")),
    ("VPUB", "phong_ban", "Văn phòng HĐND và UBND thành phố", ("Chánh Văn phòng", "Phó Chánh Văn phòng")),
    ("PNV", "phong_ban", "Phòng Nội vụ", ("Trưởng phòng Nội vụ", "Phó Trưởng phòng Nội vụ")),
    ("PTCKH", "phong_ban", "Phòng Tài chính – Kế hoạch", ("Trưởng phòng Tài chính – Kế hoạch", "Phó Trưởng phòng")),
    ("PTP", "phong_ban", "Phòng Tư pháp", ("Trưởng phòng Tư pháp", "Phó Trưởng phòng Tư pháp")),
    ("PGD", "phong_ban", "Phòng Giáo dục và Đào tạo", ("Trưởng phòng Giáo dục và Đào tạo", "Phó Trưởng phòng")),
    ("PYT", "phong_ban", "Phòng Y tế", ("Trưởng phòng Y tế", "Phó Trưởng phòng Y tế")),
    ("PVH", "phong_ban", "Phòng Văn hóa và Thông tin", ("Trưởng phòng Văn hóa và Thông tin", "Phó Trưởng phòng")),
    ("PLD", "phong_ban", "Phòng Lao động – Thương binh và Xã hội", ("Trưởng phòng", "Phó Trưởng phòng")),
    ("PTNMT", "phong_ban", "Phòng Tài nguyên và Môi trường", ("Trưởng phòng", "Phó Trưởng phòng")),
    ("PQLDT", "phong_ban", "Phòng Quản lý đô thị", ("Trưởng phòng Quản lý đô thị", "Phó Trưởng phòng")),
    ("PKT", "phong_ban", "Phòng Kinh tế", ("Trưởng phòng Kinh tế", "Phó Trưởng phòng Kinh tế")),
    ("TTRA", "phong_ban", "Thanh tra thành phố", ("Chánh Thanh tra", "Phó Chánh Thanh tra")),
    ("MTTQ", "mttq_doan_the", "Ủy ban MTTQ Việt Nam thành phố", ("Chủ tịch Ủy ban MTTQ", "Phó Chủ tịch Ủy ban MTTQ")),
    ("TDOAN", "mttq_doan_the", "Thành đoàn", ("Bí thư Thành đoàn", "Phó Bí thư Thành đoàn")),
    ("HLHPN", "mttq_doan_the", "Hội Liên hiệp Phụ nữ thành phố", ("Chủ tịch Hội LHPN", "Phó Chủ tịch Hội LHPN")),
    ("HND", "mttq_doan_the", "Hội Nông dân thành phố", ("Chủ tịch Hội Nông dân", "Phó Chủ tịch Hội Nông dân")),
    ("HCCB", "mttq_doan_the", "Hội Cựu chiến binh thành phố", ("Chủ tịch Hội CCB", "Phó Chủ tịch Hội CCB")),
    ("LDLD", "mttq_doan_the", "Liên đoàn Lao động thành phố", ("Chủ tịch LĐLĐ", "Phó Chủ tịch LĐLĐ")),
    ("TTYT", "don_vi_su_nghiep", "Trung tâm Y tế thành phố", ("Giám đốc Trung tâm", "Phó Giám đốc Trung tâm")),
    ("TTVH", "don_vi_su_nghiep", "Trung tâm Văn hóa, Thông tin và Thể thao", ("Giám đốc Trung tâm", "Phó Giám đốc")),
    ("BQLDA", "don_vi_su_nghiep", "Ban Quản lý dự án đầu tư xây dựng", ("Giám đốc Ban", "Phó Giám đốc Ban")),
    ("TTCT", "don_vi_su_nghiep", "Trung tâm Chính trị thành phố", ("Giám đốc Trung tâm", "Phó Giám đốc")),
    ("TTQD", "don_vi_su_nghiep", "Trung tâm Phát triển quỹ đất", ("Giám đốc Trung tâm", "Phó Giám đốc")),
    ("DQLTT", "don_vi_su_nghiep", "Đội Quản lý trật tự đô thị", ("Đội trưởng", "Đội phó")),
    ("TTGDNN", "don_vi_su_nghiep", "Trung tâm GDNN – GDTX thành phố", ("Giám đốc Trung tâm", "Phó Giám đốc")),
    ("DVMT", "don_vi_su_nghiep", "Ban Quản lý các công trình công cộng", ("Trưởng ban", "Phó Trưởng ban")),
    ("DBCQ", "dang_bo_co_so", "Đảng bộ Cơ quan Chính quyền thành phố", ("Bí thư Đảng ủy", "Phó Bí thư Đảng ủy")),
    ("DBQS", "dang_bo_co_so", "Đảng bộ Quân sự thành phố", ("Bí thư Đảng ủy, Chỉ huy trưởng", "Phó Bí thư Đảng ủy")),
    ("DBCA", "dang_bo_co_so", "Đảng bộ Công an thành phố", ("Bí thư Đảng ủy, Trưởng Công an", "Phó Bí thư Đảng ủy")),
    ("DBDN", "dang_bo_co_so", "Đảng bộ Khối Doanh nghiệp", ("Bí thư Đảng ủy", "Phó Bí thư Đảng ủy")),
    ("DBDDT", "dang_bo_co_so", "Đảng bộ Cơ quan Đảng – Đoàn thể", ("Bí thư Đảng ủy", "Phó Bí thư Đảng ủy")),
    ("CBVKS", "chi_bo_co_so", "Chi bộ Viện Kiểm sát nhân dân thành phố", ("Bí thư Chi bộ, Viện trưởng", "Phó Viện trưởng")),
    ("CBTA", "chi_bo_co_so", "Chi bộ Tòa án nhân dân thành phố", ("Bí thư Chi bộ, Chánh án", "Phó Chánh án")),
    ("CBTHA", "chi_bo_co_so", "Chi bộ Chi cục Thi hành án dân sự", ("Bí thư Chi bộ, Chi cục trưởng", "Phó Chi cục trưởng")),
    ("CBTHUE", "chi_bo_co_so", "Chi bộ Chi cục Thuế khu vực", ("Bí thư Chi bộ, Chi cục trưởng", "Phó Chi cục trưởng")),
    ("CBKB", "chi_bo_co_so", "Chi bộ Kho bạc Nhà nước thành phố", ("Bí thư Chi bộ, Giám đốc", "Phó Giám đốc")),
)

# Which party committee an agency's cell belongs to: the boards of the city committee, the Front and the
# mass organisations under the committee of the party and mass-organisation agencies; government
# departments and public service units under the committee of the government agencies.
AGENCY_CELLS_UNDER = {"phong_ban": "DBCQ", "don_vi_su_nghiep": "DBCQ", "mttq_doan_the": "DBDDT"}
PARTY_BODY_SUFFIX = " Thành ủy"


def agency_cell_parent(unit_type: str, name: str) -> str | None:
    """The code of the committee an agency's party cell sits under (None: the unit is itself party)."""
    if unit_type not in AGENCY_CELLS_UNDER:
        return None
    return "DBDDT" if name.endswith(PARTY_BODY_SUFFIX) else AGENCY_CELLS_UNDER[unit_type]


WARD_POSTS = (
    ("Bí thư Đảng ủy", "", ""),
    ("Phó Bí thư Thường trực Đảng ủy", "Chủ tịch HĐND", ""),
    ("Phó Bí thư Đảng ủy", "Chủ tịch UBND", ""),
    ("Ủy viên Ban Thường vụ Đảng ủy", "Phó Chủ tịch UBND", ""),
    ("Ủy viên Ban Thường vụ Đảng ủy", "Phó Chủ tịch UBND", ""),
    ("Ủy viên Ban Chấp hành Đảng ủy", "", "Chủ tịch Ủy ban MTTQ"),
    ("Ủy viên Ban Chấp hành Đảng ủy", "Phó Chủ tịch HĐND", ""),
)

CELL_NAMES = ("Khu dân cư số {n}", "Trường Tiểu học {place}", "Trường THCS {place}", "Trạm Y tế {place}",
              "Công an {kind} {place}", "Quân sự {kind} {place}", "Cơ quan {kind} {place}")

RESIDENCE_EXEMPTIONS = (
    "Công tác trong lực lượng vũ trang, cư trú ngoài địa bàn thành phố",
    "Đang học tập trung 12 tháng tại Học viện Chính trị quốc gia",
    "Cán bộ biệt phái, tạm trú ngoài tỉnh trong năm",
)


def person(rng: random.Random, used: set[str]) -> tuple[str, str]:
    """A fresh full name and gender ('Nam'/'Nữ'); never the same name twice in one city."""
    while True:
        female = rng.random() < 0.35
        middle = rng.choice(MIDDLE_FEMALE if female else MIDDLE_MALE)
        given = rng.choice(GIVEN_FEMALE if female else GIVEN_MALE)
        name = f"{rng.choice(SURNAMES)} {middle} {given}"
        if name not in used:
            used.add(name)
            return name, "Nữ" if female else "Nam"
