"""Building the spaCy pipeline: a blank English model with rule components, or a named model.

kg never downloads a model: a model name is loaded only when it is installed.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import ExtractionError

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language

    from ..catalogue import Catalogue

__all__ = ["build_nlp", "catalogue_patterns"]

LINE_BREAKS = "kg_line_breaks"


def build_nlp(model: str | None = None, catalogue: Catalogue | None = None) -> Language:
    """Return the spaCy pipeline used for extraction.

    Args:
        model: None for ``spacy.blank("en")`` plus a sentencizer, or the name or path of an
            installed spaCy model.
        catalogue: known entities, added as ``entity_ruler`` phrase patterns.

    Raises:
        ExtractionError: the model is neither an installed package nor an existing path.
    """
    import spacy  # heavy: imported where used

    if model is None:
        nlp = spacy.blank("en")
        nlp.add_pipe("sentencizer")
        _register_line_breaks()
        nlp.add_pipe(LINE_BREAKS)
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


def _register_line_breaks() -> None:
    from spacy.language import Language

    if Language.has_factory(LINE_BREAKS):
        return

    @Language.component(LINE_BREAKS)
    def line_breaks(doc):  # a line break ends a sentence: headings and bullets have no full stop
        from spacy.attrs import IS_SPACE, ORTH, SENT_START

        if len(doc) < 2:
            return doc
        # Arrays, not Token objects or doc.text (which rebuilds the string token by token): the
        # tokenizer puts line breaks in whitespace tokens of their own, so only those are read.
        # One array write: setting token.is_sent_start one by one rescans the doc each time.
        attrs = doc.to_array([IS_SPACE, ORTH])
        strings = doc.vocab.strings
        starts = doc.to_array([SENT_START])
        changed = False
        for i in attrs[:-1, 0].nonzero()[0].tolist():
            if "\n" in strings[int(attrs[i, 1])] and starts[i + 1] != 1:
                starts[i + 1] = 1
                changed = True
        if changed:
            doc.from_array([SENT_START], starts)
        return doc
