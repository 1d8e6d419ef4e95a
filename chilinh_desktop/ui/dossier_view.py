"""One dossier: a tab per item with its state; forms open in their editor, files in a preview.

Exempt and not-applicable items say why. A signed-off dossier is read-only until an
audited reopen. Every change is a core call through the operation runner.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from chilinh_desktop.i18n import _
from chilinh_desktop.ops import changes, dossier_items
from chilinh_desktop.ops.attachments import FilesChanged, add_file, read_file, remove_file
from chilinh_desktop.ops.display import days_left, working_days_left
from chilinh_desktop.ops.dossiers import attachment, dossier_detail, dossier_findings, subject_findings
from chilinh_desktop.ops.errors import ChilinhError
from chilinh_desktop.ops.figures import who_is_counted
from chilinh_desktop.ops.forms import item_form, record_values
from chilinh_desktop.ops.signoff import SignOffRefused, finding_line, refusal, reopen, sign_off, sign_off_plan
from chilinh_desktop.ops.types import DossierDetail, ItemState, ItemStatus, Need
from chilinh_desktop.ui.attachments import AttachmentPane
from chilinh_desktop.ui.common import ask_text, ask_yes_no, read_only_look, warn
from chilinh_desktop.ui.context import AppContext
from chilinh_desktop.ui.findings import FindingsPanel, refusal_text
from chilinh_desktop.ui.form_editor import FormEditor
from chilinh_desktop.ui.labels import STATE_MARKS, dossier_state_label, format_day, status_label
from chilinh_desktop.ui.operations import error_text
from chilinh_desktop.ui.rating_editor import RatingEditor
from chilinh_desktop.ui.received_view import ReceivedSides
from chilinh_desktop.ui.undo_clear import ChangedFiles, ClearedItem, ClearedItems, restorer
from chilinh_desktop.ui.word_import_dialog import attach_word_import


def due_text(ctx: AppContext, status: ItemStatus) -> str:
    """'Due 10/12/2023 — 5 days left (3 working days)' or how late it is."""
    deadline = ctx.cycle.deadline(status.item.deadline)
    today = ctx.store.clock.today()
    days = days_left(today, deadline.date)
    work = working_days_left(today, deadline.date, ctx.cycle.holidays)
    if days < 0:
        return _("Due {day} — {n} days late", day=format_day(deadline.date), n=-days)
    return _(
        "Due {day} — {n} days left ({w} working days)",
        day=format_day(deadline.date),
        n=days,
        w=work,
    )


class ItemPage(QWidget):
    """One tab: the item's name, due date, state or reason, and its editor or file."""

    def __init__(self, view: DossierView, status: ItemStatus) -> None:
        super().__init__()
        self.view = view
        self.ctx = view.ctx
        self.status = status
        self.item = status.item
        self.editor: FormEditor | None = None
        self.attachment: AttachmentPane | None = None
        self._show_file: int | None = None  # the file to show at the next load (the one just added)
        self._replacing = False  # the next reload replaces what is on screen (cleared, restored, imported)
        self.setObjectName(f"item_{self.item.id}")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        self.title = QLabel(f"<b>{self.item.name}</b>")
        self.title.setWordWrap(True)
        self.state_label = QLabel()
        self.state_label.setObjectName("itemState")
        self.reason = QLabel()
        self.reason.setObjectName("reasonBanner")
        self.reason.setWordWrap(True)
        self.exempt_button = QPushButton(_("Exempt…"))
        self.exempt_button.setToolTip(_("Waive this item for this person, with the reason that will be printed."))
        self.clear_button = QPushButton(_("Clear the item"))
        self.exempt_button.clicked.connect(self._ask_exempt)
        self.clear_button.clicked.connect(self._ask_clear)
        self.head = head = QHBoxLayout()
        head.addWidget(self.state_label, 1)
        head.addWidget(self.exempt_button)
        head.addWidget(self.clear_button)
        layout.addWidget(self.title)
        layout.addLayout(head)
        layout.addWidget(self.reason)
        self.body = QVBoxLayout()
        layout.addLayout(self.body, 1)
        self._build_body()

    def _build_body(self) -> None:
        if self.status.need is Need.NOT_APPLICABLE:
            note = QLabel(
                _(
                    "This item is not required for this subject under the cycle's rules "
                    "(for example: only leaders from deputy head of division upward register "
                    "the pledge and breakthrough tasks)."
                )
            )
            note.setWordWrap(True)
            note.setAlignment(Qt.AlignmentFlag.AlignTop)
            self.body.addWidget(note, 1)
            return
        if self.item.kind == "attachment":
            self.attachment = AttachmentPane()
            self.attachment.file_chosen.connect(self._attach)
            self.attachment.remove_requested.connect(self._remove_file)
            self.body.addWidget(self.attachment, 1)
            return
        try:
            form = item_form(self.ctx.store, self.ctx.cycle, self.view.detail.dossier, self.item)
        except ChilinhError as exc:
            missing = QLabel(
                _(
                    "The form definition for this item cannot be loaded: {problem}",
                    problem=exc.message,
                )
            )
            missing.setWordWrap(True)
            self.body.addWidget(missing, 1)
            return
        dossier = self.view.detail.dossier
        record = record_values(self.ctx.store, self.ctx.cycle, dossier, on_screen=True)
        counted = None
        if dossier.official_id is None and any(f.computed for f in form.fields()):
            unit_code = self.view.detail.unit.code
            counted = lambda source: who_is_counted(self.ctx.store, self.ctx.cycle, unit_code).get(source)  # noqa: E731
        self.editor = FormEditor(form, self.ctx.scales, record_values=record, who_is_counted=counted)
        self.editor.changed.connect(self._edited)
        self.editor.left_field.connect(self.ctx.autosave.flush)
        self.editor.invalid_changed.connect(self._validity_changed)
        self.body.addWidget(self.editor, 1)
        attach_word_import(self)

    def load(self, detail: DossierDetail, status: ItemStatus, *, contents: bool) -> None:
        """Show the item's state; with `contents`, also (re)load the answers or the file."""
        self.status = status
        locked = detail.dossier.locked
        self.state_label.setText(f"{STATE_MARKS[status.state]} {status_label(status)} · {due_text(self.ctx, status)}")
        if status.need is Need.EXEMPT:
            self.reason.setText(_("Exempt: {reason}", reason=status.reason or _("no reason recorded")))
            self.reason.show()
        elif status.need is Need.OPTIONAL:
            self.reason.setText(_("Only needed if one was issued; leaving it empty is not an error."))
            self.reason.show()
        else:
            self.reason.hide()
        applicable = status.need is not Need.NOT_APPLICABLE
        self.exempt_button.setVisible(applicable and status.state is not ItemState.EXEMPT)
        self.exempt_button.setEnabled(not locked)
        self.clear_button.setVisible(applicable and status.state is not ItemState.MISSING)
        self.clear_button.setEnabled(not locked)
        stored = detail.stored.get(self.item.id)
        if self.editor is not None:
            if contents:
                self.editor.set_answers(stored.answers or {} if stored else {}, force=self._replacing)
                self._replacing = False
            self.editor.set_read_only(locked)
        if self.attachment is not None:
            if contents:
                files = stored.files if stored else ()
                store = self.ctx.store
                self.attachment.show_files([f.name for f in files],
                                           lambda index: attachment(store, files[index].sha256),
                                           current=self._show_file)
                self._show_file = None
            self.attachment.set_read_only(locked)

    def _edited(self) -> None:
        assert self.editor is not None
        self.ctx.autosave.edited(self.view.detail.dossier.id, self.item.id, self.editor.spec, self.editor.answers())

    def _validity_changed(self) -> None:
        assert self.editor is not None
        self.ctx.autosave.set_invalid(self.view.detail.dossier.id, self.item.id, self.editor.invalid_labels())

    def expect_replacement(self) -> Callable[[Exception], None]:
        """An action is about to replace this item's content: save what was typed first, then show the result.

        Returns the action's error handler: a refused action replaces nothing, so the next reload must
        not either (it would put stored text over what is typed after it).
        """
        self.ctx.autosave.flush()
        self._replacing = True

        def failed(exc: Exception) -> None:
            self._replacing = False
            self.view.show_error(error_text(exc))

        return failed

    def _attach(self, path: str) -> None:
        try:
            data, name = read_file(path)  # size checked first, read whole or refused
        except ChilinhError as exc:
            self.view.show_error(error_text(exc))
            return
        ctx, dossier_id, kind = self.ctx, self.view.detail.dossier.id, self.item.id
        ctx.runner.call(
            lambda store: add_file(store, ctx.cycle, dossier_id, kind, data, name, actor=ctx.actor),
            changes={f"dossier:{dossier_id}", "attachment"},
            on_done=lambda result: self._files_changed(result, _("“{name}” added to “{item}”. Ctrl+Z takes it out.",
                                                                 name=name, item=self.item.short_name)),
            on_error=lambda exc: self.view.show_error(error_text(exc)),
        )

    def _remove_file(self, index: int) -> None:
        ctx, dossier_id, kind = self.ctx, self.view.detail.dossier.id, self.item.id
        ctx.runner.call(
            lambda store: remove_file(store, ctx.cycle, dossier_id, kind, index, actor=ctx.actor),
            changes={f"dossier:{dossier_id}", "attachment"},
            on_done=lambda result: self._files_changed(
                result, _("“{name}” removed from “{item}”. Ctrl+Z puts it back.",
                          name=result.before[index].name, item=self.item.short_name),
                show=max(index - 1, 0)),
            on_error=lambda exc: self.view.show_error(error_text(exc)),
        )

    def _files_changed(self, result: FilesChanged, message: str, *, show: int | None = None) -> None:
        self.view.cleared.push(ChangedFiles(result.dossier_id, result.item_id, self.item.short_name, result.before))
        self._show_file = len(result.after) - 1 if show is None else show
        self.view.tell(message)

    def _ask_exempt(self) -> None:
        reason = ask_text(self, _("Exempt the item"), _("Why is this item not needed?"))
        if reason is None:
            return
        ctx, dossier_id, kind = self.ctx, self.view.detail.dossier.id, self.item.id
        failed = self.expect_replacement()
        ctx.runner.call(
            lambda store: dossier_items.exempt(store, ctx.cycle, dossier_id, kind, reason, actor=ctx.actor),
            on_error=failed,
        )

    def _ask_clear(self) -> None:
        if not ask_yes_no(
            self,
            _("Clear the item"),
            _(
                "Remove the content of “{item}”? The change is recorded in the audit trail.",
                item=self.item.short_name,
            ),
            default_yes=False,
        ):
            return
        ctx, dossier_id, kind = self.ctx, self.view.detail.dossier.id, self.item.id
        failed = self.expect_replacement()
        stored = self.view.detail.stored.get(kind)
        view = self.view

        def done(_result: object) -> None:
            if stored is not None:
                view.cleared.push(ClearedItem(dossier_id, kind, self.item.short_name, stored))
                view.tell(_("“{item}” cleared. Ctrl+Z puts it back.", item=self.item.short_name))

        ctx.runner.call(
            lambda store: dossier_items.clear(store, ctx.cycle, dossier_id, kind, actor=ctx.actor),
            on_done=done,
            on_error=failed,
        )


class DossierView(QWidget):
    """A dossier's header (subject, state, sign-off) above one tab per item."""

    back_requested = Signal()
    print_requested = Signal(str, str)  # dossier id, item kind

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        read_only_look(self)  # a signed-off dossier's fields, the figures computed from the records
        self.ctx = ctx
        self.detail: DossierDetail | None = None
        self.pages: list[ItemPage] = []
        self.cleared = ClearedItems()
        self.back_button = QPushButton("← " + _("Back to the unit"))
        self.back_button.clicked.connect(self.back_requested.emit)
        self.heading = QLabel()
        self.heading.setObjectName("dossierHeading")
        self.heading.setWordWrap(True)
        self.state = QLabel()
        self.state.setObjectName("dossierState")
        self.sign_button = QPushButton(_("Sign off…"))
        self.reopen_button = QPushButton(_("Reopen…"))
        self.print_button = QPushButton(_("Print preview…"))
        self.sign_button.clicked.connect(self.ask_sign_off)
        self.reopen_button.clicked.connect(self.ask_reopen)
        self.print_button.clicked.connect(self._print_current)
        # The state and these buttons are the Board's copy's (at the Board): hidden while the unit's are in front.
        self.copy_actions = QWidget()
        copy_actions = QHBoxLayout(self.copy_actions)
        copy_actions.setContentsMargins(0, 0, 0, 0)
        head = QHBoxLayout()
        head.addWidget(self.back_button)
        head.addWidget(self.heading, 1)
        head.addWidget(self.copy_actions)
        copy_actions.addWidget(self.state)
        copy_actions.addWidget(self.sign_button)
        copy_actions.addWidget(self.reopen_button)
        copy_actions.addWidget(self.print_button)
        self.locked_banner = QLabel(
            _("This dossier is signed off and read-only. To change it, choose “Reopen…”; the reopening is recorded.")
        )
        self.locked_banner.setObjectName("lockedBanner")
        self.locked_banner.setWordWrap(True)
        self.findings = FindingsPanel(hide_when_empty=True)
        self.findings.setMaximumHeight(160)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("itemTabs")
        self.tabs.setDocumentMode(True)
        self.tabs.setUsesScrollButtons(True)
        self.rating_editor = RatingEditor(ctx, self.show_error)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        board_copy = QWidget()
        copy_layout = QVBoxLayout(board_copy)
        copy_layout.setContentsMargins(0, 0, 0, 0)
        copy_layout.addWidget(self.locked_banner)
        copy_layout.addWidget(self.findings)
        copy_layout.addWidget(self.tabs, 1)
        # At the Board, what the unit sent is the record: shown first, apart from the Board's copy (ui/received_view).
        self.sides = ReceivedSides(ctx, board_copy)
        self.sides.side_changed.connect(lambda received: self.copy_actions.setVisible(not received))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(head)
        layout.addWidget(self.sides, 1)

    @property
    def dossier_id(self) -> str | None:
        """The dossier shown."""
        return self.detail.dossier.id if self.detail else None

    def open(self, dossier_id: str, item_kind: str | None = None) -> None:
        """Show a dossier (saving whatever was typed in the previous one first)."""
        self.ctx.autosave.flush()
        if self.detail is not None:
            self.ctx.autosave.forget_invalid(self.detail.dossier.id)
        self.detail = dossier_detail(self.ctx.store, self.ctx.cycle, dossier_id)
        self.tabs.clear()
        for page in self.pages:
            page.deleteLater()
        self.pages = [ItemPage(self, status) for status in self.detail.statuses]
        for page in self.pages:
            self.tabs.addTab(page, "")
        self.rating_editor.open(self.detail)
        self.tabs.addTab(self.rating_editor, _("Ratings"))
        self._show(contents=True)
        self.sides.show_dossier(dossier_id)
        if item_kind is not None:
            self.go_to_item(item_kind)

    def go_to_item(self, item_kind: str) -> None:
        """Select the tab of an item (and the same item of what the unit sent)."""
        self.sides.received.select_item(item_kind)
        for n, page in enumerate(self.pages):
            if page.item.id == item_kind:
                self.tabs.setCurrentIndex(n)
                return

    def may_leave(self) -> bool:
        """Whether the person may leave this dossier now: a typed date or number that is not a valid value
        is not saved, so leaving would drop it. Ask first; by default stay, at the first such field."""
        pages = [p for p in self.pages if p.editor is not None and p.editor.invalid_fields()]
        if not pages:
            return True
        labels = [label for page in pages for label in page.editor.invalid_labels()]
        if ask_yes_no(
            self, _("Values not saved"),
            _("What is typed in these fields is not a valid value, so it is not saved: {fields}.\n\n"
              "If you leave the dossier now, what you typed there is dropped and the value saved before is kept.",
              fields=", ".join(labels)),
            yes=_("Drop it and leave"), no=_("Stay and correct it"),
        ):
            self.ctx.autosave.forget_invalid(self.detail.dossier.id)
            return True
        page = pages[0]
        self.tabs.setCurrentWidget(page)
        self.window().activateWindow()  # the window's shortcuts (F9…) work again at once, whatever the desktop
        page.editor.widget_for(page.editor.invalid_fields()[0]).setFocus()
        return False

    def current_page(self) -> ItemPage | None:
        """The item tab in front."""
        page = self.tabs.currentWidget()
        return page if isinstance(page, ItemPage) else None

    def refresh(self, *, contents: bool = False) -> None:
        """Re-read states from the database (contents too when something besides typing changed)."""
        if self.detail is None:
            return
        self.detail = dossier_detail(self.ctx.store, self.ctx.cycle, self.detail.dossier.id)
        self._show(contents=contents)

    def _show(self, *, contents: bool) -> None:
        detail = self.detail
        assert detail is not None
        dossier = detail.dossier
        if detail.official:
            posts = ", ".join(p for p in (detail.official.party_post, detail.official.government_post) if p)
            self.heading.setText(f"<b>{detail.official.full_name}</b><br>{posts} — {detail.unit.name}")
        else:
            self.heading.setText("<b>" + _("Collective dossier") + f"</b><br>{detail.unit.name}")
        state = dossier_state_label(dossier.state)
        if dossier.signed_off_by:
            state += "\n" + _("by {who}", who=dossier.signed_off_by)
        self.state.setText(state)
        self.sign_button.setVisible(not dossier.locked)
        self.sign_button.setEnabled(all(s.done for s in detail.statuses if s.counts))
        self.reopen_button.setVisible(dossier.locked)
        self.locked_banner.setVisible(dossier.locked)
        findings = dossier_findings(self.ctx.store, self.ctx.cycle, detail)
        self.findings.set_findings(subject_findings(findings, detail))
        self.rating_editor.load(detail, findings, contents=contents)
        by_kind = {s.item.id: s for s in detail.statuses}
        for n, page in enumerate(self.pages):
            status = by_kind[page.item.id]
            page.load(detail, status, contents=contents)
            self.tabs.setTabText(n, f"{STATE_MARKS[status.state]} {status.item.short_name}")
            self.tabs.setTabToolTip(n, f"{status.item.name}\n{status_label(status)}")

    def next_item(self, step: int = 1) -> None:
        """Move to the next (or previous) item tab, wrapping around."""
        if self.tabs.count():
            self.tabs.setCurrentIndex((self.tabs.currentIndex() + step) % self.tabs.count())

    def tell(self, message: str) -> None:
        """A passing note in the window's status bar."""
        bar = getattr(self.window(), "statusBar", None)
        if bar is not None:
            bar().showMessage(message, 8000)

    def show_error(self, message: str) -> None:
        """Tell the person what went wrong."""
        warn(self, _("The action was not done"), message)

    def _print_current(self) -> None:
        if self.sides.showing_received:  # what the unit sent, byte for byte, not the Board's copy
            self.sides.received.open_preview()
            return
        page = self.current_page()
        if self.detail and page:
            self.ctx.autosave.flush()
            self.print_requested.emit(self.detail.dossier.id, page.item.id)

    def ask_sign_off(self) -> None:
        """Lock the dossier after asking who signs it off (the rules are the operation's, as on the command line)."""
        if self.detail is None:
            return
        self.ctx.autosave.flush()
        self.ctx.runner.wait_idle()
        ctx, dossier_id, unit_code = self.ctx, self.detail.dossier.id, self.detail.unit.code
        plan = sign_off_plan(ctx.store, ctx.cycle, unit_code, dossier_id=dossier_id)
        refused = refusal(plan, acknowledge=True)
        if refused is not None:
            self.show_error(refusal_text(refused))
            return
        if plan.warnings and not ask_yes_no(
            self, _("Rating warnings"),
            _("The rating rules give these warnings:") + "\n" + "\n".join(f"• {finding_line(f)}" for f in plan.warnings)
            + "\n\n" + _("Sign off anyway? Your acknowledgement is recorded in the audit trail."),
            default_yes=False,
        ):
            return
        who = ask_text(
            self,
            _("Sign off the dossier"),
            _("Who signs the dossier off (name and post)?"),
            ctx.session.settings.signer,
        )
        if who is None:
            return

        def failed(exc: Exception) -> None:
            self.show_error(refusal_text(exc) if isinstance(exc, SignOffRefused) else error_text(exc))

        ctx.runner.call(
            lambda store: sign_off(store, ctx.cycle, unit_code, by=who, dossier_id=dossier_id, acknowledge=True),
            changes=changes.dossiers([dossier_id]),
            on_error=failed,
        )

    def undo_clear(self) -> bool:
        """Put back the item cleared last in this session (Ctrl+Z); False when there is none."""
        item = self.cleared.pop()
        if item is None:
            return False
        ctx = self.ctx
        handlers = [page.expect_replacement() for page in self.pages
                    if self.dossier_id == item.dossier_id and page.item.id == item.kind]

        def done(_result: object) -> None:
            if isinstance(item, ChangedFiles):
                self.tell(_("The change to the files of “{item}” was undone.", item=item.name))
            else:
                self.tell(_("“{item}” put back.", item=item.name))
            if self.dossier_id == item.dossier_id:
                self.refresh(contents=True)
                self.go_to_item(item.kind)

        ctx.runner.call(
            restorer(item, ctx.cycle, ctx.actor),
            changes=ClearedItems.changes_for(item),
            on_done=done,
            on_error=handlers[0] if handlers else lambda exc: self.show_error(error_text(exc)),
        )
        return True

    def ask_reopen(self) -> None:
        """Unlock a signed-off dossier, with a reason for the audit trail."""
        if self.detail is None:
            return
        reason = ask_text(
            self,
            _("Reopen the dossier"),
            _("Why must the signed-off dossier change? (recorded in the audit trail)"),
        )
        if reason is None:
            return
        ctx, dossier_id = self.ctx, self.detail.dossier.id
        ctx.runner.call(
            lambda store: reopen(store, ctx.cycle, dossier_id, by=ctx.actor, reason=reason),
            changes=changes.dossiers([dossier_id]),
            on_error=lambda exc: self.show_error(error_text(exc)),
        )
