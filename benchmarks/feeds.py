"""Speed report of the feeds (issue "Feeds", section Speed).

Run with ``.venv/bin/python benchmarks/feeds.py`` (``--quick`` for a short smoke run). A report, not a
test: it always exits 0 and prints a MISS line for every target it misses.

In one run, on loopback:

* a temporary SQLite database gets the demo school (``prakat demo``, which also writes its feeds);
* for each server (uvicorn and granian, one worker each), two subprocesses on free ports: the full
  Prakat app (``prakat.app:create_app``) and a minimal Litestar app returning the same bytes of the
  main RSS feed (50 entries) from memory, with the same ETag and Last-Modified and a 304 on a
  matching If-None-Match (``minimal_app`` below);
* each is loaded with wrk (16 connections) for 200s and for 304s (If-None-Match), alternating the
  two apps back to back in alternating order, so drift on a shared machine hits both alike.
  Printed: the median req/s and p50/p99 latency over the rounds, and the median of the rounds'
  ratios full/minimal. Targets: ratio ≥ 0.8 for 200 and 304,
  full app p99 < 15 ms;
* gzip (Accept-Encoding: gzip), for information: the full app sends the bytes compressed when the
  feed was built; the minimal app compresses per request with Litestar's app-wide
  ``CompressionConfig`` (what applying it to the whole app would cost);
* the files in ``feeds/`` against what the full app serves, every feed and archive page, plain and
  gzip: they must be byte-identical;
* which server wins for the feed endpoint;
* for scale, when nginx is installed: nginx serving the same file from ``feeds/`` (not a target).

wrk comes from Debian: when it is missing and this runs as root, ``apt-get install -y wrk`` is run
first; otherwise a small asyncio HTTP/1.1 client written here takes its place (slower, so its
absolute figures are lower; the ratios still compare like with like).

Options: ``--quick``, ``--seconds S`` (per load), ``--rounds N``, ``--connections C`` (16),
``--servers uvicorn,granian``, ``--no-nginx``.
"""

from __future__ import annotations

import argparse
import asyncio
import http.client
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT / "src") not in sys.path:  # run from a checkout without an installed package
    sys.path.insert(0, str(ROOT / "src"))

from litestar import Litestar, Request, Response, get  # noqa: E402
from litestar.config.compression import CompressionConfig  # noqa: E402

SLUG = "demo"
FEED_PATH = f"/s/{SLUG}/feeds/announcements.rss"
BASE_URL = "http://127.0.0.1:8000"  # written into the feeds; the same for every server started here
TARGET_RATIO = 0.8
TARGET_P99_MS = 15.0


# ---------------------------------------------------------------------------------------------
# The minimal app (started by the servers through its factory)


def minimal_app() -> Litestar:
    """The same bytes from memory, as plainly as Litestar allows: the yardstick."""
    data = Path(os.environ["PRAKAT_BENCH_FEED"]).read_bytes()
    etag = os.environ["PRAKAT_BENCH_ETAG"]
    headers = {
        "etag": etag,
        "last-modified": os.environ["PRAKAT_BENCH_LAST_MODIFIED"],
        "cache-control": "public, max-age=300",
    }

    @get(FEED_PATH, sync_to_thread=False)
    def feed(request: Request) -> Response[bytes]:  # type: ignore[type-arg]
        if request.headers.get("if-none-match") == etag:
            return Response(content=b"", status_code=304, headers=headers)
        return Response(content=data, media_type="application/rss+xml; charset=utf-8", headers=headers)

    compress = os.environ.get("PRAKAT_BENCH_COMPRESS") == "1"
    return Litestar([feed], compression_config=CompressionConfig(backend="gzip") if compress else None)


# ---------------------------------------------------------------------------------------------
# Processes


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def command(server: str, target: str, port: int) -> list[str]:
    if server == "uvicorn":
        return [
            sys.executable,
            "-m",
            "uvicorn",
            "--factory",
            target,
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--log-level",
            "warning",
            "--no-access-log",
        ]
    return [
        sys.executable,
        "-m",
        "granian",
        "--interface",
        "asgi",
        "--factory",
        target,
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--workers",
        "1",
        "--log-level",
        "warning",
        "--no-access-log",
    ]


class Server:
    def __init__(self, server: str, target: str, env: dict[str, str], log: Path) -> None:
        self.port = free_port()
        self.log = log.open("wb")
        self.process = subprocess.Popen(
            command(server, target, self.port),
            cwd=ROOT / "benchmarks",  # the minimal app's module is importable from here
            env={**env, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT / "benchmarks")])},
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )

    def wait(self, path: str) -> None:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"a server exited early; see {self.log.name}")
            try:
                status, _, _ = fetch(self.port, path)
                if status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise SystemExit(f"no answer on port {self.port} within 120 s; see {self.log.name}")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()


def fetch(port: int, path: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    """One request, the raw body (no decoding of gzip)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.request("GET", path, headers=headers or {})
        response = conn.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        conn.close()


# ---------------------------------------------------------------------------------------------
# Load


@dataclass
class Load:
    rps: float
    p50_ms: float
    p99_ms: float
    errors: int = 0


UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def _ms(text: str) -> float:
    match = re.fullmatch(r"([\d.]+)(us|ms|s)", text.strip())
    if match is None:
        return float("nan")
    return float(match.group(1)) * UNITS[match.group(2)]


def wrk(port: int, path: str, headers: dict[str, str], seconds: float, connections: int) -> Load:
    args = ["wrk", "-t2", f"-c{connections}", f"-d{max(1, round(seconds))}s", "--latency"]
    for name, value in headers.items():
        args += ["-H", f"{name}: {value}"]
    out = subprocess.run(
        [*args, f"http://127.0.0.1:{port}{path}"], capture_output=True, text=True, check=True
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    p50 = _ms(re.search(r"\s50%\s+(\S+)", out).group(1))  # type: ignore[union-attr]
    p99 = _ms(re.search(r"\s99%\s+(\S+)", out).group(1))  # type: ignore[union-attr]
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    errors = int(bad.group(1)) if bad else 0
    errors += sum(int(n) for n in socket_errors.groups()) if socket_errors else 0
    return Load(rps, p50, p99, errors)


async def _python_load(
    port: int, path: str, headers: dict[str, str], seconds: float, connections: int
) -> Load:
    extra = "".join(f"{k}: {v}\r\n" for k, v in headers.items())
    request = f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n{extra}\r\n".encode()
    latencies: list[float] = []
    errors = 0
    deadline = time.perf_counter() + seconds

    async def client() -> None:
        nonlocal errors
        reader, writer = await asyncio.open_connection("127.0.0.1", port, limit=2**22)
        try:
            while time.perf_counter() < deadline:
                start = time.perf_counter()
                writer.write(request)
                head = await reader.readuntil(b"\r\n\r\n")
                status = int(head.split(b" ", 2)[1])
                length = re.search(rb"(?i)\r\ncontent-length:\s*(\d+)", head)
                if length:
                    await reader.readexactly(int(length.group(1)))
                latencies.append(time.perf_counter() - start)
                errors += status not in (200, 304)
        finally:
            writer.close()

    start = time.perf_counter()
    await asyncio.gather(*(client() for _ in range(connections)))
    elapsed = time.perf_counter() - start
    ordered = sorted(latencies)
    return Load(
        len(ordered) / elapsed,
        ordered[len(ordered) // 2] * 1000,
        ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] * 1000,
        errors,
    )


def load(port: int, path: str, headers: dict[str, str], args: argparse.Namespace) -> Load:
    if args.wrk:
        return wrk(port, path, headers, args.seconds, args.connections)
    return asyncio.run(_python_load(port, path, headers, args.seconds, args.connections))


def ensure_wrk() -> bool:
    if shutil.which("wrk"):
        return True
    if os.geteuid() == 0 and shutil.which("apt-get"):
        print("  wrk missing: apt-get install -y wrk")
        done = subprocess.run(["apt-get", "install", "-y", "wrk"], capture_output=True, text=True)
        if done.returncode == 0 and shutil.which("wrk"):
            return True
        print("  apt-get could not install wrk: " + (done.stderr.strip().splitlines() or [""])[-1])
    print("  no wrk: using the asyncio client of this script (lower absolute figures)")
    return False


# ---------------------------------------------------------------------------------------------
# The report


@dataclass
class Report:
    rows: list[list[str]] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def print(self) -> None:
        header = [
            "server",
            "request",
            "full req/s",
            "minimal req/s",
            "ratio",
            "full p50",
            "full p99",
            "min p99",
        ]
        widths = [max(len(r[i]) for r in [header, *self.rows]) for i in range(len(header))]
        print()
        for row in [header, *self.rows]:
            print(
                "  "
                + "  ".join(
                    cell.rjust(w) if i > 1 else cell.ljust(w)
                    for i, (cell, w) in enumerate(zip(row, widths, strict=True))
                )
            )
        print()
        for note in self.notes:
            print(f"  {note}")
        for miss in self.misses:
            print(f"MISS {miss}")
        if not self.misses:
            print("  all targets met")


def median_load(runs: list[Load]) -> Load:
    return Load(
        statistics.median(r.rps for r in runs),
        statistics.median(r.p50_ms for r in runs),
        statistics.median(r.p99_ms for r in runs),
        sum(r.errors for r in runs),
    )


def ms(value: float) -> str:
    return f"{value:.1f} ms"


def prepare(folder: Path) -> dict[str, str]:
    """The demo school in a new SQLite database; its feeds written by `prakat demo` itself."""
    env = {
        **os.environ,
        "PRAKAT_DATABASE_URL": str(folder / "bench.sqlite3"),
        "PRAKAT_FEEDS_DIR": str(folder / "feeds"),
        "PRAKAT_BASE_URL": BASE_URL,
        "PRAKAT_SECRET_KEY": "bench",
        "PRAKAT_SHARED_DIR": os.environ.get("PRAKAT_SHARED_DIR", str(ROOT.parent / "shared")),
    }
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "prakat.cli", "demo"],
        env={**env, "PYTHONPATH": str(ROOT / "src")},
        cwd=folder,
        check=True,
        capture_output=True,
    )
    print(f"  prakat demo: {time.perf_counter() - start:.1f} s")
    return env


def feed_urls(feeds_dir: Path) -> dict[str, str]:
    """Every file the store wrote for the school, and the URL that serves it."""
    manifest = json.loads((feeds_dir / SLUG / "manifest.json").read_bytes())
    urls = {}
    for path in manifest["files"]:
        if path.startswith("q/"):
            _, query, name = path.split("/", 2)
            urls[path] = f"/s/{SLUG}/feeds/{name}?{query}"
        else:
            urls[path] = f"/s/{SLUG}/feeds/{path}"
    return urls


def check_identical(port: int, feeds_dir: Path, report: Report) -> None:
    different = []
    urls = feed_urls(feeds_dir)
    for path, url in urls.items():
        on_disk = (feeds_dir / SLUG / path).read_bytes()
        gz_on_disk = (feeds_dir / SLUG / f"{path}.gz").read_bytes()
        status, _, served = fetch(port, url)
        gz_status, gz_headers, gz_served = fetch(port, url, {"Accept-Encoding": "gzip"})
        if status != 200 or served != on_disk:
            different.append(url)
        if gz_status != 200 or gz_headers.get("content-encoding") != "gzip" or gz_served != gz_on_disk:
            different.append(url + " (gzip)")
    if different:
        report.misses.append(f"static files differ from what the app serves: {', '.join(different[:5])}")
    else:
        report.notes.append(
            f"files in feeds/ byte-identical to the app's answers: {len(urls)} feeds, plain and gzip"
        )


def run_server(
    server: str, env: dict[str, str], folder: Path, args: argparse.Namespace, report: Report
) -> dict[str, float]:
    feeds_dir = Path(env["PRAKAT_FEEDS_DIR"])
    full = Server(server, "prakat.app:create_app", env, folder / f"{server}-full.log")
    try:
        full.wait(FEED_PATH)
        status, headers, body = fetch(full.port, FEED_PATH)
        if status != 200 or body != (feeds_dir / SLUG / "announcements.rss").read_bytes():
            report.misses.append(f"{server}: the main feed is not the file in feeds/")
        minimal_env = {
            **env,
            "PRAKAT_BENCH_FEED": str(feeds_dir / SLUG / "announcements.rss"),
            "PRAKAT_BENCH_ETAG": headers["etag"],
            "PRAKAT_BENCH_LAST_MODIFIED": headers["last-modified"],
        }
        minimal = Server(server, "feeds:minimal_app", minimal_env, folder / f"{server}-minimal.log")
        packed = Server(
            server,
            "feeds:minimal_app",
            {**minimal_env, "PRAKAT_BENCH_COMPRESS": "1"},
            folder / f"{server}-gzip.log",
        )
        try:
            minimal.wait(FEED_PATH)
            packed.wait(FEED_PATH)
            if args.check_files:
                check_identical(full.port, feeds_dir, report)
                args.check_files = False
            entries = body.count(b"<item>")
            note = f"main RSS feed: {len(body):,} bytes, {entries} entries"
            if note not in report.notes:
                report.notes.append(note)
            best: dict[str, float] = {}
            scenarios = [
                ("200", {}, minimal),
                ("304", {"If-None-Match": headers["etag"]}, minimal),
                ("gzip 200", {"Accept-Encoding": "gzip"}, packed),
            ]
            for name, request_headers, yardstick in scenarios:
                for app in (full, yardstick):  # warm-up
                    load(
                        app.port,
                        FEED_PATH,
                        request_headers,
                        argparse.Namespace(**{**vars(args), "seconds": 1}),
                    )
                rounds = args.rounds if name != "gzip 200" else 1
                full_runs: list[Load] = []
                minimal_runs: list[Load] = []
                for n in range(rounds):
                    # Back to back, in alternating order: a busy moment on a shared machine hits a pair.
                    pair = [(full, full_runs), (yardstick, minimal_runs)]
                    for app, runs in pair if n % 2 == 0 else pair[::-1]:
                        runs.append(load(app.port, FEED_PATH, request_headers, args))
                f = median_load(full_runs)
                m = median_load(minimal_runs)
                ratio = statistics.median(a.rps / b.rps for a, b in zip(full_runs, minimal_runs, strict=True))
                best[name] = f.rps
                label = name if name != "gzip 200" else "gzip 200 (minimal: app-wide CompressionConfig)"
                report.rows.append(
                    [
                        server,
                        label,
                        f"{f.rps:,.0f}",
                        f"{m.rps:,.0f}",
                        f"{ratio:.2f}",
                        ms(f.p50_ms),
                        ms(f.p99_ms),
                        ms(m.p99_ms),
                    ]
                )
                if f.errors or m.errors:
                    report.misses.append(f"{server} {name}: {f.errors} errors (full), {m.errors} (minimal)")
                if name == "gzip 200":
                    continue
                if ratio < TARGET_RATIO:
                    report.misses.append(f"{server} {name}: full/minimal {ratio:.2f} < {TARGET_RATIO}")
                if f.p99_ms >= TARGET_P99_MS:
                    report.misses.append(
                        f"{server} {name}: full app p99 {ms(f.p99_ms)} ≥ {TARGET_P99_MS:.0f} ms"
                    )
            return best
        finally:
            minimal.stop()
            packed.stop()
    finally:
        full.stop()


NGINX_CONF = """daemon off;
master_process off;
worker_processes 1;
pid {folder}/nginx.pid;
error_log {folder}/nginx-error.log;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {folder}; proxy_temp_path {folder}; fastcgi_temp_path {folder};
    uwsgi_temp_path {folder}; scgi_temp_path {folder};
    server {{
        listen 127.0.0.1:{port};
        location ~ "^/s/(?<school>[a-z0-9-]+)/feeds/announcements\\.(?<fmt>rss|atom|json)$" {{
            root {feeds};
            types {{ application/rss+xml rss; application/atom+xml atom; application/feed+json json; }}
            charset utf-8;
            charset_types application/rss+xml application/atom+xml application/feed+json;
            gzip_static on;
            add_header Cache-Control "public, max-age=300" always;
            try_files /$school/announcements.$fmt =404;
        }}
    }}
}}
"""


def nginx_reference(feeds_dir: Path, folder: Path, args: argparse.Namespace, report: Report) -> None:
    """For scale: nginx serving the same file from feeds/ (feeds/README.md), in the same run."""
    nginx = shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin")
    if nginx is None:
        report.notes.append("nginx not installed: no static-file reference row")
        return
    port = free_port()
    conf = folder / "nginx.conf"
    conf.write_text(NGINX_CONF.format(folder=folder, port=port, feeds=feeds_dir))
    log = (folder / "nginx.log").open("wb")
    process = subprocess.Popen(
        [nginx, "-c", str(conf), "-p", str(folder)], stdout=log, stderr=subprocess.STDOUT
    )
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                status, headers, body = fetch(port, FEED_PATH)
                break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    report.notes.append(f"nginx did not start (see {log.name})")
                    return
                time.sleep(0.1)
        if status != 200 or body != (feeds_dir / SLUG / "announcements.rss").read_bytes():
            report.misses.append("nginx does not serve the file in feeds/ as is")
        rows = []
        for name, request_headers in (("200", {}), ("304", {"If-None-Match": headers.get("etag", "")})):
            load(port, FEED_PATH, request_headers, argparse.Namespace(**{**vars(args), "seconds": 1}))
            rows.append((name, median_load([load(port, FEED_PATH, request_headers, args) for _ in range(2)])))
        for name, result in rows:
            report.rows.append(
                [
                    "nginx",
                    f"{name} (the file in feeds/, reference)",
                    f"{result.rps:,.0f}",
                    "",
                    "",
                    ms(result.p50_ms),
                    ms(result.p99_ms),
                    "",
                ]
            )
    finally:
        process.terminate()
        process.wait(timeout=10)
        log.close()


def options(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="short loads, one round")
    parser.add_argument("--seconds", type=float, default=None, help="length of one load")
    parser.add_argument("--rounds", type=int, default=None, help="rounds per app and request kind")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--servers", default="uvicorn,granian")
    parser.add_argument("--no-nginx", dest="nginx", action="store_false", help="skip the nginx reference row")
    args = parser.parse_args(argv)
    args.seconds = args.seconds or (2.0 if args.quick else 4.0)
    args.rounds = args.rounds or (1 if args.quick else 4)
    args.check_files = True
    return args


def main(argv: list[str]) -> int:
    args = options(argv)
    report = Report()
    print(f"Prakat feed benchmark, {time.strftime('%Y-%m-%d %H:%M')}")
    cpus = len(os.sched_getaffinity(0))
    print(f"  Python {sys.version.split()[0]}, {cpus} CPU(s), {args.connections} connections")
    args.wrk = ensure_wrk()
    servers = [s for s in args.servers.split(",") if s]
    if "granian" in servers and shutil.which("granian", path=str(Path(sys.executable).parent)) is None:
        try:
            import granian  # noqa: F401
        except ImportError:
            print("  granian is not installed (pip install -e '.[test]'): uvicorn only")
            servers.remove("granian")
    with tempfile.TemporaryDirectory(prefix="prakat-feeds-bench-") as tmp:
        folder = Path(tmp)
        env = prepare(folder)
        folder.chmod(0o755)  # nginx workers read the files too
        results = {}
        if args.nginx:
            nginx_reference(Path(env["PRAKAT_FEEDS_DIR"]), folder, args, report)
        for server in servers:
            print(f"  loading {server} …")
            results[server] = run_server(server, env, folder, args, report)
    if len(results) > 1:
        for name in ("200", "304"):
            ranked = sorted(results, key=lambda s: results[s][name], reverse=True)
            figures = ", ".join(f"{s} {results[s][name]:,.0f} req/s" for s in ranked)
            report.notes.append(f"feed endpoint, {name}: {ranked[0]} wins ({figures})")
        total = {s: results[s]["200"] + results[s]["304"] for s in results}
        winner = max(total, key=lambda s: total[s])
        report.notes.append(f"server for the full app: {winner} (best 200 + 304 throughput in this run)")
    report.print()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
