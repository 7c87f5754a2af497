/**
 * Putting generated files on disk, or comparing them with what is there. Writes are atomic
 * (a temporary file in the same folder, then rename), a file whose bytes are unchanged is not
 * touched, and a file the previous generation wrote that is no longer produced (the Dockerfile of
 * a removed layer) is deleted — only those: what generation wrote is listed in a manifest
 * (manifest.ts), so a file someone else put in generated/ is never touched. `check` does the same
 * comparison in memory and changes nothing.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export interface Outcome {
  written: string[];
  removed: string[];
  stale: string[];
  unchanged: number;
}

/** What is known of the files on disk without reading them (gen's stamp, stamp.ts). */
export interface KnownOnDisk {
  /** Files known to hold already what would be generated: not rendered, not read, not removed. */
  readonly kept?: ReadonlySet<string>;
  /** The sha256 of a file on disk when its size and time vouch for it, else undefined (then it is read). */
  digest?(rel: string): string | undefined;
}

/**
 * `files`: root-relative path → content. `previous`: the files the last generation wrote (a file
 * there that `files` lacks is removed, or stale under `check`).
 */
export function sync(root: string, files: ReadonlyMap<string, string>, previous: readonly string[], check: boolean, known: KnownOnDisk = {}): Outcome {
  const out: Outcome = { written: [], removed: [], stale: [], unchanged: 0 };
  // Folders already made in this run: one mkdir per folder, not one per file.
  const made = new Set<string>();
  // What each folder holds, listed once: a file that is not there is not read (a failed read
  // costs a thrown error; 1,000 of them were a third of writing a new catalog's Dockerfiles).
  const listed = new Map<string, ReadonlySet<string>>();
  const exists = (abs: string): boolean => {
    const dir = dirname(abs);
    let names = listed.get(dir);
    if (names === undefined) {
      try {
        names = new Set(readdirSync(dir));
      } catch {
        names = new Set();
      }
      listed.set(dir, names);
    }
    return names.has(basename(abs));
  };
  for (const rel of [...files.keys()].sort()) {
    const content = Buffer.from(files.get(rel)!, 'utf8');
    const abs = join(root, rel);
    const vouched = known.digest?.(rel);
    if (vouched !== undefined && vouched === createHash('sha256').update(content).digest('hex')) {
      out.unchanged++;
      continue;
    }
    let current: Buffer | undefined;
    try {
      current = exists(abs) ? readFileSync(abs) : undefined;
    } catch {
      current = undefined;
    }
    if (current?.equals(content)) {
      out.unchanged++;
      continue;
    }
    if (check) {
      out.stale.push(rel);
      continue;
    }
    writeAtomic(abs, content, made);
    out.written.push(rel);
  }
  out.unchanged += known.kept?.size ?? 0;
  for (const rel of [...previous].sort()) {
    if (files.has(rel) || known.kept?.has(rel) || !exists(join(root, rel))) continue;
    if (check) out.stale.push(rel);
    else {
      rmSync(join(root, rel), { force: true });
      out.removed.push(rel);
    }
  }
  out.stale.sort();
  return out;
}

let counter = 0;

export function writeAtomic(abs: string, content: Buffer | string, madeDirs?: Set<string>): void {
  const dir = dirname(abs);
  if (!madeDirs?.has(dir)) {
    mkdirSync(dir, { recursive: true });
    madeDirs?.add(dir);
  }
  const tmp = `${abs}.tmp-${process.pid}-${counter++}`;
  try {
    writeFileSync(tmp, content);
    renameSync(tmp, abs);
  } catch (e) {
    try {
      unlinkSync(tmp);
    } catch {
      // already gone
    }
    throw e;
  }
}
