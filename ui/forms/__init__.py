"""Forms that edit the förbund: every field is stored when it is left, one undoable action."""
