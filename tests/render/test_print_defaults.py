"""The font embedded is reported when Times New Roman is missing; margins default to the handbook's (data)."""

from __future__ import annotations

from chilinh_desktop.cli import main
from chilinh_desktop.core.definitions import SHIPPED
from chilinh_desktop.formspec import load_form, load_scales
from chilinh_desktop.render.document import FilledForm, render_document
from chilinh_desktop.render.fonts import font_note, serif_family
from chilinh_desktop.render.settings import MARGINS_SETTING, PrintSettings, default_margins, print_settings

VALUES = {"header.superior": "Đảng bộ thành phố Minh Giang", "header.issuer": "Chi bộ Phòng Nội vụ",
          "official.full_name": "Đỗ Thị Hà", "cycle.year": 2023}


def _document(settings: PrintSettings | None = None):
    filled = FilledForm(load_form("02B", "2023.2", definitions=SHIPPED), {"document_date": "2023-11-28"}, VALUES,
                        load_scales("2023", definitions=SHIPPED))
    return render_document(filled, settings or PrintSettings(default_margins(SHIPPED)))


def test_the_render_says_which_font_it_embedded_and_what_that_means():
    rendered = _document()
    assert rendered.font == serif_family().family
    assert rendered.pdf.startswith(b"%PDF")
    if rendered.font == "Times New Roman":
        assert rendered.font_note == ""
    else:
        assert rendered.font in rendered.font_note and "Times New Roman" in rendered.font_note
    assert font_note("Times New Roman") == ""


def test_print_names_the_font_used_instead_of_times_new_roman(demo_store, demo_path, tmp_path, capsys):
    official = demo_store.db.execute("SELECT official_id FROM dossiers WHERE official_id IS NOT NULL "
                                     "LIMIT 1").fetchone()[0]
    demo_store.close()
    assert main(["print", "02B", "--db", str(demo_path), "--official", official, "--out", str(tmp_path / "a.pdf")]) == 0
    out = capsys.readouterr().out
    family = serif_family().family
    assert (family in out and "Times New Roman" in out) is (family != "Times New Roman")


def test_margins_default_to_the_handbook_and_a_setting_overrides_them(store, pdf_tools):
    assert default_margins(SHIPPED) == (25.0, 25.0, 35.0, 15.0)
    assert print_settings(store).margins_mm == (25.0, 25.0, 35.0, 15.0)
    store.set_setting(MARGINS_SETTING, "20,20,30,15")
    assert print_settings(store).margins_mm == (20.0, 20.0, 30.0, 15.0)
    # The left margin shows on paper: the header's first line starts 35 mm from the edge, or further in.
    lines = pdf_tools["layout"](_document().pdf)
    assert min(int(line.split()[2][1:]) for line in lines if line.startswith("p1 ")) >= 35
    narrow = pdf_tools["layout"](_document(PrintSettings(margins_mm=(20, 20, 30, 15))).pdf)
    assert min(int(line.split()[2][1:]) for line in narrow if line.startswith("p1 ")) < 35
