"""Theme coding of free text in the background, so a respondent's "Send" is not kept waiting.

One worker thread per app process codes new responses after they are stored.
Coding is not urgent (staff read themes later) but it competes with respondents
for the CPU and, on SQLite, for the one write lock: coding each submission as it
came halved the submissions a small server could take. So the worker waits for
a pause in submissions (QUIET_S), or until the oldest has waited MAX_WAIT_S, and
then codes what is waiting in transactions of at most BATCH responses. (Starting
as soon as BATCH were waiting put a coding transaction in the middle of busy
minutes and made one submit in a hundred wait over a second.) Anything not coded
yet (a process stopped first, a coder failure) is caught up by ``code_pending``
before staff read coded data (dashboard, review queue).

The same worker deletes expired drafts, at most once per PURGE_EVERY_S for each app
(and once when the app starts), so unfinished answers are not kept longer than the
README promises even if nobody runs ``parlons drafts purge``. With several gunicorn
workers each one purges, which is harmless.
"""

import logging
import threading
import time
from collections import defaultdict
from queue import Empty, SimpleQueue
from weakref import WeakSet

from flask import Flask
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.drafts import purge_expired
from app.models import Response
from app.submission import code_responses

log = logging.getLogger(__name__)
QUIET_S = 1.0
MAX_WAIT_S = 30.0
BATCH = 200
PURGE_EVERY_S = 3600.0
IDLE_WAKE_S = 60.0  # with nothing to code, the worker still wakes to see if a purge is due
_PURGED_AT = "parlons.drafts_purged_at"
_waiting: SimpleQueue[tuple[Flask, int]] = SimpleQueue()
_worker_lock = threading.Lock()
_worker: threading.Thread | None = None
_apps: WeakSet[Flask] = WeakSet()  # weak: a test run builds many apps in one process


def schedule(app: Flask, response_id: int) -> None:
    """Queue a stored response for coding; starts this process's worker on first use."""
    _waiting.put((app, response_id))
    _start_worker()


def keep_drafts_purged(app: Flask) -> None:
    """Delete the app's expired drafts now, then about hourly from this process's worker."""
    _purge_drafts(app)
    with _worker_lock:
        _apps.add(app)
    _start_worker()


def _start_worker() -> None:
    global _worker
    with _worker_lock:
        if _worker is None or not _worker.is_alive():
            _worker = threading.Thread(target=_work, name="parlons-coding", daemon=True)
            _worker.start()


def _work() -> None:
    while True:
        waiting = _wait_for_responses()
        for start in range(0, len(waiting), BATCH):
            _code(waiting[start : start + BATCH])
        _purge_drafts_when_due()


def _wait_for_responses() -> list[tuple[Flask, int]]:
    """What to code next: after a pause in submissions, or MAX_WAIT_S at most; nothing
    when IDLE_WAKE_S passed without a submission."""
    try:
        waiting = [_waiting.get(timeout=IDLE_WAKE_S)]
    except Empty:
        return []
    oldest = time.monotonic()
    while time.monotonic() - oldest < MAX_WAIT_S:
        try:
            waiting.append(_waiting.get(timeout=QUIET_S))
        except Empty:
            break
    return waiting


def _code(batch: list[tuple[Flask, int]]) -> None:
    by_app: dict[Flask, list[int]] = defaultdict(list)
    for app, response_id in batch:
        by_app[app].append(response_id)
    for app, ids in by_app.items():
        try:
            with app.extensions["parlons.sessions"]() as session:
                code_responses(session, ids)
        except Exception:  # noqa: BLE001 - a background failure must only be logged
            log.exception("background coding of responses %s failed", ids)


def _purge_drafts_when_due() -> None:
    with _worker_lock:
        apps = list(_apps)
    for app in apps:
        if time.monotonic() - app.extensions[_PURGED_AT] >= PURGE_EVERY_S:
            _purge_drafts(app)


def _purge_drafts(app: Flask) -> None:
    app.extensions[_PURGED_AT] = time.monotonic()
    try:
        with app.extensions["parlons.sessions"]() as session:
            purged = purge_expired(session)
    except Exception:  # noqa: BLE001 - a background failure must only be logged
        log.exception("deleting expired drafts failed")
        return
    if purged:
        log.info("deleted %d expired drafts", purged)


def code_pending(session: Session, limit: int = 500) -> int:
    """Code responses whose free text has not been coded yet; returns how many."""
    pending = session.scalars(
        select(Response.id).where(Response.coded_at.is_(None)).order_by(Response.id).limit(limit)
    ).all()
    return code_responses(session, list(pending)) if pending else 0
