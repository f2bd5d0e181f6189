import { buildApp } from '../app.ts';

/** The OpenAPI document the server serves, from a throw-away in-memory instance (for docs/api.md). */
export async function openapiDocument(): Promise<Record<string, unknown>> {
  const app = await buildApp({ databasePath: ':memory:', logLevel: 'silent' });
  try {
    await app.ready();
    return app.swagger() as unknown as Record<string, unknown>;
  } finally {
    await app.close();
  }
}
