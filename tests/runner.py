"""`make test`: the whole suite, fast tests in parallel, then the browser tests.

Exits non-zero when a run fails or collects no test (pytest's exit code 5).
"""

import os
import shutil
import subprocess
import sys


def run(args: list[str]) -> int:
    print("$ pytest " + " ".join(args), flush=True)
    code = subprocess.call([sys.executable, "-m", "pytest", *args])
    if code == 5:
        print("Aucun test n'a été collecté : c'est un échec.", flush=True)
        return 1
    return code


def main() -> int:
    code = run(["-n", "2", "-m", "not browser", "-q"])
    if code:
        return code
    chromium = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
    if not shutil.which(chromium):
        if os.environ.get("CI"):
            print(f"Chromium is required in CI and was not found at {chromium}.", flush=True)
            return 1
        print(
            f"Browser tests not run: no Chromium at {chromium} "
            "(apt-get install -y chromium, or set CHROMIUM_PATH).",
            flush=True,
        )
        return 0
    return run(["-m", "browser", "-q"])


if __name__ == "__main__":
    sys.exit(main())
