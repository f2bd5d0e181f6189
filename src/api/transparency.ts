import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireRole } from '../auth/plugin.ts';
import type { Services } from '../services.ts';
import { Limit } from './schemas.ts';

/**
 * The audit log as a transparency log (RFC 9162, C2SP signed notes): checkpoints, the log's key,
 * inclusion and consistency proofs, witnesses' cosignatures and fork reports. Everything here is
 * hashes and signatures, never record content; the same roles as the other audit routes.
 */
const Size = z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const Seq = z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER);
const AUDITORS = ['reviewer', 'admin'] as const;

export const transparencyRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  const log = services.transparency;
  const auth = { preValidation: requireRole(...AUDITORS) };

  app.get('/audit/checkpoint', { schema: { tags: ['audit'], summary: 'The latest signed checkpoint (C2SP tlog-checkpoint in a signed note) with its cosignatures' }, ...auth }, async () => log.latest());

  app.post('/audit/checkpoint', { schema: { tags: ['audit'], summary: 'Sign a checkpoint of the log as it is now (on demand)' }, ...auth }, async (_request, reply) => reply.code(201).send(log.checkpoint()));

  app.get('/audit/checkpoints', {
    schema: { tags: ['audit'], summary: 'Signed checkpoints from a tree size on, oldest first', querystring: z.strictObject({ from: Size.default(0), limit: Limit }) },
    ...auth,
  }, async (request) => log.list(request.query.from, request.query.limit));

  app.get('/audit/key', { schema: { tags: ['audit'], summary: "The log's Ed25519 public key, also as a C2SP verifier key (vkey)" }, ...auth }, async () => log.key());

  app.get('/audit/proof/inclusion', {
    schema: { tags: ['audit'], summary: 'RFC 9162 §2.1.3 inclusion proof of record `seq` in the tree of `size` (default: the latest checkpoint covering it)', querystring: z.strictObject({ seq: Seq, size: Seq.optional() }) },
    ...auth,
  }, async (request) => log.inclusion(request.query.seq, request.query.size));

  app.get('/audit/proof/consistency', {
    schema: { tags: ['audit'], summary: 'RFC 9162 §2.1.4 consistency proof between the trees of `from` and `to` records', querystring: z.strictObject({ from: Size, to: Size }) },
    ...auth,
  }, async (request) => log.consistency(request.query.from, request.query.to));

  app.post('/audit/cosignatures', {
    schema: {
      tags: ['audit'],
      summary: "A witness's cosignature (C2SP tlog-cosignature) of the checkpoint at `size`; verified, then stored and shown",
      body: z.strictObject({ size: Size, vkey: z.string().min(1).max(300), line: z.string().min(1).max(500) }),
    },
    ...auth,
  }, async (request, reply) => reply.code(201).send(log.addCosignature(request.body)));

  app.post('/audit/forks', {
    schema: {
      tags: ['audit'],
      summary: "A witness reports checkpoints signed with this log's key that no consistency proof joins (a fork)",
      body: z.strictObject({ witness: z.string().min(1).max(200), notes: z.array(z.string().min(1).max(4000)).min(1).max(2) }),
    },
    ...auth,
  }, async (request, reply) => reply.code(201).send(log.reportFork(request.body.witness, request.body.notes)));

  app.get('/audit/forks', { schema: { tags: ['audit'], summary: 'Forks reported (by witnesses or by the log itself)' }, ...auth }, async () => ({ items: log.forks() }));
};
