"""``sbfa-pack lrs check``: what a partner runs before rolling out xAPI or cmi5 packages.

It checks that the LRS answers, that the credentials can write a statement and read it back,
whether the State API is there (resume on another device needs it), and prints the LRS's xAPI
version. The password comes from an option or an environment variable and is never printed.
The test statement is built with the ``tincan`` library and says what it is (actor
``sbfa-pack-lrs-check``), so it can be told apart from learners' data.
"""

from __future__ import annotations

import base64
import json
import urllib.error
import urllib.parse
import urllib.request
import uuid
from dataclasses import dataclass
from typing import Any

import click
import tincan

from .errors import SbfaError
from .xapi import XAPI_VERSION

CHECK_ACTOR = {"objectType": "Agent", "account": {"homePage": "https://w3id.org/sbfa", "name": "sbfa-pack-lrs-check"}}
CHECK_ACTIVITY = "https://w3id.org/sbfa/xapi/lrs-check"


class LrsError(SbfaError):
    """The LRS cannot be used as configured (unreachable, credentials refused, wrong answers)."""


@dataclass
class Answer:
    """One HTTP answer of the LRS (status 200..599; headers with lower-case names)."""

    status: int
    body: bytes
    headers: dict[str, str]

    def json(self) -> Any:
        """The body as JSON, or None when it is not JSON (an LRS may answer with an HTML page)."""
        try:
            return json.loads(self.body.decode("utf-8"))
        except (ValueError, UnicodeDecodeError):
            return None


class Client:
    """A minimal xAPI client (stdlib only) that always sends the version header (XAPI-C §3.3)."""

    def __init__(self, endpoint: str, user: str, password: str, timeout: float) -> None:
        self.endpoint = endpoint if endpoint.endswith("/") else endpoint + "/"  # checklist XP-8
        token = base64.b64encode(f"{user}:{password}".encode()).decode()
        self.headers = {"Authorization": f"Basic {token}", "X-Experience-API-Version": XAPI_VERSION}
        self.timeout = timeout

    def call(self, method: str, path: str, params: dict[str, str] | None = None, body: Any = None) -> Answer:
        """One request to ``<endpoint><path>``; an unreachable LRS raises :class:`LrsError`."""
        url = self.endpoint + path + ("?" + urllib.parse.urlencode(params) if params else "")
        data = json.dumps(body).encode() if body is not None else None
        headers = dict(self.headers, **({"Content-Type": "application/json"} if data is not None else {}))
        req = urllib.request.Request(url, data=data, method=method, headers=headers)
        try:
            with urllib.request.urlopen(req, timeout=self.timeout) as resp:
                return Answer(resp.status, resp.read(), {k.lower(): v for k, v in resp.headers.items()})
        except urllib.error.HTTPError as exc:
            return Answer(exc.code, exc.read(), {k.lower(): v for k, v in exc.headers.items()})
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise LrsError(message=f"cannot reach the LRS at {url}: {reason}") from None


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


def _refused(what: str, answer: Answer) -> LrsError:
    hint = {401: "the user or password is wrong", 403: "the credentials may not do this"}.get(answer.status, "")
    text = answer.body.decode("utf-8", "replace").strip().replace("\n", " ")[:200]
    return LrsError(message=f"{what}: HTTP {answer.status}" + (f" ({hint})" if hint else "") +
                    (f": {text}" if text and not hint else ""))


def run_check(client: Client) -> list[str]:
    """Every check in order; returns the report lines, raises :class:`LrsError` at the first failure."""
    lines: list[str] = []
    about = client.call("GET", "about")
    info = about.json() if about.status == 200 else None
    versions = info.get("version", []) if isinstance(info, dict) else []
    header = about.headers.get("x-experience-api-version")
    if versions:
        lines.append(f"xAPI version: {', '.join(versions)} (from /about)")
    else:
        lines.append(f"xAPI version: not reported (/about answered HTTP {about.status}"
                     + (f"; version header {header}" if header else "; no version header") + ")")
    statement = _statement()
    wrote = client.call("POST", "statements", body=[statement])
    if wrote.status not in (200, 204):
        raise _refused("writing a statement failed", wrote)
    lines.append(f"write: OK (statement {statement['id']})")
    read = client.call("GET", "statements", params={"statementId": statement["id"]})
    if read.status != 200:
        raise _refused("reading the statement back failed", read)
    got = read.json()
    if not isinstance(got, dict):
        raise LrsError(message="reading the statement back gave no JSON: is the endpoint the LRS's xAPI URL?")
    shape = ""
    if isinstance(got, dict) and isinstance(got.get("statements"), list):  # Ralph wraps a single statement
        got, shape = (got["statements"] or [{}])[0], " (answered as a statement list, not a single statement)"
    if got.get("id") != statement["id"]:
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


@click.group()
def lrs() -> None:
    """Work with a Learning Record Store (xAPI / cmi5 packages)."""


@lrs.command()
@click.option("--endpoint", envvar="SBFA_LRS_ENDPOINT", required=True, metavar="URL",
              help="The LRS xAPI endpoint, e.g. https://lrs.example.org/xAPI/ [env SBFA_LRS_ENDPOINT].")
@click.option("--user", envvar="SBFA_LRS_USER", required=True, help="Key or user name [env SBFA_LRS_USER].")
@click.option("--password", envvar="SBFA_LRS_PASSWORD", required=True, show_default=False,
              help="Secret or password [env SBFA_LRS_PASSWORD; prefer the variable: options show in `ps`].")
@click.option("--timeout", type=click.FloatRange(0.5, 120), default=15.0, show_default=True,
              help="Seconds to wait for each answer.")
def check(endpoint: str, user: str, password: str, timeout: float) -> None:
    """Check that an LRS answers and that the credentials can write and read statements."""
    parts = urllib.parse.urlsplit(endpoint)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise click.BadParameter(f"'{endpoint}' is not an http(s) URL", param_hint="--endpoint")
    if parts.username or parts.password:
        raise click.BadParameter("must not contain credentials; use --user and --password", param_hint="--endpoint")
    client = Client(endpoint, user, password, timeout)
    click.echo(f"LRS: {client.endpoint} (as {user})")
    try:
        lines = run_check(client)
    except LrsError as exc:
        # One line, no traceback, exit 1 (as the CLI's own commands do; importing its helper here
        # would make sbfa_pack.cli and this module import each other).
        click.echo(f"sbfa-pack: error: {exc}", err=True)
        raise SystemExit(exc.exit_code) from None
    for line in lines:
        click.echo(f"  {line}")
    click.echo("OK: packages can record to this LRS")
