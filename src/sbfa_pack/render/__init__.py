"""Rendering a unit into the learner-side files of a package (HTML, runtime JS/CSS, assets).

One Jinja environment per template folder (a sandbox, :mod:`.sandbox`; autoescape on, strict
undefined); the built-in templates and static files are package data. A project may override
any template by putting a file of the same name in its ``theme.templates`` folder, and brand the
package with ``theme.primary_colour`` and ``theme.logo``. Builders call :func:`render_unit` and add their own
manifest.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import html
import os
import re
import traceback
from collections.abc import Sequence
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jinja2
import rcssmin
from calmjs.parse import es5
from calmjs.parse.unparsers.es5 import minify_print
from markupsafe import Markup, escape

from .. import markdown
from ..errors import SbfaError
from ..i18n.ui import country_name
from ..model import COUNTRY_LANGUAGES, Ordering
from ..paths import inside
from ..state import REFLECTION_MAX
from ..unit import Unit
from .data import country_label, data_json, direction, language_name, quiz_pass_mark, runtime_data
from .sandbox import ProjectTemplates, Sandbox, TemplateProblem
from .texts import Texts, scrambled
from .theme import theme_css

__all__ = ["OPTIONAL_CSS", "RUNTIME_PARTS", "boot_js", "environment", "page_name", "render_unit", "runtime_data",
           "runtime_js", "runtime_parts", "static_file", "stylesheet", "unit_features", "worst_stylesheet"]

RUNTIME_PARTS = ("state.js", "tracking.js", "adapters/{common}.js", "adapters/{adapter}.js", "widgets.js",
                 "widgets/*.js", "marking.js", "order.js", "quiz.js", "links.js", "app.js",
                 "survey.js?survey", "path.js?path", "listen.js?listen", "bizfile.js?bizfile", "nav.js", "steps.js",
                 "glossary.js?glossary", "screens.js")
"""The runtime files concatenated into ``sbfa.js``, in order; a part not (yet) present is skipped.
A part written ``name.js?feature`` is optional: only packages whose unit uses that feature
(:func:`unit_features`) carry it, so a feature costs nothing to the courses that do not use it."""

_COMMON = {"xapi": "xapi-common", "cmi5": "xapi-common", "scorm12": "scorm-common", "scorm2004": "scorm-common"}
"""A part shared by several adapters, placed right before the adapter's own part."""

_LOGO_TYPES = {".svg": "svg", ".png": "png", ".webp": "webp", ".jpg": "jpg", ".jpeg": "jpg"}
_IMG = re.compile(r"<img(?![^>]*\bloading=)")
_TABLE = re.compile(r"<table>.*?</table>", re.DOTALL)
_TH = re.compile(r"<th\b[^>]*>(.*?)</th>", re.DOTALL)
_TAG = re.compile(r"<[^>]+>")


def _table_box(m: re.Match[str]) -> str:
    """A table in a box that scrolls sideways on a phone: focusable, so the keyboard can scroll it
    (axe scrollable-region-focusable), and named by its header row (issue 12 item 7)."""
    head = ", ".join(" ".join(html.unescape(_TAG.sub("", h)).split()) for h in _TH.findall(m.group(0)))
    label = f' aria-label="{escape(head)}"' if head else ""
    return f'<div class="table-box" role="region" tabindex="0"{label}>{m.group(0)}</div>'


@lru_cache(maxsize=8192)  # the same texts in every language not translated yet, and every format
def _md(text: str | None) -> Markup:
    # Images load lazily: lessons the learner has not opened stay hidden and cost no bytes.
    if not text:
        return Markup("")
    out = _IMG.sub('<img loading="lazy" decoding="async"', markdown.to_html(text))
    return Markup(_TABLE.sub(_table_box, out) if "<table" in out else out)


@lru_cache(maxsize=8192)
def _mdinline(text: str | None) -> Markup:
    return Markup(markdown.inline_html(text)) if text else Markup("")


@lru_cache(maxsize=8)
def _style_src(css: str) -> Markup:
    """The CSP source that allows exactly this inlined stylesheet (or inlined script)."""
    return Markup(f"'sha256-{base64.b64encode(hashlib.sha256(css.encode()).digest()).decode()}'")


@cache
def environment(override: Path | None = None, root: Path | None = None) -> Sandbox:
    """The Jinja environment (a sandbox, :mod:`.sandbox`); templates in ``override`` (a folder of
    the project at ``root``) win over the built-in ones."""
    loaders: list[jinja2.BaseLoader] = [jinja2.PackageLoader("sbfa_pack.render", "templates")]
    if override is not None:
        loaders.insert(0, ProjectTemplates(override, root))
    env = Sandbox(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,  # templates do not change during a build: no stat() per include
    )
    env.filters["md"] = _md
    env.filters["mdinline"] = _mdinline
    return env


def static_file(name: str) -> bytes:
    """A file of ``render/static`` (raises FileNotFoundError when it does not exist)."""
    return resources.files("sbfa_pack.render").joinpath("static", name).read_bytes()


@lru_cache(maxsize=64)  # the same parts for every adapter and feature set
def _lean(js: str) -> str:
    """A runtime part minified: calmjs.parse parses it as ES5 (the runtime's language: docs/runtime.md)
    and prints it without comments or needless white space, with the local names of every function
    shortened (globals and property names kept, so the parts still meet on ``window.SBFA``).
    Deterministic; about 11 % less after gzip than removing white space alone."""
    return str(minify_print(es5(js), obfuscate=True, obfuscate_globals=False)).strip()


def unit_features(unit: Unit) -> frozenset[str]:
    """The optional runtime features ``unit`` uses: each lesson kind's name (``survey``, …), ``listen``
    when it has a text lesson or a case study to read aloud, ``glossary`` when it marks a glossary
    term, ``bizfile`` (the business file and reflection boxes) when the learner has something to
    write, plus the names a course model declares in ``runtime_features`` when it has that attribute."""
    kinds: set[str] = {lesson.kind for module in unit.course.modules for lesson in module.lessons}
    listen = {"listen"} if kinds & {"page", "case-study"} else set()
    glossary = {"glossary"} if unit.glossary else set()
    bizfile = {"bizfile"} if unit.exercises or kinds & {"exercise", "case-study"} else set()
    return frozenset(kinds | listen | glossary | bizfile | set(getattr(unit.course, "runtime_features", ()) or ()))


def _parts(adapter: str, features: frozenset[str] | None = None) -> list[str]:
    names: list[str] = []
    for part in RUNTIME_PARTS:
        part, _, feature = part.partition("?")
        if feature and features is not None and feature not in features:
            continue
        name = part.format(adapter=adapter, common=_COMMON.get(adapter, ""))
        if name.endswith("/*.js"):  # a folder of parts, in name order
            folder = resources.files("sbfa_pack.render").joinpath("static", "runtime", name[:-5])
            if folder.is_dir():
                names += sorted(f"{name[:-5]}/{f.name}" for f in folder.iterdir() if f.name.endswith(".js"))
        elif name != "adapters/.js":
            names.append(name)
    return names


@cache
def boot_js() -> str:
    """The script inlined in ``<head>`` (allowed by its hash) that makes the first tap on Next, Back or
    a contents link work before ``sbfa.js`` has started (static/boot.js; docs/runtime.md)."""
    return _lean(static_file("boot.js").decode())


def runtime_parts(adapter: str, features: frozenset[str] | None = None) -> list[tuple[str, str]]:
    """The parts of ``sbfa.js`` as (name, minified text), in contract order; with ``features``,
    optional parts only for those features (None: every part, the worst case)."""
    out: list[tuple[str, str]] = []
    for name in _parts(adapter, features):
        try:
            text = static_file("runtime/" + name).decode()
        except FileNotFoundError:
            continue
        out.append((name, _lean(text)))
    return out


@cache  # the same for every package of an adapter and feature set
def runtime_js(adapter: str, features: frozenset[str] | None = None) -> bytes:
    """``sbfa.js``: the runtime parts (:func:`runtime_parts`), each under a ``/* name */`` line."""
    return "".join(f"/* {name} */\n{text}\n;\n" for name, text in runtime_parts(adapter, features)).encode()


def _theme_files(unit: Unit) -> tuple[dict[str, bytes], str | None, Path | None]:
    """Logo file (if any), its package path, and the template override folder."""
    theme, root = unit.project.theme, unit.root
    files: dict[str, bytes] = {}
    logo_name = None
    # The loader has reported a logo or a folder outside the project (paths.inside): left out here.
    logo = inside(root, theme.logo) if theme.logo and root is not None else None
    if logo is not None and logo.is_file():
        ext = _LOGO_TYPES.get(Path(theme.logo or "").suffix.lower())
        if ext:
            logo_name = f"theme/logo.{ext}"
            files[logo_name] = logo.read_bytes()
    templates = inside(root, theme.templates) if theme.templates and root is not None else None
    return files, logo_name, templates if templates and templates.is_dir() else None


def _host(url: str) -> str:
    return urlsplit(url).hostname or url


def _scrambled_items(q: Ordering) -> list[Any]:
    by_id = {i.id: i for i in q.items}
    return [by_id[i] for i in scrambled(q.id, list(by_id))]


def page_name(lang: str, main: str) -> str:
    """The page of one language in a multilingual package: ``index.html`` for the launched one."""
    return "index.html" if lang == main else f"index.{lang}.html"


def _page(unit: Unit, adapter: str, languages: list[dict[str, str]], templates: Path | None,
          logo: str | None, css: str) -> str:
    data = runtime_data(unit, adapter)
    if languages:
        data["langs"] = languages
    context: dict[str, Any] = {
        "unit": unit, "course": unit.course, "lang": unit.language, "dir": direction(unit.language),
        "adapter": adapter, "logo": logo, "T": Texts(data["strings"], unit.language),
        "data_json": Markup(data_json(data)),
        "reflection_max": REFLECTION_MAX, "resources": unit.resources, "exercises": unit.exercises,
        "lesson_count": len(data["lessons"]), "languages": languages, "host": _host,
        "language_name": language_name, "country_name": lambda c: country_name(c, unit.language),
        "quiz_pass": lambda quiz: quiz_pass_mark(unit.course, quiz),
        "scrambled": lambda q: _scrambled_items(q),
        "glossary": unit.glossary,
        "office_country": lambda c: country_label(c, unit.language),
        "office_lang": lambda c: COUNTRY_LANGUAGES.get(c, c),
        # The LRS of an xAPI/cmi5 launch is on another origin, known only at launch time.
        "connect_src": Markup("'self' http: https:" if adapter in ("xapi", "cmi5") else "'self'"),
        "inline_css": Markup(css),
        "style_src": _style_src(css),
        "boot_js": Markup(boot_js()),
        "script_src": _style_src(boot_js()),
    }
    env = environment(templates, unit.root)
    env.new_page()
    context["shared"] = lambda name: _shared(unit, env, name, context)
    try:
        page = env.get_template("course.html.j2").render(context)
    except SbfaError:
        raise
    except Exception as exc:  # a project's template may fail in any way (1/0, a sandbox refusal)
        raise _template_error(exc, templates, unit.root) from None
    return _announce_links(page, context["T"])


def _announce_links(page: str, T: Texts) -> str:
    """The words of links that leave the lesson, in the page's language, put into the slots that
    rendered Markdown leaves for them: in the HTML, and in the data block (the exercises' texts)."""
    for slot, key in ((markdown.NEW_TAB, "opens_new_tab"), (markdown.DOWNLOAD, "downloads")):
        filled = slot.replace("></", f"> {escape(T(key))}</")
        page = page.replace(slot, filled).replace(data_json(slot)[1:-1], data_json(filled)[1:-1])
    return page


def _template_error(exc: Exception, folder: Path | None, root: Path | None) -> Exception:
    """A project's template at fault becomes a one-line error at its file and line; a fault in a
    built-in template is a bug and keeps its traceback."""
    place: tuple[str, int] | None = None
    mine = str(folder) + os.sep if folder else None
    if isinstance(exc, jinja2.TemplateSyntaxError) and exc.filename:
        place = (exc.filename, exc.lineno)
    else:
        frames = [f for f in traceback.extract_tb(exc.__traceback__)
                  if f.filename.endswith(".j2") or (mine and f.filename.startswith(mine))]
        if frames:
            place = (frames[-1].filename, frames[-1].lineno or 0)
    # Not resolved: a template reached through a link is shown where the folder has it.
    path = Path(place[0]) if place else None
    if folder is None or place is None or path is None or not path.is_relative_to(folder):
        return exc  # a built-in template, or no place: a bug
    base = root.resolve() if root else None
    shown = path.relative_to(base).as_posix() if base and path.is_relative_to(base) else str(path)
    why = getattr(exc, "message", None) or f"{type(exc).__name__}: {exc}"
    return TemplateProblem(message=f"template error: {why[:300]}", file=shown, line=place[1])


_PER_FORMAT = ("adapter", "data_json", "connect_src", "shared")
"""What differs between the formats of one language: templates rendered with shared() do not see it."""
_SHARED: dict[str, Markup] = {}
_SHARED_FOR: list[tuple[Unit, jinja2.Environment, tuple[str, str | None, str]]] = []
"""What the parts in _SHARED were rendered for: the unit (that object), the environment, and the
other values a page of the unit may differ in. A build makes the formats of one unit × language
one after the other."""


def _shared(unit: Unit, env: jinja2.Environment, name: str, context: dict[str, Any]) -> Markup:
    """Template ``name`` rendered for ``unit`` without the format's values, once for all its formats."""
    more = (repr(context["languages"]), context["logo"], str(context["inline_css"]))
    if not (_SHARED_FOR and _SHARED_FOR[0][0] is unit and _SHARED_FOR[0][1] is env and _SHARED_FOR[0][2] == more):
        _SHARED.clear()
        _SHARED_FOR[:] = [(unit, env, more)]
    if name not in _SHARED:
        _SHARED[name] = Markup(env.get_template(name).render({k: v for k, v in context.items()
                                                               if k not in _PER_FORMAT}))
    return _SHARED[name]


def stylesheet(unit: Unit) -> bytes:
    """The package's CSS: base, brand colour, widgets, and the optional features' (``OPTIONAL_CSS``).

    It is inlined in the page (allowed by its sha256 in the CSP, still no inline style attribute):
    on a slow mobile line a separate stylesheet costs a second round trip before anything paints
    (benchmarks/learner.py)."""
    return _stylesheet(unit.project.theme.primary_colour, unit_features(unit) & frozenset(OPTIONAL_CSS))


OPTIONAL_CSS = {"survey": "survey.css", "glossary": "glossary.css", "bizfile": "bizfile.css"}
"""Stylesheets of optional features, inlined only in packages whose unit uses the feature (as RUNTIME_PARTS)."""


def worst_stylesheet(unit: Unit) -> bytes:
    """The package's CSS with every optional feature's: the stylesheet's share of the worst case."""
    return _stylesheet(unit.project.theme.primary_colour, frozenset(OPTIONAL_CSS))


@cache  # the same for every package of a build
def _stylesheet(colour: str, features: frozenset[str] = frozenset()) -> bytes:
    css = static_file("sbfa.css") + theme_css(colour).encode()
    with contextlib.suppress(FileNotFoundError):
        css += static_file("widgets.css")
    for feature in sorted(features):
        css += static_file(OPTIONAL_CSS[feature])
    # rcssmin: comments and white space dropped, rules kept as written (about 25 % less after gzip).
    return str(rcssmin.cssmin(css.decode())).encode()


def render_unit(unit: Unit, adapter: str, variants: Sequence[Unit] = ()) -> dict[str, bytes]:
    """Every learner-side file of the package for ``adapter`` (``scorm12``, ``scorm2004``, ``xapi``, ``cmi5``,
    ``none``).

    ``variants`` are the same course localised to other languages (a multilingual package): each
    becomes ``index.<lang>.html``, which the runtime loads in place when the learner switches
    language, so the launched page never unloads and progress (keyed by ids) carries over.
    """
    theme_files, logo, templates = _theme_files(unit)
    others = [v for v in (variants or unit.variants) if v.language != unit.language]
    for v in others:
        if v.course.id != unit.course.id:
            raise ValueError(f"variant '{v.course.id}' is not the course '{unit.course.id}'")
    languages = [{"code": u.language, "name": language_name(u.language), "dir": direction(u.language),
                  "file": page_name(u.language, unit.language)}
                 for u in sorted([unit, *others], key=lambda u: u.language)] if others else []
    css = stylesheet(unit).decode()
    files: dict[str, bytes] = {"sbfa.js": runtime_js(adapter, unit_features(unit))}
    files.update(theme_files)
    for u in [unit, *others]:
        files[page_name(u.language, unit.language)] = _page(u, adapter, languages, templates, logo, css).encode()
        for name, path in sorted(u.assets.items()):
            files.setdefault(name, path.read_bytes())
    return files
