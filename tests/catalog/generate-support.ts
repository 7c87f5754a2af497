/**
 * Support for the generation tests: temporary copies of a catalog with its templates, and the
 * Dockerfile lint — the rules build engineers enforce, checked with a real Dockerfile parser
 * (dockerfile-ast) on every generated file. A rule returns `line: message` strings; an empty list
 * means the Dockerfile passes.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import type * as DockerfileAst from 'dockerfile-ast';
import { fixture, REPO } from './support.js';

/** Dev dependencies of @lamina/catalog, resolved from that package (tests/ has no node_modules). */
export const requireFromCatalog = createRequire(join(REPO, 'packages/catalog/package.json'));
const { DockerfileParser } = requireFromCatalog('dockerfile-ast') as typeof DockerfileAst;
type Instruction = DockerfileAst.Instruction;

const made: string[] = [];

/** A temporary copy of the repository's catalog (layers, schemas, templates, generated output). */
export function repoCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'lamina-gen-'));
  made.push(dir);
  for (const sub of ['layers', 'schemas', 'templates', 'generated']) cpSync(join(REPO, sub), join(dir, sub), { recursive: true });
  return dir;
}

/** A fixture catalog (tests/catalog/fixtures/<name>) with the repository's templates beside it. */
export function fixtureWithTemplates(name: string): string {
  const dir = fixture(name);
  cpSync(join(REPO, 'templates'), join(dir, 'templates'), { recursive: true });
  return dir;
}

export function cleanCopies(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export interface LintExpectations {
  layer: string;
  class: 'toolchain' | 'source-dep' | 'native-dep';
  fingerprint: string;
  /** Source-dep layers with sccache enabled: the secret id carrying the credentials. */
  sccacheSecret?: string;
  /** Native-dep: the install prefix, the only thing the artifact stage holds. */
  prefix?: string;
}

/** A reference to another image must name its registry and a tag (never `latest`). */
const QUALIFIED = /^[a-z0-9][a-z0-9.-]*(:[0-9]+)?\/[a-z0-9._/-]+:[A-Za-z0-9_][A-Za-z0-9_.-]*(@sha256:[0-9a-f]{64})?$/;
const CREDENTIAL_NAME = /(SECRET|PASSWORD|PASSWD|TOKEN|ACCESS_KEY|PRIVATE_KEY|CREDENTIAL|API_KEY|AWS_)/i;

export function lintDockerfile(text: string, expect: LintExpectations): string[] {
  const problems: string[] = [];
  const df = DockerfileParser.parse(text);
  const at = (i: Instruction, msg: string) => problems.push(`${i.getRange().start.line + 1}: ${msg}`);

  // Pinned frontend syntax, first line.
  const syntax = df.getDirectives().find((d) => d.getName() === 'syntax');
  if (!syntax || !/^docker\/dockerfile:1\.\d+(\.\d+)?$/.test(syntax.getValue())) problems.push('1: `# syntax=docker/dockerfile:1.x` missing or not pinned');
  if (!text.startsWith('# syntax=')) problems.push('1: the syntax directive must be the first line');

  const stages: string[] = [];
  let shellPipefail = false;
  let stageEnv = new Map<string, string>();
  let stageArgs = new Set<string>();
  let lastStageStart = 0;
  const instructions = df.getInstructions();
  instructions.forEach((ins, idx) => {
    const kw = ins.getKeyword();
    const args = ins.getArgumentsContent() ?? '';
    switch (kw) {
      case 'ENTRYPOINT':
      case 'CMD':
      case 'EXPOSE':
      case 'HEALTHCHECK':
      case 'ONBUILD':
      case 'ADD':
      case 'USER':
        at(ins, `${kw} is not allowed in a build-artifact layer`);
        break;
      case 'FROM': {
        const parts = ins.getArguments().map((a) => a.getValue());
        const image = parts[0] ?? '';
        if (image !== 'scratch' && !stages.includes(image) && !QUALIFIED.test(image)) at(ins, `FROM ${image}: not fully qualified and tagged`);
        if (/:latest(@|$)/.test(image)) at(ins, `FROM ${image}: tagged latest`);
        if (parts[1]?.toUpperCase() === 'AS' && parts[2]) stages.push(parts[2]);
        shellPipefail = false;
        stageEnv = new Map();
        stageArgs = new Set();
        lastStageStart = idx;
        break;
      }
      case 'SHELL':
        shellPipefail = /"-o",\s*"pipefail"/.test(args) && /^\["\/bin\/(ba)?sh"/.test(args);
        break;
      case 'WORKDIR':
        if (!args.startsWith('/')) at(ins, `WORKDIR ${args} is not absolute`);
        break;
      case 'ENV':
      case 'ARG': {
        const props = kw === 'ENV' ? (ins as unknown as { getProperties(): { getName(): string; getValue(): string | null }[] }).getProperties() : [];
        const names = kw === 'ENV' ? props.map((p) => p.getName()) : [args.split('=')[0]!];
        props.forEach((p) => stageEnv.set(p.getName(), p.getValue() ?? ''));
        if (kw === 'ARG') stageArgs.add(names[0]!);
        for (const n of names) if (CREDENTIAL_NAME.test(n)) at(ins, `${kw} ${n}: credentials travel only as secret mounts`);
        break;
      }
      case 'COPY': {
        for (const f of flagsOf(ins)) {
          if (f.getName() !== 'from') continue;
          const from = f.getValue() ?? '';
          if (!stages.includes(from) && !QUALIFIED.test(from)) at(ins, `COPY --from=${from}: not a stage and not fully qualified and tagged`);
        }
        break;
      }
      case 'RUN':
        lintRun(ins, args, { shellPipefail, stageEnv, stageArgs, expect }, at);
        break;
    }
  });

  // The final stage carries the layer's labels.
  const labels = new Map<string, string>();
  for (const ins of instructions.slice(lastStageStart)) {
    if (ins.getKeyword() !== 'LABEL') continue;
    for (const p of (ins as unknown as { getProperties(): { getName(): string; getValue(): string | null }[] }).getProperties()) {
      labels.set(p.getName(), unquote(p.getValue() ?? ''));
    }
  }
  if (labels.get('online.librecloud.lamina.layer') !== expect.layer) problems.push(`final stage: label online.librecloud.lamina.layer is not ${expect.layer}`);
  if (labels.get('online.librecloud.lamina.fingerprint') !== expect.fingerprint)
    problems.push('final stage: label online.librecloud.lamina.fingerprint is not the layer fingerprint');
  if (labels.get('online.librecloud.lamina.class') !== expect.class) problems.push(`final stage: label online.librecloud.lamina.class is not ${expect.class}`);
  if (!labels.has('org.opencontainers.image.title') || !labels.has('org.opencontainers.image.version'))
    problems.push('final stage: OCI title/version labels missing');

  if (expect.class === 'native-dep') {
    // The artifact stage holds the install prefix and nothing else.
    for (const ins of instructions.slice(lastStageStart + 1)) {
      const kw = ins.getKeyword();
      if (kw === 'LABEL' || kw === 'ENV') continue;
      const a = ins.getArguments().map((x) => x.getValue());
      const from =
        kw === 'COPY'
          ? flagsOf(ins)
              .find((f) => f.getName() === 'from')
              ?.getValue()
          : undefined;
      if (kw !== 'COPY' || from !== 'build' || a.length !== 2 || a[0] !== expect.prefix || a[1] !== expect.prefix)
        at(ins, `artifact stage may only COPY --from=build ${expect.prefix}`);
    }
  }
  if (expect.class === 'source-dep' && !/cargo chef prepare/.test(text)) problems.push('source-dep: no `cargo chef prepare`');
  if (expect.class === 'source-dep' && !/cargo chef cook/.test(text)) problems.push('source-dep: no `cargo chef cook`');
  return problems;
}

interface RunContext {
  shellPipefail: boolean;
  stageEnv: Map<string, string>;
  stageArgs: Set<string>;
  expect: LintExpectations;
}

function lintRun(ins: Instruction, args: string, ctx: RunContext, at: (i: Instruction, msg: string) => void): void {
  if (!ctx.shellPipefail) at(ins, 'RUN before a SHELL with pipefail in this stage');
  // buildah 1.28: no heredocs, no secret env= mounts.
  if (/<<-?\s*['"]?[A-Za-z_]/.test(args.replace(/'[^']*'/g, "''"))) at(ins, 'heredoc in RUN (buildah 1.28 cannot build it)');
  const mounts = flagsOf(ins)
    .filter((f) => f.getName() === 'mount')
    .map((f) => f.getValue() ?? '');
  for (const m of mounts) {
    if (m.includes('type=secret') && /(^|,)env=/.test(m)) at(ins, 'secret mounted as env= (buildah 1.28 lacks it)');
  }
  if (/\bapt-get install\b/.test(args)) {
    if (!/\bapt-get install\b[^&|;]*\s-y\b/.test(args)) at(ins, 'apt-get install without -y');
    if (!/--no-install-recommends/.test(args)) at(ins, 'apt-get install without --no-install-recommends');
    if (!/apt-get update/.test(args)) at(ins, 'apt-get install without apt-get update in the same RUN');
    if (!/rm -rf \/var\/lib\/apt\/lists\/\*/.test(args)) at(ins, 'apt lists not removed in the same RUN');
  }
  if (/\bapt\s+install\b/.test(args)) at(ins, '`apt install` in a script (apt has no stable CLI); use apt-get');
  for (const words of aptGetInstalls(args)) {
    for (const w of words) {
      if (!PINNED_DEB.test(w)) at(ins, `apt-get install of \`${w}\`: not a pinned Debian package \`name=version\``);
    }
  }
  if (/\b(curl|wget)\s+-/.test(args)) {
    const fetch = args.search(/\b(curl|wget)\s+-/);
    const check = args.indexOf('sha256sum -c');
    if (check < fetch) at(ins, 'download without a sha256 check after it in the same RUN');
    const use = args.slice(fetch).search(/\b(tar -x|chmod \+x|cargo install)/);
    if (use >= 0 && fetch + use < check) at(ins, 'download used before its checksum is verified');
    if (/\b(curl|wget)\b[^&;]*\|\s*(ba)?sh\b/.test(args)) at(ins, 'download piped into a shell');
  }
  if (/cargo chef cook/.test(args)) {
    if (!mounts.some((m) => m.includes('type=cache'))) at(ins, 'cargo chef cook without a cache mount for the registry');
    if (mounts.some((m) => /target=[^,]*\/target(,|$)/.test(m))) at(ins, 'target/ on a mount: the cooked target must stay in the image');
    if (ctx.expect.sccacheSecret !== undefined) {
      if (ctx.stageEnv.get('RUSTC_WRAPPER') !== 'sccache') at(ins, 'cook without ENV RUSTC_WRAPPER=sccache');
      if (ctx.stageEnv.get('CARGO_INCREMENTAL') !== '0') at(ins, 'cook without ENV CARGO_INCREMENTAL=0');
      for (const a of ['SCCACHE_BUCKET', 'SCCACHE_REGION', 'SCCACHE_S3_KEY_PREFIX']) if (!ctx.stageArgs.has(a)) at(ins, `sccache ${a} is not an ARG`);
      if (!mounts.some((m) => m.startsWith('type=secret') && m.includes(`id=${ctx.expect.sccacheSecret}`)))
        at(ins, `cook without the secret mount ${ctx.expect.sccacheSecret}`);
    }
  }
}

/** `name=version` with Debian's name and version grammar (Policy 5.6.1, 5.6.12). */
const PINNED_DEB = /^[a-z0-9][a-z0-9+.-]+=([0-9]+:)?[0-9][A-Za-z0-9.+~]*(-[A-Za-z0-9.+~]+)*$/;
/** apt-get options that take the next word as their value. */
const APT_OPTIONS_WITH_VALUE = new Set(['-o', '--option', '-c', '--config-file', '-t', '--target-release', '--default-release']);

/**
 * The package words of every `apt-get … install …` command in a RUN's script, unquoted. The
 * script is split into shell words (single and double quotes, backslash escapes) and into
 * commands at `&&`, `||`, `;`, `|`; leading `NAME=value` assignments are skipped. Enough for
 * the scripts generation writes (plain or single-quoted words), and strict about the rest: a
 * word the split cannot read as a package is reported as unpinned.
 */
export function aptGetInstalls(script: string): string[][] {
  const out: string[][] = [];
  for (const command of shellCommands(script)) {
    let i = 0;
    while (i < command.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(command[i]!)) i++;
    if (command[i] !== 'apt-get') continue;
    const packages: string[] = [];
    let install = false;
    for (i++; i < command.length; i++) {
      const w = command[i]!;
      if (APT_OPTIONS_WITH_VALUE.has(w)) i++;
      else if (w.startsWith('-')) continue;
      else if (!install && w === 'install') install = true;
      else if (install) packages.push(w);
      else break; // another apt-get command (update, clean...)
    }
    if (install) out.push(packages);
  }
  return out;
}

function shellCommands(script: string): string[][] {
  const commands: string[][] = [[]];
  let word: string | null = null;
  const end = () => {
    if (word !== null) commands[commands.length - 1]!.push(word);
    word = null;
  };
  for (let i = 0; i < script.length; i++) {
    const c = script[i]!;
    if (c === "'") {
      const close = script.indexOf("'", i + 1);
      word = (word ?? '') + script.slice(i + 1, close < 0 ? script.length : close);
      i = close < 0 ? script.length : close;
    } else if (c === '"') {
      let j = i + 1;
      let text = '';
      for (; j < script.length && script[j] !== '"'; j++) text += script[j] === '\\' && j + 1 < script.length ? script[++j] : script[j];
      word = (word ?? '') + text;
      i = j;
    } else if (c === '\\' && i + 1 < script.length) {
      if (script[i + 1] !== '\n') word = (word ?? '') + script[i + 1];
      i++;
    } else if (/\s/.test(c)) {
      end();
    } else if (c === '&' || c === '|' || c === ';') {
      end();
      if (script[i + 1] === c) i++;
      commands.push([]);
    } else {
      word = (word ?? '') + c;
    }
  }
  end();
  return commands.filter((c) => c.length > 0);
}

function flagsOf(ins: Instruction): { getName(): string; getValue(): string | null }[] {
  const withFlags = ins as unknown as { getFlags?(): { getName(): string; getValue(): string | null }[] };
  return withFlags.getFlags ? withFlags.getFlags() : [];
}

function unquote(v: string): string {
  return v.startsWith('"') && v.endsWith('"') ? v.slice(1, -1).replace(/\\(["\\$])/g, '$1') : v;
}
