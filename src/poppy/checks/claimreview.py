"""The claim checks as schema.org ClaimReview (JSON-LD) that fact-check tools read.

One ClaimReview per checked claim with a figure, on the claim's own page; the claim as
stated, short, in the output language, with the full quote in ``itemReviewed.appearance``;
the claimant as an Organization (the producer of the document the claim appeared in) with
the person named where there is one; the reviewing organisation as the user names it.
Opinions and statements without a figure get none. Embed the output with
``poppy.escape.json_for_script``.
"""

from __future__ import annotations

import re
from typing import Any

import pandas as pd

from poppy.checks.claims import ClaimCheck
from poppy.errors import OptionError
from poppy.escape import web_url
from poppy.fmt import check_lang

#: ClaimReview ratings (1 worst .. 5 best) of the verdicts that get one.
RATINGS = {"accurate": 5, "accurate_but_misleading": 3, "overstated": 2, "not_supported": 1}
#: Longest ``claimReviewed`` (fact-check tools show it as a headline).
SHORT = 74
_PERSON = re.compile(r"^(?P<name>[^()]+?)\s*\((?P<org>[^()]+)\)$")


def short(text: str, limit: int = SHORT) -> str:
    """``text`` cut at a word to at most ``limit`` characters, '…' marking the cut.

    >>> short("more than 80% of the world's heroin", 20)
    'more than 80% of…'
    """
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:")
    return cut + "…"


def page_url(url: str, claim_id: str) -> str:
    """The claim's own page: ``url`` with ``{claim_id}`` filled in, else ``url``/claim_id."""
    return url.replace("{claim_id}", claim_id) if "{claim_id}" in url else f"{url.rstrip('/')}/{claim_id}"


def _web(url: str, what: str) -> str:
    if not web_url(url or ""):
        raise OptionError(f"ClaimReview needs {what} as an http(s) address, got {url!r}")
    return url


def claimant(check: ClaimCheck, sources: pd.DataFrame) -> dict[str, Any]:
    """The Organization that published the statement, with the person named in ``speaker``."""
    row = sources.set_index("source_id").loc[check.source] if check.source else None
    person = _PERSON.match(check.speaker)
    name = row["producer"] if row is not None else (person["org"] if person else check.speaker)
    org: dict[str, Any] = {"@type": "Organization", "name": name}
    if person:
        org["employee"] = {"@type": "Person", "name": person["name"]}
    return org


def _appearance(check: ClaimCheck, sources: pd.DataFrame, author: dict[str, Any]) -> dict[str, Any]:
    work: dict[str, Any] = {"@type": "CreativeWork", "text": check.quote, "datePublished": check.date}
    if check.source:
        row = sources.set_index("source_id").loc[check.source]
        work |= {"headline": row["title"], "publisher": author}
        if row["url"]:
            work["url"] = row["url"]
    return work


def claim_review(
    checks: list[ClaimCheck],
    url: str,
    publisher: str,
    publisher_url: str,
    sources: pd.DataFrame,
    lang: str = "en",
    date: str | None = None,
) -> list[dict[str, Any]]:
    """ClaimReview objects for the checks that have a figure (opinions and 'no figure' get none).

    ``url`` is where the claim pages are published (``{claim_id}`` in it is filled in, else
    the claim id is appended); ``publisher`` and ``publisher_url`` name the reviewing
    organisation; ``sources`` is sources.csv (the claim's document); ``date`` (YYYY-MM-DD)
    the review's date, left out when None so the output stays reproducible.
    """
    check_lang(lang)
    _web(url.replace("{claim_id}", "x"), "the address of the published fact check (--url)")
    _web(publisher_url, "the reviewing organisation's address (--publisher-url)")
    if not publisher.strip():
        raise OptionError("ClaimReview needs the reviewing organisation's name (--publisher)")
    reviewer = {"@type": "Organization", "name": publisher.strip(), "url": publisher_url}
    out = [
        review_of(c, page_url(url, c.claim_id), reviewer, sources, lang)
        for c in checks
        if c.verdict in RATINGS
    ]
    if date:
        for review in out:
            review["datePublished"] = date
    return out


def review_of(
    check: ClaimCheck, url: str, reviewer: dict[str, Any] | None, sources: pd.DataFrame, lang: str
) -> dict[str, Any]:
    """The ClaimReview of one checked claim (a verdict in RATINGS) published at ``url``.

    ``reviewer`` is the reviewing Organization (``author``), left out when None.
    """
    author = claimant(check, sources)
    appearance = _appearance(check, sources, author)
    review: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": url,
        "claimReviewed": short(check.stated[lang]),
        "author": reviewer,
        "reviewRating": {
            "@type": "Rating",
            "alternateName": check.verdict_label(lang),
            "ratingValue": RATINGS[check.verdict],
            "bestRating": 5,
            "worstRating": 1,
        },
        "reviewBody": check.explanation[lang],
        "inLanguage": lang,
        "itemReviewed": {
            "@type": "Claim",
            "author": author,
            "datePublished": check.date,
            "appearance": appearance,
            "firstAppearance": appearance,
        },
    }
    return {k: v for k, v in review.items() if v is not None}
