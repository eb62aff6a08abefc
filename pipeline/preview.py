"""`toolkit preview`: the web page served on this computer only, rebuilt as its sources change.

The page is built in memory (nothing is written to output/). When the content, the settings or
the layouts change, it is built again and every open page reloads itself, keeping its place.
A build that fails is reported in the terminal and at the top of the page; the last good page
stays below the message, so the reader can go on using it.
"""

from __future__ import annotations

import errno
import html
import signal
import sys
import threading
import time
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TextIO

from .errors import ToolkitError, UsageError
from .formats import FORMATS
from .layouts import LAYOUTS
from .read.source import Sources, display_path, load

HOST = "127.0.0.1"  # this computer only: the preview is never on the network
PAGE_PATHS = {"/", "/index.html", f"/{FORMATS['html'].filename}"}
KEEPALIVE_SECONDS = 15

# Reloads the page when the server says a newer build is ready, and keeps the reader's place.
RELOAD_SCRIPT = """(function () {
  var meta = document.querySelector('meta[name="toolkit-preview"]');
  var shown = meta ? meta.getAttribute("content") : "";
  var key = "toolkit-preview-scroll";
  try {
    var y = sessionStorage.getItem(key);
    if (y !== null) { sessionStorage.removeItem(key); window.scrollTo(0, Number(y)); }
  } catch (e) {}
  var events = new EventSource("/events");
  events.onmessage = function (event) {
    if (event.data === shown) return;
    try { sessionStorage.setItem(key, String(window.scrollY)); } catch (e) {}
    location.reload();
  };
})();
"""

BANNER_STYLE = """
.preview-error { background: #fde8e8; border-bottom: 6px solid #a4262c; color: #0b0c0c;
  padding: 1rem 1.5rem; font-family: Arial, sans-serif; }
.preview-error p { margin: 0 0 0.5rem; max-width: 60rem; }
.preview-error pre { white-space: pre-wrap; font: 700 1rem/1.4 monospace; margin: 0.5rem 0; }
"""


@dataclass
class PreviewState:
    """The last good page, the problems of the latest build, and a number for each build."""

    page: str | None = None
    problems: list[str] = field(default_factory=list)
    generation: int = 0
    changed: threading.Condition = field(default_factory=threading.Condition)

    def publish(self, page: str | None, problems: list[str]) -> None:
        with self.changed:
            if page is not None:
                self.page = page
            self.problems = problems
            self.generation += 1
            self.changed.notify_all()

    def wait_for_build_after(self, generation: int, timeout: float) -> int:
        with self.changed:
            self.changed.wait_for(lambda: self.generation != generation, timeout)
            return self.generation

    def served_page(self) -> str:
        with self.changed:
            page, problems, generation = self.page, list(self.problems), self.generation
        marker = f'<meta name="toolkit-preview" content="{generation}">'
        if page is None:
            return error_page(problems, marker)
        page = page.replace("<head>", f"<head>\n{marker}", 1)
        if problems:
            page = insert_after_body_tag(page, banner(problems))
        return page


def banner(problems: list[str]) -> str:
    items = "\n".join(html.escape(problem) for problem in problems)
    return (
        '<div class="preview-error" role="alert">'
        "<p><strong>The last change could not be built.</strong> Below is the last good "
        "version of the page. Fix the problem and save: the page updates by itself.</p>"
        f"<pre>{items}</pre></div>"
    )


def insert_after_body_tag(page: str, fragment: str) -> str:
    start = page.find("<body")
    end = page.find(">", start) + 1 if start != -1 else 0
    return page[:end] + fragment + page[end:]


def error_page(problems: list[str], marker: str) -> str:
    """What is served when no build has worked yet."""
    return (
        '<!DOCTYPE html>\n<html lang="en-GB">\n<head>\n<meta charset="utf-8">\n'
        f"{marker}\n<title>Preview: the toolkit could not be built</title>\n"
        f"<style>{BANNER_STYLE}</style>\n</head>\n<body>\n<main>\n"
        f"{banner(problems)}\n</main>\n<script>{RELOAD_SCRIPT}</script>\n</body>\n</html>\n"
    )


# ---- building -----------------------------------------------------------------------------


def build_page(sources: Sources) -> str:
    from .render.html_page import PageExtras, page_html

    document = load(sources).document
    extras = PageExtras(script=RELOAD_SCRIPT, style=BANNER_STYLE, connect=True)
    return page_html(document, extras)


class Builder:
    """Builds the page into the state and tells the terminal how it went."""

    def __init__(self, sources: Sources, state: PreviewState, out: TextIO, err: TextIO) -> None:
        self.sources, self.state, self.out, self.err = sources, state, out, err

    def build(self, reason: str) -> bool:
        started = time.perf_counter()
        try:
            page = build_page(self.sources)
        except ToolkitError as error:
            problems = [str(problem) for problem in error.problems]
        except Exception as error:  # a bug must not stop the preview; show it and go on
            traceback.print_exc(file=self.err)
            problems = [f"Unexpected error while building: {error!r}"]
        else:
            self.state.publish(page, [])
            seconds = time.perf_counter() - started
            say(self.out, f"{_clock()} built the page{reason} ({seconds:.1f} s)")
            return True
        self.state.publish(None, problems)
        for problem in problems:
            say(self.err, problem)
        kept = "the page shows the last good build" if self.state.page else "no page yet"
        say(self.err, f"{_clock()} the build failed{reason}; {kept}.")
        return False


def _clock() -> str:
    return time.strftime("%H:%M:%S")


def say(stream: TextIO, text: str) -> None:
    print(text, file=stream, flush=True)


def watched_paths(sources: Sources) -> list[Path]:
    """The content folder (source and images), the settings and the layouts, without overlaps."""
    candidates = [sources.source.parent, sources.settings, LAYOUTS]
    if sources.meeting_file:
        candidates.append(sources.meeting_file)
    paths: list[Path] = []
    for path in (p.resolve() for p in candidates):
        if path.exists() and not any(path.is_relative_to(kept) for kept in paths):
            paths = [kept for kept in paths if not kept.is_relative_to(path)] + [path]
    return paths


WAKE_MS = 200  # how often the watcher wakes when nothing changes


def watch_and_rebuild(
    watch: Callable[..., Iterator[set[tuple[object, str]]]],
    builder: Builder,
    paths: list[Path],
    stop: threading.Event,
    armed: threading.Event,
) -> None:
    """Rebuild after every change; `armed` is set once the watcher is in place. Its first empty
    report, after WAKE_MS without a change, is the only sign watchfiles gives of that."""
    for changes in watch(
        *paths, stop_event=stop, raise_interrupt=False, rust_timeout=WAKE_MS, yield_on_timeout=True
    ):
        armed.set()
        if not changes:
            continue
        changed = {Path(path) for _, path in changes}
        # Editors save through temporary files that are gone by now: name the files that stay.
        names = sorted(display_path(path) for path in changed if path.exists()) or ["a file"]
        builder.build(f" after a change to {', '.join(names)}")


# ---- serving ------------------------------------------------------------------------------


def handler_for(state: PreviewState, stop: threading.Event) -> type[BaseHTTPRequestHandler]:
    class PreviewHandler(BaseHTTPRequestHandler):
        server_version = "toolkit-preview"

        def do_GET(self) -> None:
            path = self.path.split("?")[0]
            if path in PAGE_PATHS:
                self.send_text(200, "text/html", state.served_page())
            elif path == "/events":
                self.send_events()
            else:
                self.send_text(
                    404,
                    "text/plain",
                    "The preview serves only the web page, at /.\n"
                    "Build the other formats with: toolkit build\n",
                )

        def send_text(self, status: int, kind: str, text: str) -> None:
            data = text.encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", f"{kind}; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(data)

        def send_events(self) -> None:
            """Server-sent events: the build number now, then each new one as it happens."""
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            generation = state.generation
            try:
                self.wfile.write(f"data: {generation}\n\n".encode())
                self.wfile.flush()
                while not stop.is_set():
                    newer = state.wait_for_build_after(generation, KEEPALIVE_SECONDS)
                    message = f"data: {newer}\n\n" if newer != generation else ": still here\n\n"
                    generation = newer
                    self.wfile.write(message.encode())
                    self.wfile.flush()
            except (BrokenPipeError, ConnectionResetError):
                pass  # the page was closed or reloaded

        def log_message(self, format: str, *args: object) -> None:
            pass  # the terminal reports builds, not every request

    return PreviewHandler


class PreviewServer(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False


def start_server(port: int, handler: type[BaseHTTPRequestHandler]) -> PreviewServer:
    try:
        return PreviewServer((HOST, port), handler)
    except OSError as error:
        if error.errno == errno.EADDRINUSE:
            raise UsageError(
                f"Port {port} is already in use. Choose another with --port, e.g. --port 8001."
            ) from None
        raise


def _stop_on_terminate() -> None:
    """Stop cleanly on Ctrl+C and on SIGTERM (e.g. when a test or a service stops it). Ctrl+C
    is set again because a process started in the background of a script inherits SIGINT
    ignored, and "Press Ctrl+C to stop" must stay true."""

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, signal.default_int_handler)
        signal.signal(signal.SIGTERM, interrupt)


def serve(
    sources: Sources,
    port: int,
    out: TextIO = sys.stdout,
    err: TextIO = sys.stderr,
) -> int:
    """Build, serve on 127.0.0.1 and rebuild on every change, until Ctrl+C."""
    try:
        from watchfiles import watch
    except ImportError:
        raise UsageError(
            "toolkit preview needs the Python package watchfiles: pip install watchfiles"
        ) from None
    _stop_on_terminate()
    state = PreviewState()
    stop = threading.Event()
    server = start_server(port, handler_for(state, stop))
    url = f"http://{HOST}:{server.server_address[1]}/"
    builder = Builder(sources, state, out, err)
    paths = watched_paths(sources)
    armed = threading.Event()
    watcher = threading.Thread(
        target=watch_and_rebuild,
        args=(watch, builder, paths, stop, armed),
        name="watcher",
        daemon=True,
    )
    watcher.start()
    # Watch first, then build: an edit made while the page is first built is not missed. No
    # time limit, which a busy computer could exceed: only a watcher that failed is not awaited.
    while not armed.wait(timeout=WAKE_MS / 1000) and watcher.is_alive():
        pass
    builder.build("")
    say(out, f"Previewing the toolkit at {url} (this computer only). Press Ctrl+C to stop.")
    say(out, f"Watching {', '.join(display_path(p) for p in paths)} for changes.")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        say(out, "Preview stopped.")
    finally:
        stop.set()
        with state.changed:
            state.changed.notify_all()
        server.server_close()
    return 0
