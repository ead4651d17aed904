"""A small made-up corpus, written by tests into a temporary folder.

Every name and sentence here is invented for kg's tests.
"""

from __future__ import annotations

import itertools
from pathlib import Path

NOTES = """Riverbank Forum Riverbank Forum

Note from Harbour Cell 2

The second meeting of the Harbour cell was held online on 3 March 2021. It was chaired by Priya Raman, co-convenor of the Riverbank Forum.

Our first speaker was Tomasz Kowalczyk, CEO of Northgate Housing Trust. Tomasz described how tenants had shaped the new repair service. He said that deep listening had changed how the trust made decisions.

The second speaker was Helen Achebe from Saltmarsh Council. Helen explained that Saltmarsh Council works in partnership with Northgate Housing Trust on a shared hub in Saltmarsh.

Read more
Riverbank Forum Riverbank Forum

Note from Harbour Cell 3

The third meeting of the Harbour cell took place on 14 April 2021 and was introduced by Priya Raman.

Our speaker was Olu Adeyemi, Director of Greenway Foundation. Olu talked about participatory budgeting. Greenway Foundation has funded Northgate Housing Trust since 2019.

Read more
"""

BOARD = """# Board paper: partners in the west

Kestrel Fund is funded by the Alder Trust. Funding from the Alder Trust ended in 2022.

Marta Quinn, Chair of Kestrel Fund, said the fund would keep working with Greenway Foundation.
"""

HTML = """<!doctype html><html><head><title>Meadow Network update</title></head>
<body><nav><a href="/">Home</a> <a href="/about">About us</a></nav>
<main><h1>Meadow Network update</h1>
<p>Samira Doyle, Programme Lead at Meadow Network, wrote this update on the network's work in Harbourtown.</p>
<p>Meadow Network is a member of the Coastal Alliance, and Samira Doyle thanked the Greenway Foundation for its grant.</p>
</main><footer>Cookie settings</footer></body></html>
"""


def write_corpus(folder: Path) -> Path:
    """Write the made-up corpus (txt, md, html, docx) into ``folder`` and return it."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "forum-notes.txt").write_text(NOTES, encoding="utf-8")
    (folder / "board paper.md").write_text(BOARD, encoding="utf-8")
    (folder / "meadow.html").write_text(HTML, encoding="utf-8")
    import docx  # python-docx

    d = docx.Document()
    d.add_heading("Partnership review", level=1)
    d.add_paragraph("Ivy Marsh, Director of Hilltop Care, met the Kestrel Fund team in Lowbridge.")
    d.save(folder / "review.docx")
    return folder


def progress_per_file(corpus: Path) -> list[tuple[str, int, int]]:
    """The "extracting" progress a build of ``corpus`` reports when it counts each file once,
    as it is done: bytes done and in all, the files in the order they are found."""
    from loaders import discover

    sizes = [path.stat().st_size for path in discover([corpus])[0]]
    return [("extracting", done, sum(sizes)) for done in itertools.accumulate(sizes)]
