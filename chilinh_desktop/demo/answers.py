"""Plausible answers for the demo's filled-in form items."""

from __future__ import annotations

import random
from typing import Any

from chilinh_desktop.core.cycles import ItemKind

FORM_VERSION = "2023.1"

_ACHIEVEMENTS = (
    "Chấp hành nghiêm chủ trương, đường lối của Đảng, chính sách, pháp luật của Nhà nước.",
    "Hoàn thành các chỉ tiêu được giao, trong đó nhiều chỉ tiêu vượt kế hoạch.",
    "Giữ gìn phẩm chất đạo đức, lối sống giản dị, gần gũi quần chúng.",
    "Chủ động đề xuất giải pháp tháo gỡ khó khăn trong công tác chuyên môn.",
)
_SHORTCOMINGS = (
    "Việc kiểm tra, đôn đốc thực hiện nhiệm vụ có lúc chưa thường xuyên.",
    "Công tác tham mưu một số nội dung còn chậm so với yêu cầu.",
    "Việc nghiên cứu, cập nhật văn bản mới có lúc chưa kịp thời.",
)


def sample_answers(item: ItemKind, subject_name: str, rng: random.Random) -> dict[str, Any]:
    """Answers that a diligent office would have typed for this item."""
    return {
        "subject": subject_name,
        "achievements": " ".join(rng.sample(_ACHIEVEMENTS, 3)),
        "shortcomings": rng.choice(_SHORTCOMINGS),
    }
