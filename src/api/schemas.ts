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

/**
 * A time filter: an ISO 8601 instant with any offset, or a calendar date. Normalised to the stored
 * form (UTC, milliseconds, `Z`) so comparisons are by time, not by text: a date `from` starts at the
 * day's first moment, a date `to` includes the whole day.
 */
export const Instant = (edge: 'start' | 'end') =>
  z
    .union([z.iso.datetime({ offset: true }), z.iso.date()])
    .refine((v) => v.length === 10 || !Number.isNaN(Date.parse(v)), 'must be a real instant')
    .transform((v) => (v.length === 10 ? `${v}T${edge === 'start' ? '00:00:00.000' : '23:59:59.999'}Z` : new Date(v).toISOString()));

export const BoolQuery = z.enum(['true', 'false']).transform((v) => v === 'true');

export const ErrorResponse = z.object({ error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }) }).meta({ id: 'Error' });
