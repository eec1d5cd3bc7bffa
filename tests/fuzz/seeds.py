"""Valid seed inputs for the fuzz tests and hypothesis strategies that mutate them."""

import datetime
import io
import json
import zipfile

from hypothesis import strategies as st

from tests.citymodel import gen

# Values that break naive parsers: numbers out of range, NaN, empty, markup, hostile names.
NASTY = [
    b"",
    b"NaN",
    b"-inf",
    b"1e309",
    b"-0",
    b"99999999999999999999999",
    b"\x00",
    b"\xff\xfe",
    b"&#0;",
    b"&lt;",
    b"]]>",
    b"<!--",
    b"<",
    b">",
    b'"',
    b"'",
    b"\\",
    b",",
    b";",
    b"\n",
    b"\r\n",
    b"{",
    b"}",
    b"[",
    b"]",
    b"null",
    b"true",
    b"'); DROP TABLE damages; --",
    b"../../etc/passwd",
    "ÄÖÜß€".encode(),
    b"\xe2\x80\xae",
    b"25:61:61",
    b"2026-13-45T99:99:99Z",
    b'xlink:href="#nowhere"',
    b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">]>',
]


def citygml_seed():
    buildings = [
        gen.building_xml("DENW_F0001"),
        gen.building_xml("DENW_F0002", x0=gen.E0 + 20, mode="multisurface"),
        gen.building_xml("DENW_F0003", x0=gen.E0 + 40, mode="lod1"),
    ]
    return gen.citygml(buildings, version="2.0").encode("utf-8")


def cityjson_seed():
    return json.dumps(gen.cityjson_doc(2)).encode("utf-8")


def cityjsonseq_seed():
    return gen.cityjson_seq(gen.cityjson_doc(2)).encode("utf-8")


def gpx_seed():
    start = datetime.datetime(2026, 5, 4, 9, 0, 0, tzinfo=datetime.timezone.utc)
    points = []
    for i in range(6):
        t = (start + datetime.timedelta(seconds=i)).strftime("%Y-%m-%dT%H:%M:%SZ")
        points.append(
            f'<trkpt lat="{51.571 + i * 1e-5:.6f}" lon="{8.106 + i * 5e-5:.6f}"><ele>98</ele><time>{t}</time></trkpt>'
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<gpx version="1.1" creator="soest" '
        'xmlns="http://www.topografix.com/GPX/1/1"><trk><name>Fahrt</name><trkseg>'
        + "".join(points)
        + "</trkseg></trk></gpx>"
    ).encode("utf-8")


GTFS_FILES = {
    "agency.txt": (
        "agency_id,agency_name,agency_url,agency_timezone\n"
        "RLG,Regionalverkehr Ruhr-Lippe,https://rlg.de,Europe/Berlin\n"
    ),
    "stops.txt": (
        "stop_id,stop_name,stop_lat,stop_lon\n"
        "S1,Soest Bahnhof,51.5785,8.1093\nS2,Markt,51.5713,8.1060\nS3,Grandweg,51.5650,8.1200\n"
    ),
    "routes.txt": "route_id,agency_id,route_short_name,route_long_name,route_type\nR1,RLG,C1,Stadtbus,3\n",
    "trips.txt": "route_id,service_id,trip_id,shape_id\nR1,WD,T1,SH1\nR1,WD,T2,SH1\n",
    "stop_times.txt": (
        "trip_id,arrival_time,departure_time,stop_id,stop_sequence\n"
        "T1,08:00:00,08:00:00,S1,1\nT1,08:05:00,08:05:00,S2,2\nT1,08:12:00,08:12:00,S3,3\n"
        "T2,24:50:00,24:50:00,S1,1\nT2,24:55:00,24:56:00,S2,2\n"
    ),
    "calendar.txt": (
        "service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date\n"
        "WD,1,1,1,1,1,0,0,20260101,20261231\n"
    ),
    "shapes.txt": "shape_id,shape_pt_lat,shape_pt_lon,shape_pt_sequence\nSH1,51.5785,8.1093,1\nSH1,51.5713,8.1060,2\n",
}


def gtfs_zip(files, names=None):
    """A GTFS zip from {name: text-or-bytes}; ``names`` renames members (e.g. ``../../stops.txt``)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in files.items():
            member = (names or {}).get(name, name)
            archive.writestr(member, data if isinstance(data, bytes) else data.encode("utf-8"))
    return buffer.getvalue()


def jpeg_seed(with_gps=True):
    from PIL import Image

    image = Image.new("RGB", (64, 48), (90, 90, 90))
    exif = Image.Exif()
    exif[274] = 6  # orientation
    exif[306] = "2026:05:04 09:00:03"
    if with_gps:
        gps = {1: "N", 2: (51.0, 34.0, 15.6), 3: "E", 4: (8.0, 6.0, 21.6), 17: 92.5}
        exif[0x8825] = gps
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif.tobytes(), quality=80)
    return out.getvalue()


# --------------------------------------------------------------------------- mutations
def _apply(data, ops):
    data = bytearray(data)
    for kind, position, payload in ops:
        if not data:
            data = bytearray(payload)
            continue
        i = position % (len(data) + 1)
        if kind == 0:  # overwrite bytes
            data[i : i + len(payload)] = payload
        elif kind == 1:  # insert
            data[i:i] = payload
        elif kind == 2:  # delete a range
            del data[i : i + 1 + len(payload) * 4]
        elif kind == 3:  # truncate
            del data[i:]
        elif kind == 4:  # duplicate a chunk
            chunk = data[i : i + 1 + len(payload) * 16]
            data[i:i] = chunk
        elif kind == 5 and i < len(data):  # flip bits
            data[i] ^= (payload[0] if payload else 0x55) or 0x01
    return bytes(data)


def _tokens(data, ops):
    """Replace the n-th digit run / quoted value / tag content with a nasty value."""
    import re

    pieces = list(re.finditer(rb"-?\d+(?:\.\d+)?|\"[^\"]{0,40}\"|>[^<]{1,40}<", data))
    if not pieces:
        return data
    out = data
    for index, nasty in ops:
        match = pieces[index % len(pieces)]
        start, end = match.span()
        if start >= len(out):
            continue
        out = out[:start] + nasty + out[end:]
    return out


payloads = st.one_of(st.sampled_from(NASTY), st.binary(min_size=1, max_size=12))


def mutated(seed, max_ops=4, header_bias=None):
    """Strategy: ``seed`` with 1..max_ops byte mutations or token replacements (or both)."""
    position = st.integers(0, header_bias) if header_bias else st.integers(0, len(seed))
    byte_ops = st.lists(st.tuples(st.integers(0, 5), position, payloads), min_size=1, max_size=max_ops)
    token_ops = st.lists(st.tuples(st.integers(0, 10_000), st.sampled_from(NASTY)), min_size=1, max_size=max_ops)
    return st.one_of(
        byte_ops.map(lambda ops: _apply(seed, ops)),
        token_ops.map(lambda ops: _tokens(seed, ops)),
        st.tuples(token_ops, byte_ops).map(lambda t: _apply(_tokens(seed, t[0]), t[1])),
    )
