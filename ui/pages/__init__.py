"""The main window's pages, one module per part of the förbund's work."""
