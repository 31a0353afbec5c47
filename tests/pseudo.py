"""A pseudo-locale: every catalog string wrapped in ⟦…⟧ with its letters accented.

Rendered under it, any Latin letters left outside the brackets were never
translated: hard-coded English.
"""

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import write_po

from app.catalogs import DOMAINS, extract

ACCENTED = str.maketrans(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "àƀçđéƒĝĥíĵķĺɱñóƥʠŕśţúʋŵẋýžÀƁÇĐÉƑĜĤÍĴĶĹṀÑÓƤꝖŔŚŢÚṼŴẊÝŽ",
)
PLACEHOLDER = re.compile(r"(%\(\w+\)[sd]|%[sd])")
BRACKETED = re.compile(r"⟦[^⟦⟧]*⟧")
LATIN = re.compile(r"[A-Za-z]{2,}")
# Data, not text: generated passwords and resume codes.
DATA = re.compile(r"\b[a-z0-9]{5}(?:-[a-z0-9]{5}){3}\b|\b[A-Z0-9]{4}-[A-Z0-9]{4}\b")


def pseudo(text: str) -> str:
    parts = PLACEHOLDER.split(text)
    return (
        "⟦" + "".join(p if PLACEHOLDER.fullmatch(p) else p.translate(ACCENTED) for p in parts) + "⟧"
    )


def write_pseudo_catalogs(folder: Path, locale: str) -> None:
    """Templates and complete pseudo catalogs for ``locale`` in a translations folder."""
    folder.mkdir(parents=True, exist_ok=True)
    for domain in DOMAINS:
        template = extract(domain)
        with open(folder / f"{domain}.pot", "wb") as out:
            write_po(out, template)
        for message in template:
            if not message.id:
                continue
            if isinstance(message.id, tuple | list):
                message.string = tuple(pseudo(message.id[1]) for _ in range(2))
            else:
                message.string = pseudo(message.id)
        target = folder / locale / "LC_MESSAGES"
        target.mkdir(parents=True, exist_ok=True)
        template.locale = locale
        with open(target / f"{domain}.po", "wb") as out:
            write_po(out, template)
        with open(target / f"{domain}.mo", "wb") as out:
            write_mo(out, template)


class VisibleText(HTMLParser):
    """Text a person sees or hears: text nodes and the attributes screen readers announce."""

    SPOKEN_ATTRIBUTES = {"aria-label", "title", "placeholder", "alt"}
    HIDDEN = {"script", "style", "code"}

    def __init__(self):
        super().__init__()
        self.chunks: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.HIDDEN:
            self._hidden += 1
        self.chunks.extend(v for k, v in attrs if k in self.SPOKEN_ATTRIBUTES and v)

    def handle_endtag(self, tag):
        if tag in self.HIDDEN:
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden and data.strip():
            self.chunks.append(data.strip())


def untranslated(html: str, allowed: set[str]) -> list[str]:
    """Chunks of visible text with Latin words that no catalog string produced."""
    parser = VisibleText()
    parser.feed(html)
    leaks = []
    for chunk in parser.chunks:
        rest = chunk
        while BRACKETED.search(rest):
            rest = BRACKETED.sub(" ", rest)
        for word in sorted(allowed, key=len, reverse=True):
            rest = rest.replace(word, " ")
        rest = DATA.sub(" ", rest)
        if LATIN.search(rest):
            leaks.append(chunk)
    return leaks


def copy_surveys_declaring(source: Path, target: Path, locale: str) -> None:
    import json

    target.mkdir(parents=True, exist_ok=True)
    for path in source.glob("*.json"):
        data = json.loads(path.read_text(encoding="utf-8"))
        if "pages" in data:
            data["locales"] = sorted(set(data.get("locales", [])) | {locale})
        (target / path.name).write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    shutil.copy(source / "codebook.json", target / "codebook.json")
