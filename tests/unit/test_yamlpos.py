"""YAML with positions: the YAML 1.2 scalars courses need, and the place of every key and value."""

from __future__ import annotations

from sbfa_pack.diagnostics import Diagnostics
from sbfa_pack.load.yamlpos import parse

TEXT = """\
countries: [no, es]
version: 1.10
flags: {a: yes, b: true, c: ~}
quoted: "1.0"
body: |
  Line one
  ![](x.png)
folded: >
  one
  two
"""


def test_scalars_follow_yaml_1_2() -> None:
    diags = Diagnostics()
    parsed = parse(TEXT, "f.yaml", diags)
    assert parsed and not list(diags)
    data, _ = parsed
    assert data["countries"] == ["no", "es"]  # Norway, not False
    assert data["version"] == 1.1 and data["quoted"] == "1.0"
    assert data["flags"] == {"a": "yes", "b": True, "c": None}
    assert data["body"] == "Line one\n![](x.png)\n"


def test_positions_of_keys_values_and_blocks() -> None:
    parsed = parse(TEXT, "f.yaml", Diagnostics())
    assert parsed
    _, pos = parsed
    assert (pos.key(("flags", "b")).line, pos.key(("flags", "b")).column) == (3, 17)
    assert (pos.value(("countries", 1)).line, pos.value(("countries", 1)).column) == (1, 17)
    body = pos.value(("body",))
    assert body.block and body.literal and body.content_line == 6 and body.indent == 2
    folded = pos.value(("folded",))
    assert folded.block and not folded.literal
    assert pos.value(("quoted",)).quoted
    assert pos.value(("nowhere", 3)) == pos.value(())  # falls back to the nearest ancestor


def _one(text: str) -> str:
    diags = Diagnostics()
    assert parse(text, "f.yaml", diags) is None
    [d] = list(diags)
    return str(d)


def test_refusals_are_one_positioned_line() -> None:
    assert _one("a: 1\nb:\n  c: 2\n  c: 3\n") == (
        "f.yaml:4:3: error[yaml.duplicate-key]: key 'c' appears twice (first on line 3)")
    assert _one("a: &x 1\nb: *x\n").startswith("f.yaml:1:4: error[yaml.anchor]")
    assert _one("a: 1\n<<: {b: 2}\n").startswith("f.yaml:2:1: error[yaml.merge]")
    assert _one("a: !!binary aGVsbG8=\n").startswith("f.yaml:1:4: error[yaml.tag]")
    assert _one("[a, b]: 1\n").startswith("f.yaml:1:1: error[yaml.key]")
    assert _one("a: 1\n---\nb: 2\n").startswith("f.yaml:2:1: error[yaml.multiple-documents]")
    assert _one("a: 'open\nb: 2\n") == "f.yaml:1:4: error[yaml.syntax]: a quoted scalar is never closed"
    assert _one("- " * 100 + "x\n").startswith("f.yaml:1:129: error[yaml.too-deep]")
    assert _one("# only a comment\n") == "f.yaml:1:1: error[file.empty]: the file holds no data"
