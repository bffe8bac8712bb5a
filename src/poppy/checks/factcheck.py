"""From a pasted text to verdicts.

Extract every checkable sentence, fill what the text gives, check what is complete and list the
rest as needing review, each with its reason.

``factcheck`` takes a loaded data package and the text; it never guesses silently: a year or an
area the text leaves out and the rules filled is named in the row's note (and shown with the
verdict), and a row the checkers cannot judge is listed under ``review`` with why.
"""

from __future__ import annotations

import dataclasses
import io
from dataclasses import dataclass
from typing import Any

import pandas as pd

from poppy.checks.claim_rows import ADHOC, REQUIRED, parse_claims, required_key
from poppy.checks.claims import ClaimCheck, check_claims
from poppy.checks.extract import COLUMNS, area_stems, extract
from poppy.data.frames import Frames
from poppy.errors import DataPackageError, PoppyError
from poppy.i18n import t


@dataclass(frozen=True)
class Review:
    """A sentence left to a person: its row id, the sentence and why (in the run's language)."""

    claim_id: str
    quote: str
    reason: str


@dataclass(frozen=True)
class FactCheck:
    """What ``factcheck`` found.

    The claim rows it used (claims.csv's columns, as text), the checks of the complete ones, what
    needs review, and the frames with the text as a source.
    """

    rows: pd.DataFrame
    checks: list[ClaimCheck]
    review: list[Review]
    frames: Frames
    incomplete: frozenset[str] = frozenset()  # review rows a person can complete (not repeats)


def text_source(frames: Frames, url: str, title: str, speaker: str, said: str) -> tuple[Frames, str]:
    """(frames, source_id) with the text as a document.

    A source of sources.csv with that address when there is one, else the text itself as the
    'adhoc' source (no document in the package).
    """
    known = frames.sources[(frames.sources["url"] == url) & (url != "")]
    if not known.empty:
        return frames, str(known["source_id"].iloc[0])
    row = dict.fromkeys(frames.sources.columns, "") | {
        "source_id": ADHOC,
        "producer": speaker or "-",
        "title": title,
        "url": url,
        "date_published": said,
        "kind": "claimant",
    }
    sources = pd.concat([frames.sources, pd.DataFrame([row])], ignore_index=True)
    sources["kind"] = sources["kind"].astype(frames.sources["kind"].dtype)
    return dataclasses.replace(frames, sources=sources), ADHOC


def _repeats(rows: pd.DataFrame) -> dict[str, str]:
    """claim_id -> the earlier claim_id a row states again (same kind, areas, years and figures).

    Of a measure in common: a cultivation record is no repeat of a production record, but 'the two
    largest centres' said again of cultivation alone repeats the row of cultivation and coca.
    """
    seen: dict[tuple[Any, ...], list[tuple[frozenset[str], str]]] = {}
    out = {}
    for r in rows.itertuples():
        key = (
            r.metric,
            frozenset(r.area.split(";")),
            r.start_year,
            r.end_year,
            r.stated_start,
            r.stated_end,
            r.stated_value,
            r.stated_unit,  # 'the largest producer' is no repeat of 'a record'
            r.stated_span_years,
        )
        measures = frozenset(r.measure.split(";"))
        earlier = next((c for m, c in seen.get(key, []) if m & measures), None)
        if earlier:
            out[r.claim_id] = earlier
        else:
            seen.setdefault(key, []).append((measures, r.claim_id))
    return out


def _missing(row: pd.Series) -> list[str]:
    """The columns a row's kind needs that extraction left empty (besides who said it and when)."""
    needs = ["area", "measure", *REQUIRED.get(required_key(row["metric"], row["stated_unit"]), ())]
    if row["metric"] == "ratio" and not row["period_event_id"]:
        needs.append("start_year")
    return [c for c in needs if not row[c]]


def factcheck(
    frames: Frames,
    text: str,
    resource: dict[str, Any],
    lang: str = "en",
    speaker: str = "",
    said: str = "",
    source_url: str = "",
    title: str = "",
) -> FactCheck:
    """Every checkable sentence of ``text`` checked against ``frames``, the rest listed for review.

    ``resource`` is the claims resource of the package's descriptor (the schema rows are held
    to); ``said`` (YYYY-MM-DD) dates the text. Rows come from poppy.checks.extract; each complete
    row is validated like a claim file and checked; a row that is incomplete, repeats an earlier
    one, names no series or that the data cannot judge goes to ``review`` with its reason.
    """
    frames, source_id = text_source(frames, source_url, title, speaker, said)
    rows = extract(text, lang, speaker or "-", said, source_id, areas=area_stems(frames.provinces))
    review: list[Review] = []
    incomplete = set()
    repeats = _repeats(rows[rows["metric"] != ""])
    checked: list[ClaimCheck] = []
    parsed = []
    for _, row in rows.iterrows():
        reason = _reason(row, repeats, lang)
        if not reason:
            try:
                claims = parse_claims(_csv(row), "text", resource, frames)
                checked += check_claims(frames, claims)
                parsed.append(claims)
                continue
            except DataPackageError as exc:
                reason = "; ".join(f"{p.column}: {p.message}" for p in exc.problems)
            except PoppyError as exc:
                reason = str(exc)
        if row["metric"] and row["measure"] and row["claim_id"] not in repeats:
            incomplete.add(row["claim_id"])
        review.append(Review(row["claim_id"], row["quote"], reason))
    if parsed:  # the pages' baseline tables look the checked claims up by id
        frames = dataclasses.replace(frames, claims=pd.concat(parsed, ignore_index=True))
    return FactCheck(rows, checked, review, frames, frozenset(incomplete))


def _reason(row: pd.Series, repeats: dict[str, str], lang: str) -> str:
    """Why a row cannot be checked as it stands ('' when it can)."""
    if not row["metric"] or not row["measure"]:
        return t(lang, "factcheck.unmatched")
    if row["claim_id"] in repeats:
        return t(lang, "factcheck.repeats", claim=repeats[row["claim_id"]])
    if not row["date"]:
        return t(lang, "factcheck.no_date")
    missing = _missing(row)
    return t(lang, "factcheck.missing", columns=", ".join(missing)) if missing else ""


def _csv(row: pd.Series) -> bytes:
    buf = io.StringIO()
    pd.DataFrame([row[COLUMNS]]).to_csv(buf, index=False, lineterminator="\n")
    return buf.getvalue().encode("utf-8")
