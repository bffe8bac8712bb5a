#!/usr/bin/env python3
"""The README's pictures of the fact-check site, taken in headless Chromium from pack/site.

    .venv/bin/python tools/site_screenshots.py [PACK]     (after python3 run.py pack)

docs/site-claim.png: the top of a claim page; docs/site-chart.png: a chart page's interactive
chart with the tooltip of 2013 showing. Needs Debian's chromium and chromium-driver.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service

ROOT = Path(__file__).resolve().parents[1]
HOVER = """
const view = window.poppyViews['vis-cultivation'].view;
let hit = null;
(function walk(node, ox, oy) {
  for (const item of node.items || []) {
    if (!hit && node.marktype === 'symbol' && item.datum && item.datum.year === 2013) {
      hit = [ox + (item.bounds.x1 + item.bounds.x2) / 2, oy + (item.bounds.y1 + item.bounds.y2) / 2];
    }
    const g = node.marktype === 'group';
    for (const child of item.items || []) walk(child, ox + (g ? item.x || 0 : 0), oy + (g ? item.y || 0 : 0));
  }
})(view.scenegraph().root, view.origin()[0], view.origin()[1]);
const box = document.querySelector('#vis-cultivation svg').getBoundingClientRect();
return [box.left + hit[0], box.top + hit[1]];
"""

#: The centre of the mark element nearest a point (the scenegraph's bounds are off by the padding).
NEAREST = """
const [x, y] = arguments;
for (let r = 0; r <= 12; r += 1)
  for (const [dx, dy] of [[0,0],[r,0],[-r,0],[0,r],[0,-r],[r,r],[-r,-r],[r,-r],[-r,r]]) {
    const e = document.elementFromPoint(x + dx, y + dy);
    if (e && /mark-symbol/.test(e.parentNode.getAttribute('class') || '')) {
      const b = e.getBoundingClientRect(); return [b.left + b.width / 2, b.top + b.height / 2];
    }
  }
return [x, y];
"""


def main(argv: list[str]) -> int:
    site = (Path(argv[0]) if argv else ROOT / "pack") / "site"
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars"):
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options, service=Service("/usr/bin/chromedriver"))
    try:
        driver.set_window_size(1000, 1100)
        driver.get((site / "en" / "claims" / "isaf-26-times.html").as_uri())
        time.sleep(1)
        driver.save_screenshot(str(ROOT / "docs" / "site-claim.png"))
        driver.get((site / "en" / "charts" / "cultivation.html").as_uri())
        time.sleep(2)
        driver.execute_script("document.getElementById('interactive').scrollIntoView()")
        time.sleep(0.5)
        x, y = driver.execute_script(HOVER)
        x, y = driver.execute_script(NEAREST, x, y)
        driver.execute_cdp_cmd("Input.dispatchMouseEvent", {"type": "mouseMoved", "x": x, "y": y})
        time.sleep(0.5)
        driver.save_screenshot(str(ROOT / "docs" / "site-chart.png"))
    finally:
        driver.quit()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
