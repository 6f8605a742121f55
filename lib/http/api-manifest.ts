import * as auth from '../auth/endpoints';
import * as catalogue from '../catalogue/endpoints';
import * as chat from '../chat/endpoints';
import * as collection from '../collection/endpoints';
import * as files from '../files/endpoints';
import * as health from '../health/endpoints';
import * as resources from '../resources/endpoints';
import * as search from '../search/endpoints';
import * as tags from '../tags/endpoints';
import * as tracks from '../tracks/endpoints';
import * as users from '../users/endpoints';
import * as voice from '../voice/endpoints';
import { fullPath, type Endpoint, type HttpMethod } from './endpoint';

/** Every endpoint the server answers. A route file whose endpoint is missing here is a test failure. */
export const endpoints: Endpoint[] = [
  ...Object.values(health),
  ...Object.values(auth),
  ...Object.values(users),
  ...Object.values(catalogue),
  ...Object.values(collection),
  ...Object.values(files),
  ...Object.values(resources),
  ...Object.values(search),
  ...Object.values(tags),
  ...Object.values(tracks),
  ...Object.values(chat),
  ...Object.values(voice),
];

interface CompiledPath {
  template: string;
  pattern: RegExp;
  methods: Set<HttpMethod>;
}

function compile(list: Endpoint[]): CompiledPath[] {
  const byPath = new Map<string, CompiledPath>();
  for (const e of list) {
    const template = fullPath(e);
    let entry = byPath.get(template);
    if (!entry) {
      const source = template
        .split('/')
        .map((seg) => (/^\{.+\}$/.test(seg) ? '[^/]+' : seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
        .join('/');
      entry = { template, pattern: new RegExp(`^${source}/?$`), methods: new Set() };
      byPath.set(template, entry);
    }
    entry.methods.add(e.method);
  }
  return [...byPath.values()];
}

const compiled = compile(endpoints);

/** How Next.js ranks routes: a static segment beats a dynamic one, segment by segment. */
function specificity(template: string): string {
  return template
    .split('/')
    .map((seg) => (/^\{.+\}$/.test(seg) ? '1' : '0'))
    .join('');
}

/**
 * The methods a path answers (HEAD and OPTIONS implied), or null for an unknown path. When several
 * templates match (`/users/password` and `/users/{id}`), the one Next.js routes to decides.
 */
export function methodsFor(pathname: string): Set<HttpMethod> | null {
  const best = routedTo(pathname);
  return best ? new Set(best.methods) : null;
}

function routedTo(pathname: string): CompiledPath | undefined {
  let best: CompiledPath | undefined;
  for (const c of compiled) {
    if (!c.pattern.test(pathname)) continue;
    if (!best || specificity(c.template) < specificity(best.template)) best = c;
  }
  return best;
}

/** The endpoint path template (`/api/v1/tracks/{id}/audio`) Next.js routes a path to, or null. */
export function templateFor(pathname: string): string | null {
  return routedTo(pathname)?.template ?? null;
}
