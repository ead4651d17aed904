"""Resolution on made-up documents: which forms merge (and why), which names are junk, which
form is the name. Each test builds a graph from real text, so the usage evidence resolution
weighs (headings, sentence starts, lower-case words) comes from the text as it would in a build."""

from __future__ import annotations

from graph.model.assemble import build_graph
from loaders.catalogue import Catalogue, CatalogueEntity
from tests.records_factory import entity, extraction, make_document, relation


def build(docs: dict[str, str], specs, relations=(), catalogue: Catalogue | None = None):
    """A graph of one-section documents ``{path: text}``; ``specs`` are (path, label, name,
    aliases) and ``relations`` (path, type, source, target, quote)."""
    made = {
        path: make_document(path, [(text.split("\n", 1)[0], text.split("\n", 1)[1] if "\n" in text else "")])
        for path, text in docs.items()
    }
    ents: dict[str, list] = {path: [] for path in made}
    for path, label, name, *aliases in specs:
        ents[path].append(entity(made[path], label, name, aliases=tuple(aliases[0]) if aliases else ()))
    rels: dict[str, list] = {path: [] for path in made}
    for path, rtype, source, target, quote in relations:
        rels[path].append(relation(made[path], rtype, source, target, quote))
    return build_graph(list(made.values()), [extraction(made[p], ents[p], rels[p]) for p in made], catalogue)


def nodes(G, label=None) -> dict[str, dict]:
    return {
        d["name"]: d
        for _, d in G.nodes(data=True)
        if d["label"] != "Document" and (label is None or d["label"] == label)
    }


def reason(node: dict, alias: str) -> str:
    return dict(zip(node["aliases"], node["alias_reasons"], strict=False))[alias]


# -- merges ------------------------------------------------------------------------------------


def test_a_leading_article_is_the_same_name_across_documents():
    G = build(
        {"a.txt": "News\nWe thank the Kestrel Trust for its help.", "b.txt": "More news\nKestrel Trust opened a hall."},
        [("a.txt", "Organisation", "the Kestrel Trust"), ("b.txt", "Organisation", "Kestrel Trust")],
    )
    [node] = nodes(G).values()
    assert node["name"] == "Kestrel Trust"
    assert reason(node, "the Kestrel Trust") == "the same name without an article"


def test_leading_words_in_another_document_merge_when_one_longer_name_fits():
    G = build(
        {
            "a.txt": "News\nThe grant came from Ferrow Chase Foundation last year.",
            "b.txt": "Notes\nWe met Ferrow in March and Ferrow agreed.",
        },
        [("a.txt", "Organisation", "Ferrow Chase Foundation"), ("b.txt", "Organisation", "Ferrow")],
    )
    [node] = nodes(G).values()
    assert node["name"] == "Ferrow Chase Foundation"
    assert reason(node, "Ferrow") == "the leading words of 'Ferrow Chase Foundation'"


def test_a_name_and_a_place_in_another_document_is_a_branch_not_the_same_body():
    # "Ferrow Aid Scotland" is Ferrow Aid's Scottish body, not the charity another document names
    G = build(
        {
            "a.txt": "News\nFerrow Aid Scotland opened a hub in Perth.",
            "b.txt": "Notes\nFerrow Aid warns that rents are rising. Ferrow Aid campaigns.",
        },
        [("a.txt", "Organisation", "Ferrow Aid Scotland"), ("b.txt", "Organisation", "Ferrow Aid")],
    )
    assert sorted(nodes(G)) == ["Ferrow Aid", "Ferrow Aid Scotland"]
    # a name and a word that is no place is the one body, as before
    G = build(
        {
            "a.txt": "News\nFerrow Aid Network opened a hub in Perth.",
            "b.txt": "Notes\nFerrow Aid warns that rents are rising. Ferrow Aid campaigns.",
        },
        [("a.txt", "Organisation", "Ferrow Aid Network"), ("b.txt", "Organisation", "Ferrow Aid")],
    )
    assert len(nodes(G)) == 1


def test_a_name_without_its_generic_tail_merges_and_is_the_name():
    G = build(
        {
            "a.txt": "News\nThe Brightwater network met in June.",
            "b.txt": "Notes\nBrightwater held a meeting. Brightwater grew.",
        },
        [("a.txt", "Organisation", "Brightwater network"), ("b.txt", "Organisation", "Brightwater")],
    )
    [node] = nodes(G).values()
    assert node["name"] == "Brightwater" and node["aliases"] == ["Brightwater network"]


def test_an_acronym_of_initials_merges_and_gives_way_to_the_words():
    G = build(
        {
            "a.txt": "News\nThe Coastal Youth Alliance opened a centre.",
            "b.txt": "Notes\nCYA said so. CYA agreed. CYA left.",
        },
        [("a.txt", "Organisation", "Coastal Youth Alliance"), ("b.txt", "Organisation", "CYA")],
    )
    [node] = nodes(G).values()
    assert node["name"] == "Coastal Youth Alliance"
    assert reason(node, "CYA") == "the initials of 'Coastal Youth Alliance'"


def test_initials_of_the_leading_words_then_the_rest_merge():
    G = build(
        {"a.txt": "News\nAshby & Brill Council approved the plan. Later A&B Council paid for it."},
        [("a.txt", "Organisation", "Ashby & Brill Council"), ("a.txt", "Organisation", "A&B Council")],
    )
    assert list(nodes(G)) == ["Ashby & Brill Council"]


def test_a_closed_up_spelling_merges():
    G = build(
        {"a.txt": "News\nNordwell Trust helped.", "b.txt": "Notes\nNord Well Trust helped again."},
        [("a.txt", "Organisation", "Nordwell Trust"), ("b.txt", "Organisation", "Nord Well Trust")],
    )
    assert len(nodes(G)) == 1


def test_the_last_words_of_one_name_in_the_same_document_merge():
    G = build(
        {"a.txt": "News\nUpper Fenby Library Hub reopened. Staff at the Library Hub were pleased."},
        [("a.txt", "Organisation", "Upper Fenby Library Hub"), ("a.txt", "Organisation", "Library Hub")],
    )
    [node] = nodes(G).values()
    assert node["name"] == "Upper Fenby Library Hub" and node["aliases"] == ["Library Hub"]


def test_a_short_form_with_two_candidates_stays_apart_and_says_which():
    G = build(
        {"a.txt": "News\nGreywell Trust and Greywell Housing both grew.", "b.txt": "Notes\nWe met Greywell in May."},
        [
            ("a.txt", "Organisation", "Greywell Trust"),
            ("a.txt", "Organisation", "Greywell Housing"),
            ("b.txt", "Organisation", "Greywell"),
        ],
    )
    found = nodes(G)
    assert set(found) == {"Greywell Trust", "Greywell Housing", "Greywell"}
    assert found["Greywell"]["may_be"] == ["Greywell Housing", "Greywell Trust"]


def test_a_former_name_the_text_gives_is_the_same_body():
    G = build(
        {"a.txt": "News\nWe host Kestrel Action (formerly Kestrel Aid) in our hall."},
        [("a.txt", "Organisation", "Kestrel Action"), ("a.txt", "Organisation", "Kestrel Aid")],
    )
    [node] = nodes(G).values()
    assert node["name"] == "Kestrel Action" and reason(node, "Kestrel Aid") == "the former name of 'Kestrel Action'"


def test_a_piece_of_the_words_an_acronym_stands_for_becomes_the_whole():
    G = build(
        {"a.txt": "News\nWe are home to PACT, Parents and Carers Together, and others."},
        [
            ("a.txt", "Organisation", "PACT"),
            ("a.txt", "Organisation", "Parents"),
            ("a.txt", "Organisation", "Carers Together"),
        ],
    )
    assert list(nodes(G)) == ["Parents and Carers Together"]
    assert nodes(G)["Parents and Carers Together"]["aliases"] == ["PACT"]


def test_a_first_name_alone_in_another_section_merges_with_the_one_full_name():
    doc = make_document("notes.txt", [("One", "Ada Brennick opened the meeting."), ("Two", "Later Ada spoke again.")])
    G = build_graph(
        [doc], [extraction(doc, [entity(doc, "Person", "Ada Brennick"), entity(doc, "Person", "Ada", section=1)])]
    )
    [node] = nodes(G).values()
    assert node["name"] == "Ada Brennick" and reason(node, "Ada") == "the first name of 'Ada Brennick'"


def test_a_first_name_alone_with_two_full_names_stays_apart():
    doc = make_document("notes.txt", [("One", "Ada Brennick and Ada Colley came."), ("Two", "Later Ada spoke.")])
    G = build_graph(
        [doc],
        [
            extraction(
                doc,
                [
                    entity(doc, "Person", "Ada Brennick"),
                    entity(doc, "Person", "Ada Colley"),
                    entity(doc, "Person", "Ada", section=1),
                ],
            )
        ],
    )
    assert set(nodes(G)) == {"Ada Brennick", "Ada Colley", "Ada"}


def test_an_initial_or_a_short_first_name_with_the_same_surname_merges():
    G = build(
        {
            "a.txt": "Minutes\nSamuel Okorie chaired. Sam Okorie thanked everyone. Peta L asked a question. "
            "Peta Lindqvist answered."
        },
        [
            ("a.txt", "Person", "Samuel Okorie"),
            ("a.txt", "Person", "Sam Okorie"),
            ("a.txt", "Person", "Peta L"),
            ("a.txt", "Person", "Peta Lindqvist"),
        ],
    )
    assert set(nodes(G)) == {"Samuel Okorie", "Peta Lindqvist"}


def test_variants_of_one_idea_merge_on_their_stems():
    G = build(
        {
            "a.txt": "Notes\nWe co-produce services. The co-production of plans matters. Plans were co-produced. "
            "Place-based working and place-based work were discussed."
        },
        [
            ("a.txt", "Concept", "co-produce"),
            ("a.txt", "Concept", "co-production"),
            ("a.txt", "Concept", "co-produced"),
            ("a.txt", "Concept", "place-based working"),
            ("a.txt", "Concept", "place-based work"),
        ],
    )
    assert len(nodes(G, "Concept")) == 2


def test_one_name_as_organisation_and_idea_is_one_node_under_the_label_most_uses_support():
    G = build(
        {
            "a.txt": "Notes\nWe use Open Loop Learning daily.",
            "c.txt": "More notes\nOpen Loop Learning helps.",
            "b.txt": "News\nFenby Trust works in partnership with Open Loop Learning.",
        },
        [
            ("a.txt", "Concept", "Open Loop Learning"),
            ("c.txt", "Concept", "Open Loop Learning"),
            ("b.txt", "Organisation", "Open Loop Learning"),
            ("b.txt", "Organisation", "Fenby Trust"),
        ],
        [
            (
                "b.txt",
                "PARTNERED_WITH",
                ("Organisation", "Fenby Trust"),
                ("Organisation", "Open Loop Learning"),
                "Fenby Trust works in partnership with Open Loop Learning",
            )
        ],
    )
    found = nodes(G)
    assert found["Open Loop Learning"]["label"] == "Concept"
    assert "organisation:open-loop-learning" not in G
    # A partnership with an idea is no fact: it went with the label.
    assert not [e for e in G.edges(data=True) if e[2]["type"] == "PARTNERED_WITH"]


# -- canonical names ---------------------------------------------------------------------------


def test_the_spelling_used_most_in_running_text_is_the_name():
    G = build(
        {
            "a.txt": "News\nThe Hollins Pyke Trust gave.",
            "c.txt": "More news\nThe Hollins Pyke Trust gave again.",
            "b.txt": "Notes\nThe Hollins Pike Trust was thanked.",
        },
        [
            ("a.txt", "Organisation", "Hollins Pyke Trust"),
            ("c.txt", "Organisation", "Hollins Pyke Trust"),
            ("b.txt", "Organisation", "Hollins Pike Trust"),
        ],
    )
    [node] = nodes(G).values()
    assert node["name"] == "Hollins Pyke Trust" and reason(node, "Hollins Pike Trust") == "a spelling variant"


def test_title_case_wins_over_a_heading_in_capitals():
    G = build(
        {"a.txt": "RIVERBANK HUB\nThe team works hard.", "b.txt": "News\nWe visited Riverbank Hub in May."},
        [("a.txt", "Organisation", "RIVERBANK HUB"), ("b.txt", "Organisation", "Riverbank Hub")],
    )
    [node] = nodes(G).values()
    assert node["name"] == "Riverbank Hub"


def test_the_same_corpus_gives_the_same_graph():
    def once():
        return sorted(
            build(
                {"a.txt": "News\nthe Kestrel Trust helped Ferrow.", "b.txt": "Notes\nFerrow Chase Trust grew."},
                [
                    ("a.txt", "Organisation", "the Kestrel Trust"),
                    ("a.txt", "Organisation", "Ferrow"),
                    ("b.txt", "Organisation", "Ferrow Chase Trust"),
                ],
            ).nodes(data=True)
        )

    assert once() == once()


# -- junk --------------------------------------------------------------------------------------


def test_a_capitalised_word_seen_only_in_a_title_is_not_an_organisation():
    G = build(
        {"a.txt": "Rebuilding the garden together\nVolunteers are rebuilding the garden with Ferrow Trust."},
        [("a.txt", "Organisation", "Rebuilding"), ("a.txt", "Organisation", "Ferrow Trust")],
    )
    assert set(nodes(G)) == {"Ferrow Trust"}


def test_letters_and_digits_glued_are_a_code_not_a_name_but_a_postcode_district_is_kept():
    G = build(
        {"a.txt": "News\nShares in ZQX100 companies fell. The AB12 Garden Group met."},
        [("a.txt", "Organisation", "ZQX100"), ("a.txt", "Organisation", "AB12 Garden Group")],
    )
    assert set(nodes(G)) == {"AB12 Garden Group"}


def test_a_rare_word_in_capitals_one_letter_from_a_frequent_word_is_a_typo():
    G = build(
        {"a.txt": "News\nDuring COVID we met online. COVID changed things. After COVID and during COVIID we met."},
        [("a.txt", "Organisation", "COVIID")],
    )
    assert not nodes(G)


def test_a_common_word_capitalised_only_at_a_sentence_start_is_not_an_organisation():
    G = build(
        {"a.txt": "News\nLanterns were lit at dusk. Ferrow Trust paid for the lanterns."},
        [("a.txt", "Organisation", "Lanterns"), ("a.txt", "Organisation", "Ferrow Trust")],
    )
    assert set(nodes(G)) == {"Ferrow Trust"}


def test_kinds_of_body_are_not_names_of_bodies_but_the_government_is():
    G = build(
        {
            "a.txt": "News\nIt works like a traditional CVS would. Local Funders gave. The Government spoke. "
            "Many funders and local groups agreed."
        },
        [
            ("a.txt", "Organisation", "CVS"),
            ("a.txt", "Organisation", "Local Funders"),
            ("a.txt", "Organisation", "Government"),
        ],
    )
    assert set(nodes(G)) == {"Government"}


def test_job_titles_and_people_are_not_organisations():
    G = build(
        {
            "a.txt": "News\nThe Ferrow Trust Chief Executive spoke. Our Project Assistant helped. "
            "Thanks to Mr Ado Benn Chair Ms Ola Reyes Secretary for the tea."
        },
        [
            ("a.txt", "Organisation", "Ferrow Trust Chief Executive"),
            ("a.txt", "Organisation", "Project Assistant"),
            ("a.txt", "Organisation", "Mr Ado Benn Chair Ms Ola Reyes Secretary"),
        ],
    )
    assert set(nodes(G)) == {"Ferrow Trust"}


def test_a_registration_tail_is_cut_and_a_registration_phrase_dropped():
    G = build(
        {
            "a.txt": "Report\nFerrow Garden Forum Charity Registration Number 1234 is ours. Registered Office: Mill Lane."
        },
        [
            ("a.txt", "Organisation", "Ferrow Garden Forum Charity Registration Number"),
            ("a.txt", "Organisation", "Registered Office"),
        ],
    )
    assert set(nodes(G)) == {"Ferrow Garden Forum"}


def test_a_fund_with_no_sign_of_a_body_is_an_idea_and_an_event_is_a_meeting():
    G = build(
        {"a.txt": "News\nThe money came from the Brightwater Renewal Fund. We went to the Ferrow Annual Conference."},
        [("a.txt", "Organisation", "Brightwater Renewal Fund"), ("a.txt", "Organisation", "Ferrow Annual Conference")],
    )
    found = nodes(G)
    assert found["Brightwater Renewal Fund"]["label"] == "Concept"
    assert found["Ferrow Annual Conference"]["label"] == "Meeting"


def test_a_fund_that_funds_someone_stays_an_organisation():
    G = build(
        {"a.txt": "News\nThe Brightwater Fund funded Otterby Trust."},
        [("a.txt", "Organisation", "Brightwater Fund"), ("a.txt", "Organisation", "Otterby Trust")],
        [
            (
                "a.txt",
                "FUNDED",
                ("Organisation", "Brightwater Fund"),
                ("Organisation", "Otterby Trust"),
                "The Brightwater Fund funded Otterby Trust",
            )
        ],
    )
    assert nodes(G)["Brightwater Fund"]["label"] == "Organisation"


def test_compass_words_are_not_places_but_streets_are():
    # a street is where something is (the annotators count "Mill Lane" as a place); "the North"
    # alone names no place
    G = build(
        {"a.txt": "News\nWe work across the North and in Fenby, from our office on Mill Lane."},
        [("a.txt", "Place", "North"), ("a.txt", "Place", "Fenby"), ("a.txt", "Place", "Mill Lane")],
    )
    assert set(nodes(G)) == {"Fenby", "Mill Lane"}


def test_an_adjective_and_a_generic_noun_is_not_a_named_idea():
    G = build(
        {"a.txt": "Notes\nWe want lasting change through radical listening."},
        [("a.txt", "Concept", "lasting change"), ("a.txt", "Concept", "radical listening")],
    )
    assert set(nodes(G)) == {"radical listening"}


def test_the_catalogue_is_never_judged_as_junk():
    cat = Catalogue(entities=(CatalogueEntity("Organisation", "Lanterns"),))
    G = build(
        {"a.txt": "News\nLanterns were lit at dusk. Ferrow Trust paid for the lanterns."},
        [("a.txt", "Organisation", "Lanterns")],
        catalogue=cat,
    )
    assert "Lanterns" in nodes(G)


def test_a_catalogue_label_wins_and_keeps_the_facts_that_fit_it():
    cat = Catalogue(entities=(CatalogueEntity("Organisation", "Kite Club"),))
    G = build(
        {"a.txt": "News\nAda Brennick leads Kite Club. Ada Brennick is a member of Kite Club."},
        [("a.txt", "Cell", "Kite Club"), ("a.txt", "Person", "Ada Brennick")],
        [
            ("a.txt", "LEADS", ("Person", "Ada Brennick"), ("Cell", "Kite Club"), "Ada Brennick leads Kite Club"),
            (
                "a.txt",
                "MEMBER_OF",
                ("Person", "Ada Brennick"),
                ("Cell", "Kite Club"),
                "Ada Brennick is a member of Kite Club",
            ),
        ],
        catalogue=cat,
    )
    assert nodes(G)["Kite Club"]["label"] == "Organisation"
    assert "cell:kite-club" not in G
    assert sorted(d["type"] for _, _, d in G.edges(data=True) if d["type"] != "MENTIONS") == ["MEMBER_OF"]


def test_places_only_ever_written_as_one_pair_are_one_place_and_so_is_the_body_named_after_them():
    G = build(
        {
            "a.txt": "News\nAda Brennick works in Ashby and Coldmoor, where she set up the Ashby and Coldmoor Collective."
        },
        [
            ("a.txt", "Place", "Ashby"),
            ("a.txt", "Place", "Coldmoor"),
            ("a.txt", "Organisation", "Coldmoor Collective"),
            ("a.txt", "Person", "Ada Brennick"),
        ],
    )
    found = nodes(G)
    assert found["Ashby and Coldmoor"]["label"] == "Place"
    assert found["Ashby and Coldmoor Collective"]["label"] == "Organisation"
    assert "Ashby" not in found and "Coldmoor" not in found


def test_two_places_of_a_pair_stay_apart_when_one_is_also_written_alone():
    G = build(
        {"a.txt": "News\nWe work in Ashby and Coldmoor.", "b.txt": "More news\nAshby has a new hall."},
        [("a.txt", "Place", "Ashby"), ("a.txt", "Place", "Coldmoor"), ("b.txt", "Place", "Ashby")],
    )
    assert set(nodes(G)) == {"Ashby", "Coldmoor"}


def test_a_pair_of_places_written_once_and_in_no_longer_name_stays_two_places():
    G = build(
        {"a.txt": "News\nWe work in Ashby and Coldmoor with local groups."},
        [("a.txt", "Place", "Ashby"), ("a.txt", "Place", "Coldmoor")],
    )
    assert set(nodes(G)) == {"Ashby", "Coldmoor"}


def test_a_common_word_in_another_document_is_not_taken_for_the_start_of_a_longer_name():
    G = build(
        {
            "a.txt": "News\nWe thank Haven, a charity for people without a home, for the haven it gave us.",
            "b.txt": "Minutes\nHaven Harbour Ministries reported on the winter shelter.",
        },
        [("a.txt", "Organisation", "Haven"), ("b.txt", "Organisation", "Haven Harbour Ministries")],
    )
    assert set(nodes(G)) == {"Haven", "Haven Harbour Ministries"}


def test_the_first_word_of_a_quoted_title_is_capitalised_by_position_not_a_name():
    G = build(
        {
            "a.txt": "News\nWe held a roundtable on ‘Mending the gaps between services’ with Ferrow Trust. "
            "It was about mending things."
        },
        [("a.txt", "Organisation", "Mending"), ("a.txt", "Organisation", "Ferrow Trust")],
    )
    assert set(nodes(G)) == {"Ferrow Trust"}


def test_an_acronym_is_the_name_of_its_own_document_it_fits_before_another_documents():
    G = build(
        {
            "a.txt": "Minutes\nAshby, Brill and Colne Council for Voluntary Service met. The CVS agreed its plan.",
            "b.txt": "History\nThe Council for Voluntary Service Fenby (the Council for Voluntary Service) is old.",
        },
        [
            ("a.txt", "Organisation", "Ashby, Brill and Colne Council for Voluntary Service"),
            ("a.txt", "Organisation", "CVS"),
            ("b.txt", "Organisation", "Council for Voluntary Service Fenby", ["Council for Voluntary Service"]),
        ],
    )
    found = nodes(G)
    assert found["Ashby, Brill and Colne Council for Voluntary Service"]["aliases"] == ["CVS"]
    assert found["Council for Voluntary Service Fenby"]["aliases"] == ["Council for Voluntary Service"]
