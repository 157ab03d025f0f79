"""``sbfa-pack site``: the programme's static, multilingual website, built from the project.

The build, top to bottom (all reading and checking before anything is written):

1. load and check the whole project (every problem reported at once; with an error nothing is
   written); read the link-check cache (:mod:`.linkstate`) and ``dist/index.json``
   (:mod:`.downloads`; without it the site has no downloads, and says so);
2. per language: localise the project (:mod:`.content`), render every page (:mod:`.pages`,
   templates in ``templates/``, the sandboxed environment of :mod:`sbfa_pack.render.sandbox`),
   the search index, and each toolkit exercise in the ``web`` format;
3. add the files every language shares (stylesheet, script, the language choice, ``404.html``,
   ``sitemap.xml``) and write it all (:mod:`.output`: only what changed, each file whole).

Every page links relatively, so the folder works from a web server, GitHub Pages or a USB stick
(``file://``); canonical URLs, hreflang alternates, Open Graph and the sitemap use the base URL.
The bytes depend on the sources only (``SOURCE_DATE_EPOCH`` gives the sitemap's date).
"""

from __future__ import annotations

import dataclasses
import os
import posixpath
import time
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2

from ..builders.web import WebBuilder
from ..diagnostics import Diagnostics
from ..i18n.ui import direction, language_name
from ..load import load_project
from ..render.sandbox import Sandbox
from ..work import localiser
from . import content, downloads, linkstate, output, pages
from .search import index_script
from .text import PageText

__all__ = ["SiteResult", "build_site"]

_NOTE_SLOT = "<!--sbfa-untranslated-->"
NAV = (("index.html", "home"), ("resources/index.html", "resource_bank"), ("courses/index.html", "programme"),
       ("toolkit/index.html", "toolkit"), ("stories/index.html", "stories"), ("partners.html", "partners"),
       ("trainers/index.html", "trainers"))


@dataclass
class SiteResult:
    """What a site build did."""

    diagnostics: Diagnostics
    written: list[str] = dataclasses.field(default_factory=list)
    unchanged: int = 0
    removed: list[str] = dataclasses.field(default_factory=list)
    no_dist: bool = False
    pages: int = 0


def build_site(root: Path, out_dir: Path, dist: Path, *, base_url: str | None = None,
               strict: bool = False) -> SiteResult:
    """Check the project, then write its site into ``out_dir`` (nothing when it has errors, or
    with ``strict`` warnings)."""
    diags = Diagnostics()
    lp = load_project(root, diags)
    if lp is None or diags.failed(strict=strict):
        return SiteResult(diags)
    base = base_url or lp.project.site.base_url
    base = base if base is None or base.endswith("/") else base + "/"
    packages = downloads.read(dist)
    p = content.project(lp, linkstate.read(root), packages or [])
    files = render_site(p, base)
    written = output.write(out_dir, files, downloads.copies(dist, packages or []))
    n_pages = sum(1 for name in files if name.endswith(".html"))
    return SiteResult(diags, written.written, written.unchanged, written.removed, packages is None, n_pages)


def render_site(p: content.Project, base: str | None) -> dict[str, bytes]:
    """Every file of the site but the copied packages: path → bytes."""
    langs = list(p.lp.project.languages)
    env = environment()
    files: dict[str, bytes] = {}
    keys: list[str] = []
    for lang in langs:
        lo = content.localised(p, lang)
        for key, template, ctx in pages.pages(p, lo):
            path = f"{lang}/{key}"
            frame = _frame(p, lo.t, key, path, langs, base, ctx)
            files[path] = _html(env.get_template(template).render({**frame, **ctx}), lo.t)
            for name, source in ctx.get("files", {}).items():  # images the page shows, beside it
                files[posixpath.join(posixpath.dirname(path), name)] = source.read_bytes()
            if lang == langs[0]:
                keys.append(key)
        views = content.resource_views(p, lo)
        entries = {f"r-{v['id']}": v["search"] for v in views}
        # A bank on several pages: the index also carries each card, so results come from every page.
        card = env.get_template("card.html.j2")
        cards = [card.render(r=v, t=lo.t) for v in views] if len(p.bank) > 1 else None
        files[f"assets/search-{lang}.js"] = index_script(lang, entries, cards)
        files.update(_web(p, lang))
    source = p.lp.project.source_language
    t = PageText(source, source, frozenset())
    choice = [{"lang": lang, "name": language_name(lang), "href": f"{lang}/index.html"} for lang in langs]
    for path, template in (("index.html", "root.html.j2"), ("404.html", "404.html.j2")):
        frame = _frame(p, t, "", path, langs, base, {"title": p.lp.project.name})
        # 404.html is served at any depth: its links are absolute when the base URL is known.
        if path == "404.html" and base:
            frame["u"] = lambda target, _b=base: _b + target
        files[path] = _html(env.get_template(template).render({**frame, "choice": choice, "title": p.lp.project.name}),
                            t)
    files["assets/site.css"] = _static("site.css")
    files["assets/site.js"] = _static("site.js")
    if base:
        files["sitemap.xml"] = env.get_template("sitemap.xml.j2").render(
            base=base, keys=keys, langs=langs, lastmod=_lastmod()).encode()
    return files


def _frame(p: content.Project, t: PageText, key: str, path: str, langs: list[str], base: str | None,
           ctx: dict[str, Any]) -> dict[str, Any]:
    """What every page's frame (``base.html.j2``) needs."""
    def u(target: str) -> str:
        return posixpath.relpath(target, posixpath.dirname(path) or ".")

    lang = t.lang
    alternates = [{"lang": other, "name": language_name(other), "href": u(f"{other}/{key}"),
                   "abs": f"{base}{other}/{key}" if base else None} for other in langs] if key else []
    nav = [{"label": t(label), "href": u(f"{lang}/{target}"), "current": target == key} for target, label in NAV
           if p.lp.guide is not None or label != "trainers"] if key else []
    return {"lang": lang, "dir": direction(lang), "t": t, "u": u, "site_name": p.lp.project.name,
            "page_title": str(ctx.get("title", p.lp.project.name)), "alternates": alternates, "nav": nav,
            "canonical": f"{base}{path}" if base else None, "home": u(f"{lang}/index.html"),
            "x_default": base or u("index.html")}


def _html(page: str, t: PageText) -> bytes:
    """The page's bytes, with the note on untranslated text when it shows any."""
    if 'class="untr"' in page:
        page = page.replace(_NOTE_SLOT, f'<p class="untr-note" role="note">{t("untranslated_note")}</p>', 1)
    return page.encode()


def _web(p: content.Project, lang: str) -> dict[str, bytes]:
    """Each toolkit exercise in the ``web`` format (the learner pages without tracking), in ``lang``."""
    out: dict[str, bytes] = {}
    loc = localiser()
    builder = WebBuilder({})
    for unit in p.exercises:
        done = loc(dataclasses.replace(unit, language=lang), lang)
        for name, data in builder.files(done).items():
            out[f"web/{unit.id}/{lang}/{name}"] = data
    return out


def _lastmod() -> str | None:
    raw = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    return time.strftime("%Y-%m-%d", time.gmtime(int(raw))) if raw.isdigit() else None


def _static(name: str) -> bytes:
    return resources.files("sbfa_pack.site").joinpath("static", name).read_bytes()


@cache
def environment() -> Sandbox:
    """The site's templates in the sandboxed environment every template of sbfa-pack renders in."""
    return Sandbox(loader=jinja2.PackageLoader("sbfa_pack.site", "templates"), autoescape=True,
                   undefined=jinja2.StrictUndefined, keep_trailing_newline=True, trim_blocks=True,
                   lstrip_blocks=True, auto_reload=False)
