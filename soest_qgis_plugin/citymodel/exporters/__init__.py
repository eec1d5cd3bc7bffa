"""One module per export format; each has ``export(job, out_path) -> summary dict``."""
