"""The report's statistics against published tables and numpy."""

from __future__ import annotations

import numpy as np
import pytest

from sbfa_pack.evaluation.stats import alpha, mean_ci, quantile, t_quantile


@pytest.mark.parametrize(("df", "t"), [(1, 12.706), (2, 4.303), (5, 2.571), (6, 2.447), (10, 2.228), (30, 2.042),
                                       (120, 1.980)])
def test_t_quantile_matches_the_table(df: int, t: float) -> None:
    """Issue 14 item 2 (pre/post confidence interval): the 97.5 % t quantile equals the printed table."""
    assert t_quantile(0.975, df) == pytest.approx(t, abs=5e-4)


def test_quantiles_as_numpy_and_spreadsheets() -> None:
    """Issue 14 item 2 (time spent: median, IQR): linear interpolation, as numpy and Excel."""
    xs = [12.0, 3.5, 7.0, 1.0, 20.0, 8.25]
    for q in (0.25, 0.5, 0.75):
        assert quantile(xs, q) == pytest.approx(float(np.quantile(xs, q)))


def test_paired_change_interval() -> None:
    """Issue 14 item 2 (surveys): mean difference ± t(.975, n-1) · s / √n."""
    d = [2.0, 1.0, 2.0, 0.0, 1.0, 2.0, 0.0]
    m, lo, hi = mean_ci(d) or (0, 0, 0)
    half = 2.447 * np.std(d, ddof=1) / np.sqrt(len(d))
    assert (m, lo, hi) == pytest.approx((np.mean(d), np.mean(d) - half, np.mean(d) + half), abs=1e-3)


def test_alpha_for_partial_credit() -> None:
    """Issue 14 item 2: Cronbach's alpha for scores that are not 0/1."""
    m = np.array([[0.5, 1, 1], [0, 0.5, 0], [1, 1, 1], [0.5, 0, 0.5]])
    k = m.shape[1]
    expected = k / (k - 1) * (1 - m.var(axis=0).sum() / m.sum(axis=1).var())
    assert alpha(m.tolist()) == pytest.approx(expected)
