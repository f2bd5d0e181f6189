import { buildApp } from './app.ts';
import { bootstrapAdmin } from './auth/tokens.ts';
import { auditKeyPath, loadConfig } from './config.ts';

/** `npm start`: migrate, bootstrap the first admin, serve; close cleanly on SIGINT/SIGTERM. */
async function main(): Promise<void> {
  const config = loadConfig();
  const app = await buildApp({
    databasePath: config.DATABASE_PATH,
    logLevel: config.LOG_LEVEL,
    audit: { keyPath: auditKeyPath(config), origin: config.AUDIT_LOG_ORIGIN, checkpointEvery: config.AUDIT_CHECKPOINT_EVERY, checkpointSeconds: config.AUDIT_CHECKPOINT_SECONDS },
  });
  const admin = bootstrapAdmin(app.services.repos, app.services.clock.now());
  if (admin) {
    // Printed once, on the console only: the token is not stored anywhere in clear.
    process.stdout.write(`\nFirst start: created user "admin" (role admin).\nAdmin token (shown once): ${admin.token}\n\n`);
  }
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      void app.close().then(() => process.exit(0));
    });
  }
  await app.listen({ host: config.HOST, port: config.PORT });
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
