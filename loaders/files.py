"""Files in, :class:`~loaders.document.Document` records out.

:func:`discover` turns the paths a user named into a sorted list of files to load plus the
list of what was skipped and why; :func:`load_file` reads one file with the reader registered
for its suffix, normalises the text and splits it into sections.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .dates import parse_date
from .document import Document, content_id
from .errors import LoadError
from .readers import FORMATS, READERS, supported
from .reading import MAX_BYTES, megabytes
from .sections import split_sections

__all__ = [
    "DATE_WINDOW",
    "EMAIL_PLACEHOLDER",
    "Skipped",
    "discover",
    "load_file",
    "normalise_text",
    "shown_path",
    "without_email_addresses",
    "without_footer",
]

# A document's own date is one stated near its top, not one quoted deep in the text.
DATE_WINDOW = 600


@dataclass(frozen=True, slots=True)
class Skipped:
    """A path that was not loaded, and why (shown to the user by the caller)."""

    path: str
    reason: str


def _unsupported(suffix: str) -> str:
    return f"unsupported file type {suffix}" if suffix else "unsupported file type (no extension)"


def shown_path(path: str | Path) -> str:
    """``path`` as text that can be printed and stored: bytes in a file name that are not UTF-8
    (Linux allows any), and control characters (a terminal would run an escape sequence), are
    shown as ``\\xNN`` escapes rather than failing or acting later.

    >>> shown_path(os.fsdecode(b"caf\\xe9.txt")), shown_path("a\\x1b]0;x\\x07\\nb.txt")
    ('caf\\\\xe9.txt', 'a\\\\x1b]0;x\\\\x07\\\\x0ab.txt')
    """
    text = os.fsencode(path).decode("utf-8", "backslashreplace")
    return _NAME_CONTROLS.sub(lambda m: f"\\x{ord(m.group()):02x}", text) if _NAME_CONTROLS.search(text) else text


_NAME_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f]")


def discover(paths: Iterable[str | Path]) -> tuple[list[Path], list[Skipped]]:
    """Expand files and folders into the files kg can load, plus what was skipped and why.

    Folders are walked recursively in sorted order of relative path; hidden names (starting
    with ".") inside them are ignored, symbolic links are followed but a folder is never
    entered twice, so link loops end. Unsupported files inside folders are returned as
    Skipped too (the caller decides whether to show them). Paths are kept as the user named
    them (joined with the names found below them); a file named twice is loaded once.
    """
    files: list[Path] = []
    skipped: list[Skipped] = []
    seen_files: dict[str, Path] = {}
    seen_dirs: set[str] = set()

    def add_file(path: Path, explicit: bool) -> None:
        suffix = path.suffix.lower()
        if suffix not in READERS:
            reason = _unsupported(suffix)
            skipped.append(Skipped(shown_path(path), f"{reason} (supported: {supported()})" if explicit else reason))
            return
        try:
            with open(path, "rb"):
                pass
            real = os.path.realpath(path)
        except OSError as exc:
            skipped.append(Skipped(shown_path(path), _os_reason(exc)))
            return
        if real in seen_files:
            if explicit or seen_files[real] != path:
                skipped.append(Skipped(shown_path(path), f"same file as {shown_path(seen_files[real])}"))
            return
        seen_files[real] = path
        files.append(path)

    def walk(folder: Path, ancestors: frozenset[str]) -> None:
        real = os.path.realpath(folder)
        if real in ancestors:
            skipped.append(Skipped(shown_path(folder), "symbolic link loop: this folder contains itself"))
            return
        if real in seen_dirs:
            skipped.append(Skipped(shown_path(folder), "folder already included through another path"))
            return
        seen_dirs.add(real)
        try:
            with os.scandir(folder) as it:
                entries = sorted((entry.name for entry in it), key=_sort_key)
        except OSError as exc:
            skipped.append(Skipped(shown_path(folder), _os_reason(exc)))
            return
        inside = ancestors | {real}
        for name in entries:
            if not name.startswith("."):
                visit(folder / name, False, inside)

    def visit(path: Path, explicit: bool, ancestors: frozenset[str]) -> None:
        try:
            is_dir = path.is_dir()
            exists = is_dir or path.exists()
        except OSError as exc:
            skipped.append(Skipped(shown_path(path), _os_reason(exc)))
            return
        if not exists:
            reason = "broken symbolic link" if path.is_symlink() else "no such file or folder"
            skipped.append(Skipped(shown_path(path), reason))
        elif is_dir:
            walk(path, ancestors)
        elif path.is_file():
            add_file(path, explicit)
        else:
            skipped.append(Skipped(shown_path(path), "not a regular file"))

    for given in paths:
        visit(Path(given), True, frozenset())
    return files, skipped


def _sort_key(name: str) -> tuple[str, str]:
    # Case-insensitive first so "B.txt" sits with "b.txt"; the raw name breaks ties stably.
    return name.casefold(), name


def _os_reason(exc: OSError) -> str:
    return exc.strerror or str(exc)


# Control characters are not text: a page or line feed becomes a line break and the rest a
# space, one for one, so no quote can carry a terminal escape sequence into what kg prints.
_CONTROLS = {c: " " for c in [*range(0x09), *range(0x0E, 0x20), 0x7F, *range(0x80, 0xA0)]}
_CONTROLS.update({0x0B: "\n", 0x0C: "\n", 0x85: "\n", 0x2028: "\n", 0x2029: "\n"})
_CONTROL_TABLE = str.maketrans(_CONTROLS)
_ANY_CONTROL = re.compile("[" + "".join(map(chr, sorted(_CONTROLS))) + "]")


def normalise_text(text: str) -> str:
    """Newlines to ``\\n``, no-break spaces to spaces, control characters to spaces (page, line
    and paragraph separators to ``\\n``), trailing spaces stripped from each line."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u00a0", " ").replace("\u202f", " ")
    if _ANY_CONTROL.search(text):  # translate() is slow on long texts, the search is not
        text = text.translate(_CONTROL_TABLE)
    # Line by line: the pattern [ \t]+$ would retry from every space of a long run (quadratic).
    return "\n".join(line.rstrip(" \t") for line in text.split("\n"))


# The first line of a website's cookie notice, as pages copied from a browser often begin.
_COOKIE_NOTICE = re.compile(
    r"^(?:we use cookies|we(?:'|’)d like to use cookies|this (?:web)?site uses cookies|our (?:web)?site uses cookies|"
    r"cookies? (?:notice|policy|settings|preferences|consent)|(?:manage|accept) (?:all )?cookies|about cookies)\b",
    re.IGNORECASE,
)
_NOTICE_WINDOW = 2000  # a notice comes first: only this many characters are looked at


def without_cookie_notice(text: str) -> tuple[str, bool]:
    """``text`` without the cookie notice it opens with, and whether there was one.

    A notice is the run of lines at the start that each speak of cookies, beginning with a
    notice's usual first words ("We use cookies"); without it, the page's first line (often its
    title) would be the notice's heading, and its sentences would read as the page's own.
    """
    head = text[:_NOTICE_WINDOW]
    lines = head.split("\n")
    first = next((k for k, line in enumerate(lines) if line.strip()), None)
    if first is None or not _COOKIE_NOTICE.match(lines[first].strip()):
        return text, False
    end = first
    for k in range(first, len(lines) - 1):  # the window's last line may be cut short: never dropped
        if lines[k].strip() and "cookie" not in lines[k].lower():
            break
        end = k + 1
    rest = text[sum(len(line) + 1 for line in lines[:end]) :]
    if not rest.strip():
        return text, False  # a page about cookies, and nothing else: keep it whole
    return rest, True


# A site's footer as pages copied from a browser often end: copyright, charity and company
# registration, legal links. Only a run of such lines at the very end is left out: the same
# words inside a document (an annual report's "registered charity no. ...") are its text.
_FOOTER_LINE = re.compile(
    r"(?:\u00a9|\(c\)\s*(?:19|20)\d\d|\bcopyright\b|\ball rights reserved\b|\bregistered charity\b|"
    r"\bcharity (?:no|number|registration)\b|\bcompany (?:no|number|limited by guarantee|registered)\b|"
    r"\bregistered (?:office|in england|in scotland|in wales)\b|\bprivacy (?:policy|notice)\b|\bcookie policy\b|"
    r"\bterms (?:and|&) conditions\b|\baccessibility statement\b|\bsitemap\b)",
    re.IGNORECASE,
)
_FOOTER_MAX_CHARS = 400  # a footer line is short; a paragraph that mentions a charity number is text
_FOOTER_WINDOW = 12  # lines looked at from the end


def without_footer(text: str) -> str:
    """``text`` without the site footer it ends with (see :data:`_FOOTER_LINE`), if any.

    >>> without_footer("Our work\\n\\nWe run clubs.\\n\\nRiver Trust is a registered charity (no. 1). \u00a9 2024")
    'Our work\\n\\nWe run clubs.'
    """
    lines = text.split("\n")
    cut = len(lines)
    for k in range(len(lines) - 1, max(-1, len(lines) - 1 - _FOOTER_WINDOW), -1):
        line = lines[k].strip()
        if not line:
            continue
        if len(line) > _FOOTER_MAX_CHARS or not _FOOTER_LINE.search(line):
            break
        cut = k
    if cut == len(lines):
        return text
    kept = "\n".join(lines[:cut]).rstrip()
    return kept if kept.strip() else text  # a page that is all footer is kept whole


# An e-mail address, with the angle brackets or "mailto:" around it: never a name, in any document.
_EMAIL_ADDRESS = re.compile(r"<?(?:mailto:)?[\w.%+'-]+@[\w-]+(?:\.[\w-]+)+>?")
EMAIL_PLACEHOLDER = "(e-mail address)"


def without_email_addresses(text: str) -> str:
    """``text`` with each e-mail address replaced by a placeholder no extraction rule reads as a name.

    >>> without_email_addresses("Write to Ada Brown <ada.brown@hilltop.org.uk> today")
    'Write to Ada Brown (e-mail address) today'
    """
    return _EMAIL_ADDRESS.sub(EMAIL_PLACEHOLDER, text) if "@" in text else text


def load_file(path: Path, *, display_path: str | None = None) -> Document:
    """Read one file into a :class:`Document` with its title, date and sections.

    ``display_path`` is the path to record and report (e.g. relative to the build root);
    it defaults to ``str(path)``.

    Raises:
        LoadError: the file type is unsupported, or the file is unreadable, empty, binary,
            damaged or larger than :data:`~loaders.reading.MAX_BYTES`; the reason says which.
    """
    path = Path(path)
    shown = display_path if display_path is not None else shown_path(path)
    suffix = path.suffix.lower()
    reader = READERS.get(suffix)
    if reader is None:
        raise LoadError(shown, f"{_unsupported(suffix)} (supported: {supported()})")
    try:
        with open(path, "rb") as fh:
            data = fh.read(MAX_BYTES + 1)
    except OSError as exc:
        raise LoadError(shown, f"cannot read the file: {_os_reason(exc)}") from exc
    if len(data) > MAX_BYTES:
        raise LoadError(shown, f"larger than kg reads ({megabytes(MAX_BYTES)}); split it into smaller files")
    if not data.strip():
        raise LoadError(shown, "empty file")
    try:
        reading = reader(data, shown)
    except LoadError:
        raise
    except RecursionError as exc:
        raise LoadError(shown, "the file is too deeply nested to read") from exc
    except Exception as exc:  # a reader bug or library failure must still name the file
        raise LoadError(shown, f"cannot read the file ({type(exc).__name__}: {exc})") from exc
    raw_title = reading.title
    text = normalise_text(reading.text)
    if not text.strip():
        raise LoadError(shown, "no text found in the file")
    text, notice = without_cookie_notice(text)
    if notice and raw_title and "cookie" in raw_title.lower():
        raw_title = None  # the page's title was the notice's heading: its first line is the title
    text = without_email_addresses(without_footer(text))
    # A title from metadata is text like the rest: no control character reaches a terminal.
    title = " ".join(without_email_addresses(normalise_text(raw_title or "")).split()) or _first_line(text) or path.stem
    rows = tuple(" ".join(without_email_addresses(normalise_text(row)).split()) for row in reading.table_rows)
    doc_id, sha = content_id(data)
    return Document(
        id=doc_id,
        path=shown,
        format=FORMATS[suffix],
        title=title,
        date=reading.date or parse_date(text[:DATE_WINDOW]),
        text=text,
        sections=split_sections(text, title, table_rows=rows),
        sha256=sha,
    )


def _first_line(text: str) -> str | None:
    for line in text.split("\n"):
        if line.strip():
            return line.strip()
    return None
