"""How many values rest on a primary document, and on one whose official address is recorded.

A primary document is the UN's, UNODC's or a government's own. A value is counted as primary
when the document it is taken from (its row's ``source_id``) is of a primary kind; further
documents in the link tables do not count, so the share says what an analyst can cite directly.
It counts as officially addressed when that document's ``url`` is on a UN, UNODC or government
site (a copy read elsewhere is in ``copy_url``).
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pandas as pd

#: Source kinds (sources.csv ``kind``) that are the producer's own document.
PRIMARY_KINDS = ("unodc_report", "unodc_press", "un_press", "government")
#: Hosts of official addresses: the UN system, and governments (.gov, .gob, .gouv, parliament.uk).
OFFICIAL_HOST = re.compile(
    r"(^|\.)(unodc\.org|un\.org|unvienna\.org|un-ilibrary\.org|parliament\.uk)$"
    r"|(^|\.)(gov|gob|gouv)(\.[a-z]{2})?$|\.(gov|gob|gouv)\.[a-z]{2}$"
)
#: Columns that hold a figure; a row counts when any of them is filled.
VALUE_COLUMNS = ("value", "low", "high", "share_pct")


def primary_share(tables: dict[str, pd.DataFrame], sources: pd.DataFrame) -> pd.DataFrame:
    """Values and primary-sourced values per table, with a final ``all`` row.

    ``tables`` maps a table name to its loaded frame (each with ``source_id``); ``sources`` is
    the loaded sources table. Returns columns table, values, primary, official (counts),
    share_pct and official_pct (0-100, NaN for a table without values).
    """
    by_id = sources.set_index("source_id")
    kind = by_id["kind"].astype(str)
    addressed = by_id["url"].fillna("").astype(str).map(official)
    rows = []
    for name, frame in tables.items():
        cols = [c for c in VALUE_COLUMNS if c in frame.columns]
        filled = frame[cols].notna().any(axis=1)
        used = frame.loc[filled, "source_id"]
        rows.append(
            (
                name,
                int(filled.sum()),
                int(used.map(kind).isin(PRIMARY_KINDS).sum()),
                int(used.map(addressed).sum()),
            )
        )
    out = pd.DataFrame(rows, columns=["table", "values", "primary", "official"])
    total = pd.DataFrame([("all", *out[["values", "primary", "official"]].sum())], columns=out.columns)
    out = pd.concat([out, total], ignore_index=True).astype(
        {c: "int64" for c in ("values", "primary", "official")}
    )
    denominator = out["values"].where(out["values"] > 0)
    out["share_pct"] = 100 * out["primary"] / denominator
    out["official_pct"] = 100 * out["official"] / denominator
    return out


def official(url: str) -> bool:
    """Whether ``url`` is on a UN, UNODC or government site."""
    host = urlsplit(url).hostname or ""
    return bool(OFFICIAL_HOST.search(host))


def share_lines(share: pd.DataFrame) -> list[str]:
    """``primary_share`` as aligned lines for the terminal."""
    return [
        f"  {r.table:<20} {r.primary:>4} of {r.values:>4} values from a primary document "
        f"({r.share_pct:.0f}%), {r.official:>4} with its official address ({r.official_pct:.0f}%)"
        for r in share.itertuples()
    ]
