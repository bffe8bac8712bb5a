"""Write data/provinces.csv: UNODC's spelling of each Afghan province, its ISO 3166-2:AF code,
its ISO name and the Russian name iso-codes maintains (through pycountry).

    python tools/provinces.py          write data/provinces.csv (then: poppy rehash data)
    python tools/provinces.py --check  exit 1 if data/provinces.csv differs from what it writes

UNODC's Afghanistan Opium Survey spells provinces its own way (Hilmand, Hirat, Day Kundi,
Sari Pul); the table below pairs each spelling with its ISO code, so that names from a new
survey are looked up rather than guessed. Run again after a pycountry upgrade.
"""

from __future__ import annotations

import csv
import gettext
import io
import sys
from pathlib import Path

import pycountry

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "data" / "provinces.csv"
SOURCE = "iso-codes-pycountry"
#: UNODC's spelling (the survey's province tables) -> ISO 3166-2:AF code.
UNODC = {
    "Badakhshan": "AF-BDS",
    "Badghis": "AF-BDG",
    "Baghlan": "AF-BGL",
    "Balkh": "AF-BAL",
    "Bamyan": "AF-BAM",
    "Day Kundi": "AF-DAY",
    "Farah": "AF-FRA",
    "Faryab": "AF-FYB",
    "Ghazni": "AF-GHA",
    "Ghor": "AF-GHO",
    "Hilmand": "AF-HEL",
    "Hirat": "AF-HER",
    "Jawzjan": "AF-JOW",
    "Kabul": "AF-KAB",
    "Kandahar": "AF-KAN",
    "Kapisa": "AF-KAP",
    "Khost": "AF-KHO",
    "Kunar": "AF-KNR",
    "Kunduz": "AF-KDZ",
    "Laghman": "AF-LAG",
    "Logar": "AF-LOG",
    "Nangarhar": "AF-NAN",
    "Nimroz": "AF-NIM",
    "Nuristan": "AF-NUR",
    "Paktika": "AF-PKA",
    "Paktya": "AF-PIA",
    "Panjsher": "AF-PAN",
    "Parwan": "AF-PAR",
    "Samangan": "AF-SAM",
    "Sari Pul": "AF-SAR",
    "Takhar": "AF-TAK",
    "Uruzgan": "AF-URU",
    "Wardak": "AF-WAR",
    "Zabul": "AF-ZAB",
}


def table() -> str:
    """The CSV text: province, iso_code, name_iso, name_ru, source_id."""
    ru = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["ru"])
    buf = io.StringIO()
    out = csv.writer(buf, lineterminator="\n")
    out.writerow(["province", "iso_code", "name_iso", "name_ru", "source_id"])
    for province, code in sorted(UNODC.items()):
        sub = pycountry.subdivisions.get(code=code)
        out.writerow([province, code, sub.name, ru.gettext(sub.name), SOURCE])
    return buf.getvalue()


def main(argv: list[str]) -> int:
    text = table()
    if "--check" in argv:
        return 0 if OUT.read_text(encoding="utf-8") == text else 1
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}: {text.count(chr(10)) - 1} provinces")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
