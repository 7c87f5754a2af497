/**
 * What BuildKit is given to build one layer — the generated Dockerfile, the files of its build
 * context as sent (after the Dockerfile's ignore file), the secret ids, the build arguments and
 * the platforms — which is exactly what its fingerprint hashes (with its parents' fingerprints).
 * The Nickel sources and the templates count only through what they render: a comment, a
 * reformatting or an unused partial changes nothing here.
 */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import dockerignore from '@balena/dockerignore';
import type { Catalog, Diagnostic, Layer } from '../model/index.js';
import { buildArgs, buildSecretIds } from '../generate/bake.js';
import { loadTemplates, TemplateRenderError, type Templates } from '../generate/templates.js';
import { dockerfileView } from '../generate/view.js';
import { canonicalJson } from './canonical.js';
import type { RenderDigest, RenderMemo } from './render-memo.js';
import type { CacheDirOption } from '../cache/files.js';
import { FolderListings } from '../load/listings.js';
import type { FileHashes } from './file-hashes.js';

/**
 * The fingerprint label's value while the fingerprint is computed: a hash cannot contain itself,
 * so the Dockerfile is hashed with this in its place.
 */
export const SELF_FINGERPRINT = 'self';

export interface ContextFile {
  /** Relative to the build context, `/`-separated. */
  readonly path: string;
  /** sha256 of the bytes (of the link's target path for a symbolic link). */
  readonly sha256: string;
}

export interface BuildInput {
  /**
   * The Dockerfile with its own fingerprint label reading SELF_FINGERPRINT (rendered when first
   * read: a fingerprint needs only its digest, which the render memo may already know).
   */
  readonly dockerfile: string;
  /** sha256 and length in bytes of `dockerfile`'s UTF-8. */
  readonly dockerfileDigest: RenderDigest;
  /** True when no Dockerfile can be rendered (broken templates): `dockerfile` then holds the evaluated layer. */
  readonly unrenderable: boolean;
  /** Why it cannot be rendered, as generation would report it (empty when it renders, or when the memo knew it did). */
  readonly renderProblems: readonly Diagnostic[];
  readonly ignoreFile: string;
  readonly context: readonly ContextFile[];
  readonly secretIds: readonly string[];
  readonly args: Readonly<Record<string, string>>;
  readonly platforms: readonly string[];
}

/** Reads the templates once per catalog, when the first layer is fingerprinted. */
export class BuildInputs {
  private templates: Templates | undefined | null = null;
  private templatesKey: string | undefined;
  private templateProblems: readonly Diagnostic[] = [];
  private readonly made = new Map<string, BuildInput>();
  private readonly keys = new Map<string, string>();

  constructor(
    private readonly root: string,
    private readonly hashes: FileHashes,
    private readonly memo: RenderMemo,
    /** Where compiled templates are kept (loadTemplates). */
    private readonly cacheDir: CacheDirOption,
    /** The load's folder listings (build contexts are the layers' folders). */
    private readonly listings?: FolderListings,
  ) {}

  of(catalog: Catalog, layer: Layer): BuildInput {
    let input = this.made.get(layer.name);
    if (input === undefined) this.made.set(layer.name, (input = this.make(catalog, layer)));
    return input;
  }

  private make(catalog: Catalog, layer: Layer): BuildInput {
    const key = this.renderKey(catalog, layer);
    const known = this.memo.get(key);
    let text: string | undefined;
    let unrenderable = false;
    let renderProblems: readonly Diagnostic[] = [];
    const dockerfile = (): string => {
      if (text === undefined) {
        const rendered = this.render(catalog, layer);
        unrenderable = typeof rendered !== 'string';
        if (typeof rendered !== 'string') renderProblems = rendered;
        text = typeof rendered === 'string' ? rendered : canonicalJson({ directives: layer.directives, workflow: layer.workflow });
      }
      return text;
    };
    let dockerfileDigest = known;
    if (dockerfileDigest === undefined) {
      const t = dockerfile();
      dockerfileDigest = { sha256: createHash('sha256').update(t).digest('hex'), bytes: Buffer.byteLength(t) };
      if (!unrenderable) this.memo.set(key, dockerfileDigest);
    }
    const ignoreFile = dockerignoreText(this.root, layer);
    return {
      get dockerfile(): string {
        return dockerfile();
      },
      dockerfileDigest,
      unrenderable,
      renderProblems,
      ignoreFile,
      context: contextFiles(this.root, layer.dir, ignoreFile, this.hashes, this.listings),
      secretIds: buildSecretIds(layer),
      args: buildArgs(layer),
      platforms: layer.workflow.platforms,
    };
  }

  /**
   * What a layer's render depends on (render-memo.ts): the templates, the layer's evaluated values
   * and file names, and its parents' keys — a view reads its ancestors.
   */
  private renderKey(catalog: Catalog, layer: Layer): string {
    const known = this.keys.get(layer.name);
    if (known !== undefined) return known;
    this.keys.set(layer.name, 'cycle');
    const h = createHash('sha256').update(`${this.templateKey()}\n`);
    h.update(canonicalJson({ name: layer.name, directives: layer.directives, workflow: layer.workflow, files: layer.inputFiles }));
    for (const parent of [...catalog.parents(layer.name)].sort()) {
      const p = catalog.layer(parent);
      if (p) h.update(`\nparent ${parent} ${this.renderKey(catalog, p)}`);
    }
    const key = h.digest('hex');
    this.keys.set(layer.name, key);
    return key;
  }

  /**
   * Why a layer's Dockerfile cannot be rendered, as generation reports it; none when it renders
   * (known from the render memo without rendering, when nothing it is rendered from changed).
   */
  renderProblems(catalog: Catalog, layer: Layer): readonly Diagnostic[] {
    if (this.memo.get(this.renderKey(catalog, layer))) return [];
    return this.of(catalog, layer).renderProblems;
  }

  /**
   * The digest of a layer's final Dockerfile (its own fingerprint in its label) when rendered
   * before from the same inputs: the render key and the fingerprint decide it.
   */
  finalDigest(catalog: Catalog, layer: Layer): RenderDigest | undefined {
    return this.memo.get(this.finalKey(catalog, layer));
  }

  /** Records the digest of a layer's final Dockerfile just rendered. */
  finalRendered(catalog: Catalog, layer: Layer, digest: RenderDigest): void {
    this.memo.set(this.finalKey(catalog, layer), digest);
  }

  private finalKey(catalog: Catalog, layer: Layer): string {
    return `final ${this.renderKey(catalog, layer)} ${layer.fingerprint}`;
  }

  /** Whether these exact templates (with the bake file's) compiled and rendered before. */
  templatesKnownGood(): boolean {
    return this.memo.get(`templates ${this.templateKey()}`) !== undefined;
  }

  /** Records that these templates compiled and rendered a whole catalog. */
  templatesGood(): void {
    this.memo.set(`templates ${this.templateKey()}`, { sha256: 'ok', bytes: 0 });
  }

  /** The templates' bytes, hashed once. */
  private templateKey(): string {
    if (this.templatesKey === undefined) {
      const h = createHash('sha256');
      for (const rel of templateFiles(this.root)) h.update(`${rel} ${this.hashes.hash(rel) ?? 'unreadable'}\n`);
      this.templatesKey = h.digest('hex');
    }
    return this.templatesKey;
  }

  /** The rendered text, or why there is none (as generation reports it). */
  private render(catalog: Catalog, layer: Layer): string | readonly Diagnostic[] {
    if (this.templates === null) {
      const loaded = loadTemplates(this.root, this.cacheDir);
      this.templates = loaded.ok ? loaded.templates : undefined;
      this.templateProblems = loaded.ok ? [] : loaded.diagnostics;
    }
    if (!this.templates) return this.templateProblems;
    try {
      return this.templates.dockerfile[layer.class](dockerfileView(catalog, layer, SELF_FINGERPRINT));
    } catch (e) {
      // A template that fails on this layer: the layer is not buildable, and gen says why.
      return e instanceof TemplateRenderError ? [e.diagnostic] : [];
    }
  }
}

/** Every template file a render may read, relative to the root, sorted. */
function templateFiles(root: string): string[] {
  const out: string[] = [];
  for (const dir of ['templates', 'templates/dockerfile', 'templates/dockerfile/partials']) {
    try {
      for (const name of readdirSync(join(root, dir)).sort()) if (name.endsWith('.hbs')) out.push(`${dir}/${name}`);
    } catch {
      // none
    }
  }
  return out;
}

/**
 * The ignore file generated beside a layer's Dockerfile. BuildKit reads it instead of the
 * context's `.dockerignore`, so the layer's own patterns are carried over; the Nickel files are
 * never sent (lamina renders them, no Dockerfile copies them).
 */
export function dockerignoreText(root: string, layer: Layer): string {
  let own = '';
  // The layer's files were listed when it was found: most layers have none, and a failed read
  // costs a thrown error.
  if (layer.inputFiles.includes(`${layer.dir}/.dockerignore`)) {
    try {
      own = readFileSync(join(root, layer.dir, '.dockerignore'), 'utf8');
    } catch {
      // none
    }
  }
  const lines = [
    "# Generated by lamina: what of the layer's folder the builder is sent.",
    ...(own === '' ? [] : ['# From its .dockerignore:', ...own.replace(/\r\n/g, '\n').replace(/\n+$/, '').split('\n')]),
    '# The Nickel sources are rendered by lamina, never copied into an image:',
    '**/*.ncl',
  ];
  return lines.join('\n') + '\n';
}

// Most layers share one ignore file's text: its matcher is compiled once.
const matchers = new Map<string, (path: string) => boolean>();

function ignores(ignoreFile: string): (path: string) => boolean {
  let m = matchers.get(ignoreFile);
  if (m === undefined) {
    // A CommonJS module whose types declare an ES default: `.default` is the same function.
    const ig = dockerignore.default().add(ignoreFile.split('\n'));
    matchers.set(ignoreFile, (m = (path) => ig.ignores(path)));
  }
  return m;
}

/** The files of a build context that an ignore file lets through, sorted by path. */
export function contextFiles(
  root: string,
  dir: string,
  ignoreFile: string,
  hashes: FileHashes,
  listings: FolderListings = new FolderListings(),
): ContextFile[] {
  const ignored = ignores(ignoreFile);
  const out: ContextFile[] = [];
  const walk = (rel: string): void => {
    const entries = listings.list(join(root, dir, rel));
    if (entries === undefined) return;
    for (const entry of entries) {
      const path = rel === '' ? entry.name : `${rel}/${entry.name}`;
      if (entry.isDirectory()) walk(path);
      else if (ignored(path)) continue;
      else if (entry.isSymbolicLink()) out.push({ path, sha256: `symlink:${readlinkSync(join(root, dir, path))}` });
      else out.push({ path, sha256: hashes.hash(`${dir}/${path}`) ?? 'unreadable' });
    }
  };
  walk('');
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
