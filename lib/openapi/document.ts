import { z } from 'zod';
import { errorStatus, type ErrorCode } from '../errors';
import { endpoints } from '../http/api-manifest';
import { fullPath, type Endpoint } from '../http/endpoint';
import { paginationSchema } from '../http/schemas';

type JsonSchema = Record<string, unknown>;

/** Converts a zod schema, moving named schemas (`.meta({id})`) into components. */
function convert(schema: z.ZodType, io: 'input' | 'output', components: Record<string, JsonSchema>): JsonSchema {
  const json = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as JsonSchema;
  const defs = (json.$defs ?? {}) as Record<string, JsonSchema>;
  delete json.$defs;
  delete json.$schema;
  for (const [name, def] of Object.entries(defs)) components[name] ??= rewriteRefs(def) as JsonSchema;
  return rewriteRefs(json) as JsonSchema;
}

function rewriteRefs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(rewriteRefs);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [
        k,
        k === '$ref' && typeof v === 'string' ? v.replace('#/$defs/', '#/components/schemas/') : rewriteRefs(v),
      ]),
    );
  }
  return value;
}

function parameters(schema: z.ZodType | undefined, where: 'path' | 'query', components: Record<string, JsonSchema>) {
  if (!schema) return [];
  const json = convert(schema, 'input', components);
  const props = (json.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((json.required as string[] | undefined) ?? []);
  return Object.entries(props).map(([name, s]) => ({
    name,
    in: where,
    required: where === 'path' || required.has(name),
    ...(typeof s.description === 'string' ? { description: s.description } : {}),
    schema: s,
  }));
}

const commonErrors: ErrorCode[] = ['INVALID_INPUT', 'INTERNAL_ERROR'];

function operation(e: Endpoint, components: Record<string, JsonSchema>) {
  const codes = new Set<ErrorCode>([...commonErrors, ...(e.errors ?? [])]);
  if (e.auth !== 'public') codes.add('UNAUTHORIZED');
  if (e.auth !== 'public' && e.auth !== 'optional' && e.auth !== 'user') codes.add('PERMISSION_DENIED');
  if (e.auth !== 'public' && e.auth !== 'optional') codes.add('ACCOUNT_DISABLED');
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of codes) byStatus.set(errorStatus[code], [...(byStatus.get(errorStatus[code]) ?? []), code]);

  const data = e.response ? convert(e.response, 'output', components) : { type: 'null' };
  const success: JsonSchema = e.produces
    ? { content: { [e.produces]: { schema: { type: 'string' } } } }
    : {
        content: {
          'application/json': {
            schema: {
              type: 'object',
              required: ['success', 'data', ...(e.paginated ? ['pagination'] : [])],
              properties: {
                success: { const: true },
                data: e.paginated ? { type: 'array', items: data } : data,
                message: { type: 'string' },
                ...(e.paginated ? { pagination: { $ref: '#/components/schemas/Pagination' } } : {}),
              },
            },
          },
        },
      };

  const responses: Record<string, unknown> = {
    [String(e.status ?? 200)]: { description: 'Success', ...success },
  };
  for (const [status, list] of [...byStatus].sort(([a], [b]) => a - b)) {
    responses[String(status)] = {
      description: list.join(', '),
      content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorEnvelope' } } },
    };
  }

  return {
    operationId: `${e.method.toLowerCase()}${fullPath(e)
      .replace(/[{}]/g, '')
      .split(/[/._-]/)
      .filter(Boolean)
      .map((s) => s[0]!.toUpperCase() + s.slice(1))
      .join('')}`,
    summary: e.summary,
    ...(e.description ? { description: e.description } : {}),
    tags: [e.tag],
    security: e.auth === 'public' ? [] : [{ bearerAuth: [] }, { sessionCookie: [] }],
    ...(e.auth !== 'public' && e.auth !== 'optional' && e.auth !== 'user'
      ? { 'x-required-role': e.auth }
      : {}),
    parameters: [
      ...parameters(e.params, 'path', components),
      ...parameters(e.query, 'query', components),
    ],
    ...(e.upload
      ? {
          requestBody: {
            required: true,
            description: `Accepted: ${e.upload.accept}. Limit: ${e.upload.maxBytes}. The type is sniffed from the bytes.`,
            content: { 'multipart/form-data': { schema: uploadSchema(e.upload.fields, components) } },
          },
        }
      : {}),
    ...(e.body
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: convert(e.body, 'input', components) } },
          },
        }
      : {}),
    responses,
  };
}

function uploadSchema(fields: z.ZodType | undefined, components: Record<string, JsonSchema>): JsonSchema {
  const json = fields ? convert(fields, 'input', components) : { properties: {}, required: [] };
  return {
    type: 'object',
    required: ['file', ...((json.required as string[] | undefined) ?? [])],
    properties: { file: { type: 'string', format: 'binary' }, ...((json.properties as object | undefined) ?? {}) },
  };
}

let cached: JsonSchema | undefined;

/** The OpenAPI 3.1 document, generated from the endpoint definitions the routes enforce. */
export function openApiDocument(): JsonSchema {
  if (cached) return cached;
  const components: Record<string, JsonSchema> = {};
  const paths: Record<string, Record<string, unknown>> = {};
  for (const e of endpoints) {
    const p = fullPath(e);
    paths[p] ??= {};
    paths[p][e.method.toLowerCase()] = operation(e, components);
  }
  components.Pagination = convert(paginationSchema, 'output', components);
  components.ErrorEnvelope = {
    type: 'object',
    required: ['success', 'error', 'error_code', 'timestamp'],
    properties: {
      success: { const: false },
      error: { type: 'string', description: 'Human-readable message' },
      error_code: { type: 'string', enum: Object.keys(errorStatus) },
      timestamp: { type: 'integer', description: 'Unix seconds' },
      details: {
        type: 'array',
        items: {
          type: 'object',
          required: ['field', 'message'],
          properties: { field: { type: 'string' }, message: { type: 'string' } },
        },
      },
    },
  };
  cached = {
    openapi: '3.1.0',
    info: {
      title: 'Talas API',
      version: '1.0.0',
      description:
        'The HTTP surface of Talas used by the web app, mobile apps and scripts. Every answer uses the envelope `{success, data}` or `{success: false, error, error_code, timestamp, details?}`.',
    },
    servers: [{ url: '/' }],
    paths,
    components: {
      schemas: components,
      securitySchemes: {
        bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
        sessionCookie: { type: 'apiKey', in: 'cookie', name: 'authjs.session-token' },
      },
    },
  };
  return cached;
}
