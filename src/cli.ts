import { parseArgs } from 'node:util';
import { createRepositories, openDatabase } from '../db/index.ts';
import { ROLES } from '../workflows/roles.ts';
import { isRole, createUser } from './auth/tokens.ts';
import { loadConfig } from './config.ts';
import { createServices } from './services.ts';

/**
 * Admin commands: `users add`, `audit verify`, `migrate`, `backup`. Reads the same environment
 * as the server (DATABASE_PATH).
 */
const USAGE = `usage: npm run cli -- <command>
  migrate                                   apply migrations to DATABASE_PATH
  users add --name NAME --role ROLE [--role ROLE2] [--json]
  users list
  audit verify                              recompute the hash chain (exit 1 when broken)
  backup --out FILE                         consistent online copy of the database
roles: ${ROLES.join(', ')}`;

export async function run(argv: string[], out: (line: string) => void = (l) => process.stdout.write(`${l}\n`)): Promise<number> {
  const [group, action, ...rest] = argv;
  const config = loadConfig();
  const repos = createRepositories(openDatabase(config.DATABASE_PATH));
  const services = createServices(repos);
  try {
    if (group === 'migrate') {
      out(`migrated ${config.DATABASE_PATH}`);
      return 0;
    }
    if (group === 'users' && action === 'add') {
      const { values } = parseArgs({ args: rest, options: { name: { type: 'string' }, role: { type: 'string', multiple: true }, json: { type: 'boolean' } } });
      const roles = values.role ?? [];
      const bad = roles.filter((r) => !isRole(r));
      if (!values.name || roles.length === 0 || bad.length) {
        out(bad.length ? `unknown role(s): ${bad.join(', ')}\n${USAGE}` : USAGE);
        return 2;
      }
      const user = createUser(repos, values.name, [...new Set(roles.filter(isRole))], services.clock.now());
      out(values.json ? JSON.stringify(user) : `created ${user.name} (${user.roles.join(', ')}) id ${user.id}\ntoken (shown once): ${user.token}`);
      return 0;
    }
    if (group === 'users' && action === 'list') {
      for (const u of repos.users.list()) out(`${u.id}\t${u.name}\t${u.roles.join(',')}${u.disabled ? '\tdisabled' : ''}`);
      return 0;
    }
    if (group === 'audit' && action === 'verify') {
      const status = services.queries.verify();
      out(JSON.stringify(status));
      return status.ok ? 0 : 1;
    }
    if (group === 'backup') {
      const { values } = parseArgs({ args: [action ?? '', ...rest].filter(Boolean), options: { out: { type: 'string' } } });
      if (!values.out) {
        out(USAGE);
        return 2;
      }
      await repos.db.$client.backup(values.out);
      out(`backup written to ${values.out}`);
      return 0;
    }
    out(USAGE);
    return 2;
  } finally {
    repos.db.$client.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  run(process.argv.slice(2)).then((code) => process.exit(code), (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
