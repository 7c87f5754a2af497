"""Runs the reference Nickel (the `nickel` Python package) on one file, for the benchmark.

  python3 reference.py [--runs N] [--out FILE] ENTRY.ncl

Evaluates `import "<absolute ENTRY>"` so that relative imports resolve against the entry file's
directory, as `nickel export ENTRY` does. Times only the `nickel.run` call, N times; writes the
first result to --out (no trailing newline, as nickel.run returns it) and prints one JSON line:
{"ok": true, "times": [wall seconds, ...], "cpu": [process CPU seconds, ...]}
or {"ok": false, "error": "..."}.
"""
import json
import os
import re
import sys
import time

import nickel


def main(argv):
    runs, out, files = 1, None, []
    it = iter(argv)
    for arg in it:
        if arg == "--runs":
            runs = int(next(it))
        elif arg == "--out":
            out = next(it)
        else:
            files.append(arg)
    if len(files) != 1:
        sys.exit(__doc__)
    program = 'import "%s"' % os.path.abspath(files[0]).replace("\\", "\\\\").replace('"', '\\"')
    times, cpu = [], []
    for i in range(runs):
        start_cpu = time.process_time()
        start = time.perf_counter()
        try:
            result = nickel.run(program, [])
        except nickel.NickelException as err:
            plain = re.sub(r"\x1b\[[0-9;]*m", "", str(err))
            print(json.dumps({"ok": False, "error": plain}))
            return
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
        if i == 0 and out:
            with open(out, "w", encoding="utf-8") as f:
                f.write(result)
        del result
    print(json.dumps({"ok": True, "times": times, "cpu": cpu}))


if __name__ == "__main__":
    main(sys.argv[1:])
