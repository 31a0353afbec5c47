"""``parlons analysis code-text`` and ``evaluate``, run as real processes: the stable
interface through which coding quality is measured."""

import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

PARLONS = str(Path(sys.executable).parent / "parlons")

COMMENTS = [
    {"id": "b-2", "lang": "en", "text": "The bus never comes on time, I love the library though"},
    {"id": 17, "lang": "fr", "text": "Je cherche un emploi depuis un an"},
    {"id": "a-1", "lang": "zh-Hans", "text": "谢谢"},
    {"id": "c", "lang": "en", "text": ""},
]


def parlons(*args, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [PARLONS, "analysis", *args],
        input=stdin,
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )


def jsonl(items) -> str:
    return "".join(json.dumps(item, ensure_ascii=False) + "\n" for item in items)


def test_code_text_writes_one_line_per_comment_in_input_order(tmp_path):
    source = tmp_path / "comments.jsonl"
    source.write_text(jsonl(COMMENTS), encoding="utf-8")
    run = parlons("code-text", str(source))
    assert run.returncode == 0, run.stderr
    lines = [json.loads(line) for line in run.stdout.splitlines()]
    assert [line["id"] for line in lines] == ["b-2", 17, "a-1", "c"]
    bus, job, thanks, empty = lines
    assert set(bus) == {"id", "themes", "confidence", "sentiment"}
    assert set(bus["themes"]) == {"transit", "municipal_services"}
    assert set(bus["confidence"]) == set(bus["themes"])
    assert all(0 < value <= 1 for value in bus["confidence"].values())
    assert isinstance(bus["sentiment"], float)
    assert job["themes"] == ["employment"] and job["sentiment"] is None
    assert thanks == {"id": "a-1", "themes": [], "confidence": {}, "sentiment": None}
    assert empty["themes"] == []


def test_code_text_reads_standard_input_and_keeps_non_ascii_text_readable():
    comment = {"id": "ü-1", "lang": "zh-Hans", "text": "没有家庭医生"}
    run = parlons("code-text", "-", stdin=jsonl([comment]))
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith('{"id": "ü-1"')
    assert json.loads(run.stdout)["themes"] == ["health"]


def test_a_bad_line_is_reported_by_number_and_the_others_are_still_coded(tmp_path):
    source = tmp_path / "comments.jsonl"
    good = jsonl(COMMENTS[:2])
    source.write_text(good + '{"id": 3, "lang": "en", "text": \n\n{"id": 4}\n' + good)
    run = parlons("code-text", str(source))
    assert run.returncode == 1
    assert "line 3: not valid JSON" in run.stderr
    assert 'line 5: "lang" must be' in run.stderr
    ids = [json.loads(line)["id"] for line in run.stdout.splitlines()]
    assert ids == ["b-2", 17, "b-2", 17]


def test_evaluate_prints_micro_and_macro_scores_per_language(tmp_path):
    labelled = [
        {"id": "en-01", "lang": "en", "text": "no family doctor", "themes": ["health"]},
        {"id": "en-02", "lang": "en", "text": "bus too far", "themes": ["transit"]},
        {"id": "en-03", "lang": "en", "text": "thank you", "themes": ["housing"]},
    ]
    (tmp_path / "en.jsonl").write_text(jsonl(labelled))
    run = parlons("evaluate", str(tmp_path))
    assert run.returncode == 0, run.stderr
    header, english, mean = run.stdout.splitlines()
    assert header.split()[:4] == ["language", "comments", "micro", "P"]
    # 2 of 3 labels found, nothing wrong predicted; housing has recall 0, so macro F1 is 2/3.
    assert english.split() == ["en", "3", "1.00", "0.67", "0.80", "0.67", "0.67", "0.67"]
    only_first = parlons("evaluate", str(tmp_path), "--ids", "1-2")
    assert only_first.stdout.splitlines()[1].split()[1:] == ["2"] + ["1.00"] * 6
    listed = parlons("evaluate", str(tmp_path), "--mistakes").stdout.splitlines()
    assert listed[3:] == ["", "en", "en-03  missed: housing  extra: -  | thank you"]


def test_evaluate_selects_held_out_ids_by_their_trailing_number(tmp_path):
    labelled = [
        {"id": "en-h01", "lang": "en", "text": "no family doctor", "themes": ["health"]},
        {"id": "en-h12", "lang": "en", "text": "thank you", "themes": ["housing"]},
    ]
    (tmp_path / "en.jsonl").write_text(jsonl(labelled))
    run = parlons("evaluate", str(tmp_path), "--ids", "1-9")
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines()[1].split()[1:] == ["1"] + ["1.00"] * 6


def test_the_held_out_set_has_fifteen_labelled_comments_in_every_language():
    from analysis.evaluate import read_labelled
    from app.codebook import theme_codes

    codes = theme_codes()
    folder = ROOT / "tests" / "data" / "coding_heldout"
    for path in sorted(folder.glob("*.jsonl")):
        comments = read_labelled(path)
        assert len(comments) == 15, path.name
        assert all(set(c["themes"]) <= codes and c["text"].strip() for c in comments), path.name
    assert len(list(folder.glob("*.jsonl"))) == 12
