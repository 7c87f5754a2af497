/**
 * The entry of dist/cli/libraries.bundle.cjs (scripts/bundle.mjs): the YAML and TOML libraries as
 * one script, which the CLI loads from V8's code cache the first time a run reads or writes
 * either format (cli/code-cache.ts, import/libraries.ts).
 */
export * as yaml from 'yaml';
export * as toml from 'smol-toml';
