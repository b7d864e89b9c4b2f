"""Observes whether extension modules load from shared-library files: suffixes offered, and stdlib modules loaded from such files."""
import importlib.machinery
import importlib.util
import sys

from pywasm_probe import probe


@probe
def shared_extensions():
    suffixes = importlib.machinery.EXTENSION_SUFFIXES
    shared = set()
    for name in sorted(sys.stdlib_module_names):
        try:
            spec = importlib.util.find_spec(name)
        except (ImportError, ValueError):
            continue
        if spec is not None and isinstance(spec.loader, importlib.machinery.ExtensionFileLoader):
            shared.add(name)
    loaded = sorted(n for n in shared if n in sys.modules)
    if not loaded and shared:
        for name in sorted(shared):  # load one to see that loading works
            try:
                __import__(name)
                loaded = [name]
                break
            except ImportError:
                pass
    return {"shared_loaded": bool(loaded), "extension_suffixes": len(suffixes) > 0,
            "shared_stdlib_modules": sorted(shared)[:20], "loaded": loaded[:5]}
