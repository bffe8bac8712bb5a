"""How many values rest on a primary document: UN, UNODC or a government.

A value is counted as primary when the document it is taken from (its row's ``source_id``)
is of a primary kind; further documents in the link tables do not count, so the share says
what an analyst can cite directly.
"""

from __future__ import annotations

import pandas as pd

#: Source kinds (sources.csv ``kind``) that are the producer's own document.
PRIMARY_KINDS = ("unodc_report", "unodc_press", "un_press", "government")
#: Columns that hold a figure; a row counts when any of them is filled.
VALUE_COLUMNS = ("value", "low", "high", "share_pct")


def primary_share(tables: dict[str, pd.DataFrame], sources: pd.DataFrame) -> pd.DataFrame:
    """Values and primary-sourced values per table, with a final ``all`` row.

    ``tables`` maps a table name to its loaded frame (each with ``source_id``); ``sources`` is
    the loaded sources table. Returns columns table, values, primary (counts) and share_pct
    (0-100, NaN for a table without values).
    """
    kind = sources.set_index("source_id")["kind"].astype(str)
    rows = []
    for name, frame in tables.items():
        cols = [c for c in VALUE_COLUMNS if c in frame.columns]
        filled = frame[cols].notna().any(axis=1)
        primary = frame.loc[filled, "source_id"].map(kind).isin(PRIMARY_KINDS)
        rows.append((name, int(filled.sum()), int(primary.sum())))
    out = pd.DataFrame(rows, columns=["table", "values", "primary"])
    total = pd.DataFrame([("all", out["values"].sum(), out["primary"].sum())], columns=out.columns)
    out = pd.concat([out, total], ignore_index=True).astype({"values": "int64", "primary": "int64"})
    out["share_pct"] = 100 * out["primary"] / out["values"].where(out["values"] > 0)
    return out


def share_lines(share: pd.DataFrame) -> list[str]:
    """``primary_share`` as aligned lines for the terminal."""
    return [
        f"  {r.table:<20} {r.primary:>4} of {r.values:>4} values from a primary document ({r.share_pct:.0f}%)"
        for r in share.itertuples()
    ]
