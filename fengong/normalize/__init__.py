"""Stage 2: raw rows -> clean records (task text, units, deadlines, warnings)."""
