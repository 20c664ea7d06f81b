// GET /openapi.json: the API described from the very zod schemas that validate it (zod 4's
// z.toJSONSchema, JSON Schema 2020-12 = OpenAPI 3.1), so the document cannot drift from the code.
import { z } from 'zod';
import { ZCandidateStart } from '../domain/lifecycle/candidate';
import { ZCandidateEvent } from '../domain/events';
import {
  ZCandidatePage,
  ZCandidateStatusView,
  ZErrorBody,
  ZEventAccepted,
  ZRosterErrors,
  ZRosterReport,
  ZStartResult,
} from './api-schemas';
import { ZRosterRow, ROSTER_COLUMNS } from './roster/roster';
import { ZCandidateFilter } from './visibility';

type TJson = Record<string, unknown>;

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): TJson {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, {
    target: 'draft-2020-12',
    io,
    unrepresentable: 'any',
    reused: 'inline',
  }) as TJson;
  return rest;
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (name: string) => ({ 'application/json': { schema: ref(name) } });
const response = (description: string, schema?: string) => ({
  description,
  ...(schema ? { content: json(schema) } : {}),
});
const errors = (...codes: (400 | 401 | 403 | 404 | 409 | 413 | 415 | 502)[]) =>
  Object.fromEntries(
    codes.map((code) => [
      String(code),
      response(
        {
          400: 'invalid input; `issues` names each bad field',
          401: 'no or bad token',
          403: 'the role may not do this',
          404: 'no such candidate (or not in your scope)',
          409: 'not allowed in the candidate’s current phase; nothing changed',
          413: 'body too large',
          415: 'unsupported media type',
          502: 'some starts failed',
        }[code],
        'Error',
      ),
    ]),
  );

const keyParam = {
  name: 'key',
  in: 'path',
  required: true,
  description: 'candidate key `<programId>-<candidateId>`',
  schema: { type: 'string' },
};

function filterParams(): TJson[] {
  const schema = jsonSchema(ZCandidateFilter, 'input') as { properties: Record<string, TJson> };
  return Object.entries(schema.properties).map(([name, s]) => ({
    name,
    in: 'query',
    required: false,
    ...(s.description ? { description: s.description } : {}),
    schema: s,
  }));
}

export function buildOpenApiDocument(): TJson {
  return {
    openapi: '3.1.0',
    info: {
      title: 'CASC induction API',
      version: '0.1.0',
      description:
        'Clear Administrative Services Credential induction: candidates as durable Temporal workflows. Bearer JWT with claims { sub, role, programId?, candidateKeys?, districtId? }. IIP content is redacted for roles that may not read it (R-IIP-5).',
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    security: [{ bearer: [] }],
    paths: {
      '/health': { get: { summary: 'liveness', security: [], responses: { 200: { description: 'ok' } } } },
      '/roster': {
        post: {
          summary: 'import a roster (CSV or JSON); all rows are validated before any is started',
          requestBody: {
            required: true,
            content: {
              'text/csv': {
                schema: { type: 'string', description: `header row with columns: ${ROSTER_COLUMNS.join(', ')}` },
              },
              'application/json': { schema: { type: 'array', items: ref('RosterRow') } },
            },
          },
          responses: {
            200: response('every row started or skipped (exists)', 'RosterReport'),
            400: response('the roster has errors; nothing was started', 'RosterErrors'),
            ...errors(401, 403, 413, 415, 502),
          },
        },
      },
      '/candidates': {
        post: {
          summary: 'start a candidate',
          requestBody: { required: true, content: json('CandidateStart') },
          responses: { 201: response('started', 'StartResult'), ...errors(400, 401, 403, 409) },
        },
        get: {
          summary: 'list candidates (visibility: program, cohort, phase, flags, overdue); no personal data',
          parameters: filterParams(),
          responses: { 200: response('one page', 'CandidatePage'), ...errors(400, 401, 403) },
        },
      },
      '/candidates/{key}': {
        get: {
          summary: 'a candidate’s status',
          parameters: [keyParam],
          responses: { 200: response('status (IIP redacted by role)', 'CandidateStatus'), ...errors(401, 403, 404) },
        },
      },
      '/candidates/{key}/events': {
        post: {
          summary: 'record an event of the vocabulary',
          parameters: [keyParam],
          requestBody: { required: true, content: json('CandidateEvent') },
          responses: { 200: response('accepted', 'EventAccepted'), ...errors(400, 401, 403, 404, 409) },
        },
      },
    },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: {
        CandidateStart: jsonSchema(ZCandidateStart, 'input'),
        CandidateEvent: jsonSchema(ZCandidateEvent, 'input'),
        RosterRow: jsonSchema(ZRosterRow, 'input'),
        StartResult: jsonSchema(ZStartResult, 'output'),
        EventAccepted: jsonSchema(ZEventAccepted, 'output'),
        CandidatePage: jsonSchema(ZCandidatePage, 'output'),
        CandidateStatus: jsonSchema(ZCandidateStatusView, 'output'),
        RosterReport: jsonSchema(ZRosterReport, 'output'),
        RosterErrors: jsonSchema(ZRosterErrors, 'output'),
        Error: jsonSchema(ZErrorBody, 'output'),
      },
    },
  };
}
