import { z } from 'zod';
import { list } from './common.ts';

/** Answers of the audit log's checks and of its transparency log (keys, forks). */

const VerifyDetail = z.looseObject({
  mode: z.enum(['incremental', 'full']),
  from: z.number().int().describe('the record the run started after'),
  checked: z.number().int().describe('records re-hashed by this run'),
  checkpoints: z.number().int().describe('signed checkpoints checked'),
});

export const Verification = z.looseObject({
  ok: z.boolean(),
  records: z.number().int().describe('the size of the log covered'),
  firstBroken: z.looseObject({ seq: z.number().int(), reason: z.string() }).optional(),
}).extend(VerifyDetail.partial().shape).describe('`mode`, `from`, `checked` and `checkpoints` with detail=true');

export const VerificationProgress = z.looseObject({
  running: z.boolean(),
  checked: z.number().int(),
  total: z.number().int(),
  startedAt: z.string().nullable(),
  result: Verification.nullable(),
});

export const LogKey = z.looseObject({ name: z.string(), algorithm: z.literal('Ed25519'), keyId: z.string(), publicKey: z.string().describe('base64'), vkey: z.string().describe('C2SP verifier key') });

const ForkCheckpoints = z.array(z.looseObject({ size: z.number().int(), rootHash: z.string(), matchesThisLog: z.boolean() }));
export const ForkReport = z.looseObject({ fork: z.literal(true), reason: z.string(), checkpoints: ForkCheckpoints });
export const Forks = list(z.looseObject({ id: z.number().int(), at: z.string(), reportedBy: z.string(), detail: z.record(z.string(), z.unknown()) }));
