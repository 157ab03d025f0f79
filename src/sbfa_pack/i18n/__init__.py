"""Translation: one source, many languages.

- :mod:`.units` — what is translatable, with stable contexts (extraction and localisation share it)
- :mod:`.catalog` — PO files: layout, strict reading, deterministic writing, merge, statistics
- :mod:`.localise` — the build step: a unit in another language, with the completeness policy
- :mod:`.checks` — translation checks run by ``sbfa-pack validate``
- :mod:`.ui` — the runtime's interface strings per language, and locale facts from babel
- :mod:`.cli` — ``sbfa-pack i18n extract | update | stats``
"""
