"""Write src/poppy/publish/geo/afghan_provinces.json from geoBoundaries' Afghan ADM1 TopoJSON.

    python tools/provinces_geo.py FILE.topojson

FILE is geoBoundaries AFG ADM1 (boundary id AFG-ADM1-24829092, public domain), file
releaseData/gbOpen/AFG/ADM1/geoBoundaries-AFG-ADM1_simplified.topojson at commit 840048c2 of
wmgeolab/geoBoundaries (448,580 bytes, sha256 ce14fec8...). The arcs are decoded, each arc is
simplified once (Douglas-Peucker, so the provinces that share it keep sharing it), and the
rings are written per province under UNODC's spelling, rounded to 0.001 degrees.
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "poppy" / "publish" / "geo" / "afghan_provinces.json"
#: geoBoundaries' name (PROV_34_NA) -> UNODC's, where they differ.
UNODC_NAMES = {"Daykundi": "Day Kundi", "Maydan Wardak": "Wardak"}
TOLERANCE = 0.01  # degrees: about 1 km, far below a province's width at the sizes drawn


def _decode(topo: dict) -> list[list[tuple[float, float]]]:
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def _simplify(points: list[tuple[float, float]], tol: float) -> list[tuple[float, float]]:
    """Douglas-Peucker, keeping both ends."""
    if len(points) < 3:
        return points
    (x0, y0), (x1, y1) = points[0], points[-1]
    dx, dy = x1 - x0, y1 - y0
    norm = math.hypot(dx, dy) or 1e-12
    far, index = 0.0, 0
    for i, (x, y) in enumerate(points[1:-1], 1):
        d = abs(dy * (x - x0) - dx * (y - y0)) / norm if (dx or dy) else math.hypot(x - x0, y - y0)
        if d > far:
            far, index = d, i
    if far <= tol:
        return [points[0], points[-1]]
    return _simplify(points[: index + 1], tol)[:-1] + _simplify(points[index:], tol)


def _ring(arcs: list[list[tuple[float, float]]], refs: list[int]) -> list[list[float]]:
    ring: list[tuple[float, float]] = []
    for ref in refs:
        arc = arcs[ref] if ref >= 0 else arcs[~ref][::-1]
        ring += arc if not ring else arc[1:]
    return [[round(x, 3), round(y, 3)] for x, y in ring]


def convert(topo: dict) -> dict:
    """{'provinces': {UNODC name: [ring, ...]}, 'source': ...} from the TopoJSON topology."""
    arcs = [_simplify(a, TOLERANCE) for a in _decode(topo)]
    (obj,) = topo["objects"].values()
    provinces = {}
    for geom in obj["geometries"]:
        name = geom["properties"]["PROV_34_NA"]
        polygons = geom["arcs"] if geom["type"] == "MultiPolygon" else [geom["arcs"]]
        provinces[UNODC_NAMES.get(name, name)] = [_ring(arcs, ring) for poly in polygons for ring in poly]
    return {
        "source": "geoBoundaries AFG-ADM1-24829092 (wmgeolab/geoBoundaries at 840048c2), public domain",
        "provinces": dict(sorted(provinces.items())),
    }


def main(argv: list[str]) -> int:
    topo = json.loads(Path(argv[0]).read_text(encoding="utf-8"))
    text = json.dumps(convert(topo), separators=(",", ":"), ensure_ascii=False) + "\n"
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}: {OUT.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
