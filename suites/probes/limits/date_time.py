"""Observes whether the libc date and time functions agree with each other (the class of bugs fixed in Emscripten 3.1.8),
in a time zone with daylight saving time: the harness runs probes under TZ=Europe/Berlin where the host allows (process
hosts: the environment; Chromium: the context's time zone), and the probe steps aside when the zone has no DST.

The claim is about what 3.1.8 fixed, so a build with an older Emscripten is outside it (inapplicable, with its
version): its date and time functions are the buggy ones the sentence says were fixed later (e.g. clock_nanosleep
ignoring TIMER_ABSTIME, emscripten-core/emscripten#16453), which says nothing about whether 3.1.8 fixed them."""
import calendar
import time

from pywasm_probe import emscripten_version, older_than, probe, skip


def z_matches(lt):
    z = time.strftime("%z", lt)
    sign = -1 if z.startswith("-") else 1
    return len(z) == 5 and sign * (int(z[1:3]) * 3600 + int(z[3:5]) * 60) == lt.tm_gmtoff


@probe
def date_time():
    built_with = emscripten_version()
    if built_with is not None and older_than(built_with, "3.1.8"):
        skip("built with Emscripten %s, before 3.1.8: the claim is about the fixes 3.1.8 brought" % built_with)
    if not time.daylight:
        skip("the runtime's local time zone has no daylight saving time (tzname %r): the DST code is not exercised"
             % (time.tzname,))
    summer, winter = time.localtime(1656633600), time.localtime(1700000000)  # 2022-07-01, 2023-11-14
    dst_flags = summer.tm_isdst == 1 and winter.tm_isdst == 0
    offsets = all(lt.tm_gmtoff == -(time.altzone if lt.tm_isdst else time.timezone) for lt in (summer, winter))
    z_both = all(z_matches(lt) for lt in (summer, winter))
    names = time.strftime("%Z", summer) == time.tzname[1] and time.strftime("%Z", winter) == time.tzname[0]
    noon = time.mktime((2023, 7, 1, 12, 0, 0, 0, 0, -1)) == calendar.timegm((2023, 7, 1, 12, 0, 0)) + time.altzone
    samples = [0, 86399, 951782400, 1656633600, 1700000000, 2147483647]
    gm_roundtrip = all(calendar.timegm(time.gmtime(t)) == t for t in samples)
    local_roundtrip = all(int(time.mktime(time.localtime(t))) == t for t in samples)
    g = time.gmtime(951782400)  # 2000-02-29 00:00:00 UTC
    gm_fields = (g.tm_year, g.tm_mon, g.tm_mday, g.tm_wday, g.tm_yday) == (2000, 2, 29, 1, 60)
    normalized = time.mktime((2023, 13, 1, 0, 0, 0, 0, 0, -1)) == time.mktime((2024, 1, 1, 0, 0, 0, 0, 0, -1))
    before_epoch = tuple(time.gmtime(-86400)[:6]) == (1969, 12, 31, 0, 0, 0)
    lt = time.localtime(1700000000)
    z = time.strftime("%z", lt)
    sign = -1 if z.startswith("-") else 1
    z_seconds = sign * (int(z[1:3]) * 3600 + int(z[3:5]) * 60) if len(z) == 5 else None
    gmtoff_matches_z = z_seconds == lt.tm_gmtoff
    dst = {"isdst_flags": dst_flags, "gmtoff_matches_timezone_altzone": offsets, "strftime_z_summer_winter": z_both,
           "strftime_Z_names": names, "mktime_guesses_dst": noon}
    return {
        "consistent": all((gm_roundtrip, local_roundtrip, gm_fields, gmtoff_matches_z, normalized, before_epoch))
        and all(dst.values()),
        "dst": dst,
        "gmtime_timegm_roundtrip": gm_roundtrip,
        "localtime_mktime_roundtrip": local_roundtrip,
        "gmtime_fields": gm_fields,
        "strftime_z_matches_gmtoff": gmtoff_matches_z,
        "mktime_normalizes": normalized,
        "gmtime_before_epoch": before_epoch,
        "tz": [time.tzname[0], time.tzname[1], time.timezone, z],
    }
