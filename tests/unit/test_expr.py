"""The calculator's formula language: parsed into a tree, evaluated without any eval()."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sbfa_pack import expr


@pytest.mark.parametrize(("formula", "env", "value"), [
    ("equipment + stock", {"equipment": 2000, "stock": 500}, 2500),
    ("ceil(fixed / margin)", {"fixed": 1200, "margin": 35}, 35),
    ("-a ^ 2", {"a": 3}, 9),  # negation first, as in spreadsheets
    ("2 ^ 3 ^ 2", {}, 512),  # right-associative
    ("max(a, b, 10) - min(a, b)", {"a": 4, "b": 7}, 6),
    ("round(a / 3, 2)", {"a": 10}, 3.33),
    ("(a + b) * .5", {"a": 1, "b": 2}, 1.5),
])
def test_evaluates(formula: str, env: dict[str, float], value: float) -> None:
    assert expr.evaluate(expr.parse(formula), env) == pytest.approx(value)


def test_undefined_results_are_none_not_errors() -> None:
    assert expr.evaluate(expr.parse("a / b"), {"a": 1, "b": 0}) is None
    assert expr.evaluate(expr.parse("10 ^ 400"), {}) is None


@pytest.mark.parametrize(("formula", "message", "column"), [
    ("rent + (stock * 2", "expected ')' but found the end of the formula", 18),
    ("sqrt(rent)", "unknown function 'sqrt'", 1),
    ("rent + + stock", "expected a number, a name or '(' but found '+'", 8),
    ("rent stock", "unexpected 'stock'", 6),
    ("__import__('os')", "expected a number, a name or '(' but found '_'", 1),
    ("round(1, 2, 3)", "'round' takes 1 to 2 values", 1),
])
def test_errors_have_a_message_and_column(formula: str, message: str, column: int) -> None:
    with pytest.raises(expr.FormulaError) as err:
        expr.parse(formula)
    assert message in str(err.value)
    assert err.value.column == column


def test_names_and_their_columns() -> None:
    tree = expr.parse("max(price, cost) * qty - price")
    assert expr.names(tree) == {"price", "cost", "qty"}
    assert expr.name_columns("max(price, cost) * qty - price") == {"price": 5, "cost": 12, "qty": 20}


@given(st.text(max_size=40))
def test_any_text_parses_or_fails_cleanly(text: str) -> None:
    try:
        expr.parse(text)
    except expr.FormulaError as err:
        assert err.column >= 1


def test_round_halves_away_from_zero_like_the_runtime() -> None:
    """The browser's calculator rounds halves away from zero; the Python twin must agree."""
    assert expr.evaluate(expr.parse("round(2.5)"), {}) == 3
    assert expr.evaluate(expr.parse("round(-2.5)"), {}) == -3
    assert expr.evaluate(expr.parse("round(0.125, 2)"), {}) == 0.13


def test_negative_base_to_a_fractional_power_is_undefined() -> None:
    """No real value: None (the runtime shows a plain message), never an exception."""
    assert expr.evaluate(expr.parse("(0 - 8) ^ 0.5"), {}) is None
