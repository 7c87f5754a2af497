/**
 * buildah as the end-to-end test drives it: a private vfs store under one temporary directory
 * (nothing touches the machine's own images), chroot isolation, never pulling — every base is a
 * stand-in built here or a layer built earlier in the run. No Docker daemon needed.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface BuildRequest {
  dockerfile: string;
  context: string;
  tags: readonly string[];
  secrets?: readonly { id: string; src: string }[];
  /** Host directories mounted into every RUN step (`-v host:container`): logs that stay out of the image. */
  volumes?: readonly { host: string; container: string }[];
  buildContexts?: Readonly<Record<string, string>>;
  buildArgs?: Readonly<Record<string, string>>;
  target?: string;
  /** `--layers`: cache every instruction (slow on vfs: one full commit per instruction). */
  layers?: boolean;
  noCache?: boolean;
}

export interface BuildResult {
  ok: boolean;
  /** stdout and stderr together, for failure messages. */
  output: string;
}

export interface ImageLayers {
  /** Uncompressed layer tarballs, in order, plus the config blob (history, env, labels). */
  layerFiles: string[];
  configFile: string;
  config: {
    config?: { Env?: string[]; Labels?: Record<string, string>; Cmd?: string[]; Entrypoint?: string[] };
    history?: { created_by?: string; comment?: string }[];
  };
}

/** `buildah --version`, or undefined when buildah is not installed. */
export function buildahVersion(): string | undefined {
  const r = spawnSync('buildah', ['--version'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

export class Buildah {
  private readonly storage: string[];
  private readonly env: NodeJS.ProcessEnv;

  constructor(readonly dir: string) {
    mkdirSync(join(dir, 'tmp'), { recursive: true });
    this.storage = ['--root', join(dir, 'storage'), '--runroot', join(dir, 'run'), '--storage-driver', 'vfs'];
    // buildah keeps `RUN --mount=type=cache` directories under $TMPDIR/buildah-cache (default
    // /var/tmp): a private TMPDIR keeps one run's caches from feeding the next.
    this.env = { ...process.env, TMPDIR: join(dir, 'tmp') };
  }

  run(args: readonly string[]): BuildResult & { stdout: string } {
    const r = spawnSync('buildah', [...this.storage, ...args], { encoding: 'utf8', maxBuffer: 1 << 28, env: this.env });
    const output = `${r.stdout ?? ''}${r.stderr ?? ''}${r.error ? String(r.error) : ''}`;
    return { ok: r.status === 0, output, stdout: r.stdout ?? '' };
  }

  build(req: BuildRequest): BuildResult {
    // `--format docker`: buildah honours SHELL only in Docker-format images (with OCI it warns and
    // runs RUN under /bin/sh); BuildKit honours it always, and the generated Dockerfiles set it.
    const args = ['bud', '--format', 'docker', '--isolation', 'chroot', '--pull=never', `--layers=${req.layers === true}`, '-f', req.dockerfile];
    if (req.noCache) args.push('--no-cache');
    for (const t of req.tags) args.push('-t', t);
    for (const s of req.secrets ?? []) args.push('--secret', `id=${s.id},src=${s.src}`);
    for (const v of req.volumes ?? []) args.push('-v', `${v.host}:${v.container}`);
    for (const [name, value] of Object.entries(req.buildContexts ?? {})) args.push('--build-context', `${name}=${value}`);
    for (const [name, value] of Object.entries(req.buildArgs ?? {})) args.push('--build-arg', `${name}=${value}`);
    if (req.target) args.push('--target', req.target);
    args.push(req.context);
    return this.run(args);
  }

  /** The image's OCI config as buildah stores it. */
  inspect(image: string): { OCIv1: ImageLayers['config'] & { rootfs?: { diff_ids?: string[] } }; FromImageID: string; FromImageDigest: string } {
    const r = this.run(['inspect', '--type', 'image', image]);
    if (!r.ok) throw new Error(`buildah inspect ${image}: ${r.output}`);
    return JSON.parse(r.stdout);
  }

  /** Exports the image as an uncompressed OCI layout and names its blobs. */
  export(image: string, into: string): ImageLayers {
    rmSync(into, { recursive: true, force: true });
    mkdirSync(dirname(into), { recursive: true });
    const r = this.run(['push', '--disable-compression', '--quiet', image, `oci:${into}`]);
    if (!r.ok) throw new Error(`buildah push ${image}: ${r.output}`);
    const index = JSON.parse(readFileSync(join(into, 'index.json'), 'utf8'));
    const blob = (digest: string) => join(into, 'blobs', ...digest.split(':'));
    const manifest = JSON.parse(readFileSync(blob(index.manifests[0].digest), 'utf8'));
    return {
      layerFiles: manifest.layers.map((l: { digest: string }) => blob(l.digest)),
      configFile: blob(manifest.config.digest),
      config: JSON.parse(readFileSync(blob(manifest.config.digest), 'utf8')),
    };
  }

  /** Every blob of an exported image (layers, config, manifest, index) that contains `needle`. */
  static blobsContaining(layout: string, needle: string): string[] {
    const hits: string[] = [];
    const walk = (dir: string): void => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        const p = join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (readFileSync(p).includes(needle)) hits.push(p);
      }
    };
    walk(layout);
    return hits;
  }

  /** A file's content in an exported image (the topmost layer holding it), or undefined. */
  static readFile(layers: ImageLayers, path: string): string | undefined {
    for (const file of [...layers.layerFiles].reverse()) {
      for (const name of [path.replace(/^\//, ''), `.${path}`]) {
        const r = spawnSync('tar', ['-xOf', file, name], { encoding: 'utf8', maxBuffer: 1 << 28 });
        if (r.status === 0) return r.stdout;
      }
    }
    return undefined;
  }

  /** The paths an image's filesystem holds (union of its layers, whiteouts applied), sorted. */
  static files(layers: ImageLayers): string[] {
    const present = new Set<string>();
    for (const file of layers.layerFiles) {
      const r = spawnSync('tar', ['-tf', file], { encoding: 'utf8', maxBuffer: 1 << 28 });
      if (r.status !== 0) throw new Error(`tar -tf ${file}: ${r.stderr}`);
      for (const raw of r.stdout.split('\n')) {
        if (!raw) continue;
        const path = '/' + raw.replace(/^\.?\//, '').replace(/\/$/, '');
        const base = path.slice(path.lastIndexOf('/') + 1);
        if (base.startsWith('.wh.')) {
          const gone = path.slice(0, path.lastIndexOf('/') + 1) + base.slice(4);
          for (const p of [...present]) if (p === gone || p.startsWith(gone + '/')) present.delete(p);
        } else if (path !== '/') present.add(path);
      }
    }
    return [...present].sort();
  }
}
