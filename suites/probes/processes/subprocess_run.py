"""Observes subprocess.run() of the running interpreter itself."""
import sys

from pywasm_probe import api, probe, under_test


@probe
def subprocess_run():
    with under_test('subprocess.run([sys.executable, "-c", "print(42)"])'):
        done = api("subprocess.run")([sys.executable or "python3", "-c", "print(42)"], capture_output=True, timeout=5)
    return {"returncode": done.returncode, "stdout": done.stdout.decode(errors="replace").strip()}
