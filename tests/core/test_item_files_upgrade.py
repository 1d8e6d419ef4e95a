"""Items of several files (migration 0009): an older data file's single attachment becomes the item's first file."""

from __future__ import annotations

import shutil
from pathlib import Path

from chilinh_desktop.core.dossiers import snapshot_hash, stored_items
from chilinh_desktop.core.store import Store

DOSSIER = "4137c7b9-2da0-4567-9450-dc585ab54c11"
# snapshot_hash of that dossier computed by the program before items held several files (schema 0008):
# a dossier signed off then must keep its hash after the upgrade.
HASH_BEFORE = "f27aa56208d24b809e543295afb79f0d40a566753c097f7be643f9785ce95aae"


def test_an_old_single_attachment_becomes_the_first_file_and_keeps_the_sign_off_hash(tmp_path):
    path = tmp_path / "release.sqlite3"
    shutil.copyfile(Path(__file__).parent / "data" / "release-0.1.0.sqlite3", path)
    with Store.open(path) as store:
        item = stored_items(store, DOSSIER)["residence_comment"]
        assert [(f.sha256[:12], f.name) for f in item.files] == [("909155271944", "nhan-xet.pdf")]
        assert store.db.execute("SELECT count(*) FROM dossier_items WHERE attachment_sha256 IS NOT NULL"
                                ).fetchone()[0] == 0  # one home for the files
        assert snapshot_hash(store, DOSSIER) == HASH_BEFORE
