"""The docs are part of the product: every command explains itself, and the README stays true."""

from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from graph.cli import cli

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
