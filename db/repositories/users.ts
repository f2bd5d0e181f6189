import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../connection.ts';
import { teamMembers, tokens, users } from '../schema.ts';

export interface UserRow {
  id: string;
  name: string;
  roles: string[];
  disabled: boolean;
  createdAt: string;
}

export interface TokenRow {
  id: string;
  userId: string;
  tokenHash: string;
  prefix: string;
  issuedAt: string;
  expiresAt: string;
  revokedAt: string | null;
}

/** A token looked up by its hash, with its user: the caller decides on expiry, revocation and a disabled user. */
export interface TokenOwner {
  user: UserRow;
  token: Omit<TokenRow, 'tokenHash'>;
}

const publicColumns = { id: users.id, name: users.name, roles: users.roles, disabled: users.disabled, createdAt: users.createdAt };
const tokenColumns = { id: tokens.id, userId: tokens.userId, prefix: tokens.prefix, issuedAt: tokens.issuedAt, expiresAt: tokens.expiresAt, revokedAt: tokens.revokedAt };

export function usersRepository(db: Db) {
  const byToken = db
    .select({ user: publicColumns, token: tokenColumns })
    .from(tokens)
    .innerJoin(users, eq(users.id, tokens.userId))
    .where(eq(tokens.tokenHash, sql.placeholder('hash')))
    .prepare();
  return {
    /** A user, in the teams named (the default team when none is). */
    insert(user: UserRow, teamIds: readonly string[] = ['team-default']): void {
      db.insert(users).values(user).run();
      for (const teamId of teamIds) db.insert(teamMembers).values({ teamId, userId: user.id }).run();
    },
    insertToken(token: TokenRow): void {
      db.insert(tokens).values(token).run();
    },
    findByTokenHash(hash: string): TokenOwner | undefined {
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
    /** Revokes every live token of a user (before a new one is issued, or when asked). */
    revokeTokens(userId: string, at: string): number {
      return db.update(tokens).set({ revokedAt: at }).where(and(eq(tokens.userId, userId), isNull(tokens.revokedAt))).run().changes;
    },
    tokensOf(userId: string): Array<Omit<TokenRow, 'tokenHash'>> {
      return db.select(tokenColumns).from(tokens).where(eq(tokens.userId, userId)).orderBy(tokens.issuedAt, tokens.id).all();
    },
  };
}
export type UsersRepository = ReturnType<typeof usersRepository>;
