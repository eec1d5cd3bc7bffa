"""Attribute values made JSON-safe for the JSON-based formats (CityJSON, glTF extras)."""

import numpy as np


def json_safe(value):
    """Plain JSON types: numpy numbers become Python numbers, NaN/inf become null, other objects text."""
    if isinstance(value, (str, bool)) or value is None:
        return value
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        value = float(value)
        return value if np.isfinite(value) else None
    if isinstance(value, dict):
        return {str(k): json_safe(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [json_safe(v) for v in value]
    return str(value)
