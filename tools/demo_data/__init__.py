"""Generated, deterministic Soest demo dataset (sample data, not official Geobasis NRW data)."""
