"""The Qt application (PySide6): windows, forms, table models, dialogs."""
