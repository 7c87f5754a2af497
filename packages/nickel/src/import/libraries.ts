/**
 * The YAML and TOML libraries, loaded on first use: most programs never read or write either
 * format, and loading both costs about 100 ms of start-up. Both packages ship a CommonJS build
 * for Node, so a synchronous `require` works where a dynamic `import()` could not. Node's crypto
 * module is loaded the same way: only `std.hash` needs it, and importing it costs every run ~4 ms.
 */
import { createRequire } from 'node:module';

type YamlLib = typeof import('yaml');
type TomlLib = typeof import('smol-toml');
type CryptoLib = typeof import('node:crypto');

const require = createRequire(import.meta.url);
let yaml: YamlLib | undefined;
let toml: TomlLib | undefined;
let crypto: CryptoLib | undefined;

export function yamlLib(): YamlLib {
  return (yaml ??= require('yaml') as YamlLib);
}

export function tomlLib(): TomlLib {
  return (toml ??= require('smol-toml') as TomlLib);
}

export function cryptoLib(): CryptoLib {
  return (crypto ??= require('node:crypto') as CryptoLib);
}
