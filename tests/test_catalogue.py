"""The user's catalogue file: valid entries load, malformed ones are named in the error."""

import pytest

from loaders.catalogue import load_catalogue, save_catalogue
from loaders.errors import CatalogueError

GOOD = """
entities:
  - label: Organisation
    name: Riverside Trust
    aliases: [Riverside, RT]
ignore: [Read On]
edges:
  - type: FUNDED
    source: {label: Organisation, name: Riverside Trust}
    target: {label: Organisation, name: Hilltop Care}
    note: Confirmed by the grants team
    status: ended
"""


def test_valid_catalogue_loads(tmp_path):
    path = tmp_path / "cat.yaml"
    path.write_text(GOOD)
    cat = load_catalogue(path)
    assert cat.entities[0].name == "Riverside Trust" and cat.entities[0].aliases == ("Riverside", "RT")
    assert cat.ignore == ("Read On",)
    assert cat.edges[0].attrs == (("status", "ended"),)
    assert cat.edges[0].note == "Confirmed by the grants team"


@pytest.mark.parametrize(
    "text, fragment",
    [
        ("entities: [{label: Animal, name: Rex}]", "entities[0].label 'Animal' is not a label"),
        (
            "edges: [{type: LIKES, source: {label: Person, name: A}, target: {label: Person, name: B}}]",
            "edges[0].type 'LIKES'",
        ),
        ("entities: [{label: Person}]", "entities[0].name must be a non-empty text"),
        ("people: []", "unknown section(s) people"),
        ("entities: {a: 1}", "'entities' must be a list"),
        ("entities: [unclosed", "not valid YAML"),
    ],
)
def test_malformed_catalogue_names_the_entry(tmp_path, text, fragment):
    path = tmp_path / "cat.yaml"
    path.write_text(text)
    with pytest.raises(CatalogueError) as err:
        load_catalogue(path)
    assert fragment in str(err.value) and str(path) in str(err.value)


def test_missing_catalogue_is_a_clear_error(tmp_path):
    with pytest.raises(CatalogueError, match="cannot read catalogue"):
        load_catalogue(tmp_path / "nope.yaml")


def test_names_yaml_would_read_as_other_values_stay_as_written(tmp_path):
    # "NO" (an acronym), "On" and "1.10" would become false, true and 1.1 to the usual loader
    path = tmp_path / "cat.yaml"
    path.write_text(
        "entities:\n  - {label: Organisation, name: Norwegian Oil, aliases: [NO, On, 1.10]}\n"
        "ignore: [Yes, 007]\nedges:\n",
        encoding="utf-8",
    )
    cat = load_catalogue(path)
    assert cat.entities[0].aliases == ("NO", "On", "1.10")
    assert cat.ignore == ("Yes", "007") and cat.edges == ()
    save_catalogue(cat, path)
    assert load_catalogue(path).entities == cat.entities  # and they are written back quoted as needed


def test_yaml_words_for_nothing_still_mean_nothing(tmp_path):
    path = tmp_path / "cat.yaml"
    path.write_text(
        "entities:\n  - {label: Organisation, name: Tern House, aliases: ~}\nignore: null\n"
        "edges:\n  - {type: FUNDED, source: {label: Organisation, name: Tern House},\n"
        "     target: {label: Organisation, name: Gull Hall}, status: ~, note: null}\n",
        encoding="utf-8",
    )
    cat = load_catalogue(path)
    assert cat.entities[0].aliases == () and cat.ignore == ()
    assert cat.edges[0].attrs == () and cat.edges[0].note == ""
