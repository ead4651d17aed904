"""Extraction: turning a :class:`~loaders.document.Document` into an :class:`~loaders.records.Extraction`.

Rules over a spaCy pipeline (a blank English model with rule sentence starts by default; an
installed model on request, never downloaded) find people, organisations, meetings,
cells, places, publications and concepts, resolve them within each section and read
the relations between them from sentence context.


Names (entities), in order:

    pipeline.py         the spaCy pipeline (blank "en" + sentence starts; catalogue ruler)
    spans.py            candidate names: runs of capitalised words in a sentence; heading re-casing
    classify.py         labelling candidates, pass by pass (phrases, words, context, lists, memory)
    phrase_names.py     names found by the shape of a phrase: cells and teams, publications, bodies
    span_clues.py       what one candidate's own words and its sentence say it is
    people.py           person names: honorifics, honours, given names
    organisations.py    organisation, place and publication words
    context_types.py    names typed by the part they play in a sentence (the object of "CEO of")
    listed.py           lists of members or funders under the sentence or heading that says so
    concepts.py         named ideas and their salience ("core" or "mention")
    resolve_local.py    one entity per thing in a section; first names, abbreviations as aliases

What a document and a section are about:

    document_context.py the organisation a document speaks for; a section's heading and meeting
    meetings.py         meetings and cells from section titles
    minutes.py          the meeting a set of minutes records, read from its heading
    references.py       "we", "the trust", "he", "they": what each stands for

Relations:

    rules.py            the rows of loaders/data/relation_rules.yaml and their trigger index
    patterns.py         runs the rows: each names a frame, filled from the clause around its trigger
    units.py, clauses.py  a sentence as units (names, words, amounts) and the slot walkers
    frames.py           the verb, noun and list frames
    name_frames.py      frames anchored on a name ("Leeds-based X", "X, a Leeds charity")
    meeting_frames.py   who spoke at or chaired the section's meeting, and where it was
    roles.py, list_roles.py, titles.py  ROLE_AT in running text, list lines and brackets; titles
    edges.py            a filled frame as an edge: funding status, the document's organisation
    hedges.py           plans, possibilities and denials are no facts; "no longer" ends one
    relations.py        the section's relations: the rows plus the coded rules below
    org_relations.py    the coded rules between organisations, run in order: org_sentence.py
                        (the sentence they read), org_funding.py (FUNDED), org_partners.py
                        (PARTNERED_WITH, MEMBER_OF); and LOCATED_IN
    facts.py, mentions.py  the records the rules share
    lexicon.py          the word lists of loaders/data

    extractor.py        the :class:`Extractor` that runs all of it, section by section

Every fact carries the rule that produced it (``Evidence.rule``, e.g. "spoke.speaker_was")
and a confidence; rules trusted less than the rest give confidences below 0.6.
"""

from .extractor import Extractor, make_extractor

__all__ = ["Extractor", "make_extractor"]
