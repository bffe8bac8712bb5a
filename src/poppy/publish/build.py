"""``poppy build``: the whole press pack (charts, briefing, workbook, site, manifest) from data/.

Recipe: take the out folder's lock -> take the loaded, validated Frames -> stop if the manifest
shows the pack current (same code, data, options and bytes) -> digest each chart file's inputs
(poppy.publish.digests) -> draw the figures whose digest differs from the manifest's or whose file on
disk no longer has its recorded sha256, in worker processes, while this process renders the
cheap outputs (briefing, workbook, alt text) from the frames -> render the site, which shows
the chart files -> compare with what is on disk ->
stage the complete new pack beside the old one (unchanged and foreign files hard-linked,
changed ones written) -> swap it in as a whole (poppy.data.atomic). A failure or kill at any point
leaves the previous pack whole.

Workers die with the build: each asks Linux for SIGKILL when its parent dies
(``prctl(PR_SET_PDEATHSIG)``), ignores SIGINT (the parent handles it) and is terminated when
the parent stops for any reason.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import multiprocessing.context
import os
import signal
import sys
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from poppy.data import atomic
from poppy.data.descriptor import sha256_of
from poppy.data.frames import Frames
from poppy.data.profile import unsafe_path
from poppy.errors import OptionError
from poppy.i18n import ALL_LANGS, LANGS
from poppy.publish import digests

MANIFEST = "manifest.json"
T = TypeVar("T")
_PR_SET_PDEATHSIG = 1  # from <sys/prctl.h>


@dataclass(frozen=True)
class Options:
    """What to build: languages, chart formats and sizes."""

    langs: tuple[str, ...] = LANGS
    formats: tuple[str, ...] = ("png", "svg", "pdf")
    sizes: tuple[str, ...] = ("web", "social", "print")

    @classmethod
    def from_text(cls, langs: str | None, formats: str | None, sizes: str | None) -> Options:
        """Options from comma-separated text ('en,ru'); None keeps the default."""
        default = cls()
        return cls(
            *(
                split_list(text) if text else value
                for text, value in (
                    (langs, default.langs),
                    (formats, default.formats),
                    (sizes, default.sizes),
                )
            )
        ).validate()

    def validate(self) -> Options:
        """These options if every language, format and size is known; ValueError otherwise."""
        from poppy.publish.sizes import FORMATS, SIZES

        for name, given, allowed in (
            ("language", self.langs, ALL_LANGS),
            ("format", self.formats, FORMATS),
            ("size", self.sizes, tuple(SIZES)),
        ):
            unknown = [g for g in given if g not in allowed]
            if unknown or not given:
                raise OptionError(
                    f"unknown {name} {', '.join(unknown) or '(none given)'}; choose from {', '.join(allowed)}"
                )
        return self


@dataclass(frozen=True)
class Site:
    """What the fact-check site shows besides the data: the notebooks, and who publishes it.

    ``notebooks`` pairs a notebook's file name with its bytes (pages show their stored outputs);
    ``publisher``/``publisher_url`` name the organisation in each ClaimReview's ``author`` and
    ``site_url`` is where site/ will be published (ClaimReview's absolute ``url``).
    """

    notebooks: tuple[tuple[str, bytes], ...] = ()
    publisher: str = ""
    publisher_url: str = ""
    site_url: str = ""

    def __post_init__(self) -> None:
        for name, _ in self.notebooks:  # a page is written under the name: no folders, no '..'
            if "/" in name or "\\" in name or not name.endswith(".ipynb") or name.startswith("."):
                raise OptionError(f"notebook {name!r}: give a plain file name ending in .ipynb")

    def record(self) -> dict[str, str]:
        """What the manifest records: the names, addresses and a hash of the notebooks."""
        digest = hashlib.sha256()
        for name, data in self.notebooks:
            digest.update(name.encode() + b"\0" + sha256_of(data).encode())
        return {
            "notebooks": "sha256:" + digest.hexdigest(),
            "publisher": self.publisher,
            "publisher_url": self.publisher_url,
            "site_url": self.site_url,
        }


@dataclass
class Result:
    """What a build did: paths relative to the output folder."""

    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    manifest: dict = field(default_factory=dict)
    removed: list[str] = field(default_factory=list)  # site files this build no longer makes


#: The frames a worker process renders from (set once per worker by its initializer).
_WORKER: dict[str, Frames] = {}

#: Rough relative cost of a figure's steps (measured: drawing ~0.3 s, a PNG ~0.2 s, a print PDF
#: with embedded TrueType ~0.6 s); the costliest figures are started first so that both workers
#: run out of work together instead of one waiting on a print PDF at the end.
_COST = {"draw": 3, "png": 2, "svg": 1, "pdf": 1, "print pdf": 6}


def _init_worker(frames: Frames, parent: int | None = None) -> None:
    """Set up a worker: its frames, and a life no longer than its parent's (``parent``: its pid)."""
    _WORKER["frames"] = frames
    if parent is None:  # --jobs 1: this is the parent itself
        return
    if sys.platform.startswith("linux"):
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the parent died before the line above took effect
        os._exit(1)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole group; the parent answers
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the parent's handler: die quietly when told


Task = tuple[str, str, str, tuple[str, ...]]  # chart, language, size, the formats to write


def _render_figure(task: Task) -> dict[str, bytes]:
    """Draw one chart in one language and size once; its files in the formats asked, by path."""
    from poppy.publish.charts import publish

    chart, lang, size, formats = task
    pub = publish(chart, _WORKER["frames"], lang, size)
    return {_chart_path(chart, lang, size, fmt): pub.to_bytes(fmt) for fmt in formats}


def _chart_path(chart: str, lang: str, size: str, fmt: str) -> str:
    return f"charts/{lang}/{size}/{chart}.{fmt}"


def _cost(task: Task) -> int:
    _, _, size, formats = task
    return _COST["draw"] + sum(_COST.get(f"{size} {fmt}", _COST[fmt]) for fmt in formats)


def chart_inputs(frames: Frames, options: Options) -> dict[str, str]:
    """The input digest of every chart file the options ask for, by path (``poppy.publish.digests``)."""
    from poppy.publish.charts import CHARTS

    figures = digests.figure_digests(
        frames, {name: spec.inputs for name, spec in CHARTS.items()}, options.langs, options.sizes
    )
    return {
        _chart_path(chart, lang, size, fmt): digests.file_digest(digest, fmt)
        for (chart, lang, size), digest in figures.items()
        for fmt in options.formats
    }


def render(
    frames: Frames,
    options: Options = Options(),
    jobs: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    reuse: str | os.PathLike[str] | None = None,
    site: Site = Site(),
) -> dict[str, bytes]:
    """Every output of the pack built from ``frames`` as {relative path: bytes}, manifest included.

    ``reuse`` names an earlier pack: a chart file of it is taken as it is, not drawn again, when
    its manifest records the same input digest for it and the file still has its recorded sha256.
    Everything else (other charts, briefing, workbook, alt text, site) is rendered from ``frames``.
    ``progress(done, total)`` counts the figures drawn.
    """
    from poppy.publish.charts import CHARTS

    options.validate()
    inputs = chart_inputs(frames, options)
    kept = _reusable(Path(reuse), inputs) if reuse is not None else {}
    tasks = sorted(
        (
            (chart, lang, size, todo)
            for chart in CHARTS
            for lang in options.langs
            for size in options.sizes
            if (todo := tuple(f for f in options.formats if _chart_path(chart, lang, size, f) not in kept))
        ),
        key=_cost,
        reverse=True,
    )
    site_tasks = [("spec", chart, lang) for chart in CHARTS for lang in options.langs]
    pages = _notebook_pages(frames, options, site)
    kept_pages = _reusable(Path(reuse), pages) if reuse is not None else {}
    to_make = [(name, data) for name, data in site.notebooks if not _all_kept(name, options, kept_pages)]

    def notebooks() -> dict[str, tuple[str, str]]:  # in this process while the workers draw
        from poppy.publish.site.notebooks import render_notebook

        return {name: render_notebook(data) for name, data in to_make}

    drawn, prepared, cheap, rendered = _render_charts(
        frames, options, tasks, site_tasks, jobs, progress, notebooks
    )
    files = {path: kept[path] if path in kept else drawn[path] for path in inputs} | cheap[0]
    files |= _site(frames, options, site, files, cheap, prepared, rendered, kept_pages)
    record = {**_options_record(options), "site": site.record(), "package": package_hash(frames)}
    whole = digests.pack_digest(code_hash(), frames.data_hash, record)
    digest = inputs | pages
    files[MANIFEST] = _manifest(files, frames, options, site, {p: digest.get(p, whole) for p in files})
    return files


Cheap = tuple[dict[str, bytes], dict[tuple[str, str], tuple[str, str]], list, list]


def _site(
    frames: Frames,
    options: Options,
    site: Site,
    files: dict[str, bytes],
    cheap: Cheap,
    specs: dict,
    rendered: dict[str, tuple[str, str]],
    kept: dict[str, bytes],
) -> dict[str, bytes]:
    """site/: from the chart files and cheap outputs in ``files``, with the parts made already."""
    from poppy.publish.site import Publisher, site_files

    _, alt, figures, checks = cheap
    return site_files(
        frames,
        figures,
        checks,
        files,
        alt,
        files["briefing/poppy-briefing.xlsx"],
        dict(site.notebooks),
        options.langs,
        Publisher(site.publisher, site.publisher_url, site.site_url),
        specs={(k[1], k[2]): v for k, v in specs.items()},
        rendered=rendered,
        kept=kept,
    )


def _cheap_outputs(frames: Frames, options: Options) -> Cheap:
    """Briefing, workbook and alt text: rendered on every build (about a second), never reused.

    They read every table (the briefing names the data package hash), so a reuse test would
    cost as much as rendering them. Returned with what the site needs of them: the charts'
    (title, alt text) by (chart, language), the key figures and the claim checks.
    """
    from poppy.checks.claims import check_claims
    from poppy.publish.briefing import briefing_markdown, key_figures
    from poppy.publish.briefing_workbook import workbook_bytes
    from poppy.publish.charts import CHARTS

    alt = {}
    for chart, spec in CHARTS.items():
        for lang in options.langs:
            texts = spec.texts(frames, lang)  # what publish() puts on the chart, without drawing it
            alt[(chart, lang)] = (texts.title, texts.alt)
    figures, checks = key_figures(frames), check_claims(frames)
    md = briefing_markdown(figures, checks, alt, frames.sources, frames.data_hash, options.langs)
    files = {
        "briefing/briefing.md": md.encode(),
        "briefing/poppy-briefing.xlsx": workbook_bytes(frames, figures, checks, alt, options.langs),
    }
    for lang in options.langs:
        texts = {c: {"title": t, "alt_text": a} for (c, lg), (t, a) in sorted(alt.items()) if lg == lang}
        files[f"charts/{lang}/alt-text.json"] = (
            json.dumps(texts, ensure_ascii=False, indent=2) + "\n"
        ).encode()
    return files, alt, figures, checks


SiteTask = tuple[str, str, str]  # ("spec", chart, language)


def _site_work(task: SiteTask) -> tuple[SiteTask, dict]:
    """A slow part of the site that needs no chart file: a chart's Vega-Lite specification."""
    from poppy.publish.site import vega

    return task, vega.spec(task[1], _WORKER["frames"], task[2])


def _notebook_pages(frames: Frames, options: Options, site: Site) -> dict[str, str]:
    """The input digest of every notebook page, by path.

    It covers the notebook, the site's code and texts, the languages and the data version its
    footer names; not the data (a notebook page shows none of it).
    """
    from poppy.publish.site.pages import notebook_page

    record = {**_options_record(options), "site": site.record(), "version": frames.version}
    base = digests.pack_digest(code_hash(), "", record)
    return {
        notebook_page(name, lang): digests.file_digest(base, f"{lang}:{name}:{sha256_of(data)}")
        for name, data in site.notebooks
        for lang in options.langs
    }


def _all_kept(name: str, options: Options, kept: dict[str, bytes]) -> bool:
    from poppy.publish.site.pages import notebook_page

    return all(notebook_page(name, lang) in kept for lang in options.langs)


def _render_charts(
    frames: Frames,
    options: Options,
    tasks: list[Task],
    site_tasks: list[SiteTask],
    jobs: int | None,
    progress: Callable[[int, int], None] | None,
    meanwhile: Callable[[], T],
) -> tuple[dict[str, bytes], dict[SiteTask, dict], Cheap, T]:
    """The chart files of ``tasks`` drawn in ``jobs`` processes, the site's parts, the cheap outputs.

    The site's parts are ``_site_work``'s results by task. With workers, they take the site's
    parts first and then the figures, while this process renders the cheap outputs and runs
    ``meanwhile`` (the notebook pages), so no core is idle.
    """
    _init_worker(frames)
    jobs = min(jobs or min(2, os.cpu_count() or 1), len(tasks))
    drawn: dict[str, bytes] = {}
    with ExitStack() as stack:
        # multiprocessing.Pool, not ProcessPoolExecutor: leaving the block terminates the
        # workers at once, also on an exception or a signal, instead of waiting for queued charts.
        # fork: workers start in milliseconds with matplotlib, the catalogs and the frames already
        # loaded (spawn and forkserver import and unpickle them again in each worker).
        pool = _context().Pool(jobs, _init_worker, (frames, os.getpid())) if jobs > 1 else None
        if pool:
            stack.enter_context(pool)
        # imap_unordered hands out the next task to whichever worker is free, one at a time
        site = pool.imap_unordered(_site_work, site_tasks) if pool else map(_site_work, site_tasks)
        results = pool.imap_unordered(_render_figure, tasks) if pool else None
        cheap = _cheap_outputs(frames, options)
        extra = meanwhile()
        for i, res in enumerate(results if results is not None else map(_render_figure, tasks), 1):
            drawn |= res
            if progress:
                progress(i, len(tasks))
        prepared = dict(site)
    return drawn, prepared, cheap, extra


def _context() -> multiprocessing.context.BaseContext:
    """The fork start method where the platform has it (Linux), else the platform's default start method."""
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else None)


def _reusable(folder: Path, inputs: dict[str, str]) -> dict[str, bytes]:
    """The chart files of ``folder`` that need no drawing: same input digest, bytes as recorded."""
    manifest = _read_manifest(folder)
    recorded = manifest.get("inputs") if manifest else None
    if not isinstance(recorded, dict):
        return {}
    kept = {}
    for path, digest in inputs.items():
        target = folder / path
        if recorded.get(path) != digest or not target.is_file():  # is_file: not a FIFO that would block
            continue
        data = target.read_bytes()
        if sha256_of(data) == manifest["files"].get(path):  # a damaged or edited file is drawn again
            kept[path] = data
    return kept


def _options_record(options: Options) -> dict[str, list[str]]:
    return {"langs": list(options.langs), "formats": list(options.formats), "sizes": list(options.sizes)}


def _manifest(
    files: dict[str, bytes],
    frames: Frames,
    options: Options,
    site: Site,
    inputs: dict[str, str] | None = None,
) -> bytes:
    """The manifest: versions, code and data hashes, options, each file's sha256 and input digest."""
    from poppy.version import __version__

    manifest = {
        "poppy": __version__,
        "code_hash": code_hash(),
        "data_hash": frames.data_hash,
        "package_hash": package_hash(frames),
        "options": _options_record(options),
        "site": site.record(),
        "files": {path: sha256_of(files[path]) for path in sorted(files)},
        "inputs": {path: inputs[path] for path in sorted(files) if inputs and path in inputs},
    }
    return (json.dumps(manifest, indent=2, ensure_ascii=False) + "\n").encode()


def package_hash(frames: Frames) -> str:
    """sha256 of every published file of the data package (``Frames.files``).

    The descriptor (``data_hash``) pins the tables but not the changelog, which the site shows.
    """
    digest = hashlib.sha256()
    for name, data in sorted(frames.files.items()):
        digest.update(name.encode() + b"\0" + sha256_of(data).encode() + b"\0")
    return "sha256:" + digest.hexdigest()


def code_hash() -> str:
    """Hash of everything besides the data that shapes the output.

    It covers poppy's own files (code, style, catalogs, site templates) and the versions of the
    libraries that render: a change to any of them makes the pack stale.
    """
    return digests.code_hash()


def _read_manifest(folder: Path) -> dict | None:
    """The pack's manifest, or None when it is missing or not one poppy wrote.

    Anything malformed (not JSON, not UTF-8, another shape, a file path outside the pack)
    counts as no manifest: the pack is then stale and a build rewrites it.
    """
    path = folder / MANIFEST
    if not path.is_file():  # missing, or a FIFO that would block the read
        return None
    try:
        manifest = json.loads(path.read_bytes().decode("utf-8"))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError):  # ValueError: not JSON
        return None
    files, options = (manifest.get(k) if isinstance(manifest, dict) else None for k in ("files", "options"))
    good_files = isinstance(files, dict) and all(
        isinstance(p, str) and isinstance(d, str) and unsafe_path(p) is None for p, d in files.items()
    )
    good_options = isinstance(options, dict) and all(
        isinstance(options.get(k), list) and all(isinstance(x, str) for x in options[k])
        for k in ("langs", "formats", "sizes")
    )
    return manifest if good_files and good_options else None


def _current(folder: Path, frames: Frames, options: Options | None, site: Site) -> dict | None:
    """The pack's manifest if the pack is provably current (same code, data, options and bytes)."""
    manifest = _read_manifest(folder)
    if manifest is None:
        return None
    wanted = manifest.get("options") if options is None else _options_record(options)
    if (
        manifest.get("code_hash") != code_hash()
        or manifest.get("data_hash") != frames.data_hash
        or manifest.get("options") != wanted
        or manifest.get("site") != site.record()
        or manifest.get("package_hash") != package_hash(frames)
    ):
        return None
    for path, digest in manifest.get("files", {}).items():
        target = folder / path
        if not target.is_file() or sha256_of(target.read_bytes()) != digest:
            return None
    return manifest


def is_current(
    out: str | os.PathLike[str], frames: Frames, options: Options | None = None, site: Site = Site()
) -> bool:
    """Whether the pack in ``out`` is provably what a build would write (code, data, options, bytes).

    Without ``options`` the ones recorded in its manifest count.
    """
    return _current(Path(out).resolve(), frames, options, site) is not None


def build(
    out: str | os.PathLike[str],
    frames: Frames,
    options: Options = Options(),
    jobs: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    site: Site = Site(),
) -> Result:
    """Build the pack into ``out``: a complete new folder swapped in for the old one in one step.

    Other files in ``out`` (not written by poppy) are carried over unchanged, as are pack files
    an earlier build with other options wrote. Result lists the files whose bytes changed.
    """
    folder = Path(out).resolve()  # a symlinked --out keeps its link; its target is replaced
    here = Path.cwd().resolve()
    if folder == here or folder in here.parents:
        raise OptionError(
            f"--out {out}: is the current folder or one above it; the pack folder is replaced as a whole, "
            "so name a folder of its own"
        )
    if folder.exists() and not folder.is_dir():
        raise OptionError(f"--out {out}: is a file, not a folder")
    folder.parent.mkdir(parents=True, exist_ok=True)  # the lock and the staged pack live there
    with atomic.locked(folder):  # a second build of this folder stops here with one line
        current = _current(folder, frames, options.validate(), site)
        if current is not None:  # nothing changed: no rendering at all
            return Result(unchanged=[*current["files"], MANIFEST], manifest=current)
        files = render(frames, options, jobs, progress, reuse=folder, site=site)
        result = Result(manifest=json.loads(files[MANIFEST]))
        for path in [p for p in files if p != MANIFEST] + [MANIFEST]:
            target = folder / path
            same = target.is_file() and target.read_bytes() == files[path]
            (result.unchanged if same else result.written).append(path)
        result.removed = _obsolete(folder, files)
        if result.written or result.removed:
            drop = set(result.written) | set(result.removed)
            with atomic.replacing(folder, lambda staged: _stage(folder, staged, files, result.written, drop)):
                pass
    return result


def _obsolete(folder: Path, files: dict[str, bytes]) -> list[str]:
    """Files in the pack's site/ that this build does not make.

    site/ is poppy's alone: a page an earlier build made (another language, a removed notebook)
    would otherwise be published stale.
    """
    site = folder / "site"
    if not site.is_dir() or site.is_symlink():
        return []
    return sorted(
        path
        for p in site.rglob("*")
        if (p.is_file() or p.is_symlink()) and (path := p.relative_to(folder).as_posix()) not in files
    )


def _stage(folder: Path, staged: Path, files: dict[str, bytes], written: list[str], drop: set[str]) -> None:
    """The new pack in ``staged``: the old folder (hard links) without ``drop``, ``written`` new."""
    if folder.is_dir():
        atomic.copy_tree(folder, staged, skip=drop.__contains__, link=True)
        for directory, _, _ in sorted(os.walk(staged / "site"), reverse=True):  # deepest first
            if not os.listdir(directory):  # emptied of dropped pages
                os.rmdir(directory)
    else:
        staged.mkdir(parents=True)
    for path in written:
        target = staged / path
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(target, "wb") as fh:  # a fresh file: never write through a link to the old pack
            fh.write(files[path])
            fh.flush()
            os.fsync(fh.fileno())


def stale(
    out: str | os.PathLike[str],
    frames: Frames,
    options: Options | None = None,
    jobs: int | None = None,
    site: Site = Site(),
) -> list[str]:
    """Paths in ``out`` that differ from a fresh build (missing ones included); [] when current.

    Without ``options`` the options recorded in the pack's manifest are used. Leftovers of an
    interrupted build (a half-built sibling folder, a stray temporary file) are listed too, as
    paths relative to ``out`` ('../.pack.poppy-new-1a2b3c4d'), so the pack is never "up to date"
    over them; the next build removes them.
    """
    folder = Path(out).resolve()
    left = [os.path.relpath(p, folder) for p in atomic.leftovers(folder)]
    if _current(folder, frames, options, site) is not None:
        return left
    if options is None:
        manifest = _read_manifest(folder)
        recorded = manifest["options"] if manifest else None
        options = (
            Options(*(tuple(recorded[k]) for k in ("langs", "formats", "sizes"))) if recorded else Options()
        )
    files = render(frames, options, jobs, reuse=folder, site=site)
    return (
        left
        + _obsolete(folder, files)
        + [
            p
            for p, b in sorted(files.items())
            if not (folder / p).is_file() or (folder / p).read_bytes() != b
        ]
    )


def terminal_progress(stream=sys.stderr) -> Callable[[int, int], None] | None:
    """A progress printer when ``stream`` is a terminal, else None (quiet in logs and CI)."""
    if not stream.isatty():
        return None

    def show(done: int, total: int) -> None:
        stream.write(f"\rpoppy build: charts {done}/{total}")
        if done == total:
            stream.write("\n")
        stream.flush()

    return show


def split_list(text: str) -> tuple[str, ...]:
    """'en, ru' -> ('en', 'ru')."""
    return tuple(part.strip() for part in text.split(",") if part.strip())
