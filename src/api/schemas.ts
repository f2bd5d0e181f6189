import { z } from 'zod';

/** Shared request pieces: ids, the If-Match header, cursors. */
export const CaseIdParams = z.strictObject({ id: z.string().min(1).max(64) });

const version = z
  .string()
  .regex(/^(W\/)?"?\d{1,9}"?$/, 'must be the case version, e.g. 3 or "3"')
  .transform((v) => Number(v.replace(/\D/g, '')));

export const IfMatchRequired = z.object({ 'if-match': version, 'idempotency-key': z.string().min(1).max(200).optional() });
export const IfMatchOptional = z.object({ 'if-match': version.optional() });

export const Limit = z.coerce.number().int().min(1).max(200).default(50);

export const BoolQuery = z.enum(['true', 'false']).transform((v) => v === 'true');

export const ErrorResponse = z.object({ error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }) }).meta({ id: 'Error' });
