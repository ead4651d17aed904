"""Reading a saved web page: its main text, without the site's menus, banners and footer.

The page's own chrome (navigation, cookie banners, header and footer, found by their elements,
roles and class names) is dropped first; trafilatura then finds the main text, and a plain dump
of what is left is used only when it finds none.
"""

from __future__ import annotations

import codecs
import re
from html.parser import HTMLParser

from .errors import LoadError
from .reading import Reading, decode_text

__all__ = ["read_html"]

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


# Parts of a page that are the site's, not the page's: found by element, ARIA role, or a class
# or id word, never by a site's wording.
_CHROME_TAGS = ("nav", "aside", "dialog")
_CHROME_ROLES = ("navigation", "banner", "contentinfo", "search", "dialog", "alertdialog")
_CHROME_WORDS = re.compile(
    r"(?:^|[-_\s])(?:cookies?|cookie\w*|consent|gdpr|nav|navbar|navigation|menu|breadcrumbs?|footer|"
    r"site-?header|masthead|skip-?link|social|share|newsletter|sidebar)(?:[-_\s]|$)",
    re.IGNORECASE,
)


def _without_chrome(html: str) -> str:
    """The page without its menus, cookie banner, header and footer (as far as its markup says),
    so that neither trafilatura nor the plain dump can take them for the page's text.

    A header or footer inside the page's article or main part is the article's own (a byline,
    a date) and stays; so does any element that holds the page's main part or heading, and an
    element picked only by a class or id word ("content sidebar-left") that holds most of its text.
    """
    try:
        import lxml.html

        tree = lxml.html.document_fromstring(html)
        body = tree.find("body")
        whole = len(body.text_content()) if body is not None else 0
        candidates = tree.xpath(
            "//nav | //aside | //dialog | //header | //footer | //*[@role] | //*[@class] | //*[@id]"
        )
        doomed = [element for element in candidates if _is_chrome(element, whole)]
        for element in doomed:
            if element.getparent() is not None:
                element.drop_tree()
        return lxml.html.tostring(tree, encoding="unicode")
    except Exception:  # noqa: BLE001 - an unparsable page is left to the readers' own fallbacks
        return html


def _is_chrome(element, whole: int) -> bool:
    tag = element.tag.lower() if isinstance(element.tag, str) else ""
    if tag in ("", "html", "head", "body", "main", "article"):
        return False
    if any(a.tag in ("article", "main") for a in element.iterancestors()):
        return False
    if (
        element.find(".//main") is not None
        or element.find(".//article") is not None
        or element.find(".//h1") is not None
    ):
        return False
    if tag in _CHROME_TAGS or tag in ("header", "footer") or (element.get("role") or "").lower() in _CHROME_ROLES:
        return True
    words = " ".join((element.get("class") or "", element.get("id") or ""))
    return bool(_CHROME_WORDS.search(words)) and not (whole and len(element.text_content()) > whole / 2)


def read_html(data: bytes, name: str) -> Reading:
    """Read the main text of an HTML page (trafilatura), skipping navigation and comments.

    Menus, cookie banners, the site's header and footer are removed first (see
    :func:`_without_chrome`). Falls back to a plain dump of the visible text only when
    trafilatura finds no main content or fails on the page. Nothing is fetched or executed.
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
    html = _without_chrome(html)

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
        dump = _TextDump()
        try:
            dump.feed(html)
            dump.close()
        except Exception:  # noqa: BLE001 - the first parse of this page succeeded; keep what it found
            pass
        text = dump.text()
    if not text.strip():
        raise LoadError(name, "the HTML page has no visible text")
    # One block element per line; a blank line between blocks marks paragraphs the way
    # saved-as-text pages and the other readers do.
    return Reading("\n\n".join(line for line in text.split("\n") if line.strip()), title)
