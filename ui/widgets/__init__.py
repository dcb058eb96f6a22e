"""Widgets of our own, painted with QPainter."""
