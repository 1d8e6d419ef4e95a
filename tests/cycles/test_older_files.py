"""A data file of the first release opens, gains migration 0007, and its cycle starts the next one."""

import shutil
from pathlib import Path

from chilinh_desktop.core.history import rating_history
from chilinh_desktop.core.store import Store
from chilinh_desktop.ops import cycles as cycle_ops

RELEASE = Path(__file__).parents[1] / "core" / "data" / "release-0.1.0.sqlite3"


def test_release_file_gets_the_new_cycle(tmp_path):
    path = tmp_path / "release.sqlite3"
    shutil.copyfile(RELEASE, path)
    with Store.open(path) as store:
        names = {row[0] for row in store.db.execute("SELECT name FROM _sqlite_migrations")}
        assert "0007_cycles_history" in names
        assert store.db["past_ratings"].exists() and "copied_from" in store.db["cycles"].columns_dict
        (row,) = cycle_ops.list_cycles(store)
        assert row.copied_from is None and row.current
        started = cycle_ops.start_cycle(store, copy_from=row.id, year=row.year + 1,
                                        deadlines={d: f"{row.year + 1}-12-{10 + n}" for n, d in
                                                   enumerate(("review", "dossier"))})
        assert started.cycle.year == row.year + 1 and started.dossiers > 0
        before = store.db.execute("SELECT count(*) FROM dossiers WHERE cycle_id = ?", [row.id]).fetchone()[0]
        assert before > 0  # the release's own dossiers are still there beside the new cycle's
        assert all(set(years) <= {row.year, row.year + 1} for years in rating_history(store).values())
