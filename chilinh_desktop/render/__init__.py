"""Output documents (văn bản in): PDF of filled forms in the party layout (reportlab)."""

from chilinh_desktop.render.batch import PrintJob, print_form, run_jobs, unit_print_jobs, write_pdf
from chilinh_desktop.render.document import FilledForm, render_pdf
from chilinh_desktop.render.settings import PrintSettings, print_settings

__all__ = ["FilledForm", "PrintJob", "PrintSettings", "print_form", "print_settings", "render_pdf", "run_jobs",
           "unit_print_jobs", "write_pdf"]
