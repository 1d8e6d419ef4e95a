"""Output documents: PDF (reportlab) and Excel (openpyxl). No Qt here."""
