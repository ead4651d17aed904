"""Format readers: raw bytes of one file in, ``(text, title or None)`` out.

Each reader takes ``(data, name)`` where ``name`` is the path shown in error messages, and
raises :class:`~loaders.errors.LoadError` for anything it cannot read. Readers do not
normalise whitespace; :func:`loaders.files.load_file` does that once for every format.
Heavy parsers (trafilatura, python-docx, pypdf) are imported inside the reader that needs them.
"""

from __future__ import annotations

import codecs
import io
import logging
import re
import zipfile
from collections.abc import Callable
from html.parser import HTMLParser

from .errors import LoadError

__all__ = ["FORMATS", "MAX_BYTES", "READERS", "decode_text", "megabytes", "read_docx", "read_html", "read_pdf", "read_text"]

Reader = Callable[[bytes, str], tuple[str, "str | None"]]

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


def _first_line(text: str) -> str | None:
    for line in text.splitlines():
        if line.strip():
            return line.strip()
    return None


def read_text(data: bytes, name: str) -> tuple[str, str | None]:
    """Read a plain-text or Markdown file; the title is the first non-empty line without '#'."""
    text = decode_text(data, name)
    first = _first_line(text)
    title = re.sub(r"^#{1,6}\s*", "", first).strip() if first else None
    return text, title or first


# --- HTML -------------------------------------------------------------------------------------

_BLOCK_TAGS = frozenset(
    "address article aside blockquote br dd div dl dt figcaption footer form h1 h2 h3 h4 h5 h6 "
    "header hr li main nav ol p pre section table td th tr ul".split()
)
_SKIP_TAGS = frozenset("script style noscript template head svg".split())


class _TextDump(HTMLParser):
    """Fallback HTML-to-text: visible text with line breaks at block elements; also the title."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title: list[str] = []
        self.h1: list[str] = []
        self._skip = 0
        self._in_title = False
        self._in_h1 = False
        self._seen_h1 = False

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in _SKIP_TAGS:
            self._skip += 1
        if tag == "title":
            self._in_title = True
        if tag == "h1" and not self._seen_h1:
            self._in_h1 = True
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS and self._skip:
            self._skip -= 1
        if tag == "title":
            self._in_title = False
        if tag == "h1" and self._in_h1:
            self._in_h1 = False
            self._seen_h1 = True
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title.append(data)
        if self._in_h1:
            self.h1.append(data)
        if not self._skip:
            self.parts.append(data)

    def text(self) -> str:
        lines = (" ".join(line.split()) for line in "".join(self.parts).split("\n"))
        return "\n".join(line for line in lines if line)


def _html_charset(data: bytes) -> str | None:
    match = re.search(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", data[:4096], re.IGNORECASE)
    if not match:
        return None
    try:
        name = codecs.lookup(match.group(1).decode("ascii")).name
    except (LookupError, UnicodeDecodeError):
        return None
    # A page whose <meta> could be read as ASCII is not UTF-16 or UTF-32 whatever it says; the
    # HTML standard reads such a declaration as UTF-8 (decoded as UTF-16 it would be nonsense).
    return "utf-8" if name.startswith(("utf-16", "utf-32")) else name


def read_html(data: bytes, name: str) -> tuple[str, str | None]:
    """Read the main text of an HTML page (trafilatura), skipping navigation and comments.

    Falls back to a plain dump of the visible text when trafilatura finds no main content
    or fails on the page. Nothing is fetched or executed.
    """
    charset = _html_charset(data)
    html = None
    if charset and not data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            html = data.decode(charset)
        except UnicodeDecodeError:
            html = None
    if html is None:
        html = decode_text(data, name)

    dump = _TextDump()
    try:
        dump.feed(html)
        dump.close()
    except Exception as exc:  # html.parser is lenient, but a pathological page must not crash
        raise LoadError(name, f"cannot parse the HTML: {exc}") from exc
    title = " ".join("".join(dump.title).split()) or " ".join("".join(dump.h1).split()) or None

    text = ""
    try:
        import trafilatura

        text = (
            trafilatura.extract(
                html,
                include_comments=False,
                include_tables=True,
                favor_recall=True,
                output_format="txt",
                deduplicate=False,
            )
            or ""
        )
    except Exception:  # noqa: BLE001 - RecursionError, lxml errors...: use the plain dump
        text = ""
    if not text.strip():
        text = dump.text()
    if not text.strip():
        raise LoadError(name, "the HTML page has no visible text")
    # One block element per line; a blank line between blocks marks paragraphs the way
    # saved-as-text pages and the other readers do.
    return "\n\n".join(line for line in text.split("\n") if line.strip()), title


# --- Office and PDF ---------------------------------------------------------------------------


def read_docx(data: bytes, name: str) -> tuple[str, str | None]:
    """Read a Word .docx: paragraphs and table cells in document order, headings as lines."""
    try:
        import docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph

        with zipfile.ZipFile(io.BytesIO(data)) as packed:
            unpacked = sum(member.file_size for member in packed.infolist())
        if unpacked > MAX_BYTES:
            raise LoadError(
                name,
                f"unpacks to {megabytes(unpacked)}, more than kg reads ({megabytes(MAX_BYTES)}); "
                "save its text as smaller files",
            )
        document = docx.Document(io.BytesIO(data))
        lines: list[str] = []
        heading: str | None = None
        for child in document.element.body.iterchildren():
            tag = child.tag.rsplit("}", 1)[-1]
            if tag == "p":
                para = Paragraph(child, document)
                lines.append(para.text)
                style = (para.style.name if para.style is not None else "") or ""
                if heading is None and para.text.strip() and style.lower().startswith(("heading", "title")):
                    heading = para.text.strip()
            elif tag == "tbl":
                lines.extend(_table_lines(Table(child, document)))
        core_title = (document.core_properties.title or "").strip()
    except LoadError:
        raise
    except Exception as exc:  # zip, XML and python-docx errors all mean the same to the user
        raise LoadError(name, f"not a readable .docx file ({type(exc).__name__}: {exc})") from exc
    return "\n\n".join(line for line in lines if line.strip()), core_title or heading


def _table_lines(table) -> list[str]:
    lines: list[str] = []
    for row in table.rows:
        seen: set[int] = set()
        for cell in row.cells:
            if id(cell._tc) in seen:  # a merged cell is returned once per grid column it spans
                continue
            seen.add(id(cell._tc))
            lines.append(cell.text)
    return lines


def read_pdf(data: bytes, name: str) -> tuple[str, str | None]:
    """Read a PDF's text page by page (pypdf), pages separated by a blank line."""
    try:
        from pypdf import PdfReader

        # pypdf logs each repair it makes to a damaged file ("invalid pdf header"); the user is
        # told of a file kg cannot read by kg's own report, which names it and says why
        logging.getLogger("pypdf").setLevel(logging.ERROR)
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                unlocked = reader.decrypt("")
            except Exception:  # noqa: BLE001 - unsupported cipher and the like
                unlocked = 0
            if not unlocked:
                raise LoadError(name, "the PDF is encrypted and needs a password; save an unlocked copy")
        pages = [(page.extract_text() or "").strip("\n") for page in reader.pages]
        meta = reader.metadata
        title = (meta.title or "").strip() if meta is not None else ""
    except LoadError:
        raise
    except Exception as exc:  # pypdf raises many types for damaged files
        raise LoadError(name, f"not a readable PDF file ({type(exc).__name__}: {exc})") from exc
    return "\n\n".join(page for page in pages if page.strip()), title or None


READERS: dict[str, Reader] = {
    ".docx": read_docx,
    ".htm": read_html,
    ".html": read_html,
    ".markdown": read_text,
    ".md": read_text,
    ".pdf": read_pdf,
    ".txt": read_text,
}

# Document.format for each suffix: the name of the loader that read it.
FORMATS: dict[str, str] = {
    ".docx": "docx",
    ".htm": "html",
    ".html": "html",
    ".markdown": "md",
    ".md": "md",
    ".pdf": "pdf",
    ".txt": "txt",
}
