"""What a format reader gives back (:class:`Reading`), and what every reader shares: the
largest file kg reads, and the decoding of bytes that should be text.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable
from dataclasses import dataclass

from .errors import LoadError

__all__ = ["MAX_BYTES", "Reader", "Reading", "decode_text", "megabytes"]


@dataclass(frozen=True, slots=True)
class Reading:
    """What a reader found in a file: its text, and what the file itself says of it."""

    text: str
    title: str | None = None
    date: str | None = None  # ISO date the file states outside its text (an e-mail's Date header)
    # Lines of the text that are table rows: passages of their own, never a note's header.
    table_rows: tuple[str, ...] = ()


Reader = Callable[[bytes, str], Reading]

# Share of control characters (other than tab, newline, carriage return, form feed) above
# which decoded "text" is really binary data.
_MAX_CONTROL_RATIO = 0.05

# Larger files are refused with a reason rather than read: extraction holds a file's text
# several times over, and 128 MB of notes would take most of an hour to read. A .docx is
# measured unpacked, so a small zip that inflates to gigabytes is refused before it is opened.
MAX_BYTES = 128 * 2**20


def megabytes(n: int) -> str:
    """``n`` bytes as a rounded figure for messages: "130 MB"."""
    return f"{n / 2**20:,.0f} MB"


_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f]")


def decode_text(data: bytes, name: str) -> str:
    """Decode bytes that should be text: UTF-8 (BOM or not), UTF-16 with BOM, cp1252, latin-1.

    Raises:
        LoadError: the bytes look like a binary file rather than text.
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise LoadError(name, f"not valid UTF-16 text despite its byte-order mark ({exc.reason})") from exc
    else:
        if b"\x00" in data:
            raise LoadError(name, "looks like a binary file, not text")
        for encoding in ("utf-8-sig", "cp1252", "latin-1"):
            try:
                text = data.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
    controls = len(_CONTROL.findall(text))
    if text and controls / len(text) > _MAX_CONTROL_RATIO:
        raise LoadError(name, "looks like a binary file, not text")
    return text.lstrip("\ufeff")
