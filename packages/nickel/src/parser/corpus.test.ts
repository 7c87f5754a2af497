import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { manualSnippets, mirrorAvailable, nickelFiles, type CorpusProgram } from './test-support/reference-corpus.js';
import { parseFailure } from './test-support/helpers.js';

/** Parses every program; returns the ones whose outcome differs from the reference's. */
function check(programs: CorpusProgram[]): { accepted: number; shouldAccept: number; rejected: number; shouldReject: number; wrong: string[] } {
  const r = { accepted: 0, shouldAccept: 0, rejected: 0, shouldReject: 0, wrong: [] as string[] };
  for (const prog of programs) {
    const err = parseFailure(prog.text);
    if (prog.parseError) {
      r.shouldReject++;
      if (err?.kind.startsWith('ParseError')) r.rejected++;
      else r.wrong.push(`${prog.id}: the reference rejects it (${prog.parseError})`);
      if (err && prog.parseError !== 'ParseError' && err.kind !== prog.parseError) {
        r.wrong.push(`${prog.id}: expected ${prog.parseError}, got ${err.kind}`);
      }
    } else {
      r.shouldAccept++;
      if (!err) r.accepted++;
      else r.wrong.push(`${prog.id}: ${err.kind}: ${err.message}`);
    }
  }
  return r;
}

if (mirrorAvailable()) {
  test('the reference integration inputs, stdlib and examples', () => {
    const r = check(nickelFiles());
    console.log(`  reference .ncl files: accepted ${r.accepted}/${r.shouldAccept}, rejected ${r.rejected}/${r.shouldReject}`);
    assert.equal(r.wrong, []);
    assert.ok(r.shouldAccept > 300);
  });

  test("the manual's Nickel snippets", () => {
    const r = check(manualSnippets());
    console.log(`  manual snippets: accepted ${r.accepted}/${r.shouldAccept}`);
    assert.equal(r.wrong, []);
    assert.ok(r.shouldAccept > 100);
  });
} else {
  test('reference corpus (skipped: no git mirror)', () => {});
}

test.run();
