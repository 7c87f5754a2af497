#!/usr/bin/env python3
"""Evaluates a Nickel file with the reference evaluator (py-nickel) but with
`std` bound to OUR standard library (../std.ncl), following the conformance
harness's evaluator contract: JSON export on stdout and exit 0, or an error
JSON object {"kind": ...} plus the rendered diagnostic on stderr and exit 1.

Usage: run-with-our-std.py FILE            (our std)
       run-with-our-std.py --reference FILE  (the reference's own std: baseline)
"""
import json
import os
import re
import sys

import nickel

STD = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "std.ncl"))

# The headline of a reference diagnostic → the error kind main.rs would name.
KINDS = [
    (r"^contract broken by", "EvalError::BlameError"),
    (r"^missing field", "EvalError::FieldMissing"),
    (r"^missing definition", "EvalError::MissingFieldDef"),
    (r"^infinite recursion", "EvalError::InfiniteRecursion"),
    (r"type error", "EvalError::TypeError"),
    (r"^non serializable", "ExportError::NonSerializable"),
    (r"^unexpected token|^unexpected end|^parse error", "ParseError"),
    (r"^(incompatible|type mismatch|unbound identifier)", "TypecheckError"),
]


def kind_of(headline):
    for pattern, kind in KINDS:
        if re.search(pattern, headline):
            return kind
    return "EvalError::Other"


def main(argv):
    reference = argv[1:2] == ["--reference"]
    path = argv[-1]
    with open(path, encoding="utf-8") as f:
        program = f.read()
    if not reference:
        program = 'let std = import "%s" in\n%s' % (STD, program)
    try:
        out = nickel.run(program, [])
    except Exception as err:  # nickel.NickelException: the rendered diagnostic
        text = re.sub(r"\x1b\[[0-9;]*m", "", str(err))
        first = next((l for l in text.splitlines() if l.strip()), "")
        headline = re.sub(r"^error(\[[^\]]*\])?:\s*", "", first.strip())
        sys.stderr.write(text + "\n")
        sys.stderr.write(json.dumps({"kind": kind_of(headline), "message": headline}) + "\n")
        return 1
    sys.stdout.write(out + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
