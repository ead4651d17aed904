"""Regenerate loaders/data/common_words.txt: the common English words (lower case).

usage: pip install '.[data]' && python tools/make_common_words.py

Source: wordfreq's English frequencies (Zipf frequency 3.3 or more, about 25,000 words).
The rules use the list to tell a capitalised common word ("Grants awarded ...", "Funding
came from ...") from a name that opens a sentence ("Tallow is a member of ...").
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "loaders" / "data" / "common_words.txt"
MIN_ZIPF = 3.3


def main() -> int:
    from wordfreq import top_n_list, zipf_frequency

    words = sorted(
        {
            w
            for w in top_n_list("en", 60000)
            if re.fullmatch(r"[a-z][a-z'’-]*", w) and zipf_frequency(w, "en") >= MIN_ZIPF
        }
    )
    OUT.write_text(
        "# Common English words (lower case), made by tools/make_common_words.py from wordfreq\n"
        f"# (Zipf frequency {MIN_ZIPF} or more).\n" + "\n".join(words) + "\n",
        encoding="utf-8",
    )
    print(f"{len(words)} words written to {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
