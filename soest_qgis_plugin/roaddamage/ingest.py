"""Ingest a survey drive: photos with positions (EXIF GPS or a GPX track), or a video plus GPX.

Only headers are read here (size, EXIF); pixels are decoded later by ``decode_image`` in the
pipeline's prefetch threads. Every frame without a position is listed in the result and
reported to the feedback, never silently dropped.

Times: EXIF ``DateTimeOriginal`` is taken as UTC unless ``OffsetTimeOriginal`` gives the zone;
``clock_offset`` (seconds) is added to the camera time before matching it to the GPX (UTC).
A camera set to CET without zone tag needs ``clock_offset = -3600``.
"""

import bisect
import contextlib
import datetime
import math
import os
from dataclasses import dataclass, field

from ..common.errors import DependencyError, InputError
from ..common.feedback import NullFeedback, raise_if_canceled, warn
from ..common.i18n import tr
from .geometry import bearing

IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png")
VIDEO_SUFFIXES = (".mp4", ".mov", ".avi", ".mkv")
TRACK_TOLERANCE_S = 0.5  # a photo this far outside the track's time span still gets its end point

_UTC = datetime.timezone.utc


@dataclass
class Frame:
    seq: int
    path: str
    image: str
    width: int = None
    height: int = None
    taken_at: datetime.datetime = None
    easting: float = None
    northing: float = None
    heading: float = None
    position_source: str = None  # exif | gpx | video
    status: str = "ok"  # ok | no_position | unreadable
    message: str = None

    @property
    def positioned(self):
        return self.easting is not None and self.northing is not None

    def to_row(self):
        return {
            "seq": self.seq,
            "image": self.image,
            "path": self.path,
            "taken_at": self.taken_at.isoformat() if self.taken_at else None,
            "easting": self.easting,
            "northing": self.northing,
            "heading": self.heading,
            "width": self.width,
            "height": self.height,
            "position_source": self.position_source,
            "status": self.status,
            "message": self.message,
        }


@dataclass
class IngestResult:
    frames: list
    source: str
    unpositioned: list = field(default_factory=list)  # image names without a position
    unreadable: list = field(default_factory=list)  # image names that cannot be opened
    frames_dir: str = None  # video: where its frames were saved
    frames_dir_created: bool = False  # … and whether this run made that folder
    frames_written: list = field(default_factory=list)  # … and the frame files that are new in it

    @property
    def positioned(self):
        return [f for f in self.frames if f.status == "ok" and f.positioned]


# Coordinates ---------------------------------------------------------------------------------
_transform = None


def wgs84_to_utm32(points):
    """[(lon, lat)] -> [(E, N)] in EPSG:25832 (GDAL/OSR, which every QGIS ships)."""
    global _transform
    if not points:
        return []
    if _transform is None:
        from osgeo import osr

        src, dst = osr.SpatialReference(), osr.SpatialReference()
        src.ImportFromEPSG(4326)
        dst.ImportFromEPSG(25832)
        for srs in (src, dst):
            srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
        _transform = osr.CoordinateTransformation(src, dst)
    return [(e, n) for e, n, *_ in _transform.TransformPoints([(lon, lat) for lon, lat in points])]


# GPX ----------------------------------------------------------------------------------------
class Track:
    """A GPX track in EPSG:25832 with UTC times; positions interpolated linearly in time."""

    def __init__(self, times, eastings, northings, path=None):
        self.times = list(times)  # POSIX seconds, ascending
        self.e = list(eastings)
        self.n = list(northings)
        self.path = path
        # cumulative distance along the track
        self.dist = [0.0]
        for i in range(1, len(self.times)):
            self.dist.append(self.dist[-1] + math.hypot(self.e[i] - self.e[i - 1], self.n[i] - self.n[i - 1]))

    @property
    def start(self):
        return datetime.datetime.fromtimestamp(self.times[0], _UTC)

    @property
    def end(self):
        return datetime.datetime.fromtimestamp(self.times[-1], _UTC)

    def covers(self, t):
        return self.times[0] - TRACK_TOLERANCE_S <= t <= self.times[-1] + TRACK_TOLERANCE_S

    def position_at(self, t):
        """(E, N, heading) at POSIX time t, or None outside the track's time span."""
        if not self.covers(t):
            return None
        t = min(max(t, self.times[0]), self.times[-1])
        i = bisect.bisect_right(self.times, t) - 1
        i = min(max(i, 0), len(self.times) - 2) if len(self.times) > 1 else 0
        if len(self.times) == 1:
            return self.e[0], self.n[0], None
        t0, t1 = self.times[i], self.times[i + 1]
        a = 0.0 if t1 == t0 else (t - t0) / (t1 - t0)
        e = self.e[i] + a * (self.e[i + 1] - self.e[i])
        n = self.n[i] + a * (self.n[i + 1] - self.n[i])
        return e, n, self.heading_near(self.dist[i] + a * (self.dist[i + 1] - self.dist[i]))

    def heading_near(self, d, span=5.0):
        """Direction of travel around distance d (looks ``span`` metres back and ahead)."""
        p0 = self.point_at_distance(max(d - span, 0.0))
        p1 = self.point_at_distance(min(d + span, self.dist[-1]))
        return bearing(p0[0], p0[1], p1[0], p1[1])

    def point_at_distance(self, d):
        i = bisect.bisect_right(self.dist, d) - 1
        i = min(max(i, 0), len(self.dist) - 2)
        d0, d1 = self.dist[i], self.dist[i + 1]
        a = 0.0 if d1 == d0 else (d - d0) / (d1 - d0)
        return self.e[i] + a * (self.e[i + 1] - self.e[i]), self.n[i] + a * (self.n[i + 1] - self.n[i])

    def time_at_distance(self, d):
        i = bisect.bisect_right(self.dist, d) - 1
        i = min(max(i, 0), len(self.dist) - 2)
        d0, d1 = self.dist[i], self.dist[i + 1]
        a = 0.0 if d1 == d0 else (d - d0) / (d1 - d0)
        return self.times[i] + a * (self.times[i + 1] - self.times[i])


def parse_time(text):
    text = text.strip()
    if text.endswith("Z"):
        text = text[:-1] + "+00:00"
    value = datetime.datetime.fromisoformat(text)
    if value.tzinfo is None:
        value = value.replace(tzinfo=_UTC)
    return value


def read_gpx(path):
    """Read a GPX file's track (or route/way) points with times into a ``Track``."""
    import xml.etree.ElementTree as ET

    path = os.fspath(path)
    if not os.path.isfile(path):
        raise InputError(tr("GPX track not found: {path}").format(path=path))
    try:
        root = ET.parse(path).getroot()
    except (ET.ParseError, OSError) as error:
        raise InputError(tr("The GPX track cannot be read: {path} ({error})").format(path=path, error=error)) from error
    points = []
    for element in root.iter():
        tag = element.tag.rsplit("}", 1)[-1]
        if tag not in ("trkpt", "rtept", "wpt"):
            continue
        time_text = None
        for child in element:
            if child.tag.rsplit("}", 1)[-1] == "time":
                time_text = child.text
        try:
            lat, lon = float(element.get("lat")), float(element.get("lon"))
            if time_text is None:
                continue
            points.append((parse_time(time_text).timestamp(), lon, lat))
        except (TypeError, ValueError):
            continue
    if len(points) < 2:
        raise InputError(tr("The GPX track has fewer than two points with a time stamp: {path}").format(path=path))
    points.sort()
    # drop duplicate time stamps (keep the first)
    unique = [points[0]]
    for p in points[1:]:
        if p[0] > unique[-1][0]:
            unique.append(p)
    utm = wgs84_to_utm32([(lon, lat) for _, lon, lat in unique])
    return Track([p[0] for p in unique], [u[0] for u in utm], [u[1] for u in utm], path=path)


# EXIF ---------------------------------------------------------------------------------------
def _rational(value):
    try:
        return float(value)
    except TypeError:
        num, den = value
        return float(num) / float(den) if den else 0.0


def _dms(values, ref):
    d, m, s = (_rational(v) for v in values)
    sign = -1.0 if str(ref).upper().startswith(("S", "W")) else 1.0
    return sign * (d + m / 60.0 + s / 3600.0)


def read_photo_header(path):
    """(width, height, taken_at, lon, lat, direction) of a photo without decoding its pixels.

    Width/height are of the upright image (EXIF orientation 5–8 swaps them). Raises OSError or
    PIL's errors for unreadable files.
    """
    from PIL import Image

    with Image.open(path) as image:
        width, height = image.size
        exif = image.getexif()
    orientation = exif.get(274, 1)
    if orientation in (5, 6, 7, 8):
        width, height = height, width
    taken_at = None
    sub = exif.get_ifd(0x8769)
    text = sub.get(36867) or exif.get(306)
    if text:
        try:
            taken_at = datetime.datetime.strptime(str(text).strip("\x00 ").strip(), "%Y:%m:%d %H:%M:%S")
            frac = str(sub.get(37521, "")).strip("\x00 ").strip()
            if frac.isdigit():
                taken_at += datetime.timedelta(seconds=float("0." + frac))
            zone = str(sub.get(36881, "")).strip("\x00 ").strip()
            if len(zone) == 6 and zone[0] in "+-":
                sign = -1 if zone[0] == "-" else 1
                delta = datetime.timedelta(hours=int(zone[1:3]), minutes=int(zone[4:6]))
                taken_at = taken_at.replace(tzinfo=datetime.timezone(sign * delta))
            else:
                taken_at = taken_at.replace(tzinfo=_UTC)
        except ValueError:
            taken_at = None
    lon = lat = direction = None
    gps = exif.get_ifd(0x8825)
    if gps and 2 in gps and 4 in gps:
        try:
            lat = _dms(gps[2], gps.get(1, "N"))
            lon = _dms(gps[4], gps.get(3, "E"))
            if 17 in gps:
                direction = _rational(gps[17]) % 360.0
        except (TypeError, ValueError, ZeroDivisionError):
            lat = lon = None
        if lat is not None and abs(lat) < 1e-9 and abs(lon) < 1e-9:
            lat = lon = None  # (0, 0): a camera without fix
    return width, height, taken_at, lon, lat, direction


def list_images(folder):
    folder = os.fspath(folder)
    if not os.path.isdir(folder):
        raise InputError(tr("Photo folder not found: {path}").format(path=folder))
    names = sorted(n for n in os.listdir(folder) if n.lower().endswith(IMAGE_SUFFIXES) and not n.startswith("."))
    return [os.path.join(folder, n) for n in names]


def ingest_photos(folder, track=None, clock_offset=0.0, feedback=None):
    """Frames of a folder of photos, positioned from EXIF GPS or, failing that, from the track."""
    feedback = feedback or NullFeedback()
    paths = list_images(folder)
    if not paths:
        raise InputError(tr("No photos (JPEG/PNG) in the folder: {path}").format(path=folder))
    if isinstance(track, (str, os.PathLike)):
        track = read_gpx(track)
    headers = _read_headers(paths, feedback)
    frames, exif_points = [], []
    for seq, (path, header) in enumerate(zip(paths, headers)):
        frame = Frame(seq=seq, path=path, image=os.path.basename(path))
        frames.append(frame)
        if isinstance(header, Exception):
            frame.status = "unreadable"
            frame.message = str(header)
            continue
        width, height, taken_at, lon, lat, direction = header
        frame.width, frame.height = width, height
        if taken_at is not None:
            frame.taken_at = (taken_at + datetime.timedelta(seconds=clock_offset)).astimezone(_UTC)
        if lat is not None:
            exif_points.append((frame, lon, lat, direction))
    # one coordinate transformation for all EXIF positions
    for (frame, _, _, direction), (e, n) in zip(
        exif_points, wgs84_to_utm32([(lon, lat) for _, lon, lat, _ in exif_points])
    ):
        frame.easting, frame.northing = e, n
        frame.heading = direction
        frame.position_source = "exif"
    if track is not None:
        for frame in frames:
            if frame.taken_at is None or frame.status != "ok":
                continue
            pos = track.position_at(frame.taken_at.timestamp())
            if pos is not None:
                if not frame.positioned:
                    frame.easting, frame.northing = pos[0], pos[1]
                    frame.position_source = "gpx"
                if frame.heading is None:
                    frame.heading = pos[2]
    _fill_headings(frames)
    result = IngestResult(frames=frames, source="photos")
    _report(result, track, feedback)
    return result


def _read_headers(paths, feedback, chunk=64):
    """Photo headers (or the exception reading one raised), in order; read by a few threads
    (helps on network drives), with cancel checks between chunks."""
    import concurrent.futures

    def read(path):
        try:
            return read_photo_header(path)
        except Exception as error:  # noqa: BLE001 - PIL raises many types for broken files
            return error

    headers = []
    with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
        for start in range(0, len(paths), chunk):
            raise_if_canceled(feedback)
            headers.extend(pool.map(read, paths[start : start + chunk]))
    return headers


def _fill_headings(frames):
    """Heading from neighbouring positions where neither EXIF nor the track gave one."""
    positioned = [f for f in frames if f.positioned and f.status == "ok"]
    for i, frame in enumerate(positioned):
        if frame.heading is not None:
            continue
        before = positioned[i - 1] if i > 0 else frame
        after = positioned[i + 1] if i + 1 < len(positioned) else frame
        frame.heading = bearing(before.easting, before.northing, after.easting, after.northing)


def _report(result, track, feedback):
    for frame in result.frames:
        if frame.status == "unreadable":
            result.unreadable.append(frame.image)
            warn(
                feedback,
                tr("Photo cannot be read and is skipped: {image} ({error})").format(
                    image=frame.image, error=frame.message
                ),
            )
        elif not frame.positioned:
            frame.status = "no_position"
            if frame.taken_at is None and track is not None:
                frame.message = tr("no GPS position and no time stamp to match the GPX track")
            elif track is not None:
                frame.message = tr("taken at {time}, outside the GPX track ({start} – {end})").format(
                    time=frame.taken_at.isoformat(), start=track.start.isoformat(), end=track.end.isoformat()
                )
            else:
                frame.message = tr("no GPS position in the photo and no GPX track given")
            result.unpositioned.append(frame.image)
            warn(
                feedback,
                tr("Photo has no position: {image} ({reason})").format(image=frame.image, reason=frame.message),
            )
    if not result.positioned:
        readable = [f for f in result.frames if f.status != "unreadable"]
        if not readable:
            raise InputError(tr("None of the photos can be read."))
        if track is not None:
            times = [f.taken_at for f in readable if f.taken_at is not None]
            if times:
                raise InputError(
                    tr(
                        "The GPX track does not overlap the photos in time: track {start} – {end}, photos "
                        "{first} – {last}. Check the clock offset."
                    ).format(
                        start=track.start.isoformat(),
                        end=track.end.isoformat(),
                        first=min(times).isoformat(),
                        last=max(times).isoformat(),
                    )
                )
        raise InputError(
            tr(
                "None of the {count} photos has a position: they carry no GPS data and no matching GPX track was given."
            ).format(count=len(readable))
        )


# Video --------------------------------------------------------------------------------------
def ingest_video(video, track, out_dir, every_m=4.0, clock_offset=0.0, feedback=None):
    """Sample a dashcam video every ``every_m`` metres along the GPX track into JPEG frames.

    The video is assumed to start at the track's first time stamp plus ``clock_offset`` seconds.
    Needs OpenCV (``opencv-python-headless``).
    """
    try:
        import cv2
    except ImportError as error:
        raise DependencyError(
            tr("Reading videos needs OpenCV. Install the Python package: pip install opencv-python-headless")
        ) from error
    feedback = feedback or NullFeedback()
    if isinstance(track, (str, os.PathLike)):
        track = read_gpx(track)
    if track is None:
        raise InputError(tr("A video needs a GPX track for the positions."))
    video = os.fspath(video)
    capture = cv2.VideoCapture(video)
    if not capture.isOpened():
        raise InputError(tr("The video cannot be read: {path}").format(path=video))
    created = not os.path.isdir(out_dir)
    os.makedirs(out_dir, exist_ok=True)
    fps = capture.get(cv2.CAP_PROP_FPS) or 0.0
    count = capture.get(cv2.CAP_PROP_FRAME_COUNT) or 0.0
    duration = count / fps if fps > 0 else None
    start = track.times[0] + clock_offset
    frames, written = [], []
    stem = os.path.splitext(os.path.basename(video))[0]
    distance = 0.0
    seq = 0
    try:
        while distance <= track.dist[-1]:
            raise_if_canceled(feedback)
            t = track.time_at_distance(distance)
            offset_s = t - start
            if offset_s < 0 or (duration is not None and offset_s > duration):
                distance += every_m
                continue
            capture.set(cv2.CAP_PROP_POS_MSEC, offset_s * 1000.0)
            ok, image = capture.read()
            name = f"{stem}_{offset_s:09.3f}s.jpg"
            path = os.path.join(out_dir, name)
            frame = Frame(seq=seq, path=path, image=name, position_source="video")
            frame.taken_at = datetime.datetime.fromtimestamp(t, _UTC)
            e, n, heading = track.position_at(t)
            frame.easting, frame.northing, frame.heading = e, n, heading
            if not ok or image is None:
                frame.status = "unreadable"
                frame.message = tr("no video frame at {seconds} s").format(seconds=round(offset_s, 3))
            else:
                if not os.path.exists(path):  # a file of an earlier run of this video stays that run's
                    written.append(path)
                cv2.imwrite(path, image)
                frame.height, frame.width = image.shape[:2]
            frames.append(frame)
            seq += 1
            distance += every_m
    except BaseException:
        remove_video_frames(written, out_dir, created)  # cancel or error: no stray frames
        raise
    finally:
        capture.release()
    result = IngestResult(
        frames=frames, source="video", frames_dir=out_dir, frames_dir_created=created, frames_written=written
    )
    _report(result, track, feedback)
    return result


def remove_video_frames(paths, out_dir, created):
    """Delete the frame files a video run wrote new (and their folder if the run made it)."""
    for path in paths:
        with contextlib.suppress(OSError):
            os.remove(path)
    if created:
        with contextlib.suppress(OSError):
            os.rmdir(out_dir)  # only when empty


# Decoding -----------------------------------------------------------------------------------
def decode_image(path, fit=None):
    """Upright RGB uint8 array (H, W, 3) of a photo: EXIF orientation applied, greyscale,
    16-bit, palette and alpha images converted. Raises on corrupt or truncated files.

    ``fit`` (height, width): the image is only needed at the size it takes when letterboxed into
    ``fit``; JPEGs are then decoded at a reduced DCT scale (1/2, 1/4, 1/8) that stays at least
    that large - several times faster, with the same pixels after letterboxing.
    """
    return decode_image_scaled(path, fit)[0]


def decode_image_scaled(path, fit=None):
    """(array, (full_height, full_width)) - see ``decode_image``; the full size is of the upright
    original, so that boxes found in the array can be scaled back to original pixels."""
    import numpy as np
    from PIL import Image, ImageOps

    with Image.open(path) as image:
        full_w, full_h = image.size
        orientation = image.getexif().get(274, 1) if image.format == "JPEG" else 1
        if orientation in (5, 6, 7, 8):
            full_w, full_h = full_h, full_w
        if fit is not None and image.format == "JPEG":
            scale = min(fit[0] / full_h, fit[1] / full_w)
            if scale < 1.0:
                raw_w, raw_h = image.size
                image.draft(
                    image.mode if image.mode in ("RGB", "L") else "RGB",
                    (math.ceil(raw_w * scale), math.ceil(raw_h * scale)),
                )
        image.load()
        return _to_rgb8(ImageOps.exif_transpose(image), np), (full_h, full_w)


def _to_rgb8(image, np):
    """An upright PIL image as H×W×3 uint8 RGB (greyscale, 16-bit, float, palette, alpha)."""
    if image.mode in ("I;16", "I;16B", "I;16L", "I"):
        array = np.asarray(image, dtype=np.float64)
        top = 65535.0 if array.max() > 255 or image.mode.startswith("I;16") else 255.0
        array = np.clip(array / top * 255.0 + 0.5, 0, 255).astype(np.uint8)
        return np.ascontiguousarray(np.repeat(array[:, :, None], 3, axis=2))
    if image.mode == "F":
        array = np.asarray(image, dtype=np.float64)
        array = np.clip(array / max(float(array.max()), 1e-9) * 255.0, 0, 255).astype(np.uint8)
        return np.ascontiguousarray(np.repeat(array[:, :, None], 3, axis=2))
    if image.mode != "RGB":
        image = image.convert("RGB")
    return np.asarray(image)
