/**
 * The YAML and TOML libraries, loaded on first use: most programs never read or write either
 * format, and loading them is a large share of a short run (bench/nickel/REALWORLD.md). Both
 * packages ship a CommonJS build for Node, so a synchronous `require` works where a dynamic
 * `import()` could not. Node's crypto module is loaded the same way: only `std.hash` needs it.
 * Even node:module waits for first use: loading it costs every run a millisecond.
 */

type YamlLib = typeof import('yaml');
type TomlLib = typeof import('smol-toml');
type CryptoLib = typeof import('node:crypto');

let requireHere: NodeJS.Require | undefined;
const require = (id: string): unknown => (requireHere ??= process.getBuiltinModule('node:module').createRequire(import.meta.url))(id);
let yaml: YamlLib | undefined;
let toml: TomlLib | undefined;
let crypto: CryptoLib | undefined;

/** Both libraries at once, as the CLI's launcher provides them. */
export interface DataLibraries {
  readonly yaml: YamlLib;
  readonly toml: TomlLib;
}

let provided: (() => DataLibraries) | undefined;

/**
 * Where the CLI takes the libraries from instead of `require`: one bundle compiled from V8's code
 * cache (cli/code-cache.ts), a fraction of requiring the yaml package (bench/nickel/REALWORLD.md).
 */
export function provideDataLibraries(load: () => DataLibraries): void {
  let loaded: DataLibraries | undefined;
  provided = () => (loaded ??= load());
}

export function yamlLib(): YamlLib {
  return (yaml ??= provided ? provided().yaml : (require('yaml') as YamlLib));
}

export function tomlLib(): TomlLib {
  return (toml ??= provided ? provided().toml : (require('smol-toml') as TomlLib));
}

export function cryptoLib(): CryptoLib {
  return (crypto ??= process.getBuiltinModule('node:crypto'));
}
