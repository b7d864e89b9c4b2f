"""Observes the README's way to list Emscripten's built-in macros: emcc -dM -E - < /dev/null."""
from pywasm_probe import defines, probe


@probe
def builtins_dump():
    macros = defines()
    return {"dumps_builtins": len(macros) > 0, "count": len(macros), "emscripten": "__EMSCRIPTEN__" in macros}
