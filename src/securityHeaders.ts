import helmet from '@fastify/helmet';
import fp from 'fastify-plugin';

/**
 * One Content-Security-Policy for every answer: the reviewers' pages and /docs load scripts and
 * styles from this server only (Mermaid and Swagger UI write inline styles into what they draw);
 * JSON answers are not rendered, so the same policy costs them nothing.
 */
const CSP = {
  useDefaults: false,
  directives: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", 'data:'],
    fontSrc: ["'self'", 'data:'],
    objectSrc: ["'none'"],
    baseUri: ["'none'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
  },
};

/** What every answer carries, also those written before any hook runs (src/api/errors.ts). */
export const BASELINE_HEADERS = { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' } as const;

/** One year, as helmet would send it; only over TLS (a browser ignores it over http anyway). */
const HSTS = 'max-age=31536000; includeSubDomains';

/** Static files that may be cached: everything else is answered `no-store`. */
const CACHEABLE = ['/ui/assets/', '/docs/static/'];

/**
 * Headers on every answer, errors included. helmet (nosniff, CSP, frame and referrer policies,
 * cross-origin policies) writes them when a request arrives, so a 401 from authentication or a
 * 404 carries them too. `Cache-Control: no-store` (answers hold case data: no browser or proxy
 * keeps a copy) and HSTS are set when the answer leaves. HSTS only when the request came over
 * TLS: directly, or through a proxy trusted with TRUST_PROXY (X-Forwarded-Proto), so local http
 * use is never told to switch to https.
 */
export const securityHeaders = fp(
  async (app) => {
    await app.register(helmet, {
      contentSecurityPolicy: CSP,
      strictTransportSecurity: false,
      xFrameOptions: { action: 'deny' },
      referrerPolicy: { policy: 'no-referrer' },
    });
    app.addHook('onSend', async (request, reply, payload) => {
      if (!CACHEABLE.some((prefix) => request.url.startsWith(prefix))) reply.header('cache-control', 'no-store');
      // Written again here: a few framework errors are answered before the onRequest hooks run.
      reply.header('x-content-type-options', 'nosniff');
      if (request.protocol === 'https') reply.header('strict-transport-security', HSTS);
      return payload;
    });
  },
  { name: 'security-headers' },
);
