"""Observes importing ensurepip and reading the version of the pip it bundles."""
from pywasm_probe import module, probe


@probe
def ensurepip():
    return {"pip_version": module("ensurepip").version()}
