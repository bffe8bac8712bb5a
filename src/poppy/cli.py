"""Command line: ``poppy validate``, ``poppy headline``, ``poppy rehash`` and friends.

Every expected failure (bad data, bad arguments, refused input) prints one line per
problem on stderr and exits 2; never a traceback. SIGINT (Ctrl-C) and SIGTERM stop a command
with one line and exit 130 or 143 (128 + the signal's number, as shells report it); writers
leave their folder as it was (poppy.data.atomic).
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from poppy.errors import DataPackageError, OptionError, PoppyError, Stopped
from poppy.i18n import LANGS

if TYPE_CHECKING:
    import pandas as pd

    from poppy.data.frames import Frames

EXIT_OK, EXIT_STALE, EXIT_INVALID = 0, 1, 2


def _stop(signum: int, frame: object) -> None:
    raise Stopped(signum)


def cmd_validate(args: argparse.Namespace) -> int:
    """``poppy validate``: every problem on stderr, or the version and primary-source shares."""
    from poppy.data.descriptor import read_descriptor, resolve_dir
    from poppy.data.loaders import load_sources, load_value_tables, validate_package
    from poppy.data.provenance import primary_share, share_lines

    problems = validate_package(args.dir)
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(f"poppy validate: {len(problems)} problem(s)", file=sys.stderr)
        return EXIT_INVALID
    version = read_descriptor(resolve_dir(args.dir)).get("version", "unversioned")
    print(f"poppy validate: data package is valid (version {version})")
    print("values taken from a UN, UNODC or government document:")
    print("\n".join(share_lines(primary_share(load_value_tables(args.dir), load_sources(args.dir)))))
    return EXIT_OK


def cmd_headline(args: argparse.Namespace) -> int:
    """``poppy headline``: the Afghan series with ranges and numbered sources."""
    from poppy.data.frames import load_all
    from poppy.publish.text_tables import headline_table

    print(headline_table(load_all(args.data)))
    return EXIT_OK


def cmd_claims(args: argparse.Namespace) -> int:
    """``poppy claims``: the claim checks in the chosen format and language."""
    from poppy.checks.claims import check_claims
    from poppy.data.frames import load_all

    frames = load_all(args.data)
    claims = None
    if args.claims:
        claims = _claim_file(args.claims, args.data, frames)
        if claims is None:
            return EXIT_INVALID
    checks = check_claims(frames, claims)
    return _emit(args, frames, checks)


def _emit(args: argparse.Namespace, frames: Frames, checks: list) -> int:
    """Print the checks in ``args.format`` and ``args.lang`` (claims and check share it)."""
    from poppy.checks.claimreview import claim_review
    from poppy.checks.claims import claims_table
    from poppy.escape import csv_cell, json_for_script
    from poppy.publish.text_tables import claims_text

    if args.format == "claimreview":
        missing = [
            o
            for o, v in (
                ("--url", args.url),
                ("--publisher", args.publisher),
                ("--publisher-url", args.publisher_url),
            )
            if not v
        ]
        if missing:
            raise OptionError(
                f"--format claimreview needs {', '.join(missing)} (where the fact check is "
                "published and who publishes it)"
            )
        reviews = claim_review(
            checks, args.url, args.publisher, args.publisher_url, frames.sources, args.lang, args.date
        )
        print(json_for_script(reviews))  # JSON-LD goes in a <script> element: '</' escaped
        return EXIT_OK
    table = claims_table(checks, args.lang)
    if args.format == "csv":  # opened in a spreadsheet: no cell may run as a formula
        sys.stdout.write(table.map(csv_cell).to_csv(index=False, lineterminator="\n"))
    elif args.format == "json":
        records = table.to_dict(orient="records")
        for record, check in zip(records, checks, strict=True):
            record["verdict_id"] = check.verdict
            record["figures"] = check.figures
        print(json_for_script(records))
    elif args.format == "markdown":
        print(claims_text(checks, frames.sources, args.lang, markdown=True))
    else:
        print(claims_text(checks, frames.sources, args.lang))
    return EXIT_OK


#: The option of ``poppy check`` behind each claim column (for its error messages).
CHECK_OPTIONS = {
    "area": "--area",
    "measure": "--measure",
    "start_year": "--from",
    "end_year": "--to",
    "stated_start": "--stated",
    "stated_end": "--stated",
    "stated_value": "--stated/--ratio/--share",
    "stated_unit": "--unit",
    "qualifier": "--qualifier",
    "stated_span_years": "--span",
    "period_event_id": "--during",
    "metric": "--kind",
    "date": "--said",
    "quote": "--quote",
}


def cmd_check(args: argparse.Namespace) -> int:
    """``poppy check``: one statement from the options, checked like a claims.csv row."""
    from poppy.checks.claim_rows import adhoc_claim, parse_claims
    from poppy.checks.claims import check_claims
    from poppy.data.contract import MEASURE_UNITS
    from poppy.data.descriptor import read_descriptor, resolve_dir
    from poppy.data.frames import load_all

    frames = load_all(args.data)
    resource = next(r for r in read_descriptor(resolve_dir(args.data))["resources"] if r["name"] == "claims")
    stated = [x.strip() for x in (args.stated or "").split(",")] if args.stated else []
    if len(stated) > 2 or "" in stated:
        raise OptionError(f"--stated: one figure, or two ('start,end'), got {args.stated!r}")
    given = {
        "metric": args.kind,
        "area": args.area,
        "measure": args.measure,
        "start_year": args.start,
        "end_year": args.end,
        "stated_span_years": args.span,
        "period_event_id": args.during,
        "qualifier": args.qualifier,
        "quote": args.quote or "-",
        "date": args.said,
        "speaker": args.speaker,
        "stated_unit": args.unit,
    }
    if args.ratio:
        given |= {"stated_value": args.ratio, "stated_unit": "times"}
    elif args.share:
        given |= {"stated_value": args.share, "stated_unit": "percent"}
    elif len(stated) == 2:
        given |= {"stated_start": stated[0], "stated_end": stated[1]}
    elif len(stated) == 1:
        given |= {"stated_value": stated[0]}
    if args.kind in (None, "level", "change"):  # a figure's unit follows its measure; a trend's: a direction
        given["stated_unit"] = given["stated_unit"] or MEASURE_UNITS.get(args.measure, "t")
    elif args.kind == "rank":  # 'the largest': the place is the figure
        given["stated_unit"] = given["stated_unit"] or "rank"
    columns = [f["name"] for f in resource["schema"]["fields"]]
    try:
        claims = parse_claims(adhoc_claim(columns, **given), "poppy check", resource, frames)
    except DataPackageError as exc:
        for p in exc.problems:
            shown = "" if p.value is None else f" (got {p.value!r})"
            print(
                f"poppy check: {CHECK_OPTIONS.get(p.column or '', p.column)}: {p.message}{shown}",
                file=sys.stderr,
            )
        return EXIT_INVALID
    return _emit(args, frames, check_claims(frames, claims))


def _claim_file(path: str, data: str | None, frames: Frames) -> pd.DataFrame | None:
    """The rows of a claim file, validated like claims.csv; None after printing its problems."""
    from poppy.checks.claim_rows import read_claims
    from poppy.data.descriptor import read_descriptor, resolve_dir

    resource = next(r for r in read_descriptor(resolve_dir(data))["resources"] if r["name"] == "claims")
    try:
        return read_claims(path, resource, frames)
    except DataPackageError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        print(f"poppy claims: {len(exc.problems)} problem(s) in {path}", file=sys.stderr)
        return None


def _read_text(name: str) -> str:
    """A UTF-8 plain text for extract and factcheck.

    Refused in one line when it is not a regular file, is over TEXT_LIMIT, is not UTF-8, holds a
    control character or is empty.
    """
    import stat

    from poppy.data.validate import FORBIDDEN

    path = Path(name)
    if path.exists() and not stat.S_ISREG(path.stat().st_mode):  # a FIFO would block the read
        raise OptionError(f"{name}: not a regular file")
    if path.exists() and path.stat().st_size > TEXT_LIMIT:
        raise OptionError(
            f"{name}: {path.stat().st_size:,} bytes; "
            f"poppy reads texts of up to {TEXT_LIMIT:,} bytes (split a longer one)"
        )
    try:
        text = path.read_text(encoding="utf-8").replace("\r\n", "\n").replace("\t", " ")
    except UnicodeDecodeError as exc:
        raise OptionError(f"{name}: not UTF-8 plain text ({exc.reason} at byte {exc.start})") from None
    if found := FORBIDDEN.search(text):  # the rows quote the text: nothing invisible or reordering
        line = text.count("\n", 0, found.start()) + 1
        raise OptionError(f"{name}: line {line}: contains U+{ord(found.group()):04X}, a control character")
    if not text.strip():
        raise OptionError(f"{name}: the text is empty")
    return text


def cmd_extract(args: argparse.Namespace) -> int:
    """``poppy extract``: candidate claim rows (CSV) for every figure-bearing sentence of a text."""
    from poppy.checks.extract import area_stems, extract
    from poppy.data.descriptor import atomic_write_bytes
    from poppy.data.frames import load_all
    from poppy.escape import csv_cell

    out_path = _extract_out(args.out, args.force, args.data) if args.out else None
    text = _read_text(args.text)
    stems = area_stems(load_all(args.data).provinces)
    rows = extract(text, args.lang, args.speaker, args.said or "", args.source_id, areas=stems)
    # opened in a spreadsheet like the claims CSV: a quote starting '=' or '@' stays text
    out = rows.map(csv_cell).to_csv(index=False, lineterminator="\n")
    if out_path:
        atomic_write_bytes(out_path, out.encode("utf-8"))
    else:
        sys.stdout.write(out)
    unmatched = int((rows["metric"] == "").sum() + ((rows["metric"] != "") & (rows["measure"] == "")).sum())
    print(
        f"poppy extract: {len(rows)} row(s) from sentences with figures, {unmatched} unmatched",
        file=sys.stderr,
    )
    return EXIT_OK


def cmd_factcheck(args: argparse.Namespace) -> int:
    """``poppy factcheck``: a text's checkable sentences, checked; the rest listed for review."""
    from poppy.checks.factcheck import factcheck
    from poppy.data.descriptor import read_descriptor, resolve_dir
    from poppy.data.frames import load_all
    from poppy.escape import web_url
    from poppy.i18n import t

    if args.source_url and not web_url(args.source_url):
        raise OptionError(f"--source-url {args.source_url!r}: give an http(s) address")
    out = _factcheck_out(args.out, args.force, args.data) if args.out else None
    text = _read_text(args.text)
    frames = load_all(args.data)
    resource = next(r for r in read_descriptor(resolve_dir(args.data))["resources"] if r["name"] == "claims")
    title = args.title or Path(args.text).name
    result = factcheck(
        frames, text, resource, args.lang, args.speaker, args.said or "", args.source_url or "", title
    )
    code = _emit(args, result.frames, result.checks)
    lines = [f"- {r.claim_id}: {r.reason}: {r.quote}" for r in result.review]
    heading = t(args.lang, "factcheck.heading", count=len(result.review))
    if args.format in ("text", "markdown") and lines:
        print(f"\n{'## ' if args.format == 'markdown' else ''}{heading}\n" + "\n".join(lines))
    elif lines:
        print("\n".join(f"poppy factcheck: needs review: {x[2:]}" for x in lines), file=sys.stderr)
    if out:
        from poppy.publish.site.pages import Publisher, factcheck_files

        publisher = Publisher(args.publisher or "", args.publisher_url or "", "")
        files = factcheck_files(result, args.lang, publisher, title)
        _write_folder(out, files)
    print(
        f"poppy factcheck: {len(result.checks)} checked, {len(result.review)} need review"
        + (f"; claim rows and pages in {out}" if out else ""),
        file=sys.stderr,
    )
    return code


def _outside_package(out: str, data: str | None, what: str) -> Path:
    """``--out`` as a path, refused when it is inside the data package or holds it."""
    from poppy.data.descriptor import resolve_dir

    path = Path(out)
    package = resolve_dir(data).resolve()
    if path.resolve().is_relative_to(package) or package.is_relative_to(path.resolve()):
        raise OptionError(
            f"--out {out}: inside the data package ({package}) or holding it; write {what} elsewhere"
        )
    return path


def _factcheck_out(out: str, force: bool, data: str | None) -> Path:
    """The folder factcheck may write: not inside the data package, not over one without --force."""
    path = _outside_package(out, data, "the claim rows and pages")
    if path.is_symlink():
        raise OptionError(f"--out {out}: a symbolic link; name a real folder")
    if path.exists() and not path.is_dir():
        raise OptionError(f"--out {out}: a file; name a folder")
    if path.exists() and any(path.iterdir()) and not force:
        raise OptionError(f"--out {out}: the folder is not empty; --force replaces it")
    return path


def _write_folder(folder: Path, files: dict[str, bytes]) -> None:
    """Write ``files`` (relative path -> bytes) as the whole of ``folder``, in one swap."""
    from poppy.data import atomic

    def fill(staged: Path) -> None:
        for rel, data in files.items():
            target = staged / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)

    with atomic.locked(folder), atomic.replacing(folder, fill):
        pass


#: The largest text ``poppy extract`` reads (5 MB: a long report is a few hundred kB).
TEXT_LIMIT = 5_000_000


def _extract_out(out: str, force: bool, data: str | None) -> Path:
    """Where extract may write: not inside the data package, not over a file without --force."""
    path = _outside_package(out, data, "the claim rows")
    if path.is_dir():
        raise OptionError(f"--out {out}: a folder; name a file")
    if path.exists() and not force:
        raise OptionError(f"--out {out}: the file exists; --force replaces it")
    return path


def _site(args: argparse.Namespace):
    """The site's inputs from the options: the notebooks (read here) and the publisher."""
    from poppy.escape import web_url
    from poppy.publish.build import Site

    for option, url in (("--publisher-url", args.publisher_url), ("--site-url", args.site_url)):
        if url and not web_url(url):
            raise OptionError(f"{option} {url!r}: give an http(s) address")
    if bool(args.publisher) != bool(args.publisher_url):
        raise OptionError("--publisher and --publisher-url go together (ClaimReview names both)")
    folder = Path(args.notebooks) if args.notebooks else Path("notebooks")
    if args.notebooks and not folder.is_dir():
        raise OptionError(f"--notebooks {args.notebooks}: not a folder")
    notebooks = (
        tuple((p.name, p.read_bytes()) for p in sorted(folder.glob("*.ipynb")) if p.is_file())
        if folder.is_dir()
        else ()
    )
    return Site(notebooks, args.publisher or "", args.publisher_url or "", args.site_url or "")


def cmd_build(args: argparse.Namespace) -> int:
    """``poppy build``: build the pack, or with --check name the stale files (exit 1)."""
    from poppy.checks.claims import check_claims
    from poppy.data.frames import load_all
    from poppy.publish.build import Options, build, is_current, stale, terminal_progress

    given = args.lang or args.formats or args.sizes
    options = Options.from_text(args.lang, args.formats, args.sizes)
    site = _site(args)
    frames = load_all(args.data)
    target = args.check or args.out
    if not is_current(target, frames, options if given or not args.check else None, site):
        # a claim the data cannot support is one line here, not a traceback mid-build (a current
        # pack was built from these very claims and data, so they were checked then)
        check_claims(frames)
    if args.check:
        # without options, --check uses the ones recorded in the pack's manifest
        changed = stale(args.check, frames, options if given else None, args.jobs, site)
        for path in changed:
            print(f"stale: {path}", file=sys.stderr)
        if changed:
            print(f"poppy build --check: {len(changed)} file(s) out of date in {args.check}", file=sys.stderr)
            return EXIT_STALE
        print(f"poppy build --check: {args.check} is up to date")
        return EXIT_OK
    result = build(args.out, frames, options, args.jobs, terminal_progress(), site)
    removed = f", {len(result.removed)} removed from site/" if result.removed else ""
    print(
        f"poppy build: {len(result.written)} file(s) written{removed}, {len(result.unchanged)} unchanged "
        f"in {args.out} (data {result.manifest['data_hash'][:19]}…)"
    )
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    """``poppy import``: the diff of a UNODC workbook against the data; --apply writes it."""
    from poppy.data.unodc_import import import_workbook

    print(
        import_workbook(
            args.workbook, args.sheet, args.source_id, args.apply, args.data, args.accept_implausible
        )
    )
    return EXIT_OK


def cmd_rehash(args: argparse.Namespace) -> int:
    """``poppy rehash``: recompute the descriptor's sizes and checksums."""
    from poppy.data.descriptor import refresh_checksums

    changed = refresh_checksums(args.dir)
    print("poppy rehash: " + (f"updated {', '.join(changed)}" if changed else "checksums already current"))
    return EXIT_OK


def _iso_date(text: str) -> str:
    """--date: a real calendar date written YYYY-MM-DD."""
    import datetime as dt

    try:
        day = dt.date.fromisoformat(text) if len(text) == 10 else None  # 3.11 also reads 20140225
    except ValueError:
        day = None
    if day is None:
        raise argparse.ArgumentTypeError(f"must be a date written YYYY-MM-DD, got {text!r}")
    return day.isoformat()


def _jobs(text: str) -> int:
    """--jobs: a whole number from 1 to the number of cores (more only queue up)."""
    cores = os.cpu_count() or 1
    if not text.isdigit() or not 1 <= int(text) <= cores:
        raise argparse.ArgumentTypeError(f"must be a whole number from 1 to {cores} (this machine's cores)")
    return int(text)


def _above_zero(most: float, what: str) -> Callable[[str], str]:
    """An option type: a number above 0 and at most ``most``, kept as written (for the claim row)."""

    def check(text: str) -> str:
        try:
            ok = 0 < float(text) <= most
        except ValueError:
            ok = False
        if not ok:
            raise argparse.ArgumentTypeError(f"must be {what}, got {text!r}")
        return text

    return check


#: --ratio: any multiple above 0; --share: a percentage of the world total.
_positive = _above_zero(float("inf"), "a number above 0")
_percent = _above_zero(100, "a percentage above 0 and at most 100")


def _span(text: str) -> str:
    """--span: a whole number of years, at least 1."""
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"must be a whole number of years, at least 1, got {text!r}")
    return text


def _folder(text: str) -> str:
    """--out: a folder name that is not empty (an empty one would mean the working directory)."""
    if not text.strip():
        raise argparse.ArgumentTypeError("must name a folder (empty would mean the current one)")
    return text


def _review_options(p: argparse.ArgumentParser) -> None:
    """The ClaimReview options of ``poppy claims`` and ``poppy check``."""
    p.add_argument(
        "--url", default=None, help="claimreview: address of the claim pages ({claim_id} is filled in)"
    )
    p.add_argument("--publisher", default=None, help="claimreview: name of the reviewing organisation")
    p.add_argument("--publisher-url", default=None, help="claimreview: its web address")


def _check_options(p: argparse.ArgumentParser) -> None:
    """The options of ``poppy check``: the statement's series, years and figure, and the output."""
    p.add_argument(
        "--area", default="Afghanistan", help="country, World or Afghan province; several separated by ';'"
    )
    p.add_argument(
        "--measure",
        default="cultivation",
        help="cultivation, production, eradication, farmgate_price, heroin_production, coca_cultivation, "
        "cocaine_production",
    )
    p.add_argument("--from", dest="start", default=None, help="first year (baseline of a change or ratio)")
    p.add_argument("--to", dest="end", default=None, help="last year")
    # one statement states one figure: a level or change, a multiple or a share, never two at once
    figure = p.add_mutually_exclusive_group()
    figure.add_argument(
        "--stated", default=None, help="the figure stated, or two: start,end (e.g. 193000,209000)"
    )
    figure.add_argument("--ratio", type=_positive, default=None, help="a multiple stated ('26 times')")
    figure.add_argument(
        "--share", type=_percent, default=None, help="a share of the world total stated, in percent (0-100]"
    )
    p.add_argument(
        "--span", type=_span, default=None, help="years the statement says the period lasted (>= 1)"
    )
    p.add_argument(
        "--during", default=None, help="the event that defines the period (events.csv id, e.g. isaf)"
    )
    p.add_argument(
        "--kind", default=None, help="level, change, ratio, share, trend, rank, target (default: inferred)"
    )
    p.add_argument(
        "--unit", default=None, help="unit of --stated (ha, t, usd_per_kg; rise or fall for a trend)"
    )
    p.add_argument("--qualifier", default=None, help="exact, about, more_than, at_least, less_than, only")
    p.add_argument("--quote", default=None, help="the statement's words, quoted in the output")
    p.add_argument("--speaker", default=None, help="who said it: 'Name (Organisation)' or an organisation")
    p.add_argument("--said", type=_iso_date, default="2014-02-25", help="date of the statement (YYYY-MM-DD)")
    p.add_argument("--format", choices=["text", "markdown", "csv", "json", "claimreview"], default="text")
    p.add_argument("--lang", choices=LANGS, default="en")
    p.add_argument("--data", default=None, help="data package folder (default: the shipped one)")
    _review_options(p)
    p.add_argument(
        "--date", type=_iso_date, default=None, help="claimreview: date of the review (YYYY-MM-DD)"
    )


def _extract_options(p: argparse.ArgumentParser) -> None:
    """The options of ``poppy extract``."""
    p.add_argument("text", help="the text: UTF-8 plain text (a press release, a speech)")
    p.add_argument("--lang", choices=LANGS, default="en", help="language of the review notes")
    p.add_argument("--out", default=None, help="write the CSV here (default: standard output)")
    p.add_argument("--speaker", default="", help="who made the statements (fills every row)")
    p.add_argument("--said", type=_iso_date, default=None, help="date of the statements (YYYY-MM-DD)")
    p.add_argument("--source-id", default="", help="id of the text in sources.csv")
    p.add_argument("--force", action="store_true", help="replace the --out file if it exists")
    p.add_argument(
        "--data", default=None, help="data package folder that --out must stay out of (default: shipped)"
    )


def _factcheck_options(p: argparse.ArgumentParser) -> None:
    """The options of ``poppy factcheck``."""
    p.add_argument("text", help="the text: UTF-8 plain text (a press release, a speech, an article)")
    p.add_argument("--lang", choices=LANGS, default="en", help="language of the verdicts and notes")
    p.add_argument("--speaker", default="", help="who made the statements: 'Name (Organisation)'")
    p.add_argument(
        "--said", type=_iso_date, default=None, help="date of the text (YYYY-MM-DD): dates 'last year'"
    )
    p.add_argument("--source-url", default=None, help="where the text was published (its appearance)")
    p.add_argument("--title", default=None, help="the text's title (default: the file's name)")
    p.add_argument("--format", choices=["text", "markdown", "csv", "json", "claimreview"], default="text")
    p.add_argument("--out", default=None, help="write claims.csv and the site pages into this folder")
    p.add_argument("--force", action="store_true", help="replace the --out folder if it is not empty")
    p.add_argument("--data", default=None, help="data package folder (default: the shipped one)")
    _review_options(p)
    p.add_argument(
        "--date", type=_iso_date, default=None, help="claimreview: date of the review (YYYY-MM-DD)"
    )


def _build_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--out", type=_folder, default="pack", help="output folder (default: pack)")
    p.add_argument(
        "--check", metavar="DIR", default=None, help="exit 1 and name stale files if DIR is out of date"
    )
    p.add_argument("--lang", default=None, help="comma-separated languages (default: en,ru)")
    p.add_argument("--formats", default=None, help="comma-separated formats (default: png,svg,pdf)")
    p.add_argument("--sizes", default=None, help="comma-separated sizes (default: web,social,print)")
    p.add_argument("--jobs", type=_jobs, default=None, help="worker processes (default: up to 2)")
    p.add_argument("--data", default=None, help="data package folder (default: the shipped one)")
    p.add_argument(
        "--notebooks", default=None, help="notebooks the site shows (default: ./notebooks when it exists)"
    )
    p.add_argument(
        "--publisher", default=None, help="the organisation publishing the site (ClaimReview author)"
    )
    p.add_argument("--publisher-url", default=None, help="that organisation's address")
    p.add_argument("--site-url", default=None, help="where site/ is published (ClaimReview's absolute url)")


class _Parser(argparse.ArgumentParser):
    """argparse with one-line refusals: 'poppy check: --span: ...', exit 2 (usage on --help only)."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_INVALID, f"{self.prog}: {message}\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="poppy", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND", parser_class=_Parser)

    def add(name: str, func: Callable[[argparse.Namespace], int], help_: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_, description=help_)
        p.set_defaults(func=func)
        return p

    p = add("validate", cmd_validate, "check a data package (default: the shipped one); exit 2 on problems")
    p.add_argument("dir", nargs="?", default=None, help="folder holding datapackage.json")
    p = add("headline", cmd_headline, "print the Afghan cultivation and production series with sources")
    p.add_argument("--data", default=None, help="data package folder (default: the shipped one)")
    p = add("claims", cmd_claims, "check the press release's claims against the data and print the verdicts")
    p.add_argument("--format", choices=["text", "markdown", "csv", "json", "claimreview"], default="text")
    p.add_argument("--lang", choices=LANGS, default="en")
    p.add_argument("--data", default=None, help="data package folder (default: the shipped one)")
    p.add_argument("--claims", default=None, help="CSV of claim rows (claims.csv's columns) to check instead")
    _review_options(p)
    p.add_argument(
        "--date", type=_iso_date, default=None, help="claimreview: date of the review (YYYY-MM-DD)"
    )
    p = add(
        "check", cmd_check, "check one statement given as options, e.g. --to 2013 --ratio 26 --during isaf"
    )
    _check_options(p)
    p = add("extract", cmd_extract, "candidate claim rows (CSV) for every sentence with a figure in a text")
    _extract_options(p)
    p = add("factcheck", cmd_factcheck, "check every checkable sentence of a text; list what needs review")
    _factcheck_options(p)
    p = add(
        "build",
        cmd_build,
        "build the press pack: charts, briefing.md, workbook, fact-check site and manifest",
    )
    _build_options(p)
    p = add("import", cmd_import, "show what a UNODC workbook would change in data/; --apply writes it")
    p.add_argument("workbook", help="the .xlsx file (WDR statistical-annex or UNODC data-portal layout)")
    p.add_argument("--sheet", default=None, help="sheet to read (default: the first)")
    p.add_argument(
        "--source-id", default=None, help="id of this workbook in sources.csv (needed for --apply)"
    )
    p.add_argument("--apply", action="store_true", help="write the changes (validated, atomic)")
    p.add_argument(
        "--accept-implausible",
        action="store_true",
        help="let --apply write values flagged implausible (tenfold jumps, out-of-series years)",
    )
    p.add_argument("--data", default=None, help="data package folder (default: the shipped one)")
    p = add("rehash", cmd_rehash, "recompute the descriptor's file sizes and sha256 after an intended edit")
    p.add_argument("dir", nargs="?", default=None, help="folder holding datapackage.json")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``poppy`` command; returns the exit code."""
    parser = _parser()
    args = parser.parse_args(argv)
    previous = signal.signal(signal.SIGTERM, _stop)
    try:
        return _run(args)
    finally:
        signal.signal(signal.SIGTERM, previous)


def _run(args: argparse.Namespace) -> int:
    try:
        code = args.func(args)
        sys.stdout.flush()  # a closed pipe shows here, inside the handlers below, not at exit
        return code
    except BrokenPipeError:  # the reader went away (e.g. `poppy headline | head -1`): not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except DataPackageError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        print(f"poppy {args.command}: {len(exc.problems)} problem(s) in the data package", file=sys.stderr)
        return EXIT_INVALID
    except (PoppyError, OSError) as exc:  # OSError: the file system refused (disk, permissions)
        print(f"poppy {args.command}: {exc}", file=sys.stderr)
        return EXIT_INVALID
    except KeyboardInterrupt:
        print(f"poppy {args.command}: interrupted (SIGINT)", file=sys.stderr)
        return 128 + signal.SIGINT
    except Stopped:
        print(f"poppy {args.command}: stopped (SIGTERM)", file=sys.stderr)
        return 128 + signal.SIGTERM


if __name__ == "__main__":
    sys.exit(main())
