"""Finsam Desktop: the förbund's data and rules, its storage and its command line. No Qt."""

__version__ = "0.1.0"
APP_NAME = "Finsam Desktop"
