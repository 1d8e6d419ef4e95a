"""Errors of the package layer: a stable machine code plus a Vietnamese message for a person.

Every code and its message template live in one table, so the set of codes is visible in one place
and a test can check that every message is real Vietnamese.
"""

from __future__ import annotations

import errno

from chilinh_desktop.core.errors import ChilinhError

# Shared endings, so every message says what was kept safe and what to do next.
_NOTHING_WRITTEN = "Không có gì được ghi hay thay đổi."
_ASK_RESEND = "Không dùng gói này; hãy đề nghị nơi gửi xuất lại gói và chép lại vào USB."


def _kept(what: str, todo: str) -> str:
    return f"{what} {_NOTHING_WRITTEN} {todo}"


def _refused(what: str) -> str:
    # For anything wrong with a received file: the sender has to make a new one.
    return _kept(what, _ASK_RESEND)


MESSAGES: dict[str, str] = {
    # Files on disk or on a USB stick.
    "io.write_failed": "Không ghi được tệp {path} ({reason}). Tệp ghi dở đã được xóa, không có tệp "
    "nào mang tên này được tạo ra. Hãy kiểm tra chỗ trống trên ổ đĩa hoặc USB, cắm lại USB rồi "
    "thử lại.",
    "io.read_failed": _kept(
        "Không đọc được tệp {path} ({reason}).",
        "Hãy kiểm tra tệp còn đó và USB vẫn cắm, rồi thử lại.",
    ),
    # Signing keys, age identities and their backup.
    "keys.passphrase_required": _kept(
        "Khóa ký được bảo vệ bằng mật khẩu nhưng chưa nhập mật khẩu.",
        "Hãy nhập mật khẩu của khóa rồi thử lại.",
    ),
    "keys.passphrase_empty": _kept(
        "Mật khẩu không được để trống.", "Hãy đặt một mật khẩu rồi thử lại."
    ),
    "keys.wrong_passphrase": _kept(
        "Mật khẩu không đúng, không mở được khóa ký.",
        "Hãy kiểm tra lại mật khẩu (chữ hoa, chữ thường, dấu tiếng Việt) rồi thử lại.",
    ),
    "keys.invalid_private_key": _kept(
        "Đây không phải là khóa ký OpenSSH hợp lệ.", "Hãy chọn đúng tệp khóa ký."
    ),
    "keys.wrong_key_type": _kept(
        "Khóa thuộc loại {key_type}, không phải Ed25519.",
        "Hãy dùng khóa Ed25519 do chương trình tạo ra.",
    ),
    "keys.invalid_public_key": _kept(
        "Khóa công khai không hợp lệ ({detail}).",
        'Hãy chép lại nguyên dòng khóa bắt đầu bằng "ssh-ed25519".',
    ),
    "keys.invalid_age_key": _kept(
        "Khóa mã hóa age không hợp lệ ({detail}).",
        'Hãy chép lại nguyên dòng khóa bắt đầu bằng "AGE-SECRET-KEY-1".',
    ),
    "keys.unsupported": _kept(
        "Máy này thiếu thành phần để khóa tệp khóa ký bằng mật khẩu ({detail}).",
        "Hãy cài đặt lại chương trình.",
    ),
    "keys.backup_wrong_passphrase": _kept(
        "Mật khẩu không đúng hoặc tệp sao lưu khóa đã bị hỏng.",
        "Hãy kiểm tra lại mật khẩu rồi thử lại.",
    ),
    "keys.backup_invalid": _kept(
        "Tệp này không phải là bản sao lưu khóa của chương trình ({detail}).",
        "Hãy chọn đúng tệp sao lưu khóa.",
    ),
    # OpenSSH signatures (SSHSIG).
    "sig.bad_armor": _refused(
        'Không đọc được chữ ký: phần bao "SSH SIGNATURE" bị thiếu, cắt cụt hoặc hỏng.'
    ),
    "sig.malformed": _refused("Chữ ký sai cấu trúc ({detail})."),
    "sig.unsupported": _refused(
        "Chữ ký dùng loại không được hỗ trợ ({detail}); chỉ chấp nhận chữ ký Ed25519."
    ),
    "sig.wrong_namespace": _refused(
        'Chữ ký được tạo cho mục đích khác ("{found}"), không phải cho gói hồ sơ ("{expected}").'
    ),
    "sig.invalid": _refused(
        "Chữ ký không khớp với nội dung: nội dung đã bị thay đổi sau khi ký, hoặc chữ ký bị sửa."
    ),
    "sig.wrong_key": _kept(
        "Chữ ký do một khóa khác ký ({found}), không phải khóa đã đăng ký ({expected}).",
        "Hãy đối chiếu dấu vân tay khóa trên phiếu bàn giao với màn hình.",
    ),
    # age encryption of confidential files.
    "age.bad_recipient": _kept(
        "Khóa nhận của Ban Tổ chức không hợp lệ ({detail}).",
        "Hãy nhập lại bộ tài liệu chu kỳ do Ban Tổ chức phát hành.",
    ),
    "age.bad_identity": _kept(
        "Khóa giải mã không hợp lệ ({detail}).", "Hãy kiểm tra lại khóa rồi thử lại."
    ),
    "age.not_age": _refused("Dữ liệu không phải là tệp mã hóa age."),
    "age.wrong_identity": _kept(
        "Khóa giải mã của máy này không mở được tệp: tệp được mã hóa cho người nhận khác.",
        "Hãy dùng đúng khóa của Ban Tổ chức (khôi phục từ bản sao lưu khóa nếu cần).",
    ),
    "age.corrupt": _refused("Tệp mã hóa bị hỏng hoặc bị cắt cụt ({detail})."),
    # Untrusted ZIP archives, checked before anything is extracted.
    "zip.not_zip": _kept("Tệp {path} không phải là tệp ZIP.", "Hãy chọn đúng tệp gói."),
    "zip.truncated": _refused(
        "Tệp ZIP {path} bị cắt cụt (chép chưa xong hoặc USB bị rút ra giữa chừng)."
    ),
    "zip.corrupt": _refused('Tệp ZIP bị hỏng ở mục "{name}" ({detail}).'),
    "zip.too_many_entries": _refused("Tệp ZIP có {count} mục, vượt giới hạn {limit}."),
    "zip.bad_name": _refused(
        'Tên mục "{name}" trong tệp ZIP không hợp lệ (rỗng, có "." hoặc "//").'
    ),
    "zip.control_char": _refused("Tên mục {name!r} trong tệp ZIP chứa ký tự điều khiển."),
    "zip.backslash": _refused(
        'Tên mục "{name}" trong tệp ZIP dùng dấu "\\" làm dấu phân cách thư mục.'
    ),
    "zip.absolute_path": _refused(
        'Mục "{name}" trong tệp ZIP là đường dẫn tuyệt đối, có thể ghi đè tệp ngoài thư mục gói.'
    ),
    "zip.drive_letter": _refused(
        'Mục "{name}" trong tệp ZIP chứa ký tự ổ đĩa, có thể ghi ra ngoài thư mục gói.'
    ),
    "zip.path_escape": _refused('Mục "{name}" trong tệp ZIP có ".." để trỏ ra ngoài thư mục gói.'),
    "zip.windows_name": _refused(
        'Tên mục "{name}" trong tệp ZIP không dùng được trên Windows (ký tự cấm hoặc tên thiết bị).'
    ),
    "zip.name_too_long": _refused('Tên mục "{name}" trong tệp ZIP dài quá {limit} byte.'),
    "zip.unicode_trick": _refused(
        "Tên mục {name!r} trong tệp ZIP có ký tự Unicode đánh lừa (ký tự ẩn, đảo chiều hoặc giả "
        "dấu chấm, dấu gạch chéo)."
    ),
    "zip.duplicate_name": _refused('Tệp ZIP có hai mục cùng tên "{name}".'),
    "zip.case_duplicate": _refused(
        'Tệp ZIP có hai mục chỉ khác nhau chữ hoa, chữ thường: "{name}" và "{other}".'
    ),
    "zip.confusable_duplicate": _refused(
        "Tệp ZIP có hai mục trông giống hệt nhau: {name!r} và {other!r}."
    ),
    "zip.path_conflict": _refused('Mục "{name}" trong tệp ZIP vừa là tệp vừa là thư mục.'),
    "zip.symlink": _refused(
        'Mục "{name}" trong tệp ZIP là liên kết tượng trưng (symlink), có thể trỏ ra ngoài thư '
        "mục gói."
    ),
    "zip.special_file": _refused(
        'Mục "{name}" trong tệp ZIP là tệp đặc biệt, không phải tệp thường.'
    ),
    "zip.encrypted": _refused(
        'Mục "{name}" trong tệp ZIP được đặt mật khẩu ZIP; gói hồ sơ không dùng kiểu này.'
    ),
    "zip.unsupported_method": _refused(
        'Mục "{name}" trong tệp ZIP dùng kiểu nén không được hỗ trợ ({method}).'
    ),
    "zip.file_too_large": _refused(
        'Mục "{name}" trong tệp ZIP lớn {size} byte, vượt giới hạn {limit} byte.'
    ),
    "zip.total_too_large": _refused(
        "Tổng dung lượng giải nén của tệp ZIP vượt giới hạn {limit} byte."
    ),
    "zip.ratio_too_high": _refused(
        'Mục "{name}" trong tệp ZIP nén với tỷ lệ {ratio}:1, vượt giới hạn {limit}:1 (dấu hiệu '
        '"bom ZIP").'
    ),
    "zip.overlapping_entries": _refused(
        'Các mục "{name}" và "{other}" trong tệp ZIP chồng lên nhau (dấu hiệu "bom ZIP").'
    ),
    "zip.size_mismatch": _refused(
        'Mục "{name}" trong tệp ZIP giải nén ra nhiều hơn kích thước đã khai.'
    ),
    # BagIt bags.
    "bag.missing_tag_file": _refused('Gói thiếu tệp "{name}" bắt buộc theo chuẩn BagIt.'),
    "bag.bad_declaration": _refused(
        'Tệp bagit.txt không khai đúng "BagIt-Version: 1.0" và mã UTF-8 ({detail}).'
    ),
    "bag.info_invalid": _refused("Tệp bag-info.txt không hợp lệ ({detail})."),
    "bag.manifest_invalid": _refused("Tệp {name} không hợp lệ ({detail})."),
    "bag.bad_payload_name": _refused(
        'Tên tệp dữ liệu "{name}" không hợp lệ: chỉ được dùng chữ cái, chữ số và . _ - không dấu.'
    ),
    "bag.payload_changed": _refused(
        'Tệp dữ liệu "{name}" đã bị thay đổi sau khi đóng gói (mã băm không khớp).'
    ),
    "bag.tag_changed": _refused(
        'Tệp mô tả gói "{name}" đã bị thay đổi sau khi đóng gói (mã băm không khớp).'
    ),
    "bag.file_missing": _refused('Gói thiếu tệp "{name}" có trong danh sách kiểm tra.'),
    "bag.file_unlisted": _refused('Gói có tệp lạ "{name}" không nằm trong danh sách kiểm tra.'),
    "bag.oxum_mismatch": _refused(
        "Tổng dung lượng và số tệp dữ liệu ({found}) không khớp với Payload-Oxum đã khai "
        "({expected})."
    ),
    "bag.signature_missing": _refused('Gói không có chữ ký (tệp "{name}").'),
    "bag.fingerprint_mismatch": _refused(
        "Dấu vân tay khai trong bag-info.txt ({expected}) khác với khóa đã ký gói ({found})."
    ),
    # Trust at the Board: what a unit's package may carry and which key may sign it.
    "package.info_invalid": _refused('Nhãn "{label}" trong tệp bag-info.txt không hợp lệ ({detail}).'),
    "package.exported_at_invalid": _refused(
        'Thời điểm xuất gói "{value}" không phải ngày giờ theo ISO 8601 có múi giờ.'
    ),
    "package.exported_at_early": _refused(
        "Thời điểm xuất gói {value} sớm hơn đầu năm của chu kỳ ({start})."
    ),
    "package.exported_at_future": _kept(
        "Thời điểm xuất gói {value} muộn hơn đồng hồ của máy này ({now}) quá một ngày.",
        "Hãy kiểm tra ngày giờ của máy này; nếu máy của đơn vị sai giờ, đề nghị đơn vị chỉnh giờ rồi "
        "xuất lại gói.",
    ),
    "package.unexpected_file": _refused(
        'Gói có tệp dữ liệu "{name}" không thuộc cấu trúc của gói hồ sơ.'
    ),
    "package.officials_mismatch": _refused(
        "Danh sách cán bộ trong unit.json không khớp với các tệp officials/ của gói ({detail})."
    ),
    "package.text_refused": _refused(
        'Tệp dữ liệu {name} của gói có trường "{field}" không hợp lệ: {problem}. Chương trình không nhận '
        "nội dung mà ô nhập liệu của mẫu biểu cũng không nhận."
    ),
    "package.scan_refused": _refused(
        'Tệp đính kèm "{name}" của gói không phải tệp PDF, PNG, JPEG hoặc TIFF nguyên vẹn ({detail}); '
        "chính đơn vị cũng không thể đính kèm tệp này."
    ),
    "package.sealed_mismatch": _refused(
        "Gói niêm phong và gói bên trong không khớp nhau ({labels})."
    ),
    "package.foreign_record": _kept(
        "Gói của đơn vị {unit} mang hồ sơ không thuộc đơn vị này: {record}.",
        "Không dùng gói này; hãy đề nghị đơn vị đối chiếu danh sách cán bộ với bộ tài liệu chu kỳ "
        "rồi xuất lại gói.",
    ),
    "package.not_permitted": _kept(
        "Gói của đơn vị {unit} ghi {count} quyết định phê duyệt việc đột phá, sáng tạo, nhưng trong chu kỳ "
        "này việc đó do Ban Tổ chức phê duyệt, đơn vị không có thẩm quyền quyết định.",
        "Không dùng gói này; hãy đề nghị đơn vị nhận bộ tài liệu chu kỳ mới nhất rồi xuất lại gói.",
    ),
    "package.key_ambiguous": _kept(
        "Trong cùng một lần nhập có {count} khóa ký mới khác nhau cho đơn vị {unit} ({fingerprints}), "
        "nên không khóa nào được tin.",
        "Hãy đối chiếu dấu vân tay với phiếu bàn giao, nhập riêng gói đúng rồi chấp nhận khóa của nó, "
        "và báo cho đơn vị về gói còn lại.",
    ),
    "package.key_shared": _kept(
        "Khóa ký {fingerprint} được dùng để ký gói của nhiều đơn vị ({units}); một khóa chỉ được "
        "thuộc về một đơn vị.",
        "Hãy đối chiếu phiếu bàn giao của từng đơn vị: mỗi đơn vị phải ký bằng khóa riêng của mình.",
    ),
    "package.key_taken": _kept(
        "Khóa ký {fingerprint} đã được ghi nhận cho đơn vị {other}, không thể dùng cho đơn vị {unit}.",
        "Hãy đối chiếu phiếu bàn giao của đơn vị {unit}: đơn vị phải ký bằng khóa riêng của mình.",
    ),
    "package.key_changed": _kept(
        "Khóa ký đã ghi nhận của đơn vị {unit} đã thay đổi trong lúc nhập gói.",
        "Hãy nhập lại gói để kiểm tra theo khóa hiện có.",
    ),
    "package.unreadable": _refused("Không kiểm tra được gói này ({detail})."),
    "received.confidential_mismatch": _kept(
        'Tệp mật "{name}" không khớp với {what}, nên nội dung giải mã không được ghi ra tệp nào; bản '
        "gói lưu tại Ban Tổ chức vẫn giữ nguyên.",
        "Hãy đề nghị đơn vị xuất lại gói và nộp lại.",
    ),
    "received.damaged": _kept(
        "Gói {package} lưu tại Ban Tổ chức đã bị hỏng ({detail}), nên không đọc được tệp nào trong gói.",
        "Hãy khôi phục tệp dữ liệu từ bản sao lưu, hoặc đề nghị đơn vị nộp lại gói rồi nhập lại.",
    ),
    "bag.source_unreadable": 'Không đọc được tệp nguồn "{path}" để đóng gói ({reason}). Tệp gói '
    "ghi dở đã được xóa, không có gói nào được tạo ra. Hãy kiểm tra tệp nguồn rồi xuất lại.",
    "bag.write_verify_failed": "Gói vừa ghi ra {path} không vượt qua bước đọc lại để kiểm tra "
    "(mã lỗi: {codes}). Tệp đã được xóa, không có gói nào được tạo ra. Hãy thử xuất lại; nếu vẫn "
    "lỗi, hãy dùng USB khác.",
}


class PackageError(ChilinhError):
    """A package-layer failure: `code` is stable for programs, `message` Vietnamese for people.

    A ChilinhError like every other failure, so the CLI and the window report it in Vietnamese
    without special cases.
    """

    def __init__(self, code: str, message: str, subject: str | None = None) -> None:
        super().__init__(message, code=code)
        # The file or entry the error is about, so a report can list problems per item.
        self.subject = subject


def package_error(code: str, **fields: object) -> PackageError:
    """Build the PackageError for `code`, filling its Vietnamese template with `fields`."""
    subject = fields.get("name", fields.get("path"))
    message = MESSAGES[code].format(**fields)
    return PackageError(code, message, None if subject is None else str(subject))


# Vietnamese causes for the OS errors a person can act on; others fall back to the system's text.
_OS_REASONS = {
    errno.ENOSPC: "ổ đĩa đã hết chỗ trống",
    errno.EIO: "lỗi đọc ghi thiết bị, có thể USB đã bị rút ra",
    errno.ENOENT: "không tìm thấy tệp hoặc thư mục, có thể USB đã bị rút ra",
    errno.EACCES: "không có quyền truy cập",
    errno.EPERM: "không có quyền truy cập",
    errno.EROFS: "ổ đĩa chỉ cho phép đọc",
}


def describe_os_error(exc: OSError) -> str:
    """Say in Vietnamese why an OS call failed, keeping the system's text for unusual causes."""
    return _OS_REASONS.get(exc.errno or 0) or exc.strerror or str(exc)
