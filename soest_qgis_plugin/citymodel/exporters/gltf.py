"""glTF 2.0 / GLB: one node and mesh per building, one material per semantic surface.

glTF is Y-up with float32 positions, so positions are always written relative to an origin:
``gltf (x, y, z) = (E - E0, H - H0, -(N - N0))``. Without the local origin option the root node
carries the origin as its translation (absolute position kept); with it the root node is at 0 and
the offset is written to ``asset.extras`` / ``scene.extras`` and the ``.origin.json`` sidecar.
Each building node has ``extras.gml_id`` (and its attributes). Written directly (plain JSON and the
GLB container), no third-party package needed.
"""

import base64
import json
import struct

import numpy as np

from .. import mesh as meshlib
from ..export import atomic_outputs, write_origin_sidecar
from .jsonsafe import json_safe

ARRAY_BUFFER = 34962
ELEMENT_ARRAY_BUFFER = 34963
FLOAT = 5126
UNSIGNED_INT = 5125
TRIANGLES = 4


def _to_gltf_axes(vertices):
    """(E, N, H) → (x, y, z) of glTF: x = E, y = H, z = -N."""
    return np.column_stack((vertices[:, 0], vertices[:, 2], -vertices[:, 1]))


class _Buffer:
    def __init__(self):
        self.chunks = []
        self.length = 0
        self.views = []
        self.accessors = []

    def _view(self, data, target):
        pad = (-self.length) % 4
        if pad:
            self.chunks.append(b"\0" * pad)
            self.length += pad
        self.views.append({"buffer": 0, "byteOffset": self.length, "byteLength": len(data), "target": target})
        self.chunks.append(data)
        self.length += len(data)
        return len(self.views) - 1

    def vec3(self, array):
        array = np.ascontiguousarray(array, dtype=np.float32)
        view = self._view(array.tobytes(), ARRAY_BUFFER)
        self.accessors.append(
            {
                "bufferView": view,
                "componentType": FLOAT,
                "count": len(array),
                "type": "VEC3",
                "min": [float(x) for x in array.min(axis=0)],
                "max": [float(x) for x in array.max(axis=0)],
            }
        )
        return len(self.accessors) - 1

    def indices(self, faces):
        flat = np.ascontiguousarray(faces, dtype=np.uint32).ravel()
        view = self._view(flat.tobytes(), ELEMENT_ARRAY_BUFFER)
        self.accessors.append({"bufferView": view, "componentType": UNSIGNED_INT, "count": len(flat), "type": "SCALAR"})
        return len(self.accessors) - 1

    def data(self):
        blob = b"".join(self.chunks)
        return blob + b"\0" * ((-len(blob)) % 4)


def write_glb(path, document, blob):
    """The GLB container: header, JSON chunk (space-padded), BIN chunk (zero-padded)."""
    text = json.dumps(document, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    text += b" " * ((-len(text)) % 4)
    total = 12 + 8 + len(text) + 8 + len(blob)
    with open(path, "wb") as handle:
        handle.write(struct.pack("<4sII", b"glTF", 2, total))
        handle.write(struct.pack("<I4s", len(text), b"JSON"))
        handle.write(text)
        handle.write(struct.pack("<I4s", len(blob), b"BIN\0"))
        handle.write(blob)


def export(job, out_path):
    frame_origin = np.zeros(3) if job.options.local_origin else meshlib.local_origin(job.target_bounds)
    materials, material_index = [], {}

    def material(key):
        """Index of the material of a semantic group (made when first used: no unused materials)."""
        if key not in material_index:
            r, g, b = meshlib.SEMANTIC_COLOURS[key]
            material_index[key] = len(materials)
            materials.append(
                {
                    "name": key,
                    "pbrMetallicRoughness": {
                        "baseColorFactor": [r, g, b, 1.0],
                        "metallicFactor": 0.0,
                        "roughnessFactor": 0.9,
                    },
                    "doubleSided": True,
                }
            )
        return material_index[key]

    buffer = _Buffer()
    meshes, nodes, children = [], [], []
    triangles = 0
    written = 0

    def add(name, m, extras):
        nonlocal triangles
        pos = buffer.vec3(_to_gltf_axes(m.vertices - frame_origin))
        nor = buffer.vec3(_to_gltf_axes(m.normals))
        primitives = [
            {
                "attributes": {"POSITION": pos, "NORMAL": nor},
                "indices": buffer.indices(faces),
                "material": material(key),
                "mode": TRIANGLES,
            }
            for key, faces in m.groups()
        ]
        meshes.append({"name": name, "primitives": primitives})
        nodes.append({"name": name, "mesh": len(meshes) - 1, "extras": extras})
        children.append(len(nodes) - 1)
        triangles += m.face_count

    for building, m in job.iter_meshes():
        extras = {"gml_id": building.gml_id, "attributes": json_safe(building.attributes)}
        if building.part_ids:
            extras["part_ids"] = list(building.part_ids)
        add(building.gml_id, m, extras)
        written += 1
    terrain = job.terrain()
    if terrain is not None:
        add("terrain", terrain, {"gml_id": "terrain", "type": "TINRelief"})

    frame = job.sidecar()
    frame["axes"] = "glTF x = easting, y = height, z = -northing"
    root = {"name": "citymodel", "children": children}
    if not job.options.local_origin:
        # The absolute position lives in the root node's translation (glTF axes).
        root["translation"] = [float(frame_origin[0]), float(frame_origin[2]), -float(frame_origin[1])]
        frame["root_translation"] = root["translation"]
    nodes.append(root)
    asset_extras = {"soest_origin": frame}
    asset_extras.update(json_safe(job.options.metadata or {}))
    blob = buffer.data()
    document = {
        "asset": {"version": "2.0", "generator": "Soest QGIS plugin", "extras": asset_extras},
        "scene": 0,
        "scenes": [{"name": "citymodel", "nodes": [len(nodes) - 1], "extras": {"soest_origin": frame}}],
        "nodes": nodes,
        "meshes": meshes,
        "materials": materials,
        "accessors": buffer.accessors,
        "bufferViews": buffer.views,
        "buffers": [{"byteLength": len(blob)}],
    }
    binary = out_path.lower().endswith(".glb")
    with atomic_outputs(out_path) as (tmp,):
        if binary:
            write_glb(tmp, document, blob)
        else:
            document["buffers"][0]["uri"] = "data:application/octet-stream;base64," + base64.b64encode(blob).decode(
                "ascii"
            )
            with open(tmp, "w", encoding="utf-8") as handle:
                json.dump(document, handle, separators=(",", ":"), ensure_ascii=False)
        sidecar = write_origin_sidecar(job, out_path)
    files = [out_path] + ([sidecar] if sidecar else [])
    return {"buildings": written, "triangles": triangles, "files": files, "format": "glb" if binary else "gltf"}
