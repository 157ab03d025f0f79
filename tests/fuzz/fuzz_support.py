"""Structure-aware mutations of course projects, and the CLI run every fuzz input goes through.

A mutant starts from a small valid sample project (``tests/roots/``): one YAML file is read,
one of its values, keys or lists is replaced by something hostile (control characters, numbers
too large or not finite, deep nesting, odd keys, unicode, markup from the web) and the file is
written back, as YAML or with raw bytes spliced into its text. Markdown files and PO catalogs
are mutated the same way. Every run goes through the command line's entry point in process
(click's runner) under an alarm, so a hang fails the test instead of stalling the suite.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml
from click.testing import CliRunner, Result
from hypothesis import strategies as st

from sbfa_pack.cli import main
from sbfa_pack.diagnostics import Diagnostics
from sbfa_pack.load.yamlpos import parse

ROOTS = Path(__file__).resolve().parents[1] / "roots"
PER_RUN_SECONDS = 60  # a run takes well under a second; this only turns a hang into a failure
EXAMPLES = int(os.environ.get("SBFA_FUZZ_EXAMPLES", "0"))
"""Set SBFA_FUZZ_EXAMPLES to run each fuzz test that many times (the default keeps the suite fast)."""


def examples(default: int) -> int:
    return EXAMPLES or default


CONTROL = ["\x1b[31m", "\x00", "\x0b", "\x0c", "\x7f", "\x85", "\x9b", "\r", "\ud800", "\ufffe", "\uffff"]
UNICODE = ["مرحبا بكم", "Ünïcödé ẞ", "e\u0301", "😀" * 3, "\u202eevil", "\u2028", "\ufeffbom", "中文"]
MARKUP = [
    "<script>alert(1)</script>", "<img src=https://e.org/x.png alt=x>", "![x](//e.org/y.png)",
    "<video controls poster='http://e.org/p.png'></video>", "[link](https://e.org)", "]]>", "&amp;",
    "{{ 7 * 7 }}", "{% include 'x' %}", "%s %d", "<a href='javascript:alert(1)'>x</a>", "[x](../../etc/passwd)",
    "<img src=x.png>", "[" * 50, "*a " * 50, "<!--", "` ` `",
]
SCALARS: list[Any] = [
    "", " ", "\n", "a\tb", "a\nb", "x" * 5000, None, True, 0, -1, 2**63, 10**30, 1e308, -0.0,
    float("inf"), float("-inf"), float("nan"), "1e999", "nan", ".inf", [], {}, [1, [2, [3]]],
    {"a": {"b": {"c": None}}}, "../../etc/passwd", "C:\\x", "no", "yes", "~",
]
ODD_KEYS = ["", "<<", "__class__", "ünï", "a\x1bb", "x" * 300, "body_file", "kind", "id", "1.0", "true"]
RAW_SPLICES = [*CONTROL, "\t", "\n  x: 1\n", "&a ", "*a", "!!python/object:os.system ", "{", "]", "'",
               '"', "9" * 5000, "1e999", ".nan", "\\e", "---\n", "%YAML 1.1\n", "<<: *a\n"]


def hostile_value() -> st.SearchStrategy[Any]:
    return st.one_of(
        st.sampled_from(SCALARS),
        st.sampled_from(CONTROL + UNICODE + MARKUP).flatmap(lambda s: st.sampled_from([s, f"Title {s} end"])),
        st.integers(min_value=1, max_value=80).map(_nested),
        st.text(max_size=40),
    )


def _nested(depth: int) -> Any:
    value: Any = "x"
    for i in range(depth):
        value = [value] if i % 2 else {"k": value}
    return value


def _slots(data: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Every place in ``data`` a mutation can hit (the root included)."""
    yield path
    if isinstance(data, dict):
        for k, v in data.items():
            yield from _slots(v, (*path, k))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            yield from _slots(v, (*path, i))


def _set(data: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    parent = data
    for part in path[:-1]:
        parent = parent[part]
    parent[path[-1]] = value
    return data


@st.composite
def mutated_yaml(draw: st.DrawFn, text: str) -> str:
    """``text`` (a valid YAML source) with one structural or textual mutation."""
    how = draw(st.sampled_from(["value", "value", "value", "key", "delete", "grow", "splice"]))
    if how == "splice":
        at = draw(st.integers(0, len(text)))
        return text[:at] + draw(st.sampled_from(RAW_SPLICES)) + text[at:]
    parsed = parse(text, "f.yaml", Diagnostics())  # the sample as sbfa-pack reads it (YAML 1.2)
    assert parsed is not None
    data = parsed[0]
    slots = list(_slots(data))
    path = draw(st.sampled_from(slots))
    target = data
    for part in path:
        target = target[part]
    if how == "value":
        data = _set(data, path, draw(hostile_value()))
    elif how == "key" and isinstance(target, dict):
        target[draw(st.sampled_from(ODD_KEYS))] = draw(hostile_value())
    elif how == "delete" and path:
        parent = data
        for part in path[:-1]:
            parent = parent[part]
        del parent[path[-1]]
    elif how == "grow" and isinstance(target, list) and target:
        target.extend([target[0]] * draw(st.sampled_from([1, 50, 3000])))
    return dump(data)


def dump(data: Any) -> str:
    try:
        return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000)
    except (yaml.YAMLError, ValueError, UnicodeError):  # a lone surrogate: write its escape by hand
        return yaml.safe_dump(data, allow_unicode=False, sort_keys=False, width=10_000)


@st.composite
def mutated_text(draw: st.DrawFn, text: str) -> str:
    """Markdown or PO text with hostile fragments spliced in at a few places."""
    for _ in range(draw(st.integers(1, 3))):
        at = draw(st.integers(0, len(text)))
        piece = draw(st.sampled_from(CONTROL + UNICODE + MARKUP + ["\n\n", "\t", "\\", '"', "\\x1b"]))
        text = text[:at] + piece + text[at:]
    return text


def write(path: Path, text: str) -> None:
    """Write a mutant's text; a lone surrogate goes out as its (invalid UTF-8) bytes, as an editor might."""
    path.write_bytes(text.encode("utf-8", "surrogatepass"))


def copy_root(name: str, dest: Path) -> Path:
    shutil.rmtree(dest, ignore_errors=True)
    shutil.copytree(ROOTS / name, dest)
    return dest


class Hang(Exception):
    pass


@contextlib.contextmanager
def alarm(seconds: int) -> Iterator[None]:
    def ring(signum: int, frame: object) -> None:
        raise Hang(f"no answer within {seconds} s")

    old = signal.signal(signal.SIGALRM, ring)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


_TRACE = re.compile(r"Traceback \(most recent call last\)")


def run(*args: str) -> Result:
    """The CLI on ``args``: exit 0, 1 or 2, never an exception or a traceback, never a hang."""
    with alarm(PER_RUN_SECONDS):
        result = CliRunner().invoke(main, list(args))
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"sbfa-pack {' '.join(args)} raised {result.exception!r}") from result.exception
    assert result.exit_code in (0, 1, 2), (args, result.exit_code, result.output[-2000:])
    assert not _TRACE.search(result.output), result.output[-2000:]
    return result
