"""Wavefront OBJ: one group per building, one material per semantic surface (in a .mtl beside it).

Object and group names are the building ids with every character other than letters, digits and
``-_.`` replaced by ``_``. Two ids can give the same name that way (``a b`` and ``a_b``), and
viewers merge groups of one name, so the names are unique within a file: see ``GroupNames``. Each
renaming is an export warning and the summary's ``renamed`` maps name → original id.
"""

import os

import numpy as np

from ...common.i18n import tr
from .. import mesh as meshlib
from ..export import atomic_outputs, write_origin_sidecar

MATERIAL_NAMES = {key: key for key in meshlib.SEMANTIC_ORDER}
MAX_RENAME_WARNINGS = 20  # one warning per renamed building up to this many, then a count


def _safe_name(text):
    return "".join(c if (c.isalnum() or c in "-_.") else "_" for c in str(text)) or "unnamed"


class GroupNames:
    """Unique object/group names for the buildings of one OBJ file, handed out in export order.

    ``gml_ids`` are the ids of every building of the file (known before the first one is written).
    A building keeps its sanitised id unless an earlier building took that name or another
    building's id is exactly that name (``a_b`` keeps ``a_b``, ``a b`` yields to it); otherwise it
    gets ``<name>-2``, ``<name>-3`` …, the first that is no building's own sanitised name and not
    handed out yet. Deterministic for one input order. ``renamed`` lists (original id, name).
    """

    def __init__(self, gml_ids):
        bases = [(str(gml_id), _safe_name(gml_id)) for gml_id in gml_ids]
        self._exact = {base for gml_id, base in bases if gml_id == base}
        self._taken = {base for _, base in bases}  # never handed out to another building
        self._used = set()
        self.renamed = []

    def _free(self, base):
        candidate, n = base, 1
        while candidate in self._taken or candidate in self._used:
            n += 1
            candidate = f"{base}-{n}"
        return candidate

    def name(self, gml_id):
        base = _safe_name(gml_id)
        if base not in self._used and (str(gml_id) == base or base not in self._exact):
            name = base
        else:
            name = self._free(base)
            self.renamed.append((gml_id, name))
        self._used.add(name)
        self._taken.add(name)
        return name

    def terrain(self):
        """``terrain``, or ``terrain-2`` … when a building is called so."""
        return self._free("terrain")


def _warn_renamed(job, renamed):
    for gml_id, name in renamed[:MAX_RENAME_WARNINGS]:
        job.warn(
            tr(
                "OBJ: the id of building {gml_id} gives the same group name as another building's id; "
                "the building is written as group {name}."
            ).format(gml_id=gml_id, name=name)
        )
    if len(renamed) > MAX_RENAME_WARNINGS:
        job.warn(
            tr("OBJ: {count} more buildings were written under a changed group name.").format(
                count=len(renamed) - MAX_RENAME_WARNINGS
            )
        )


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
            names = GroupNames(job.building_ids())
            for building, m in job.iter_meshes():
                base = _write_mesh(handle, names.name(building.gml_id), m, base)
                triangles += m.face_count
                written += 1
            terrain = job.terrain()
            if terrain is not None:
                base = _write_mesh(handle, names.terrain(), terrain, base)
                triangles += terrain.face_count
        sidecar = write_origin_sidecar(job, out_path)
    _warn_renamed(job, names.renamed)
    files = [out_path, mtl_path] + ([sidecar] if sidecar else [])
    renamed = {name: gml_id for gml_id, name in names.renamed}
    return {"buildings": written, "triangles": triangles, "files": files, "renamed": renamed}
