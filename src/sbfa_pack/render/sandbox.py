"""The Jinja environment every template renders in: a sandbox, since a project's templates are
untrusted input (a partner's or a contributor's files, built by CI).

Jinja's :class:`~jinja2.sandbox.ImmutableSandboxedEnvironment` already refuses attributes that
start with ``_`` and the internals of functions, frames and generators, and changes to lists and
dicts (the model is shared by every format of a build). On top of it a template here can never:

- reach a module, a class or a path on disk (``unit.root``, a ``Path``'s ``read_text``...), so
  it reads no file and runs no code;
- use Jinja's extra globals (``lipsum``, ``cycler``, ``joiner``, ``namespace``): only the names
  the render passes in, plus ``range`` (at most 100,000 steps, a million in all in one page) and
  ``dict``;
- make a huge number or text in one step (``10 ** 9999999``, ``"x" * 10 ** 9``).

Anything else is a :class:`~jinja2.sandbox.SecurityError` (or an undefined name), reported at the
template's file and line like any other template error. A project's templates are read by
:class:`ProjectTemplates`, which reads only regular files really inside the project (links
followed), includes and imports too.
"""

from __future__ import annotations

import operator
import os
import stat
from collections.abc import Callable, MutableMapping
from pathlib import Path
from types import ModuleType
from typing import Any

import jinja2
from jinja2.exceptions import SecurityError
from jinja2.loaders import split_template_path
from jinja2.runtime import Context
from jinja2.sandbox import ImmutableSandboxedEnvironment, safe_range

from ..errors import SbfaError
from ..paths import inside, real

MAX_REPEAT = 1_000_000
"""The longest text or list one ``*`` may make (a page is far smaller)."""
MAX_RANGE_STEPS = 1_000_000
"""The steps all ``range()`` calls of one page may make together."""
MAX_POWER_BITS = 4096
"""The largest number ``**`` may make, in bits."""

_GLOBALS_KEPT = ("range", "dict")


class Sandbox(ImmutableSandboxedEnvironment):
    """The one environment class of the templates.

    Templates never change during a build (``auto_reload`` is off), so the one asked for by
    name is kept at hand: a page includes about a hundred (a lesson, its kind, each question),
    and Jinja's own lookup (a weak reference and a locked cache per include) was a sixth of the
    page's time."""

    intercepted_binops = frozenset({"*", "**"})

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self._by_name: dict[str, jinja2.Template] = {}
        self._safe: dict[tuple[type, str, type], bool] = {}
        for name in list(self.globals):
            if name not in _GLOBALS_KEPT:
                del self.globals[name]
        self.globals["range"] = self._range
        self._steps = MAX_RANGE_STEPS

    def new_page(self) -> None:
        """Start the budget of ``range`` steps of one page afresh."""
        self._steps = MAX_RANGE_STEPS

    def _range(self, *args: int) -> range:
        """``range`` of at most 100,000 steps, and MAX_RANGE_STEPS in all in one page (nested
        loops); beyond, an error at the template's line (Jinja's own raises OverflowError, which
        is no template error)."""
        try:
            steps = safe_range(*args)
        except OverflowError as exc:
            raise SecurityError(str(exc)) from None
        self._steps -= len(steps)
        if self._steps < 0:
            raise SecurityError(f"more than {MAX_RANGE_STEPS:,} steps of range() in one page")
        return steps

    def get_template(self, name: str | jinja2.Template, parent: str | None = None,
                     globals: MutableMapping[str, Any] | None = None) -> jinja2.Template:
        if globals is None and isinstance(name, str):
            found = self._by_name.get(name)
            if found is None:
                found = self._by_name[name] = super().get_template(name, parent)
            return found
        return super().get_template(name, parent, globals)

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        # Decided by the types alone, so the answer is kept: a page reads thousands of attributes.
        key = (type(obj), attr, type(value))
        safe = self._safe.get(key)
        if safe is None:
            safe = self._safe[key] = not (_hidden(obj) or _hidden(value)) and \
                super().is_safe_attribute(obj, attr, value)
        return safe

    def is_safe_callable(self, obj: Any) -> bool:
        return (obj is dict or not isinstance(obj, type)) and super().is_safe_callable(obj)

    def call_binop(self, context: Context, op: str, left: Any, right: Any) -> Any:
        if op == "**" and isinstance(left, int) and isinstance(right, int) and right > 0 and abs(left) > 1 \
                and (abs(left).bit_length() - 1) * right > MAX_POWER_BITS:
            raise SecurityError(f"{left} ** {right} is too large a number for a template")
        if op == "*":
            for seq, times in ((left, right), (right, left)):
                if isinstance(seq, str | list | tuple) and isinstance(times, int) and \
                        len(seq) * times > MAX_REPEAT:
                    raise SecurityError(f"a text or list of more than {MAX_REPEAT:,} items is too long for a template")
        return operator.pow(left, right) if op == "**" else operator.mul(left, right)


def _hidden(value: Any) -> bool:
    """What a template may never hold the attributes of: files on disk, modules and classes."""
    return isinstance(value, os.PathLike | ModuleType | type)


class TemplateProblem(SbfaError):
    """A template of the project's ``theme.templates`` folder cannot be rendered."""

    code = "theme.template"


class ProjectTemplates(jinja2.FileSystemLoader):
    """A project's ``theme.templates`` folder: a template found there (a link too) must really be
    a file inside the project, else the build stops with an error naming it; never read first."""

    def __init__(self, folder: Path, root: Path | None) -> None:
        super().__init__(str(folder))
        self.folder = folder
        self.root = real(root) if root is not None else real(folder)

    def get_source(self, environment: jinja2.Environment,
                   template: str) -> tuple[str, str, Callable[[], bool]]:
        path = self.folder.joinpath(*split_template_path(template))
        if not path.exists() and not path.is_symlink():
            raise jinja2.TemplateNotFound(template)  # the built-in one, if any
        shown = path.relative_to(self.root).as_posix() if path.is_relative_to(self.root) else str(path)
        target = inside(self.root, path, real_base=self.root)
        if target is None:
            raise TemplateProblem(message=f"theme.templates: '{shown}' leads outside the project", file=shown)
        try:
            regular = stat.S_ISREG(target.stat().st_mode)
        except OSError as exc:  # a broken link, a link loop
            raise TemplateProblem(message=f"theme.templates: '{shown}' cannot be read ({exc.strerror})",
                                  file=shown) from None
        if not regular:
            raise TemplateProblem(message=f"theme.templates: '{shown}' is not a regular file", file=shown)
        return super().get_source(environment, template)
