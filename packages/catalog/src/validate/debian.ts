/**
 * Debian package pins: `system_packages` items are `name=version`, the form apt-get takes, so a
 * build installs the version the catalog names or fails. The grammar is Debian Policy's (5.6.1
 * names, 5.6.12 versions), the same expressions as `defs.schema.json#/$defs/debPackageName`,
 * `debVersion` and `pinnedDebPackage` (a test compares them). The JSON Schema checks each item;
 * what it cannot state — one pin per package in a list, as `uniqueItems` compares whole strings —
 * is checked here. Generation checks the grammar again before a pin reaches a RUN line.
 */

/** Two or more lowercase letters, digits, `+`, `-`, `.`, starting alphanumeric. */
export const DEB_PACKAGE_NAME = /^[a-z0-9][a-z0-9+.-]+$/;
/**
 * `[epoch:]upstream[-revision]`: the upstream part starts with a digit and holds letters, digits,
 * `.`, `+`, `~` (and `-` when a revision follows, which is what follows the last `-`). Policy's
 * `:` inside an epoched upstream version is refused: no bookworm package needs it.
 */
export const DEB_VERSION = /^([0-9]+:)?[0-9][A-Za-z0-9.+~]*(-[A-Za-z0-9.+~]+)*$/;

export interface DebPin {
  readonly name: string;
  readonly version: string;
}

/** The pin, or why `spec` is not one (a sentence naming the offending part). */
export function parseDebPin(spec: string): DebPin | { readonly problem: string } {
  const eq = spec.indexOf('=');
  if (eq < 0) {
    return {
      problem: `\`${spec}\` is not pinned: write \`name=version\` as apt-get takes it, e.g. \`curl=7.88.1-10+deb12u15\` (\`apt-cache policy ${spec}\` shows the candidate)`,
    };
  }
  const name = spec.slice(0, eq);
  const version = spec.slice(eq + 1);
  if (!DEB_PACKAGE_NAME.test(name)) {
    return {
      problem: `\`${name}\` is not a Debian package name (two or more lowercase letters, digits, \`+\`, \`-\` or \`.\`, starting with a letter or digit)`,
    };
  }
  if (!DEB_VERSION.test(version)) {
    return {
      problem: `\`${version}\` is not a Debian version \`[epoch:]upstream[-revision]\` (the upstream part starts with a digit; letters, digits, \`.\`, \`+\`, \`~\` and \`-\`)`,
    };
  }
  return { name, version };
}

export interface RepeatedPackage {
  /** Index of the later pin of the package. */
  readonly index: number;
  readonly name: string;
  /** Index of its first pin. */
  readonly first: number;
}

/** Every pin that names a package an earlier pin of the list already named. */
export function repeatedPackages(specs: readonly string[]): RepeatedPackage[] {
  const seen = new Map<string, number>();
  const out: RepeatedPackage[] = [];
  specs.forEach((spec, index) => {
    const eq = spec.indexOf('=');
    const name = eq < 0 ? spec : spec.slice(0, eq);
    const first = seen.get(name);
    if (first === undefined) seen.set(name, index);
    else out.push({ index, name, first });
  });
  return out;
}
