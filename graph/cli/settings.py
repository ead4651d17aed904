"""One settings record, with one precedence: defaults < environment < command-line flags."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

__all__ = ["DEFAULT_DATA_DIR", "ENV", "Settings", "find_data_dir", "load_settings"]

DEFAULT_DATA_DIR = "kg-data"
# Setting -> environment variable that can set it.
ENV = {
    "data_dir": "KG_DATA_DIR",
    "store": "KG_STORE",
    "catalogue": "KG_CATALOGUE",
    "model": "KG_MODEL",
}


@dataclass(frozen=True, slots=True)
class Settings:
    """Where kg keeps its data and which store, catalogue and spaCy model it uses."""

    data_dir: Path
    store: str | None = None  # None: the embedded store in data_dir (KG_STORE, else NEO4J_URI)
    catalogue: Path | None = None
    model: str | None = None


def find_data_dir(start: Path | None = None) -> Path | None:
    """The nearest ``kg-data`` folder: in ``start`` (default: the working folder) or the folder
    above it, and so on up, the way git finds a repository's ``.git``; None when there is none.

    So every command run from a subfolder of the folder that holds ``kg-data`` uses that graph.
    """
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        candidate = folder / DEFAULT_DATA_DIR
        if candidate.is_dir():
            return candidate
    return None


def load_settings(
    env: Mapping[str, str] | None = None, cwd: Path | None = None, **flags: str | Path | None
) -> Settings:
    """Combine defaults, the environment and flags (a flag left as None does not override).

    Without a data dir from a flag or the environment, it is the nearest ``kg-data`` folder
    (see :func:`find_data_dir`) from ``cwd``, else ``./kg-data`` (which only a build makes).
    """
    env = os.environ if env is None else env
    default = None if flags.get("data_dir") or env.get(ENV["data_dir"]) else find_data_dir(cwd)
    if default is None:
        default = cwd / DEFAULT_DATA_DIR if cwd else Path(DEFAULT_DATA_DIR)
    values: dict[str, str | Path | None] = {"data_dir": default, "store": None, "catalogue": None, "model": None}
    for key, var in ENV.items():
        if env.get(var):
            values[key] = env[var]
    if not values["store"] and env.get("NEO4J_URI"):
        # Neo4j's own variable names the team's server when kg's own is not set.
        values["store"] = env["NEO4J_URI"]
    for key, value in flags.items():
        if key not in values:
            raise TypeError(f"unknown setting {key}")
        if value is not None:
            values[key] = value
    return Settings(
        data_dir=Path(values["data_dir"]).expanduser(),
        store=str(values["store"]) if values["store"] else None,
        catalogue=Path(values["catalogue"]).expanduser() if values["catalogue"] else None,
        model=str(values["model"]) if values["model"] else None,
    )
