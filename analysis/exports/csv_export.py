"""The theme summary as one CSV file that Excel opens with Arabic and Chinese intact.

UTF-8 with a byte-order mark (Excel reads BOM-less CSV in the system code page).
Every line starts with the table it belongs to and what it is, so one file holds
every table and a reader can filter on the first column:

    table,part,...
    about,title,Theme summary: ...
    themes,header,Theme,Published rank,Respondents,...
    themes,row,Employment opportunities,1,120,...
"""

import csv
import io
from typing import BinaryIO

from analysis.disclosure import SUPPRESSED
from analysis.exports.formatting import spreadsheet_safe
from analysis.summary import Summary

BOM = "\ufeff"


def write_csv(summary: Summary, stream: BinaryIO) -> None:
    text = io.TextIOWrapper(stream, encoding="utf-8", newline="", write_through=True)
    try:
        text.write(BOM)
        writer = csv.writer(text)
        writer.writerows(summary_lines(summary))
    finally:
        text.detach()


def summary_lines(summary: Summary):
    words = summary.words
    yield ["table", "part"]
    yield ["about", "title", summary.title]
    for line in summary.selection:
        yield ["about", "selection", line]
    yield ["about", "generated", summary.generated_at.isoformat()]
    yield ["about", "legend", words["legend"]]
    for table in summary.tables:
        yield [table.name, "title", table.title]
        yield [table.name, "header", *table.columns]
        for row in table.rows:
            yield [table.name, "row", *(_cell(cell, words["suppressed"]) for cell in row)]
        if table.note:
            yield [table.name, "note", table.note]
    if summary.quotes:
        yield ["quotes", "title", words["quotes"]]
        yield [
            "quotes",
            "header",
            words["theme"],
            words["quote"],
            words["language"],
            words["speaker"],
        ]
        for quote in summary.quotes:
            cells = [quote.theme, quote.text, quote.language, quote.speaker]
            yield ["quotes", "row", *map(spreadsheet_safe, cells)]
        yield ["quotes", "note", words["quote_note"]]


def _cell(cell, suppressed: str):
    if cell is SUPPRESSED:
        return suppressed
    return "" if cell is None else spreadsheet_safe(cell)
