"""The plugin's metadata, read at run time from metadata.txt (the single source)."""

import configparser
import functools

from .paths import metadata_path


@functools.lru_cache(maxsize=1)
def metadata():
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(metadata_path(), encoding="utf-8")
    return dict(parser["general"]) if parser.has_section("general") else {}


def version():
    return metadata().get("version", "0")
