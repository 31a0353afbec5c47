"""No lost or doubled data: 20 threads x 50 submissions against a real server process."""

import re
import shutil
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests
from sqlalchemy import create_engine, func, select

from app.models import Answer, Response
from tests.conftest import _empty_postgres
from tests.server import running_server

THREADS, PER_THREAD = 20, 50
CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def submit_many(base: str, worker: int) -> int:
    """One simulated respondent device submitting PER_THREAD questionnaires."""
    session = requests.Session()
    for n in range(PER_THREAD):
        start = session.get(f"{base}/en/s/mini/", timeout=30)
        token = CSRF.search(start.text).group(1)
        page = session.post(start.url, data={"csrf_token": token, "consent": "yes"}, timeout=30)
        assert page.url.endswith("/p/only"), page.url
        token = CSRF.search(page.text).group(1)
        answers = {
            "csrf_token": token,
            "community": "north" if n % 2 else "south",
            "services": ["agency", "clinic"],
            "comment": f"device {worker} answer {n}",
            "action": "submit",
        }
        done = session.post(page.url, data=answers, timeout=30)
        assert done.url.endswith("/thanks"), done.url
    return PER_THREAD


@pytest.mark.slow
@pytest.mark.parametrize("engine", ["sqlite", "postgresql"])
def test_twenty_threads_leave_exactly_one_thousand_complete_responses(engine, request, tmp_path):
    surveys = tmp_path / "surveys"
    surveys.mkdir()
    shutil.copy(request.config.rootpath / "tests" / "data" / "mini-survey.json", surveys)
    if engine == "sqlite":
        url = f"sqlite:///{tmp_path / 'load.db'}"
    else:
        url = request.getfixturevalue("postgres_url")
        _empty_postgres(url)
    env = {
        "DATABASE_URL": url,
        "PARLONS_SURVEYS_DIR": str(surveys),
        "PARLONS_INSTANCE": str(tmp_path),
    }
    with running_server(env) as base, ThreadPoolExecutor(THREADS) as pool:
        done = sum(pool.map(lambda worker: submit_many(base, worker), range(THREADS)))
    assert done == THREADS * PER_THREAD

    database = create_engine(url.replace("postgresql://", "postgresql+psycopg://"))
    with database.connect() as connection:
        responses = connection.scalar(select(func.count()).select_from(Response))
        answers = connection.scalar(select(func.count()).select_from(Answer))
        comments = connection.scalar(
            select(func.count(func.distinct(Answer.value_text))).where(
                Answer.question_id == "comment"
            )
        )
    database.dispose()
    assert responses == 1000
    assert answers == 1000 * 4  # community, two services, comment
    assert comments == 1000
