#!/usr/bin/env python3
"""Copy the pinned npm builds poppy uses into the repository; run after editing tools/js/package.json.

    python3 tools/vendor_js.py          install tools/js (npm ci, exact lockfile) and copy the files
    python3 tools/vendor_js.py --check  exit 1 when a vendored file differs from its record

Vega, Vega-Lite and vega-embed draw the site's interactive charts; they go into the package
(``src/poppy/publish/site/static/vendor``) so a build needs no network and the pages no CDN. axe-core
checks the pages' accessibility in the tests (``tests/vendor``). ``vendor.json`` beside each set
records the npm package, its version, the lockfile's integrity and the file's sha256.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
JS = ROOT / "tools" / "js"
#: package -> (file inside it, folder it goes to)
FILES = {
    "vega": ("build/vega.min.js", "src/poppy/publish/site/static/vendor"),
    "vega-lite": ("build/vega-lite.min.js", "src/poppy/publish/site/static/vendor"),
    "vega-embed": ("build/vega-embed.min.js", "src/poppy/publish/site/static/vendor"),
    "axe-core": ("axe.min.js", "tests/vendor"),
}


def records() -> dict[str, dict[str, dict[str, str]]]:
    """What each vendor folder should hold: {folder: {file name: record}} from the lockfile."""
    lock = json.loads((JS / "package-lock.json").read_text())["packages"]
    out: dict[str, dict[str, dict[str, str]]] = {}
    for package, (inner, folder) in FILES.items():
        entry = lock[f"node_modules/{package}"]
        out.setdefault(folder, {})[Path(inner).name] = {
            "package": package,
            "version": entry["version"],
            "integrity": entry["integrity"],
            "license": entry.get("license", ""),
        }
    return out


def main(argv: list[str]) -> int:
    if "--check" not in argv:
        subprocess.run(["npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund"], cwd=JS, check=True)
    bad = 0
    for folder, files in records().items():
        target = ROOT / folder
        target.mkdir(parents=True, exist_ok=True)
        index_path = target / "vendor.json"
        index = json.loads(index_path.read_text()) if index_path.exists() else {}
        for name, record in files.items():
            inner = FILES[record["package"]][0]
            if "--check" in argv:
                data = (target / name).read_bytes()
                if index.get(name, {}).get("sha256") != hashlib.sha256(data).hexdigest():
                    print(f"{folder}/{name}: differs from vendor.json", file=sys.stderr)
                    bad += 1
                continue
            data = (JS / "node_modules" / record["package"] / inner).read_bytes()
            (target / name).write_bytes(data)
            index[name] = {**record, "sha256": hashlib.sha256(data).hexdigest()}
            licence = JS / "node_modules" / record["package"] / "LICENSE"
            if licence.exists():
                (target / f"{record['package']}.LICENSE").write_bytes(licence.read_bytes())
        if "--check" not in argv:
            index_path.write_text(json.dumps(index, indent=2, sort_keys=True) + "\n")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
