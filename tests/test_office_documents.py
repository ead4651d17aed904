"""Ordinary office documents read as a foundation's staff keep them: saved web pages, e-mails,
Word tables and minutes. Every name here is made up."""

from __future__ import annotations

import email.message
from pathlib import Path

import pytest

from loaders import load_file
from loaders.extract.extractor import make_extractor
from loaders.sections import split_sections

CHARITY_PAGE = """<!DOCTYPE html>
<html><head><title>Our work | Brindle Valley Trust</title></head>
<body>
<div id="cookie-banner" class="cookie-notice"><p>We use cookies to make this website work. By continuing
you accept our use of cookies.</p><button>Accept all cookies</button><a href="/cookies">Cookie settings</a></div>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/about">About us</a></li>
<li><a href="/work">Our work</a></li><li><a href="/contact">Contact</a></li></ul></nav></header>
<main>
<h1>Our work</h1>
<p>Brindle Valley Trust supports young carers across the valley. Since 2019 we have worked with
Farrow Youth Network to run weekend respite clubs.</p>
<p>Our director, Tamsin Okoye, said the clubs now reach more than two hundred families each year.</p>
</main>
<footer><p>Brindle Valley Trust is a registered charity in England and Wales (no. 1234567).
Registered office: 4 Mill Lane, Harrowgate. &copy; 2024 Brindle Valley Trust</p>
<ul><li><a href="/privacy">Privacy</a></li><li><a href="/terms">Terms</a></li></ul></footer>
</body></html>
"""

# The same kind of page without any semantic element: only class names say what is what.
DIV_PAGE = """<html><head><title>News - Hollybank Foundation</title></head><body>
<div class="cookies">This site uses cookies. <a href="#">Accept</a></div>
<div class="menu"><a href="/">Home</a> <a href="/news">News</a> <a href="/grants">Grants</a></div>
<div class="content"><h2>Hollybank Foundation awards new grants</h2>
<p>Hollybank Foundation has awarded grants to Pebble Street Project and Linden Advice Centre.</p></div>
<div class="site-footer">Hollybank Foundation is a registered charity (no. 7654321). &copy; 2024. Based in Chesterford.</div>
</body></html>
"""

# A page so small that trafilatura, asked for recall, keeps its menu.
TINY_PAGE = """<html><head><title>Contact</title></head><body>
<nav><a href="/">Home</a> | <a href="/about">About</a></nav>
<p>Call Marlow Hub on weekdays about the reading club.</p>
<footer>Marlow Hub is a registered charity (no. 111). &copy; 2023 Marlow Hub</footer>
</body></html>
"""

BOILERPLATE = ("Home", "About us", "cookie", "registered charity", "\u00a9", "Privacy", "Mill Lane", "Chesterford")


@pytest.fixture(scope="module")
def extractor():
    return make_extractor()


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return path


# -- saved web pages ----------------------------------------------------------------------------


@pytest.mark.parametrize("page", [CHARITY_PAGE, DIV_PAGE, TINY_PAGE], ids=["semantic", "divs", "tiny"])
def test_a_saved_page_keeps_its_text_and_drops_menu_cookie_banner_and_footer(tmp_path, page):
    doc = load_file(write(tmp_path, "page.html", page))
    for word in BOILERPLATE:
        assert word.lower() not in doc.text.lower(), f"{word!r} is boilerplate, yet in: {doc.text!r}"
    assert all(s.title not in ("Home", "Our work | Home") and "charity" not in s.title for s in doc.sections)
    assert len(doc.text.split()) >= 6  # the page's own words are all there


def test_the_footer_gives_no_fact(tmp_path, extractor):
    doc = load_file(write(tmp_path, "page.html", CHARITY_PAGE))
    found = extractor.extract(doc)
    assert "Tamsin Okoye" in {e.name for e in found.entities}  # the page's own text is read
    assert not [r for r in found.relations if r.type == "LOCATED_IN"]
    assert "Harrowgate" not in {e.name for e in found.entities}


def test_when_trafilatura_finds_nothing_the_fallback_leaves_out_the_chrome_too(tmp_path, monkeypatch):
    import trafilatura

    monkeypatch.setattr(trafilatura, "extract", lambda *a, **k: None)
    doc = load_file(write(tmp_path, "page.html", CHARITY_PAGE))
    assert "Tamsin Okoye" in doc.text
    for word in BOILERPLATE:
        assert word.lower() not in doc.text.lower()


def test_an_article_keeps_its_own_header(tmp_path):
    page = (
        "<html><body><nav>Home</nav><article><header><p>Posted by Ines Marwood, 3 May 2022</p></header>"
        "<p>The Quillon Fund met its new partners in Stavely for the first time.</p></article></body></html>"
    )
    doc = load_file(write(tmp_path, "post.html", page))
    assert "Posted by Ines Marwood" in doc.text and doc.date == "2022-05-03"
    assert "Home" not in doc.text


def test_a_page_saved_as_text_ends_without_its_footer(tmp_path):
    text = (
        "Our work\n\nThe Alder Trust funds food projects in Hull.\n\n"
        "The Alder Trust is a registered charity in England and Wales (no. 1000001)\n"
        "\u00a9 2024 The Alder Trust. All rights reserved.\nPrivacy policy | Terms and conditions\n"
    )
    doc = load_file(write(tmp_path, "saved.txt", text))
    assert doc.text == "Our work\n\nThe Alder Trust funds food projects in Hull."
    # the same words in a document's own text stay
    report = "Annual report\n\nWe became a registered charity in 2012 and grew fast.\n\nOur thanks to all volunteers.\n"
    assert "registered charity" in load_file(write(tmp_path, "report.txt", report)).text


# -- e-mails ------------------------------------------------------------------------------------


def _eml(html: bool = False) -> bytes:
    message = email.message.EmailMessage()
    message["From"] = "Jo Bramwell <jo.bramwell@riverbank-trust.org.uk>"
    message["To"] = "Grants Team <grants@hollins.example.org>"
    message["Subject"] = "RE: Partnership with Copse Lane Youth"
    message["Date"] = "Tue, 02 Mar 2021 09:15:00 +0000"
    body = (
        "Dear all,\n\nRiverbank Trust now funds Copse Lane Youth for the next three years. "
        "Please write to Ada.Fenwick@Copselane.org with questions.\n\n"
        "-----Original Message-----\nFrom: Ada Fenwick <ada.fenwick@copselane.org>\n"
        "Sent: Monday, March 1, 2021 5:00 PM\nSubject: Partnership\n\nThank you for the call today.\n"
    )
    if html:
        message.set_content(body.replace("\n", "<br>\n"), subtype="html")
    else:
        message.set_content(body)
    return bytes(message)


@pytest.mark.parametrize("html", [False, True], ids=["plain", "html"])
def test_an_eml_file_is_titled_by_its_subject_and_dated_by_its_date_header(tmp_path, html):
    doc = load_file(write(tmp_path, "partnership.eml", _eml(html)))
    assert doc.format == "eml"
    assert doc.title == "Partnership with Copse Lane Youth"
    assert doc.date == "2021-03-02"
    assert "Riverbank Trust now funds Copse Lane Youth" in doc.text
    # no header line is text, neither the message's own nor those of the message it quotes
    assert not any(line.startswith(("From:", "To:", "Sent:", "Subject:")) for line in doc.text.split("\n"))
    assert "@" not in doc.text and "@" not in doc.title


def test_text_that_starts_with_mail_headers_is_read_as_an_email(tmp_path):
    text = (
        "From: Jo Bramwell <jo.bramwell@riverbank-trust.org.uk>\nTo: grants@hollins.example.org\n"
        "Date: 12 April 2022\nSubject: Fwd: Notes from the Copse Lane visit\n\n"
        "The Copse Lane visit went well. Ada Fenwick showed us round.\n"
    )
    for suffix in ("txt", "md"):
        doc = load_file(write(tmp_path, f"visit.{suffix}", text))
        assert doc.title == "Notes from the Copse Lane visit"
        assert doc.date == "2022-04-12"
        assert doc.text.strip() == "The Copse Lane visit went well. Ada Fenwick showed us round."
    # a note that merely begins with a label is not an e-mail
    note = load_file(write(tmp_path, "note.txt", "Subject: river clean-up\nWe met at the weir.\n"))
    assert note.text.startswith("Subject: river clean-up")


def test_no_email_address_becomes_a_name(tmp_path, extractor):
    docs = [
        load_file(write(tmp_path, "partnership.eml", _eml())),
        load_file(
            write(
                tmp_path,
                "contacts.md",
                "# Contacts\n\nBen Ashworth, director of Hilltop Care Trust, "
                "can be reached at <Ben.Ashworth@Hilltop-Care.org.uk> or through "
                "Ada.Fenwick@Copselane.org on Mondays.\n",
            )
        ),
    ]
    for doc in docs:
        found = extractor.extract(doc)
        names = [form for e in found.entities for form in (e.name, *e.aliases)]
        assert names, "something is extracted"
        for form in names:
            assert not any(part in form.lower() for part in ("@", "copselane", "ben.ashworth", "ada.fenwick")), form
        for rel in found.relations:
            assert rel.evidence.quote == doc.text[rel.evidence.start : rel.evidence.end]  # offsets stay honest


# -- Word tables --------------------------------------------------------------------------------


def _board_paper(path: Path) -> Path:
    import docx

    document = docx.Document()
    document.add_heading("Board paper: partners", level=1)
    for caption, rows in (
        ("Trustees", [("Ada Fenwick", "Chair", "Riverbank Trust"), ("Ben Ashworth", "Treasurer", "Riverbank Trust")]),
        ("Partners", [("Cara Lindqvist", "Director", "Copse Lane Youth"), ("Dev Okafor", "Manager", "Hilltop Care")]),
    ):
        document.add_paragraph(caption)
        table = document.add_table(rows=len(rows) + 1, cols=3)
        for j, heading in enumerate(("Name", "Role", "Organisation")):
            table.cell(0, j).text = heading
        for i, row in enumerate(rows, start=1):
            for j, value in enumerate(row):
                table.cell(i, j).text = value
        document.add_paragraph("The board noted the list above and agreed it.")
    document.save(path)
    return path


def test_a_word_table_is_read_row_by_row_and_never_split_into_sections(tmp_path):
    doc = load_file(_board_paper(tmp_path / "board paper.docx"))
    paragraphs = doc.text.split("\n\n")
    assert "Name | Role | Organisation" in paragraphs  # the header row, one passage
    assert "Ada Fenwick | Chair | Riverbank Trust" in paragraphs  # each row one passage
    assert "Dev Okafor | Manager | Hilltop Care" in paragraphs
    # the header row repeats before each table's first row: still one section, titled by the paper
    assert [s.title for s in doc.sections] == ["Board paper: partners"]


def test_a_table_row_given_by_the_reader_is_never_a_delimiter():
    text = (
        "Name | Role\nAda Fenwick | Chair\nfirst body line\nsecond body line\n"
        "Name | Role\nBen Ashworth | Treasurer\nthird body line\nfourth body line\n"
    )
    assert len(split_sections(text, "Paper")) == 2  # shaped like a page of notes ...
    assert [s.title for s in split_sections(text, "Paper", table_rows=["Name | Role"])] == ["Paper"]  # ... but rows


# -- minutes ------------------------------------------------------------------------------------

MINUTES = """# Minutes of the Riverbank Trust board

{bold}Present:{bold}
Ada Fenwick, Ben Ashworth, Cara Lindqvist

{bold}Apologies:{bold} Dev Okafor

{bold}In attendance:{bold} Esme Holt (minutes)

{bold}Chair:{bold} Ada Fenwick

The board agreed the budget and thanked the finance group for its work.

# Minutes of the Riverbank Trust finance group

{bold}Present:{bold}
Ben Ashworth, Farah Quist, Gil Moreno

{bold}Apologies:{bold} Cara Lindqvist

{bold}In attendance:{bold} Esme Holt (minutes)

{bold}Chair:{bold} Ben Ashworth

The group reviewed the grants paid this year and the reserves policy.
"""


@pytest.mark.parametrize("bold", ["", "**"], ids=["plain", "bold"])
def test_minutes_headers_stay_lines_of_their_minutes(tmp_path, bold):
    doc = load_file(write(tmp_path, "minutes.md", MINUTES.format(bold=bold)))
    for section in doc.sections:
        assert not section.title.startswith(("Ada", "Ben", "Esme", "Dev", "Cara")), section.title
        assert not section.title.rstrip("*").endswith(":"), section.title
    covered = "".join(s.text for s in doc.sections)
    for line in MINUTES.format(bold=bold).split("\n"):
        if ":" in line and not line.startswith("#"):
            assert line in covered, f"{line!r} is in no section"
