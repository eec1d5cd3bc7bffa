"""Small shared pieces: errors, feedback, atomic writes, tasks, translation, settings."""
