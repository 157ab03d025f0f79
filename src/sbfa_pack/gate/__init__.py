"""``sbfa-pack test``: the publishing gate. Plays built packages headless in Debian's Chromium against
a real LMS runtime (scorm-again) and checks what an LMS would record (docs/testing.md).

Modules: ``targets`` (what to play), ``plan`` (answers from the course model), ``site`` (what is
served), ``scorm`` (the checks), ``dialect`` (what differs between SCORM 1.2 and 2004),
``notation`` (SCORM 1.2 interaction formats), ``run`` (the browser), ``report`` (table, JSON,
JUnit), ``cli`` (the command).
"""
