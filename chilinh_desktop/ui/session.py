"""Opening a data file for the window: the context every screen shares, and crash recovery."""

from __future__ import annotations

import getpass

from PySide6.QtCore import QObject

from chilinh_desktop.i18n import _
from chilinh_desktop.ops import changes
from chilinh_desktop.ops.session import Session, Store
from chilinh_desktop.ui.autosave import Autosave
from chilinh_desktop.ui.common import ask_yes_no, warn
from chilinh_desktop.ui.context import AppContext
from chilinh_desktop.ui.journal import EditJournal, JournalEntry
from chilinh_desktop.ui.labels import format_moment
from chilinh_desktop.ui.operations import JobRunner, OperationRunner


def actor_name(session: Session) -> str:
    """Who is working, as recorded in the audit trail."""
    return session.settings.user_name or getpass.getuser() or "?"


def build_context(session: Session, parent: QObject) -> AppContext:
    """The runners, journal and autosave over one open data file (the cycle must exist).

    The GUI thread reads on the session's reader; the runner's thread alone writes on its writer.
    """
    reader = session.reader
    cycle = session.cycle()
    runner = OperationRunner(session, parent)
    jobs = JobRunner(session.writer, parent)
    journal = EditJournal(session.path)
    actor = actor_name(session)
    autosave = Autosave(runner, journal, cycle, actor, parent)
    return AppContext(session, reader, cycle, runner, jobs, journal, autosave, actor)


def complete_dossiers(ctx: AppContext) -> None:
    """Create the dossiers a data file from an older tree lacks (cadres added since), on the writer.

    Cheap when none are missing; the window asks for it once it has first been painted.
    """
    if ctx.session.read_only:  # a file opened for reading only is shown as it is
        return
    cycle, actor = ctx.cycle, ctx.actor

    def run(store: Store):
        from chilinh_desktop.ops.cycles import complete_dossiers as complete  # on the writer, after the first paint

        return complete(store, cycle, actor=actor)

    ctx.runner.call(run)  # new dossiers refresh the views (a unit page may already be showing)


def describe_entries(ctx: AppContext, entries: list[JournalEntry]) -> str:
    """One line per unsaved entry: whose item, and when it was typed."""
    from chilinh_desktop.ops.dossiers import dossier_detail

    lines = []
    for entry in entries:
        try:
            detail = dossier_detail(ctx.store, ctx.cycle, entry.dossier_id)
            subject = detail.subject_name
            item = ctx.cycle.item(entry.item_id).short_name
        except Exception:  # a dossier that no longer exists is still worth listing
            subject, item = "?", entry.item_id
        lines.append(f"• {subject} — {item} ({format_moment(entry.saved_at_time)})")
    return "\n".join(lines)


def offer_recovery(ctx: AppContext, parent, *, unclean: bool, entries: list[JournalEntry]) -> None:
    """After an unclean exit: ask whether to restore what was typed but not saved, and do it."""
    if not entries:
        return
    intro = (
        _("The program was not closed properly last time.")
        if unclean
        else _("Some typed answers were not saved last time.")
    )
    text = "\n\n".join(
        [
            intro,
            _("These answers were typed but not saved:"),
            describe_entries(ctx, entries),
            _("Restore them now? If you choose “Discard”, the saved versions stay as they are."),
        ]
    )
    if not ask_yes_no(parent, _("Restore unsaved work"), text, yes=_("Restore"), no=_("Discard"),
                      default_yes=True):  # restoring is the safe answer
        ctx.journal.discard()
        return

    from chilinh_desktop.ops.answers import Recovery, recover

    def run(store: Store) -> Recovery:
        return recover(store, ctx.cycle, entries, actor=ctx.actor)

    def done(result: Recovery) -> None:
        for entry in entries:
            if entry.key in result.saved:
                ctx.journal.confirm(entry)
        if result.kept:
            warn(
                parent,
                _("Restore unsaved work"),
                _("Some answers could not be restored. They are kept and offered again next time; "
                  "open these items and correct them:")
                + "\n"
                + "\n".join(f"• {kept.describe()}" for kept in result.kept),
            )

    ctx.runner.call(run, changes=changes.dossiers(e.dossier_id for e in entries), on_done=done)
