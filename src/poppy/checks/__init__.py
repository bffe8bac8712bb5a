"""The checks layer: numbers computed from the data, and statements judged against them.

Public face: ``claims.check_claims(frames)`` -> verdicts, ``findings.findings(frames)`` -> the
pack's headline facts, ``metrics`` (change, ratio, share, trend on a tidy series) and
``extract.extract(text)`` -> candidate claim rows. Inside:

- ``metrics``: small pure computations that keep their units; ``findings``: each headline fact
  computed once;
- ``claim_rows``: a claim row, its series and tolerances, and claim files; ``claims``: one
  checker per kind, dispatched by ``metric``, with the one-figure kinds (change, ratio, share,
  context); ``multi_series``: the kinds that compare several series (level, trend, target,
  rank, opinion);
- ``extract``: candidate claim rows from a text; ``claimreview``: verdicts as schema.org
  ClaimReview.

Takes loaded ``Frames``, never a folder; imports ``poppy.data`` and the modules beneath it.
"""
