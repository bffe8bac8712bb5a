"""The site's download labels say the pixel sizes of the files they link to (issue 24)."""

from __future__ import annotations

import re
import struct

import pytest

from poppy.publish.charts import CHARTS


def _png_size(raw: bytes) -> tuple[int, int]:
    assert raw[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", raw[16:24])


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_each_download_label_names_the_pixel_size_of_its_png(built_pack, lang):
    out = built_pack[0]
    checked = 0
    for chart in CHARTS:
        page = (out / f"site/{lang}/charts/{chart}.html").read_text(encoding="utf-8")
        for size in ("web", "social", "print"):
            width, height = _png_size((out / f"charts/{lang}/{size}/{chart}.png").read_bytes())
            link = f'href="files/{size}/{chart}.png"'
            item = page[: page.index(link)].rsplit("<li", 1)[1]
            assert re.search(rf"\b{width} × {height}\b", item), (chart, size, item[-120:])
            checked += 1
    assert checked == len(CHARTS) * 3
