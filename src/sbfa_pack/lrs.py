"""``sbfa-pack lrs check``: what a partner runs before rolling out xAPI or cmi5 packages.

It checks that the LRS answers, that the credentials can write a statement and read it back,
whether the State API is there (resume on another device needs it), and prints the LRS's xAPI
version. The password comes from an option or an environment variable and is never printed.
The test statement is built with the ``tincan`` library and says what it is (actor
``sbfa-pack-lrs-check``), so it can be told apart from learners' data.
"""

from __future__ import annotations

import json
import math
import urllib.parse
import uuid
from typing import Any

import click
import tincan

from .errors import SbfaError, UsageError
from .lrs_client import Answer, Client, LrsError
from .xapi import XAPI_VERSION

__all__ = ["Answer", "Client", "LrsError", "check", "lrs", "run_check"]

CHECK_ACTOR = {"objectType": "Agent", "account": {"homePage": "https://w3id.org/sbfa", "name": "sbfa-pack-lrs-check"}}
CHECK_ACTIVITY = "https://w3id.org/sbfa/xapi/lrs-check"


def _statement() -> dict[str, Any]:
    statement = tincan.Statement(
        id=str(uuid.uuid4()),
        actor=tincan.Agent(CHECK_ACTOR),
        verb=tincan.Verb(id="http://adlnet.gov/expapi/verbs/experienced",
                         display=tincan.LanguageMap({"en-US": "experienced"})),
        object=tincan.Activity(id=CHECK_ACTIVITY, definition=tincan.ActivityDefinition(
            name=tincan.LanguageMap({"en-US": "sbfa-pack lrs check"}))),
    )
    return json.loads(statement.to_json(XAPI_VERSION))  # type: ignore[no-any-return]


def _refused(client: Client, what: str, answer: Answer) -> LrsError:
    hint = {401: "the user or password is wrong", 403: "the credentials may not do this"}.get(answer.status, "")
    text = client.shown(answer.body[:4096].decode("utf-8", "replace"))
    return LrsError(message=f"{what}: HTTP {answer.status}" + (f" ({hint})" if hint else "") +
                    (f": {text}" if text and not hint else ""))


def _versions(client: Client, info: Any) -> list[str]:
    """The versions /about lists, as text whatever their JSON type (some LRSs give numbers)."""
    found = info.get("version") if isinstance(info, dict) else None
    items = found if isinstance(found, list) else [found] if found is not None else []
    return [client.shown(str(v), 20) for v in items[:10] if isinstance(v, str | int | float) and str(v).strip()]


def run_check(client: Client) -> list[str]:
    """Every check in order; returns the report lines, raises :class:`LrsError` at the first failure."""
    lines: list[str] = []
    about = client.call("GET", "about")
    versions = _versions(client, about.json() if about.status == 200 else None)
    header = client.shown(about.headers.get("x-experience-api-version", ""), 20)
    if versions:
        lines.append(f"xAPI version: {', '.join(versions)} (from /about)")
    else:
        lines.append(f"xAPI version: not reported (/about answered HTTP {about.status}"
                     + (f"; version header {header}" if header else "; no version header") + ")")
    statement = _statement()
    wrote = client.call("POST", "statements", body=[statement])
    if wrote.status not in (200, 204):
        raise _refused(client, "writing a statement failed", wrote)
    lines.append(f"write: OK (statement {statement['id']})")
    read = client.call("GET", "statements", params={"statementId": statement["id"]})
    if read.status != 200:
        raise _refused(client, "reading the statement back failed", read)
    got = read.json()
    if not isinstance(got, dict):
        what = "no JSON" if got is None else f"JSON that is not a statement (a {type(got).__name__})"
        raise LrsError(message=f"reading the statement back gave {what}: is the endpoint the LRS's xAPI URL?")
    shape = ""
    if isinstance(got.get("statements"), list):  # Ralph wraps a single statement
        got, shape = (got["statements"] or [{}])[0], " (answered as a statement list, not a single statement)"
    if not isinstance(got, dict) or got.get("id") != statement["id"]:
        raise LrsError(message="reading the statement back returned a different statement or none")
    lines.append(f"read back: OK{shape}")
    lines.append(_state_check(client))
    return lines


def _state_check(client: Client) -> str:
    params = {"activityId": CHECK_ACTIVITY, "agent": json.dumps(CHECK_ACTOR, separators=(",", ":")),
              "stateId": "https://w3id.org/sbfa/xapi/state/lrs-check"}
    put = client.call("PUT", "activities/state", params=params, body={"checked": True})
    if put.status in (200, 204):
        client.call("DELETE", "activities/state", params=params)
        return "State API: OK (progress follows the learner to other devices)"
    return (f"State API: not available (HTTP {put.status}); packages keep progress in the learner's "
            "browser only, so resuming on another device will start afresh")


def _check_options(endpoint: str, timeout: float) -> None:
    """A usage error (exit 2) for a timeout out of range or an endpoint that is no usable http(s)
    URL; the endpoint is never echoed (it might hold a user and password by mistake)."""
    if not (math.isfinite(timeout) and 0.5 <= timeout <= 120):  # NaN passes every comparison test
        raise UsageError(message=f"--timeout: {timeout} is not a number of seconds from 0.5 to 120")

    def bad(why: str) -> UsageError:
        return UsageError(message=f"--endpoint: {why}")

    if any(ord(c) < 0x21 or 0x7f <= ord(c) <= 0x9f for c in endpoint):
        raise bad("must not contain spaces or control characters")
    try:
        parts = urllib.parse.urlsplit(endpoint)
    except ValueError as exc:  # an unclosed IPv6 literal
        raise bad(f"is not a usable URL ({exc})") from None
    if parts.username or parts.password:
        raise bad("must not contain credentials; use --user and --password")
    try:
        parts.port  # noqa: B018  # raises ValueError for a port that is not a number from 0 to 65535
    except ValueError as exc:
        raise bad(f"is not a usable URL ({exc})") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise bad("is not an http(s) URL (such as https://lrs.example.org/xAPI/)")


@click.group()
def lrs() -> None:
    """Work with a Learning Record Store (xAPI / cmi5 packages)."""


@lrs.command()
@click.option("--endpoint", envvar="SBFA_LRS_ENDPOINT", required=True, metavar="URL",
              help="The LRS xAPI endpoint, e.g. https://lrs.example.org/xAPI/ [env SBFA_LRS_ENDPOINT].")
@click.option("--user", envvar="SBFA_LRS_USER", required=True, help="Key or user name [env SBFA_LRS_USER].")
@click.option("--password", envvar="SBFA_LRS_PASSWORD", required=True, show_default=False,
              help="Secret or password [env SBFA_LRS_PASSWORD; prefer the variable: options show in `ps`].")
@click.option("--timeout", type=float, default=15.0, show_default=True,
              help="Seconds (0.5 to 120) within which each answer must be complete.")
def check(endpoint: str, user: str, password: str, timeout: float) -> None:
    """Check that an LRS answers and that the credentials can write and read statements."""
    try:
        _check_options(endpoint, timeout)
        client = Client(endpoint, user, password, timeout)
        click.echo(f"LRS: {client.endpoint}")
        lines = run_check(client)
    except SbfaError as exc:
        # One line, no traceback, exit 1 (2 for a usage error), as the CLI's own commands do;
        # importing its helper here would make sbfa_pack.cli and this module import each other.
        click.echo(f"sbfa-pack: error: {exc}", err=True)
        raise SystemExit(exc.exit_code) from None
    for line in lines:
        click.echo(f"  {line}")
    click.echo("OK: packages can record to this LRS")
