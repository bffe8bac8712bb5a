"""provinces.csv is what iso-codes says (through pycountry), and every province has a boundary."""

from __future__ import annotations

import poppy
from poppy.publish import maps
from tests.conftest import ROOT, tool


def test_provinces_csv_is_what_tools_provinces_writes_from_pycountry():
    assert (ROOT / "data" / "provinces.csv").read_text(encoding="utf-8") == tool("provinces").table()


def test_every_province_has_its_iso_code_a_russian_name_and_a_boundary():
    provinces = poppy.load_all().provinces
    assert len(provinces) == 34 and provinces["iso_code"].str.fullmatch(r"AF-[A-Z]{3}").all()
    assert provinces["name_ru"].str.contains("[а-яА-Я]").all()  # translated, not the English name again
    assert set(maps.boundaries()) == set(provinces["province"])


def test_every_area_of_a_province_row_is_a_province_of_the_table():
    frames = poppy.load_all()
    sup = frames.supplementary
    named = set(frames.provinces["province"])
    countries = {"Afghanistan", "Myanmar", "Lao PDR", "Mexico", "Colombia", "Peru", "Bolivia", "World"}
    others = set(sup["area"]) - named - countries
    assert others <= {"Pakistan", "Guatemala", "Thailand", "Afghanistan, Myanmar and Lao PDR"}, others
