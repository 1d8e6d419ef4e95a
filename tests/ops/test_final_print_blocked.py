"""A rule error blocks the final print as it blocks the sign-off; drafts still print, listing it (issue 23)."""

from __future__ import annotations

import pytest

from chilinh_desktop.core.cycles import get_cycle
from chilinh_desktop.core.dossiers import find_dossier
from chilinh_desktop.core.errors import ValidationError
from chilinh_desktop.core.rules import evaluate
from chilinh_desktop.ops.printing import can_print_final, print_item, print_unit
from chilinh_desktop.ops.signoff import SignOffRefused, sign_off


@pytest.fixture
def numbered_twice(demo_store):
    """The demo unit whose two reports carry one number (planted), its cycle and its dossier."""
    cycle = get_cycle(demo_store)
    finding = next(f for f in evaluate(demo_store, cycle) if f.rule.endswith(".document_numbers"))
    [unit_code] = finding.units
    return cycle, unit_code, find_dossier(demo_store, cycle, unit_code=unit_code), finding


def test_the_final_print_is_refused_and_says_why(demo_store, numbered_twice):
    cycle, _unit, dossier, finding = numbered_twice
    assert not can_print_final(demo_store, cycle, dossier.id, "classification_report")
    with pytest.raises(ValidationError) as refused:
        print_item(demo_store, cycle, dossier.id, "classification_report", final=True)
    assert "Không in bản chính thức" in str(refused.value) and finding.message in str(refused.value)
    assert print_item(demo_store, cycle, dossier.id, "classification_report", final=False).draft


def test_the_sign_off_is_refused_for_the_same_error(demo_store, numbered_twice):
    cycle, unit_code, _dossier, finding = numbered_twice
    with pytest.raises(SignOffRefused) as refused:
        sign_off(demo_store, cycle, unit_code, by="Nguyễn Văn An", acknowledge=True)
    assert refused.value.code == "rules.errors" and finding in refused.value.findings


def test_print_all_prints_that_dossier_as_drafts_and_lists_the_error(demo_store, numbered_twice, tmp_path):
    cycle, unit_code, _dossier, finding = numbered_twice
    run = print_unit(demo_store, cycle, unit_code, tmp_path, workers=1)
    assert any(finding.message in note for note in run.notes)
    assert 0 < run.drafts < len(run.paths)  # cadres' complete dossiers without errors still print final


def test_a_complete_dossier_without_errors_prints_final(demo_store):
    cycle = get_cycle(demo_store)
    dossier = find_dossier(demo_store, cycle, unit_code="DB08")  # complete, no planted finding
    assert can_print_final(demo_store, cycle, dossier.id, "collective_report")
    assert not print_item(demo_store, cycle, dossier.id, "collective_report", final=True).draft


def test_the_command_line_prints_a_draft_and_says_which_error_holds_it(demo_store, demo_path, numbered_twice,
                                                                       tmp_path, capsys):
    from chilinh_desktop.cli import main

    _cycle, unit_code, _dossier, finding = numbered_twice
    out = tmp_path / "bcxl.pdf"
    assert main(["print", "BCXL", "--db", str(demo_path), "--unit", unit_code, "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "Đã in bản nháp" in printed and finding.message in printed and out.exists()


def test_a_word_file_is_a_draft_too_while_the_dossier_has_errors(demo_store, demo_path, numbered_twice, tmp_path,
                                                                 capsys):
    from docx import Document

    from chilinh_desktop.cli import main

    _cycle, unit_code, _dossier, finding = numbered_twice
    out = tmp_path / "bcxl.docx"
    assert main(["print", "BCXL", "--db", str(demo_path), "--unit", unit_code, "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "Đã in bản nháp" in printed and finding.message in printed
    text = "\n".join(p.text for p in Document(str(out)).paragraphs)
    header = "\n".join(p.text for s in Document(str(out)).sections for p in s.header.paragraphs)
    assert "NHÁP" in (text + header).upper()


def test_print_all_starts_its_print_processes_once_when_some_dossiers_print_as_drafts(demo_store, numbered_twice,
                                                                                       tmp_path, monkeypatch):
    import io

    from pypdf import PdfReader

    from chilinh_desktop.ops.printing import dossier_errors
    from chilinh_desktop.render import pipeline

    cycle, unit_code, _dossier, _finding = numbered_twice
    batches = []
    real = pipeline.run_batch
    monkeypatch.setattr(pipeline, "run_batch", lambda *a, **k: batches.append(a[2]) or real(*a, **k))
    steps = []
    run = print_unit(demo_store, cycle, unit_code, tmp_path, workers=2,
                     progress=lambda done, total, _title: steps.append((done, total)))
    assert batches == [2]  # one batch of two processes (it was one for the final papers, another for the drafts)
    assert len(run.paths) >= 8 and 0 < run.drafts < len(run.paths)
    # One progress from 1 to all (the window's bar ran twice: the final papers, then the drafts).
    assert steps == [(n, len(run.paths)) for n in range(1, len(run.paths) + 1)]

    def marked(path) -> bool:
        return "BẢN NHÁP" in "".join(page.extract_text() for page in PdfReader(io.BytesIO(path.read_bytes())).pages)

    documents = {d.file_name: d for d in pipeline.unit_documents(demo_store, cycle, unit_code)}
    for path in run.paths:
        document = documents[path.name]
        if dossier_errors(demo_store, cycle, document.dossier_id):  # held back: a draft, whatever it holds
            assert marked(path), path.name
        elif cycle.item(document.item_id).kind != "attachment":  # final unless incomplete: as printed alone
            alone = pipeline.print_document(demo_store, cycle, document)
            assert path.read_bytes() == alone.pdf and marked(path) == alone.draft, path.name
