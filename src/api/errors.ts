import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, type ErrorCode } from '../engine/errors.ts';
import type { Health } from '../engine/health.ts';
import type { Outcome } from '../engine/outcomes.ts';
import { BASELINE_HEADERS } from '../securityHeaders.ts';

/**
 * HTTP lives here only: the engine's error codes and outcome values are mapped to statuses and the
 * one error body shape `{ error: { code, message, details } }` (API.md "Errors") in this file.
 */
export const STATUS: Record<ErrorCode, number> = {
  VALIDATION: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  VERSION_CONFLICT: 409,
  IDEMPOTENCY_MISMATCH: 409,
  RULES_REFUSED: 422,
  INVALID_TRANSITION: 422,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  UNAVAILABLE: 503,
  INTERNAL: 500,
};

export function errorBody(code: string, message: string, details?: unknown) {
  return { error: { code, message, ...(details === undefined ? {} : { details }) } };
}

export interface HttpAnswer {
  status: number;
  body: Record<string, unknown>;
}

/** A command's outcome as the HTTP answer API.md "The command answer" and "Errors" describe. */
export function answerOf(o: Outcome): HttpAnswer {
  switch (o.kind) {
    case 'applied': {
      const { kind: _k, ...rest } = o;
      return { status: 200, body: { applied: true, ...rest } };
    }
    case 'pending': {
      const { kind: _k, pending, ...rest } = o;
      return { status: 202, body: { applied: false, pending, ...rest } };
    }
    case 'refused':
      return { status: STATUS.RULES_REFUSED, body: errorBody('RULES_REFUSED', o.message, { state: o.state, verdicts: o.verdicts, checked: o.checked, auditSeq: o.auditSeq }) };
    case 'invalid':
      return { status: STATUS.INVALID_TRANSITION, body: errorBody('INVALID_TRANSITION', o.message, o.auditSeq === undefined ? undefined : { state: o.state, verdicts: [], checked: [], auditSeq: o.auditSeq }) };
    case 'conflict':
      return { status: STATUS[o.code], body: errorBody(o.code, o.message, o.code === 'VERSION_CONFLICT' ? { currentVersion: o.currentVersion } : undefined) };
    case 'bad_request':
      return { status: STATUS.VALIDATION, body: errorBody('VALIDATION', o.message, o.issues) };
    case 'not_found':
      return { status: STATUS.NOT_FOUND, body: errorBody('NOT_FOUND', o.message) };
    case 'forbidden':
      return { status: STATUS.FORBIDDEN, body: errorBody('FORBIDDEN', o.message) };
  }
}

/** The 503 a database failure is answered with (with its Retry-After), or undefined for any other error. */
export function unavailableOf(error: unknown, health: Health): AppError | undefined {
  if (error instanceof AppError) return error.code === 'UNAVAILABLE' ? error : undefined;
  return health.failed(error);
}

export const retryAfterOf = (error: AppError): string => String((error.details as { retryAfter?: number } | undefined)?.retryAfter ?? 5);

export function registerErrorHandling(app: FastifyInstance, health: Health): void {
  app.setErrorHandler<FastifyError>((error, request, reply) => {
    const unavailable = unavailableOf(error, health);
    if (unavailable) return reply.code(503).header('retry-after', retryAfterOf(unavailable)).send(errorBody('UNAVAILABLE', unavailable.message, unavailable.details));
    if (error instanceof AppError && error.code === 'RATE_LIMITED') return reply.code(429).header('retry-after', retryAfterOf(error)).send(errorBody(error.code, error.message, error.details));
    if (error instanceof AppError) return reply.code(STATUS[error.code]).send(errorBody(error.code, error.message, error.details));
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

/**
 * Errors fastify's router raises before any route or hook runs (fastify's `frameworkErrors`
 * option): a path that is not valid percent-encoding (`/v1/cases/%zz`, an overlong `%C0%AE`) and
 * a path parameter over the router's 100-character limit. Both are bad input naming the path.
 */
export function frameworkErrors(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const message = error.code === 'FST_ERR_MAX_PARAM_LENGTH'
    ? 'a path parameter is over 100 characters'
    : error.code === 'FST_ERR_BAD_URL'
      ? 'the path is not valid percent-encoded UTF-8'
      : 'the request path cannot be routed';
  // Answered before any hook: the headers every answer carries are written here.
  void reply.code(400).headers(BASELINE_HEADERS).send(errorBody('VALIDATION', message, [{ path: 'params', message }]));
}

/**
 * Requests node's HTTP parser rejects (malformed request line or headers, headers over the size
 * limit, a timed-out request) never reach fastify: this writes the one error shape on the socket
 * (fastify's `clientErrorHandler` option; the default writes its own body).
 */
export function clientErrorHandler(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, code, message, path] = error.code === 'HPE_HEADER_OVERFLOW'
    ? [431, 'VALIDATION', 'the request headers are over the size limit', 'headers']
    : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? [408, 'REQUEST_TIMEOUT', 'the request was not received in time', 'body']
      : [400, 'VALIDATION', 'the request is not well-formed HTTP', 'request'];
  const body = JSON.stringify(errorBody(code, message, [{ path, message }]));
  if (socket.writable) {
    socket.write(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nContent-Type: application/json; charset=utf-8\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n${body}`);
  }
  socket.destroy(error);
}
