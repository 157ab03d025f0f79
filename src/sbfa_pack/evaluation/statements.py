"""xAPI statements → :class:`~.store.Record` (issue 14 §2): the mapping ``report sync`` uses.

One statement gives one record, with the fields the report needs and nothing that names the
learner: the actor becomes :meth:`Store.pseudonym` of its identity (``mailto:…``,
``mbox_sha1sum:…``, ``openid:…`` or ``account:<homePage>|<name>``); the actor's name and address
go only to :meth:`Store.remember` (for ``--identify``). An anonymous survey answer (context
extension ``<base>/xapi/extensions/anonymous`` true) gets a per-record learner instead (the keyed
hash of the statement id: unlinkable to the actor, the same at every sync), no registration, times
cut to the day (the exact time would match the learner's other statements), and nothing is
remembered.

The course is the first course (or toolkit exercise) IRI found in the object, then its
``parent`` and ``grouping`` context activities: ``<base>/courses/<id>`` (preferred) or
``<base>/toolkit/<id>``; the base is what precedes ``/courses/`` or ``/toolkit/``, so the
country (``<base>/xapi/extensions/country``) and anonymity extensions are looked up under it.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

from .store import Record, Store

_COURSE = re.compile(r"^(?P<base>https?://.+?)/(?P<kind>courses|toolkit)/[^/?#]+")
_DURATION = re.compile(r"^P(?:(?P<y>\d+(?:\.\d+)?)Y)?(?:(?P<mo>\d+(?:\.\d+)?)M)?(?:(?P<w>\d+(?:\.\d+)?)W)?"
                       r"(?:(?P<d>\d+(?:\.\d+)?)D)?(?:T(?:(?P<h>\d+(?:\.\d+)?)H)?(?:(?P<mi>\d+(?:\.\d+)?)M)?"
                       r"(?:(?P<s>\d+(?:\.\d+)?)S)?)?$")
_SECONDS = {"y": 365 * 86400, "mo": 30 * 86400, "w": 7 * 86400, "d": 86400, "h": 3600, "mi": 60, "s": 1}


def iso_utc(text: str) -> str:
    """An ISO 8601 time as UTC ``YYYY-MM-DDTHH:MM:SS.mmmZ`` (sortable as text); '' when unreadable.
    A time without a zone is taken as UTC."""
    try:
        when = datetime.fromisoformat(text.strip())
    except (ValueError, AttributeError):
        return ""
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def day(when: str) -> str:
    """An ISO UTC time cut to its day (``2026-12-03T00:00:00.000Z``); '' stays ''."""
    return f"{when[:10]}T00:00:00.000Z" if when else ""


def seconds(duration: str) -> float | None:
    """An ISO 8601 duration (``PT1H2M3.45S``) in seconds; None when it is not one."""
    m = _DURATION.match(duration.strip()) if isinstance(duration, str) else None
    if not m or duration.strip() in ("P", "PT") or duration.strip().endswith("T"):
        return None
    return round(sum(float(v) * _SECONDS[k] for k, v in m.groupdict().items() if v), 3)


def identity(actor: Any) -> str | None:
    """The actor's identity as the store keys it, or None for an actor without one."""
    if not isinstance(actor, dict):
        return None
    if isinstance(actor.get("mbox"), str):  # lower-case: Moodle's exports give the same learner's address so
        return str(actor["mbox"]).strip().lower()
    if isinstance(actor.get("mbox_sha1sum"), str):
        return f"mbox_sha1sum:{actor['mbox_sha1sum']}"
    if isinstance(actor.get("openid"), str):
        return f"openid:{actor['openid']}"
    account = actor.get("account")
    if isinstance(account, dict) and isinstance(account.get("name"), str):
        return f"account:{account.get('homePage', '')}|{account['name']}"
    return None


def _ids(value: Any) -> list[str]:
    items = value if isinstance(value, list) else [value]
    return [str(a["id"]) for a in items if isinstance(a, dict) and isinstance(a.get("id"), str)]


def course_of(object_id: str, context: dict[str, Any]) -> tuple[str, str]:
    """``(course IRI, base IRI)`` of a statement; ``('', '')`` when none of its activities is ours."""
    ca = context.get("contextActivities") if isinstance(context.get("contextActivities"), dict) else {}
    assert isinstance(ca, dict)
    found = [m for iri in [object_id, *_ids(ca.get("parent")), *_ids(ca.get("grouping"))]
             if (m := _COURSE.match(iri))]
    found.sort(key=lambda m: m.group("kind") != "courses")  # a course before a toolkit exercise (stable)
    return (found[0].group(0), found[0].group("base")) if found else ("", "")


def _flag(value: Any) -> int | None:
    return int(value) if isinstance(value, bool) else None


def _score(result: dict[str, Any]) -> float | None:
    score = result.get("score")
    if not isinstance(score, dict):
        return None
    scaled = score.get("scaled")
    if isinstance(scaled, int | float) and not isinstance(scaled, bool):
        return float(scaled)
    raw, lo, hi = (score.get(k, 0 if k == "min" else None) for k in ("raw", "min", "max"))
    if not all(isinstance(v, int | float) and not isinstance(v, bool) for v in (raw, lo, hi)):
        return None
    r, a, b = float(raw), float(lo), float(hi)  # type: ignore[arg-type]
    return round((r - a) / (b - a), 6) if b > a else None


def record(statement: Any, store: Store, source: str,
           names: dict[str, tuple[str, str]] | None = None) -> Record | None:
    """The record of one statement, or None when it is none of ours (no course IRI, no usable
    actor, a voided or referencing statement). The actor's name and address go into ``names``
    (pseudonym → (name, mbox)), for :meth:`Store.add` to remember in the same transaction."""
    if not isinstance(statement, dict) or not isinstance(statement.get("id"), str):
        return None
    obj, verb = statement.get("object"), statement.get("verb")
    if not isinstance(obj, dict) or obj.get("objectType", "Activity") != "Activity":
        return None
    if not isinstance(obj.get("id"), str):
        return None
    if not isinstance(verb, dict) or not isinstance(verb.get("id"), str):
        return None
    context = statement.get("context") if isinstance(statement.get("context"), dict) else {}
    assert isinstance(context, dict)
    course, base = course_of(obj["id"], context)
    who = identity(statement.get("actor"))
    if not course or who is None:
        return None
    ext = context.get("extensions") if isinstance(context.get("extensions"), dict) else {}
    assert isinstance(ext, dict)
    anonymous = ext.get(f"{base}/xapi/extensions/anonymous") is True
    if anonymous:
        # Per record and unlinkable (never the actor's pseudonym), yet the same at every sync.
        learner = store.pseudonym(f"anonymous:{statement['id']}")
    else:
        learner = store.pseudonym(who)
        actor = statement["actor"]
        name, mbox = actor.get("name"), actor.get("mbox")
        if names is not None and (isinstance(name, str) or isinstance(mbox, str)):
            names[learner] = (name if isinstance(name, str) else "", mbox if isinstance(mbox, str) else "")
    country = ext.get(f"{base}/xapi/extensions/country")
    result = statement.get("result") if isinstance(statement.get("result"), dict) else {}
    assert isinstance(result, dict)
    definition = obj.get("definition") if isinstance(obj.get("definition"), dict) else {}
    assert isinstance(definition, dict)
    stored = iso_utc(str(statement.get("stored", "")))
    timestamp = iso_utc(str(statement.get("timestamp", ""))) or stored
    if anonymous:  # the day only: the exact time would match the learner's other statements
        stored, timestamp = day(stored), day(timestamp)
    response = result.get("response")
    return Record(
        id=statement["id"], source=source,
        stored=stored, timestamp=timestamp,
        learner=learner, registration="" if anonymous else str(context.get("registration") or ""),
        verb=verb["id"], object=obj["id"], object_type=str(definition.get("type") or ""),
        course=course, course_version=str(context.get("revision") or ""),
        language=str(context.get("language") or ""),
        country=country.strip().lower() if isinstance(country, str) and len(country.strip()) == 2 else "",
        success=_flag(result.get("success")), completion=_flag(result.get("completion")),
        score=_score(result),
        duration=seconds(result["duration"]) if isinstance(result.get("duration"), str) else None,
        response=response if isinstance(response, str) else None,
        anonymous=int(anonymous),
    )
