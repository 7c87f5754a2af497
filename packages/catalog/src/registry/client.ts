/**
 * The OCI distribution API, as much as "is this tag published, and under which digest?" needs:
 * `HEAD /v2/<repository>/manifests/<tag>`, with the authentication registries ask for in their
 * `WWW-Authenticate` challenge — Basic with the user's credentials, or Bearer with a token from
 * the realm they name (anonymous, or with Basic credentials), cached per realm and scope.
 * node:http(s) with kept-alive connections (a third faster per request than fetch on loopback:
 * bench/registry); no npm package for the distribution API is maintained well enough to depend
 * on for these few requests.
 */
import http from 'node:http';
import https from 'node:https';
import { credentialsFor, type Credentials } from './auth.js';

export interface RegistryRef {
  /** `127.0.0.1:5000`, `daoreg.librecloud.online`. */
  readonly host: string;
  /** `lamina/zlib`. */
  readonly repository: string;
  readonly tag: string;
  /** `http` only when asked for (a loopback or in-cluster registry without TLS). */
  readonly scheme: 'https' | 'http';
}

export type Lookup = { readonly state: 'built'; readonly digest: string } | { readonly state: 'missing' };

export class RegistryError extends Error {
  constructor(
    message: string,
    /** `unreachable`, `unauthorized`, `protocol`. */
    readonly kind: 'unreachable' | 'unauthorized' | 'protocol',
  ) {
    super(message);
    this.name = 'RegistryError';
  }
}

/** What a manifest lookup accepts: image indexes and manifests, OCI and Docker. */
const ACCEPT = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.docker.distribution.manifest.v2+json',
].join(', ');

export class RegistryClient {
  private readonly tokens = new Map<string, Promise<string>>();
  /** Basic credentials a host asked for once: sent up front from then on. */
  private readonly basicAuth = new Map<string, string>();

  constructor(
    private readonly opts: {
      /** Credentials by registry host (default: docker's config.json / REGISTRY_AUTH_FILE). */
      readonly credentials?: (host: string) => Credentials | undefined;
      readonly timeoutMs?: number;
    } = {},
  ) {}

  /** Whether `ref` is published, and its digest. */
  async lookup(ref: RegistryRef): Promise<Lookup> {
    const url = `${ref.scheme}://${ref.host}/v2/${ref.repository}/manifests/${encodeURIComponent(ref.tag)}`;
    let auth = this.basicAuth.get(ref.host);
    for (let attempt = 0; attempt < 2; attempt++) {
      const res = await this.request(url, 'HEAD', { Accept: ACCEPT, ...(auth ? { Authorization: auth } : {}) }, ref.host);
      if (res.status === 200) {
        const digest = res.header('docker-content-digest');
        if (!digest) throw new RegistryError(`${ref.host} answered ${ref.repository}:${ref.tag} without a Docker-Content-Digest header`, 'protocol');
        return { state: 'built', digest };
      }
      if (res.status === 404) return { state: 'missing' };
      if (res.status === 401 && attempt === 0) {
        auth = await this.authorize(ref, res.header('www-authenticate') ?? '');
        continue;
      }
      if (res.status === 401 || res.status === 403) {
        throw new RegistryError(
          `${ref.host} refused ${ref.repository}:${ref.tag} (HTTP ${res.status}): check the credentials for ${ref.host} (docker login, or REGISTRY_AUTH_FILE)`,
          'unauthorized',
        );
      }
      throw new RegistryError(`${ref.host} answered HTTP ${res.status} for ${ref.repository}:${ref.tag}`, 'protocol');
    }
    throw new RegistryError(`${ref.host}: authentication did not settle`, 'unauthorized');
  }

  private async authorize(ref: RegistryRef, challenge: string): Promise<string> {
    const creds = (this.opts.credentials ?? credentialsFor)(ref.host);
    const basic = creds ? `Basic ${Buffer.from(`${creds.username}:${creds.password}`).toString('base64')}` : undefined;
    const scheme = challenge.slice(0, challenge.indexOf(' ')).toLowerCase();
    if (scheme === 'basic') {
      if (!basic)
        throw new RegistryError(
          `${ref.host} requires authentication and no credentials for it were found (docker login ${ref.host}, or REGISTRY_AUTH_FILE)`,
          'unauthorized',
        );
      this.basicAuth.set(ref.host, basic);
      return basic;
    }
    if (scheme !== 'bearer')
      throw new RegistryError(`${ref.host} asks for an authentication scheme lamina does not speak: ${challenge.slice(0, 80)}`, 'unauthorized');
    const params = parseChallenge(challenge);
    const realm = params.realm;
    if (!realm) throw new RegistryError(`${ref.host}: a Bearer challenge without a realm`, 'protocol');
    const scope = params.scope ?? `repository:${ref.repository}:pull`;
    const key = `${realm} ${params.service ?? ''} ${scope} ${basic ?? ''}`;
    let token = this.tokens.get(key);
    if (!token) {
      token = this.fetchToken(realm, params.service, scope, basic, ref.host);
      this.tokens.set(key, token);
    }
    return `Bearer ${await token}`;
  }

  private async fetchToken(realm: string, service: string | undefined, scope: string, basic: string | undefined, host: string): Promise<string> {
    const url = new URL(realm);
    if (service) url.searchParams.set('service', service);
    url.searchParams.set('scope', scope);
    const res = await this.request(url.toString(), 'GET', basic ? { Authorization: basic } : {}, url.host);
    if (res.status !== 200) throw new RegistryError(`the token service of ${host} (${url.host}) answered HTTP ${res.status}`, 'unauthorized');
    let body: { token?: string; access_token?: string };
    try {
      body = JSON.parse(res.body) as typeof body;
    } catch {
      throw new RegistryError(`the token service of ${host} answered something that is not JSON`, 'protocol');
    }
    const token = body.token ?? body.access_token;
    if (!token) throw new RegistryError(`the token service of ${host} gave no token`, 'protocol');
    return token;
  }

  private readonly agents = { http: new http.Agent({ keepAlive: true, maxSockets: 32 }), https: new https.Agent({ keepAlive: true, maxSockets: 32 }) };

  /** Closes the kept-alive connections (a finished command does not wait for them to time out). */
  close(): void {
    this.agents.http.destroy();
    this.agents.https.destroy();
  }

  private request(url: string, method: string, headers: Record<string, string>, host: string, redirects = 3): Promise<Answer> {
    const target = new URL(url);
    const mod = target.protocol === 'http:' ? http : https;
    return new Promise<Answer>((resolve, reject) => {
      const req = mod.request(
        target,
        { method, headers, agent: target.protocol === 'http:' ? this.agents.http : this.agents.https, timeout: this.opts.timeoutMs ?? 15_000 },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const status = res.statusCode ?? 0;
            const location = res.headers.location;
            if (status >= 300 && status < 400 && location && redirects > 0) {
              resolve(this.request(new URL(location, target).toString(), method, headers, host, redirects - 1));
              return;
            }
            const header = (name: string): string | null => {
              const v = res.headers[name];
              return v === undefined ? null : Array.isArray(v) ? v.join(', ') : v;
            };
            resolve({ status, header, body: Buffer.concat(chunks).toString('utf8') });
          });
          res.on('error', reject);
        },
      );
      req.on('timeout', () => req.destroy(Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' })));
      req.on('error', (e: NodeJS.ErrnoException) => reject(new RegistryError(`registry ${host} is not reachable: ${e.code ?? e.message}`, 'unreachable')));
      req.end();
    });
  }
}

interface Answer {
  readonly status: number;
  header(name: string): string | null;
  readonly body: string;
}

/** `Bearer realm="https://auth",service="registry",scope="repository:x:pull"` → its parameters. */
export function parseChallenge(challenge: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of challenge.slice(challenge.indexOf(' ') + 1).matchAll(/(\w+)="([^"]*)"|(\w+)=([^,\s]+)/g)) {
    const name = m[1] ?? m[3];
    const value = m[2] ?? m[4];
    if (name !== undefined && value !== undefined) out[name.toLowerCase()] = value;
  }
  return out;
}

/**
 * `registry.example/lamina/zlib:fp-…` → host, repository, tag. `http://host/…` keeps plain HTTP;
 * a reference without a scheme is HTTPS, as docker assumes.
 */
export function parseRef(ref: string): RegistryRef {
  const [, scheme, host, repository, tag] = /^(?:(https?):\/\/)?([^/]+)\/(.+):([A-Za-z0-9_][A-Za-z0-9_.-]{0,127})$/.exec(ref) ?? [];
  if (host === undefined || repository === undefined || tag === undefined) {
    throw new RegistryError(`not an image reference with a registry and a tag: ${ref}`, 'protocol');
  }
  return { scheme: scheme === 'http' ? 'http' : 'https', host, repository, tag };
}
