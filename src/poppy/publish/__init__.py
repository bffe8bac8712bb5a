"""The publish layer: charts, briefing, briefing workbook, site, and the build that makes the pack.

Public face: ``charts.draw_<chart>(frames, lang, ax=None)`` and ``charts.publish``,
``briefing.key_figures``, ``briefing_workbook.workbook_bytes``, ``site``, and
``build.build(frames, options)``. Inside:

- ``sizes``: sizes and formats (no matplotlib); ``chart_layout``: text that fits; ``charts``:
  the house-style charts;
- ``briefing``: key figures as sentences and briefing.md; ``briefing_workbook``: writes the
  briefing as xlsx (openpyxl); ``text_tables``: plain-text tables for the terminal and notebooks;
- ``site``: the fact-check site (Jinja2 pages, Vega-Lite charts, notebook pages);
- ``digests``: what each output depends on; ``build``: incremental, parallel, atomic pack.

Takes loaded ``Frames``; imports ``poppy.checks``, ``poppy.data`` and the modules beneath them.
"""
