/**
 * What generation refuses before rendering anything. The JSON Schema leaves some strings free
 * (build flags, environment values, labels, custom build commands, install targets); quoting
 * (quote.ts) makes every character of them literal except a line break, which would end the
 * Dockerfile instruction and start another one. So every string of a layer that reaches a
 * generated file is checked here, and a hostile or accidental control character is an error
 * naming the field — generation then writes nothing.
 *
 * Debian package pins are held to Debian's grammar here too (not only by the schema): they are
 * the words of an `apt-get install` line, and anything but `name=version` there would either
 * install an unpinned package or be read by apt or bash as something else (an option, a second
 * command), so a catalog assembled without validation cannot slip one through either.
 */
import { diagnostic, type Diagnostic, type Layer } from '../model/index.js';
import { parseDebPin } from '../validate/debian.js';
import { describeCharacter, unsafeCharacter } from './quote.js';

/** Fields that are documentation only: never rendered into a generated file. */
const NOT_RENDERED = new Set(['doc', 'source.provenance', 'serves', 'translations']);

/** Bake group names; a target of the same name would be ambiguous. */
export const GROUP_NAMES: readonly string[] = ['default', 'toolchain', 'source-dep', 'native-dep'];

/** Label keys generation sets itself (a layer's `labels` cannot override them). */
export const RESERVED_LABEL_PREFIXES: readonly string[] = ['online.librecloud.lamina.', 'org.opencontainers.image.'];

export function checkLayer(layer: Layer): Diagnostic[] {
  const out: Diagnostic[] = [];
  const buildFile = `${layer.dir}/build_directives.ncl`;
  const workflowFile = `${layer.dir}/workflow.ncl`;
  const bad = (file: string, field: string, reason: string): void => {
    out.push(diagnostic('generate/unsafe-value', { file }, { field, reason }));
  };

  scan(layer.directives, '', (field, value) => {
    const ch = unsafeCharacter(value);
    if (ch !== undefined)
      bad(buildFile, field, `contains ${describeCharacter(ch)}; a value written into a Dockerfile must be a single line without control characters`);
  });
  scan(layer.workflow, '', (field, value) => {
    const ch = unsafeCharacter(value);
    if (ch !== undefined)
      bad(workflowFile, field, `contains ${describeCharacter(ch)}; a value written into the bake file must be a single line without control characters`);
  });

  const d = layer.directives;
  d.system_packages.forEach((spec, i) => {
    const pin = parseDebPin(spec);
    if ('problem' in pin) bad(buildFile, `system_packages[${i}]`, `${pin.problem}; only pinned Debian packages reach an apt-get install line`);
  });
  for (const key of Object.keys(d.labels)) {
    if (RESERVED_LABEL_PREFIXES.some((p) => key.startsWith(p))) {
      bad(
        buildFile,
        `labels.${key}`,
        `labels under ${RESERVED_LABEL_PREFIXES.map((p) => `\`${p}\``).join(' and ')} are set by lamina (layer name, class, fingerprint, title, version)`,
      );
    }
  }
  if (d.class === 'native-dep') {
    d.build.commands.forEach((cmd, i) => {
      // A trailing backslash would continue the RUN instruction into the next line of the file.
      if (/\\\s*$/.test(cmd)) bad(buildFile, `build.commands[${i}]`, 'ends with a backslash, which would join the next Dockerfile instruction to this command');
    });
    if (d.build.system === 'custom' && d.build.commands.length === 0) bad(buildFile, 'build.commands', 'a `custom` build needs at least one command');
    if (!Number.isSafeInteger(d.source.strip_components) || d.source.strip_components < 0) {
      bad(buildFile, 'source.strip_components', 'must be a non-negative integer');
    }
  }
  if (d.class === 'toolchain' && layer.workflow.runtime_base !== layer.workflow.build_base) {
    bad(workflowFile, 'runtime_base', 'a toolchain is installed into its base, so runtime_base must be the same as build_base');
  }
  if (d.class === 'toolchain' && d.toolchain.installer && d.toolchain.kind === 'cc') {
    bad(
      buildFile,
      'toolchain.installer',
      'a `cc` toolchain comes from the distribution packages (system_packages); an installer is supported for `rust` and `node`',
    );
  }
  if (GROUP_NAMES.includes(layer.name)) {
    bad(workflowFile, 'name', `\`${layer.name}\` is the name of a bake group (${GROUP_NAMES.join(', ')}); choose another layer name`);
  }
  return out;
}

/** Calls `visit` with every string in `value` that a generated file may contain, and its field path. */
function scan(value: unknown, path: string, visit: (field: string, value: string) => void): void {
  if (typeof value === 'string') {
    visit(path === '' ? '(value)' : path, value);
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => scan(v, `${path}[${i}]`, visit));
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const field = path === '' ? k : `${path}.${k}`;
      if (NOT_RENDERED.has(field)) continue;
      // Keys are rendered too (environment names, label keys).
      const ch = unsafeCharacter(k);
      if (ch !== undefined) visit(`${path === '' ? '' : path + '.'}(key ${JSON.stringify(k)})`, k);
      scan(v, field, visit);
    }
  }
}
