"""The docs are part of the product: every command explains itself, and the README stays true."""

from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from graph.cli import cli
from tests.helpers import kg, short_data_dir

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def all_commands(group: click.Group, prefix=()):
    for name, cmd in sorted(group.commands.items()):
        yield (*prefix, name), cmd
        if isinstance(cmd, click.Group):
            yield from all_commands(cmd, (*prefix, name))


COMMANDS = list(all_commands(cli))


@pytest.mark.parametrize("path", [p for p, _ in COMMANDS], ids=" ".join)
def test_every_command_has_help_with_an_example(path):
    result = CliRunner().invoke(cli, [*path, "--help"])
    assert result.exit_code == 0
    assert "Example:" in result.output
    assert "kg " + " ".join(path) in result.output


@pytest.mark.parametrize("path", [p for p, _ in COMMANDS], ids=" ".join)
def test_every_command_is_in_the_readme(path):
    assert "kg " + " ".join(path) in README


def _fenced(marker: str) -> str:
    after = README.split(marker, 1)[1]
    return after.split("```", 2)[1].strip().removeprefix("sh").strip()


def test_ci_runs_exactly_the_readme_test_command():
    command = _fenced("<!-- test-command -->")
    assert command in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_readme_main_command_builds_the_example_corpus():
    command = _fenced("<!-- main-command -->")
    assert "kg build ../shared/corpus" in command and "kg stats" in command


# Examples that read what a user has made first (a second build, their own query folder).
_NEEDS_MORE = ("--new-since", "my-query")
EXAMPLES = sorted(
    {
        line.strip().split("  #")[0].strip()
        for line in README.splitlines()
        if line.startswith("    kg ")
        and line.split()[1] in ("query", "show", "map", "viz", "cypher")
        and " list" not in line
        and " show " not in line[:14]
        and not any(m in line for m in _NEEDS_MORE)
    }
)


@pytest.fixture(scope="module")
def example_data(example_corpus):
    """The example corpus built as the README's quick start builds it."""
    with short_data_dir() as data:
        kg(data, "build", "-q", str(example_corpus))
        yield data


@pytest.mark.slow  # builds the example corpus, then draws maps and explorers from it
@pytest.mark.parametrize("example", EXAMPLES)
def test_the_readme_examples_run_on_the_example_corpus(example_data, example, tmp_path, monkeypatch):
    # A user who has just run the quick start can paste each example as it is.
    import shlex

    monkeypatch.chdir(tmp_path)  # where the examples' -o files go
    result = kg(example_data, *shlex.split(example)[1:])
    assert "(0 rows)" not in result.stdout and "no rows for" not in result.stderr


def test_the_readme_examples_are_found():
    assert len(EXAMPLES) >= 10 and any("query run" in e for e in EXAMPLES)


def test_the_readme_shows_a_board_ready_map_that_a_script_makes():
    from PIL import Image

    assert "](docs/board-map.png)" in README and "docs/make_figures.py" in README
    script = (ROOT / "docs" / "make_figures.py").read_text(encoding="utf-8")
    assert '"board-map.png"' in script and 'shared" / "corpus"' in script
    image = Image.open(ROOT / "docs" / "board-map.png")
    assert image.size == (3507, 2481) and [round(d) for d in image.info["dpi"]] == [300, 300]  # A4 for print
