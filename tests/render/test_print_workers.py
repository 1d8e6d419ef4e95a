"""print-all's worker processes (spawned, as on Windows): the same PDFs as one process, and a
failing, dying or hung worker never hangs the batch nor loses a document without saying so."""

from __future__ import annotations

import multiprocessing
import sqlite3

import pytest
from print_faults import square_or_misbehave

from chilinh_desktop.cli import main
from chilinh_desktop.core.cycles import get_cycle
from chilinh_desktop.ops.printing import print_unit, unit_documents
from chilinh_desktop.render.pipeline import PrintError
from chilinh_desktop.render.workers import run_batch

UNIT = "DB01"


def test_workers_print_the_same_pdfs_as_one_process(demo_store, tmp_path, pdf_tools):
    cycle = get_cycle(demo_store)
    alone = print_unit(demo_store, cycle, UNIT, tmp_path / "one", workers=1)
    shared = print_unit(demo_store, cycle, UNIT, tmp_path / "two", workers=2)
    assert len(alone.paths) >= 8  # enough for the workers to be used at all
    assert [p.name for p in shared.paths] == [p.name for p in alone.paths]  # in document order
    # The only notes: the asset declarations left out of a whole unit's print (confidential), the same in both.
    assert (shared.pages, shared.drafts, shared.failed, shared.notes) == (alone.pages, alone.drafts, [], alone.notes)
    for one, two in zip(alone.paths, shared.paths, strict=True):
        assert two.read_bytes() == one.read_bytes(), two.name
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in pdf_tools["text"](shared.paths[0].read_bytes())


def test_documents_that_fail_in_workers_are_named_and_the_others_printed(demo_store, demo_path, tmp_path, capsys):
    cycle = get_cycle(demo_store)
    documents = unit_documents(demo_store, cycle, UNIT)
    demo_store.close()
    out = tmp_path / "Bản in"
    # One target the program cannot write (a folder holds its name, as a PDF open in a viewer on Windows)…
    blocked = documents[1]
    (out / blocked.file_name).mkdir(parents=True)
    # …and one scan damaged in the data file: PDF bytes labelled as a PNG image.
    conn = sqlite3.connect(demo_path)
    ours = {d.dossier_id for d in documents}
    scan = next(row for row in conn.execute(
        "SELECT i.dossier_id, i.kind, f.sha256 FROM dossier_items i JOIN item_files f ON f.item_id = i.id "
        "WHERE i.kind != 'asset_declaration'")  # a declaration is never printed with the unit (confidential)
        if row[0] in ours)
    conn.execute("UPDATE attachments SET mime = 'image/png' WHERE sha256 = ?", [scan[2]])
    conn.commit()
    conn.close()
    damaged = {d.file_name for d in documents if (d.dossier_id, d.item_id) == scan[:2]}
    assert damaged

    code = main(["print-all", "--db", str(demo_path), "--unit", UNIT, "--out", str(out), "--jobs", "2"])

    assert code == 2  # a refusal with the list, not a traceback
    err = capsys.readouterr().err
    assert f"{blocked.file_name} ({blocked.title})" in err
    for name in damaged:
        assert name in err and "lỗi không lường trước" in err
    assert "không in được" in err and "Hãy sửa" in err
    written = {p.name for p in out.glob("*.pdf") if p.is_file()}
    assert written == {d.file_name for d in documents} - damaged - {blocked.file_name}
    assert not list(out.glob("*.part"))


def test_an_error_in_one_process_is_reported_the_same_way(demo_store, tmp_path):
    cycle = get_cycle(demo_store)
    documents = unit_documents(demo_store, cycle, UNIT)
    (tmp_path / documents[0].file_name).mkdir()
    with pytest.raises(PrintError) as caught:
        print_unit(demo_store, cycle, UNIT, tmp_path, workers=1)
    run = caught.value.run
    assert [d.file_name for d, _reason in run.failed] == [documents[0].file_name]
    assert len(run.paths) == len(documents) - 1


def test_a_dead_or_hung_worker_never_hangs_the_batch():
    jobs = [("ok", n) for n in range(6)] + [("die", 6), ("ok", 7), ("hang", 8), ("raise", 9), ("ok", 10)]
    seen = []
    batch = run_batch(square_or_misbehave, jobs, 2, on_outcome=seen.append, stall_seconds=3)

    by_index = {outcome.index: outcome for outcome in batch.outcomes}
    assert sorted(by_index) == list(range(len(jobs)))  # one outcome per job, nothing lost
    assert seen == batch.outcomes  # each told as it came (progress)
    assert by_index[6].result == 36  # its worker died: done again here
    assert not by_index[8].ok and "3 giây" in by_index[8].error  # hung: reported, not tried again
    assert "ValueError: bad job 9" in by_index[9].error
    assert all(by_index[n].result == n * n for n in (0, 1, 2, 3, 4, 5, 7, 10))
    assert len(batch.notes) == 2 and all("tiến trình in" in note for note in batch.notes)


def test_workers_start_while_the_jobs_are_made_and_stop_if_making_them_fails():
    made = []

    def make():
        # The workers were started before the jobs are read (their start-up overlaps the reading).
        made.append(len(multiprocessing.active_children()))
        return [("ok", n) for n in range(5)]

    batch = run_batch(square_or_misbehave, make, 2)
    assert made == [2]
    assert sorted(o.result for o in batch.outcomes) == [n * n for n in range(5)]

    def refuse():
        raise ValueError("the data file changed")

    with pytest.raises(ValueError, match="the data file changed"):
        run_batch(square_or_misbehave, refuse, 2)
    assert not multiprocessing.active_children()  # stopped, not left behind


def test_a_batch_reads_the_unit_tree_once_and_prints_what_each_document_prints_alone(demo_store, tmp_path,
                                                                                     monkeypatch):
    from chilinh_desktop.formspec import context
    from chilinh_desktop.render.pipeline import print_document, print_to_folder

    cycle = get_cycle(demo_store)
    documents = unit_documents(demo_store, cycle, UNIT)
    alone = {d.file_name: print_document(demo_store, cycle, d).pdf for d in documents}
    reads = []
    real = context.unit_tree
    monkeypatch.setattr(context, "unit_tree", lambda *a: reads.append(a) or real(*a))
    run = print_to_folder(demo_store, cycle, documents, tmp_path, workers=1)
    assert len(reads) == 1 and len(documents) >= 8  # was once per document
    assert {p.name: p.read_bytes() for p in run.paths} == alone
