"""Deduplicate detections: the same damage seen in consecutive frames becomes one damage.

Detections are visited in frame order. A detection joins an open damage of the same class
when it lies within ``radius`` metres of the damage's current position and the damage was last
seen at most ``max_gap`` frames earlier; a damage takes at most one detection per frame.
Otherwise it starts a new damage. The damage's position is the confidence-weighted mean of its
observations; its confidence the highest one; its key photo the observation with the highest
confidence × relative box area.
"""

import math
from dataclasses import dataclass, field


@dataclass
class Cluster:
    class_name: str
    detection_ids: list = field(default_factory=list)
    frames: set = field(default_factory=set)
    last_seq: int = 0
    sum_w: float = 0.0
    sum_e: float = 0.0
    sum_n: float = 0.0
    confidence: float = 0.0
    key_detection: int = None
    key_score: float = -1.0

    @property
    def easting(self):
        return self.sum_e / self.sum_w

    @property
    def northing(self):
        return self.sum_n / self.sum_w

    def add(self, det):
        w = max(float(det["confidence"]), 1e-6)
        self.detection_ids.append(det["fid"])
        self.frames.add(det["seq"])
        self.last_seq = det["seq"]
        self.sum_w += w
        self.sum_e += w * det["easting"]
        self.sum_n += w * det["northing"]
        self.confidence = max(self.confidence, float(det["confidence"]))
        score = key_score(det)
        if score > self.key_score:
            self.key_score, self.key_detection = score, det["fid"]

    def to_damage(self):
        return {
            "class_name": self.class_name,
            "confidence": self.confidence,
            "easting": self.easting,
            "northing": self.northing,
            "key_detection": self.key_detection,
            "detection_ids": list(self.detection_ids),
        }


def key_score(det):
    """Confidence × box area relative to the image (larger, surer views make better key photos)."""
    area = max(det["x2"] - det["x1"], 0.0) * max(det["y2"] - det["y1"], 0.0)
    image_area = float((det.get("width") or 1) * (det.get("height") or 1)) or 1.0
    return float(det["confidence"]) * area / image_area


def deduplicate(detections, radius=3.0, max_gap=3):
    """Group detections (dicts with fid, class_name, confidence, easting, northing, seq, box and
    image size) into damages; returns a list of damage dicts (see ``Cluster.to_damage``)."""
    open_clusters = {}  # class -> list of clusters still reachable
    done = []
    for det in sorted(detections, key=lambda d: (d["seq"], d["fid"])):
        if det.get("easting") is None:
            continue
        candidates = open_clusters.setdefault(det["class_name"], [])
        # close clusters not seen for too long
        still_open = []
        for c in candidates:
            (still_open if det["seq"] - c.last_seq <= max_gap else done).append(c)
        candidates[:] = still_open
        best, best_d = None, radius
        for c in candidates:
            if det["seq"] in c.frames:
                continue
            d = math.hypot(c.easting - det["easting"], c.northing - det["northing"])
            if d <= best_d:
                best, best_d = c, d
        if best is None:
            best = Cluster(class_name=det["class_name"])
            candidates.append(best)
        best.add(det)
    for clusters in open_clusters.values():
        done.extend(clusters)
    done.sort(key=lambda c: min(c.detection_ids))
    return [c.to_damage() for c in done]
