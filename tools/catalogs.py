"""Extract poppy's messages with Babel and keep the catalogs in step with the code.

    python tools/catalogs.py          write src/poppy/locales/poppy.pot and add new keys to every
                                      poppy.po (their msgstr empty, for a translator to fill);
                                      keys the code no longer uses are reported, not deleted
    python tools/catalogs.py --check  exit 1 if the template is not what the code uses

tests/test_i18n.py runs the same extraction and fails on a missing or empty translation.
"""

from __future__ import annotations

import datetime as dt
import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "poppy"
LOCALES = PACKAGE / "locales"
#: The lookup functions of poppy.i18n and which arguments are message keys; ``_`` is the site
#: templates' lookup (Jinja2's i18n extension, poppy.publish.site.pages).
KEYWORDS = {"t": (2,), "tn": (2, 3), "N_": None, "_": None}
#: Python code, and the site's Jinja2 templates (Jinja2's own Babel extractor).
METHODS = [("**.py", "python"), ("**/templates/**.html", "jinja2")]
FIXED = dt.datetime(2026, 11, 28, tzinfo=dt.UTC)  # stable headers: catalogs change only with messages


def extract() -> Catalog:
    """Every message key the code uses, with where it is used."""
    template = Catalog(
        domain="poppy",
        project="poppy",
        version="0.1.0",
        copyright_holder="poppy developers",
        msgid_bugs_address="poppy developers",
        last_translator="poppy developers",
        language_team="poppy developers",
        creation_date=FIXED,
        revision_date=FIXED,
        fuzzy=False,
    )
    template.header_comment = "# Message keys of poppy, extracted from the code by tools/catalogs.py."
    found = extract_from_dir(
        str(PACKAGE),
        method_map=METHODS,
        keywords=KEYWORDS,
        options_map={"**/templates/**.html": {"extensions": "jinja2.ext.i18n", "trimmed": "true"}},
    )
    for filename, lineno, message, comments, context in found:
        template.add(
            message, locations=[(f"poppy/{filename}", lineno)], auto_comments=comments, context=context
        )
    return template


def _bytes(catalog: Catalog) -> bytes:
    buf = io.BytesIO()
    write_po(buf, catalog, width=100, sort_output=True, omit_header=False)
    return buf.getvalue()


def main(argv: list[str]) -> int:
    template = extract()
    pot = LOCALES / "poppy.pot"
    if "--check" in argv:
        current = {m.id for m in read_po(pot.open("rb")) if m.id}
        return 0 if current == {m.id for m in template if m.id} else 1
    pot.write_bytes(_bytes(template))
    used = {m.id for m in template if m.id}
    for po in sorted(LOCALES.glob("*/LC_MESSAGES/poppy.po")):
        catalog = read_po(po.open("rb"))
        have = {m.id for m in catalog if m.id}
        for message in template:
            if message.id and message.id not in have:
                catalog.add(message.id, "" if isinstance(message.id, str) else ("",) * catalog.num_plurals)
        po.write_bytes(_bytes(catalog))
        for key in sorted(k if isinstance(k, str) else k[0] for k in have - used):
            print(f"{po.relative_to(ROOT)}: {key} is no longer used by the code")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
