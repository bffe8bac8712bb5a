"""The notebooks as page bodies, with their stored outputs (nbconvert's 'basic' template).

Nothing is executed: a page shows what the notebook stored, which nbval keeps true. The basic
template writes markup only (no CDN scripts or styles); style.css styles its classes.
"""

from __future__ import annotations

import re
from functools import cache

#: Wide outputs (tables) scroll inside a region a keyboard can reach, not the page.
_WIDE = re.compile(r'<div class="(output_html|output_text)([^"]*)">')


@cache
def _exporter():  # nbconvert is imported only by a build that has notebooks to show
    from nbconvert import HTMLExporter

    return HTMLExporter(template_name="basic")


def render_notebook(data: bytes) -> tuple[str, str]:
    """(its first heading as text, its cells as HTML) of a notebook file's bytes."""
    import nbformat

    node = nbformat.reads(data.decode(), as_version=4)
    body, _resources = _exporter().from_notebook_node(node)
    body = _WIDE.sub(r'<div class="\1\2" tabindex="0" role="region" aria-label="output">', body)
    first = next(
        (
            line.lstrip("# ").strip()
            for c in node.cells
            if c.cell_type == "markdown"
            for line in c.source.splitlines()
            if line.startswith("# ")
        ),
        "",
    )
    return first, body
