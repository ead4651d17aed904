"""A small made-up graph for the view and renderer tests (every name here is invented)."""

from __future__ import annotations

from graph.model.assemble import build_graph
from tests.records_factory import entity, extraction, make_document, relation

BUILD = {
    "built_at": "2031-05-06T07:08:09+00:00",
    "sources": ["papers"],
    "documents": ["papers/spring.txt", "papers/summer.txt"],
}

SPRING = (
    "Spring update",
    "Mira Quell is chair of Fernbank Trust. Fernbank Trust funds Oakridge Hub. "
    "Oakridge Hub partners with Tallow Collective. Dex Harlan, director of Oakridge Hub, "
    "spoke about listening circles. Tallow Collective works in Brackenfield.",
)
SUMMER = (
    "Summer update",
    "Fernbank Trust funds Oakridge Hub again this year. Pell Wexford is treasurer of Tallow Collective. "
    "Jordan Vale met Jordan Vale Foundation.",
)


def viz_graph(hostile: str | None = None):
    """The test graph; with ``hostile``, one more organisation carries that name."""
    spring = make_document("papers/spring.txt", [SPRING])
    summer_body = SUMMER[1] + (f" Fernbank Trust funds {hostile}." if hostile else "")
    summer = make_document("papers/summer.txt", [(SUMMER[0], summer_body)])
    spring_x = extraction(
        spring,
        [
            entity(spring, "Person", "Mira Quell", aliases=("Mira",)),
            entity(spring, "Organisation", "Fernbank Trust"),
            entity(spring, "Organisation", "Oakridge Hub"),
            entity(spring, "Organisation", "Tallow Collective"),
            entity(spring, "Person", "Dex Harlan"),
            entity(spring, "Concept", "listening circles"),
            entity(spring, "Place", "Brackenfield"),
        ],
        [
            relation(
                spring,
                "ROLE_AT",
                ("Person", "Mira Quell"),
                ("Organisation", "Fernbank Trust"),
                "Mira Quell is chair of Fernbank Trust",
                attrs=(("title", "chair"),),
            ),
            relation(
                spring,
                "FUNDED",
                ("Organisation", "Fernbank Trust"),
                ("Organisation", "Oakridge Hub"),
                "Fernbank Trust funds Oakridge Hub",
            ),
            relation(
                spring,
                "PARTNERED_WITH",
                ("Organisation", "Oakridge Hub"),
                ("Organisation", "Tallow Collective"),
                "Oakridge Hub partners with Tallow Collective",
            ),
            relation(
                spring,
                "ROLE_AT",
                ("Person", "Dex Harlan"),
                ("Organisation", "Oakridge Hub"),
                "Dex Harlan, director of Oakridge Hub",
                attrs=(("title", "director"),),
            ),
            relation(
                spring,
                "LOCATED_IN",
                ("Organisation", "Tallow Collective"),
                ("Place", "Brackenfield"),
                "Tallow Collective works in Brackenfield",
                confidence=0.5,
            ),
        ],
    )
    summer_entities = [
        entity(summer, "Organisation", "Fernbank Trust"),
        entity(summer, "Organisation", "Oakridge Hub"),
        entity(summer, "Person", "Pell Wexford"),
        entity(summer, "Organisation", "Tallow Collective"),
        entity(summer, "Person", "Jordan Vale"),
        entity(summer, "Organisation", "Jordan Vale Foundation", aliases=("Jordan Vale",)),
    ]
    summer_relations = [
        relation(
            summer,
            "FUNDED",
            ("Organisation", "Fernbank Trust"),
            ("Organisation", "Oakridge Hub"),
            "Fernbank Trust funds Oakridge Hub again",
        ),
        relation(
            summer,
            "ROLE_AT",
            ("Person", "Pell Wexford"),
            ("Organisation", "Tallow Collective"),
            "Pell Wexford is treasurer of Tallow Collective",
            attrs=(("title", "treasurer"),),
        ),
    ]
    if hostile:
        summer_entities.append(entity(summer, "Organisation", hostile))
        summer_relations.append(
            relation(
                summer,
                "FUNDED",
                ("Organisation", "Fernbank Trust"),
                ("Organisation", hostile),
                f"Fernbank Trust funds {hostile}",
            )
        )
    summer_x = extraction(summer, summer_entities, summer_relations)
    return build_graph([spring, summer], [spring_x, summer_x])
