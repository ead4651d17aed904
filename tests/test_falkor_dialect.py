"""Notes on Cypher texts the embedded store may answer wrongly, and the advice they give, on the
real FalkorDB server: the advised forms must give the answers plain Python gives."""

from __future__ import annotations

import itertools

import pytest

from graph.stores import FalkorStore
from graph.stores.falkor_dialect import COUNT_NOTE, REUSE_NOTE, dialect_notes

COUNT, REUSE = (COUNT_NOTE,), (REUSE_NOTE,)


@pytest.mark.parametrize(
    ("text", "notes"),
    [
        # count(*) over relationships: noted, wherever the pattern and the count are
        ("MATCH (p:Person)-[:SPOKE_AT|CHAIRED]->(m:Meeting) RETURN count(*) AS n", COUNT),
        ("MATCH (p)-->(m) RETURN p.name, COUNT( * ) AS n", COUNT),
        ("MATCH (p:Person)-[:SPOKE_AT]->(:Meeting)-[:PART_OF]->(:Cell) RETURN count(*)", COUNT),
        ("MATCH (m:Meeting) OPTIONAL MATCH (m)<-[r]-(p) WITH m, r RETURN count(*)", COUNT),
        # ... but not when nothing is a relationship, or count(*) is only in a comment or a string
        ("MATCH (p:Person) RETURN count(*) AS n", ()),
        ("MATCH (p:Person)-[r:SPOKE_AT]->(m) RETURN count(r) AS n, 'count(*)' AS said // count(*)", ()),
        ("MATCH (a)-[r]->(b) /* count(*) */ RETURN count(r)", ()),
        # two relationship patterns of one MATCH that could be one relationship: noted
        ("MATCH (a:Person)-[:SPOKE_AT]->(m:Meeting)<-[:SPOKE_AT]-(b:Person) RETURN a.name, b.name", REUSE),
        ("MATCH (a:Person {id: $x})-[:SPOKE_AT]->(m)<-[:SPOKE_AT|CHAIRED]-(b) RETURN b", REUSE),
        ("MATCH (a)-[r1:LEADS]->(m), (b)-[r2:LEADS]->(m) RETURN a, b", REUSE),
        ("OPTIONAL MATCH (a)-->(m)<--(b) RETURN a, b", REUSE),
        ("MATCH (a)-[*..3]-(m)-[:LEADS]->(b) RETURN a, b", REUSE),
        ("match (a)-[:SPOKE_AT]->(m)<-[:SPOKE_AT]-(b) return count(*)", COUNT + REUSE),
        # ... but not when their types differ, they are in different MATCH clauses (openCypher lets
        # those share a relationship too), one is in a WHERE, or the text keeps them apart as advised
        ("MATCH (p:Person)-[:SPOKE_AT]->(m)-[:PART_OF]->(c:Cell) RETURN p, c", ()),
        ("MATCH (a)-[:SPOKE_AT]->(m) MATCH (b)-[:SPOKE_AT]->(m) RETURN a, b", ()),
        ("MATCH (a)-[:LEADS]->(m) WHERE NOT (m)<-[:LEADS]-(:Person) RETURN a", ()),
        ("MATCH (a)-[r1:SPOKE_AT]->(m)<-[r2:SPOKE_AT]-(b) WHERE r1 <> r2 RETURN a, b", ()),
        ("MATCH (a)-[r1:SPOKE_AT]->(m)<-[r2:SPOKE_AT]-(b) WHERE r2<>r1 RETURN a, b", ()),
        ("MATCH (a)-[r1:SPOKE_AT]->(m)<-[r2:SPOKE_AT]-(b) WHERE r1 <> r3 RETURN a, b", REUSE),
    ],
)
def test_texts_the_embedded_store_may_answer_wrongly_are_noted(text: str, notes: tuple[str, ...]) -> None:
    assert dialect_notes(text) == notes


# Ada spoke at and chaired the Kiln session; Bo and Cy spoke there too; Cy spoke at the Loom one.
PEOPLE = ("Ada", "Bo", "Cy")
FACTS = [
    ("Ada", "SPOKE_AT", "Kiln"),
    ("Ada", "CHAIRED", "Kiln"),
    ("Bo", "SPOKE_AT", "Kiln"),
    ("Cy", "SPOKE_AT", "Kiln"),
    ("Cy", "SPOKE_AT", "Loom"),
]


@pytest.fixture
def talks(store: FalkorStore) -> FalkorStore:
    nodes = [{"id": f"person:{p}", "label": "Person", "props": {"name": p}} for p in PEOPLE]
    nodes += [{"id": f"meeting:{m}", "label": "Meeting", "props": {"name": m}} for m in ("Kiln", "Loom")]
    edges = [
        {
            "type": t,
            "source": f"person:{p}",
            "source_label": "Person",
            "target": f"meeting:{m}",
            "target_label": "Meeting",
            "key": f"{p}|{t}|{m}",
            "props": {},
        }
        for p, t, m in FACTS
    ]
    store.replace_graph(nodes, edges)
    return store


def test_the_advised_count_counts_every_relationship(talks: FalkorStore) -> None:
    advised = "MATCH (p:Person)-[r:SPOKE_AT|CHAIRED]->(m:Meeting) RETURN count(r) AS n"
    assert talks.notes(advised) == ()
    assert talks.run(advised).rows == ((len(FACTS),),)
    per_person = "MATCH (p:Person)-[r:SPOKE_AT|CHAIRED]->(m:Meeting) RETURN p.name AS p, count(r) AS n ORDER BY p"
    assert talks.run(per_person).rows == tuple((p, sum(1 for f in FACTS if f[0] == p)) for p in PEOPLE)


def test_the_advised_pattern_never_pairs_someone_with_themselves(talks: FalkorStore) -> None:
    advised = (
        "MATCH (a:Person)-[r1:SPOKE_AT]->(m:Meeting)<-[r2:SPOKE_AT]-(b:Person) WHERE r1 <> r2 "
        "RETURN a.name AS a, b.name AS b, m.name AS m ORDER BY a, b, m"
    )
    assert talks.notes(advised) == ()
    spoke = [(p, m) for p, t, m in FACTS if t == "SPOKE_AT"]
    expected = sorted((a, b, m) for (a, m), (b, n) in itertools.permutations(spoke, 2) if m == n)
    assert talks.run(advised).rows == tuple(expected)
