"""One rule for yes/no values: only YAML's true and false, in every model."""

from __future__ import annotations

import pytest
from pydantic import TypeAdapter, ValidationError

import sbfa_pack.model  # noqa: F401  (every model class is defined on import)
from sbfa_pack.diagnostics import Diagnostics
from sbfa_pack.load.yamlpos import parse
from sbfa_pack.model import Model, TrueFalse


def _models() -> list[type[Model]]:
    todo, found = [Model], []
    while todo:
        for sub in todo.pop().__subclasses__():
            found.append(sub)
            todo.append(sub)
    return found


def test_every_bool_field_takes_only_true_or_false() -> None:
    """Issue 17 item 17: every bool field of every model refuses the text 'no', 'yes', 'on', 'off'
    (YAML 1.2 reads them as words), and accepts YAML's true and false."""
    bool_fields = [(m, name) for m in _models() for name, f in m.model_fields.items() if f.annotation is bool]
    assert len(bool_fields) >= 9
    for model, name in bool_fields:
        adapter = TypeAdapter(model.model_fields[name].rebuild_annotation())
        for word in ("no", "yes", "on", "off", "false", "0", "n"):
            with pytest.raises(ValidationError):
                adapter.validate_python(word)
        assert adapter.validate_python(True) is True and adapter.validate_python(False) is False


def test_answer_no_is_an_error_not_false() -> None:
    """Issue 17 item 17: `answer: no` on a true-false question is an error, not silently false."""
    diags = Diagnostics()
    parsed = parse("id: q\ntype: true-false\nprompt: Is it?\nanswer: no\n", "q.yaml", diags)
    assert parsed is not None
    data, _ = parsed
    assert data["answer"] == "no"
    with pytest.raises(ValidationError):
        TrueFalse.model_validate(data)
    data["answer"] = False
    assert TrueFalse.model_validate(data).answer is False
