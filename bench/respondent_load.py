"""Respondent load: Parlons under gunicorn beside a bare Flask + SQLAlchemy baseline.

    .venv/bin/python bench/respondent_load.py                         # defaults, SQLite
    .venv/bin/python bench/respondent_load.py --database postgresql   # the local PostgreSQL
    .venv/bin/python bench/respondent_load.py --submissions 100 --rounds 1   # a quick look

Both servers run under gunicorn on 127.0.0.1 with the same --workers and
--threads, each on a fresh database. N simulated respondents (threads, each
with its own ``requests.Session``) walk the sample needs assessment the way a
browser without JavaScript does: start page, consent, then each of the six
pages shown and posted with ``tests/sample_answers.FULL_ANSWERS``, the last one
with ``action=submit``, then the thank-you page.

Each round:

1. prepare M drafts, answered up to the last page (timed: page latencies);
2. fire the M final submits at Parlons, N at a time, without following the
   redirect: Parlons submissions per second;
3. open the M thank-you pages (timed: page latencies);
4. fire M submissions at ``bench/baseline_app.py``, same N, same form body,
   same answer rows stored: baseline submissions per second.

Full journeys per second are M / (time of 1 + 2 + 3). Medians over the rounds
are reported; afterwards both databases are counted to check that every
submission was stored once, with all its answer rows. See bench/README.md.
"""

import argparse
import json
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from queue import Empty, SimpleQueue
from urllib.parse import urljoin

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import requests  # noqa: E402
from sqlalchemy import create_engine, text  # noqa: E402

from app.database import make_engine  # noqa: E402
from app.migrate import upgrade  # noqa: E402
from bench.baseline_app import create_schema  # noqa: E402
from tests.sample_answers import FULL_ANSWERS, PAGES  # noqa: E402

PARLONS_APP = "app:create_app()"  # gunicorn app specs; a profiling script may point elsewhere
BASELINE_APP = "bench.baseline_app:create_app()"
SURVEY = "needs-assessment"
LANG = "en"
LAST_PAGE = PAGES[-1]
POSTGRES_ADMIN_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
REQUEST_TIMEOUT_S = 60
PHASE_LIMIT_S = 900  # a phase that takes longer than this is stopped and reported as failed
TARGET_RATIO = 0.7
DUMMY_TOKEN = "x" * 91  # the baseline checks no CSRF token, but gets a body of the same size


class BenchError(RuntimeError):
    """A server misbehaved (wrong status, lost row, no start): the figures would mean nothing."""


# --- servers -------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def serving(name: str, app_spec: str, env: dict, options, log_dir: Path, probe: str):
    """gunicorn on 127.0.0.1 in a process group of its own, stopped whatever happens."""
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(options.workers),
        "--threads",
        str(options.threads),
        # Longer than any pause between phases: with gunicorn's 2 s default, a client
        # reusing a connection as the server closed it got "connection reset" (a browser
        # would quietly retry; these clients report it as a failure).
        "--keep-alive",
        "75",
        "--log-level",
        "warning",
        app_spec,
    ]
    log_path = log_dir / f"{name}.log"
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            command,
            cwd=ROOT,
            env={**os.environ, **env},
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base + probe, process, log_path)
        yield base
    except BenchError as error:  # say what the server said when the requests failed
        raise BenchError(f"{error}\n--- {name} server log:\n{tail(log_path)}") from error
    finally:
        stop(process)


def wait_until_up(url: str, process, log_path: Path, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise BenchError(f"server exited with {process.returncode}:\n{tail(log_path)}")
        try:
            if requests.get(url, timeout=2).status_code == 200:
                return
        except (requests.ConnectionError, requests.Timeout):  # not listening, or still starting
            pass
        time.sleep(0.2)
    raise BenchError(f"server did not answer {url} within {timeout} s:\n{tail(log_path)}")


def stop(process) -> None:
    """SIGTERM to the gunicorn master's group (it and its workers), SIGKILL if it lingers."""
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def tail(path: Path, lines: int = 30) -> str:
    return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])


@contextmanager
def databases(kind: str, folder: Path) -> Iterator[tuple[str, str]]:
    """Fresh (Parlons, baseline) database URLs; PostgreSQL ones are dropped afterwards."""
    if kind == "sqlite":
        yield f"sqlite:///{folder / 'parlons.db'}", f"sqlite:///{folder / 'baseline.db'}"
        return
    admin = create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")
    names = [f"parlons_bench_{os.getpid()}", f"baseline_bench_{os.getpid()}"]
    try:
        with admin.connect() as connection:
            for name in names:
                connection.execute(text(f'CREATE DATABASE "{name}"'))
        yield tuple(POSTGRES_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}" for name in names)
    finally:
        with admin.connect() as connection:
            for name in names:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


# --- simulated respondents -----------------------------------------------------------------


class Client:
    """One simulated device: a keep-alive connection, cookies, and timings by page."""

    def __init__(self):
        self.session = requests.Session()
        self.timings: dict[str, list[float]] = defaultdict(list)

    def call(self, label: str, method: str, url: str, expect: int, data=None, cookies=None):
        started = time.perf_counter()
        response = self.session.request(
            method,
            url,
            data=data,
            cookies=cookies,
            allow_redirects=False,
            timeout=REQUEST_TIMEOUT_S,
        )
        self.timings[label].append(time.perf_counter() - started)
        if response.status_code != expect:
            raise BenchError(
                f"{method} {url} answered {response.status_code}, expected {expect}: "
                f"{response.text[:300]!r}"
            )
        return response


@dataclass(frozen=True)
class ParkedDraft:
    """A draft answered up to the last page, with what its browser would send next."""

    url: str
    csrf_token: str
    cookies: dict


def csrf_token(html: str) -> str:
    match = CSRF.search(html)
    if not match:
        raise BenchError("a page came without a CSRF token")
    return match.group(1)


def follow(response, page_id: str) -> str:
    url = urljoin(response.url, response.headers["Location"])
    if not url.endswith(f"/p/{page_id}"):
        raise BenchError(f"expected a redirect to page {page_id}, got {url}")
    return url


def prepare_draft(base: str, client: Client, _item=None) -> ParkedDraft:
    """A new device: start page, consent, then every page up to the last one shown."""
    client.session.cookies.clear()
    start = f"{base}/{LANG}/s/{SURVEY}/"
    page = client.call("start GET", "GET", start, 200)
    moved = client.call(
        "consent POST",
        "POST",
        start,
        302,
        {"consent": "yes", "csrf_token": csrf_token(page.text)},
    )
    for page_id in PAGES:
        url = follow(moved, page_id)
        page = client.call(f"{page_id} GET", "GET", url, 200)
        if page_id == LAST_PAGE:
            return ParkedDraft(url, csrf_token(page.text), client.session.cookies.get_dict())
        answers = {**FULL_ANSWERS[page_id], "action": "next", "csrf_token": csrf_token(page.text)}
        moved = client.call(f"{page_id} POST", "POST", url, 302, answers)
    raise AssertionError("unreachable: PAGES is not empty")


def submission_form(token: str) -> dict:
    return {**FULL_ANSWERS[LAST_PAGE], "action": "submit", "csrf_token": token}


def submit_parked(_base: str, client: Client, draft: ParkedDraft) -> tuple[str, dict]:
    """The final POST alone, redirect not followed; returns where it leads and the cookies."""
    client.session.cookies.clear()
    done = client.call(
        "submit POST", "POST", draft.url, 302, submission_form(draft.csrf_token), draft.cookies
    )
    thanks = urljoin(draft.url, done.headers["Location"])
    if not thanks.endswith("/thanks"):
        raise BenchError(f"the last page led to {thanks}, not the thank-you page")
    return thanks, draft.cookies


def open_thanks(_base: str, client: Client, target: tuple[str, dict]) -> None:
    client.session.cookies.clear()
    url, cookies = target
    client.call("thanks GET", "GET", url, 200, cookies=cookies)


def submit_baseline(base: str, client: Client, _item=None) -> None:
    """The same form body as Parlons' last page (a dummy token of the same length)."""
    client.call("baseline submit POST", "POST", f"{base}/submit", 302, submission_form(DUMMY_TOKEN))


def full_journey(base: str, client: Client, item=None) -> None:
    draft = prepare_draft(base, client)
    open_thanks(base, client, submit_parked(base, client, draft))


@dataclass
class Phase:
    seconds: float
    results: list
    cpu_seconds: float  # this process's CPU time during the phase: the client's own load
    timings: dict[str, list[float]]


def run_phase(
    base: str, clients: list[Client], work: Callable, items: list, budget=PHASE_LIMIT_S
) -> Phase:
    """Hand ``items`` to the clients, one at a time each, until none are left."""
    queue: SimpleQueue = SimpleQueue()
    for item in items:
        queue.put(item)
    results, errors = [], []
    stopping = threading.Event()
    for client in clients:
        client.timings = defaultdict(list)

    def respondent(client: Client) -> None:
        while not stopping.is_set():
            try:
                item = queue.get_nowait()
            except Empty:
                return
            try:
                results.append(work(base, client, item))
            except Exception as error:  # noqa: BLE001 - reported once the phase stops
                errors.append(error)
                stopping.set()

    threads = [threading.Thread(target=respondent, args=(c,), daemon=True) for c in clients]
    cpu_before, started = time.process_time(), time.perf_counter()
    for thread in threads:
        thread.start()
    try:
        for thread in threads:
            while thread.is_alive():
                thread.join(timeout=0.5)
                if time.perf_counter() - started > budget and not stopping.is_set():
                    stopping.set()
                    errors.append(BenchError(f"phase took over {budget} s"))
    finally:
        stopping.set()
    seconds = time.perf_counter() - started
    if errors:
        raise BenchError(f"{len(errors)} failed: {errors[0]}")
    timings: dict[str, list[float]] = defaultdict(list)
    for client in clients:
        for label, values in client.timings.items():
            timings[label].extend(values)
    return Phase(seconds, results, time.process_time() - cpu_before, timings)


# --- the run -------------------------------------------------------------------------------


@dataclass
class Round:
    parlons_per_s: float
    baseline_per_s: float
    journeys_per_s: float
    client_cpu_share: float  # client CPU seconds / wall seconds over the timed phases


def one_round(parlons: str, baseline: str, clients, m: int, timings) -> Round:
    prepared = run_phase(parlons, clients, prepare_draft, [None] * m)
    submitted = run_phase(parlons, clients, submit_parked, prepared.results)
    thanked = run_phase(parlons, clients, open_thanks, submitted.results)
    bare = run_phase(baseline, clients, submit_baseline, [None] * m)
    phases = (prepared, submitted, thanked, bare)
    for phase in phases:
        for label, values in phase.timings.items():
            timings[label].extend(values)
    journey_seconds = prepared.seconds + submitted.seconds + thanked.seconds
    return Round(
        parlons_per_s=m / submitted.seconds,
        baseline_per_s=m / bare.seconds,
        journeys_per_s=m / journey_seconds,
        client_cpu_share=sum(p.cpu_seconds for p in phases) / sum(p.seconds for p in phases),
    )


def migrate(url: str) -> None:
    """Once, before the workers start, as the README says for several servers: workers
    migrating a fresh SQLite file together race (``table ... already exists``)."""
    engine = make_engine(url)
    upgrade(engine)
    engine.dispose()


def stored_rows(url: str) -> list[dict]:
    """The answer rows of the first response Parlons stored: what the baseline will insert."""
    engine = create_engine(url)
    with engine.connect() as connection:
        rows = connection.execute(
            text(
                "SELECT question_id, item_id, option_code, value_number, value_text FROM answers"
                " WHERE response_id = (SELECT min(id) FROM responses) ORDER BY id"
            )
        ).mappings()
        result = [dict(row) for row in rows]
    engine.dispose()
    if not result:
        raise BenchError("the warm-up submission stored no answer rows")
    return result


@dataclass(frozen=True)
class Count:
    responses: int
    answers: int
    uneven: int  # responses whose number of answer rows is not the expected one
    unsubmitted: int | None  # Parlons drafts never turned into a response


def count(url: str, rows_each: int, with_drafts: bool) -> Count:
    engine = create_engine(url)
    with engine.connect() as connection:

        def one(sql: str, **params) -> int:
            return connection.execute(text(sql), params).scalar_one()

        counted = Count(
            responses=one("SELECT count(*) FROM responses"),
            answers=one("SELECT count(*) FROM answers"),
            uneven=one(
                "SELECT count(*) FROM (SELECT r.id FROM responses r"
                " LEFT JOIN answers a ON a.response_id = r.id"
                " GROUP BY r.id HAVING count(a.id) != :n) AS odd",
                n=rows_each,
            ),
            unsubmitted=one("SELECT count(*) FROM drafts WHERE response_id IS NULL")
            if with_drafts
            else None,
        )
    engine.dispose()
    return counted


def percentile(values: list[float], p: int) -> float:
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[p - 1]


def run(options) -> bool:
    """The whole benchmark on fresh databases; True when every submission was stored once."""
    with tempfile.TemporaryDirectory(prefix="parlons-load-") as tmp:
        folder = Path(tmp)
        with databases(options.database, folder) as (parlons_url, baseline_url):
            rounds, timings, rows_each = drive(options, folder, parlons_url, baseline_url)
            checks = [
                ("Parlons", count(parlons_url, rows_each, with_drafts=True)),
                ("baseline", count(baseline_url, rows_each, with_drafts=False)),
            ]
    print(summary(rounds, timings))
    return report_checks(
        checks, options.rounds * options.submissions + options.respondents, rows_each
    )


def drive(options, folder: Path, parlons_url: str, baseline_url: str):
    """Start both servers, warm them up, then time the rounds; returns what was measured."""
    n = options.respondents
    clients = [Client() for _ in range(n)]
    with parlons_server(options, folder, parlons_url) as parlons:
        # Warm-up, untimed: every worker compiles its templates and loads its catalogs,
        # and the first response tells which answer rows one submission stores.
        run_phase(parlons, clients, full_journey, [None] * n)
        rows = stored_rows(parlons_url)
        with baseline_server(options, folder, baseline_url, rows) as baseline:
            run_phase(baseline, clients, submit_baseline, [None] * n)
            print(header(options, len(rows)), flush=True)
            timings: dict[str, list[float]] = defaultdict(list)
            rounds = []
            for number in range(1, options.rounds + 1):
                rounds.append(one_round(parlons, baseline, clients, options.submissions, timings))
                print(round_line(number, rounds[-1]), flush=True)
    return rounds, timings, len(rows)


def parlons_server(options, folder: Path, url: str):
    migrate(url)
    env = {"DATABASE_URL": url, "PARLONS_INSTANCE": str(folder), "PARLONS_AUTO_MIGRATE": "0"}
    return serving("parlons", PARLONS_APP, env, options, folder, "/en/")


def baseline_server(options, folder: Path, url: str, rows: list[dict]):
    create_schema(url)
    rows_file = folder / "rows.json"
    rows_file.write_text(json.dumps(rows), encoding="utf-8")
    env = {"BASELINE_DATABASE_URL": url, "BASELINE_ROWS": str(rows_file)}
    return serving("baseline", BASELINE_APP, env, options, folder, "/")


def header(options, rows_each: int) -> str:
    return (
        f"\nRespondent load on {options.database}: {options.respondents} respondents, "
        f"{options.submissions} submissions x {options.rounds} rounds, gunicorn "
        f"--workers {options.workers} --threads {options.threads} for both servers, "
        f"{os.cpu_count()} CPU cores shared with this client.\n"
        f"One submission of the sample survey stores 1 response + {rows_each} answer rows "
        "(the baseline inserts the same rows).\n\n"
        "round  Parlons submit/s  baseline submit/s  ratio  journeys/s  client CPU (of one core)"
    )


def round_line(label, result: Round) -> str:
    ratio = result.parlons_per_s / result.baseline_per_s
    return (
        f"{label!s:<6} {result.parlons_per_s:16.1f}  {result.baseline_per_s:17.1f}  "
        f"{ratio:5.2f}  {result.journeys_per_s:10.2f}  {result.client_cpu_share:9.0%}"
    )


def summary(rounds: list[Round], timings) -> str:
    median = Round(
        *(
            statistics.median(getattr(r, name) for r in rounds)
            for name in ("parlons_per_s", "baseline_per_s", "journeys_per_s", "client_cpu_share")
        )
    )
    ratio = median.parlons_per_s / median.baseline_per_s
    verdict = "met" if ratio >= TARGET_RATIO else "MISSED"
    lines = [
        round_line("median", median),
        "",
        f"Parlons submit throughput = {ratio:.2f} x baseline (target >= {TARGET_RATIO}): {verdict}",
        f"Full journeys (13 page requests + submit + thank-you page): "
        f"{median.journeys_per_s:.2f} completions/s",
        "",
        "request                       count   p50 ms   p99 ms",
    ]
    for label, values in sorted(timings.items(), key=lambda item: request_order(item[0])):
        lines.append(
            f"{label:<28} {len(values):6d} {percentile(values, 50) * 1000:8.1f} "
            f"{percentile(values, 99) * 1000:8.1f}"
        )
    parlons_all = [v for label, vs in timings.items() if "baseline" not in label for v in vs]
    lines.append(
        f"{'all Parlons requests':<28} {len(parlons_all):6d} "
        f"{percentile(parlons_all, 50) * 1000:8.1f} {percentile(parlons_all, 99) * 1000:8.1f}"
    )
    return "\n".join(lines)


def request_order(label: str) -> tuple[int, str]:
    page = label.split()[0]
    order = ["start", "consent", *PAGES, "submit", "thanks", "baseline"]
    return order.index(page) if page in order else len(order), label


def report_checks(checks, expected: int, rows_each: int) -> bool:
    print(f"\nStored rows (expected {expected} responses with {rows_each} answer rows each):")
    good = True
    for name, counted in checks:
        fine = (
            counted.responses == expected
            and counted.answers == expected * rows_each
            and counted.uneven == 0
            and counted.unsubmitted in (None, 0)
        )
        good = good and fine
        drafts = "" if counted.unsubmitted is None else f", {counted.unsubmitted} drafts left"
        print(
            f"  {name:<9} {counted.responses} responses, {counted.answers} answer rows, "
            f"{counted.uneven} responses with a wrong row count{drafts}: "
            f"{'OK' if fine else 'MISMATCH'}"
        )
    return good


def parse_options(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--respondents", type=int, default=16, help="concurrent clients (N)")
    parser.add_argument("--submissions", type=int, default=600, help="submissions per round (M)")
    parser.add_argument("--rounds", type=int, default=3, help="timed rounds; medians reported")
    # The defaults are the deployment README.md recommends: 4 sync workers, one thread each.
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers, both servers")
    parser.add_argument("--threads", type=int, default=1, help="gunicorn threads per worker")
    parser.add_argument("--database", choices=["sqlite", "postgresql"], default="sqlite")
    return parser.parse_args(argv)


def main(argv=None) -> int:
    options = parse_options(argv)
    # A plain kill stops the run like Ctrl-C does: servers stopped, databases dropped.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    try:
        return 0 if run(options) else 1
    except BenchError as error:
        print(f"\nbenchmark failed: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("\ninterrupted: servers stopped, databases removed", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
