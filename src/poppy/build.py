"""``poppy build``: the whole press pack (charts, briefing, workbook, manifest) from data/.

Recipe: take the out folder's lock -> take the loaded, validated Frames -> render every output
in memory (both cores) -> compare with what is on disk -> stage the complete new pack beside
the old one (unchanged and foreign files hard-linked, changed ones written) -> swap it in as a
whole (poppy.atomic). A failure or kill at any point leaves the previous pack whole.

Workers die with the build: each asks Linux for SIGKILL when its parent dies
(``prctl(PR_SET_PDEATHSIG)``), ignores SIGINT (the parent handles it) and is terminated when
the parent stops for any reason.
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import sys
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass, field
from multiprocessing import Pool
from pathlib import Path

from poppy import atomic
from poppy.datapackage import sha256_of
from poppy.errors import OptionError
from poppy.frames import Frames
from poppy.i18n import ALL_LANGS, LANGS
from poppy.profile import unsafe_path

MANIFEST = "manifest.json"
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
        from poppy.sizes import FORMATS, SIZES

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

    ``notebooks`` maps a notebook's file name to its bytes (pages show their stored outputs);
    ``publisher``/``publisher_url`` name the organisation in each ClaimReview's ``author`` and
    ``site_url`` is where site/ will be published (ClaimReview's absolute ``url``).
    """

    notebooks: tuple[tuple[str, bytes], ...] = ()
    publisher: str = ""
    publisher_url: str = ""
    site_url: str = ""

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


#: The frames a worker process renders from (set once per worker by its initializer).
_WORKER: dict[str, Frames] = {}


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


def _render_chart(task: tuple[str, str, str, tuple[str, ...]]) -> dict[str, bytes | tuple[str, str]]:
    """Render one chart in one language and size, in every format."""
    from poppy.charts import publish

    chart, lang, size, formats = task
    pub = publish(chart, _WORKER["frames"], lang, size)
    out: dict[str, bytes | tuple[str, str]] = {
        f"charts/{lang}/{size}/{chart}.{fmt}": pub.to_bytes(fmt) for fmt in formats
    }
    out[f"alt:{chart}:{lang}"] = (pub.title, pub.alt_text)
    return out


def render(
    frames: Frames,
    options: Options = Options(),
    jobs: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    site: Site = Site(),
) -> dict[str, bytes]:
    """Every output of the pack built from ``frames`` as {relative path: bytes}, manifest included."""
    from poppy.briefing import briefing_markdown, key_figures, workbook_bytes
    from poppy.claims import check_claims
    from poppy.site import Publisher, site_files

    options.validate()
    files, alt = _render_charts(frames, options, jobs, progress)
    figures, checks = key_figures(frames), check_claims(frames)
    md = briefing_markdown(figures, checks, alt, frames.sources, frames.data_hash, options.langs)
    files["briefing/briefing.md"] = md.encode()
    workbook = workbook_bytes(frames, figures, checks, alt, options.langs)
    files["briefing/poppy-briefing.xlsx"] = workbook
    for lang in options.langs:
        texts = {c: {"title": t, "alt_text": a} for (c, lg), (t, a) in sorted(alt.items()) if lg == lang}
        files[f"charts/{lang}/alt-text.json"] = (
            json.dumps(texts, ensure_ascii=False, indent=2) + "\n"
        ).encode()
    publisher = Publisher(site.publisher, site.publisher_url, site.site_url)
    notebooks = dict(site.notebooks)
    files |= site_files(frames, figures, checks, files, alt, workbook, notebooks, options.langs, publisher)
    files[MANIFEST] = _manifest(files, frames, options, site)
    return files


def _render_charts(
    frames: Frames, options: Options, jobs: int | None, progress: Callable[[int, int], None] | None
) -> tuple[dict[str, bytes], dict[tuple[str, str], tuple[str, str]]]:
    """Chart files by path, and (title, alt text) by (chart, language); in ``jobs`` processes."""
    from poppy.charts import CHARTS

    _init_worker(frames)
    tasks = [
        (c, lang, size, options.formats) for c in CHARTS for lang in options.langs for size in options.sizes
    ]
    jobs = jobs or min(2, os.cpu_count() or 1)
    files: dict[str, bytes] = {}
    alt: dict[tuple[str, str], tuple[str, str]] = {}
    with ExitStack() as stack:
        # multiprocessing.Pool, not ProcessPoolExecutor: leaving the block terminates the
        # workers at once, also on an exception or a signal, instead of waiting for queued charts
        pool = Pool(jobs, _init_worker, (frames, os.getpid())) if jobs > 1 else None
        run = stack.enter_context(pool).imap if pool else map  # --jobs 1: in this process
        for i, res in enumerate(run(_render_chart, tasks), 1):
            for key, value in res.items():
                if key.startswith("alt:"):
                    _, chart, lang = key.split(":")
                    alt[(chart, lang)] = value  # type: ignore[assignment]
                else:
                    files[key] = value  # type: ignore[assignment]
            if progress:
                progress(i, len(tasks))
    return files, alt


def _manifest(files: dict[str, bytes], frames: Frames, options: Options, site: Site) -> bytes:
    from poppy import __version__

    manifest = {
        "poppy": __version__,
        "code_hash": code_hash(),
        "data_hash": frames.data_hash,
        "options": {
            "langs": list(options.langs),
            "formats": list(options.formats),
            "sizes": list(options.sizes),
        },
        "site": site.record(),
        "files": {path: sha256_of(files[path]) for path in sorted(files)},
    }
    return (json.dumps(manifest, indent=2, ensure_ascii=False) + "\n").encode()


def code_hash() -> str:
    """Hash of everything besides the data that shapes the output.

    It covers poppy's own files (code, style, catalogs) and the versions of the libraries that
    render: a change to any of them makes the pack stale.
    """
    from importlib.metadata import version

    digest = hashlib.sha256()
    package = Path(__file__).parent
    shaping = (".py", ".mplstyle", ".po", ".html", ".css", ".js")  # .html/.css/.js: the site's
    for path in sorted(p for p in package.rglob("*") if p.suffix in shaping):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    libraries = ("matplotlib", "pandas", "openpyxl", "pillow", "altair", "Jinja2", "nbconvert")
    digest.update(" ".join(version(lib) for lib in libraries).encode())
    return "sha256:" + digest.hexdigest()


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
    wanted = manifest.get("options")
    if options is not None:
        wanted = {
            "langs": list(options.langs),
            "formats": list(options.formats),
            "sizes": list(options.sizes),
        }
    if (
        manifest.get("code_hash") != code_hash()
        or manifest.get("data_hash") != frames.data_hash
        or manifest.get("options") != wanted
        or manifest.get("site") != site.record()
    ):
        return None
    for path, digest in manifest.get("files", {}).items():
        target = folder / path
        if not target.is_file() or sha256_of(target.read_bytes()) != digest:
            return None
    return manifest


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
        files = render(frames, options, jobs, progress, site)
        result = Result(manifest=json.loads(files[MANIFEST]))
        for path in [p for p in files if p != MANIFEST] + [MANIFEST]:
            target = folder / path
            same = target.is_file() and target.read_bytes() == files[path]
            (result.unchanged if same else result.written).append(path)
        if result.written:
            with atomic.replacing(folder, lambda staged: _stage(folder, staged, files, result.written)):
                pass
    return result


def _stage(folder: Path, staged: Path, files: dict[str, bytes], written: list[str]) -> None:
    """The new pack in ``staged``: the old folder (hard links), with the ``written`` files new."""
    if folder.is_dir():
        atomic.copy_tree(folder, staged, skip=set(written).__contains__, link=True)
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
    files = render(frames, options, jobs, site=site)
    return left + [
        p for p, b in sorted(files.items()) if not (folder / p).is_file() or (folder / p).read_bytes() != b
    ]


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
