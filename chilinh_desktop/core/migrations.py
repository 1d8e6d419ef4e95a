"""Numbered schema migrations; each runs in one transaction with the record of it.

They are sqlite-utils `Migrations`, registered here without importing sqlite-utils: opening a file
whose schema is current (every start of the window) never loads it; a file that needs a migration
does, and sqlite-utils applies and records it as always.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlite_utils import Database

MIGRATION_SET = "chilinh"


@dataclass(frozen=True)
class _Migration:
    name: str
    fn: Callable[[Database], None]


class MigrationSet:
    """The registered migrations, in order; `apply` and `applied` are sqlite-utils' own."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._migrations: list[_Migration] = []

    def __call__(self, *, name: str) -> Callable[[Callable[[Database], None]], Callable[[Database], None]]:
        def register(fn: Callable[[Database], None]) -> Callable[[Database], None]:
            self._migrations.append(_Migration(name, fn))
            return fn

        return register

    def names(self) -> list[str]:
        """Every migration's name, in order."""
        return [m.name for m in self._migrations]

    def _sqlite_utils(self) -> Any:
        from sqlite_utils.migrations import Migrations

        real = Migrations(self.name)
        for migration in self._migrations:
            real(name=migration.name)(migration.fn)
        return real

    def apply(self, db: Any, **options: Any) -> None:
        """Apply the pending migrations (sqlite-utils `Migrations.apply`)."""
        self._sqlite_utils().apply(getattr(db, "database", db), **options)

    def applied(self, db: Any) -> list[Any]:
        """The migrations recorded as applied (sqlite-utils `Migrations.applied`)."""
        return self._sqlite_utils().applied(getattr(db, "database", db))


migrations = MigrationSet(MIGRATION_SET)


@migrations(name="0001_initial")
def m0001_initial(db: Database) -> None:
    db.executescript(
        """
        CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);

        CREATE TABLE units (
            id TEXT PRIMARY KEY,
            code TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL,
            type TEXT NOT NULL,
            grassroots INTEGER NOT NULL DEFAULT 0,
            sort_key INTEGER NOT NULL DEFAULT 0
        );
        -- A unit exists with a given parent from valid_from (inclusive) until
        -- valid_until (exclusive, NULL = still open): moves, closures and
        -- re-openings are new periods, so any past year's tree can be rebuilt.
        CREATE TABLE unit_periods (
            id INTEGER PRIMARY KEY,
            unit_id TEXT NOT NULL REFERENCES units(id),
            parent_id TEXT REFERENCES units(id),
            valid_from TEXT NOT NULL,
            valid_until TEXT
        );
        CREATE INDEX unit_periods_unit ON unit_periods(unit_id);

        CREATE TABLE officials (
            id TEXT PRIMARY KEY,
            full_name TEXT NOT NULL,
            birth_date TEXT,
            gender TEXT,
            party_post TEXT NOT NULL DEFAULT '',
            government_post TEXT NOT NULL DEFAULT '',
            mass_org_post TEXT NOT NULL DEFAULT '',
            workplace TEXT NOT NULL DEFAULT '',
            party_cell TEXT NOT NULL DEFAULT '',
            unit_id TEXT NOT NULL REFERENCES units(id),
            tier TEXT NOT NULL,
            deputy_head_or_above INTEGER NOT NULL DEFAULT 1,
            residence_exempt_reason TEXT,
            asset_declaration_required INTEGER NOT NULL DEFAULT 1,
            active INTEGER NOT NULL DEFAULT 1,
            sort_key INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX officials_unit ON officials(unit_id);

        CREATE TABLE cycles (
            id TEXT PRIMARY KEY,
            year INTEGER NOT NULL,
            definition TEXT NOT NULL,
            source_sha256 TEXT NOT NULL,
            loaded_at TEXT NOT NULL
        );

        CREATE TABLE dossiers (
            id TEXT PRIMARY KEY,
            cycle_id TEXT NOT NULL REFERENCES cycles(id),
            subject_key TEXT NOT NULL,
            unit_id TEXT NOT NULL REFERENCES units(id),
            official_id TEXT REFERENCES officials(id),
            state TEXT NOT NULL DEFAULT 'draft',
            snapshot_sha256 TEXT,
            signed_off_by TEXT,
            signed_off_at TEXT,
            package_id TEXT,
            received_at TEXT,
            updated_at TEXT NOT NULL,
            UNIQUE (cycle_id, subject_key)
        );
        CREATE INDEX dossiers_unit ON dossiers(unit_id);

        CREATE TABLE attachments (
            sha256 TEXT PRIMARY KEY,
            size INTEGER NOT NULL,
            mime TEXT NOT NULL,
            data BLOB NOT NULL,
            created_at TEXT NOT NULL
        );

        CREATE TABLE dossier_items (
            id INTEGER PRIMARY KEY,
            dossier_id TEXT NOT NULL REFERENCES dossiers(id),
            kind TEXT NOT NULL,
            state TEXT NOT NULL,
            form_id TEXT,
            form_version TEXT,
            answers TEXT,
            attachment_sha256 TEXT REFERENCES attachments(sha256),
            attachment_name TEXT,
            exempt_reason TEXT,
            updated_at TEXT NOT NULL,
            updated_by TEXT NOT NULL,
            UNIQUE (dossier_id, kind)
        );

        CREATE TABLE audit (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            actor TEXT NOT NULL,
            action TEXT NOT NULL,
            subject TEXT NOT NULL,
            detail TEXT NOT NULL DEFAULT '{}'
        );
        """
    )


@migrations(name="0002_keys_and_packages")
def m0002_keys_and_packages(db: Database) -> None:
    db.executescript(
        """
        -- owner 'self' is this installation's own key; 'board' is the Organisation Board's
        -- (only its public part on a unit PC; with the private part on the Board's PC or in the demo).
        -- private holds an OpenSSH private key (signing) or an age identity, passphrase-encrypted
        -- when protected = 1; protected = 0 means stored as is, relying on the user account's files.
        CREATE TABLE keys (
            owner TEXT NOT NULL,
            kind TEXT NOT NULL,
            public TEXT NOT NULL,
            private BLOB,
            protected INTEGER NOT NULL DEFAULT 0,
            fingerprint TEXT NOT NULL,
            label TEXT NOT NULL DEFAULT '',
            is_demo INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL,
            PRIMARY KEY (owner, kind)
        );

        -- The Board's record of each unit's signing key, checked when a package arrives.
        CREATE TABLE unit_keys (
            unit_id TEXT PRIMARY KEY REFERENCES units(id),
            fingerprint TEXT NOT NULL,
            public TEXT NOT NULL,
            recorded_at TEXT NOT NULL
        );

        -- Every exported package, byte for byte, so a lost USB stick can be written again.
        CREATE TABLE packages (
            id TEXT PRIMARY KEY,
            unit_id TEXT NOT NULL REFERENCES units(id),
            cycle_id TEXT NOT NULL REFERENCES cycles(id),
            file_name TEXT NOT NULL,
            sha256 TEXT NOT NULL,
            size INTEGER NOT NULL,
            signer_fingerprint TEXT NOT NULL,
            created_at TEXT NOT NULL,
            data BLOB NOT NULL
        );
        CREATE INDEX packages_unit ON packages(unit_id);
        """
    )


@migrations(name="0003_ratings")
def m0003_ratings(db: Database) -> None:
    db.executescript(
        """
        -- One row per step of a subject's rating (xếp loại): 'self' (tự xếp loại), 'proposal'
        -- (the organisation board's proposal) and 'decision' (the competent level's decision).
        -- subject_key: 'unit:<uuid>' (the party organisation), 'collective:<uuid>' (its leadership
        -- collective) or 'official:<id>'. criteria is a JSON object criterion id -> level id.
        CREATE TABLE ratings (
            id INTEGER PRIMARY KEY,
            cycle_id TEXT NOT NULL REFERENCES cycles(id),
            subject_key TEXT NOT NULL,
            step TEXT NOT NULL CHECK (step IN ('self', 'proposal', 'decision')),
            level TEXT NOT NULL,
            score REAL,
            criteria TEXT NOT NULL DEFAULT '{}',
            by TEXT NOT NULL,
            at TEXT NOT NULL,
            justification TEXT,
            peer_group TEXT,
            recorded_at TEXT NOT NULL,
            UNIQUE (cycle_id, subject_key, step)
        );
        CREATE INDEX ratings_cycle ON ratings(cycle_id);

        -- Discipline (kỷ luật) belongs to the person or unit, not to a cycle: the year is read from the date.
        CREATE TABLE disciplines (
            id INTEGER PRIMARY KEY,
            subject_key TEXT NOT NULL,
            date TEXT NOT NULL,
            form TEXT NOT NULL,
            self_remedied INTEGER NOT NULL DEFAULT 0,
            note TEXT NOT NULL DEFAULT '',
            recorded_at TEXT NOT NULL
        );
        CREATE INDEX disciplines_subject ON disciplines(subject_key);

        -- Targets of the year (chỉ tiêu, nhiệm vụ): share met and share exceeded, in percent.
        CREATE TABLE targets (
            cycle_id TEXT NOT NULL REFERENCES cycles(id),
            subject_key TEXT NOT NULL,
            met_pct REAL NOT NULL,
            exceeded_pct REAL NOT NULL DEFAULT 0,
            PRIMARY KEY (cycle_id, subject_key)
        );

        -- Members not rated this cycle (suspended, admitted under 6 months, exempted), with the reason.
        CREATE TABLE not_rated (
            cycle_id TEXT NOT NULL REFERENCES cycles(id),
            subject_key TEXT NOT NULL,
            reason TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (cycle_id, subject_key)
        );

        -- A unit's classification report (báo cáo xếp loại): counts per level of its members
        -- ('members') and of its subordinate organisations ('cells'), with those not rated.
        CREATE TABLE classification_counts (
            cycle_id TEXT NOT NULL REFERENCES cycles(id),
            unit_id TEXT NOT NULL REFERENCES units(id),
            kind TEXT NOT NULL CHECK (kind IN ('members', 'cells')),
            level TEXT NOT NULL,
            count INTEGER NOT NULL,
            PRIMARY KEY (cycle_id, unit_id, kind, level)
        );

        -- Commendation proposals (đề nghị khen thưởng) a unit sends with its report.
        CREATE TABLE commendations (
            id INTEGER PRIMARY KEY,
            cycle_id TEXT NOT NULL REFERENCES cycles(id),
            unit_id TEXT NOT NULL REFERENCES units(id),
            subject_key TEXT,
            name TEXT NOT NULL,
            kind TEXT NOT NULL,
            level TEXT NOT NULL,
            achievement TEXT NOT NULL DEFAULT '',
            recorded_at TEXT NOT NULL
        );
        CREATE INDEX commendations_unit ON commendations(cycle_id, unit_id);
        """
    )


@migrations(name="0004_board")
def m0004_board(db: Database) -> None:
    db.executescript(
        """
        -- Every package the Board received (gói đã nhận), kept whole: the bytes are the evidence,
        -- unit_doc / officials_doc are the payload's structured JSON, copied out once at import so
        -- the dashboard and reports never reopen ZIPs. status: 'current' (the unit's latest) or
        -- 'superseded' (kept as history). Confidential .age files stay inside data, encrypted.
        CREATE TABLE received_packages (
            id INTEGER PRIMARY KEY,
            package_id TEXT NOT NULL UNIQUE,
            unit_id TEXT NOT NULL REFERENCES units(id),
            unit_code TEXT NOT NULL,
            cycle_id TEXT NOT NULL REFERENCES cycles(id),
            file_name TEXT NOT NULL,
            sha256 TEXT NOT NULL,
            size INTEGER NOT NULL,
            signer_fingerprint TEXT NOT NULL,
            exported_at TEXT NOT NULL,
            received_at TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('current', 'superseded')),
            supersedes TEXT,
            unit_doc TEXT NOT NULL,
            officials_doc TEXT NOT NULL,
            data BLOB NOT NULL
        );
        CREATE INDEX received_packages_unit ON received_packages(cycle_id, unit_id, status);

        -- Where a recorded unit key came from: 'package' (accepted from a unit's first package),
        -- 'manual', or 'demo' (the demo plays every unit with its own key; a real unit key replaces it).
        ALTER TABLE unit_keys ADD COLUMN origin TEXT NOT NULL DEFAULT 'manual';
        """
    )


@migrations(name="0005_definitions")
def m0005_definitions(db: Database) -> None:
    db.executescript(
        """
        -- Definition files a cycle kit brought (forms, scales/, rules/), byte for byte, by their path
        -- relative to forms/ ("02B-2023.1.toml", "scales/2023.toml"). They win over the program's
        -- shipped files of the same path; the next kit from the same Board replaces them all.
        CREATE TABLE definitions (
            path TEXT PRIMARY KEY,
            content BLOB NOT NULL,
            sha256 TEXT NOT NULL,
            kit_id TEXT NOT NULL,
            installed_at TEXT NOT NULL
        );
        """
    )


@migrations(name="0006_rating_grounds")
def m0006_rating_grounds(db: Database) -> None:
    db.executescript(
        """
        -- What QĐ 124-QĐ/TW forces KHTNV on: the kind of a disciplined case (a corruption or
        -- negative case, tham nhũng/tiêu cực), whether the main targets were met and whether a shortfall
        -- came from force majeure, and conclusions of the competent level (degradation, disunity …).
        ALTER TABLE disciplines ADD COLUMN kind TEXT NOT NULL DEFAULT '';
        ALTER TABLE targets ADD COLUMN main_met INTEGER;
        ALTER TABLE targets ADD COLUMN force_majeure INTEGER NOT NULL DEFAULT 0;
        -- QĐ 366 (2025): the share of tasks behind schedule, and whether every shortcoming was fixed.
        ALTER TABLE targets ADD COLUMN behind_pct REAL;
        ALTER TABLE targets ADD COLUMN shortcomings_fixed INTEGER;
        CREATE TABLE conclusions (
            id INTEGER PRIMARY KEY,
            cycle_id TEXT NOT NULL REFERENCES cycles(id),
            subject_key TEXT NOT NULL,
            kind TEXT NOT NULL,
            date TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT '',
            recorded_at TEXT NOT NULL
        );
        CREATE INDEX conclusions_subject ON conclusions(cycle_id, subject_key);
        """
    )


@migrations(name="0007_cycles_history")
def m0007_cycles_history(db: Database) -> None:
    db.executescript(
        """
        -- The cycle a cycle was started from (chilinh cycle new --from), NULL for shipped or kit cycles.
        ALTER TABLE cycles ADD COLUMN copied_from TEXT;
        -- Ratings of years before this data file held a cycle (kept from paper or an older program),
        -- so history and rules across years see them: one final level per subject and year.
        CREATE TABLE past_ratings (
            subject_key TEXT NOT NULL,
            year INTEGER NOT NULL,
            level TEXT NOT NULL,
            source TEXT NOT NULL DEFAULT '',
            recorded_at TEXT NOT NULL,
            PRIMARY KEY (subject_key, year)
        );
        """
    )


@migrations(name="0008_board_duties")
def m0008_board_duties(db: Database) -> None:
    db.executescript(
        """
        -- The Board's appraisal (thẩm định) of each commendation proposal a unit sent. proposal_id is
        -- derived from what the proposal says (unit, kind, subject or name, level), so a re-sent package
        -- keeps an unchanged proposal's decision and a changed one asks for a new decision.
        CREATE TABLE commendation_appraisals (
            cycle_id TEXT NOT NULL REFERENCES cycles(id),
            proposal_id TEXT NOT NULL,
            unit_code TEXT NOT NULL,
            name TEXT NOT NULL,
            decision TEXT NOT NULL CHECK (decision IN ('accepted', 'rejected')),
            reason TEXT NOT NULL DEFAULT '',
            decided_by TEXT NOT NULL,
            decided_at TEXT NOT NULL,
            PRIMARY KEY (cycle_id, proposal_id)
        );

        -- Who attends and directs which unit's review meeting (Thông báo 1198-TB/TU); several per unit.
        CREATE TABLE leader_assignments (
            id INTEGER PRIMARY KEY,
            cycle_id TEXT NOT NULL REFERENCES cycles(id),
            unit_code TEXT NOT NULL,
            name TEXT NOT NULL,
            post TEXT NOT NULL DEFAULT '',
            recorded_at TEXT NOT NULL,
            UNIQUE (cycle_id, unit_code, name)
        );

        -- A unit's review meeting as known here. At the unit only summary_date is kept (the date, time and
        -- place are the minutes' own fields); at the Board a row with source 'phone' holds what a unit said
        -- on the telephone before its package arrived (the package's minutes win once it has).
        CREATE TABLE review_meetings (
            cycle_id TEXT NOT NULL REFERENCES cycles(id),
            unit_code TEXT NOT NULL,
            date TEXT,
            time TEXT NOT NULL DEFAULT '',
            place TEXT NOT NULL DEFAULT '',
            summary_date TEXT,
            source TEXT NOT NULL CHECK (source IN ('unit', 'phone')),
            recorded_by TEXT NOT NULL,
            recorded_at TEXT NOT NULL,
            PRIMARY KEY (cycle_id, unit_code)
        );

        -- Approval (phê duyệt, giao nhiệm vụ) of each registered breakthrough task (form DP2024), by the
        -- Board or the unit leadership per the kit's setting: task_no is the row of the registration.
        CREATE TABLE task_approvals (
            cycle_id TEXT NOT NULL REFERENCES cycles(id),
            official_id TEXT NOT NULL,
            task_no INTEGER NOT NULL,
            task TEXT NOT NULL,
            decision TEXT NOT NULL CHECK (decision IN ('approved', 'returned')),
            note TEXT NOT NULL DEFAULT '',
            decided_by TEXT NOT NULL,
            decided_at TEXT NOT NULL,
            PRIMARY KEY (cycle_id, official_id, task_no)
        );
        """
    )


@migrations(name="0009_item_files")
def m0009_item_files(db: Database) -> None:
    db.executescript(
        """
        -- An attachment item holds several files in order (a three-page scan added page by page). The file
        -- an item held before (dossier_items.attachment_sha256/_name, now unused) becomes its first file.
        CREATE TABLE item_files (
            item_id INTEGER NOT NULL REFERENCES dossier_items(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            sha256 TEXT NOT NULL REFERENCES attachments(sha256),
            name TEXT NOT NULL,
            PRIMARY KEY (item_id, position)
        );
        INSERT INTO item_files (item_id, position, sha256, name)
            SELECT id, 1, attachment_sha256, COALESCE(attachment_name, '') FROM dossier_items
            WHERE attachment_sha256 IS NOT NULL;
        UPDATE dossier_items SET attachment_sha256 = NULL, attachment_name = NULL
            WHERE attachment_sha256 IS NOT NULL;
        """
    )


@migrations(name="0010_received_bytes")
def m0010_received_bytes(db: Database) -> None:
    db.executescript(
        """
        -- A received package's bytes live apart from its row: when a later package supersedes it, the
        -- status change rewrote the whole row, megabytes of package included (and secure_delete zeroed the
        -- old pages), for every package a unit sent again.
        CREATE TABLE received_package_bytes (
            package_id TEXT PRIMARY KEY REFERENCES received_packages(package_id),
            data BLOB NOT NULL
        );
        INSERT INTO received_package_bytes (package_id, data) SELECT package_id, data FROM received_packages;
        ALTER TABLE received_packages DROP COLUMN data;
        """
    )


@migrations(name="0011_received_documents")
def m0011_received_documents(db: Database) -> None:
    db.executescript(
        """
        -- A received package's documents live apart from its row as well: marking the package superseded
        -- rewrote them with the row (tens of KiB a package, which secure_delete zeroed again); the row that
        -- changes is now a few hundred bytes.
        CREATE TABLE received_documents (
            package_id TEXT PRIMARY KEY REFERENCES received_packages(package_id),
            unit_doc TEXT NOT NULL,
            officials_doc TEXT NOT NULL
        );
        INSERT INTO received_documents (package_id, unit_doc, officials_doc)
            SELECT package_id, unit_doc, officials_doc FROM received_packages;
        ALTER TABLE received_packages DROP COLUMN unit_doc;
        ALTER TABLE received_packages DROP COLUMN officials_doc;
        """
    )
