import { dirname, join } from 'node:path';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import { serializerCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { DestinationStream } from 'pino';
import { closeDatabase, createRepositories, DatabaseOpenError, openDatabase, type Durability } from '../db/index.ts';
import { resolveMasterKey } from './masterKey.ts';
import { checkMasterKey, MasterKeyError } from './engine/personalData.ts';
import type { DatabaseKey } from '../db/key.ts';
import { JURISDICTION_SEED } from '../workflows/jurisdictionSeed.ts';
import { agreementRoutes } from './api/agreements.ts';
import { auditRoutes } from './api/audit.ts';
import { casesRoutes } from './api/cases.ts';
import { catalogueRoutes } from './api/catalogue.ts';
import { clientErrorHandler, frameworkErrors, registerErrorHandling } from './api/errors.ts';
import { completeOpenApi, describeRoute } from './api/openapiResponses.ts';
import { languagePlugin } from './api/language.ts';
import { impactRoutes } from './api/impact.ts';
import { simulateRoutes } from './api/simulate.ts';
import { policyRoutes } from './api/policy.ts';
import { securityRoutes } from './api/security.ts';
import { userRoutes } from './api/users.ts';
import { teamRoutes } from './api/teams.ts';
import { breakGlassRoutes } from './api/breakGlass.ts';
import { caseScopeHook } from './api/scope.ts';
import { validatorCompiler } from './api/validation.ts';
import { workflowRoutes } from './api/workflows.ts';
import { authentication } from './auth/plugin.ts';
import type { Clock } from './engine/commands.ts';
import { loggerOptions } from './logger.ts';
import { loadOrCreateKey } from './audit/signer.ts';
import { resolveDatabaseKey } from './databaseKey.ts';
import type { GroupCommitOptions } from './engine/groupCommit.ts';
import { createServices, DEFAULT_GROUP_COMMIT, DEFAULT_LOG_ORIGIN, type AccessOptions, type Services } from './services.ts';
import { transparencyRoutes } from './api/transparency.ts';
import { webPlugin } from './web/plugin.ts';
import { securityHeaders } from './securityHeaders.ts';
import type { SessionLimits } from './engine/webSessions.ts';

export interface AppOptions {
  databasePath: string;
  /** The database file's key; by default the key file beside the database (generated when new). */
  databaseKey?: DatabaseKey;
  /**
   * The master key of the per-person keys (docs/erasure.md), or where to find it (MASTER_KEY,
   * MASTER_KEY_FILE); by default `<database>.master.key`, generated when new. `:memory:`: an
   * ephemeral key unless one is given.
   */
  masterKey?: Buffer | { MASTER_KEY?: string | undefined; MASTER_KEY_FILE?: string | undefined };
  /** Told once when the master key file was generated (the server prints it). */
  onMasterKeyCreated?: (file: string) => void;
  logLevel?: string;
  /** Where log lines go (tests capture them); stdout by default. */
  logStream?: DestinationStream;
  clock?: Clock;
  /** `full` by default (see db/connection.ts). */
  durability?: Durability;
  groupCommit?: GroupCommitOptions;
  /**
   * The audit log: signing key file (`null`: an ephemeral key; default beside the database, none
   * for `:memory:`), origin line, checkpoint cadence, full-verification chunk size.
   */
  audit?: { keyPath?: string | null; origin?: string; checkpointEvery?: number; checkpointSeconds?: number; verifyChunk?: number };
  /** Token lifetime and failed-authentication throttling (TOKEN_TTL_DAYS, AUTH_FAILURE_LIMIT, AUTH_FAILURE_WINDOW_SECONDS). */
  access?: AccessOptions;
  /**
   * Fastify's `trustProxy` (TRUST_PROXY): believe X-Forwarded-For/-Proto from these proxies, so
   * behind a TLS proxy the request counts as https (Secure cookies, HSTS). Off by default.
   */
  trustProxy?: boolean | number | string;
  /** The reviewers' page sessions: idle and absolute lifetimes (default 30 minutes, 12 hours). */
  sessions?: SessionLimits;
}

export const BODY_LIMIT = 1024 * 1024;

/** Fastify takes a hop count as a function (its types do not list numbers). */
const trustProxyOf = (setting: AppOptions['trustProxy']) => (typeof setting === 'number' ? (_address: string, hop: number) => hop < setting : (setting ?? false));

/** Builds the whole application: tests build the same app as `npm start`. */
export async function buildApp(options: AppOptions): Promise<FastifyInstance & { services: Services; routes: ReadonlyArray<{ method: string; url: string }> }> {
  const key = options.databasePath === ':memory:' ? undefined : (options.databaseKey ?? resolveDatabaseKey({ DATABASE_PATH: options.databasePath }).key);
  const repos = createRepositories(openDatabase(options.databasePath, { ...(key ? { key } : {}), durability: options.durability ?? 'full' }));
  let masterKey: Buffer | undefined;
  try {
    masterKey = Buffer.isBuffer(options.masterKey)
      ? options.masterKey
      : options.databasePath === ':memory:' && !options.masterKey
        ? undefined
        : (() => {
            const resolved = resolveMasterKey({ DATABASE_PATH: options.databasePath, ...(options.masterKey ?? {}) }, () => repos.personKeys.hasAny());
            if (resolved.created) options.onMasterKeyCreated?.(resolved.created);
            return resolved.key;
          })();
    // A wrong master key is refused here, before anything is served (never a half-open server).
    if (masterKey) checkMasterKey(repos, masterKey);
  } catch (e) {
    repos.db.$client.close();
    throw e instanceof MasterKeyError ? new DatabaseOpenError(options.databasePath, `${options.databasePath}: ${e.message}`) : e;
  }
  const audit = options.audit ?? {};
  const keyPath = audit.keyPath !== undefined ? audit.keyPath : options.databasePath === ':memory:' ? null : join(dirname(options.databasePath), 'audit-signing.key');
  let securityLog: (event: { kind: string; detail: Record<string, unknown> }) => void = () => {};
  const services = createServices(repos, {
    ...(options.clock ? { clock: options.clock } : {}),
    audit: {
      key: loadOrCreateKey(keyPath, audit.origin ?? DEFAULT_LOG_ORIGIN),
      ...(audit.checkpointEvery !== undefined ? { checkpointEvery: audit.checkpointEvery } : {}),
      ...(audit.checkpointSeconds !== undefined ? { checkpointSeconds: audit.checkpointSeconds } : {}),
      ...(audit.verifyChunk !== undefined ? { verifyChunk: audit.verifyChunk } : {}),
      security: (event) => securityLog(event),
    },
    groupCommit: options.groupCommit ?? DEFAULT_GROUP_COMMIT,
    access: { ...(options.access ?? {}), enforceScope: true },
    ...(masterKey ? { masterKey } : {}),
  });
  services.policy.seedJurisdictions(JURISDICTION_SEED);

  const logger = { ...loggerOptions(options.logLevel ?? 'info'), ...(options.logStream ? { stream: options.logStream } : {}) };
  const app = Fastify({
    logger,
    bodyLimit: BODY_LIMIT,
    logController: new LogController({ disableRequestLogging: true }),
    trustProxy: trustProxyOf(options.trustProxy),
    // Bad percent-encoding and over-long path parameters are answered before any route: in the one error shape too.
    frameworkErrors,
    clientErrorHandler,
  }).withTypeProvider<ZodTypeProvider>();
  // Every route the app serves (the generated role × route × scope test walks them: test/api/scope-routes.test.ts).
  const routes: Array<{ method: string; url: string }> = [];
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) routes.push({ method, url: route.url });
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  services.health.attach(app.log);
  registerErrorHandling(app, services.health);
  // One line per request: method, path without query, status, time. Never bodies.
  app.addHook('onResponse', async (request, reply) => {
    request.log.info({ method: request.method, path: request.url.split('?')[0], status: reply.statusCode, ms: Math.round(reply.elapsedTime) }, 'request');
  });
  // A fork in the audit log goes to the security log (hashes and sizes only).
  securityLog = (event) => app.log.error({ security: true, event: event.kind, ...event.detail }, 'security event');
  // Checkpoints: after a write once enough records have accumulated, and on a timer for the rest.
  app.addHook('onResponse', async (request) => {
    if (request.method === 'GET' || request.method === 'HEAD') return;
    try {
      services.transparency.maybeCheckpoint();
    } catch (err) {
      request.log.warn({ err: { type: (err as Error).name, message: (err as Error).message } }, 'checkpoint not signed');
    }
  });
  const timer = setInterval(() => {
    try {
      services.transparency.checkpointIfGrown();
    } catch (err) {
      app.log.warn({ err: { type: (err as Error).name, message: (err as Error).message } }, 'checkpoint not signed');
    }
  }, services.transparency.options.checkpointSeconds * 1000);
  timer.unref();
  // Closing: answers sent after close() began end their connection, so keep-alive clients do not
  // hold the server open until their idle timeout.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onSend', async (_request, reply, payload) => {
    if (closing) reply.header('connection', 'close');
    return payload;
  });
  // Closing: every request has been answered (fastify waits for them); commit what is still
  // queued, then checkpoint so the WAL is folded in and removed.
  app.addHook('onClose', async () => {
    clearInterval(timer);
    services.commits.drain();
    closeDatabase(repos.db);
  });

  await app.register(securityHeaders);
  await app.register(swagger, {
    openapi: {
      info: { title: 'Key Principles case engine', version: '1.0.0', description: 'Screening and repatriation case management under the UN Key Principles (2019).' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
    transform: describeRoute,
    transformObject: (documentObject) => completeOpenApi(('openapiObject' in documentObject ? documentObject.openapiObject : documentObject.swaggerObject) as Record<string, unknown>) as never,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  // Where a newcomer lands: the reviewers' pages and the API reference.
  app.get('/', { schema: { hide: true } }, async (_request, reply) =>
    reply
      .type('text/html; charset=utf-8')
      .send(
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Key Principles case engine</title></head><body>' +
          '<h1>Key Principles case engine</h1><ul><li><a href="/ui">Reviewers\' pages (/ui)</a></li>' +
          '<li><a href="/docs">API reference (/docs, OpenAPI at /openapi.json)</a></li></ul></body></html>',
      ),
  );
  app.get('/health', { schema: { tags: ['health'], summary: 'Liveness (no auth): `degraded` (writes refused, with the reason) or `corrupt` (503) when the database cannot write; names a fork of the audit log loudly' } }, async (_request, reply) => {
    const forks = services.transparency.forks(1);
    const audit = forks.length ? { audit: { forked: true, lastFork: { at: forks[0]!.at, reportedBy: forks[0]!.reportedBy } } } : {};
    const report = services.health.report();
    if (report.status === 'ok') return { ok: true, ...audit };
    return reply.code(report.status === 'corrupt' ? 503 : 200).send({ ok: false, ...report, ...audit });
  });

  await app.register(
    async (v1) => {
      await v1.register(languagePlugin);
      await v1.register(authentication, { services });
      await v1.register(caseScopeHook, { services });
      await v1.register(casesRoutes, { services });
      await v1.register(auditRoutes, { services });
      await v1.register(agreementRoutes, { services });
      await v1.register(transparencyRoutes, { services });
      await v1.register(catalogueRoutes, { services });
      await v1.register(workflowRoutes);
      await v1.register(policyRoutes, { services });
      await v1.register(userRoutes, { services });
      await v1.register(teamRoutes, { services });
      await v1.register(breakGlassRoutes, { services });
      await v1.register(securityRoutes, { services });
      await v1.register(simulateRoutes, { services });
      await v1.register(impactRoutes, { services });
    },
    { prefix: '/v1' },
  );
  await app.register(webPlugin, { prefix: '/ui', services, ...(options.sessions ? { sessions: options.sessions } : {}) });
  return Object.assign(app, { services, routes });
}
