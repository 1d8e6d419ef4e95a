"""Confidential files stay encrypted in the Board's database and open only on request."""

from __future__ import annotations

import io

import pypdf
from board_helpers import run_json

from chilinh_desktop.core.board import received_data
from chilinh_desktop.core.store import Store
from chilinh_desktop.package.agecrypt import is_age
from chilinh_desktop.package.received import confidential_names, open_confidential


def test_confidential_file_opens_only_on_request(demo_path, package, capsys):
    outcome = run_json(capsys, "import", "--db", str(demo_path), str(package), "--trust-new")[1][0]
    with Store.open(demo_path) as store:
        names = confidential_names(store, outcome["package_id"])
        assert names and all(name.endswith(".age") for name in names)
        import zipfile

        with zipfile.ZipFile(io.BytesIO(received_data(store, outcome["package_id"]))) as archive:
            # Kept as it arrived: the whole payload sealed to the Board, the declarations sealed again inside.
            payload = [n for n in archive.namelist() if n.startswith("data/")]
            assert payload == ["data/sealed/package.zip.age"] and is_age(archive.read(payload[0]))
        plain = open_confidential(store, outcome["package_id"], names[0])
        assert plain.startswith(b"%PDF") and len(pypdf.PdfReader(io.BytesIO(plain)).pages) >= 1
        opened = store.db.execute("SELECT count(*) FROM audit WHERE action = 'confidential.open'").fetchone()[0]
        assert opened == 1
