import type { SwaggerTransform } from '@fastify/swagger';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { allLatest } from '../../workflows/index.ts';
import { routeRoles } from '../auth/plugin.ts';
import { answersOf, PAGE_SUMMARIES } from './answers.ts';

/**
 * Completes the OpenAPI document: every operation lists the one error shape for the errors it
 * can answer, and a success when the route declares none; POST /v1/cases/{id}/commands lists each
 * command's `data` (one alternative per workflow + type). Documentation only: validation stays in
 * the routes and the engine.
 */

type Json = Record<string, unknown>;

const ERROR_REF = { $ref: '#/components/schemas/Error' };
/** The errors every operation may answer, with what each means (also the error table of docs/api.md). */
export const ERRORS: Readonly<Record<string, string>> = {
  '400': 'bad input (VALIDATION, naming the field)',
  '401': 'missing or invalid token',
  '403': 'the role may not do this',
  '404': 'unknown id, or out of scope',
  '409': 'stale version (If-Match) or idempotency key reused',
  '422': 'refused by rules (RULES_REFUSED: `details.verdicts`, each a Verdict, reasons in the Accept-Language language) or an invalid transition',
  '413': 'the body is over the 1 MiB limit (PAYLOAD_TOO_LARGE)',
  '415': 'the body is not JSON (VALIDATION naming headers.content-type)',
  '429': 'too many failed authentications from this client or for this token prefix (RATE_LIMITED, Retry-After)',
  '503': 'the database cannot write now (retry later)',
};

const ErrorSchema = z.toJSONSchema(z.object({ error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }) }), { target: 'openapi-3.0' });

const MessageRef = z.object({ code: z.string(), params: z.record(z.string(), z.unknown()).optional() });

/**
 * A rule's verdict as every answer carries it (command results, RULES_REFUSED details, `next`
 * previews, dry runs, history and audit records). Documentation only.
 */
const VerdictSchema = z.toJSONSchema(
  z.object({
    rule: z.string().describe('the rule id (KP-…), or JOINT'),
    ok: z.boolean(),
    severity: z.enum(['block', 'block-unless', '2nd', 'justify', 'warn', 'timer']),
    code: z.string().optional().describe('stable per rule and outcome, e.g. KP-AGE-04.single_method; absent on records written before structured verdicts'),
    params: z.record(z.string(), z.unknown()).optional().describe('the values the check used: ids, dates, ages, enums (never names or free text about people)'),
    reason: z.string().describe('code + params (+ more) rendered in the language of Accept-Language (en or ar); a record without a code keeps its stored English reason. Not stored: derived when read'),
    more: z.array(MessageRef).optional().describe('further problems found with the first'),
    facts: z.array(z.string()).optional().describe('the case-file paths, command fields and workflow states the check read'),
    evidenceIds: z.array(z.string()).optional(),
    toAllow: z.array(MessageRef.extend({ text: z.string().describe('rendered in the request language') })).optional().describe('on a refusal: what would make it pass'),
    principle: z.string(),
    case: z.string().optional(),
    secondApprover: z.string().optional(),
    deferred: z.boolean().optional(),
    conditions: z.record(z.string(), z.boolean()).optional(),
  }),
  { target: 'openapi-3.0' },
);

function commandAlternatives(): { schemas: Record<string, Json>; refs: Json[] } {
  const schemas: Record<string, Json> = {};
  const refs: Json[] = [];
  for (const def of allLatest()) {
    for (const [type, spec] of Object.entries(def.commands)) {
      const name = `Command_${def.kind}_${type}`;
      const data = z.toJSONSchema(spec.data, { io: 'input', unrepresentable: 'any', target: 'openapi-3.0' }) as Json;
      delete data['$schema'];
      schemas[name] = {
        type: 'object',
        description: `${def.kind}.${type}: ${spec.summary} (roles: ${spec.roles.join(', ')}; rules: ${spec.rules.join(', ') || 'none'})`,
        required: ['workflow', 'type'],
        properties: { workflow: { type: 'string', enum: [def.kind] }, type: { type: 'string', enum: [type] }, instance: { type: 'string' }, justification: { type: 'string' }, data },
      };
      refs.push({ $ref: `#/components/schemas/${name}` });
    }
  }
  return { schemas, refs };
}

/**
 * Each operation as fastify-type-provider-zod describes it, plus the roles its `requireRole` hook
 * admits (`x-roles`, and a line of the description for /docs): the reference cannot drift from
 * what the route enforces.
 */
export const describeRoute: SwaggerTransform = (document) => {
  const out = jsonSchemaTransform(document as Parameters<typeof jsonSchemaTransform>[0]);
  const roles = routeRoles(document.route.preValidation);
  const schema = (out.schema ?? {}) as Json;
  if (schema['hide']) return out;
  const method = [document.route.method].flat()[0] ?? '';
  const answers = answersOf(method, document.route.url);
  // The reviewers' pages carry no schema of their own: their summary is kept with their answers.
  const summary = schema['summary'] ?? PAGE_SUMMARIES[`${method} ${document.route.url}`];
  const documented: Json = { ...schema, ...(summary ? { summary } : {}), ...(answers ? { response: { ...(schema['response'] as Json | undefined), ...answers } } : {}) };
  if (!roles) return { ...out, schema: documented as never };
  const description = [schema['description'], `Roles: ${roles.join(', ')}.`].filter(Boolean).join('\n\n');
  return { ...out, schema: { ...documented, description, 'x-roles': [...roles] } as never };
};

export function completeOpenApi(doc: Json): Json {
  const components = ((doc['components'] ??= {}) as Json);
  const schemas = ((components['schemas'] ??= {}) as Json);
  const { $schema: _s, ...errorSchema } = ErrorSchema as Json;
  schemas['Error'] ??= errorSchema;
  const { $schema: _v, ...verdictSchema } = VerdictSchema as Json;
  schemas['Verdict'] ??= verdictSchema;
  const commands = commandAlternatives();
  Object.assign(schemas, commands.schemas);
  for (const [path, item] of Object.entries((doc['paths'] ?? {}) as Record<string, Json>)) {
    for (const [method, op] of Object.entries(item) as Array<[string, Json]>) {
      if (typeof op !== 'object' || op === null) continue;
      const responses = ((op['responses'] ??= {}) as Record<string, Json>);
      if (!Object.keys(responses).some((code) => code.startsWith('2') || code.startsWith('3'))) responses['200'] = { description: 'success' };
      // The reviewers' pages answer their errors as pages (src/web/plugin.ts); a sign-in is its own 401 and 429.
      const page = path.startsWith('/ui');
      for (const [code, description] of Object.entries(ERRORS)) {
        if (code === '401' && (path === '/health' || page)) continue;
        if (code === '429' && !path.startsWith('/v1')) continue;
        if ((code === '409' || code === '422') && page) continue;
        if ((code === '413' || code === '415') && (method === 'get' || method === 'delete')) continue;
        responses[code] ??= page ? { description, content: { 'text/html': { schema: { type: 'string' } } } } : { description, content: { 'application/json': { schema: ERROR_REF } } };
      }
      if (path === '/v1/cases/{id}/commands' && method === 'post') {
        const body = ((op['requestBody'] ??= { required: true, content: {} }) as Json);
        const content = ((body['content'] ??= {}) as Json);
        content['application/json'] = { schema: { oneOf: commands.refs } };
      }
    }
  }
  return doc;
}
