"""``sbfa-pack test``: the publishing gate. Plays built packages headless in Debian's Chromium against
a real LMS runtime (scorm-again) or a local LRS (Ralph) and checks what an LMS would record (docs/testing.md).

Modules: ``targets`` (what to play), ``plan`` (answers from the course model), ``site`` (what is
served), ``scorm`` (the checks), ``dialect`` (what differs between SCORM 1.2 and 2004),
``notation`` (SCORM 1.2 interaction formats), ``xapi`` (the xAPI/cmi5 checks), ``statements``
(what they check in the statements), ``gateway`` and ``lrs`` (the LMS side: State, cmi5 launch,
Ralph), ``run`` (the browser), ``report`` (table, JSON,
JUnit), ``cli`` (the command).
"""
