"""The PySide6 face of the application: windows, item models, dialogs. Qt lives only here."""
