"""Observes subprocess.run() of the running interpreter itself."""
import sys

from pywasm_probe import api, probe


@probe
def subprocess_run():
    done = api("subprocess.run")([sys.executable or "python3", "-c", "print(42)"], capture_output=True, timeout=5)
    return {"returncode": done.returncode, "stdout": done.stdout.decode(errors="replace").strip()}
