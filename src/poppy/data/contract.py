"""What poppy's code reads from the data package: resources, fields, types, keys and enums.

A data package passed with ``--data`` or ``POPPY_DATA`` may add resources and fields, but
it must declare at least this, at least as strictly (required fields required, enums no
wider than the values the code knows, the same keys). Otherwise a package could pass
validation and then break a command, or be read with another meaning.
"""

from __future__ import annotations

from typing import Any

#: Resource -> its fields as 'name:type', with '!' where the field must be declared required.
FIELDS: dict[str, str] = {
    "sources": (
        "source_id:string! producer:string! title:string! edition:string table_or_page:string! "
        "url:string copy_url:string date_published:string licence:string! kind:string! note:string"
    ),
    "afghanistan_opium": (
        "year:integer! measure:string! value:number low:number high:number unit:string! "
        "status:string! flags:string confidence:string! source_id:string! note:string"
    ),
    "afghanistan_opium_sources": "year:integer! measure:string! source_id:string! note:string",
    "alternates": (
        "area:string! year:integer! measure:string! value:number! unit:string! relation:string! "
        "series:string! source_id:string! note:string"
    ),
    "global_opium": (
        "year:integer! measure:string! value:number! unit:string! status:string! source_id:string! "
        "note:string"
    ),
    "afghan_shares": (
        "year:integer! basis:string! share_pct:number! preferred:boolean! qualifier:string! "
        "wording:string! source_id:string! note:string"
    ),
    "coca": (
        "country:string! year:integer! value:number unit:string! producer:string! status:string! "
        "confidence:string! source_id:string! note:string"
    ),
    "supplementary": (
        "area:string! year:integer! measure:string! value:number low:number high:number "
        "unit:string! status:string! source_id:string! note:string"
    ),
    "provinces": "province:string! iso_code:string! name_iso:string! name_ru:string! source_id:string!",
    "events": (
        "event_id:string! name:string! kind:string! start_date:date! start_precision:string! "
        "end_date:date end_precision:string harvest_year:integer source_id:string! note:string"
    ),
    "event_sources": ("event_id:string! source_id:string! note:string"),
    "claims": (
        "claim_id:string! speaker:string! date:date! source_id:string! quote:string! topic:string! "
        "metric:string! area:string! measure:string! start_year:integer end_year:integer "
        "stated_start:number stated_end:number stated_value:number stated_unit:string! "
        "qualifier:string stated_span_years:integer period_event_id:string note:string"
    ),
}
#: The measures a claim (and ``poppy check --measure``) can name, and alternates.csv can hold.
MEASURES = (
    "cultivation",
    "production",
    "eradication",
    "farmgate_price",
    "heroin_production",
    "coca_cultivation",
    "cocaine_production",
)
#: The unit of each measure's figures (what a stated figure is in unless told otherwise).
MEASURE_UNITS = {
    "cultivation": "ha",
    "production": "t",
    "eradication": "ha",
    "farmgate_price": "usd_per_kg",
    "heroin_production": "t",
    "coca_cultivation": "ha",
    "cocaine_production": "t",
}
#: (resource, field) -> the values the code knows; the declared enum must stay within them.
ENUMS: dict[tuple[str, str], tuple[str, ...]] = {
    ("sources", "kind"): (
        "unodc_report",
        "unodc_press",
        "un_press",
        "government",
        "news",
        "secondary",
        "claimant",
    ),
    ("afghanistan_opium", "measure"): ("cultivation", "production"),
    ("afghanistan_opium", "unit"): ("ha", "t"),
    ("afghanistan_opium", "status"): ("published", "rounded", "approximate", "range_only", "not_available"),
    ("afghanistan_opium", "confidence"): ("high", "medium", "low"),
    ("afghanistan_opium_sources", "measure"): ("cultivation", "production"),
    ("alternates", "measure"): MEASURES,
    ("alternates", "unit"): ("ha", "t", "usd_per_kg"),
    ("alternates", "relation"): (
        "rounded",
        "unrounded",
        "preliminary",
        "earlier_estimate",
        "unodc_alternate",
        "other_series",
        "superseded",
        "other_unit",
    ),
    ("alternates", "series"): ("UNODC", "US government"),
    ("global_opium", "measure"): ("cultivation", "production"),
    ("global_opium", "unit"): ("ha", "t"),
    ("global_opium", "status"): ("published", "approximate", "first_estimate"),
    ("afghan_shares", "basis"): (
        "opium_production",
        "cultivation_area",
        "opium_and_heroin",
        "heroin_production",
    ),
    ("afghan_shares", "qualifier"): ("exact", "about", "almost", "more_than"),
    ("coca", "country"): ("Colombia", "Peru", "Bolivia"),
    ("coca", "unit"): ("ha",),
    ("coca", "producer"): ("UNODC", "DEVIDA (national, UNODC technical support)"),
    ("coca", "status"): ("published", "not_available"),
    ("coca", "confidence"): ("high", "medium", "low"),
    ("supplementary", "measure"): (
        "opium_cultivation",
        "opium_production",
        "eradication",
        "farmgate_price",
        "heroin_production",
        "coca_cultivation",
        "cocaine_production",
    ),
    ("supplementary", "unit"): ("ha", "t", "usd_per_kg"),
    ("supplementary", "status"): ("published", "rounded", "approximate", "preliminary", "range_only"),
    ("events", "kind"): ("ban", "military", "policy"),
    ("events", "start_precision"): ("day", "month"),
    ("events", "end_precision"): ("day", "month"),
    # the claim kinds of poppy.checks.claims.CHECKERS (a test keeps the two equal); ``measure`` is a
    # ';'-list, held to the measures poppy knows by its pattern and by the checkers
    ("claims", "metric"): (
        "level",
        "change",
        "ratio",
        "share",
        "trend",
        "rank",
        "target",
        "context",
        "opinion",
    ),
    ("claims", "stated_unit"): (
        "ha",
        "t",
        "usd_per_kg",
        "times",
        "percent",
        "rise",
        "fall",
        "rank",
        "record_high",
        "record_low",
        "none",
    ),
    ("claims", "qualifier"): ("exact", "about", "more_than", "at_least", "less_than", "only", "not_met"),
}
#: Resource -> its primary key.
KEYS: dict[str, list[str]] = {
    "sources": ["source_id"],
    "afghanistan_opium": ["year", "measure"],
    "afghanistan_opium_sources": ["year", "measure", "source_id"],
    "alternates": ["area", "year", "measure", "relation", "source_id"],
    "global_opium": ["year", "measure"],
    "afghan_shares": ["year", "basis", "source_id"],
    "coca": ["country", "year"],
    "supplementary": ["area", "year", "measure"],
    "provinces": ["province"],
    "events": ["event_id"],
    "event_sources": ["event_id", "source_id"],
    "claims": ["claim_id"],
}
#: Resource -> (fields, resource referred to) of each foreign key it must declare.
FOREIGN_KEYS: dict[str, list[tuple[str, str]]] = {
    "afghanistan_opium": [("source_id", "sources")],
    "afghanistan_opium_sources": [("year,measure", "afghanistan_opium"), ("source_id", "sources")],
    "alternates": [("source_id", "sources")],
    "global_opium": [("source_id", "sources")],
    "afghan_shares": [("source_id", "sources")],
    "coca": [("source_id", "sources")],
    "supplementary": [("source_id", "sources")],
    "provinces": [("source_id", "sources")],
    "events": [("source_id", "sources")],
    "event_sources": [("event_id", "events"), ("source_id", "sources")],
    "claims": [("source_id", "sources"), ("period_event_id", "events")],
}
#: Tables a command cannot work without rows in (the link tables may be empty).
NEEDS_ROWS = ("sources", "afghanistan_opium", "alternates", "global_opium", "afghan_shares", "coca", "events")
#: Rows the press pack is built around (charts and key figures): resource -> the column values
#: at least one row must have.
NEEDS_ROW_WITH: dict[str, list[dict[str, str]]] = {
    "claims": [{"metric": "change", "measure": "cultivation"}, {"metric": "ratio"}],
}


def _parsed(spec: str) -> dict[str, tuple[str, bool]]:
    return {n: (t.rstrip("!"), t.endswith("!")) for n, t in (tok.split(":") for tok in spec.split())}


def _fk_pairs(schema: dict[str, Any]) -> set[tuple[str, str]]:
    def joined(v: Any) -> str:
        return v if isinstance(v, str) else ",".join(v)

    return {(joined(fk["fields"]), fk["reference"]["resource"]) for fk in schema.get("foreignKeys", [])}


def check_contract(descriptor: dict[str, Any]) -> list[str]:
    """How a well-shaped descriptor falls short of what the code reads, as 'where: what' texts."""
    have = {res["name"]: res for res in descriptor["resources"]}
    out = [f"resources: no resource '{name}' (poppy reads it)" for name in FIELDS if name not in have]
    for name in (n for n in FIELDS if n in have):
        schema = have[name]["schema"]
        declared = {f["name"]: f for f in schema["fields"]}
        out += [f"{name}.{p}" for p in _field_shortfalls(name, declared)]
        key = schema.get("primaryKey", [])
        if ([key] if isinstance(key, str) else key) != KEYS[name]:
            out.append(f"{name}.schema.primaryKey: must be {', '.join(KEYS[name])}")
        out += [
            f"{name}.schema.foreignKeys: must declare {fields} -> {target}"
            for fields, target in FOREIGN_KEYS.get(name, [])
            if (fields, target) not in _fk_pairs(schema)
        ]
    return out


def _field_shortfalls(name: str, declared: dict[str, dict[str, Any]]) -> list[str]:
    out = []
    for field, (kind, required) in _parsed(FIELDS[name]).items():
        f = declared.get(field)
        if f is None:
            out.append(f"{field}: not declared (poppy reads it)")
            continue
        c = f.get("constraints", {})
        if f["type"] != kind:
            out.append(f"{field}.type: must be {kind}")
        if required and c.get("required") is not True:
            out.append(f"{field}.constraints.required: must be true")
        known = ENUMS.get((name, field))
        if known and not set(c.get("enum", ["(no enum)"])) <= set(known):
            out.append(f"{field}.constraints.enum: must list only {', '.join(known)}")
    return out
