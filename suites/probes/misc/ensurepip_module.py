"""Observes running ensurepip for real: a fresh virtual environment in a temporary directory, created with pip
(venv runs ``python -m ensurepip`` inside it), then whether pip is importable from it."""
import glob
import os
import tempfile

from pywasm_probe import module, probe, under_test


@probe
def ensurepip():
    ensurepip = module("ensurepip")
    venv = module("venv")
    target = os.path.join(tempfile.mkdtemp(), "env")
    with under_test("venv.create(tmp, with_pip=True), which runs ensurepip"):
        venv.create(target, with_pip=True)
    installed = glob.glob(os.path.join(target, "lib", "python*", "site-packages", "pip", "__init__.py"))
    return {"installed": bool(installed), "bundled_pip": ensurepip.version()}
