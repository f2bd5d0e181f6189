import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireRole } from '../auth/plugin.ts';
import type { Services } from '../services.ts';
import { REDACTED_RECORDS_NOTE } from './redaction.ts';
import { Instant, Limit } from './schemas.ts';

/** Audit records across cases and chain verification (reviewer, admin). */
export const auditRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  app.get('/audit', {
    schema: {
      tags: ['audit'],
      summary: "Audit records across cases (a child's identifying data redacted; redacted records cannot be re-hashed by the client)",
      description: REDACTED_RECORDS_NOTE,
      querystring: z.strictObject({
        actor: z.string().max(100).optional(),
        rule: z.string().regex(/^KP-[A-Z]+-\d{2}$/, 'a rule id such as KP-CHILD-02').optional(),
        result: z.enum(['applied', 'refused', 'pending']).optional(),
        workflow: z.string().max(64).optional(),
        caseId: z.string().max(64).optional(),
        from: Instant('start').optional(),
        to: Instant('end').optional(),
        after: z.coerce.number().int().min(0).optional(),
        /** The same cursor as `after` (the `nextCursor` of the previous page), under the name `GET /v1/cases` uses. */
        cursor: z.coerce.number().int().min(0).optional(),
        limit: Limit,
        /**
         * `hashed`: each record in the exact form the log hashes (to re-hash it yourself); a record
         * redacted for the caller comes as its hashes only (`withheld: "redacted"`).
         */
        form: z.enum(['readable', 'hashed']).optional(),
      }),
    },
    preValidation: requireRole('reviewer', 'admin'),
  }, async (request) => {
    const { after, cursor, limit, form, ...filter } = request.query;
    const afterSeq = after ?? cursor;
    const { items, more } = services.privacy.auditFor(request.actor, { ...filter, ...(afterSeq !== undefined ? { afterSeq } : {}), limit }, { route: 'GET /v1/audit', purpose: 'audit_records' });
    const nextCursor = more ? String(items.at(-1)?.seq) : null;
    return form === 'hashed' ? { items: services.proofs.hashed(items), nextCursor } : { items, nextCursor };
  });

  app.get('/audit/verify', {
    schema: {
      tags: ['audit'],
      summary: 'Verify the audit log on the stored records: chain hashes, Merkle leaves and every signed checkpoint (incremental from the last verified checkpoint; `full=true` from the first record)',
      description:
        'By default only the records since the last verified checkpoint are re-hashed (O(new records)); records after the latest checkpoint are re-checked on every run. ' +
        '`full=true` walks the whole log in chunks, yielding between them, so the server keeps answering meanwhile; GET /v1/audit/verify/progress shows how far it got. ' +
        'The answer is `{ ok, records, firstBroken? }` (`records`: the size of the log covered); `detail=true` adds `mode`, `from` (the record the run started after), `checked` (records re-hashed by this run) and `checkpoints` (signed checkpoints checked).',
      querystring: z.strictObject({ full: z.enum(['true', 'false']).optional(), detail: z.enum(['true', 'false']).optional() }),
    },
    preValidation: requireRole('reviewer', 'admin'),
  }, async (request) => {
    const result = request.query.full === 'true' ? await services.verifier.startFull() : services.verifier.incremental();
    if (request.query.detail === 'true') return result;
    const { ok, records, firstBroken } = result;
    return { ok, records, ...(firstBroken ? { firstBroken } : {}) };
  });

  app.get('/audit/verify/progress', {
    schema: { tags: ['audit'], summary: 'How far the running (or last) full verification got' },
    preValidation: requireRole('reviewer', 'admin'),
  }, async () => services.verifier.progress());
};
