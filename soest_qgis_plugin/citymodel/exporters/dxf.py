"""DXF 3D (AutoCAD R2010): every building as a block of 3DFACE (default) or MESH entities, one layer
per semantic surface with German names (Dach, Wand, Boden …), inserted at 0,0,0."""

import re

import numpy as np

from .. import mesh as meshlib
from ..export import atomic_outputs, write_origin_sidecar

# Layer names and AutoCAD colour indices per semantic group.
LAYERS = {
    "RoofSurface": ("Dach", 1),
    "WallSurface": ("Wand", 8),
    "GroundSurface": ("Boden", 250),
    "ClosureSurface": ("Abschluss", 4),
    "OuterCeilingSurface": ("Außendecke", 6),
    "OuterFloorSurface": ("Außenboden", 9),
    "Unknown": ("Sonstige", 7),
    meshlib.TERRAIN: ("Gelände", 3),
}

_BAD = re.compile(r'[<>/\\":;?*|=`,\s]')


def block_name(gml_id, used):
    name = _BAD.sub("_", str(gml_id))[:200] or "Gebaeude"
    base, k = name, 1
    while name.upper() in used:
        k += 1
        name = f"{base}_{k}"
    used.add(name.upper())
    return name


def _add_faces(block, m, entity):
    for key, faces in m.groups():
        layer = LAYERS[key][0]
        if entity == "mesh":
            used = np.unique(faces)
            remap = {int(old): new for new, old in enumerate(used)}
            mesh = block.add_mesh(dxfattribs={"layer": layer})
            with mesh.edit_data() as data:
                data.vertices = [tuple(p) for p in m.vertices[used].tolist()]
                data.faces = [tuple(remap[int(i)] for i in f) for f in faces.tolist()]
        else:
            v = m.vertices
            for a, b, c in faces.tolist():
                # A triangle is a 3DFACE whose 4th corner repeats the 3rd.
                block.add_3dface([v[a], v[b], v[c], v[c]], dxfattribs={"layer": layer})


def _add_3dfaces(block, m):
    """3DFACE entities: convex planar quads as one 4-corner face, everything else as triangles."""
    v = m.vertices
    for key, corners in m.quads:
        block.add_3dface([v[i] for i in corners], dxfattribs={"layer": LAYERS[key][0]})
    if m.quad_faces:
        keep = np.ones(len(m.faces), dtype=bool)
        keep[list(m.quad_faces)] = False
        semantics = [s for s, k in zip(m.semantics, keep) if k]
        m = meshlib.BuildingMesh(m.gml_id, m.vertices, m.faces[keep], semantics, m.normals)
    _add_faces(block, m, "3dface")


def export(job, out_path):
    from ...common import deps

    deps.require("ezdxf")
    import ezdxf

    entity = (job.options.dxf_entity or "3dface").lower()
    doc = ezdxf.new("R2010", setup=True)
    doc.units = ezdxf.units.M
    for name, colour in LAYERS.values():
        doc.layers.add(name, color=colour)
    msp = doc.modelspace()
    used = set()
    triangles = 0
    written = 0
    for building, m in job.iter_meshes():
        name = block_name(building.gml_id, used)
        block = doc.blocks.new(name=name)
        if entity == "mesh":
            _add_faces(block, m, entity)
        else:
            _add_3dfaces(block, m)
        msp.add_blockref(name, (0, 0, 0), dxfattribs={"layer": "0"})
        triangles += m.face_count
        written += 1
    terrain = job.terrain()
    if terrain is not None:
        _add_faces(msp, terrain, entity)
        triangles += terrain.face_count
    with atomic_outputs(out_path) as (tmp,):
        doc.saveas(tmp)
        sidecar = write_origin_sidecar(job, out_path)
    files = [out_path] + ([sidecar] if sidecar else [])
    return {"buildings": written, "triangles": triangles, "files": files}
