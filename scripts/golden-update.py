#!/usr/bin/env python3
"""Regenerates every golden expectation from the reference Nickel (py-nickel 1.18).

For each program tests/nickel/golden/<category>/<name>.ncl (files under a `fixtures` folder are
imported by programs, not programs themselves) writes either <name>.json — exactly the string
`nickel.run` returns, i.e. the JSON `nickel export` prints — or <name>.err — the reference's error
kind on the first line, then its diagnostic (ANSI stripped) for humans. Stale expectations are
removed. Usage: python3 scripts/golden-update.py [PATH_FILTER_SUBSTRING]
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from nickel_reference import run_file  # noqa: E402

ROOT = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), 'tests', 'nickel', 'golden')


def programs():
    for directory, subdirs, files in os.walk(ROOT):
        subdirs[:] = sorted(d for d in subdirs if d != 'fixtures')
        for name in sorted(files):
            if name.endswith('.ncl'):
                yield os.path.join(directory, name)


def write_if_changed(path, text):
    if os.path.exists(path):
        with open(path, encoding='utf-8') as f:
            if f.read() == text:
                return False
    with open(path, 'w', encoding='utf-8') as f:
        f.write(text)
    return True


def main():
    import nickel
    sys.setrecursionlimit(10000)
    only = sys.argv[1] if len(sys.argv) > 1 else ''
    counts = {'json': 0, 'err': 0, 'changed': 0}
    for program in programs():
        if only not in program:
            continue
        base = program[:-len('.ncl')]
        result = run_file(nickel, program)
        if result['ok']:
            wanted, stale, text = base + '.json', base + '.err', result['output']
            counts['json'] += 1
        else:
            wanted, stale = base + '.err', base + '.json'
            with open(program, encoding='utf-8') as f:
                if 'not_exported' in f.read():
                    print(f'WARNING {os.path.relpath(program, ROOT)}: py-nickel also evaluates not_exported '
                          'fields, `nickel export` does not; check that the error does not come from one')
            text = result['kind'] + '\n' + result['message']
            counts['err'] += 1
        if write_if_changed(wanted, text):
            counts['changed'] += 1
            print('updated', os.path.relpath(wanted, ROOT))
        if os.path.exists(stale):
            os.remove(stale)
    print(f"{counts['json']} exports, {counts['err']} errors, {counts['changed']} files updated")


if __name__ == '__main__':
    main()
