"""Format readers: raw bytes of one file in, a :class:`~loaders.reading.Reading` (text, title,
date) out; :data:`READERS` maps each file ending to its reader. Web pages are read by
:mod:`loaders.web_pages`.

Each reader takes ``(data, name)`` where ``name`` is the path shown in error messages, and
raises :class:`~loaders.errors.LoadError` for anything it cannot read. Readers do not
normalise whitespace; :func:`loaders.files.load_file` does that once for every format.
Heavy parsers (trafilatura, lxml, python-docx, pypdf) are imported inside the reader that needs them.

What a reader leaves out is not text to extract from: a web page's menus, cookie banner and
footer, an e-mail's header lines. What it knows of the file's structure it says in the
``Reading``: an e-mail's subject and date, the rows of a Word table (each one line, cells
joined by " | "), which the section splitter must never take for a note's header.
"""

from __future__ import annotations

import io
import logging
import re
import zipfile

from .errors import LoadError
from .reading import MAX_BYTES, Reader, Reading, decode_text, megabytes
from .web_pages import read_html

__all__ = [
    "FORMATS",
    "READERS",
    "read_docx",
    "read_email",
    "read_pdf",
    "read_text",
    "supported",
]


def _first_line(text: str) -> str | None:
    for line in text.splitlines():
        if line.strip():
            return line.strip()
    return None


def read_text(data: bytes, name: str) -> Reading:
    """Read a plain-text or Markdown file; the title is the first non-empty line without '#'.

    Text that starts with e-mail header lines (From:, To:, Subject: ...) is read as an e-mail
    saved as text: see :func:`read_email`.
    """
    text = decode_text(data, name)
    mail = _text_email(text)
    if mail is not None:
        return mail
    first = _first_line(text)
    title = re.sub(r"^#{1,6}\s*", "", first).strip() if first else None
    return Reading(text, title or first)


# --- e-mail -----------------------------------------------------------------------------------

_HEADER_NAMES = ("from", "to", "cc", "bcc", "subject", "date", "sent", "reply-to")
# "From: ...", also as Markdown bold ("**From:** ...") or quoted in a reply ("> From: ...").
_HEADER_LINE = re.compile(r"^(?:>\s*)*[*_]{0,2}(" + "|".join(_HEADER_NAMES) + r")\s*:[*_]{0,2}\s*(.*)$", re.IGNORECASE)
_REPLY_PREFIX = re.compile(r"^(?:\s*(?:re|fw|fwd)\s*:\s*)+", re.IGNORECASE)


def _text_email(text: str) -> Reading | None:
    """``text`` read as an e-mail when its first lines are a header block that names a sender
    or subject (two header lines at least); None otherwise."""
    lines = text.split("\n")
    first = next((k for k, line in enumerate(lines) if line.strip()), None)
    if first is None or not _HEADER_LINE.match(lines[first].strip()):
        return None
    headers: dict[str, str] = {}
    end = first
    last = None
    for k in range(first, len(lines)):
        line = lines[k]
        if not line.strip():
            break
        match = _HEADER_LINE.match(line.strip())
        if match:
            last = match.group(1).lower()
            headers.setdefault(last, match.group(2).strip())
        elif line[:1] in " \t" and last is not None:  # a folded header goes on on the next line
            headers[last] = (headers[last] + " " + line.strip()).strip()
        else:
            return None  # a line of text inside the block: not a header block after all
        end = k + 1
    if len(headers) < 2 or not ({"from", "subject"} & headers.keys()):
        return None
    body = "\n".join(lines[end:])
    return _email_reading(headers.get("subject"), headers.get("date") or headers.get("sent"), body)


def _email_reading(subject: str | None, date: str | None, body: str, table_rows: tuple[str, ...] = ()) -> Reading:
    """An e-mail's body as text to extract from: the header lines of messages quoted in it
    ("From: ... Sent: ...") are left out, as the message's own are."""
    kept = [line for line in body.split("\n") if not _HEADER_LINE.match(line.strip())]
    title = _REPLY_PREFIX.sub("", subject or "").strip() or None
    return Reading("\n".join(kept), title, _header_date(date), table_rows)


def _header_date(value: str | None) -> str | None:
    """The ISO date of a Date (or Outlook "Sent") header: RFC 5322 or a written date."""
    if not value:
        return None
    from email.utils import parsedate_to_datetime

    from .dates import parse_date

    try:
        return parsedate_to_datetime(value).date().isoformat()
    except (TypeError, ValueError, IndexError, OverflowError):
        return parse_date(value)


def read_email(data: bytes, name: str) -> Reading:
    """Read an e-mail file (.eml): the title is its subject, the date its Date header, the text
    its body (plain text, else the HTML part's main text); header lines are not text.

    Attachments are not read: save them as files of their own to include them.
    """
    from email import policy
    from email.parser import BytesParser

    try:
        message = BytesParser(policy=policy.default).parsebytes(data)
        subject, date = message.get("subject"), message.get("date")
        part = message.get_body(preferencelist=("plain", "html"))
        if part is None:
            raise LoadError(name, "the e-mail has no text part to read")
        content = part.get_content()
    except LoadError:
        raise
    except Exception as exc:  # the email package raises many types for malformed messages
        raise LoadError(name, f"not a readable e-mail ({type(exc).__name__}: {exc})") from exc
    if isinstance(content, bytes):
        content = decode_text(content, name)
    rows: tuple[str, ...] = ()
    if part.get_content_subtype() == "html":
        html = read_html(content.encode("utf-8"), name)
        content, rows = html.text, html.table_rows
    if not content.strip():
        raise LoadError(name, "the e-mail has no text")
    return _email_reading(str(subject) if subject else None, str(date) if date else None, content, rows)


# --- Office and PDF ---------------------------------------------------------------------------


def read_docx(data: bytes, name: str) -> Reading:
    """Read a Word .docx: paragraphs and tables in document order, headings as lines.

    A table is read row by row, each row one line with its cells joined by " | " ("Ada Brown |
    Trustee | Riverside Trust"): a row is one passage, as a paragraph is.
    """
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
        rows: list[str] = []
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
                table_rows = _table_rows(Table(child, document))
                lines.extend(table_rows)
                rows.extend(table_rows)
        core_title = (document.core_properties.title or "").strip()
    except LoadError:
        raise
    except Exception as exc:  # zip, XML and python-docx errors all mean the same to the user
        raise LoadError(name, f"not a readable .docx file ({type(exc).__name__}: {exc})") from exc
    return Reading("\n\n".join(line for line in lines if line.strip()), core_title or heading, table_rows=tuple(rows))


def _table_rows(table) -> list[str]:
    """One line per row, its cells' text joined by " | "; a cell's own line breaks become spaces
    (a row is one passage), a nested table's rows are read after the row that holds it."""
    out: list[str] = []
    for row in table.rows:
        seen: set[int] = set()
        cells: list[str] = []
        nested: list[str] = []
        for cell in row.cells:
            if id(cell._tc) in seen:  # a merged cell is returned once per grid column it spans
                continue
            seen.add(id(cell._tc))
            cells.append(" ".join(cell.text.split()))
            for inner in cell.tables:
                nested.extend(_table_rows(inner))
        if any(cells):
            out.append(" | ".join(cells))
        out.extend(nested)
    return out


def read_pdf(data: bytes, name: str) -> Reading:
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
    return Reading("\n\n".join(page for page in pages if page.strip()), title or None)


# Suffix -> (Document.format, the reader): the one registry of what kg reads.
_REGISTRY: dict[str, tuple[str, Reader]] = {
    ".docx": ("docx", read_docx),
    ".eml": ("eml", read_email),
    ".htm": ("html", read_html),
    ".html": ("html", read_html),
    ".markdown": ("md", read_text),
    ".md": ("md", read_text),
    ".pdf": ("pdf", read_pdf),
    ".txt": ("txt", read_text),
}
READERS: dict[str, Reader] = {suffix: reader for suffix, (_, reader) in _REGISTRY.items()}
# Document.format for each suffix: the name of the loader that read it.
FORMATS: dict[str, str] = {suffix: fmt for suffix, (fmt, _) in _REGISTRY.items()}


def supported() -> str:
    """The file endings kg reads, for messages: ".docx, .eml, .htm, ..."."""
    return ", ".join(sorted(READERS))
