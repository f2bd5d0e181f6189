import type { Db } from '../connection.ts';

/** A person's wrapped data key; `wrappedKey` null once the person was erased. */
export interface PersonKeyRow {
  caseId: string;
  wrappedKey: string | null;
  createdAt: string;
  erasedAt: string | null;
}

/** Per-person data keys and the master key's check value (docs/erasure.md). The crypto is the engine's. */
export function personKeysRepository(db: Db) {
  const get = db.$client.prepare<[string], { case_id: string; wrapped_key: string | null; created_at: string; erased_at: string | null }>('select case_id, wrapped_key, created_at, erased_at from person_keys where case_id = ?');
  const insert = db.$client.prepare('insert into person_keys (case_id, wrapped_key, created_at) values (?, ?, ?)');
  const erase = db.$client.prepare("update person_keys set wrapped_key = null, erased_at = ? where case_id = ?");
  const tombstone = db.$client.prepare('insert into person_keys (case_id, wrapped_key, created_at, erased_at) values (?, null, ?, ?) on conflict (case_id) do update set wrapped_key = null, erased_at = excluded.erased_at');
  const any = db.$client.prepare<[], { n: number }>('select count(*) as n from (select 1 from person_keys limit 1)');
  const without = db.$client.prepare<[number], { id: string }>('select c.id from cases c where not exists (select 1 from person_keys k where k.case_id = c.id) limit ?');
  const getCheck = db.$client.prepare<[], { check_value: string }>('select check_value from master_key_check where id = 1');
  const putCheck = db.$client.prepare('insert into master_key_check (id, check_value, created_at) values (1, ?, ?)');
  return {
    get(caseId: string): PersonKeyRow | undefined {
      const r = get.get(caseId);
      return r && { caseId: r.case_id, wrappedKey: r.wrapped_key, createdAt: r.created_at, erasedAt: r.erased_at };
    },
    insert(caseId: string, wrappedKey: string, at: string): void {
      insert.run(caseId, wrappedKey, at);
    },
    /** Destroys the wrapped key (the row stays as the mark that the person was erased). */
    erase(caseId: string, at: string): void {
      if (erase.run(at, caseId).changes === 0) tombstone.run(caseId, at, at);
    },
    hasAny(): boolean {
      return any.get()!.n > 0;
    },
    /** Cases with no key row (registered before per-person keys). */
    casesWithout(limit: number): string[] {
      return without.all(limit).map((r) => r.id);
    },
    checkValue(): string | undefined {
      return getCheck.get()?.check_value;
    },
    putCheckValue(value: string, at: string): void {
      putCheck.run(value, at);
    },
  };
}
