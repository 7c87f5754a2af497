#!/usr/bin/env python3
"""Checks scripts/nickel_reference.py's headline -> error kind mapping against the reference's own
expectations: runs every error test of the reference's integration suite (read at run time from a
git mirror of nickel-lang/nickel; nothing is copied into this repository) and compares the kind we
derive with the `error = '…'` its annotation names. Typecheck-only tests are left out.

Usage: python3 scripts/check-kind-mapping.py [MIRROR_GIT_DIR]
       (default: $NICKEL_MIRROR, else ../.mirror/nickel-lang+nickel/repo beside the checkout)
"""
import io
import os
import re
import subprocess
import sys
import tarfile
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from nickel_reference import run_file  # noqa: E402

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main():
    import nickel
    mirror = (sys.argv[1] if len(sys.argv) > 1 else None) or os.environ.get('NICKEL_MIRROR') \
        or os.path.join(os.path.dirname(REPO), '.mirror', 'nickel-lang+nickel', 'repo')
    archive = subprocess.run(['git', '-C', mirror, 'archive', 'HEAD', 'core/tests/integration'],
                             check=True, capture_output=True).stdout
    agree, disagree = 0, []
    with tempfile.TemporaryDirectory() as tmp:
        tarfile.open(fileobj=io.BytesIO(archive)).extractall(tmp)
        root = os.path.join(tmp, 'core', 'tests', 'integration', 'inputs')
        for directory, _, files in sorted(os.walk(root)):
            for name in sorted(files):
                if not name.endswith('.ncl'):
                    continue
                path = os.path.join(directory, name)
                text = open(path, encoding='utf-8').read()
                expected = re.search(r"^# *error = '([^']+)'", text, re.M)
                if not expected or "type = 'error'" not in text or re.search(r"eval = 'typecheck", text):
                    continue
                lines = text.split('\n')
                body = 0
                while body < len(lines) and lines[body].startswith('#'):
                    body += 1
                program = os.path.join(directory, '__kind_check__' + name)
                with open(program, 'w', encoding='utf-8') as f:
                    f.write('\n'.join(lines[body:]))
                result = run_file(nickel, program)
                got = 'an export' if result['ok'] else result['kind']
                want = expected.group(1)
                if got == want or (want == 'ParseError' and got.startswith('ParseError')):
                    agree += 1
                else:
                    disagree.append(f'{os.path.relpath(path, root)}: reference suite says {want}, we derive {got}')
    for line in disagree:
        print(line)
    print(f'{agree} agree, {len(disagree)} disagree')
    sys.exit(1 if disagree else 0)


if __name__ == '__main__':
    main()
