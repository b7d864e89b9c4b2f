"""Observes locale behaviour that differs on musl: an unknown locale name accepted by setlocale, and what getlocale reports."""
import locale

from pywasm_probe import probe


@probe
def locale_musl():
    saved = locale.setlocale(locale.LC_CTYPE)
    try:
        try:
            accepted = locale.setlocale(locale.LC_CTYPE, "xx_XX.pywasm-bogus")
            bogus = True
        except locale.Error:
            accepted, bogus = None, False
        try:
            de = locale.setlocale(locale.LC_NUMERIC, "de_DE.UTF-8")
            de_point = locale.localeconv()["decimal_point"]
        except locale.Error:
            de, de_point = None, None
        finally:
            locale.setlocale(locale.LC_NUMERIC, "C")
    finally:
        locale.setlocale(locale.LC_CTYPE, saved)
    return {"bogus_locale_accepted": bogus, "bogus_result": accepted,
            "de_DE_set": de is not None, "de_DE_decimal_point": de_point, "getlocale": list(locale.getlocale())}
