"""Score ``poppy extract`` against the labelled corpus (tests/corpus/) and print the README's table.

    python tools/corpus_score.py            the table (Markdown), per set of texts and language
    python tools/corpus_score.py --readme   write it into README.md between its corpus markers
    python tools/corpus_score.py --misses   every labelled row of the tuning set extraction got wrong

Two sets of texts: the rules were written and tuned against the first (tests/corpus/); the second
(tests/corpus/heldout/) was labelled by other hands afterwards and is only scored, never read to
write a rule, so its figures say how extraction does on texts it has not seen. ``--misses``
lists the first set's only, so that tuning stays blind to the second.

A labelled row is a claim a careful analyst wrote for one sentence of a text (tests/corpus/
labels.csv, claims.csv's columns). Sentence detection compares the sentences extract gives a
claim row (a kind and a series) with the labelled sentences: precision and recall. Each labelled
row of a detected sentence is then compared with the extracted row of that sentence that agrees
with it best: kind, area, measure, years (start and end) and stated value (figures and unit).
tests/test_corpus.py holds extraction to the README's figures and to the targets.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

import poppy
from poppy.checks.extract import area_stems, extract

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "corpus"
#: The sets of texts, by the name the table gives them.
SETS = {"tuned": CORPUS, "held out": CORPUS / "heldout"}
#: The kinds a labeller writes (opinions and pledges are the analyst's call, not extraction's).
KINDS = ("level", "change", "ratio", "share", "rank", "trend")
FIELDS = ("kind", "area", "measure", "years", "value")
#: Targets of the issue that asked for the corpus: recall of sentences, accuracy of every field.
TARGETS = {"recall": 0.95, **dict.fromkeys(FIELDS, 0.90)}
BEGIN, END = "<!-- corpus-scores:begin -->", "<!-- corpus-scores:end -->"


def _norm(text: str) -> str:
    """A sentence as compared: spaces collapsed, quotation marks, dashes and a list number off its ends."""
    text = re.sub(r"\s+", " ", text).strip()
    return re.sub(r"^(?:\d{1,2}\.\s+)?[\"“”«»„'–—\s]+|[\"“”«»„'–—\s]+$", "", text).strip()


def _set(value: str) -> frozenset[str]:
    return frozenset(v for v in str(value).split(";") if v)


def _number(value: str) -> float | None:
    return float(value) if str(value).strip() else None


def _same_number(a: str, b: str) -> bool:
    x, y = _number(a), _number(b)
    return x == y or (x is not None and y is not None and abs(x - y) <= 0.005 * max(abs(x), abs(y)))


def agreement(label: pd.Series, row: pd.Series) -> dict[str, bool]:
    """Which fields of an extracted row agree with a labelled row."""
    value = all(_same_number(label[c], row[c]) for c in ("stated_start", "stated_end", "stated_value"))
    unit = label["stated_unit"] in ("rank", "rise", "fall") or label["stated_unit"] == row["stated_unit"]
    return {
        "kind": label["metric"] == row["metric"],
        "area": _set(label["area"]) == _set(row["area"]),
        "measure": _set(label["measure"]) == _set(row["measure"]),
        "years": (label["start_year"], label["end_year"]) == (row["start_year"], row["end_year"]),
        "value": value and unit,
    }


@dataclass
class Scores:
    """Counts of one language: texts, sentences (labelled, found, both) and fields right."""

    texts: int = 0
    labelled: int = 0
    found: int = 0
    both: int = 0
    rows: int = 0
    rows_seen: int = 0
    right: dict[str, int] | None = None

    def rate(self, name: str) -> float:
        """precision, recall or a field's accuracy (over the labelled rows of found sentences)."""
        if name == "precision":
            return self.both / self.found if self.found else 1.0
        if name == "recall":
            return self.both / self.labelled if self.labelled else 1.0
        return (self.right or {}).get(name, 0) / self.rows_seen if self.rows_seen else 1.0


def load(folder: Path = CORPUS) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(texts, labels) of one set of the corpus, all text."""
    texts = pd.read_csv(folder / "texts.csv", dtype=str, keep_default_na=False)
    labels = pd.read_csv(folder / "labels.csv", dtype=str, keep_default_na=False)
    return texts, labels


def _date(date: str) -> str:
    """A text's date as extract takes it (a month alone: its middle)."""
    return date if len(date) == 10 else f"{date}-15" if len(date) == 7 else f"{date}-07-01"


def score(frames: poppy.Frames, folder: Path = CORPUS) -> tuple[dict[str, Scores], list[str]]:
    """Scores per language and one line per labelled row (or sentence) extraction got wrong."""
    texts, labels = load(folder)
    stems = area_stems(frames.provinces)
    out: dict[str, Scores] = {}
    misses: list[str] = []
    for text in texts.itertuples():
        s = out.setdefault(text.lang, Scores(right=dict.fromkeys(FIELDS, 0)))
        s.texts += 1
        body = (folder / "texts" / f"{text.id}.txt").read_text(encoding="utf-8")
        rows = extract(body, text.lang, date=_date(text.date), areas=stems)
        rows = rows[rows["metric"].isin(KINDS) & (rows["measure"] != "")]
        rows = rows.assign(key=rows["quote"].map(_norm))
        mine = labels[labels["text_id"] == text.id]
        mine = mine.assign(key=mine["quote"].map(_norm))
        got, want = set(rows["key"]), set(mine["key"])
        s.found, s.labelled, s.both = s.found + len(got), s.labelled + len(want), s.both + len(got & want)
        misses += [f"{text.id}: not detected: {k[:100]}" for k in sorted(want - got)]
        misses += [f"{text.id}: not labelled: {k[:100]}" for k in sorted(got - want)]
        for label in mine.itertuples(index=False):
            label = pd.Series(label._asdict())
            s.rows += 1
            candidates = rows[rows["key"] == label["key"]]
            if candidates.empty:
                continue
            s.rows_seen += 1
            best = max((agreement(label, r) for _, r in candidates.iterrows()), key=lambda a: sum(a.values()))
            for name, ok in best.items():
                s.right[name] += ok
            wrong = [n for n, ok in best.items() if not ok]
            if wrong:
                misses.append(f"{text.id}: {', '.join(wrong)}: {label['key'][:90]}")
    return out, misses


def table(scores: dict[str, dict[str, Scores]]) -> str:
    """The README's table: one row per set of texts and language."""
    head = (
        "| texts | language | texts | labelled sentences | claim rows | sentence precision | sentence recall "
        "| kind | area | measure | years | stated value |"
    )
    lines = [head, "|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for name, by_lang in scores.items():
        for lang in sorted(by_lang):
            s = by_lang[lang]
            rates = " | ".join(f"{s.rate(n):.1%}" for n in ("precision", "recall", *FIELDS))
            lines.append(f"| {name} | {lang} | {s.texts} | {s.labelled} | {s.rows} | {rates} |")
    return "\n".join(lines) + "\n"


def readme_section(scores: dict[str, dict[str, Scores]]) -> str:
    return f"{BEGIN}\n{table(scores)}{END}"


def score_sets(frames: poppy.Frames) -> tuple[dict[str, dict[str, Scores]], list[str]]:
    """Scores of every set (by its name, then language) and the tuned set's misses."""
    scored = {name: score(frames, folder) for name, folder in SETS.items()}
    return {name: s for name, (s, _) in scored.items()}, scored["tuned"][1]


def main(argv: list[str]) -> int:
    scores, misses = score_sets(poppy.load_all())
    if "--misses" in argv:
        print("\n".join(misses))
    if "--readme" in argv:
        readme = (ROOT / "README.md").read_text(encoding="utf-8")
        start, end = readme.index(BEGIN), readme.index(END) + len(END)
        (ROOT / "README.md").write_text(
            readme[:start] + readme_section(scores) + readme[end:], encoding="utf-8"
        )
    sys.stdout.write(table(scores))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
