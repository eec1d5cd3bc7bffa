"""Wavefront OBJ: one group per building, one material per semantic surface (in a .mtl beside it)."""

import os

import numpy as np

from .. import mesh as meshlib
from ..export import atomic_outputs, write_origin_sidecar

MATERIAL_NAMES = {key: key for key in meshlib.SEMANTIC_ORDER}


def _safe_name(text):
    return "".join(c if (c.isalnum() or c in "-_.") else "_" for c in str(text)) or "unnamed"


def mtl_text():
    lines = ["# Materials per semantic surface (Soest city model export)"]
    for key in meshlib.SEMANTIC_ORDER:
        r, g, b = meshlib.SEMANTIC_COLOURS[key]
        lines += [
            "",
            f"newmtl {MATERIAL_NAMES[key]}",
            f"Ka {r:.3f} {g:.3f} {b:.3f}",
            f"Kd {r:.3f} {g:.3f} {b:.3f}",
            "Ks 0.000 0.000 0.000",
            "d 1.0",
            "illum 1",
        ]
    return "\n".join(lines) + "\n"


def _vertex_block(vertices, normals):
    v = "\n".join("v {:.3f} {:.3f} {:.3f}".format(*row) for row in vertices.tolist())
    vn = "\n".join("vn {:.4f} {:.4f} {:.4f}".format(*row) for row in normals.tolist())
    return v + "\n" + vn + "\n"


def _write_mesh(handle, name, m, base):
    """Write one object; ``base`` is the count of vertices written so far (OBJ indices are global)."""
    handle.write(f"o {name}\ng {name}\n")
    handle.write(_vertex_block(m.vertices, m.normals))
    for key, faces in m.groups():
        handle.write(f"usemtl {MATERIAL_NAMES[key]}\n")
        f = faces + base + 1
        handle.write("\n".join(f"f {a}//{a} {b}//{b} {c}//{c}" for a, b, c in f.tolist()))
        handle.write("\n")
    return base + len(m.vertices)


def export(job, out_path):
    stem, _ = os.path.splitext(out_path)
    mtl_path = stem + ".mtl"
    triangles = 0
    written = 0
    with atomic_outputs(out_path, mtl_path) as (tmp_obj, tmp_mtl):
        with open(tmp_mtl, "w", encoding="utf-8") as handle:
            handle.write(mtl_text())
        with open(tmp_obj, "w", encoding="utf-8", newline="\n") as handle:
            handle.write("# Soest city model export\n")
            handle.write(f"# CRS: {job.transform.target_crs}\n")
            origin = job.transform.origin
            if np.any(origin):
                handle.write("# origin offset: {:.3f} {:.3f} {:.3f}\n".format(*origin))
            handle.write(f"mtllib {os.path.basename(mtl_path)}\n")
            base = 0
            for building, m in job.iter_meshes():
                base = _write_mesh(handle, _safe_name(building.gml_id), m, base)
                triangles += m.face_count
                written += 1
            terrain = job.terrain()
            if terrain is not None:
                base = _write_mesh(handle, "terrain", terrain, base)
                triangles += terrain.face_count
        sidecar = write_origin_sidecar(job, out_path)
    files = [out_path, mtl_path] + ([sidecar] if sidecar else [])
    return {"buildings": written, "triangles": triangles, "files": files}
