"""Building the spaCy pipeline: a blank English model with rule components, or a named model.

kg never downloads a model: a model name is loaded only when it is installed.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import ExtractionError

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language

    from ..catalogue import Catalogue

__all__ = ["build_nlp", "catalogue_patterns", "sentence_offsets", "set_sentence_starts"]

SENTENCES = "kg_sentences"


def build_nlp(model: str | None = None, catalogue: Catalogue | None = None) -> Language:
    """Return the spaCy pipeline used for extraction.

    Args:
        model: None for ``spacy.blank("en")`` plus sentence starts (:func:`set_sentence_starts`), or
            the name or path of an installed spaCy model.
        catalogue: known entities, added as ``entity_ruler`` phrase patterns.

    Raises:
        ExtractionError: the model is neither an installed package nor an existing path.
    """
    import spacy  # heavy: imported where used

    if model is None:
        nlp = spacy.blank("en")
        _register_sentences()
        nlp.add_pipe(SENTENCES)
    else:
        if not (spacy.util.is_package(model) or Path(model).exists()):
            raise ExtractionError(
                f"spaCy model '{model}' is not installed; install it with pip "
                "(kg never downloads models) or omit --model"
            )
        try:
            nlp = spacy.load(model)
        except (OSError, ValueError) as exc:
            raise ExtractionError(f"spaCy model '{model}' could not be loaded: {exc}") from exc
        if not nlp.has_pipe("parser") and not nlp.has_pipe("senter") and not nlp.has_pipe("sentencizer"):
            nlp.add_pipe("sentencizer")
    patterns = catalogue_patterns(catalogue)
    if patterns:
        config = {"phrase_matcher_attr": "LOWER", "overwrite_ents": True}
        before = "ner" if nlp.has_pipe("ner") else None
        ruler = nlp.add_pipe("entity_ruler", name="kg_catalogue", config=config, before=before)
        ruler.add_patterns(patterns)
    return nlp


def catalogue_patterns(catalogue: Catalogue | None) -> list[dict]:
    """Phrase patterns for every catalogue name and alias; ``id`` carries the canonical name."""
    if catalogue is None:
        return []
    patterns = []
    for entity in catalogue.entities:
        for surface in sorted({entity.name, *entity.aliases}):
            patterns.append({"label": entity.label, "pattern": surface, "id": entity.name})
    return patterns


def _register_sentences() -> None:
    from spacy.language import Language

    if Language.has_factory(SENTENCES):
        return

    @Language.component(SENTENCES)
    def sentences(doc):
        return set_sentence_starts(doc)


def set_sentence_starts(doc):
    """Mark sentence starts as spaCy's sentencizer does, and also after every line break.

    The sentencizer's rule: a sentence starts at the first token that is not punctuation
    after a sentence-final character ("." "?" "!" ...). A line break ends a sentence too:
    headings and bullets have no full stop. spaCy's own component reads every token as a
    Python object, which cost as much as tokenising; this reads token arrays (a token's
    text is compared by its string id) and writes the starts back in one call.
    """
    import numpy
    from spacy.attrs import IS_PUNCT, IS_SPACE, ORTH, SENT_START

    if len(doc) == 0:
        return doc
    orths, puncts, spaces = doc.to_array([ORTH, IS_PUNCT, IS_SPACE]).T
    finals = _final_ids()
    # every sentence-final character is punctuation: only those few tokens need looking up
    final = numpy.zeros(len(doc), dtype=bool)
    punct = numpy.flatnonzero(puncts)
    final[punct] = [orth in finals for orth in orths[punct].tolist()]
    # Each sentence-final token opens a sentence at the next token that is neither punctuation
    # nor itself final: of the tokens that are final or plain words, a plain word whose
    # predecessor among them is a final one.
    marked = numpy.flatnonzero(final | (puncts == 0))
    is_final = final[marked]
    starts = numpy.full(len(doc), -1, dtype=numpy.int64)
    starts[marked[1:][is_final[:-1] & ~is_final[1:]]] = 1
    starts[0] = 1
    strings = doc.vocab.strings
    for i in numpy.flatnonzero(spaces[:-1]).tolist():
        if "\n" in strings[int(orths[i])]:
            starts[i + 1] = 1  # the tokenizer puts line breaks in whitespace tokens of their own
    # -1 ("not a start") is stored as its two's complement, as Doc.to_array gives it
    doc.from_array([SENT_START], starts.astype(numpy.uint64))
    return doc


def sentence_offsets(doc) -> list[tuple[int, int]]:
    """``(start_char, end_char)`` of each of ``doc.sents``, read from token arrays.

    The same offsets as the sentences' spans, without making a Span object per sentence
    (which cost as much as finding the sentences). For docs whose sentence starts are marked
    token by token, as :func:`set_sentence_starts` and spaCy's sentencizer do.
    """
    import numpy
    from spacy.attrs import IDX, LENGTH, SENT_START

    n = len(doc)
    if n == 0:
        return []
    marks, idx, length = doc.to_array([SENT_START, IDX, LENGTH]).T
    # the first token opens a sentence whatever its mark, as in Doc.sents
    starts = numpy.flatnonzero(marks == 1)
    starts = numpy.concatenate(([0], starts[starts > 0]))
    last = numpy.append(starts[1:], n) - 1
    return list(zip(idx[starts].tolist(), (idx[last] + length[last]).tolist(), strict=True))


@lru_cache(maxsize=1)
def _final_ids():
    from spacy.pipeline.sentencizer import Sentencizer
    from spacy.strings import get_string_id

    return frozenset(get_string_id(c) for c in Sentencizer.default_punct_chars)
