"""The calculator's formula language: numbers, names, + - * / ^, parentheses, a few functions.

Formulas are parsed here into a small tree (JSON-ready nested lists) that the runtime evaluates;
nothing is ever passed to Python's ``eval`` or JavaScript's ``eval``/``Function``.

Grammar::

    expr   := term (("+" | "-") term)*
    term   := factor (("*" | "/") factor)*
    factor := unary ("^" factor)?
    unary  := "-" unary | atom
    atom   := NUMBER | NAME | NAME "(" expr ("," expr)* ")" | "(" expr ")"
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from typing import Any

FUNCTIONS: dict[str, tuple[int, int, Callable[..., float]]] = {
    "min": (1, 20, min),
    "max": (1, 20, max),
    "abs": (1, 1, abs),
    "round": (1, 2, lambda x, n=0: _round(x, n)),
    "ceil": (1, 1, math.ceil),
    "floor": (1, 1, math.floor),
}
_TOKEN = re.compile(r"\s*(?:(\d+(?:\.\d+)?|\.\d+)|([a-z][a-z0-9_]*)|(\S))")
Node = list[Any]


def _round(x: float, digits: float = 0) -> float:
    """Halves away from zero, as people (and the runtime's calculator) round money; Python's
    ``round`` rounds halves to even."""
    m = 10.0 ** int(digits)
    return math.copysign(math.floor(abs(x) * m + 0.5) / m, x)


class FormulaError(ValueError):
    """A formula that cannot be parsed; ``column`` is 1-based within the formula."""

    def __init__(self, message: str, column: int) -> None:
        super().__init__(message)
        self.column = column


class _Parser:
    def __init__(self, text: str) -> None:
        self.tokens: list[tuple[str, str, int]] = []
        pos = 0
        text = text.rstrip()
        while pos < len(text):
            m = _TOKEN.match(text, pos)
            if not m:
                break
            kind = "num" if m.group(1) else "name" if m.group(2) else "op"
            value = m.group(1) or m.group(2) or m.group(3)
            self.tokens.append((kind, value, m.start(m.lastindex or 0) + 1))
            pos = m.end()
        self.i = 0
        self.end = len(text) + 1

    def peek(self) -> tuple[str, str, int]:
        return self.tokens[self.i] if self.i < len(self.tokens) else ("end", "", self.end)

    def take(self, value: str | None = None) -> tuple[str, str, int]:
        tok = self.peek()
        if value is not None and tok[1] != value:
            found = f"'{tok[1]}'" if tok[0] != "end" else "the end of the formula"
            raise FormulaError(f"expected '{value}' but found {found}", tok[2])
        self.i += 1
        return tok

    def expr(self) -> Node:
        node = self.term()
        while self.peek()[1] in ("+", "-"):
            node = [self.take()[1], node, self.term()]
        return node

    def term(self) -> Node:
        node = self.factor()
        while self.peek()[1] in ("*", "/"):
            node = [self.take()[1], node, self.factor()]
        return node

    def factor(self) -> Node:
        node = self.unary()
        if self.peek()[1] == "^":
            self.take()
            node = ["^", node, self.factor()]
        return node

    def unary(self) -> Node:
        if self.peek()[1] == "-":
            self.take()
            return ["neg", self.unary()]
        return self.atom()

    def atom(self) -> Node:
        kind, value, col = self.take()
        if kind == "num":
            return ["num", float(value)]
        if kind == "name":
            if self.peek()[1] != "(":
                return ["var", value]
            if value not in FUNCTIONS:
                raise FormulaError(f"unknown function '{value}' (known: {', '.join(FUNCTIONS)})", col)
            self.take("(")
            args = [self.expr()]
            while self.peek()[1] == ",":
                self.take()
                args.append(self.expr())
            self.take(")")
            lo, hi, _ = FUNCTIONS[value]
            if not lo <= len(args) <= hi:
                raise FormulaError(f"'{value}' takes {lo if lo == hi else f'{lo} to {hi}'} values", col)
            return ["call", value, args]
        if value == "(":
            node = self.expr()
            self.take(")")
            return node
        found = f"'{value}'" if kind != "end" else "the end of the formula"
        raise FormulaError(f"expected a number, a name or '(' but found {found}", col)


def parse(text: str) -> Node:
    """Parse a formula into its tree, or raise :class:`FormulaError`."""
    p = _Parser(text)
    node = p.expr()
    kind, value, col = p.peek()
    if kind != "end":
        raise FormulaError(f"unexpected '{value}'", col)
    return node


def names(node: Node) -> set[str]:
    """The variable names a formula uses."""
    if node[0] == "var":
        return {node[1]}
    if node[0] == "num":
        return set()
    if node[0] == "call":
        return set().union(*(names(a) for a in node[2]))
    return set().union(*(names(a) for a in node[1:]))


def name_columns(text: str) -> dict[str, int]:
    """The 1-based column where each variable name first appears in a formula (for diagnostics)."""
    p = _Parser(text)
    out: dict[str, int] = {}
    for i, (kind, value, col) in enumerate(p.tokens):
        is_call = i + 1 < len(p.tokens) and p.tokens[i + 1][1] == "("
        if kind == "name" and not is_call:
            out.setdefault(value, col)
    return out


def evaluate(node: Node, env: Mapping[str, float]) -> float | None:
    """Evaluate a tree; None when the result is undefined (division by zero, overflow)."""
    try:
        value = _eval(node, env)
    except (ZeroDivisionError, OverflowError, ValueError, TypeError):
        return None  # TypeError: a negative number to a fractional power has no real value
    return value if isinstance(value, float) and math.isfinite(value) else None


def _eval(node: Node, env: Mapping[str, float]) -> float:
    op = node[0]
    if op == "num":
        return float(node[1])
    if op == "var":
        return float(env[node[1]])
    if op == "neg":
        return -_eval(node[1], env)
    if op == "call":
        return float(FUNCTIONS[node[1]][2](*(_eval(a, env) for a in node[2])))
    a, b = _eval(node[1], env), _eval(node[2], env)
    if op == "+":
        return a + b
    if op == "-":
        return a - b
    if op == "*":
        return a * b
    if op == "/":
        return a / b
    result = a**b
    if isinstance(result, complex):
        raise ValueError("no real value")
    return float(result)
