"""Extraction measured on the labelled corpus (tests/corpus/): the README's figures are today's."""

from __future__ import annotations

import pandas as pd

import poppy
from tests.conftest import ROOT, tool

CORPUS = ROOT / "tests" / "corpus"


def test_every_label_quotes_its_text_and_every_text_names_its_address_and_date():
    texts = pd.read_csv(CORPUS / "texts.csv", dtype=str, keep_default_na=False)
    labels = pd.read_csv(CORPUS / "labels.csv", dtype=str, keep_default_na=False)
    assert texts["id"].is_unique and (texts["address"].str.startswith("http")).all()
    assert texts["date"].str.fullmatch(r"\d{4}-\d{2}(-\d{2})?").all()
    assert (texts["lang"].value_counts() >= 20).all() and len(texts) >= 40
    for label in labels.itertuples():
        assert label.quote in (CORPUS / "texts" / f"{label.text_id}.txt").read_text(encoding="utf-8"), label


def test_the_readme_scores_are_the_extractors():
    """Any change of a figure fails here: run python tools/corpus_score.py --readme and say why."""
    score = tool("corpus_score")
    scores, _ = score.score(poppy.load_all())
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert score.readme_section(scores) in readme
