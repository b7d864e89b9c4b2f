"""Observes importing sqlite3 and a query on an in-memory database."""
from pywasm_probe import module, probe, under_test


@probe
def sqlite3_module():
    sqlite3 = module("sqlite3")
    with under_test('sqlite3.connect(":memory:") and a query'):
        con = sqlite3.connect(":memory:")
        value = con.execute("select 6 * 7").fetchone()[0]
        con.close()
    return {"query": value, "sqlite_version": sqlite3.sqlite_version}
