import { durabilityOf } from '../db/index.ts';
import { buildApp } from './app.ts';
import { accessOptions, auditKeyPath, loadConfig } from './config.ts';
import { bootstrapFirstAdmin, firstAdminTokenPath } from './firstAdmin.ts';
import { acquireLock } from './databaseLock.ts';
import { resolveDatabaseKey } from './databaseKey.ts';

/**
 * `npm start` (`exec node --import tsx src/server.ts`: one process, so SIGTERM and SIGINT reach
 * the server itself): resolve the database key (generating a key file on a fresh machine), take
 * the database's lock, open and check the database (refusing a wrong key, a foreign file, a newer
 * schema or a damaged file before anything listens), bootstrap the first admin, serve. On SIGTERM
 * or SIGINT: stop accepting, answer what is in flight (requests arriving meanwhile get 503),
 * commit the open batch, checkpoint, close, exit 0; past SHUTDOWN_TIMEOUT_MS, exit 1.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const key = resolveDatabaseKey(config);
  if (key.created) {
    process.stdout.write(`\nFirst start: generated the database key in ${key.created} (mode 0600).\nKeep a copy of it apart from the database and its backups: without it they cannot be read.\n`);
  }
  // Held while serving: a second server, `cli restore` and `cli rekey` refuse a database a server uses.
  const release = acquireLock(config.DATABASE_PATH);
  process.once('exit', release);
  const groupCommit = { maxBatch: config.GROUP_COMMIT_MAX_BATCH, maxWaitMs: config.GROUP_COMMIT_MAX_WAIT_MS };
  const app = await buildApp({
    databasePath: config.DATABASE_PATH,
    databaseKey: key.key,
    masterKey: { MASTER_KEY: config.MASTER_KEY, MASTER_KEY_FILE: config.MASTER_KEY_FILE },
    onMasterKeyCreated: (file) => process.stdout.write(`\nFirst start: generated the master key of the per-person keys in ${file} (mode 0600).\nKeep a copy of it apart from the database and its backups: without it no person's data can be read.\n`),
    logLevel: config.LOG_LEVEL,
    audit: { keyPath: auditKeyPath(config), origin: config.AUDIT_LOG_ORIGIN, checkpointEvery: config.AUDIT_CHECKPOINT_EVERY, checkpointSeconds: config.AUDIT_CHECKPOINT_SECONDS },
    durability: config.DURABILITY,
    groupCommit,
    access: accessOptions(config),
    trustProxy: config.TRUST_PROXY,
    sessions: { idleMinutes: config.SESSION_IDLE_MINUTES, maxHours: config.SESSION_MAX_HOURS },
  });
  // Read back from SQLite, not echoed from the setting.
  app.log.info({ durability: durabilityOf(app.services.repos.db), groupCommit }, 'database opened');
  // The token goes to a 0600 file only, never through the logger or stdout (which may be collected): they say where it is.
  const tokenFile = firstAdminTokenPath(config.DATABASE_PATH);
  const admin = bootstrapFirstAdmin(tokenFile, () => app.services.repos.users.count() > 0, () => app.services.users.bootstrapAdmin());
  if (admin) {
    app.log.info({ userId: admin.id, file: tokenFile }, 'first admin created: its token is in the file (mode 0600)');
    process.stdout.write(`\nFirst start: created user "admin" (role admin). Its token is in ${tokenFile} (mode 0600).\nRead it, keep it safe, then delete the file. A lost token: npm run cli -- users rotate-admin\n\n`);
  }

  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    // npm relays the signal it got to this process too: the second one changes nothing.
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      app.log.error({ timeoutMs: config.SHUTDOWN_TIMEOUT_MS }, 'shutdown timed out');
      process.exit(1);
    }, config.SHUTDOWN_TIMEOUT_MS);
    force.unref();
    app.close().then(
      () => {
        app.log.info({ ...app.services.commits.stats() }, 'shutdown complete');
        process.exit(0);
      },
      (error: unknown) => {
        app.log.error({ err: error instanceof Error ? { type: error.name, message: error.message } : String(error) }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => stop(signal));
  await app.listen({ host: config.HOST, port: config.PORT });
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
