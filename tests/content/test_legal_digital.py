"""Issue 13 item 3: legal forms and taxes side by side, digital administration per country, an invoice
template per country, their glossary terms and a scenario question in each country check.

These tests read the sources (course.yaml, the Markdown pages, toolkit/invoice-*.yaml, glossary) and the
seven catalogs: the dates and figures are pinned with their year, and every translation keeps them.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from sbfa_pack.diagnostics import Diagnostics
from sbfa_pack.i18n import catalog
from sbfa_pack.load import yamlpos

REPO = Path(__file__).resolve().parents[2]
COURSE = REPO / "courses" / "starting-in-your-new-country"
COUNTRIES = ["norway", "spain", "germany", "poland", "greece"]
LANGS = ["es", "de", "pl", "nb", "el", "uk", "ar"]

# The forms a small founder really chooses between, and figures each country's table must state.
FORMS = {
    "Germany": ["*Einzelunternehmen*", "*Freiberufler*", "*UG*", "*GmbH*", "UG: from 1 €. GmbH: 25,000 €",
                "*Kleinunternehmerregelung* (25,000 € last year, 100,000 € this year)", "24,500 €"],
    "Spain": ["*autónomo*", "*SL*", "1 € (since 2022)", "**No.** You charge IVA from your first invoice",
              "80 € a month for 12 months (2026)", "25 %", "15 % in the first two years with profit"],
    "Poland": ["*JDG*", "*sp. z o.o.*", "PLN 5,000", "*CEIDG* on biznes.gov.pl: free", "9 % for small companies",
               "(*ulga na start*)"],
    "Norway": ["*ENK*", "*AS*", "NOK 30,000", "NOK 50,000 in 12 months", "Company tax 22 %", "*Enhetsregisteret*"],
    "Greece": ["*ατομική επιχείρηση*", "*ΙΚΕ*", "Company tax 22 %", "5 % tax on dividends", "minimum deemed income",
               "*απλογραφικά βιβλία*"],
}
ROWS = ["Your private money", "share capital", "Where you register, cost", "Bookkeeping", "Tax on profit",
        "No VAT for small businesses?", "Social insurance"]

# Digital administration: the e-ID a newcomer needs and the e-invoicing duties with their year.
DIGITAL = {
    "germany": ["ELSTER-Zertifikat", "Online-Ausweisfunktion", "*eAT*",
                "| 1 January 2025 | Every business | Must be able to receive",
                "| 1 January 2027 | Sales over 800,000 € last year | Must send",
                "| 1 January 2028 | Every business | Must send",
                "XRechnung", "bundesfinanzministerium.de", "§ 19 UStG", "*USt-IdNr.*"],
    "spain": ["Cl@ve", "*certificado digital*", "FNMT", "FACe", "Verifactu", "Royal Decree 1007/2023",
              "Crea y Crece", "Law 18/2022", "*retención*", "*factura simplificada*", "up to 400 €"],
    "poland": ["*Profil Zaufany*", "PESEL", "mObywatel", "e-Dowód", "KSeF",
               "| 1 February 2026 | Businesses with sales over PLN 200 million in 2024 |",
               "| 1 April 2026 | All other businesses |",
               "| 1 January 2027 | Businesses with invoices of at most PLN 10,000 a month",
               "ksef.podatki.gov.pl", "art. 113", "art. 106e"],
    "norway": ["BankID", "*D-nummer*", "*ID-kontroll*", "MinID", "**EHF**", "since 2019", "anskaffelser.no",
               "\"MVA\"", "*Foretaksregisteret*", "*forfallsdato*", "*bokføringsforskriften*"],
    "greece": ["*κωδικοί TAXISnet*", "gov.gr", "ΑΦΜ", "myDATA", "ΜΑΡΚ", "required in 2026, in two steps",
               "*πάροχος ηλεκτρονικής τιμολόγησης*", "*timologio*", "*απόδειξη*"],
}
TERMS = {"germany": "*Rechnung*", "spain": "*factura*", "poland": "*faktura*", "norway": "*faktura*",
         "greece": "*τιμολόγιο*"}

# The mandatory fields of an invoice in each country (required fields), each with the local word.
INVOICE = {
    "germany": ("EUR", {"seller": "Name und Anschrift", "tax-number": "Steuernummer", "customer": "customer",
                        "number": "Rechnungsnummer", "date": "Rechnungsdatum", "delivery": "Leistungsdatum",
                        "items": "Menge und Art", "net": "Nettobetrag", "vat-rate": "Steuersatz",
                        "vat": "Umsatzsteuer", "total": "Gesamtbetrag"}),
    "spain": ("EUR", {"seller": "emisor", "customer": "destinatario", "number": "número y serie",
                      "date": "fecha de expedición", "items": "descripción", "base": "base imponible",
                      "vat-rate": "tipo de IVA", "vat": "cuota de IVA", "total": "total factura"}),
    "poland": ("PLN", {"seller": "sprzedawca", "buyer": "nabywca", "number": "numer faktury",
                       "date": "data wystawienia", "items": "nazwa, ilość, cena netto", "net": "wartość netto",
                       "vat-rate": "stawka VAT", "vat": "kwota VAT", "total": "wartość brutto"}),
    "norway": ("NOK", {"seller": "organisasjonsnummer", "customer": "kunde", "number": "fakturanummer",
                       "date": "fakturadato", "delivery": "leveringsdato", "items": "beskrivelse",
                       "net": "beløp eks. mva", "vat-rate": "mva-sats", "vat": "mva", "total": "å betale",
                       "due": "forfallsdato"}),
    "greece": ("EUR", {"seller": "εκδότης", "customer": "λήπτης", "number": "σειρά και αριθμός",
                       "date": "ημερομηνία έκδοσης", "items": "περιγραφή, ποσότητα", "net": "καθαρή αξία",
                       "vat-rate": "συντελεστής ΦΠΑ", "vat": "ποσό ΦΠΑ", "total": "σύνολο", "mark": "ΜΑΡΚ"}),
}
RATES = {"germany": {"19 %", "7 %"}, "spain": {"21 %", "10 %", "4 %"}, "poland": {"23 %", "8 %", "5 %"},
         "norway": {"25 %", "15 %", "12 %"}, "greece": {"24 %", "13 %", "6 %"}}
# The new scenario question of each country check and its right answer.
QUESTIONS = {"norway": ("no-ehf", {"ehf"}), "spain": ("es-invoice", {"nif", "iva", "retencion"}),
             "germany": ("de-e-invoice", {"receive"}), "poland": ("pl-ksef", {"april"}),
             "greece": ("gr-mydata", {"mydata"})}


@pytest.fixture(scope="module")
def course() -> dict[str, Any]:
    parsed = yamlpos.parse((COURSE / "course.yaml").read_text(encoding="utf-8"), "course.yaml", Diagnostics())
    assert parsed is not None and isinstance(parsed[0], dict)
    return parsed[0]


def _module(course: dict[str, Any], mid: str) -> dict[str, Any]:
    return next(m for m in course["modules"] if m["id"] == mid)


def _joined(name: str) -> str:
    """A page with each line break inside a paragraph or list item read as one space (tables stay rows)."""
    text = (COURSE / name).read_text(encoding="utf-8")
    return re.sub(r"\n(?=[^\n#>|-])", " ", text)


def _sections(text: str) -> dict[str, str]:
    parts = re.split(r"^## (.+)$", text, flags=re.M)
    return dict(zip(parts[1::2], parts[2::2], strict=True))


def test_the_side_by_side_lesson_compares_the_real_forms_of_each_country(course: dict[str, Any]) -> None:
    """Issue 13 item 3: one basics lesson, after tax and VAT, with a narrow table (3 columns) per country: the
    forms founders choose between, the same seven rows, and the figures fixed elsewhere (Kleinunternehmer limits,
    Spain's missing small-business rule and tarifa plana) with their year; legal-forms.md points to it."""
    ids = [lesson["id"] for lesson in _module(course, "basics")["lessons"]]
    assert ids[ids.index("tax-vat") + 1] == "forms-compared"
    assert "forms-compared" in course["completion"]["lessons"]
    sections = _sections(_joined("forms-compared.md"))
    assert "Checked: December 2026" in _joined("forms-compared.md")
    for country, facts in FORMS.items():
        table = [line for line in sections[country].splitlines() if line.startswith("|")]
        assert all(line.count("|") == 4 for line in table), f"{country}: three columns, for phones"
        assert [next(r for r in ROWS if r in line) for line in table[2:]] == ROWS, country
        for fact in facts:
            assert fact in sections[country], (country, fact)
    for question in ("Who pays the debts", "How is the profit taxed?", "small business rule for VAT"):
        assert question in _joined("legal-forms.md")
    assert "Legal forms and taxes side by side" in _joined("legal-forms.md")
    tax = _joined("tax-vat.md")
    assert "[e-invoices](term:e-invoicing)" in tax and "Spain has no such rule" in tax


@pytest.mark.parametrize("country", COUNTRIES)
def test_each_country_module_has_its_digital_lesson_after_the_overview(course: dict[str, Any], country: str) -> None:
    """Issue 13 item 3: `<country>-digital` comes right after the overview and in the completion list in module
    order; the page names the e-ID, the e-invoicing dates with their year and source, apps, what an invoice must
    show, and the toolkit's model invoice; the sources sit in a comment beside the lesson for re-checking."""
    lessons = _module(course, country)["lessons"]
    ids = [lesson["id"] for lesson in lessons]
    at = ids.index(f"{country}-overview")
    digital = lessons[at + 1]
    assert digital["id"] == f"{country}-digital"
    assert digital["body_file"] == f"{country}-digital.md" and digital["kind"] == "page"
    needed = course["completion"]["lessons"]
    assert needed.index(f"{country}-overview") + 1 == needed.index(f"{country}-digital")
    page = _joined(f"{country}-digital.md")
    assert "The toolkit has a model invoice for this country: fill it in and print it." in page
    for heading in ("## Your electronic ID", "## Apps for invoices and bookkeeping", "## What an invoice must show"):
        assert heading in page, heading
    assert "Checked: December 2026" in page and "checked December 2026" in page
    assert "[electronic ID](term:e-id)" in page and "(term:e-invoicing)" in page
    assert f"[invoice](term:invoice) ({TERMS[country]})" in page
    for fact in DIGITAL[country]:
        assert fact in page, fact
    source = (COURSE / "course.yaml").read_text(encoding="utf-8")
    comment = source[source.index(f"- id: {country}-digital"):source.index(f"body_file: {country}-digital.md")]
    assert "checked 2026-12-03" in comment and "https://" in comment


@pytest.mark.parametrize("country", COUNTRIES)
def test_each_invoice_template_has_the_mandatory_fields_with_the_local_words(country: str) -> None:
    """Issue 13 item 3: toolkit/invoice-<country>.yaml is a printable worksheet whose required fields are the
    mandatory content of an invoice there, each labelled with the word on that country's invoices."""
    sheet = yaml.safe_load((REPO / "toolkit" / f"invoice-{country}.yaml").read_text(encoding="utf-8"))
    assert sheet["kind"] == "worksheet" and sheet.get("layout", "form") == "form"
    assert "print" in sheet["instructions"] and "Checked: December 2026" in sheet["instructions"]
    currency, mandatory = INVOICE[country]
    assert sheet.get("currency", "EUR") == currency
    fields = {f["id"]: f for f in sheet["fields"]}
    required = {fid for fid, f in fields.items() if f.get("required")}
    assert required == set(mandatory), country
    for fid, word in mandatory.items():
        assert word in fields[fid]["label"], (fid, word)
    money = {"net", "base", "vat", "total"} & set(fields)
    assert all(fields[fid]["type"] == "money" for fid in money)
    assert {o["label"] for o in fields["vat-rate"]["options"]} >= RATES[country]
    assert fields["date"]["type"] == "date"


@pytest.mark.parametrize("country", COUNTRIES)
def test_each_country_check_has_a_scenario_question_on_invoices_or_e_invoicing(
        course: dict[str, Any], country: str) -> None:
    """Issue 13 item 3: every country check keeps ≥ 4 questions and gains a scenario on this lesson."""
    check = next(lesson for lesson in _module(course, country)["lessons"] if lesson["id"] == f"{country}-check")
    assert len(check["questions"]) >= 5
    qid, right = QUESTIONS[country]
    question = next(q for q in check["questions"] if q["id"] == qid)
    assert {c["id"] for c in question["choices"] if c.get("correct")} == right
    assert len(question["choices"]) >= 3 and question["feedback"]["incorrect"]


def test_the_new_official_terms_are_in_the_glossary_for_every_country_and_marked() -> None:
    """Issue 13 item 3: personal liability, limited company, share capital and corporate tax, with the term
    at the office in each of the five countries; marked in the side-by-side lesson."""
    glossary = yaml.safe_load((REPO / "glossary" / "programme.yaml").read_text(encoding="utf-8"))["glossary"]
    entries = {e["id"]: e for e in glossary}
    expected = {"limited-company": ("GmbH", "sociedad limitada (SL)", "ΙΚΕ", "aksjeselskap (AS)", "sp. z o.o."),
                "share-capital": ("Stammkapital", "capital social", "κεφάλαιο", "aksjekapital", "kapitał zakładowy"),
                "corporate-tax": ("Körperschaftsteuer", "Impuesto sobre Sociedades", "νομικών προσώπων",
                                  "selskapsskatt", "CIT"),
                "personal-liability": ("Haftung", "responsabilidad ilimitada", "απεριόριστη ευθύνη",
                                       "personlig ansvar", "całym majątkiem")}
    for gid, words in expected.items():
        official = entries[gid]["official"]
        for code, word in zip(("de", "es", "gr", "no", "pl"), words, strict=True):
            assert word in official[code], (gid, code)
        assert f"(term:{gid})" in (COURSE / "forms-compared.md").read_text(encoding="utf-8"), gid


@pytest.mark.parametrize("lang", LANGS)
def test_every_translation_keeps_the_figures_and_dates(lang: str) -> None:
    """Issue 13 item 3: each catalog translates the new lessons and keeps their dates and figures."""
    po = [e for e in catalog.read(REPO / "locales" / lang / "starting-in-your-new-country.po") if not e.obsolete]

    def entry(ctx: str, needle: str) -> str:
        found = [e for e in po if e.msgctxt == ctx and needle in e.msgid]
        assert found and all(e.msgstr and not e.fuzzy for e in found), (lang, ctx, needle)
        return found[0].msgstr

    def digits(text: str) -> str:
        return re.sub(r"(?<=\d)[,.\s\u00a0\u202f](?=\d{3}\b)", "", text)

    german = digits(entry("germany/germany-digital/body", "| 1 January 2025 |"))
    assert all(year in german for year in ("2025", "2027", "2028")) and "800000" in german
    polish = digits(entry("poland/poland-digital/body", "| 1 February 2026 |"))
    assert polish.count("2026") == 2 and "2027" in polish and "10000" in polish
    assert "2019" in entry("norway/norway-digital/body", "**EHF**")
    assert "2026" in entry("greece/greece-digital/body", "required in 2026")
    assert "1007/2023" in entry("spain/spain-digital/body", "**Verifactu**")
    spain = digits(entry("basics/forms-compared/body", "Self-employed (*autónomo*)"))
    assert "80" in spain and "12" in spain and "2026" in spain
    germany = digits(entry("basics/forms-compared/body", "Sole trader or freelancer"))
    assert "25000" in germany and "100000" in germany and "24500" in germany
    for country in COUNTRIES:
        sheet = catalog.read(REPO / "locales" / lang / f"invoice-{country}.po")
        assert all(e.msgstr and not e.fuzzy for e in sheet if not e.obsolete), (lang, country)
