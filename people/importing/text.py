"""Text helpers shared by header mapping, row cleaning and duplicate matching."""

import re
import unicodedata
from datetime import date, datetime

# Letters that Unicode decomposition leaves alone but that people type either way.
_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae", "ø": "o", "ł": "l", "đ": "d"})
_NOT_ALPHANUMERIC = re.compile(r"[^0-9a-z]+")
# Spaces that spreadsheets carry over from word processors.
_ODD_SPACES = str.maketrans({"\xa0": " ", "\u202f": " ", "\u2007": " ", "\t": " "})


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_LIGATURES))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def normalise_name(name: str) -> str:
    """Reduce a name to a comparison key: "N'DIAYE", "Ndiaye" and "N’Diaye" give "ndiaye".

    Lowercase, no accents, no punctuation, no spaces. Used to match people within a file
    and against the people already in the database.
    """
    return _NOT_ALPHANUMERIC.sub("", strip_accents(name or ""))


def normalise_label(label: str) -> str:
    """Lowercase, no accents, punctuation turned into single spaces: "Né(e) le" gives "ne e le"."""
    return _NOT_ALPHANUMERIC.sub(" ", strip_accents(label or "")).strip()


def clean_text(value: object, *, multiline: bool = False) -> str:
    """Turn a cell into trimmed text with single spaces (line breaks kept if multiline)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        # Excel stores "93100" or a file number typed as a number as 93100.0.
        value = int(value)
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    text = unicodedata.normalize("NFC", str(value)).translate(_ODD_SPACES)
    if multiline:
        lines = (" ".join(line.split()) for line in text.splitlines())
        return "\n".join(line for line in lines if line)
    return " ".join(text.split())


def is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())
