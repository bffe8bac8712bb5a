"""Plain-text tables of the data with numbered source notes, for the terminal and notebooks."""

from __future__ import annotations

import pandas as pd

from poppy.data import PathLike, load_afghanistan
from poppy.fmt import number


def _range(row: pd.Series) -> str:
    if pd.isna(row["low"]):
        return ""
    return f"{number(row['low'])}–{number(row['high'])}"


def source_notes(frame: pd.DataFrame, column: str = "source_id") -> tuple[pd.Series, list[str]]:
    """Number each distinct source of ``frame`` in order of use.

    Returns the per-row marker ('[3]') and the note lines ('[3] UNODC, World Drug Report ...').
    """
    order = list(dict.fromkeys(frame[column]))
    marks = frame[column].map({sid: f"[{i}]" for i, sid in enumerate(order, 1)})
    notes = [f"[{i}] {frame.attrs['sources'][sid]}" for i, sid in enumerate(order, 1)]
    return marks, notes


def headline_table(data_dir: PathLike = None) -> str:
    """The preferred Afghan series, one line per year, with ranges, status and numbered sources."""
    df = load_afghanistan(data_dir)
    marks, notes = source_notes(df)
    df = df.assign(mark=marks, rng=df.apply(_range, axis=1))
    wide = df.pivot(index="year", columns="measure", values=["value", "rng", "status", "mark", "flags"])
    header = (
        f"{'year':>4}  {'cultivation (ha)':>16}  {'range':>15}  {'status':<13}  "
        f"{'production (t)':>14}  {'range':>11}  {'status':<13}  {'flags':<33}  sources"
    )
    lines = [
        "Afghanistan: opium poppy cultivation (ha) and potential opium production (t), "
        "preferred UNODC series",
        header,
        "-" * len(header),
    ]
    for year, row in wide.iterrows():
        flags = ";".join(
            sorted({f for f in (row[("flags", "cultivation")], row[("flags", "production")]) if f})
        )
        lines.append(
            f"{year:>4}  {number(row[('value', 'cultivation')]):>16}  {row[('rng', 'cultivation')]:>15}  "
            f"{row[('status', 'cultivation')]:<13}  {number(row[('value', 'production')]):>14}  "
            f"{row[('rng', 'production')]:>11}  {row[('status', 'production')]:<13}  {flags:<33}  "
            f"{row[('mark', 'cultivation')]} {row[('mark', 'production')]}"
        )
    lines += [
        "",
        "Empty values ('–') were not verified in any source read; see the notes in data/.",
        "Sources:",
        *notes,
    ]
    return "\n".join(lines)
