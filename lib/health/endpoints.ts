import { z } from 'zod';
import { defineEndpoint } from '../http/endpoint';
import { healthSchema } from './service';

export const liveness = defineEndpoint({
  method: 'GET',
  path: '!/health',
  tag: 'Health',
  summary: 'Liveness: plain text OK while the process serves requests',
  auth: 'public',
  produces: 'text/plain',
});

export const readiness = defineEndpoint({
  method: 'GET',
  path: '/health',
  tag: 'Health',
  summary: 'Readiness: database and realtime status; 503 when the database is down',
  auth: 'public',
  response: healthSchema,
  errors: ['SERVICE_UNAVAILABLE'],
});

export const openapi = defineEndpoint({
  method: 'GET',
  path: '/openapi.json',
  tag: 'Meta',
  summary: 'This API as an OpenAPI 3.1 document',
  auth: 'public',
  response: z.record(z.string(), z.unknown()),
});
