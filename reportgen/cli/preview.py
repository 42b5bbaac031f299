"""``reportgen preview REPORT``: the web edition on a local server, rebuilt on every save.

An analyst edits a data file and sees the result in the open browser tab within a second or two,
instead of waiting for a PDF build and reopening a viewer. The rebuild is in-process and only
what the page needs (analyse, model, HTML writer: a few tenths of a second). Files are watched
with ``watchfiles`` (inotify / FSEvents / ReadDirectoryChangesW through the Rust ``notify``
crate, with debouncing built in and a stop event a thread can honour). The served page carries a
small script, never present in a built edition, that listens to the server's event stream
(Server-Sent Events) and reloads when the version changes. An invalid edit shows the
``path: field: problem`` lines in the page and the server keeps running; the next valid save
shows the report again. The server listens on 127.0.0.1 only unless ``--host`` says otherwise.
Ctrl-C (or SIGTERM) stops the watcher and the server and exits 0.
"""

from __future__ import annotations

import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import click

from reportgen.cli import EXIT_FAILED, EXIT_INTERRUPTED, Context, handle_errors, languages_option, main, raise_interrupt
from reportgen.errors import BuildError, Problem, ReportError

if TYPE_CHECKING:  # http.server is imported by `preview` only, not by every command
    from http.server import BaseHTTPRequestHandler

LOCAL = "127.0.0.1"
IMAGES = (".png", ".jpg", ".jpeg")
TABLES = (".csv", ".xlsx")  # table files of a report's sections and dimensions
# What a report, a variants file or a template is made of; not editors' temp files.
INPUTS = (".yaml", ".yml", ".j2", ".css", *TABLES, *IMAGES)
IDLE = 300  # ms without changes after which the watcher reports in (the first time: it is running)
READY_WAIT = 10.0  # seconds to wait for the watcher to start before giving out the URL anyway
KEEPALIVE = 10.0  # seconds between comments on an idle event stream (finds closed tabs)
RELOAD_SCRIPT = """(function () {
  var served = %s;
  var events = new EventSource("/events");
  events.onmessage = function (event) { if (event.data !== served) { events.close(); location.reload(); } };
})();"""


@dataclass(frozen=True)
class Inputs:
    """What the preview builds from, and so watches."""

    folder: Path
    data_dir: Path
    variant: str | None
    variants_file: Path | None
    lang: str | None
    brand: Path | None = None  # --brand

    def brand_path(self) -> Path:
        from reportgen.data.brand_files import find_brand

        return find_brand(self.folder, self.data_dir, self.brand)

    def variants_path(self) -> Path | None:
        from reportgen.builder.variants import variants_file

        return variants_file(self.variants_file, self.data_dir) if self.variant else None

    def variant_files(self) -> tuple[Path | None, Path | None]:
        """The variant's own brand file and its logo as its variants file names them (read as far
        as that, without validating it: an invalid file is the rebuild's to show), or None."""
        from reportgen.data.brand_files import parsed

        variants = self.variants_path()
        if variants is None:
            return None, None
        every = parsed(variants).get("variants")
        spec = every.get(self.variant) if isinstance(every, dict) else None
        named = [spec.get(key) if isinstance(spec, dict) else None for key in ("brand", "logo")]
        brand, logo = (variants.parent / n if isinstance(n, str) else None for n in named)
        return brand, logo

    def watched(self) -> list[Path]:
        """Folders to watch: the report, the variants file's folder, the brand files', the writer's templates."""
        from reportgen.writers.html.page import TEMPLATES_DIR

        variants = self.variants_path()
        own = self.variant_files()[0]
        folders = [self.folder, TEMPLATES_DIR, self.brand_path().parent] + [f.parent for f in (variants, own) if f is not None]
        return [f.resolve() for f in dict.fromkeys(folders) if f.is_dir()]

    def brand_files(self) -> set[Path]:
        """The brand files worn (the report's, the variant's own) and every file they name (fonts,
        logos, a template), and the variant's logo: an edit of any, whatever its suffix, rebuilds."""
        from reportgen.data.brand_files import named_files, parsed

        own, logo = self.variant_files()
        found = {logo.resolve()} if logo is not None else set()
        for brand in (self.brand_path(), *([own] if own is not None else [])):
            found |= {brand.resolve(), *((brand.parent / written).resolve() for _, written in named_files(parsed(brand)))}
        return found

    def relevant(self, path: Path) -> bool:
        """A change under the report or the templates, to a brand file worn or a file it names, to
        the variant's logo, or to the variants file or an image beside it (logos are relative to it)."""
        from reportgen.writers.html.page import TEMPLATES_DIR

        path = path.resolve()
        if path in self.brand_files():
            return True
        if path.suffix.lower() not in INPUTS:
            return False
        if path.is_relative_to(self.folder.resolve()) or path.is_relative_to(TEMPLATES_DIR.resolve()):
            return True
        variants = self.variants_path()
        if variants is None:
            return False
        return path == variants.resolve() or (path.suffix.lower() in IMAGES and path.is_relative_to(variants.parent.resolve()))

    def snapshot(self) -> dict[Path, tuple[int, int]]:
        """Size and modification time of every input file: what a save before the watcher
        started would change."""
        files = [p for folder in self.watched() for p in folder.rglob("*") if p.is_file() and self.relevant(p)]
        return {p: (p.stat().st_size, p.stat().st_mtime_ns) for p in sorted(set(files))}


def build_page(inputs: Inputs, version: int) -> tuple[bytes, list[Problem]]:
    """The page for ``version``: the edition (as the build makes it, ``builder.editions``) and the
    warnings its language and brand give, or the problems that stop it being built."""
    from reportgen.builder.editions import edition
    from reportgen.data.brand import house_brand
    from reportgen.writers import html

    script = RELOAD_SCRIPT % f'"{version}"'
    try:
        report, warnings = edition(str(inputs.folder), inputs.data_dir, inputs.variant, inputs.variants_file, inputs.lang, inputs.brand)
        return html.render(report, live_script=script), warnings
    except ReportError as exc:
        problems = exc.problems
    except BuildError as exc:
        problems = [Problem(str(inputs.folder), "", str(exc))]
    except Exception as exc:  # a bug must not stop the preview: shown like a problem, fixed, saved, gone
        problems = [Problem(str(inputs.folder), "", f"internal error: {type(exc).__name__}: {exc}")]
    lines = [str(p) for p in problems]
    hint = "Fix the file and save it: this page shows the report again by itself."
    return html.render_problems("The report cannot be built", hint, lines, house_brand().colours, live_script=script), problems


class Live:
    """The page being served and its version; the watcher replaces it, event streams wait on it."""

    def __init__(self, build: Callable[[int], tuple[bytes, list[Problem]]]):
        self._build = build
        self._changed = threading.Condition()
        self.version = 0
        self.page = b""
        self.stopping = False

    def rebuild(self) -> tuple[list[Problem], float]:
        started = time.perf_counter()
        page, problems = self._build(self.version + 1)
        with self._changed:
            self.page, self.version = page, self.version + 1
            self._changed.notify_all()
        return problems, time.perf_counter() - started

    def wait(self, seen: int, timeout: float) -> int:
        """The version once it differs from ``seen`` (or after ``timeout``, or on stop)."""
        with self._changed:
            self._changed.wait_for(lambda: self.version != seen or self.stopping, timeout)
            return self.version

    def stop(self) -> None:
        with self._changed:
            self.stopping = True
            self._changed.notify_all()


def handler_for(live: Live) -> type[BaseHTTPRequestHandler]:
    from http.server import BaseHTTPRequestHandler

    class Handler(BaseHTTPRequestHandler):
        """``/`` is the page, ``/events`` the stream of versions; nothing else is served."""

        def do_GET(self) -> None:
            if self.path == "/":
                self._send(200, "text/html; charset=utf-8", live.page)
            elif self.path == "/events":
                self._events()
            else:
                self._send(404, "text/plain; charset=utf-8", b"not found\n")

        def _send(self, status: int, kind: str, body: bytes) -> None:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.send_header("X-Content-Type-Options", "nosniff")
            self.end_headers()
            self.wfile.write(body)

        def _events(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            seen = -1
            try:
                while not live.stopping:
                    version = live.wait(seen, KEEPALIVE)
                    self.wfile.write(f"data: {version}\n\n".encode() if version != seen else b": idle\n\n")
                    self.wfile.flush()
                    seen = version
            except (BrokenPipeError, ConnectionResetError):
                pass  # the tab was closed or reloaded

        def log_message(self, format: str, *args: object) -> None:
            pass  # one line per rebuild is what the analyst wants to see, not every request

    return Handler


def watch(inputs: Inputs, stop: threading.Event) -> Iterator[list[Path]]:
    """Each batch of relevant changed paths until ``stop`` is set, and an empty one every
    ``IDLE`` ms without changes: the first of those says the watcher is running."""
    from watchfiles import watch as changes

    for batch in changes(*inputs.watched(), stop_event=stop, rust_timeout=IDLE, yield_on_timeout=True):
        yield sorted({Path(p) for _, p in batch if inputs.relevant(Path(p))})


def _report(problems: list[Problem], seconds: float, live: Live) -> None:
    errors = [p for p in problems if p.severity != "warning"]
    for p in problems:
        click.echo(f"{p.severity}: {p}", err=True)
    if errors:
        click.echo(f"invalid input: showing {len(errors)} problem(s) in the page", err=True)
    else:
        click.echo(f"rebuilt in {seconds:.2f}s (version {live.version})")


@main.command()
@click.argument("report")
@click.option("--lang", default=None, metavar="LANG", help="Edition language: en, es or pt-BR (default: the data's).")
@click.option("--variant", default=None, help="Client variant to show (from the variants file).")
@click.option("--variants", "variants_file", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Variants file (default: <data-dir>/variants.yaml).")
@click.option("--brand", "brand_file", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Brand file (_brand.yml) to wear (default: the report folder's, else the data dir's, else the house brand).")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="Port to listen on; 0 picks a free one.")
@click.option("--host", default=LOCAL, show_default=True, help="Interface to listen on; only this machine unless you name another.")
@click.pass_obj
@handle_errors
def preview(obj: Context, report: str, lang: str | None, variant: str | None, variants_file: Path | None, brand_file: Path | None,
            port: int, host: str) -> None:
    """Serve the web edition of REPORT and rebuild it on every save of its data, variants or templates.

    The open page reloads by itself; an invalid edit shows its problems in the page until the
    next valid save. Ctrl-C stops the server.
    """
    from reportgen.data.load import resolve_report

    chosen = languages_option(lang)
    if len(chosen) > 1:
        raise click.BadParameter("one language at a time", param_hint="--lang")
    lang = chosen[0] if chosen else None
    inputs = Inputs(resolve_report(report, obj.data_dir), obj.data_dir, variant, variants_file, lang, brand_file)
    live = Live(lambda version: build_page(inputs, version))
    built = inputs.snapshot()
    try:
        _report(*live.rebuild(), live)
    except KeyboardInterrupt:
        sys.exit(EXIT_INTERRUPTED)
    try:
        from http.server import ThreadingHTTPServer

        server = ThreadingHTTPServer((host, port), handler_for(live))
    except OSError as exc:
        click.echo(f"error: cannot listen on {host}:{port}: {exc.strerror or exc} (choose another with --port)", err=True)
        sys.exit(EXIT_FAILED)
    server.daemon_threads = False  # server_close() waits for every request, event streams included
    stop, ready = threading.Event(), threading.Event()
    # Daemon threads only as a safety net: they are stopped and joined below in any case.
    serving = threading.Thread(target=server.serve_forever, name="preview-server", daemon=True)
    watching = threading.Thread(target=_watch_loop, args=(inputs, stop, live, built, ready), name="preview-watcher", daemon=True)
    signal.signal(signal.SIGTERM, raise_interrupt)
    try:
        serving.start()
        watching.start()
        ready.wait(READY_WAIT)  # edits are seen from here on: only now is the URL given out
        click.echo(f"previewing {inputs.folder} at http://{host}:{server.server_address[1]}/ (Ctrl-C to stop)")
        if host != LOCAL:
            click.echo(f"warning: listening on {host}: other machines may be able to open the preview", err=True)
        while watching.is_alive():
            watching.join(0.5)
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        live.stop()
        if serving.ident is not None:  # shutdown() waits for serve_forever, which must have been started
            server.shutdown()
        server.server_close()
        for thread in (watching, serving):
            if thread.ident is not None:
                thread.join()
    click.echo("preview stopped")


def _watch_loop(inputs: Inputs, stop: threading.Event, live: Live, built: dict, ready: threading.Event) -> None:
    """Rebuild on every batch of changes. Once the watcher runs, the inputs are compared with
    those of the first build, so a save made while it was starting is not lost."""
    for paths in watch(inputs, stop):
        if not ready.is_set():
            ready.set()
            now = inputs.snapshot()
            paths = sorted(set(paths) | {p for p in now.keys() | built.keys() if now.get(p) != built.get(p)})
        if paths:
            click.echo("changed: " + ", ".join(p.name for p in paths[:3]) + (f" (+{len(paths) - 3} more)" if len(paths) > 3 else ""))
            _report(*live.rebuild(), live)
