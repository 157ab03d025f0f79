"""The folder the gate serves for one package: the LMS host page, scorm-again and the package unpacked.

scorm-again (npm, the LMS side) is found in ``$SBFA_SCORM_AGAIN`` (its ``dist/`` folder), else in
the cache ``sbfa-pack test --setup`` fills with ``npm install --prefix <cache> scorm-again@3.4.3``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import zipfile
from importlib import resources
from pathlib import Path
from typing import Any

SCORM_AGAIN_VERSION = "3.4.3"
_HOST = resources.files("sbfa_pack.gate") / "host"
DRIVE_JS = (_HOST / "drive.js").read_text(encoding="utf-8")


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "sbfa-pack" / "scorm-again"


def scorm_again_dist() -> Path | None:
    """scorm-again's ``dist/`` folder, or None when it is not installed where the gate looks."""
    forced = os.environ.get("SBFA_SCORM_AGAIN")
    folder = Path(forced) if forced else cache_dir() / "node_modules" / "scorm-again" / "dist"
    return folder if (folder / "scorm12.js").is_file() else None


def setup() -> tuple[bool, str]:
    """Install scorm-again into the cache with npm; (ok, one line to print)."""
    npm = shutil.which("npm")
    if npm is None:
        return False, "npm is missing: `apt-get install npm`, or set SBFA_SCORM_AGAIN to scorm-again's dist/ folder"
    target = cache_dir()
    target.mkdir(parents=True, exist_ok=True)
    done = subprocess.run([npm, "install", "--no-audit", "--no-fund", "--prefix", str(target),
                           f"scorm-again@{SCORM_AGAIN_VERSION}"], capture_output=True, text=True, check=False)
    if done.returncode != 0 or scorm_again_dist() is None:
        last = (done.stderr or done.stdout).strip().splitlines()
        return False, f"npm install scorm-again@{SCORM_AGAIN_VERSION} failed: {last[-1] if last else done.returncode}"
    return True, f"scorm-again {SCORM_AGAIN_VERSION} installed in {target}"


def make_site(package: Path, out: Path, api_js: Path) -> Path:
    """``out`` with the host page, scorm-again's ``api_js`` (as api.js), an empty favicon and the
    package in ``pkg/``."""
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    for name in ("lms.html", "lms.js"):
        (out / name).write_bytes((_HOST / name).read_bytes())
    shutil.copy(api_js, out / "api.js")
    (out / "favicon.ico").write_bytes(b"")
    with zipfile.ZipFile(package) as zf:
        zf.extractall(out / "pkg")  # zipfile drops '..' and absolute parts of entry names
    return out


def flattened(cmi: dict[str, Any], prefix: str = "cmi") -> dict[str, str]:
    """``{"core": {"lesson_status": ..}}`` → ``{"cmi.core.lesson_status": ..}`` (scalars only)."""
    out: dict[str, str] = {}
    for k, v in cmi.items():
        key = f"{prefix}.{k}"
        if isinstance(v, dict):
            out.update(flattened(v, key))
        elif isinstance(v, list):
            for i, item in enumerate(v):
                if isinstance(item, dict):
                    out.update(flattened(item, f"{key}.{i}"))
        elif v not in (None, ""):
            out[key] = str(v)
    return out
