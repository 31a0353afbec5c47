"""The `parlons` command line, run as a real process."""

import json
import os
import subprocess
import sys

from sqlalchemy import create_engine, inspect

from tests.conftest import ROOT

PARLONS = [sys.executable, "-c", "from app.cli import main; main()"]


def parlons(*args, env=None, cwd=ROOT):
    environment = {**os.environ, **(env or {})}
    return subprocess.run(
        [*PARLONS, *args], capture_output=True, text=True, env=environment, cwd=cwd, timeout=120
    )


def test_surveys_check_passes_the_sample_folder():
    result = parlons("surveys", "check")
    assert result.returncode == 0, result.stderr
    assert "needs-assessment, 30 questions on 6 pages" in result.stdout


def test_surveys_check_reports_file_path_and_reason_and_fails(tmp_path):
    bad = tmp_path / "bad.json"
    data = json.loads((ROOT / "surveys" / "needs-assessment.json").read_text(encoding="utf-8"))
    data["pages"][2]["questions"][0]["options"][0]["themes"] = ["jobs"]
    bad.write_text(json.dumps(data), encoding="utf-8")
    good = ROOT / "surveys" / "needs-assessment.json"
    result = parlons("surveys", "check", str(bad), str(good))
    assert result.returncode == 1
    assert (
        f"{bad}: $.pages[2].questions[0].options[0].themes[0]: unknown theme code 'jobs'"
        in result.stderr
    )
    assert f"{good}: ok" in result.stdout


def test_db_upgrade_creates_the_schema(tmp_path):
    url = f"sqlite:///{tmp_path / 'fresh.db'}"
    result = parlons("db", "upgrade", env={"DATABASE_URL": url})
    assert result.returncode == 0, result.stderr
    tables = set(inspect(create_engine(url)).get_table_names())
    assert {"surveys", "survey_versions", "drafts", "responses", "answers"} <= tables


def test_parlons_is_a_flask_cli_with_run():
    result = parlons("run", "--help")
    assert result.returncode == 0
    assert "--host" in result.stdout and "--port" in result.stdout
