"""Table models over the förbund file's records (no windows; tested with qtmodeltester)."""
