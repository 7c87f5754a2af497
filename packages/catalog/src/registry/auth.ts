/**
 * Registry credentials where docker, podman, buildah and skopeo keep them: the file named by
 * REGISTRY_AUTH_FILE (containers' auth.json), else `$DOCKER_CONFIG/config.json`, else
 * `~/.docker/config.json`. Both use `{ "auths": { "<host>": { "auth": base64("user:password") } } }`;
 * credential helpers (`credsStore`) are not run.
 */
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export interface Credentials {
  readonly username: string;
  readonly password: string;
}

export function authFile(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.REGISTRY_AUTH_FILE) return env.REGISTRY_AUTH_FILE;
  const docker = join(env.DOCKER_CONFIG ?? join(homedir(), '.docker'), 'config.json');
  return existsSync(docker) ? docker : undefined;
}

export function credentialsFor(host: string, env: NodeJS.ProcessEnv = process.env): Credentials | undefined {
  const file = authFile(env);
  if (!file) return undefined;
  let auths: Record<string, { auth?: string; username?: string; password?: string }>;
  try {
    auths = (JSON.parse(readFileSync(file, 'utf8')) as { auths?: typeof auths }).auths ?? {};
  } catch {
    return undefined;
  }
  // Keys are a host, a host with a path, or docker's legacy `https://host/v1/`.
  const entry = Object.entries(auths).find(([k]) => k.replace(/^https?:\/\//, '').replace(/\/.*$/, '') === host)?.[1];
  if (!entry) return undefined;
  if (entry.auth) {
    const text = Buffer.from(entry.auth, 'base64').toString('utf8');
    const colon = text.indexOf(':');
    if (colon > 0) return { username: text.slice(0, colon), password: text.slice(colon + 1) };
  }
  if (entry.username && entry.password) return { username: entry.username, password: entry.password };
  return undefined;
}
