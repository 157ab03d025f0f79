"""The statistics of the report, in plain Python (no numpy at run time: a partner installs less).

Quantiles are linear interpolation between order statistics (Hyndman & Fan type 7, the default
of R, numpy and spreadsheets), so a partner re-computing a median in Excel gets the same figure.
The t quantile for confidence intervals comes from the regularised incomplete beta function
(a continued fraction evaluated with the modified Lentz method), inverted by bisection: exact to
far more digits than a report prints, with no table and no new dependency.
"""

from __future__ import annotations

import math
from collections.abc import Sequence


def quantile(values: Sequence[float], q: float) -> float:
    """The ``q`` quantile (0..1) of ``values`` (not empty), type 7."""
    xs = sorted(values)
    pos = (len(xs) - 1) * q
    lo = math.floor(pos)
    hi = min(lo + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (pos - lo)


def mean(values: Sequence[float]) -> float:
    return math.fsum(values) / len(values)


def variance(values: Sequence[float], ddof: int = 1) -> float:
    """Sample variance (``ddof`` 1) or population variance (``ddof`` 0); 0 when undefined."""
    n = len(values)
    if n - ddof <= 0:
        return 0.0
    m = mean(values)
    return math.fsum((v - m) ** 2 for v in values) / (n - ddof)


def correlation(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    """Pearson's r (the point-biserial when one side is 0/1); None when a side does not vary."""
    mx, my = mean(xs), mean(ys)
    sxy = math.fsum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    sxx = math.fsum((x - mx) ** 2 for x in xs)
    syy = math.fsum((y - my) ** 2 for y in ys)
    if sxx <= 0 or syy <= 0:
        return None
    return sxy / math.sqrt(sxx * syy)


def alpha(matrix: Sequence[Sequence[float]]) -> float | None:
    """Cronbach's alpha of a learners × items score matrix; for 0/1 items it equals KR-20 (with
    population variances throughout, as KR-20 is usually stated). None for fewer than 2 items,
    2 learners, or totals that do not vary."""
    if len(matrix) < 2 or len(matrix[0]) < 2:
        return None
    k = len(matrix[0])
    totals = [math.fsum(row) for row in matrix]
    total_var = variance(totals, ddof=0)
    if total_var <= 0:
        return None
    item_var = math.fsum(variance([row[j] for row in matrix], ddof=0) for j in range(k))
    return k / (k - 1) * (1 - item_var / total_var)


def upper_lower(item: Sequence[float], totals: Sequence[float], share: float = 0.27) -> float | None:
    """Kelley's upper–lower index: proportion correct in the top ``share`` of learners by total
    minus that in the bottom ``share`` (ties broken by position, which callers make stable)."""
    n = len(item)
    g = round(share * n)
    if g < 1:
        return None
    order = sorted(range(n), key=lambda i: (totals[i], i))
    low, high = order[:g], order[-g:]
    return (math.fsum(item[i] for i in high) - math.fsum(item[i] for i in low)) / g


def _betacf(a: float, b: float, x: float) -> float:
    tiny, eps = 1e-300, 1e-15
    c, d = 1.0, 1.0 - (a + b) * x / (a + 1)
    d = 1 / (d if abs(d) > tiny else tiny)
    h = d
    for m in range(1, 300):
        for num in (m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m)),
                    -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1))):
            d = 1 + num * d
            d = 1 / (d if abs(d) > tiny else tiny)
            c = 1 + num / c
            c = c if abs(c) > tiny else tiny
            h *= d * c
        if abs(d * c - 1) < eps:
            break
    return h


def betainc(a: float, b: float, x: float) -> float:
    """The regularised incomplete beta function I_x(a, b)."""
    if x <= 0:
        return 0.0
    if x >= 1:
        return 1.0
    front = math.exp(math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log1p(-x))
    if x < (a + 1) / (a + b + 2):
        return front * _betacf(a, b, x) / a
    return 1 - front * _betacf(b, a, 1 - x) / b


def t_cdf(t: float, df: float) -> float:
    """P(T ≤ t) for Student's t with ``df`` degrees of freedom."""
    tail = 0.5 * betainc(df / 2, 0.5, df / (df + t * t))
    return 1 - tail if t >= 0 else tail


def t_quantile(p: float, df: float) -> float:
    """The ``p`` quantile (0.5 < p < 1) of Student's t, by bisection on :func:`t_cdf`."""
    lo, hi = 0.0, 1.0
    while t_cdf(hi, df) < p:
        hi *= 2
    for _ in range(200):
        mid = (lo + hi) / 2
        if t_cdf(mid, df) < p:
            lo = mid
        else:
            hi = mid
        if hi - lo < 1e-12:
            break
    return (lo + hi) / 2


def mean_ci(diffs: Sequence[float], level: float = 0.95) -> tuple[float, float, float] | None:
    """Mean of paired differences and its ``level`` confidence interval (t distribution, n − 1
    degrees of freedom); None for fewer than 2 pairs."""
    n = len(diffs)
    if n < 2:
        return None
    m = mean(diffs)
    half = t_quantile(1 - (1 - level) / 2, n - 1) * math.sqrt(variance(diffs) / n)
    return m, m - half, m + half
