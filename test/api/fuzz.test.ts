import { describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../workflows/roles.ts';
import { adultWoman, boy, testApp } from '../support/app.ts';
import { register } from '../support/flows.ts';

/**
 * A schema-derived fuzz test (issue 12.11). Every operation in `/openapi.json` (so a new route is
 * covered the day it is added) gets requests built from its own schemas and then broken: lone
 * surrogates, deep nesting, wrong types, missing and unknown fields, hostile path segments and
 * query values, bad headers and content types. Command data comes from the per-command schemas
 * `GET /v1/workflows` publishes. Seeded (FUZZ_SEED) and bounded (FUZZ_REQUESTS, default 320).
 * For every answer: never a 5xx; on /v1 every error in the one shape with a known code; and no
 * 4xx changes anything — every table compared before and after, the audit trail only allowed to
 * gain `refused` records (API.md: refused commands are audited as refused).
 */

const SEED = Number(process.env['FUZZ_SEED'] ?? 20261202);
const REQUESTS = Number(process.env['FUZZ_REQUESTS'] ?? 320);
const CODES = ['VALIDATION', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'VERSION_CONFLICT', 'IDEMPOTENCY_MISMATCH', 'RULES_REFUSED', 'INVALID_TRANSITION', 'PAYLOAD_TOO_LARGE', 'RATE_LIMITED', 'UNAVAILABLE'];
/**
 * What a 4xx may add (never change): log tables (the audit trail, read and security logs), and the
 * stored answer of a refused command sent with an Idempotency-Key (a replay answers the same refusal).
 */
const mayGrow = (table: string, status: number, headers: Record<string, string>) =>
  /audit|security|read|event/.test(table) || (table === 'idempotency_keys' && status === 422 && headers['idempotency-key'] !== undefined);

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Schema = Record<string, any>;

function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const nested = (levels: number): Json => {
  let v: Json = 'bottom';
  for (let i = 0; i < levels; i += 1) v = i % 2 ? [v] : { a: v };
  return v;
};

/** Values no schema should let through to a 500. */
const HOSTILE: Json[] = [
  '\ud800', 'a\udc00b', '\udbff', '', ' ', '\u0000', 'x'.repeat(12_000), '😀'.repeat(50), '\u202eRTL', '<script>alert(1)</script>', "'; drop table cases; --",
  '../../etc/passwd', '9999-99-99', '2024-02-30', '1e309', -1, 0, 1e308, -1e308, 2 ** 53 + 1, 0.5, true, false, null, [], {}, nested(40), { __proto__x: 1 }, ['\ud800'],
];
/** Path segments and query values, already percent-encoded. */
const HOSTILE_SEGMENTS = ['%ED%A0%80', '%zz', '%C0%AE', '%', '%00', 'a'.repeat(150), 'a'.repeat(80), 'nope', '..%2F..%2Fetc', '%F0%9F%98%80', '-1', '1e9999'];
const RAW_BODIES = ['{', '', 'null', '[]', '"text"', '{"a":'.repeat(5000) + '1' + '}'.repeat(5000), '{"__proto__":{"x":1}}', '{"constructor":{"prototype":{}}}', '\u0000', '[' + '1,'.repeat(1000) + '1]'];

function fuzzer(rng: () => number, refs: Schema) {
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;
  const resolve = (s: Schema): Schema => (s && typeof s['$ref'] === 'string' ? resolve(refs[s['$ref'].split('/').pop()!] ?? {}) : s ?? {});

  function stringFor(s: Schema): string {
    if (s['example'] !== undefined) return String(s['example']);
    if (s['format'] === 'date-time' || /datetime|instant/i.test(String(s['description'] ?? ''))) return '2026-01-15T10:00:00Z';
    if (s['format'] === 'date' || /YYYY-MM-DD/.test(String(s['description'] ?? ''))) return '2015-06-01';
    const pattern = String(s['pattern'] ?? '');
    if (pattern.includes('[A-Z]{2}')) return pick(['FR', 'SY', 'IQ', 'DE']);
    if (pattern.includes('[A-Z_]')) return 'START';
    if (pattern.includes('\\d')) return '1';
    const min = Number(s['minLength'] ?? 1);
    return 'fz'.padEnd(Math.max(min, 2), 'z').slice(0, Math.max(min, Math.min(Number(s['maxLength'] ?? 12), 12)));
  }

  /** A value the schema accepts, roughly (formats and patterns by example). */
  function valueFor(schema: Schema, depth = 0): Json {
    const s = resolve(schema);
    if (s['const'] !== undefined) return s['const'];
    if (Array.isArray(s['enum'])) return pick(s['enum']);
    const alternatives = s['anyOf'] ?? s['oneOf'];
    if (Array.isArray(alternatives) && alternatives.length > 0) return valueFor(pick(alternatives), depth);
    if (Array.isArray(s['allOf']) && s['allOf'].length > 0) return valueFor(s['allOf'][0], depth);
    const type = Array.isArray(s['type']) ? pick(s['type']) : s['type'];
    if (depth > 8) return null;
    switch (type) {
      case 'object': {
        const out: Record<string, Json> = {};
        const required = new Set<string>(s['required'] ?? []);
        for (const [k, v] of Object.entries<Schema>(s['properties'] ?? {})) if (required.has(k) || rng() < 0.5) out[k] = valueFor(v, depth + 1);
        return out;
      }
      case 'array': {
        const min = Number(s['minItems'] ?? 0);
        const n = Math.min(Number(s['maxItems'] ?? 3), min + Math.floor(rng() * 3));
        return Array.from({ length: n }, () => valueFor(s['items'] ?? {}, depth + 1));
      }
      case 'string':
        return stringFor(s);
      case 'integer':
      case 'number': {
        const lo = Number(s['minimum'] ?? 0);
        const hi = Number(s['maximum'] ?? lo + 30);
        return type === 'integer' ? lo + Math.floor(rng() * (Math.min(hi, lo + 30) - lo + 1)) : lo + rng() * (Math.min(hi, lo + 30) - lo);
      }
      case 'boolean':
        return rng() < 0.5;
      case 'null':
        return null;
      default:
        return pick(['x', 1, true, null]);
    }
  }

  /** Breaks a value in one place: a hostile leaf, a missing or unknown field, a bad key. */
  function mutate(value: Json): Json {
    const copy = JSON.parse(JSON.stringify(value)) as Json;
    const holders: Array<{ parent: Json[] | Record<string, Json>; key: string | number }> = [];
    const stack: Json[] = [copy];
    while (stack.length) {
      const v = stack.pop()!;
      if (Array.isArray(v)) v.forEach((item, i) => (holders.push({ parent: v, key: i }), stack.push(item)));
      else if (v && typeof v === 'object') for (const [k, item] of Object.entries(v)) (holders.push({ parent: v, key: k }), stack.push(item));
    }
    if (holders.length === 0 || rng() < 0.1) return pick(HOSTILE);
    const { parent, key } = pick(holders);
    const roll = rng();
    if (roll < 0.6) (parent as Record<string, Json>)[key] = pick(HOSTILE);
    else if (roll < 0.75 && !Array.isArray(parent)) delete parent[key as string];
    else if (roll < 0.9 && !Array.isArray(parent)) parent[rng() < 0.5 ? 'unexpectedField' : '\ud800key'] = pick(HOSTILE);
    else (parent as Record<string, Json>)[key] = nested(33);
    return copy;
  }

  return { pick, resolve, valueFor, mutate };
}

/**
 * Row counts per table plus the connection's total_changes() (every row inserted, updated or
 * deleted, triggers included): after a 4xx, the change count may only have grown by rows
 * appended to the tables allowed to grow — an update or a delete anywhere shows up as a mismatch.
 */
function snapshot(db: import('better-sqlite3').Database) {
  const tables = db.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '__drizzle%' order by name").pluck().all() as string[];
  const counts = Object.fromEntries(tables.map((t) => [t, db.prepare(`select count(*) from "${t}"`).pluck().get() as number]));
  return { counts, changes: db.prepare('select total_changes()').pluck().get() as number };
}

describe('schema-derived fuzzing over /openapi.json', () => {
  it(`answers ${REQUESTS} generated requests (seed ${SEED}) without a 5xx, in the one error shape, changing nothing on a 4xx`, async () => {
    const t = await testApp();
    const rng = mulberry32(SEED);
    const everyone = t.extra('fuzz-all-roles', ...ROLES);
    const womanId = await register(t, adultWoman);
    const childId = await register(t, { ...boy(), familyLinks: [{ caseId: womanId, relation: 'mother' }] });
    expect(childId).toBeTypeOf('string');
    const doc = (await t.request('admin', 'GET', '/openapi.json')).body;
    const workflows = (await t.request('caseworker', 'GET', '/v1/workflows')).body.items as Array<{ kind: string; commands: Array<{ type: string; data: Schema }> }>;
    const f = fuzzer(rng, doc.components?.schemas ?? {});
    const db = t.app.services.repos.db.$client;
    const auditResults = () => db.prepare('select result from audit order by seq').pluck().all() as string[];

    const operations = Object.entries<Record<string, Schema>>(doc.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ path, method: method.toUpperCase(), op })));
    expect(operations.length).toBeGreaterThan(20);
    // Every operation once, then mostly the ones that take a body (commands most: every rule's data).
    const weighted = operations.flatMap((o) => Array<typeof o>(o.path.endsWith('/commands') ? 12 : o.op['requestBody'] ? 4 : 1).fill(o));

    const commandBody = (): Json => {
      const w = f.pick(workflows);
      const c = f.pick(w.commands);
      const body: Record<string, Json> = { workflow: w.kind, type: c.type, data: f.valueFor(c.data) ?? {} };
      if (rng() < 0.3) body['justification'] = 'fuzz justification';
      return body;
    };

    const failures: string[] = [];
    for (let n = 0; n < REQUESTS; n += 1) {
      const { path, method, op } = n < operations.length ? operations[n]! : f.pick(weighted);
      const parameters = (op['parameters'] ?? []) as Array<{ in: string; name: string; required?: boolean; schema: Schema }>;
      const caseId = rng() < 0.5 ? womanId : childId;
      let url = path.replace(/\{(\w+)\}/g, (_m, name: string) => {
        if (rng() < 0.25) return f.pick(HOSTILE_SEGMENTS);
        if (name === 'id') return caseId;
        if (name === 'kind') return f.pick(workflows).kind;
        if (name === 'code') return f.pick(['FR', 'IQ', 'ZZ']);
        return encodeURIComponent(String(f.valueFor(parameters.find((p) => p.name === name)?.schema ?? {})));
      });
      const query = parameters
        .filter((p) => p.in === 'query' && (p.required || rng() < 0.4))
        .map((p) => `${encodeURIComponent(p.name)}=${rng() < 0.3 ? f.pick(HOSTILE_SEGMENTS) : encodeURIComponent(String(f.valueFor(p.schema)))}`);
      if (query.length) url += `?${query.join('&')}`;

      const headers: Record<string, string> = {};
      const who = rng();
      if (who < 0.8) headers['authorization'] = `Bearer ${everyone.token}`;
      else if (who < 0.95) headers['authorization'] = `Bearer ${t.users[f.pick(ROLES as readonly Role[])].token}`;
      else if (who < 0.98) headers['authorization'] = 'Bearer kp_not-a-token';
      const version = t.app.services.repos.db.$client.prepare('select version from cases where id = ?').pluck().get(caseId) as number;
      if (parameters.some((p) => p.name === 'if-match') && rng() < 0.85) headers['if-match'] = rng() < 0.8 ? String(version) : f.pick(['"x"', '0', '99999', 'W/"1"', '']);
      if (rng() < 0.2) headers['idempotency-key'] = rng() < 0.5 ? 'fuzz-key' : 'k'.repeat(300);

      let payload: string | undefined;
      const bodySchema = op['requestBody']?.content?.['application/json']?.schema as Schema | undefined;
      if (bodySchema || method !== 'GET') {
        const roll = rng();
        if (roll < 0.1) payload = f.pick(RAW_BODIES);
        else {
          let body = path.endsWith('/commands') && rng() < 0.8 ? commandBody() : f.valueFor(bodySchema ?? { type: 'object' });
          if (rng() < 0.7) body = f.mutate(body);
          payload = JSON.stringify(body);
        }
        const ct = rng();
        headers['content-type'] = ct < 0.9 ? 'application/json' : ct < 0.95 ? 'text/plain' : 'application/x-www-form-urlencoded';
      }

      const before = snapshot(db);
      const auditBefore = auditResults().length;
      const res = await t.app.inject({ method: method as 'GET', url, headers, ...(payload !== undefined ? { payload } : {}) });
      const label = `#${n} ${method} ${url.slice(0, 120)} → ${res.statusCode} (seed ${SEED})`;

      if (process.env['FUZZ_DEBUG']) console.log(label, res.statusCode >= 400 ? res.body.slice(0, 160) : '');
      if (res.statusCode >= 500) failures.push(`${label}: ${res.body.slice(0, 300)}`);
      if (res.statusCode >= 400 && !url.startsWith('/ui')) {
        let body: any;
        try {
          body = res.json();
        } catch {
          body = undefined;
        }
        const shapeOk = body && Object.keys(body).length === 1 && body.error && typeof body.error.message === 'string' && CODES.includes(body.error.code)
          && Object.keys(body.error).every((k) => ['code', 'message', 'details'].includes(k));
        if (!shapeOk) failures.push(`${label}: not the one error shape: ${res.body.slice(0, 300)}`);
      }
      if (res.statusCode >= 400 && res.statusCode < 500) {
        const after = snapshot(db);
        let appended = 0;
        for (const [table, was] of Object.entries(before.counts)) {
          const grown = (after.counts[table] ?? 0) - was;
          if (grown !== 0 && (grown < 0 || !mayGrow(table, res.statusCode, headers))) failures.push(`${label}: a ${res.statusCode} changed table ${table}`);
          else appended += grown;
        }
        if (after.changes - before.changes !== appended) failures.push(`${label}: a ${res.statusCode} updated or deleted rows (${after.changes - before.changes} changes, ${appended} appended to logs)`);
        const added = auditResults().slice(auditBefore);
        if (added.some((r) => r !== 'refused')) failures.push(`${label}: a ${res.statusCode} added audit records other than refused ones: ${added.join(',')}`);
      }
      if (failures.length >= 10) break;
    }
    await t.close();
    expect(failures, failures.join('\n')).toEqual([]);
  });
});
