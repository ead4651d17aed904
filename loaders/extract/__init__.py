"""Extraction: turning a :class:`~loaders.document.Document` into an :class:`~loaders.records.Extraction`.

Rules over a spaCy pipeline (a blank English model with rule sentence starts by default; an
installed model on request, never downloaded) find people, organisations, meetings,
cells, places, publications and concepts, resolve them within each section and read
the relations between them from sentence context.

    pipeline.py       the spaCy pipeline (blank "en" + sentence starts at full stops and line breaks; catalogue ruler)
    spans.py          candidate names: runs of capitalised words in a sentence; heading re-casing
    classify.py       labelling candidates (words of the name, sentence context, lists, memory)
    people.py         person names: honorifics, honours, given names
    organisations.py  organisation, place and publication words
    meetings.py       meetings and cells from section titles and minutes
    minutes.py        the meeting a set of minutes records, read from its heading
    listed.py         lists of members or funders under the sentence or heading that says so
    concepts.py       named ideas and their salience ("core" or "mention")
    resolve_local.py  one entity per thing in a section; first names, abbreviations as aliases
    relations.py      SPOKE_AT, CHAIRED, LEADS, ROLE_AT
    org_relations.py  FUNDED, PARTNERED_WITH, MEMBER_OF, LOCATED_IN, AUTHORED
    extractor.py      the :class:`Extractor` that runs all of it, section by section

Every fact carries the rule that produced it (``Evidence.rule``, e.g. "spoke.speaker_was")
and a confidence; rules trusted less than the rest give confidences below 0.6.
"""

from .extractor import Extractor, make_extractor

__all__ = ["Extractor", "make_extractor"]
