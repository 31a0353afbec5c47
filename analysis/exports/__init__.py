"""Theme summary downloads: CSV (UTF-8 with BOM), XLSX (one sheet per table) and a
printable HTML report; each renders a ``Summary`` whose small cells are already hidden.

Writers are imported when asked for, so that a raw export does not load matplotlib.
"""

from importlib import import_module
from typing import BinaryIO

FORMATS = {
    "csv": ("analysis.exports.csv_export", "write_csv"),
    "xlsx": ("analysis.exports.xlsx_export", "write_xlsx"),
    "html": ("analysis.exports.html_report", "write_html"),
}
MEDIA_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "html": "text/html; charset=utf-8",
}


def write_summary(summary, fmt: str, stream: BinaryIO) -> None:
    """Write ``summary`` to ``stream`` as ``fmt`` (csv, xlsx or html)."""
    module, name = FORMATS[fmt]
    getattr(import_module(module), name)(summary, stream)
