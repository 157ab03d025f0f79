"""Run ``sbfa-pack validate`` in a process of its own and measure its peak memory.

``getrusage(RUSAGE_CHILDREN)`` in the test process would report the largest child the whole test
run has waited for so far (a browser driver, an LRS), and the child's own ``ru_maxrss`` keeps the
high-water mark of the test process it was forked from (Linux carries it across ``execve``). So
the child reads its peak from ``/proc/self/status`` (``VmHWM``, the peak of its own memory since
it started the interpreter) and says it on its last line of stderr.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

_CODE = """
import sys
from sbfa_pack.cli import main
sys.argv = ['sbfa-pack', 'validate', sys.argv[1]]
try:
    main()
finally:
    with open('/proc/self/status') as status:
        kb = next(int(line.split()[1]) for line in status if line.startswith('VmHWM:'))
    print(f"peak-kb {kb}", file=sys.stderr)
"""


def validate_with_peak(root: Path, timeout: float) -> tuple[subprocess.CompletedProcess[str], float]:
    """The finished ``validate`` process (its stderr without the measure) and its peak memory in MB."""
    proc = subprocess.run([sys.executable, "-c", _CODE, str(root)], capture_output=True, text=True, timeout=timeout)
    head, _, last = proc.stderr.rstrip("\n").rpartition("\n")
    assert last.startswith("peak-kb "), proc.stderr[-2000:]
    proc.stderr = head
    return proc, int(last.split()[1]) / 1024
