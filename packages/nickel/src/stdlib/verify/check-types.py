#!/usr/bin/env python3
"""Checks ../types.ncl against the reference typechecker: for every member
`path : T` listed there, `let x : T = std.path in true` must typecheck with
the reference's std (so T agrees with the reference's static type of the
member), and every member of the reference's std must be listed."""
import json
import os
import re
import sys
from concurrent.futures import ProcessPoolExecutor

import nickel

HERE = os.path.dirname(os.path.abspath(__file__))
TYPES = os.path.join(HERE, "..", "types.ncl")


def members(text):
    """(dotted path, type text) for each `name : type,` line, by nesting."""
    out, stack = [], []
    for line in text.split("\n"):
        m = re.match(r"^(\s*)(\w+) : \{\s*$", line)
        if m:
            stack.append(m.group(2))
            continue
        if re.match(r"^\s*\},\s*$", line) and stack:
            stack.pop()
            continue
        m = re.match(r"^\s*(\w+) : (.*),\s*$", line)
        if m and not line.lstrip().startswith(("message", "notes", "blame_location")):
            out.append((".".join(stack + [m.group(1)]), m.group(2)))
    return out


# Types mentioning contracts are opaque to the typechecker (equal only to
# the very same contract term), so they cannot be checked from outside std.
OPAQUE = re.compile(r"\b(Enum|Stringable|Assert|std\.enum\.Tag)\b|\| String|\| optional\b(?!.*\|\])")


def check(args):
    lets, path, typ = args
    if OPAQUE.search(typ) and "'Error {" not in typ:
        return path, "SKIP"
    try:
        nickel.run("%s\nlet x : %s = std.%s in true" % (lets, typ, path), [])
        return path, None
    except Exception as err:
        return path, re.sub(r"\x1b\[[0-9;]*m", "", str(err)).split("\n")[0]


def main():
    text = open(TYPES, encoding="utf-8").read()
    body = re.sub(r"^#.*\n", "", text, flags=re.M)
    lets = ""
    record = body
    listed = members(record)
    bad = 0
    with ProcessPoolExecutor() as pool:
        skipped = 0
        for path, error in pool.map(check, [(lets, p, t) for p, t in listed]):
            if error == "SKIP":
                skipped += 1
            elif error:
                bad += 1
                print("MISMATCH std.%s: %s" % (path, error))
    names = set(p for p, _ in listed)
    missing = []
    for module in json.loads(nickel.run("std.record.fields std", [])):
        is_module = module not in ("package",) and json.loads(nickel.run("std.is_record std.%s" % module, []))
        subs = json.loads(nickel.run("std.record.fields std.%s" % module, [])) if is_module else []
        for path in ([module + "." + s for s in subs] if subs else [module]):
            if path not in names and not any(n.startswith(path + ".") for n in names):
                missing.append(path)
    print("%d/%d listed types agree with the reference typechecker (%d with contract types not checkable)" % (len(listed) - bad - skipped, len(listed) - skipped, skipped))
    if missing:
        print("members of the reference's std missing from types.ncl: " + ", ".join(missing))
    return 1 if bad or missing else 0


if __name__ == "__main__":
    sys.exit(main())
