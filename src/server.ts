import { buildApp } from './app.ts';
import { bootstrapAdmin } from './auth/tokens.ts';
import { auditKeyPath, loadConfig } from './config.ts';
import { acquireLock } from './databaseLock.ts';
import { resolveDatabaseKey } from './databaseKey.ts';

/**
 * `npm start`: resolve the database key (generating a key file on a fresh machine), open and
 * check the database (refusing a wrong key, a foreign file, a newer schema or a damaged file
 * before anything listens), bootstrap the first admin, serve; close cleanly on SIGINT/SIGTERM.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const key = resolveDatabaseKey(config);
  if (key.created) {
    process.stdout.write(`\nFirst start: generated the database key in ${key.created} (mode 0600).\nKeep a copy of it apart from the database and its backups: without it they cannot be read.\n`);
  }
  // Held while serving: `cli restore` and `cli rekey` refuse to touch a database a server uses.
  const release = acquireLock(config.DATABASE_PATH);
  process.once('exit', release);
  const app = await buildApp({
    databasePath: config.DATABASE_PATH,
    databaseKey: key.key,
    logLevel: config.LOG_LEVEL,
    audit: { keyPath: auditKeyPath(config), origin: config.AUDIT_LOG_ORIGIN, checkpointEvery: config.AUDIT_CHECKPOINT_EVERY, checkpointSeconds: config.AUDIT_CHECKPOINT_SECONDS },
  });
  app.addHook('onClose', async () => release());
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
