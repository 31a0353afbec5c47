"""Disclosure control: no published figure describes fewer than k people, and free text
leaves the platform without the contact details and file numbers respondents typed.

Small-cell suppression works on every figure of a summary at once (a ``Figures``
register), because a cell hidden in one table can be recovered from another by
subtraction: the overall count minus the other groups. Primary suppression hides
every count from 1 to k-1; secondary suppression then walks each "line" (figures
that add up to a total) until no line lets a hidden figure be worked out.
"""

import re
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field

DEFAULT_K = 5


class Suppressed:
    """Stands in for a hidden figure in tables, charts and downloads."""

    _instance = None

    def __new__(cls):
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "SUPPRESSED"


SUPPRESSED = Suppressed()


@dataclass(frozen=True)
class Count:
    """A table cell showing a registered count."""

    key: Hashable


@dataclass(frozen=True)
class Derived:
    """A table cell computed from counts (a share, a mean, Borda points): hidden with them."""

    value: object
    rests_on: tuple[Hashable, ...]


@dataclass
class Figures:
    """Every count a summary publishes, and the sums that tie them together.

    ``anchor`` figures are the ones people expect to read (respondents overall and
    per group, overall counts per option or theme): when a line is at risk and its
    total is an anchor, another cell is hidden instead (complementary suppression);
    otherwise the total that would reveal the hidden cells is hidden.
    """

    k: int = DEFAULT_K
    values: dict[Hashable, int] = field(default_factory=dict)
    anchors: set[Hashable] = field(default_factory=set)
    lines: list[tuple[tuple[Hashable, ...], Hashable]] = field(default_factory=list)
    _hidden: set[Hashable] | None = None

    def add(self, key: Hashable, value: int, anchor: bool = False) -> Hashable:
        self.values[key] = int(value)
        if anchor:
            self.anchors.add(key)
        self._hidden = None
        return key

    def add_line(self, members: Iterable[Hashable], total: Hashable) -> None:
        """Declare that ``members`` add up to ``total`` (each respondent in one member).

        Figures not registered (yet, or ever) are left out when the lines are checked.
        """
        self.lines.append((tuple(members), total))
        self._hidden = None

    def add_same(self, figure: Hashable, twin: Hashable) -> None:
        """Declare that two figures of different tables count the same people."""
        self.add_line([figure], twin)

    @property
    def hidden(self) -> set[Hashable]:
        if self._hidden is None:
            self._hidden = self._protect()
        return self._hidden

    def shown(self, key: Hashable) -> int | Suppressed:
        """The figure, or SUPPRESSED; a figure never registered counts as zero people."""
        return SUPPRESSED if key in self.hidden else self.values.get(key, 0)

    def any_hidden(self, *keys: Hashable) -> bool:
        """For derived figures (shares, means, points): hidden when what they rest on is."""
        return any(key in self.hidden for key in keys)

    def resolve(self, cell):
        """What a table shows for ``cell``: the figure, or SUPPRESSED."""
        if isinstance(cell, Count):
            return self.shown(cell.key)
        if isinstance(cell, Derived):
            return SUPPRESSED if self.any_hidden(*cell.rests_on) else cell.value
        return cell

    def _protect(self) -> set[Hashable]:
        values, k = self.values, self.k
        lines = [
            (tuple(m for m in members if m in values), total)
            for members, total in self.lines
            if total in values
        ]
        hidden = {key for key, n in values.items() if 0 < n < k}
        changed = True
        while changed:
            changed = False
            for members, total in lines:
                exposed = self._exposed(members, total, hidden)
                if exposed is not None:
                    hidden.add(exposed)
                    changed = True
        return hidden

    def _exposed(self, members, total, hidden) -> Hashable | None:
        """The figure to hide next so that this line reveals nothing, or None if it is safe."""
        values = self.values
        secret = [m for m in members if m in hidden]
        spare = sorted(
            (m for m in members if m not in hidden and values[m] > 0),
            key=lambda m: (m in self.anchors, values[m], repr(m)),
        )
        if total in hidden:
            # Every member shown would add up to the hidden total.
            return spare[0] if not secret and values[total] > 0 and spare else None
        if not secret or (len(secret) >= 2 and sum(values[m] for m in secret) >= self.k):
            return None
        return spare[0] if total in self.anchors and spare else total


# Free text: what a respondent wrote that could identify them or someone else.
# Order matters: a UCI named as such wins over the phone pattern that would also match.
_D = r"[0-9\u0660-\u0669\u06f0-\u06f9\u0a66-\u0a6f]"  # Western, Arabic-Indic, Persian, Gurmukhi
MARKERS = {
    "email": "[email removed]",
    "uci": "[UCI removed]",
    "phone": "[phone removed]",
    "address": "[address removed]",
}
# What goes between "UCI" and its number: "my UCI is 1234 5678", "UCI number: 12 3456 7890".
_UCI_LABEL = (
    r"\b(?:uci|iuc|client\s*(?:id|number|no\.?|#))"
    r"(?:\W|\b(?:is|number|num|no|est|es|el|le)\b|n[º°]){0,8}"
)
# Vowel signs and joiners that belong inside a word (Gurmukhi, Arabic script, accents)
# although \w leaves them out, so that words such as ਗਲੀ are read whole.
_MARKS = "\u0300-\u036f\u064b-\u065f\u0670\u200c\u0a01-\u0a03\u0a3c-\u0a4d\u0a51\u0a70\u0a71\u0a75"
_START = rf"(?<![\w{_MARKS}])"
_END = rf"(?![\w{_MARKS}])"
_NAME = rf"[^\W\d_][\w{_MARKS}'’.-]*"  # one word of a street name
# A street name starts with a capital where the script has them: "calle Bank" is an
# address, "la avenida pasa cada 15 minutos" is not.
_CAPITAL = r"(?-i:(?![a-zß-ÿа-яёіїєґ]))"
_STREET_NAME = rf"(?:(?:de|del|la|las|los)\s+){{0,2}}{_CAPITAL}{_NAME}"
# Street types written after the name: English, and as Urdu, Punjabi, Arabic, Persian,
# Ukrainian and Tigrinya speakers spell "123 Bank Street".
_STREET_TYPES = (
    "street|st|avenue|ave|road|rd|boulevard|blvd|drive|dr|crescent|cres|court|ct|lane|ln|"
    "way|place|pl|terrace|circle|cir|parkway|pkwy|highway|hwy|trail|square|sq|line|"
    "concession|gate|grove|heights|hill|park|ridge|row|close|mews|"
    "سٹریٹ|اسٹریٹ|روڈ|ایونیو|ستريت|أفينيو|استریت|ਸਟਰੀਟ|ਸਟ੍ਰੀਟ|ਰੋਡ|ਐਵੇਨਿਊ|"
    "стріт|стрит|роуд|авеню|ስትሪት"
)
_FRENCH_STREET_TYPES = (
    r"rue|avenue|av\.|boulevard|boul\.|bd|chemin|ch\.|route|rang|place|allée|impasse|"
    r"montée|côte|promenade|croissant|carré"
)
# The local word for street, road or avenue written before the name ("calle Bank 123",
# "١٢٣ شارع بانك"): es, ar, fa, ur, pa, uk, so, tl, ti.
_LOCAL_STREET_TYPES = (
    "calle|avenida|avda|av|carrera|camino|paseo|bulevar|plaza|calzada|carretera|"
    "شارع|جادة|خیابان|کوچه|بلوار|جاده|بزرگراه|سڑک|گلی|شاہراہ|ਸੜਕ|ਗਲੀ|"
    "вулиця|вул|проспект|просп|бульвар|бул|провулок|пров|шосе|площа|"
    "waddada|wadada|jidka|kalye|kalsada|daan|abenida|lansangan|ጎደና|መንገዲ|ጽርግያ"
)
# Words for "house number" between a street name and its number ("calle Bank, nº 45").
_HOUSE_NUMBER = (
    rf"(?:(?:n[º°o]|número|num|رقم|پلاک|شماره|مکان نمبر|نمبر|ਮਕਾਨ ਨੰਬਰ|ਨੰਬਰ|буд|будинок|"
    rf"guriga|lambarka|blg|bilang|ቁጽሪ){_END}\.?|[#№])\s*"
)
_HOUSE = rf"{_D}{{1,6}}[a-z]?"
_HAN = r"[\u3400-\u4dbf\u4e00-\u9fff]"
_UNIT = rf"(?:(?:apt|apartment|unit|suite|app|appartement|#)\.?\s*{_D}+[a-z]?\s*[-,]?\s*)?"
PATTERNS = [
    ("email", r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+"),
    ("uci", rf"(?P<uci_label>{_UCI_LABEL}){_D}(?:[\s-]?{_D}){{7,9}}(?!{_D})"),
    ("uci", rf"(?<![\d-]){_D}{{2}}-{_D}{{4}}-{_D}{{4}}(?![\d-])"),
    # 1234-5678, but not a span of years such as 2019-2023
    ("uci", rf"(?<![\d-])(?!(?:19|20)\d\d-(?:19|20)\d\d){_D}{{4}}-{_D}{{4}}(?![\d-])"),
    (
        "phone",
        rf"(?<![\w+])(?:\+?1[\s.-]?)?(?:\({_D}{{3}}\)|{_D}{{3}})[\s.-]?{_D}{{3}}[\s.-]?{_D}{{4}}"
        rf"(?:\s*(?:x|ext\.?|poste)\s*{_D}{{1,5}})?(?!\w)",
    ),
    ("phone", rf"\+{_D}(?:[\s().-]?{_D}){{7,14}}(?!\w)"),
    ("uci", rf"(?<![\w.,-]){_D}{{8}}(?![\w-])"),
    # A house number, then the street: 123 Main Street (a lower-case name only as one
    # word, "42 elm ave", so that "2 years for a place" stays), 1234, rue Sainte-Catherine,
    # 123 calle Bank, ١٢٣ شارع بانك
    (
        "address",
        rf"{_UNIT}\b{_HOUSE}(?:"
        rf"(?:-{_D}{{1,6}})?,?\s+(?:{_CAPITAL}{_NAME}\s+(?:{_NAME}\s+){{0,2}}|{_NAME}\s+)"
        rf"(?:{_STREET_TYPES}){_END}\.?"
        rf"|,?\s+(?:{_FRENCH_STREET_TYPES})\s+(?:(?:de|du|des|la|le|l'|d')\s*)?[\w'’.-]+"
        rf"(?:[\s-](?-i:[A-ZÀ-Þ])[\w'’.-]*){{0,3}}"
        rf"|\s*[,،]?\s*(?:{_LOCAL_STREET_TYPES}){_END}\.?\s*{_STREET_NAME})",
    ),
    # calle Bank 123, вул. Бенк, 123, خیابان بانک، پلاک ۱۲۳
    (
        "address",
        rf"{_START}(?:{_LOCAL_STREET_TYPES}){_END}\.?\s*{_STREET_NAME}(?:[\s-]+{_STREET_NAME})?"
        rf"\s*[,،]?\s*(?:{_HOUSE_NUMBER})?{_HOUSE}(?!{_D})",
    ),
    # Bank街123号, 中山路12号 (a number before 路 is a bus line: 95路)
    (
        "address",
        rf"(?:(?<![a-z])[a-z][a-z'’.-]*+\s?|(?:(?![在住于]){_HAN}){{1,4}})?"
        rf"(?:大街|大道|街|路)\s*{_D}{{1,6}}\s*[号號]",
    ),
    ("address", r"\b[a-ceghj-npr-tvxy]\d[a-ceghj-npr-tv-z][ -]?\d[a-ceghj-npr-tv-z]\d\b"),
]
_REDACT = re.compile(
    "|".join(f"(?P<{kind}{n}>{pattern})" for n, (kind, pattern) in enumerate(PATTERNS)),
    re.IGNORECASE,
)
_WORTH_CHECKING = re.compile(r"[\d@]")


def redact(text: str | None) -> str | None:
    """Replace e-mail addresses, phone numbers, street addresses, postal codes and UCI
    numbers with a marker such as "[email removed]"; everything else is kept."""
    if not text or not _WORTH_CHECKING.search(text):
        return text
    return _REDACT.sub(_marker, text)


def _marker(match: re.Match) -> str:
    """The marker for what matched; a UCI's label ("my UCI is") stays to read the marker by."""
    return (match["uci_label"] or "") + MARKERS[match.lastgroup.rstrip("0123456789")]
