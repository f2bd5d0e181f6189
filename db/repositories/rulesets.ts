import type { Db } from '../connection.ts';

/** Rule sets by hash (db/transparencySchema.ts `rulesets`): stored once, never changed. */
export function rulesetsRepository(db: Db) {
  const insert = db.$client.prepare('insert or ignore into rulesets (hash, source, first_seen_at) values (?, ?, ?)');
  const get = db.$client.prepare<[string], { hash: string; source: string; first_seen_at: string }>('select hash, source, first_seen_at from rulesets where hash = ?');
  const has = db.$client.prepare<[string], { n: number }>('select 1 as n from rulesets where hash = ?');
  return {
    has: (hash: string): boolean => has.get(hash) !== undefined,
    insertIfNew(hash: string, source: string, at: string): void {
      insert.run(hash, source, at);
    },
    get(hash: string): { hash: string; source: unknown; firstSeenAt: string } | undefined {
      const r = get.get(hash);
      return r && { hash: r.hash, source: JSON.parse(r.source), firstSeenAt: r.first_seen_at };
    },
  };
}
