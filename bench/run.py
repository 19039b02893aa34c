"""Serve the site as in production and load-test its public pages with wrk on loopback.

Prints requests per second, p50 and p99 latency, errors, the ratio to /robots.txt, and worker memory.
Usage: make bench   (DATABASE_URL=postgres://... make bench for PostgreSQL)
"""

import os
import re
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = str(ROOT / ".venv" / "bin" / "python")
PORT = int(os.environ.get("BENCH_PORT", "8765"))
BASE = f"http://127.0.0.1:{PORT}"
# The issue asks for 10 s per page; a shorter BENCH_DURATION is for a quick look while tuning.
DURATION = os.environ.get("BENCH_DURATION", "10s")
WARM_UP = "2s"
PAGES = {
    "robots": "/robots.txt",
    "home": "/",
    "levels": "/levels-of-care/",
    "level": "/levels-of-care/intensive-outpatient/",
    "compare": "/levels-of-care/compare/",
    "faq": "/faq/",
    "article": "/faq/what-is-iop/",
    "search": "/faq/?q=insurance",
    "contact": "/contact/",
}


def environment():
    results = ROOT / "bench" / "results"
    results.mkdir(exist_ok=True)
    return {
        **os.environ,
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "benchmark-only-" + "x" * 40,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_SECURE_COOKIES": "0",
        "DJANGO_LOG_LEVEL": "WARNING",
        "INTAKE_RATE_LIMIT": "0",
        "DATABASE_URL": os.environ.get("DATABASE_URL", f"sqlite:///{results / 'bench.sqlite3'}"),
    }


def manage(env, *args, **kwargs):
    subprocess.run([PY, "manage.py", *args], cwd=ROOT, env=env, check=True, **kwargs)


def wrk(path, duration=None):
    out = subprocess.run(
        ["wrk", "-t2", "-c16", f"-d{duration or DURATION}", "--latency", BASE + path],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p50 = re.search(r"50%\s+([\d.]+)(us|ms|s)", out)
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)", out)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    socket_errors = re.search(r"Socket errors: (.*)", out)
    return (
        rps,
        _ms(p50),
        _ms(p99),
        int(errors.group(1)) if errors else 0,
        socket_errors.group(1) if socket_errors else "",
    )


def _ms(match):
    value, unit = float(match.group(1)), match.group(2)
    return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value


def worker_rss_mb(master_pid):
    children = subprocess.run(["pgrep", "-P", str(master_pid)], capture_output=True, text=True).stdout.split()
    sizes = []
    for pid in children:
        status = Path(f"/proc/{pid}/status").read_text()
        sizes.append(int(re.search(r"VmHWM:\s+(\d+)", status).group(1)) / 1024)
    return sizes


PASSES = {
    "no page cache": {"PAGE_CACHE_SECONDS": "0"},
    "page cache": {"PAGE_CACHE_SECONDS": "60"},
}
TARGETS = {"no page cache": 0.15, "page cache": 0.6}
P99_TARGET_MS = 50
MEMORY_TARGET_MB = 100


def serve_and_measure(env):
    """One gunicorn with two workers; wrk against every page; the workers' peak memory."""
    server = subprocess.Popen(
        [str(ROOT / ".venv" / "bin" / "gunicorn"), "magnolia.wsgi", "-w", "2", "-b", f"127.0.0.1:{PORT}"],
        cwd=ROOT, env=env,
    )  # fmt: skip
    try:
        for _ in range(50):
            try:
                urllib.request.urlopen(BASE + "/healthz", timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        # Warm up first: a fresh worker's first second of requests is slower than the rest.
        for path in PAGES.values():
            wrk(path, WARM_UP)
        rows = {name: wrk(path) for name, path in PAGES.items()}
        # robots.txt again at the end: the machine's speed drifts over a pass, and every page
        # is compared with the mean of the two.
        rows["robots (end)"] = wrk(PAGES["robots"])
        return rows, worker_rss_mb(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=10)


def report(label, rows, sizes):
    target = TARGETS[label]
    base = (rows["robots"][0] + rows["robots (end)"][0]) / 2
    cache = "Redis" if os.environ.get("REDIS_URL") else "memory"
    print(f"\n{label} (cache: {cache}; target {target} of robots.txt, p99 < {P99_TARGET_MS} ms)")
    print(f"robots.txt at the start and the end of the pass, averaged: {base:.1f} req/s")
    print(f"{'page':12} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7} {'vs robots':>9}  meets")
    for name, (rps, p50, p99, errors, socket_errors) in rows.items():
        ratio = rps / base
        ok = "yes" if ratio >= target and p99 < P99_TARGET_MS and not errors else "NO"
        print(f"{name:12} {rps:9.1f} {p50:8.2f} {p99:8.2f} {errors:7d} {ratio:9.2f}  {ok:5} {socket_errors}")
    worst = max(sizes) if sizes else 0
    verdict = "yes" if worst < MEMORY_TARGET_MB else "NO"
    print(
        "worker peak memory (MB):", ", ".join(f"{size:.1f}" for size in sizes), f" under {MEMORY_TARGET_MB}: {verdict}"
    )


def main():
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: apt-get install wrk")
    env = environment()
    engine = "PostgreSQL" if env["DATABASE_URL"].startswith("postgres") else "SQLite"
    manage(env, "migrate", "--no-input", stdout=subprocess.DEVNULL)
    manage(env, "collectstatic", "--no-input", stdout=subprocess.DEVNULL)
    manage(env, "load_demo", stdout=subprocess.DEVNULL)
    manage(env, "shell", "-c", (ROOT / "bench" / "scale.py").read_text())
    print(f"database: {engine}; wrk: 16 connections, {DURATION} per page; gunicorn -w 2; {os.cpu_count()} cores")
    for label, overrides in PASSES.items():
        rows, sizes = serve_and_measure({**env, **overrides})
        report(label, rows, sizes)


if __name__ == "__main__":
    main()
