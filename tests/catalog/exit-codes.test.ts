/**
 * One exit-status table for every command (README "Exit status"): 0 done, 1 the catalog has
 * errors or cannot answer (an unknown layer), 2 the command line is wrong; help and --version on
 * every command; a reader that closes stdout ends the command quietly with 0.
 */
import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { COMMANDS, type CommandName } from '../../packages/catalog/src/cli/args.js';
import { cleanFixtures, fixture, lamina, REPO } from './support.js';

test.after(cleanFixtures);

const NAMES = Object.keys(COMMANDS) as CommandName[];

/** A call of each command that is well-formed on the command line and names layer `L`. */
const CALL: Record<CommandName, (layer: string) => string[]> = {
  validate: () => ['validate'],
  gen: () => ['gen', '--check'],
  graph: () => ['graph'],
  explain: (l) => ['explain', l],
  layers: () => ['layers'],
  impact: (l) => ['impact', l],
  cascade: (l) => ['cascade', '--changed', l],
  suggest: () => ['suggest', '--project', join(REPO, 'tests/catalog/projects/real/xh')],
  consume: (l) => ['consume', l],
  status: () => ['status', '--registry', 'http://127.0.0.1:9/lamina'],
  lock: () => ['lock', '--registry', 'http://127.0.0.1:9/lamina'],
  check: () => ['check'],
  new: () => ['new', 'fresh-layer', '--class', 'native-dep'],
  // Each call here fails before writing anything.
  site: () => ['site', '--out', join(tmpdir(), 'lamina-exit-codes-site')],
};

test('every command: --help and `lamina help COMMAND` exit 0 and show the usage, the global options and the exit statuses', async () => {
  for (const name of NAMES) {
    for (const args of [
      [name, '--help'],
      ['help', name],
    ]) {
      const r = await lamina(args);
      assert.is(r.code, 0, args.join(' '));
      assert.match(r.stdout, `Usage: ${COMMANDS[name].usage}`);
      assert.match(r.stdout, '--json');
      assert.match(r.stdout, 'Exit status: 0 done; 1 ');
    }
  }
  const version = await lamina(['--version']);
  assert.is(version.code, 0);
  assert.match(version.stdout, /^lamina \d+\.\d+\.\d+\n$/);
});

test('every command: an unknown option is a usage error (2)', async () => {
  for (const name of NAMES) {
    const r = await lamina([...CALL[name]('zlib'), '--no-such-option', '--root', fixture('good')]);
    assert.is(r.code, 2, `${name}: ${r.stderr}`);
    assert.match(r.stderr, 'unknown option `--no-such-option`');
  }
  const typo = await lamina(['vaildate']);
  assert.is(typo.code, 2);
  assert.match(typo.stderr, 'unknown command `vaildate` (did you mean `validate`?)');
});

test('every command that names a layer: an unknown layer exits 1, with the nearest name', async () => {
  const root = fixture('good');
  for (const name of ['explain', 'impact', 'cascade', 'consume'] as const) {
    const r = await lamina([...CALL[name]('opensl'), '--root', root]);
    assert.is(r.code, 1, `${name}: ${r.stderr}`);
    assert.match(r.stderr, 'no layer `opensl` (did you mean `openssl`?)', name);
  }
});

test('every command on a catalog with errors: exit 1, the diagnostics on stderr', async () => {
  const root = fixture('unknown-reference');
  for (const name of NAMES) {
    const r = await lamina([...CALL[name]('zlib'), '--root', root]);
    assert.is(r.code, 1, `${name}: ${r.stderr}`);
    assert.match(r.stderr, /:\d+:\d+: /, name);
    assert.not.match(r.stderr, /\n\s+at /, name);
  }
});

test('conflicting flags are a usage error (2)', async () => {
  const root = fixture('good');
  assert.is((await lamina(['--json', 'graph', '--format', 'dot', '--root', root])).code, 2);
  assert.is((await lamina(['--json', 'impact', 'zlib', '--format', 'bake', '--root', root])).code, 2);
  assert.is((await lamina(['cascade', '--changed', 'zlib', '--missing', '--root', root])).code, 2);
});

test('a reader that closes stdout early: the command ends quietly with 0 (no EPIPE trace)', async () => {
  const child = spawn(process.execPath, [join(REPO, 'packages/catalog/bin/lamina.js'), 'graph', '--format', 'dot', '--root', REPO], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (c) => (stderr += c));
  child.stdout.destroy();
  const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
  assert.is(code, 0, stderr);
  assert.is(stderr, '');
});

test.run();
