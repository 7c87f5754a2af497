/**
 * CommonJS dependencies that only some commands use, loaded on their first use rather than when
 * the library is imported: the library's entry point re-exports `suggest` and the ADR checks, so
 * importing them statically made every command pay for them (semver alone, through Node's ESM
 * loader: ~40 ms of each `lamina validate` and `lamina gen`).
 */
import { createRequire } from 'node:module';

type Semver = typeof import('semver');
type Picomatch = typeof import('picomatch');

const require = createRequire(import.meta.url);
let semverModule: Semver | undefined;
let picomatchModule: Picomatch | undefined;

export function semver(): Semver {
  return (semverModule ??= require('semver') as Semver);
}

export function picomatch(): Picomatch {
  return (picomatchModule ??= require('picomatch') as Picomatch);
}
