import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createRepositories, DatabaseOpenError, integrityCheck, openDatabase } from '../db/index.ts';
import { resolveMasterKey } from './masterKey.ts';
import { checkMasterKey, MasterKeyError } from './engine/personalData.ts';
import { parseDatabaseKey, rekeyDatabase } from '../db/key.ts';
import { backupDatabase } from '../db/maintenance.ts';
import { markdownPage } from '../workflows/diagram.ts';
import { allLatest, versionsOf } from '../workflows/index.ts';
import { ROLES } from '../workflows/roles.ts';
import { isRole } from './auth/tokens.ts';
import { accessOptions, auditKeyPath, loadConfig } from './config.ts';
import { loadOrCreateKey } from './audit/signer.ts';
import { runWitness } from './audit/witness.ts';
import { verifyBundle } from '../tools/audit-verify.mjs';
import { heldBy } from './databaseLock.ts';
import { generateKeyText, readKeyFile, resolveDatabaseKey, writeKeyFile } from './databaseKey.ts';
import { AppError } from './engine/errors.ts';
import { migrateWorkflow, StateMapping } from './engine/migrate.ts';
import { OPERATOR } from './engine/users.ts';
import { replayAll, replayCase } from './engine/replay.ts';
import { encryptDatabase, restoreDatabase } from './restore.ts';
import { createServices } from './services.ts';
import { formatImpact, progressBar } from './scenarios/impactText.ts';
import { impactAnalysis } from './scenarios/impact.ts';

/**
 * Admin commands: `users add`, `audit verify`, `migrate`, `backup`. Reads the same environment
 * as the server (DATABASE_PATH).
 */
const USAGE = `usage: npm run cli -- <command>
  migrate                                   apply migrations to DATABASE_PATH
  users add --name NAME --role ROLE [--role ROLE2] [--team TEAM]... [--json]
                                            create a user (applies at once: the operator is on the machine; audited)
  users list [--json]                       users with roles, status and token expiry (never a token)
  users disable --id ID | users enable --id ID
  users revoke --id ID                      revoke every live token of a user
  users rotate --id ID                      issue a new token (older ones revoked), shown once
  users rotate-admin [--id ID]              the same for the first active admin (a lost first-admin token)
  audit verify [--incremental] [--detail]   re-hash the whole log: chain, Merkle leaves, signed checkpoints (exit 1 when broken)
  audit checkpoint                          sign a checkpoint of the log now
  audit verify-proof FILE [--key VKEY] [--complete]
                                            check a proof bundle (a case history export) offline (exit 1 when any check fails;
                                            --complete: also when it has no signed list of the case's records, as v1 bundles)
  audit witness --url URL --token TOKEN --state FILE --key FILE --name NAME
                                            act as a witness: check consistency with the last checkpoint seen, cosign (exit 1 on a fork)
  backup --out FILE [--key-file KEYFILE]    consistent online copy, encrypted under the database key,
                                            or under the key in KEYFILE (generated there if absent)
  rekey [--new-key-file KEYFILE]            re-encrypt the database under a new key (generated into
                                            the key file in use, or read from KEYFILE)
  restore --from BACKUP [--key-file KEYFILE] replace the database by a backup (refused while a server
                                            runs); prints integrity_check and the audit-chain verification
  encrypt                                   convert an unencrypted database (older versions) to an encrypted one
  check                                     PRAGMA integrity_check and the full audit-chain verification
  diagrams --out DIR                        write one Markdown page with a Mermaid diagram per workflow
  workflows migrate --kind K --from V1 --to V2 --map mapping.json [--dry-run]
                                            move instances between machine versions (all or nothing, audited)
  replay --case ID | --all                  rebuild workflow states from the audit records; report differences
  impact (--settings JSON | --jurisdiction FILE | --rule-set ID) [--case REF]... [--workflow K]
         [--scenarios] [--limit N] [--json] [--lang en|ar]
                                            which recorded decisions a proposed law would change (reads only;
                                            a progress bar on stderr; verdicts in --lang)
roles: ${ROLES.join(', ')}`;

export async function run(argv: string[], out: (line: string) => void = (l) => process.stdout.write(`${l}\n`)): Promise<number> {
  const [group, action, ...rest] = argv;
  const config = loadConfig();
  if (group === 'restore') {
    const { values } = parseArgs({ args: [action ?? '', ...rest].filter(Boolean), options: { from: { type: 'string' }, 'key-file': { type: 'string' } } });
    if (!values.from) {
      out(USAGE);
      return 2;
    }
    return restoreDatabase(config, values.from, values['key-file'], out);
  }
  if (group === 'encrypt') return encryptDatabase(config, out);
  let key;
  let repos;
  let masterKey: Buffer;
  try {
    key = resolveDatabaseKey(config);
    // On stderr: stdout stays one JSON line for `--json` callers.
    if (key.created) process.stderr.write(`generated the database key in ${key.created} (mode 0600): keep a copy apart from the database\n`);
    repos = createRepositories(openDatabase(config.DATABASE_PATH, { key: key.key }));
    const opened = repos;
    const master = resolveMasterKey(config, () => opened.personKeys.hasAny());
    if (master.created) process.stderr.write(`generated the master key in ${master.created} (mode 0600): keep a copy apart from the database\n`);
    try {
      checkMasterKey(repos, master.key);
    } catch (e) {
      repos.db.$client.close();
      throw e instanceof MasterKeyError ? new DatabaseOpenError(config.DATABASE_PATH, `${config.DATABASE_PATH}: ${e.message}`) : e;
    }
    masterKey = master.key;
  } catch (e) {
    if (!(e instanceof DatabaseOpenError)) throw e;
    out(e.message);
    return 1;
  }
  const services = createServices(repos, {
    masterKey,
    audit: {
      key: loadOrCreateKey(auditKeyPath(config), config.AUDIT_LOG_ORIGIN),
      checkpointEvery: config.AUDIT_CHECKPOINT_EVERY,
      checkpointSeconds: config.AUDIT_CHECKPOINT_SECONDS,
    },
    access: accessOptions(config),
  });
  try {
    if (group === 'migrate') {
      out(`migrated ${config.DATABASE_PATH}`);
      return 0;
    }
    if (group === 'users' && action === 'add') {
      const { values } = parseArgs({ args: rest, options: { name: { type: 'string' }, role: { type: 'string', multiple: true }, team: { type: 'string', multiple: true }, json: { type: 'boolean' } } });
      const roles = values.role ?? [];
      const bad = roles.filter((r) => !isRole(r));
      if (!values.name || roles.length === 0 || bad.length) {
        out(bad.length ? `unknown role(s): ${bad.join(', ')}\n${USAGE}` : USAGE);
        return 2;
      }
      // The operator at the machine: the grant applies at once, audited as the CLI's.
      const created = refusedOr(out, () => services.users.create({ name: values.name!, roles: [...new Set(roles.filter(isRole))], teamIds: values.team }, OPERATOR, 'operator'));
      if (!created || !('applied' in created)) return 1;
      const user = created.applied;
      out(values.json ? JSON.stringify(user) : `created ${user.name} (${user.roles.join(', ')}) id ${user.id}\ntoken (shown once): ${user.token}`);
      return 0;
    }
    if (group === 'users' && action === 'list') {
      const { values } = parseArgs({ args: rest, options: { json: { type: 'boolean' } } });
      for (const u of services.users.list()) {
        if (values.json) {
          out(JSON.stringify(u));
          continue;
        }
        const live = u.tokens.filter((t) => t.status === 'active');
        const expiry = live.length ? `token expires ${live.map((t) => t.expiresAt).sort().at(-1)}` : 'no live token';
        out(`${u.id}\t${u.name}\t${u.roles.join(',')}${u.disabled ? '\tdisabled' : ''}\t${expiry}`);
      }
      return 0;
    }
    if (group === 'users' && ['disable', 'enable', 'revoke', 'rotate', 'rotate-admin'].includes(action ?? '')) {
      const { values } = parseArgs({ args: rest, options: { id: { type: 'string' }, json: { type: 'boolean' } } });
      // `rotate-admin`: the first active admin (the first start's, when its token file was lost).
      const id = action === 'rotate-admin' ? (values.id ?? services.users.activeAdmins()[0]) : values.id;
      if (!id) {
        out(action === 'rotate-admin' ? 'no active admin: create one with users add --name NAME --role admin' : USAGE);
        return action === 'rotate-admin' ? 1 : 2;
      }
      if (action === 'disable' || action === 'enable') {
        const user = refusedOr(out, () => services.users.setDisabled(id, action === 'disable', OPERATOR));
        if (!user) return 1;
        out(values.json ? JSON.stringify(user) : `${user.id} ${user.status}`);
        return 0;
      }
      if (action === 'revoke') {
        const r = refusedOr(out, () => services.users.revokeTokens(id, OPERATOR));
        if (!r) return 1;
        out(values.json ? JSON.stringify(r) : `revoked ${r.revoked.length} token(s) of ${id}`);
        return 0;
      }
      const issued = refusedOr(out, () => services.users.issueToken(id, false, OPERATOR, 'operator'));
      if (!issued || !('applied' in issued)) return 1;
      const { token, expiresAt, tokenId } = issued.applied;
      out(values.json ? JSON.stringify({ id, token, expiresAt, tokenId }) : `new token for ${id} (older ones revoked), expires ${expiresAt}\ntoken (shown once): ${token}`);
      return 0;
    }
    if (group === 'audit' && action === 'verify') {
      const { values } = parseArgs({ args: rest, options: { incremental: { type: 'boolean' }, detail: { type: 'boolean' } } });
      const status = values.incremental ? services.verifier.incremental() : services.verifier.fullSync();
      const { ok, records, firstBroken } = status;
      out(JSON.stringify(values.detail ? status : { ok, records, ...(firstBroken ? { firstBroken } : {}) }));
      return status.ok ? 0 : 1;
    }
    if (group === 'audit' && action === 'checkpoint') {
      const cp = services.transparency.checkpoint();
      out(cp.note.trimEnd());
      return 0;
    }
    if (group === 'audit' && action === 'verify-proof') {
      const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { key: { type: 'string' }, complete: { type: 'boolean' } } });
      const file = positionals[0];
      if (!file) {
        out(USAGE);
        return 2;
      }
      let bundle: unknown;
      try {
        const parsed = JSON.parse(readFileSync(file, 'utf8')) as { proofs?: unknown };
        bundle = parsed.proofs ?? parsed;
      } catch (e) {
        out(`cannot read ${file}: ${(e as Error).message}`);
        return 2;
      }
      const result = verifyBundle(bundle, values.key, { requireComplete: values.complete === true });
      out(JSON.stringify(result));
      return result.ok ? 0 : 1;
    }
    if (group === 'audit' && action === 'witness') {
      const { values } = parseArgs({ args: rest, options: { url: { type: 'string' }, token: { type: 'string' }, state: { type: 'string' }, key: { type: 'string' }, name: { type: 'string' } } });
      const token = values.token ?? process.env['WITNESS_TOKEN'];
      if (!values.url || !token || !values.state || !values.key || !values.name) {
        out(USAGE);
        return 2;
      }
      const outcome = await runWitness({ url: values.url, token, statePath: values.state, keyPath: values.key, name: values.name });
      out(JSON.stringify(outcome));
      return outcome.status === 'cosigned' ? 0 : 1;
    }
    if (group === 'backup') {
      const { values } = parseArgs({ args: [action ?? '', ...rest].filter(Boolean), options: { out: { type: 'string' }, 'key-file': { type: 'string' } } });
      if (!values.out) {
        out(USAGE);
        return 2;
      }
      const keyFile = values['key-file'];
      if (keyFile && !existsSync(keyFile)) {
        writeKeyFile(keyFile, generateKeyText());
        out(`generated the backup key in ${keyFile} (mode 0600)`);
      }
      backupDatabase(repos.db.$client, values.out, key.key, keyFile ? readKeyFile(keyFile) : undefined);
      out(`backup written to ${values.out}, encrypted under ${keyFile ?? key.source}`);
      return 0;
    }
    if (group === 'rekey') {
      const { values } = parseArgs({ args: [action ?? '', ...rest].filter(Boolean), options: { 'new-key-file': { type: 'string' } } });
      const holder = heldBy(config.DATABASE_PATH);
      if (holder !== undefined) {
        out(`refused: a server (pid ${holder}) holds ${config.DATABASE_PATH}; stop it, then rekey`);
        return 1;
      }
      const target = values['new-key-file'];
      if (!target && !key.file) {
        out(`the key comes from DATABASE_KEY: name the new key with --new-key-file KEYFILE\n${USAGE}`);
        return 2;
      }
      if (target) {
        rekeyDatabase(repos.db.$client, readKeyFile(target));
        out(`${config.DATABASE_PATH} is now encrypted under ${target}: set DATABASE_KEY_FILE=${target}. Backups made before keep their old key.`);
        return 0;
      }
      // The new key is on disk before the database uses it, so no crash leaves a database without its key.
      const file = key.file!;
      const text = generateKeyText();
      writeKeyFile(`${file}.new`, text, true);
      rekeyDatabase(repos.db.$client, parseDatabaseKey(text));
      renameSync(`${file}.new`, file);
      out(`${config.DATABASE_PATH} is now encrypted under a new key in ${file}. Backups made before keep their old key.`);
      return 0;
    }
    if (group === 'check') {
      const problems = integrityCheck(repos.db.$client);
      out(`integrity_check ${config.DATABASE_PATH}: ${problems.length ? problems.join('; ') : 'ok'}`);
      const status = services.queries.verify();
      out(`audit verify: ${JSON.stringify(status)}`);
      return problems.length === 0 && status.ok ? 0 : 1;
    }
    if (group === 'diagrams') {
      const { values } = parseArgs({ args: [action ?? '', ...rest].filter(Boolean), options: { out: { type: 'string' } } });
      if (!values.out) {
        out(USAGE);
        return 2;
      }
      mkdirSync(values.out, { recursive: true });
      for (const def of allLatest()) {
        const file = join(values.out, `${def.kind}.md`);
        writeFileSync(file, markdownPage(def, versionsOf(def.kind).map((v) => v.version)));
        out(`wrote ${file}`);
      }
      return 0;
    }
    if (group === 'workflows' && action === 'migrate') {
      const { values } = parseArgs({ args: rest, options: { kind: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, map: { type: 'string' }, 'dry-run': { type: 'boolean' } } });
      if (!values.kind || !values.from || !values.to || !values.map) {
        out(USAGE);
        return 2;
      }
      try {
        const mapping = StateMapping.parse(JSON.parse(readFileSync(values.map, 'utf8')));
        const report = migrateWorkflow(repos, services.clock, {
          kind: values.kind, from: Number(values.from), to: Number(values.to), mapping, actor: { id: 'cli', roles: ['admin'] }, dryRun: values['dry-run'] ?? false,
        });
        out(JSON.stringify(report));
        return 0;
      } catch (e) {
        out(e instanceof AppError ? JSON.stringify({ error: { code: e.code, message: e.message, details: e.details } }) : `migration refused: ${e instanceof Error ? e.message : String(e)}`);
        return 1;
      }
    }
    if (group === 'replay') {
      const { values } = parseArgs({ args: [action ?? '', ...rest].filter(Boolean), options: { case: { type: 'string' }, all: { type: 'boolean' } } });
      if (!values.case && !values.all) {
        out(USAGE);
        return 2;
      }
      const reports = values.case ? [replayCase(repos, values.case)] : replayAll(repos);
      for (const r of reports) out(JSON.stringify(r));
      return reports.every((r) => r.ok) ? 0 : 1;
    }
    if (group === 'impact') {
      const { values } = parseArgs({
        args: [action ?? '', ...rest].filter(Boolean),
        options: {
          settings: { type: 'string' }, jurisdiction: { type: 'string' }, 'rule-set': { type: 'string' }, case: { type: 'string', multiple: true },
          workflow: { type: 'string' }, scenarios: { type: 'boolean' }, limit: { type: 'string' }, json: { type: 'boolean' }, lang: { type: 'string' },
        },
      });
      if ((!values.settings && !values.jurisdiction && !values['rule-set']) || (values.lang !== undefined && values.lang !== 'en' && values.lang !== 'ar')) {
        out(USAGE);
        return 2;
      }
      const change = {
        ...(values.settings ? { settings: JSON.parse(values.settings) as unknown } : {}),
        ...(values.jurisdiction ? { jurisdiction: JSON.parse(readFileSync(values.jurisdiction, 'utf8')) as unknown } : {}),
        ...(values['rule-set'] ? { ruleSet: values['rule-set'] } : {}),
      };
      const body = {
        change, source: values.scenarios ? 'scenarios' : 'cases', ...(values.case ? { cases: values.case } : {}), ...(values.workflow ? { workflow: values.workflow } : {}),
        ...(values.limit ? { limit: Number(values.limit) } : {}),
      };
      try {
        const report = impactAnalysis(repos, body, { onProgress: progressBar(values.scenarios ? 'scenarios' : 'records') });
        process.stderr.write('\n');
        out(values.json ? JSON.stringify(report) : formatImpact(report, values.lang === 'ar' ? 'ar' : 'en'));
        return 0;
      } catch (e) {
        if (!(e instanceof AppError)) throw e;
        out(JSON.stringify({ error: { code: e.code, message: e.message, details: e.details } }));
        return 1;
      }
    }
    out(USAGE);
    return 2;
  } finally {
    repos.db.$client.close();
  }
}

/** The engine's refusal (a 4xx error) as one JSON line and undefined; anything else is thrown on. */
function refusedOr<T>(out: (line: string) => void, fn: () => T): T | undefined {
  try {
    return fn();
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    out(JSON.stringify({ error: { code: e.code, message: e.message, ...(e.details === undefined ? {} : { details: e.details }) } }));
    return undefined;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  run(process.argv.slice(2)).then((code) => process.exit(code), (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
