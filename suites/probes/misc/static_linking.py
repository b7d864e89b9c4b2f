"""Observes where the stdlib's extension modules live: built into the binary or in separate shared-library files."""
import importlib.machinery
import importlib.util
import sys

from pywasm_probe import probe


@probe
def static_linking():
    builtin, shared = [], []
    for name in sorted(sys.stdlib_module_names):
        if name in sys.builtin_module_names:
            builtin.append(name)
            continue
        try:
            spec = importlib.util.find_spec(name)
        except (ImportError, ValueError):
            continue
        if spec is not None and isinstance(spec.loader, importlib.machinery.ExtensionFileLoader):
            shared.append(name)
    return {"all_static": not shared, "builtin": len(builtin), "shared_files": shared[:20]}
