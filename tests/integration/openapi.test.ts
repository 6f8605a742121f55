import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endpoints } from '@/lib/http/api-manifest';
import { fullPath } from '@/lib/http/endpoint';
import { apiClient } from '../helpers/api';
import { startTestApp, type TestApp } from '../helpers/server';

const root = path.resolve(import.meta.dirname, '../..');
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const;

let app: TestApp;
let doc: any;
let res: Awaited<ReturnType<ReturnType<typeof apiClient>['get']>>;

beforeAll(async () => {
  app = await startTestApp();
  res = await apiClient(app).get('/api/v1/openapi.json');
  doc = res.body;
});
afterAll(() => app?.close());

/** `app/api/v1/users/[id]/route.ts` → `/api/v1/users/{id}`; route groups `(x)` are not part of the URL. */
function templateOf(file: string): string {
  const dir = path.relative(path.join(root, 'app'), path.dirname(file)).split(path.sep);
  const segments = dir
    .filter((s) => !/^\(.*\)$/.test(s))
    .map((s) => s.replace(/^\[\.{3}(.+)\]$/, '{$1}').replace(/^\[(.+)\]$/, '{$1}'));
  return `/${segments.join('/')}`;
}

/** The HTTP methods a route file exports, read from its source (const, function or destructured exports). */
function exportedMethods(source: string): string[] {
  const found = new Set<string>();
  const alternation = METHODS.join('|');
  for (const m of source.matchAll(new RegExp(`export\\s+(?:const|let|async\\s+function|function)\\s+(${alternation})\\b`, 'g'))) {
    found.add(m[1]!);
  }
  for (const m of source.matchAll(/export\s+(?:const|let)\s*\{([^}]*)\}\s*=/g)) {
    for (const name of m[1]!.split(',').map((s) => s.trim().split(/\s*:\s*/).pop()!)) {
      if ((METHODS as readonly string[]).includes(name)) found.add(name);
    }
  }
  for (const m of source.matchAll(/export\s*\{([^}]*)\}/g)) {
    for (const name of m[1]!.split(',').map((s) => s.trim().split(/\s+as\s+/).pop()!)) {
      if ((METHODS as readonly string[]).includes(name)) found.add(name);
    }
  }
  return [...found].sort();
}

function routeFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return routeFiles(full);
    return /^route\.(ts|tsx|js|mjs)$/.test(e.name) ? [full] : [];
  });
}

/** Every route the code serves: `template → sorted methods`. */
function servedRoutes(files: string[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const file of files) out[templateOf(file)] = exportedMethods(readFileSync(file, 'utf8'));
  return out;
}

function manifestRoutes(filter: (template: string) => boolean): Record<string, string[]> {
  const out: Record<string, Set<string>> = {};
  for (const e of endpoints) {
    const template = fullPath(e);
    if (!filter(template)) continue;
    (out[template] ??= new Set()).add(e.method);
  }
  return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, [...v].sort()]));
}

const sortKeys = (o: Record<string, string[]>) => Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));

describe('GET /api/v1/openapi.json', () => {
  it('GET /api/v1/openapi.json – public, JSON, OpenAPI 3.1 with info, paths and components', () => {
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    expect(doc.info).toMatchObject({ title: expect.any(String), version: expect.any(String) });
    expect(typeof doc.paths).toBe('object');
    expect(doc.components.schemas.ErrorEnvelope).toMatchObject({
      type: 'object',
      required: ['success', 'error', 'error_code', 'timestamp'],
    });
    expect(doc.components.schemas.Pagination).toBeDefined();
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
  });

  it('GET /api/v1/openapi.json – documents exactly the endpoints of the manifest, method by method', () => {
    const documented: Record<string, string[]> = {};
    for (const [p, ops] of Object.entries(doc.paths as Record<string, Record<string, unknown>>)) {
      documented[p] = Object.keys(ops).map((m) => m.toUpperCase()).sort();
    }
    expect(sortKeys(documented)).toEqual(sortKeys(manifestRoutes(() => true)));
    for (const e of endpoints) {
      const op = doc.paths[fullPath(e)][e.method.toLowerCase()];
      expect(op.summary, `${e.method} ${fullPath(e)}`).toBe(e.summary);
      expect(op.tags).toEqual([e.tag]);
      expect(op.responses[String(e.status ?? 200)], `${e.method} ${fullPath(e)}`).toBeDefined();
      // A JSON body or a multipart upload is documented as a request body; nothing else is.
      const upload = (e as { upload?: unknown }).upload;
      expect(Boolean(op.requestBody), `${e.method} ${fullPath(e)} requestBody`).toBe(Boolean(e.body || upload));
      if (e.body) expect(op.requestBody.content['application/json'], `${e.method} ${fullPath(e)}`).toBeDefined();
      if (upload) expect(op.requestBody.content['multipart/form-data'], `${e.method} ${fullPath(e)}`).toBeDefined();
    }
  });

  it('GET /api/v1/openapi.json – covers every Auth, Users and admin users endpoint of the contract', () => {
    const expected = [
      'POST /api/v1/auth/register',
      'POST /api/v1/auth/login',
      'POST /api/v1/auth/refresh',
      'POST /api/v1/auth/logout',
      'GET /api/v1/auth/me',
      'GET /api/v1/users',
      'GET /api/v1/users/except-me',
      'GET /api/v1/users/me',
      'PUT /api/v1/users/me',
      'PUT /api/v1/users/password',
      'GET /api/v1/users/{id}',
      'GET /api/v1/admin/users',
      'GET /api/v1/admin/users/{id}',
      'PUT /api/v1/admin/users/{id}',
      'DELETE /api/v1/admin/users/{id}',
      'GET /api/v1/health',
      'GET /api/v1/openapi.json',
    ];
    for (const entry of expected) {
      const [method, p] = entry.split(' ');
      expect(doc.paths[p!]?.[method!.toLowerCase()], entry).toBeDefined();
    }
  });

  it('GET /api/v1/openapi.json – path parameters, auth, error responses and pagination are described', () => {
    for (const e of endpoints) {
      const template = fullPath(e);
      const op = doc.paths[template][e.method.toLowerCase()];
      const where = `${e.method} ${template}`;
      for (const [, name] of template.matchAll(/\{([^}]+)\}/g)) {
        expect(op.parameters, where).toContainEqual(expect.objectContaining({ name, in: 'path', required: true }));
      }
      if (e.auth === 'public') {
        expect(op.security, where).toEqual([]);
      } else {
        expect(op.security.length, where).toBeGreaterThan(0);
        expect(op.responses['401'], where).toBeDefined();
      }
      if (e.auth === 'admin') {
        expect(op.responses['403'], where).toBeDefined();
        expect(op['x-required-role'], where).toBe('admin');
      }
      for (const code of e.errors ?? []) {
        const described = Object.values(op.responses as Record<string, { description: string }>).some((r) =>
          r.description.split(', ').includes(code),
        );
        expect(described, `${where} documents ${code}`).toBe(true);
      }
      if (e.paginated) {
        const schema = op.responses['200'].content['application/json'].schema;
        expect(schema.required, where).toContain('pagination');
        expect(schema.properties.data.type, where).toBe('array');
      }
    }
  });

  it('GET /api/v1/openapi.json – the register body documents the username pattern and password bounds', () => {
    const schema = doc.paths['/api/v1/auth/register'].post.requestBody.content['application/json'].schema;
    expect(schema.required.sort()).toEqual(['email', 'password', 'username']);
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties.username.pattern).toBe('^[a-zA-Z0-9_.-]{3,50}$');
    expect(schema.properties.password).toMatchObject({ minLength: 8, maxLength: 128 });
    expect(schema.properties.email.format).toBe('email');
  });

  it('GET /api/v1/openapi.json – operation ids are unique and every $ref resolves', () => {
    const ids: string[] = [];
    for (const ops of Object.values(doc.paths as Record<string, Record<string, { operationId: string }>>)) {
      for (const op of Object.values(ops)) ids.push(op.operationId);
    }
    expect(new Set(ids).size).toBe(ids.length);

    const refs: string[] = [];
    const walk = (v: unknown) => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object') {
        for (const [k, child] of Object.entries(v)) {
          if (k === '$ref' && typeof child === 'string') refs.push(child);
          else walk(child);
        }
      }
    };
    walk(doc);
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of new Set(refs)) {
      expect(ref, ref).toMatch(/^#\/components\/schemas\//);
      expect(doc.components.schemas[ref.split('/').pop()!], ref).toBeDefined();
    }
  });
});

describe('route files and the manifest', () => {
  it('app/api/v1/**/route.ts – every route file and exported method is in the manifest, and every /api/v1 manifest entry has its route', () => {
    // The catch-all only answers 404 for unknown paths that bypass the proxy (uploads).
    const catchAll = path.join(root, 'app/api/v1/[...path]/route.ts');
    const files = routeFiles(path.join(root, 'app/api/v1')).filter((f) => f !== catchAll);
    expect(files.length).toBeGreaterThan(10);
    const served = servedRoutes(files);
    for (const [template, methods] of Object.entries(served)) {
      expect(methods.length, `${template} exports no HTTP method`).toBeGreaterThan(0);
    }
    expect(sortKeys(served)).toEqual(sortKeys(manifestRoutes((t) => t === '/api/v1' || t.startsWith('/api/v1/'))));
  });

  it('app/**/route.ts – endpoints documented outside /api/v1 (like /health) have their route file', () => {
    const outside = manifestRoutes((t) => !t.startsWith('/api/v1'));
    expect(Object.keys(outside).length).toBeGreaterThan(0);
    for (const [template, methods] of Object.entries(outside)) {
      const file = ['ts', 'tsx', 'js'].map((ext) => path.join(root, 'app', ...template.split('/').filter(Boolean), `route.${ext}`)).find(existsSync);
      expect(file, `route file for ${template}`).toBeDefined();
      expect(exportedMethods(readFileSync(file!, 'utf8')), template).toEqual(methods);
    }
  });

  it('the walker understands the export forms route files use', () => {
    expect(exportedMethods('export const GET = route(a, b);\nexport const PUT = route(c, d);')).toEqual(['GET', 'PUT']);
    expect(exportedMethods('export async function POST(req) {}')).toEqual(['POST']);
    expect(exportedMethods('export const { GET, POST } = handlers;')).toEqual(['GET', 'POST']);
    expect(exportedMethods('export { handler as DELETE };')).toEqual(['DELETE']);
    expect(exportedMethods('export const dynamic = "force-dynamic";')).toEqual([]);
    expect(templateOf(path.join(root, 'app/api/v1/users/[id]/route.ts'))).toBe('/api/v1/users/{id}');
    expect(templateOf(path.join(root, 'app/(group)/api/v1/x/route.ts'))).toBe('/api/v1/x');
  });
});
