"""Output formats: one module per format, each a :class:`Builder` registered by name.

Built-in formats and plug-ins go through the same door: :func:`register` (plug-ins are found
through the ``sbfa_pack.builders`` entry-point group). Registering a name twice is an error.
"""

from __future__ import annotations

import importlib
from abc import ABC, abstractmethod
from importlib.metadata import entry_points
from typing import ClassVar

from ..unit import Unit


class Builder(ABC):
    """Turns a unit into the files of one package (path inside the package → bytes)."""

    name: ClassVar[str]
    """The format name used on the command line (``--format``)."""
    title: ClassVar[str]
    extension: ClassVar[str] = ".zip"

    def __init__(self, options: dict[str, object] | None = None) -> None:
        self.options = options or {}

    @abstractmethod
    def files(self, unit: Unit) -> dict[str, bytes]:
        """Every file of the package, deterministic for the same unit and options."""

    def package_name(self, unit: Unit) -> str:
        return f"{unit.package_stem}-{self.name}{self.extension}"

    def report(self, unit: Unit) -> dict[str, object]:
        """Figures to show in ``build`` output and index.json (e.g. worst-case state size)."""
        return {}


_REGISTRY: dict[str, type[Builder]] = {}
_BUILTIN = ("web", "scorm12", "scorm2004", "xapi", "cmi5")
_plugins_loaded = False


def register(cls: type[Builder]) -> type[Builder]:
    """Class decorator adding a builder to the registry; refuses a duplicate name."""
    if cls.name in _REGISTRY and _REGISTRY[cls.name] is not cls:
        raise ValueError(f"two builders are registered for the format '{cls.name}'")
    _REGISTRY[cls.name] = cls
    return cls


def _load_builtin(name: str) -> None:
    # Imported only when asked for: a web build need not import the XML and xAPI libraries.
    try:
        importlib.import_module(f"{__name__}.{name}")
    except ModuleNotFoundError as exc:
        if exc.name != f"{__name__}.{name}":
            raise  # a real import error inside an existing builder is a bug: show it


def _load_plugins() -> None:
    global _plugins_loaded
    if not _plugins_loaded:
        _plugins_loaded = True
        for ep in entry_points(group="sbfa_pack.builders"):
            register(ep.load())


def names() -> list[str]:
    """Registered format names, built-in ones first."""
    for name in _BUILTIN:
        if name not in _REGISTRY:
            _load_builtin(name)
    _load_plugins()
    return sorted(_REGISTRY, key=lambda n: (_BUILTIN.index(n) if n in _BUILTIN else 99, n))


def get(name: str) -> type[Builder]:
    """The builder of format ``name``, importing only its module; KeyError when there is none."""
    if name not in _REGISTRY and name in _BUILTIN:
        _load_builtin(name)
    if name not in _REGISTRY:
        _load_plugins()
    return _REGISTRY[name]
