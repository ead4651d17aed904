"""Loading files of every supported format, bad inputs, and discovering files in folders."""

from __future__ import annotations

import codecs
import contextlib
import os
import pwd
import shutil
import tempfile
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

import loaders
from loaders import READERS, Document, LoadError, Skipped, discover, load_file
from loaders.reading import MAX_BYTES

NOTES = """Quarry Lane Network Quarry Lane Network

Note from the Meadow Cell 1

The cell met online on 2 February 2023. Our speaker was Ottoline Brackwater, founder of Fernleaf Co-op.

Read more
Quarry Lane Network Quarry Lane Network

Note from the Meadow Cell 2

Jonas Thistlewood, chair of Lowmarsh Trust, opened the meeting and thanked everyone.

Read more
"""


def minimal_pdf(lines: list[str], title: str | None = None) -> bytes:
    """A valid one-page PDF showing ``lines`` in Helvetica, written by hand with a correct xref."""
    ops = ["BT", "/F1 12 Tf", "14 TL", "72 720 Td"]
    for line in lines:
        escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        ops.append(f"({escaped}) Tj T*")
    ops.append("ET")
    stream = "\n".join(ops).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    if title is not None:
        objects.append(b"<< /Title (" + title.encode("latin-1") + b") >>")
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref_at = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    info = b" /Info 6 0 R" if title is not None else b""
    out += b"trailer\n<< /Size %d /Root 1 0 R%s >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, info, xref_at)
    return bytes(out)


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8", newline="")
    else:
        path.write_bytes(content)
    return path


# --- the public API ---------------------------------------------------------------------------


def test_public_api_is_sorted_and_importable() -> None:
    assert loaders.__all__ == sorted(loaders.__all__)
    for name in loaders.__all__:
        assert hasattr(loaders, name)
    assert sorted(READERS) == [".docx", ".eml", ".htm", ".html", ".markdown", ".md", ".pdf", ".txt"]


# --- text and markdown ------------------------------------------------------------------------


def test_txt_document_has_title_date_text_and_note_sections(tmp_path: Path) -> None:
    path = write(tmp_path, "notes.txt", NOTES.replace("\n", "\r\n"))
    doc = load_file(path, display_path="corpus/notes.txt")
    assert isinstance(doc, Document)
    assert doc.path == "corpus/notes.txt"
    assert doc.format == "txt"
    assert doc.title == "Quarry Lane Network Quarry Lane Network"
    assert doc.date == "2023-02-02"
    assert "\r" not in doc.text
    assert [s.title for s in doc.sections] == ["Note from the Meadow Cell 1", "Note from the Meadow Cell 2"]
    assert [s.date for s in doc.sections] == ["2023-02-02", None]
    for section in doc.sections:
        assert doc.text[section.start : section.end] == section.text
    assert doc.id.startswith("doc:") and len(doc.sha256) == 64


def test_same_bytes_give_the_same_document_whatever_the_file_name(tmp_path: Path) -> None:
    first = load_file(write(tmp_path, "a.txt", NOTES), display_path="a.txt")
    second = load_file(write(tmp_path, "sub/renamed copy.txt", NOTES), display_path="a.txt")
    assert first == second


def test_text_is_normalised_only_for_newlines_nbsp_and_trailing_spaces(tmp_path: Path) -> None:
    raw = "Title line   \r\nA\u00a0B  keeps  inner  spaces\t\r\n\u00a0\r\nlast line"
    doc = load_file(write(tmp_path, "n.txt", raw))
    assert doc.text == "Title line\nA B  keeps  inner  spaces\n\nlast line"


def test_markdown_title_drops_heading_marks_but_text_stays_verbatim(tmp_path: Path) -> None:
    doc = load_file(write(tmp_path, "readme.md", "# Kestrel Fund annual note\n\nThe fund met on 5 May 2020.\n"))
    assert doc.format == "md"
    assert doc.title == "Kestrel Fund annual note"
    assert doc.text.startswith("# Kestrel Fund annual note")
    assert doc.date == "2020-05-05"
    assert load_file(write(tmp_path, "x.markdown", "plain words here\n")).format == "md"


def test_control_characters_become_spaces_and_page_breaks_line_breaks(tmp_path: Path) -> None:
    # A terminal escape sequence in a document must not reach what kg prints: quotes are
    # slices of this text, so the text itself is cleaned, one character for one.
    raw = "Notes\n\nAda Brown\x1b[2J rang\x07 twice.\x0cPage two\u2028starts here.\n"
    doc = load_file(write(tmp_path, "n.txt", raw))
    assert doc.text == "Notes\n\nAda Brown [2J rang  twice.\nPage two\nstarts here.\n"
    assert not any(ord(c) < 32 and c not in "\n\t" for c in doc.text)


def test_utf8_bom_cp1252_and_utf16_are_decoded(tmp_path: Path) -> None:
    sentence = "Café meeting – Zoë’s notes"
    bom = load_file(write(tmp_path, "bom.txt", codecs.BOM_UTF8 + sentence.encode("utf-8")))
    cp = load_file(write(tmp_path, "cp.txt", sentence.encode("cp1252")))
    le = load_file(write(tmp_path, "le.txt", sentence.encode("utf-16")))
    be = load_file(write(tmp_path, "be.txt", codecs.BOM_UTF16_BE + sentence.encode("utf-16-be")))
    assert bom.text == cp.text == le.text == be.text == sentence
    assert bom.title == sentence


def test_latin1_bytes_undefined_in_cp1252_still_decode(tmp_path: Path) -> None:
    doc = load_file(write(tmp_path, "l1.txt", b"Caf\xe9 \x81 note"))
    assert doc.text.startswith("Café")


def test_binary_content_in_a_txt_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(LoadError, match="looks like a binary file"):
        load_file(write(tmp_path, "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10))
    with pytest.raises(LoadError, match="looks like a binary file"):
        load_file(write(tmp_path, "ctrl.txt", bytes(range(1, 9)) * 50 + b"some words"))


@pytest.mark.parametrize("content", [b"", b"  \n\r\n\t "])
def test_empty_file_is_refused(tmp_path: Path, content: bytes) -> None:
    with pytest.raises(LoadError, match="empty file") as info:
        load_file(write(tmp_path, "empty.txt", content), display_path="shown/empty.txt")
    assert info.value.path == "shown/empty.txt"


def test_unsupported_suffix_lists_the_supported_ones(tmp_path: Path) -> None:
    with pytest.raises(LoadError, match=r"unsupported file type \.xyz \(supported: \.docx, .*\.txt\)"):
        load_file(write(tmp_path, "data.xyz", "words"))


def test_missing_file_is_a_load_error(tmp_path: Path) -> None:
    with pytest.raises(LoadError, match="cannot read the file"):
        load_file(tmp_path / "gone.txt")


def test_names_with_spaces_and_non_ascii_load(tmp_path: Path) -> None:
    path = write(tmp_path, "réunion d’été 2021/notes – Ørsted.txt", "Réunion\n\nOn 1 July 2021 we met.\n")
    doc = load_file(path)
    assert doc.path == str(path)
    assert doc.title == "Réunion"
    files, skipped = discover([tmp_path])
    assert files == [path] and skipped == []


# --- html -------------------------------------------------------------------------------------

ARTICLE = """<!doctype html>
<html><head><meta charset="utf-8"><title>Saltmarsh Alliance | Winter gathering</title>
<script>document.write("never run")</script><style>p {color: red}</style></head>
<body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/about">About us</a></li><li><a href="/news">News</a></li></ul></nav>
<main><article>
<h1>Winter gathering of the Saltmarsh Alliance</h1>
<p>The alliance met in Harrowgate Hall on 9 December 2021 and welcomed forty members from six towns.</p>
<p>Imogen Featherstonehaugh, treasurer of the Bramblecote Society, explained how the shared
fund will work next year.</p>
<p>Members agreed that the small grants scheme should continue for at least another three years.</p>
</article></main>
<footer><p>Copyright Saltmarsh Alliance. Registered charity.</p></footer>
</body></html>
"""


def test_html_keeps_the_article_and_drops_navigation_and_scripts(tmp_path: Path) -> None:
    doc = load_file(write(tmp_path, "winter.html", ARTICLE))
    assert doc.format == "html"
    assert doc.title == "Saltmarsh Alliance | Winter gathering"
    assert "Imogen Featherstonehaugh, treasurer of the Bramblecote Society" in doc.text
    assert "never run" not in doc.text and "color: red" not in doc.text
    assert "About us" not in doc.text
    assert doc.date == "2021-12-09"
    # Paragraphs stay separate lines.
    assert any(line.startswith("Members agreed") for line in doc.text.split("\n"))


def test_html_paragraphs_are_separated_by_blank_lines(tmp_path: Path) -> None:
    doc = load_file(write(tmp_path, "winter.html", ARTICLE))
    assert "six towns.\n\nImogen Featherstonehaugh" in doc.text


def test_html_page_of_notes_is_split_into_sections(tmp_path: Path) -> None:
    notes = "".join(
        f"""<div class="note"><div class="site">Quarry Lane Network</div><h2>Note from the Meadow Cell {i}</h2>
        <p>The cell met online and talked about orchard project {i} with several members present today.</p>
        <p>Members from Eastmere agreed to report back on the project by the end of the season.</p>
        <a href="/n{i}">Read more</a></div>"""
        for i in (1, 2, 3)
    )
    page = (
        "<html><head><title>Notes</title></head><body>"
        f"<nav><a href='/'>Home</a></nav><main>{notes}</main></body></html>"
    )
    doc = load_file(write(tmp_path, "notes.html", page))
    assert [s.title for s in doc.sections] == [f"Note from the Meadow Cell {i}" for i in (1, 2, 3)]


def test_html_falls_back_to_a_plain_text_dump_when_trafilatura_fails(tmp_path: Path, monkeypatch) -> None:
    import trafilatura

    def broken(*args, **kwargs):
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(trafilatura, "extract", broken)
    doc = load_file(write(tmp_path, "winter.html", ARTICLE))
    assert "Imogen Featherstonehaugh, treasurer of the Bramblecote Society" in doc.text
    assert "never run" not in doc.text and "color: red" not in doc.text
    assert doc.title == "Saltmarsh Alliance | Winter gathering"


def test_html_without_a_title_tag_uses_the_first_h1(tmp_path: Path) -> None:
    html = (
        "<html><body><h1>Heathfield update</h1>"
        "<p>Short news about the Heathfield garden and its bees.</p></body></html>"
    )
    doc = load_file(write(tmp_path, "u.htm", html))
    assert doc.title == "Heathfield update"
    assert "Heathfield garden" in doc.text


def test_html_declared_charset_is_respected(tmp_path: Path) -> None:
    html = (
        '<html><head><meta charset="windows-1252"><title>Caf\xe9</title></head>'
        "<body><p>Caf\xe9 na\xefve r\xe9sum\xe9 text for the page body.</p></body></html>"
    )
    doc = load_file(write(tmp_path, "c.html", html.encode("cp1252")))
    assert doc.title == "Café"
    assert "naïve résumé" in doc.text


def test_an_html_page_that_says_utf16_in_its_meta_is_read_as_utf8(tmp_path: Path) -> None:
    # A <meta> readable as ASCII cannot be UTF-16; decoding it so would give nonsense.
    html = (
        '<html><head><meta charset="utf-16"><title>Caf\u00e9 notes</title></head>'
        "<body><p>The Tarn choir met in the caf\u00e9 on Friday.</p></body></html>"
    )
    data = html.encode("utf-8")
    data += b" " * (len(data) % 2)  # an even length decodes as UTF-16 without an error
    doc = load_file(write(tmp_path, "u16.html", data))
    assert doc.title == "Café notes" and "Tarn choir met" in doc.text


def test_a_long_run_of_spaces_is_read_in_linear_time(tmp_path: Path) -> None:
    # [ \t]+$ retried from every space: 160,000 spaces took two minutes. Bounded by a hard
    # deadline well above the linear time, not timed precisely.
    import time

    text = "Notes\n\nThe Alder group met." + " " * 400_000 + "It went well.   \nDone.\t\n"
    started = time.monotonic()
    doc = load_file(write(tmp_path, "spaces.txt", text))
    assert time.monotonic() - started < 20
    assert doc.text.endswith("It went well.\nDone.\n") or "It went well.\nDone." in doc.text


def test_titles_and_names_carry_no_control_characters(tmp_path: Path) -> None:
    doc = load_file(write(tmp_path, "t.txt", "Notes \x1b]0;pwned\x07 from the Alder group\n\nBody text here.\n"))
    assert "\x1b" not in doc.title and "\x07" not in doc.title
    with pytest.raises(LoadError) as raised:
        load_file(write(tmp_path, "a\x1b]0;x\x07.txt", ""))  # empty: reported by its name
    assert "\x1b" not in raised.value.path and "\\x1b" in raised.value.path


@pytest.mark.parametrize("word", ["\u017feptember", "Apr\u0131l", "\u017fept"])
def test_a_month_that_matches_only_ignoring_unicode_case_is_no_date(tmp_path: Path, word: str) -> None:
    # re.IGNORECASE matches "ſ" to "s" and "ı" to "i", but lower() does not map them back
    doc = load_file(write(tmp_path, "d.txt", f"Notes\n\n17 {word} 2020 the Alder group met.\n"))
    assert doc.date is None


def test_deeply_nested_html_does_not_crash(tmp_path: Path) -> None:
    inner = "<p>Deep text about the Moorfield choir.</p>"
    html = "<html><body>" + "<div>" * 20000 + inner + "</div>" * 20000 + "</body></html>"
    try:
        doc = load_file(write(tmp_path, "deep.html", html))
    except LoadError:
        return  # refusing with a reason is acceptable; crashing is not
    assert "Moorfield choir" in doc.text


def test_html_with_no_visible_text_is_refused(tmp_path: Path) -> None:
    with pytest.raises(LoadError, match="no visible text"):
        load_file(write(tmp_path, "blank.html", "<html><head><script>x=1</script></head><body> </body></html>"))


# --- docx -------------------------------------------------------------------------------------


def make_docx(path: Path, *, core_title: str | None = None) -> Path:
    import docx

    document = docx.Document()
    if core_title:
        document.core_properties.title = core_title
    document.add_heading("Lowmarsh Trust board note", level=1)
    document.add_paragraph("The board met on 11 October 2022 at the ferry house.")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Name"
    table.cell(0, 1).text = "Role"
    table.cell(1, 0).text = "Hester Quillfeather"
    table.cell(1, 1).text = "Treasurer"
    document.add_paragraph("Next steps were agreed after the table.")
    document.save(path)
    return path


def test_docx_paragraphs_and_tables_in_order(tmp_path: Path) -> None:
    doc = load_file(make_docx(tmp_path / "board note.docx"))
    assert doc.format == "docx"
    assert doc.title == "Lowmarsh Trust board note"
    assert doc.date == "2022-10-11"
    order = [doc.text.index(s) for s in ("board note", "11 October", "Hester Quillfeather", "Treasurer", "Next steps")]
    assert order == sorted(order)
    assert "Lowmarsh Trust board note" in doc.text.split("\n")  # the heading is its own line


def test_docx_core_title_wins(tmp_path: Path) -> None:
    doc = load_file(make_docx(tmp_path / "t.docx", core_title="Minutes, autumn"))
    assert doc.title == "Minutes, autumn"


def test_a_docx_that_unpacks_to_more_than_kg_reads_is_refused_unopened(tmp_path: Path) -> None:
    # A "zip bomb": a few hundred kilobytes that inflate past the limit.
    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z, z.open("word/document.xml", "w") as fh:
        chunk = b" " * 2**20
        for _ in range(MAX_BYTES // len(chunk) + 1):
            fh.write(chunk)
    assert path.stat().st_size < 2**20
    with pytest.raises(LoadError, match=r"unpacks to 129 MB, more than kg reads \(128 MB\)"):
        load_file(path)


def test_a_file_larger_than_kg_reads_is_refused_with_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with open(path, "wb") as fh:
        fh.truncate(MAX_BYTES + 1)  # sparse: no disk used
    with pytest.raises(LoadError, match=r"huge.txt: larger than kg reads \(128 MB\); split it"):
        load_file(path)


@pytest.mark.parametrize("content", [b"PK\x03\x04 not really a zip", b"plain text pretending to be docx"])
def test_corrupt_docx_is_a_load_error(tmp_path: Path, content: bytes) -> None:
    with pytest.raises(LoadError, match="not a readable .docx file"):
        load_file(write(tmp_path, "broken.docx", content))


# --- pdf --------------------------------------------------------------------------------------


def test_pdf_text_and_metadata_title(tmp_path: Path) -> None:
    lines = ["Fernleaf Co-op report", "Agreed on 30 June 2020 by the members."]
    data = minimal_pdf(lines, title="Fernleaf annual report")
    doc = load_file(write(tmp_path, "report.pdf", data))
    assert doc.format == "pdf"
    assert doc.title == "Fernleaf annual report"
    assert "Fernleaf Co-op report" in doc.text
    assert doc.date == "2020-06-30"


def test_pdf_without_metadata_is_titled_by_its_first_line(tmp_path: Path) -> None:
    doc = load_file(write(tmp_path, "r.pdf", minimal_pdf(["Greenhollow summary", "Second line."])))
    assert doc.title == "Greenhollow summary"


@pytest.mark.parametrize("content", [b"%PDF-1.4\nthis is not a pdf body at all", b"%PDF-1.4\n" + b"\xff" * 64])
def test_corrupt_pdf_is_a_load_error(tmp_path: Path, content: bytes, caplog: pytest.LogCaptureFixture) -> None:
    with pytest.raises(LoadError, match="PDF"):
        load_file(write(tmp_path, "broken.pdf", content))
    # kg's report says why; pypdf's own log lines ("invalid pdf header") would only add noise
    assert [r for r in caplog.records if r.name.startswith("pypdf")] == []


def test_password_protected_pdf_is_a_load_error(tmp_path: Path) -> None:
    import io

    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(minimal_pdf(["Secret minutes"]))))
    writer.encrypt(user_password="kingfisher", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    with pytest.raises(LoadError, match="encrypted and needs a password"):
        load_file(write(tmp_path, "locked.pdf", buffer.getvalue()))


# --- discover ---------------------------------------------------------------------------------


def test_discover_walks_folders_sorted_and_skips_hidden_and_unsupported(tmp_path: Path) -> None:
    for name in ("b.txt", "A.md", "sub/c.html", "sub/deeper/d.pdf", ".hidden.txt", ".git/e.txt", "sub/photo.jpg"):
        write(tmp_path, name, "words")
    files, skipped = discover([tmp_path])
    assert [p.relative_to(tmp_path).as_posix() for p in files] == ["A.md", "b.txt", "sub/c.html", "sub/deeper/d.pdf"]
    assert skipped == [Skipped(str(tmp_path / "sub" / "photo.jpg"), "unsupported file type .jpg")]
    assert discover([tmp_path]) == (files, skipped)


def test_discover_explains_explicit_unsupported_and_missing_paths(tmp_path: Path) -> None:
    photo = write(tmp_path, "photo.JPG", b"\xff\xd8")
    files, skipped = discover([photo, tmp_path / "nowhere", str(tmp_path / "Makefile")])
    assert files == []
    assert skipped[0].path == str(photo)
    assert skipped[0].reason.startswith("unsupported file type .jpg (supported: .docx")
    assert skipped[1] == Skipped(str(tmp_path / "nowhere"), "no such file or folder")
    assert skipped[2] == Skipped(str(tmp_path / "Makefile"), "no such file or folder")


def test_discover_survives_symlink_loops_and_loads_each_file_once(tmp_path: Path) -> None:
    note = write(tmp_path, "root/notes/n.txt", "words")
    os.symlink(tmp_path / "root", tmp_path / "root" / "notes" / "loop")
    files, skipped = discover([tmp_path / "root", note])
    assert files == [note]
    reasons = sorted(s.reason for s in skipped)
    assert any("symbolic link loop" in r for r in reasons)
    assert any(r.startswith("same file as") for r in reasons)


def test_discover_reports_broken_links(tmp_path: Path) -> None:
    write(tmp_path, "ok.txt", "words")
    os.symlink(tmp_path / "missing.txt", tmp_path / "dangling.txt")
    files, skipped = discover([tmp_path])
    assert [p.name for p in files] == ["ok.txt"]
    assert skipped == [Skipped(str(tmp_path / "dangling.txt"), "broken symbolic link")]


@contextlib.contextmanager
def _unprivileged():
    """Run the block without root's power to read anything: as "nobody" when the tests run as
    root (CI does), by switching the effective user only, so it can be switched back."""
    if os.geteuid() != 0:
        yield
        return
    nobody = pwd.getpwnam("nobody")
    os.setegid(nobody.pw_gid)
    os.seteuid(nobody.pw_uid)
    try:
        yield
    finally:
        os.seteuid(0)
        os.setegid(0)


def test_unreadable_files_and_folders_are_skipped_with_the_os_reason() -> None:
    # a folder of its own under /tmp: pytest's tmp_path is private to the user running the tests
    root = Path(tempfile.mkdtemp(prefix="kg-perm-"))
    root.chmod(0o755)
    readable = write(root, "notes.txt", "words")
    readable.chmod(0o644)
    secret = write(root, "secret.txt", "words")
    locked = root / "locked"
    locked.mkdir()
    write(locked, "inside.txt", "words")
    secret.chmod(0)
    locked.chmod(0)
    load_file(readable)  # imports the codecs first: "nobody" may not read Python's own library
    try:
        with _unprivileged():
            files, skipped = discover([root])
            assert files == [readable]
            assert sorted(skipped, key=lambda s: s.path) == [
                Skipped(str(locked), "Permission denied"),
                Skipped(str(secret), "Permission denied"),
            ]
            with pytest.raises(LoadError, match="Permission denied"):
                load_file(secret)
            assert load_file(readable).text.strip() == "words"
    finally:
        secret.chmod(0o644)
        locked.chmod(0o755)
        shutil.rmtree(root)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=400), suffix=st.sampled_from(sorted(READERS)))
@example(data=b"", suffix=".txt")  # refused: empty
@example(data=b"Notes\n\nSome words.\n", suffix=".md")  # read
def test_any_bytes_either_load_or_raise_load_error(tmp_path: Path, data: bytes, suffix: str) -> None:
    path = tmp_path / f"random{suffix}"
    path.write_bytes(data)
    try:
        doc = load_file(path)
    except LoadError as exc:
        event(f"refused ({suffix})")
        assert exc.reason
    else:
        event(f"read ({suffix})")
        assert doc.text.strip()
        for section in doc.sections:
            assert doc.text[section.start : section.end] == section.text


def test_a_cookie_notice_opening_a_saved_web_page_is_left_out(tmp_path: Path) -> None:
    page = tmp_path / "saved-page.txt"
    page.write_text(
        "We use cookies\n\nThis site stores cookies to count visits. Accept cookies to go on.\n"
        "Community grants\nThe Alder Trust funds food projects in Hull.\n",
        encoding="utf-8",
    )
    doc = load_file(page)
    assert doc.title == "Community grants"
    assert doc.text.startswith("Community grants\n") and "cookie" not in doc.text.lower()
    assert [s.title for s in doc.sections] == ["Community grants"]
    # a page about cookies and nothing else is kept whole; a later mention of cookies is text
    only = tmp_path / "cookies.txt"
    only.write_text("Cookie policy\nWe set two cookies.\n", encoding="utf-8")
    assert load_file(only).title == "Cookie policy"
    later = tmp_path / "bake-sale.txt"
    later.write_text("Bake sale\nWe use cookies and cakes to raise funds.\n", encoding="utf-8")
    assert load_file(later).text.startswith("Bake sale\nWe use cookies")
