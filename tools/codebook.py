"""Print the README codebook (Markdown) from data/datapackage.json; a test keeps README equal to it."""

from __future__ import annotations

import json
import sys
from pathlib import Path

DESCRIPTOR = Path(__file__).resolve().parents[1] / "data" / "datapackage.json"


def codebook(descriptor: dict) -> str:
    out: list[str] = []
    for res in descriptor["resources"]:
        out.append(f"#### `data/{res['path']}`: {res['title']}\n")
        if res.get("description"):
            out.append(res["description"] + "\n")
        out.append(f"Primary key: {', '.join(f'`{k}`' for k in res['schema']['primaryKey'])}.\n")
        out.append("| column | type | unit | meaning |\n|---|---|---|---|")
        for f in res["schema"]["fields"]:
            meaning = f["description"].replace("|", "/")
            out.append(f"| `{f['name']}` | {f['type']} | {f['unit'] or '–'} | {meaning} |")
        out.append("")
    return "\n".join(out)


if __name__ == "__main__":
    sys.stdout.write(codebook(json.loads(DESCRIPTOR.read_text(encoding="utf-8"))))
    sys.exit(0)
