/**
 * The reference implementation's Nickel programs, read from the bare git mirror at test time
 * (never copied into this repository): integration test inputs, the standard library, the
 * examples, and the Nickel code blocks of the manual.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const MIRROR = process.env.NICKEL_MIRROR ?? '/work/.mirror/nickel-lang+nickel/repo';

export function mirrorAvailable(): boolean {
  return existsSync(MIRROR);
}

function git(...args: string[]): string {
  return execFileSync('git', ['-C', MIRROR, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
}

/** The text of every file at HEAD whose path matches, read with one `git cat-file --batch`. */
function readFiles(match: (path: string) => boolean, under?: string): { path: string; text: string }[] {
  const entries = git('ls-tree', '-r', 'HEAD', ...(under ? [under] : []))
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [meta, path] = line.split('\t') as [string, string];
      return { path, blob: meta.split(' ')[2] };
    })
    .filter((e) => match(e.path));
  const out = execFileSync('git', ['-C', MIRROR, 'cat-file', '--batch'], {
    input: entries.map((e) => e.blob).join('\n') + '\n',
    maxBuffer: 1 << 28,
  });
  const files: { path: string; text: string }[] = [];
  let pos = 0;
  for (const e of entries) {
    const nl = out.indexOf(10, pos);
    const size = Number(out.subarray(pos, nl).toString('latin1').split(' ')[2]);
    files.push({ path: e.path, text: out.subarray(nl + 1, nl + 1 + size).toString('utf8') });
    pos = nl + 1 + size + 1;
  }
  return files;
}

export interface CorpusProgram {
  /** Where it comes from: a path, plus `#n` for a manual block or line. */
  id: string;
  text: string;
  /** The reference rejects it with this parse error kind (`ParseError…`). */
  parseError: string | undefined;
}

/**
 * Integration fixtures that other tests import precisely because the reference fails to parse
 * them (checked with the reference; they carry `test.type = 'skip'` and no expected error).
 */
const BROKEN_FIXTURES = new Set([
  'core/tests/integration/inputs/imports/imported/nested_syntax_error2.ncl',
  'core/tests/integration/inputs/imports/imported/unexpected_token.ncl',
  'core/tests/integration/inputs/imports/imported/unexpected_token_buried.ncl',
  'core/tests/integration/inputs/imports/imported/unexpected_token_in_record.ncl',
]);

const FILES = /^(core\/tests\/integration\/inputs\/.*\.ncl|core\/stdlib\/(std|internals)\.ncl|examples\/.*\.ncl)$/;

export function nickelFiles(): CorpusProgram[] {
  return readFiles((f) => FILES.test(f)).map(({ path: id, text }) => {
    const header = text
      .split('\n')
      .filter((l) => l.startsWith('#'))
      .join('\n');
    const expected = /^#\s*error\s*=\s*'(ParseError[^']*)'/m.exec(header)?.[1];
    return { id, text, parseError: expected ?? (BROKEN_FIXTURES.has(id) ? 'ParseError' : undefined) };
  });
}

/**
 * The manual's checked snippets: ```nickel and ```nickel #parse blocks, each line of
 * ```nickel #lines blocks, and REPL inputs whose expected output is a value.
 */
export function manualSnippets(): CorpusProgram[] {
  const out: CorpusProgram[] = [];
  for (const { path: f, text: md } of readFiles((f) => f.endsWith('.md'), 'doc/manual')) {
    const fence = /^([ \t]*)```(nickel[^\n]*)\n([\s\S]*?)^\1```/gm;
    let m: RegExpExecArray | null;
    let n = 0;
    while ((m = fence.exec(md))) {
      const [, indentText = '', infoText = '', bodyText = ''] = m; // the pattern's three groups always match
      const indent = indentText.length;
      const info = infoText.trim();
      const body = bodyText
        .split('\n')
        .map((l) => l.slice(Math.min(indent, l.length - l.trimStart().length)))
        .join('\n');
      const add = (text: string) => out.push({ id: `${f}#${++n}`, text, parseError: undefined });
      if (info === 'nickel' || info === 'nickel #parse') add(body);
      else if (info === 'nickel #lines')
        body
          .split('\n')
          .filter((l) => l.trim())
          .forEach(add);
      else if (info === 'nickel #repl') {
        for (const piece of body.replace(/\r\n/g, '\n').split('\n\n')) {
          if (!piece.startsWith('>')) continue;
          const lines = piece.slice(1).split(/(?<=\n)/);
          let split = lines.findIndex((l) => !l.startsWith(' '));
          if (split < 0) split = lines.length;
          const result = lines.slice(split).join('');
          if (result === '' || result.startsWith('error:')) continue; // bindings, errors
          add(lines.slice(0, split).join(''));
        }
      }
    }
  }
  return out;
}
