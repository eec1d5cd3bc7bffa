"""glTF 2.0 / GLB: one node and mesh per building, one material per semantic surface.

glTF is Y-up with float32 positions, so positions are always written relative to an origin:
``gltf (x, y, z) = (E - E0, H - H0, -(N - N0))``. Without the local origin option the root node
carries the origin as its translation (absolute position kept); with it the root node is at 0 and
the offset is written to ``asset.extras`` / ``scene.extras`` and the ``.origin.json`` sidecar.
Each building node has ``extras.gml_id``.
"""

import base64
import json

import numpy as np

from .. import mesh as meshlib
from ..export import atomic_outputs, write_origin_sidecar

ARRAY_BUFFER = 34962
ELEMENT_ARRAY_BUFFER = 34963
FLOAT = 5126
UNSIGNED_INT = 5125


def _to_gltf_axes(vertices):
    """(E, N, H) → (x, y, z) of glTF: x = E, y = H, z = -N."""
    return np.column_stack((vertices[:, 0], vertices[:, 2], -vertices[:, 1]))


def _json_safe(value):
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    if isinstance(value, (np.integer,)):
        return int(value)
    if isinstance(value, (np.floating,)):
        return float(value)
    if isinstance(value, dict):
        return {str(k): _json_safe(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_json_safe(v) for v in value]
    return str(value)


class _Builder:
    def __init__(self, pygltflib):
        self.lib = pygltflib
        self.blob = bytearray()
        self.buffer_views = []
        self.accessors = []

    def _view(self, data, target):
        while len(self.blob) % 4:
            self.blob.append(0)
        offset = len(self.blob)
        self.blob.extend(data)
        self.buffer_views.append(self.lib.BufferView(buffer=0, byteOffset=offset, byteLength=len(data), target=target))
        return len(self.buffer_views) - 1

    def vec3(self, array):
        array = np.ascontiguousarray(array, dtype=np.float32)
        view = self._view(array.tobytes(), ARRAY_BUFFER)
        self.accessors.append(
            self.lib.Accessor(
                bufferView=view,
                componentType=FLOAT,
                count=len(array),
                type="VEC3",
                min=[float(x) for x in array.min(axis=0)],
                max=[float(x) for x in array.max(axis=0)],
            )
        )
        return len(self.accessors) - 1

    def indices(self, faces):
        flat = np.ascontiguousarray(faces, dtype=np.uint32).ravel()
        view = self._view(flat.tobytes(), ELEMENT_ARRAY_BUFFER)
        self.accessors.append(
            self.lib.Accessor(bufferView=view, componentType=UNSIGNED_INT, count=len(flat), type="SCALAR")
        )
        return len(self.accessors) - 1


def export(job, out_path):
    from ...common import deps

    deps.require("pygltflib")
    import pygltflib

    # Always write positions relative to an origin (float32 precision); see module doc.
    bounds = job.target_bounds
    frame_origin = np.zeros(3) if job.options.local_origin else meshlib.local_origin(bounds)
    materials = []
    material_index = {}
    for key in meshlib.SEMANTIC_ORDER:
        r, g, b = meshlib.SEMANTIC_COLOURS[key]
        material_index[key] = len(materials)
        materials.append(
            pygltflib.Material(
                name=key,
                pbrMetallicRoughness=pygltflib.PbrMetallicRoughness(
                    baseColorFactor=[r, g, b, 1.0], metallicFactor=0.0, roughnessFactor=0.9
                ),
                doubleSided=True,
            )
        )
    builder = _Builder(pygltflib)
    meshes, nodes = [], []
    children = []
    triangles = 0
    written = 0

    def add(name, m, extras):
        nonlocal triangles
        positions = _to_gltf_axes(m.vertices - frame_origin)
        normals = _to_gltf_axes(m.normals)
        pos_acc = builder.vec3(positions)
        nor_acc = builder.vec3(normals)
        primitives = []
        for key, faces in m.groups():
            primitives.append(
                pygltflib.Primitive(
                    attributes=pygltflib.Attributes(POSITION=pos_acc, NORMAL=nor_acc),
                    indices=builder.indices(faces),
                    material=material_index[key],
                    mode=pygltflib.TRIANGLES,
                )
            )
        meshes.append(pygltflib.Mesh(name=name, primitives=primitives))
        nodes.append(pygltflib.Node(name=name, mesh=len(meshes) - 1, extras=extras))
        children.append(len(nodes) - 1)
        triangles += m.face_count

    for building, m in job.iter_meshes():
        extras = {"gml_id": building.gml_id, "attributes": _json_safe(building.attributes)}
        if building.part_ids:
            extras["part_ids"] = list(building.part_ids)
        add(building.gml_id, m, extras)
        written += 1
    terrain = job.terrain()
    if terrain is not None:
        add("terrain", terrain, {"gml_id": "terrain", "type": "TINRelief"})

    frame = job.sidecar()
    frame["axes"] = "glTF x = easting, y = height, z = -northing"
    if job.options.local_origin:
        root_translation = None
    else:
        # The absolute position lives in the root node's translation (glTF axes).
        root_translation = [float(frame_origin[0]), float(frame_origin[2]), -float(frame_origin[1])]
        frame["offset"] = [0.0, 0.0, 0.0]
        frame["root_translation"] = root_translation
    nodes.append(pygltflib.Node(name="citymodel", children=children, translation=root_translation))
    root = len(nodes) - 1
    extras = {"soest_origin": frame}
    extras.update(_json_safe(job.options.metadata))
    gltf = pygltflib.GLTF2(
        asset=pygltflib.Asset(version="2.0", generator="Soest QGIS plugin", extras=extras),
        scene=0,
        scenes=[pygltflib.Scene(name="citymodel", nodes=[root], extras={"soest_origin": frame})],
        nodes=nodes,
        meshes=meshes,
        materials=materials,
        accessors=builder.accessors,
        bufferViews=builder.buffer_views,
        buffers=[pygltflib.Buffer(byteLength=len(builder.blob))],
    )
    binary = out_path.lower().endswith(".glb")
    with atomic_outputs(out_path) as (tmp,):
        if binary:
            gltf.set_binary_blob(bytes(builder.blob))
            gltf.save_binary(tmp)
        else:
            gltf.buffers[0].uri = "data:application/octet-stream;base64," + base64.b64encode(
                bytes(builder.blob)
            ).decode("ascii")
            with open(tmp, "w", encoding="utf-8") as handle:
                json.dump(json.loads(gltf.to_json()), handle)
        sidecar = write_origin_sidecar(job, out_path)
    files = [out_path] + ([sidecar] if sidecar else [])
    return {"buildings": written, "triangles": triangles, "files": files, "format": "glb" if binary else "gltf"}
