"""Observes, on a build configured with --enable-wasm-dynamic-linking, whether an extension module loads from a shared-library file."""
import importlib.machinery
import sysconfig

from pywasm_probe import probe, skip


@probe
def dynamic_linking_option():
    config = sysconfig.get_config_var("CONFIG_ARGS") or ""
    if "--enable-wasm-dynamic-linking" not in config:
        skip("this build was not configured with --enable-wasm-dynamic-linking")
    import importlib.util
    import sys
    for name in sorted(sys.stdlib_module_names):
        spec = importlib.util.find_spec(name) if name not in sys.builtin_module_names else None
        if spec is not None and isinstance(spec.loader, importlib.machinery.ExtensionFileLoader):
            __import__(name)
            return {"dynamic_extensions": True, "loaded": name}
    return {"dynamic_extensions": False, "extension_suffixes": importlib.machinery.EXTENSION_SUFFIXES}
