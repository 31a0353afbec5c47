"""Analysis benchmark: Parlons beside the database's own tools, on SQLite and PostgreSQL.

    .venv/bin/python bench/analysis_bench.py                  # 50,000 responses, both engines
    .venv/bin/python bench/analysis_bench.py --responses 2000 # a quick run

Generates responses with 20 answer rows each (12 languages, 10 communities,
one coded comment per response) with bulk inserts, then, in one run per engine:

1. the theme-by-language tally through ``analysis.tallies.theme_tally`` against
   a hand-written SQL GROUP BY on the same database (target: at most 1.5x);
2. the CSV export of all raw answers through ``analysis.raw_export`` against
   the database's own CSV export (sqlite3 ``.mode csv``, PostgreSQL ``COPY``),
   same SELECT (target: at most 2x, peak memory under 200 MB, measured as the
   peak RSS of a separate process);
3. text coding throughput (comments per second) of ``analysis.coding.code_text``
   against TextBlob sentiment alone on the same texts.

Prints medians of a few repeats and the ratios.
"""

import argparse
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import create_engine, text  # noqa: E402
from sqlalchemy.orm import Session  # noqa: E402

from analysis.filters import ResponseFilter  # noqa: E402
from analysis.raw_export import answers_query  # noqa: E402
from analysis.tallies import theme_tally  # noqa: E402
from app.codebook import load_codebook  # noqa: E402
from app.database import make_engine  # noqa: E402
from app.definitions.model import Definition  # noqa: E402
from app.definitions.publish import publish  # noqa: E402
from app.migrate import upgrade  # noqa: E402

SURVEY = "needs-assessment"
DEFINITION = json.loads((ROOT / "surveys" / f"{SURVEY}.json").read_text(encoding="utf-8"))
LOCALES = DEFINITION["locales"]  # 12
COMMUNITIES = [
    "downtown",
    "north-end",
    "east-side",
    "west-end",
    "south-shore",
    "rural",
    "lakeshore",
    "old-town",
    "university",
    "airport",
]
THEMES = [theme.code for theme in load_codebook()]
COMMENTS = {
    "en": [
        "Rent is too high and landlords ask for credit history",
        "I need evening English classes, call me at 613-555-0199",
        "The bus does not come to our street on Sundays",
        "My engineering degree is not recognized, I drive for Uber",
    ],
    "fr": [
        "Le loyer est trop cher pour une famille de cinq",
        "Il faut plus de places en garderie pour suivre les cours de français",
        "Écrivez-moi à nadia.k@example.ca pour le groupe de femmes",
    ],
    "ar": [
        "الإيجار مرتفع جدا ولا أجد عملا في مجالي",
        "نحتاج إلى طبيب عائلة يتكلم العربية",
    ],
    "zh_Hans": ["房租太贵了，找工作也很难", "希望有更多的中文医生"],
    "es": ["No encuentro trabajo en mi profesión", "El autobús tarda mucho"],
    "uk": ["Потрібні курси англійської мови ввечері", "Житло дуже дороге"],
    "fa": ["اجاره خانه خیلی گران است", "به کلاس زبان انگلیسی نیاز دارم"],
    "ur": ["کرایہ بہت زیادہ ہے", "مجھے ڈاکٹر نہیں ملا"],
    "pa": ["ਕਿਰਾਇਆ ਬਹੁਤ ਜ਼ਿਆਦਾ ਹੈ", "ਨੌਕਰੀ ਲੱਭਣੀ ਔਖੀ ਹੈ"],
    "tl": ["Mahal ang upa ng bahay", "Kailangan ko ng trabaho"],
    "so": ["Kirada guriga aad bay u qaalisan tahay", "Waxaan u baahanahay shaqo"],
    "ti": ["ክራይ ገዛ ኣዝዩ ክቡር እዩ", "ስራሕ ክረክብ ኣይከኣልኩን"],
}
GRID_ITEMS = ["employment", "housing", "health"]


# --- the data set ----------------------------------------------------------------------


def generate(responses: int, seed: int = 5):
    """Rows for responses, answers (20 per response) and answer_themes, with explicit ids."""
    rnd = random.Random(seed)
    start = datetime(2024, 1, 1, tzinfo=UTC)
    response_rows, answer_rows, theme_rows = [], [], []
    answer_id = theme_id = 0

    def answer(response_id, question, item=None, option=None, number=None, value=None):
        nonlocal answer_id
        answer_id += 1
        answer_rows.append((answer_id, response_id, question, item, option, number, value))
        return answer_id

    for response_id in range(1, responses + 1):
        locale = LOCALES[response_id % len(LOCALES)]
        community = rnd.choice(COMMUNITIES)
        channel = rnd.choices(["web", "paper", "focus_group"], [80, 15, 5])[0]
        submitted = start + timedelta(minutes=rnd.randrange(0, 2 * 365 * 24 * 60))
        response_rows.append(
            (response_id, locale, channel, community, submitted, f"bench-{response_id}")
        )
        answer(response_id, "community", option=community)
        answer(response_id, "age-group", option=rnd.choice(["under-25", "25-34", "35-44"]))
        answer(response_id, "gender", option=rnd.choice(["woman", "man", "prefer_not_to_say"]))
        answer(response_id, "time-in-canada", option=rnd.choice(["under-1", "1-3", "3-5"]))
        answer(
            response_id, "first-help", option=rnd.choice(["settlement-agency", "city", "nobody"])
        )
        answer(
            response_id, "housing-type", option=rnd.choice(["rent-apartment", "rent-room", "own"])
        )
        rating = rnd.randint(1, 5)
        answer(response_id, "housing-affordable", option=str(rating), number=rating)
        for code in rnd.sample(
            ["settlement-agency", "language-class", "health-clinic", "library"], 2
        ):
            answer(response_id, "services-used", option=code)
        answer(response_id, "discrimination", option=rnd.choice(["yes", "no", "not-sure"]))
        rating = rnd.randint(1, 5)
        answer(response_id, "feel-welcome", option=str(rating), number=rating)
        for item in GRID_ITEMS:
            rating = rnd.randint(1, 5)
            answer(response_id, "satisfaction-grid", item=item, option=str(rating), number=rating)
        for rank, code in enumerate(rnd.sample(THEMES, 5), start=1):
            answer(response_id, "top-priorities", option=code, number=rank)
        comment = rnd.choice(COMMENTS.get(locale, COMMENTS["en"]))
        comment_id = answer(response_id, "more-welcoming", value=comment)
        for theme in rnd.sample(THEMES[:10], rnd.randint(1, 2)):
            theme_id += 1
            theme_rows.append((theme_id, comment_id, theme, 0.7, "auto"))
        if rnd.random() < 0.1:
            theme_id += 1
            theme_rows.append((theme_id, comment_id, rnd.choice(THEMES), 1.0, "human"))
    return response_rows, answer_rows, theme_rows


ANSWER_COLUMNS = "id, response_id, question_id, item_id, option_code, value_number, value_text"
RESPONSE_COLUMNS = (
    "id, survey_id, survey_version_id, locale, channel, community, submitted_at, idempotency_token"
)
THEME_COLUMNS = "id, answer_id, theme, confidence, source, coded_at"


def load(engine, responses: int) -> None:
    """Create the schema (the app's own migrations), publish the survey, bulk-insert rows."""
    upgrade(engine)
    with Session(engine) as session:
        version_id = publish(session, Definition(DEFINITION), f"{SURVEY}.json").id
    response_rows, answer_rows, theme_rows = generate(responses)
    response_rows = [(r[0], SURVEY, version_id, *r[1:]) for r in response_rows]
    coded_at = datetime(2025, 1, 1, tzinfo=UTC)
    theme_rows = [(*row, coded_at) for row in theme_rows]
    raw = engine.raw_connection()
    try:
        if engine.dialect.name == "sqlite":
            _sqlite_insert(raw, response_rows, answer_rows, theme_rows)
        else:
            _postgres_copy(raw.driver_connection, response_rows, answer_rows, theme_rows)
        raw.commit()
    finally:
        raw.close()
    with engine.begin() as connection:
        connection.execute(text("ANALYZE"))


def _sqlite_insert(raw, response_rows, answer_rows, theme_rows) -> None:
    def stamp(value: datetime) -> str:  # SQLAlchemy's own SQLite storage format
        return value.strftime("%Y-%m-%d %H:%M:%S.%f")

    cursor = raw.cursor()
    cursor.executemany(
        f"INSERT INTO responses ({RESPONSE_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [(*r[:6], stamp(r[6]), r[7]) for r in response_rows],
    )
    cursor.executemany(
        f"INSERT INTO answers ({ANSWER_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)", answer_rows
    )
    cursor.executemany(
        f"INSERT INTO answer_themes ({THEME_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?)",
        [(*t[:5], stamp(t[5])) for t in theme_rows],
    )


def _postgres_copy(connection, response_rows, answer_rows, theme_rows) -> None:
    with connection.cursor() as cursor:
        for table, columns, rows in (
            ("responses", RESPONSE_COLUMNS, response_rows),
            ("answers", ANSWER_COLUMNS, answer_rows),
            ("answer_themes", THEME_COLUMNS, theme_rows),
        ):
            with cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            cursor.execute(f"SELECT setval('{table}_id_seq', (SELECT max(id) FROM {table}))")


# --- 1. theme-by-language tally ----------------------------------------------------------


def hand_written_tally_sql() -> str:
    """The theme-by-language tally as one would write it by hand, from the definition."""
    options, questions, items = [], [], []
    for page in DEFINITION["pages"]:
        for q in page["questions"]:
            questions += [(q["id"], t) for t in q.get("themes", [])]
            items += [
                (q["id"], i["code"], t) for i in q.get("items", []) for t in i.get("themes", [])
            ]
            if q["type"] != "likert_grid":
                options += [
                    (q["id"], o["code"], t)
                    for o in q.get("options", [])
                    for t in o.get("themes", [])
                ]

    def values(rows):
        return ", ".join("(" + ", ".join(f"'{v}'" for v in row) + ")" for row in rows)

    return f"""
WITH option_themes(question_id, option_code, theme) AS (VALUES {values(options)}),
     question_themes(question_id, theme) AS (VALUES {values(questions)}),
     item_themes(question_id, item_id, theme) AS (VALUES {values(items)}),
     coded AS (
       SELECT t.answer_id, t.theme FROM answer_themes t
       WHERE t.theme <> 'none' AND (t.source = 'human' OR NOT EXISTS (
         SELECT 1 FROM answer_themes h WHERE h.answer_id = t.answer_id AND h.source = 'human'))),
     hits(response_id, theme, from_text) AS (
       SELECT a.response_id, o.theme, 0 FROM answers a
         JOIN option_themes o ON o.question_id = a.question_id AND o.option_code = a.option_code
       UNION ALL
       SELECT a.response_id, q.theme, 0 FROM answers a
         JOIN question_themes q ON q.question_id = a.question_id
         WHERE a.option_code IS NULL OR a.option_code <> 'prefer_not_to_say'
       UNION ALL
       SELECT a.response_id, i.theme, 0 FROM answers a
         JOIN item_themes i ON i.question_id = a.question_id AND i.item_id = a.item_id
         WHERE a.option_code IS NULL OR a.option_code <> 'prefer_not_to_say'
       UNION ALL
       SELECT a.response_id, c.theme, 1 FROM coded c JOIN answers a ON a.id = c.answer_id)
SELECT r.locale, h.theme, COUNT(DISTINCT h.response_id),
       COUNT(DISTINCT CASE WHEN h.from_text = 1 THEN h.response_id END)
FROM hits h JOIN responses r ON r.id = h.response_id
WHERE r.survey_id = '{SURVEY}'
GROUP BY r.locale, h.theme
"""


def bench_tally(engine, repeats: int) -> tuple[float, float]:
    flt = ResponseFilter(SURVEY)
    sql = hand_written_tally_sql()

    def ours():
        with Session(engine) as session:
            return {
                (r.group, r.theme): (r.respondents, r.in_own_words)
                for r in theme_tally(session, flt, "language")
            }

    def by_hand():
        raw = engine.raw_connection()
        try:
            cursor = raw.cursor()
            cursor.execute(sql)
            return {(locale, theme): (n, own) for locale, theme, n, own in cursor.fetchall()}
        finally:
            raw.close()

    assert ours() == by_hand(), "theme_tally and the hand-written SQL disagree"
    return median_time(ours, repeats), median_time(by_hand, repeats)


# --- 2. CSV export of all raw answers --------------------------------------------------------

EXPORT_CHILD = """
import sys, time
sys.path.insert(0, {root!r})
from analysis.filters import ResponseFilter
from analysis.raw_export import write_raw_csv
from app.database import make_engine
from sqlalchemy.orm import Session
engine = make_engine({url!r})
with open({path!r}, "wb") as stream, Session(engine) as session:
    started = time.perf_counter()
    write_raw_csv(session, ResponseFilter({survey!r}), stream)
    elapsed = time.perf_counter() - started
# VmHWM: this process's peak resident memory since exec (ru_maxrss would include
# the benchmark's own memory, copied at fork).
status = open("/proc/self/status").read().split("VmHWM:")[1]
peak_kb = int(status.split()[0])
print(elapsed, peak_kb)
"""


def bench_export(engine, url: str, folder: Path, repeats: int) -> dict:
    ours_times, rss, native_times = [], [], []
    ours_path, native_path = folder / "parlons.csv", folder / "native.csv"
    with Session(engine) as session:
        sql = str(
            answers_query(session, ResponseFilter(SURVEY)).compile(
                engine, compile_kwargs={"literal_binds": True}
            )
        )
    for _ in range(repeats):
        child = EXPORT_CHILD.format(root=str(ROOT), url=url, path=str(ours_path), survey=SURVEY)
        out = subprocess.run(
            [sys.executable, "-c", child], capture_output=True, text=True, check=True
        ).stdout.split()
        ours_times.append(float(out[0]))
        rss.append(int(out[1]) / 1024)
        native_times.append(native_export(engine, url, sql, native_path))
    return {
        "ours": statistics.median(ours_times),
        "native": statistics.median(native_times),
        "peak_mb": max(rss),
        "lines": (count_lines(ours_path), count_lines(native_path)),
    }


def native_export(engine, url: str, sql: str, path: Path) -> float:
    """sqlite3 .mode csv, or psql running COPY (...) TO STDOUT; wall time of the tool."""
    if engine.dialect.name == "sqlite":
        database = engine.url.database
        script = f".headers on\n.mode csv\n.once {path}\n{sql};\n"
        command, stdin = ["sqlite3", database], script
    else:
        dsn = url.replace("postgresql+psycopg://", "postgresql://")
        copy = f"\\copy ({sql}) TO '{path}' WITH (FORMAT csv, HEADER)"
        command, stdin = ["psql", "-q", "-X", dsn], copy.replace("\n", " ")
    started = time.perf_counter()
    subprocess.run(command, input=stdin, text=True, check=True, capture_output=True)
    return time.perf_counter() - started


def count_lines(path: Path) -> int:
    with open(path, "rb") as stream:
        return sum(1 for _ in stream)


# --- 3. text coding throughput ---------------------------------------------------------------


def bench_coding(count: int) -> dict:
    """Comments per second: analysis.coding.code_text against TextBlob sentiment alone."""
    from textblob import TextBlob

    rnd = random.Random(7)
    texts = [
        (text_, locale)
        for locale in (rnd.choice(LOCALES) for _ in range(count))
        for text_ in [rnd.choice(COMMENTS.get(locale, COMMENTS["en"]))]
    ]
    TextBlob(texts[0][0]).sentiment  # noqa: B018 - load its lexicon once, as for code_text
    started = time.perf_counter()
    for text_, _locale in texts:
        TextBlob(text_).sentiment  # noqa: B018 - computing it is the point
    textblob_rate = count / (time.perf_counter() - started)
    try:
        from analysis.coding import code_text
    except ImportError:
        return {"textblob": textblob_rate, "coding": None}
    for locale in LOCALES:  # load each lexicon once, as a running app would have
        code_text("warm up", locale.replace("_", "-"))
    started = time.perf_counter()
    for text_, locale in texts:
        code_text(text_, locale.replace("_", "-"))
    return {"textblob": textblob_rate, "coding": count / (time.perf_counter() - started)}


# --- running ---------------------------------------------------------------------------------


def median_time(function, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def run_engine(name: str, args, folder: Path) -> dict:
    if name == "sqlite":
        url = f"sqlite:///{folder / 'bench.db'}"
        drop = None
    else:
        database = f"parlons_bench_{os.getpid()}"
        admin = create_engine(args.postgres_admin_url, isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{database}"'))
        url = args.postgres_admin_url.rsplit("/", 1)[0] + f"/{database}"

        def drop():
            with admin.connect() as connection:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)'))
            admin.dispose()

    engine = make_engine(url)
    try:
        started = time.perf_counter()
        load(engine, args.responses)
        print(
            f"[{name}] loaded {args.responses:,} responses in {time.perf_counter() - started:.1f} s"
        )
        tally = bench_tally(engine, args.repeats)
        print(f"[{name}] theme-by-language tally: parlons {tally[0]:.3f} s, SQL {tally[1]:.3f} s")
        export = bench_export(engine, url, folder, args.repeats)
        print(
            f"[{name}] raw CSV export: parlons {export['ours']:.2f} s "
            f"(peak {export['peak_mb']:.0f} MB), database {export['native']:.2f} s, "
            f"lines {export['lines'][0]:,} / {export['lines'][1]:,}"
        )
        return {"tally": tally, "export": export}
    finally:
        engine.dispose()
        if drop:
            drop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--responses", type=int, default=50_000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--engines", default="sqlite,postgresql")
    parser.add_argument("--comments", type=int, default=5_000, help="texts for the coding run")
    parser.add_argument(
        "--postgres-admin-url",
        default=os.environ.get(
            "BENCH_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
        ),
    )
    args = parser.parse_args()
    print(
        f"{args.responses:,} responses x 20 answers = {args.responses * 20:,} answer rows, "
        f"{len(LOCALES)} languages, {len(COMMUNITIES)} communities; medians of {args.repeats}"
    )
    results = {}
    folder = Path(tempfile.mkdtemp(prefix="parlons-bench-"))
    try:
        for name in args.engines.split(","):
            results[name] = run_engine(name, args, folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    coding = bench_coding(args.comments)
    print()
    print(f"{'':<12}{'tally ratio':>13}{'export ratio':>14}{'export peak':>13}")
    for name, result in results.items():
        ours, sql = result["tally"]
        export = result["export"]
        print(
            f"{name:<12}{ours / sql:>12.2f}x{export['ours'] / export['native']:>13.2f}x"
            f"{export['peak_mb']:>10.0f} MB"
        )
    print("targets:    tally <= 1.5x, export <= 2x, peak < 200 MB")
    print(f"TextBlob sentiment alone: {coding['textblob']:,.0f} comments/s")
    if coding["coding"] is None:
        print("analysis.coding.code_text: not available yet (analysis/coding.py missing)")
    else:
        ratio = coding["coding"] / coding["textblob"]
        print(
            f"analysis.coding.code_text: {coding['coding']:,.0f} comments/s ({ratio:.2f}x TextBlob)"
        )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS of the benchmark process itself (data generation): {peak:.0f} MB")


if __name__ == "__main__":
    main()
