import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError } from '../engine/errors.ts';

/** One error body shape everywhere: `{ error: { code, message, details } }` (API.md "Errors"). */
export function errorBody(code: string, message: string, details?: unknown) {
  return { error: { code, message, ...(details === undefined ? {} : { details }) } };
}

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler<FastifyError>((error, request, reply) => {
    if (error instanceof AppError) return reply.code(error.status).send(errorBody(error.code, error.message, error.details));
    if (hasZodFastifySchemaValidationErrors(error)) {
      const where = error.validationContext ?? 'body';
      const details = error.validation.map((v) => ({
        path: [where, ...v.instancePath.split('/').filter(Boolean)].join('.'),
        message: v.message ?? 'invalid',
      }));
      return reply.code(400).send(errorBody('VALIDATION', `invalid ${where}: ${details.map((d) => `${d.path}: ${d.message}`).join('; ')}`, details));
    }
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return reply.code(413).send(errorBody('PAYLOAD_TOO_LARGE', 'the body is over the 1 MiB limit'));
    if (error.statusCode === 415) return reply.code(415).send(errorBody('VALIDATION', error.message, [{ path: 'headers.content-type', message: error.message }]));
    if (error.statusCode !== undefined && error.statusCode < 500) {
      // Malformed JSON, empty JSON bodies and other client errors fastify raises itself.
      return reply.code(error.statusCode === 413 ? 413 : 400).send(errorBody(error.statusCode === 413 ? 'PAYLOAD_TOO_LARGE' : 'VALIDATION', error.message, [{ path: 'body', message: error.message }]));
    }
    request.log.error({ err: { type: error.name, code: error.code, stack: error.stack } }, 'request failed');
    return reply.code(500).send(errorBody('INTERNAL', 'internal error'));
  });
  app.setNotFoundHandler((request, reply) => reply.code(404).send(errorBody('NOT_FOUND', `no route ${request.method} ${request.url.split('?')[0]}`)));
}
