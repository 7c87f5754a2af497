#!/usr/bin/env python3
"""Compares our std with the reference's std on the reference evaluator
(py-nickel): every expression of battery.txt is evaluated twice, with `std`
bound to ../std.ncl and with the builtin std. A case passes when both give the
same JSON, or both fail with the same error headline and contract message
(`--notes` also requires the same `= note` lines). Prints the failures and a
summary, including how many of the reference's std functions the battery
exercises.

Usage: compare.py [--notes] [--jobs N] [--filter SUBSTRING] [--verbose]
"""
import json
import os
import re
import sys
from concurrent.futures import ProcessPoolExecutor

import nickel

HERE = os.path.dirname(os.path.abspath(__file__))
STD = os.path.normpath(os.path.join(HERE, "..", "std.ncl"))
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def evaluate(program):
    try:
        return ("value", json.loads(nickel.run(program, [])))
    except Exception as err:
        return ("error", ANSI.sub("", str(err)))


def error_summary(text):
    """(headline, message lines, notes) of a rendered diagnostic."""
    lines = text.splitlines()
    headline = re.sub(r"^error(\[[^\]]*\])?:\s*", "", lines[0].strip()) if lines else ""
    message = []
    for line in lines[1:]:
        if "┌─" in line or not line.strip():
            break
        message.append(line.strip())
    notes = sorted(
        l.split("=", 1)[1].strip()
        for l in lines
        if re.match(r"^\s*= ", l)
    )
    return headline, message, notes


def run_case(expr):
    ours = evaluate('let std = import "%s" in\n%s' % (STD, expr))
    ref = evaluate(expr)
    return expr, ours, ref


def verdict(ours, ref, with_notes):
    if ours[0] != ref[0]:
        return "one fails, the other does not"
    if ours[0] == "value":
        return None if ours[1] == ref[1] else "different values"
    o, r = error_summary(ours[1]), error_summary(ref[1])
    if o[0] != r[0]:
        return "different error headline"
    if o[1] != r[1]:
        return "different contract message"
    if with_notes and o[2] != r[2]:
        return "different notes"
    return None


def reference_functions():
    """Every field path of the reference's std whose value is not a module."""
    paths, todo = [], [["std"]]
    while todo:
        path = todo.pop()
        expr = ".".join(path)
        is_module = json.loads(nickel.run("std.is_record %s && !(std.is_function %s)" % (expr, expr), []))
        names = json.loads(nickel.run("std.record.fields %s" % expr, [])) if is_module and path[-1] not in ("structured",) else []
        # contracts written as records (e.g. package.GitDependency) are leaves
        if is_module and (len(path) <= 2 or path[-1] in ("unstable", "label")):
            todo.extend(path + [n] for n in names)
        else:
            paths.append(expr)
    return sorted(paths)


def main(argv):
    with_notes = "--notes" in argv
    verbose = "--verbose" in argv
    jobs = int(argv[argv.index("--jobs") + 1]) if "--jobs" in argv else os.cpu_count() or 2
    only = argv[argv.index("--filter") + 1] if "--filter" in argv else None
    with open(os.path.join(HERE, "battery.txt"), encoding="utf-8") as f:
        cases = [l.strip() for l in f if l.strip() and not l.lstrip().startswith("#")]
    if only:
        cases = [c for c in cases if only in c]
    failures = 0
    with ProcessPoolExecutor(jobs) as pool:
        for expr, ours, ref in pool.map(run_case, cases):
            why = verdict(ours, ref, with_notes)
            if why:
                failures += 1
                print("FAIL %s\n  %s" % (expr, why))
                for name, res in (("ours", ours), ("ref ", ref)):
                    shown = json.dumps(res[1]) if res[0] == "value" else " | ".join(
                        [error_summary(res[1])[0]] + error_summary(res[1])[1] + error_summary(res[1])[2])
                    print("  %s: %s" % (name, shown[:300]))
            elif verbose:
                print("ok   %s" % expr)
    functions = reference_functions()
    text = "\n".join(cases)
    covered = [p for p in functions if re.search(re.escape(p) + r"(?![\w])", text)]
    missing = [p for p in functions if p not in covered]
    print("\n%d/%d battery cases agree with the reference%s" % (len(cases) - failures, len(cases), " (notes compared)" if with_notes else ""))
    print("%d/%d std members of the reference exercised by the battery" % (len(covered), len(functions)))
    if missing and not only:
        print("not exercised: " + ", ".join(missing))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
