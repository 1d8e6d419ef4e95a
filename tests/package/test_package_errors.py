"""Every package error speaks Vietnamese and says what was kept safe."""

from __future__ import annotations

import string
import unicodedata
from collections import defaultdict

import pytest

from chilinh_desktop.package.errors import MESSAGES, PackageError, package_error

_VIETNAMESE_LETTERS = set("ăâđêôơưáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ")


@pytest.mark.parametrize("code", sorted(MESSAGES))
def test_message_is_vietnamese_and_says_what_was_kept(code):
    fields = {name for _, name, _, _ in string.Formatter().parse(MESSAGES[code]) if name}
    message = package_error(code, **dict.fromkeys(fields, "X")).message
    assert message == unicodedata.normalize("NFC", message)
    assert _VIETNAMESE_LETTERS & set(message.lower())
    assert "Không có gì được ghi" in message or "đã được xóa" in message
    assert code.split(".")[0] in {"io", "keys", "sig", "age", "zip", "bag", "package", "received"}


def test_error_carries_code_message_and_subject():
    error = package_error("zip.path_escape", name="../x")
    assert isinstance(error, PackageError)
    assert (error.code, error.subject) == ("zip.path_escape", "../x")
    assert "../x" in error.message


def test_a_missing_field_is_a_bug_not_a_blank():
    with pytest.raises(KeyError):
        package_error("zip.path_escape", **defaultdict(str))
