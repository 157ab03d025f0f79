"""Interface strings in templates: values filled, plural forms of the language, percentages."""

from __future__ import annotations

from sbfa_pack.render.texts import Texts, scrambled
from sbfa_pack.render.ui_strings import strings_for
from sbfa_pack.ui_text import UI_STRINGS


def test_values_are_filled_and_plural_forms_follow_the_language() -> None:
    en = Texts(dict(UI_STRINGS), "en")
    assert en("question_n_of_m", n=2, m=5) == "Question 2 of 5"
    assert en("minutes", n=1) == "1 minute" and en("minutes", n=5) == "5 minutes"
    pl = Texts({"minutes_one": "{n} minuta", "minutes_few": "{n} minuty", "minutes_many": "{n} minut",
                "minutes_other": "{n} minuty"}, "pl")
    assert [pl("minutes", n=n) for n in (1, 3, 5, 22)] == ["1 minuta", "3 minuty", "5 minut", "22 minuty"]
    assert en("progress", done=1) == "1 of {total} lessons seen"  # a missing value stays visible, never a crash


def test_percentages_are_written_the_language_s_way() -> None:
    assert Texts({}, "en").percent(70) == "70%"
    assert Texts({}, "de").percent(70) == "70\xa0%"


def test_every_language_gets_every_key() -> None:
    for lang in ("en", "de", "ar", "xx"):
        assert set(UI_STRINGS) <= set(strings_for(lang))


def test_an_ordering_is_never_shown_in_its_answer_order() -> None:
    for qid in ("a", "b", "steps", "order-1"):
        ids = ["one", "two", "three"]
        shown = scrambled(qid, ids)
        assert shown != ids and sorted(shown) == sorted(ids)
