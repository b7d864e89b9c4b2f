"""Observes which of the resource module's main functions work."""
from pywasm_probe import module, probe


@probe
def resource_module():
    resource = module("resource")
    calls = {
        "getrlimit": lambda: resource.getrlimit(resource.RLIMIT_NOFILE),
        "setrlimit": lambda: resource.setrlimit(resource.RLIMIT_NOFILE, resource.getrlimit(resource.RLIMIT_NOFILE)),
        "getrusage": lambda: resource.getrusage(resource.RUSAGE_SELF),
        "getpagesize": lambda: resource.getpagesize(),
        "prlimit": lambda: resource.prlimit(0, resource.RLIMIT_NOFILE),
    }
    working = []
    for name, call in calls.items():
        try:
            call()
            working.append(name)
        except (AttributeError, OSError, ValueError):
            pass
    return {"working": working, "most_unavailable": len(working) * 2 < len(calls)}
