"""Coding quality against labelled comments: precision, recall and F1 per language.

A labelled set is a JSON-lines file per language (tests/data/coding/<locale>.jsonl)
of ``{"id", "lang", "text", "themes"}``. Two averages are reported:

- micro: over every (comment, theme) label pooled, so frequent themes weigh more;
- macro: P, R and F1 computed per theme, then averaged over the themes that are
  in the gold labels or the predictions of that language, so a rare theme counts
  as much as employment. The quality target is on macro F1.
"""

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from analysis.coding import code_text


@dataclass(frozen=True)
class Counts:
    true_positive: int = 0
    false_positive: int = 0
    false_negative: int = 0

    @property
    def precision(self) -> float:
        predicted = self.true_positive + self.false_positive
        return self.true_positive / predicted if predicted else 0.0

    @property
    def recall(self) -> float:
        gold = self.true_positive + self.false_negative
        return self.true_positive / gold if gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True)
class Scores:
    comments: int
    micro: Counts
    per_theme: dict[str, Counts]

    @property
    def macro_precision(self) -> float:
        return _mean(c.precision for c in self.per_theme.values())

    @property
    def macro_recall(self) -> float:
        return _mean(c.recall for c in self.per_theme.values())

    @property
    def macro_f1(self) -> float:
        return _mean(c.f1 for c in self.per_theme.values())


def _mean(values) -> float:
    values = list(values)
    return sum(values) / len(values) if values else 0.0


def score(gold: list[set[str]], predicted: list[set[str]]) -> Scores:
    """Micro and per-theme counts of predicted theme sets against gold ones, comment by comment."""
    tp: dict[str, int] = {}
    fp: dict[str, int] = {}
    fn: dict[str, int] = {}
    for wanted, got in zip(gold, predicted, strict=True):
        for theme in wanted & got:
            tp[theme] = tp.get(theme, 0) + 1
        for theme in got - wanted:
            fp[theme] = fp.get(theme, 0) + 1
        for theme in wanted - got:
            fn[theme] = fn.get(theme, 0) + 1
    themes = sorted(set(tp) | set(fp) | set(fn))
    per_theme = {t: Counts(tp.get(t, 0), fp.get(t, 0), fn.get(t, 0)) for t in themes}
    micro = Counts(sum(tp.values()), sum(fp.values()), sum(fn.values()))
    return Scores(len(gold), micro, per_theme)


def comment_number(comment_id: str) -> int:
    """``fr-07`` -> 7, ``fr-h07`` -> 7: the number that ends a labelled comment's id."""
    digits = re.search(r"\d+$", str(comment_id))
    return int(digits.group()) if digits else 0


def read_labelled(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def evaluate_file(
    path: Path, keep: Callable[[dict], bool] = lambda comment: True
) -> tuple[Scores, list[tuple[dict, set[str]]]]:
    """Scores of the coder on one labelled file, and each kept comment with its prediction."""
    comments = [comment for comment in read_labelled(path) if keep(comment)]
    predicted = [set(code_text(c["text"], c["lang"]).themes) for c in comments]
    scores = score([set(c["themes"]) for c in comments], predicted)
    return scores, list(zip(comments, predicted, strict=True))


def evaluate_folder(folder: Path, keep: Callable[[dict], bool] = lambda c: True):
    """Scores per language (file stem) of every labelled file in ``folder``, and each
    kept comment with its prediction."""
    return {path.stem: evaluate_file(path, keep) for path in sorted(folder.glob("*.jsonl"))}


def mistakes(coded: list[tuple[dict, set[str]]]) -> list[str]:
    """One line per comment coded wrong: its id, the themes missed and those added
    in error, then its text; what someone extending a term list needs to see."""
    lines = []
    for comment, predicted in coded:
        wanted = set(comment["themes"])
        if predicted != wanted:
            missed = ",".join(sorted(wanted - predicted)) or "-"
            extra = ",".join(sorted(predicted - wanted)) or "-"
            lines.append(f"{comment['id']}  missed: {missed}  extra: {extra}  | {comment['text']}")
    return lines


def table(results: dict[str, Scores]) -> list[str]:
    """Rows of a plain-text table, one per language, then the mean of the languages."""
    rows = [
        f"{'language':<9}{'comments':>9}  {'micro P':>8}{'micro R':>8}{'micro F1':>9}  "
        f"{'macro P':>8}{'macro R':>8}{'macro F1':>9}"
    ]
    for language, s in results.items():
        rows.append(_row(language, s.comments, _figures(s)))
    if results:
        figures = [_figures(s) for s in results.values()]
        means = [_mean(column) for column in zip(*figures, strict=True)]
        rows.append(_row("mean", sum(s.comments for s in results.values()), means))
    return rows


def _figures(s: Scores) -> list[float]:
    micro = s.micro
    return [micro.precision, micro.recall, micro.f1, s.macro_precision, s.macro_recall, s.macro_f1]


def _row(name: str, comments: int, figures: list[float]) -> str:
    mp, mr, mf, ap, ar, af = figures
    return f"{name:<9}{comments:>9}  {mp:>8.2f}{mr:>8.2f}{mf:>9.2f}  {ap:>8.2f}{ar:>8.2f}{af:>9.2f}"
