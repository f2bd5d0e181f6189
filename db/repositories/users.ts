import { eq, sql } from 'drizzle-orm';
import type { Db } from '../connection.ts';
import { users } from '../schema.ts';

export interface UserRow {
  id: string;
  name: string;
  roles: string[];
  disabled: boolean;
  createdAt: string;
}

const publicColumns = { id: users.id, name: users.name, roles: users.roles, disabled: users.disabled, createdAt: users.createdAt };

export function usersRepository(db: Db) {
  const byToken = db.select(publicColumns).from(users).where(eq(users.tokenHash, sql.placeholder('hash'))).prepare();
  return {
    insert(user: UserRow & { tokenHash: string }): void {
      db.insert(users).values(user).run();
    },
    findByTokenHash(hash: string): UserRow | undefined {
      return byToken.get({ hash });
    },
    get(id: string): UserRow | undefined {
      return db.select(publicColumns).from(users).where(eq(users.id, id)).get();
    },
    list(): UserRow[] {
      return db.select(publicColumns).from(users).orderBy(users.createdAt, users.id).all();
    },
    count(): number {
      return db.select({ n: sql<number>`count(*)` }).from(users).get()?.n ?? 0;
    },
    setDisabled(id: string, disabled: boolean): void {
      db.update(users).set({ disabled }).where(eq(users.id, id)).run();
    },
    rotateToken(id: string, tokenHash: string): void {
      db.update(users).set({ tokenHash }).where(eq(users.id, id)).run();
    },
  };
}
export type UsersRepository = ReturnType<typeof usersRepository>;
