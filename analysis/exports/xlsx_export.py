"""The theme summary as an Excel workbook: an "about" sheet, then one sheet per table.

Each sheet has the table's title in row 1, its header in row 2 (frozen), the
rows, then its note and the suppression legend. Suppressed cells hold the
suppressed marker on a grey fill; percentages are numbers shown with a % sign.
"""

from typing import BinaryIO

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from analysis.disclosure import SUPPRESSED
from analysis.summary import Percent, Summary, Table

GREY = PatternFill("solid", fgColor="DDDDDD")
BOLD = Font(bold=True)
ITALIC = Font(italic=True, color="555555")
FORBIDDEN = str.maketrans({c: "_" for c in "[]:*?/\\"})


def write_xlsx(summary: Summary, stream: BinaryIO) -> None:
    workbook = Workbook()
    about = workbook.active
    about.title = "about"
    for line in [summary.title, *summary.selection, summary.generated_at.isoformat()]:
        about.append([line])
    about.append([summary.words["legend"]])
    about["A1"].font = Font(bold=True, size=14)
    names = {"about"}
    for table in summary.tables:
        sheet = workbook.create_sheet(_sheet_name(table.name, names))
        _fill(sheet, table, summary)
    if summary.quotes:
        words = summary.words
        quotes = Table(
            "quotes",
            words["quotes"],
            [words["theme"], words["quote"], words["language"], words["speaker"]],
            [[q.theme, q.text, q.language, q.speaker] for q in summary.quotes],
            note=words["quote_note"],
        )
        _fill(workbook.create_sheet(_sheet_name("quotes", names)), quotes, summary)
    for sheet in workbook.worksheets:
        sheet.sheet_view.rightToLeft = summary.direction == "rtl"
    workbook.save(stream)


def _sheet_name(name: str, taken: set[str]) -> str:
    """Excel allows 31 characters and no []:*?/\\ in a sheet name; keep names unique."""
    base = name.translate(FORBIDDEN)[:31]
    chosen, n = base, 2
    while chosen.lower() in taken:
        suffix = f"~{n}"
        chosen, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(chosen.lower())
    return chosen


def _value(cell, suppressed: str):
    if cell is SUPPRESSED:
        return suppressed
    if isinstance(cell, str):
        return ILLEGAL_CHARACTERS_RE.sub("", cell)
    return cell


def _fill(sheet, table: Table, summary: Summary) -> None:
    sheet.append([table.title])
    sheet["A1"].font = Font(bold=True, size=12)
    sheet.append(table.columns)
    for cell in sheet[2]:
        cell.font = BOLD
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "B3"
    for row in table.rows:
        sheet.append([_value(c, summary.words["suppressed"]) for c in row])
        for cell, value in zip(sheet[sheet.max_row], row, strict=False):
            if isinstance(value, str):
                cell.data_type = "s"  # text typed as "=..." stays text, never a formula
            if value is SUPPRESSED:
                cell.fill, cell.font = GREY, ITALIC
            elif isinstance(value, Percent):
                cell.number_format = '0.0"%"'
    sheet.append([])
    if table.note:
        sheet.append([table.note])
    if table.has_suppressed:
        sheet.append([summary.words["legend"]])
    for index, _column in enumerate(table.columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = 40 if index == 1 else 16
