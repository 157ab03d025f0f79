"""The console script's fast lane: ``sbfa-pack build`` with nothing changed since the last build.

Before click or anything heavy is imported, a plain ``build`` command line (paths, ``--out``,
``--format``, ``--lang``, ``--json``, ``--strict``, ``--jobs``) is read here; when the no-op
record (:mod:`sbfa_pack.noop`) says nothing changed, its report is printed and the command ends,
in a few tens of milliseconds. Any other command line, any doubt, any problem: the full CLI
(:mod:`sbfa_pack.cli`) runs instead, and says what is wrong.
"""

from __future__ import annotations

import sys
from pathlib import Path

_VALUED = {"--out": "out", "--format": "formats", "--lang": "languages", "--jobs": "jobs", "-j": "jobs"}
_FLAGS = {"--json": "as_json", "--strict": "strict"}
_consulted = False


class BuildArgs:
    """A plain ``build`` command line (a plain class: dataclasses would import inspect)."""

    def __init__(self) -> None:
        self.paths: list[Path] = []
        self.out: Path | None = None
        self.formats: list[str] = []
        self.languages: list[str] = []
        self.as_json = False
        self.strict = False


def main() -> None:
    """The ``sbfa-pack`` command."""
    try:
        code = replay_build(sys.argv[1:])
        if code is not None:
            sys.exit(code)
        from .cli import main as cli_main
    except KeyboardInterrupt:  # while starting: a message, not Python's traceback (click handles the rest)
        print("sbfa-pack: interrupted", file=sys.stderr)
        sys.exit(130)
    cli_main()


def consulted() -> bool:
    """Whether this command already found the no-op record out of date (asked once: it resets)."""
    global _consulted
    found, _consulted = _consulted, False
    return found


def parse_build(argv: list[str]) -> BuildArgs | None:
    """The arguments of a plain ``build`` command line; None for anything else (``--help``,
    ``--schemas``, a value that looks like an option, a bad ``--jobs``...)."""
    if not argv or argv[0] != "build":
        return None
    args = BuildArgs()
    rest = iter(argv[1:])
    for token in rest:
        name, eq, value = token.partition("=") if token.startswith("--") else (token, "", "")
        if token.startswith("-j") and len(token) > 2 and not token.startswith("--"):
            name, value, eq = "-j", token[2:], "="
        if name in _FLAGS and not eq:
            setattr(args, _FLAGS[name], True)
        elif name in _VALUED:
            if not eq:
                value = next(rest, "")
            if not value or value.startswith("-"):
                return None
            target = _VALUED[name]
            if target == "jobs":
                if not value.isdigit() or not 1 <= int(value) <= 64:
                    return None
            elif target == "out":
                args.out = Path(value)
            else:
                getattr(args, target).append(value)
        elif token.startswith("-"):
            return None
        else:
            args.paths.append(Path(token))
    return args


def replay_build(argv: list[str]) -> int | None:
    """Exit code after replaying the last build's report, or None when a real run is needed."""
    args = parse_build(argv)
    if args is None:
        return None
    from . import noop
    from .paths import project_root, selection

    try:
        root = project_root(args.paths[0] if args.paths else Path.cwd())
        only = selection(root, tuple(args.paths))
        out_dir = args.out or root / "dist"
        request = noop.request(root, out_dir, args.formats or None, args.languages or None, only, None)
        same = noop.replay(root, out_dir, request)
    except Exception:  # any doubt (a usage error, an unreadable file): the full CLI runs and reports it
        return None
    if same is None:
        global _consulted
        _consulted = True  # the CLI need not read the record again
        return None
    from .report import failed, report_build

    packages, report = same
    report_build(out_dir, packages, len(packages), report, args.as_json)
    return 1 if failed(report, args.strict) else 0
