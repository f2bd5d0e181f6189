/** Errors the engine raises; src/api maps each code to its HTTP status and the one error body shape. */
export type ErrorCode =
  | 'VALIDATION'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'VERSION_CONFLICT'
  | 'IDEMPOTENCY_MISMATCH'
  | 'RULES_REFUSED'
  | 'INVALID_TRANSITION'
  | 'PAYLOAD_TOO_LARGE'
  | 'RATE_LIMITED'
  | 'UNAVAILABLE'
  | 'INTERNAL';

export interface Issue {
  path: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export const notFound = (what: string) => new AppError('NOT_FOUND', `${what} not found`);

/** A 400 naming the offending fields. */
export const invalid = (issues: Issue[]) => new AppError('VALIDATION', `invalid request: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, issues);

/** zod issues as `{ path, message }`, with a prefix naming where the value came from. */
export function zodIssues(error: { issues: ReadonlyArray<ZodLikeIssue> }, prefix: string): Issue[] {
  return error.issues.flatMap((i) => unwrapUnion(i, [])).map((i) => ({ path: [prefix, ...i.path.map(String)].filter(Boolean).join('.'), message: i.message }));
}

interface ZodLikeIssue {
  readonly path: ReadonlyArray<PropertyKey>;
  readonly message: string;
  readonly code?: string;
  readonly errors?: ReadonlyArray<ReadonlyArray<ZodLikeIssue>>;
}

/**
 * A union none of whose forms matched says only "Invalid input". When all forms but one fail on
 * the value's type itself, the one whose shape the value has says what is wrong (e.g. a discipline
 * outside its vocabulary, naming the allowed values): report that form's issues instead.
 */
function unwrapUnion(issue: ZodLikeIssue, base: ReadonlyArray<PropertyKey>): Array<{ path: PropertyKey[]; message: string }> {
  const path = [...base, ...issue.path];
  if (issue.code === 'invalid_union' && issue.errors) {
    const shaped = issue.errors.filter((branch) => !branch.every((b) => b.code === 'invalid_type' && b.path.length === 0));
    if (shaped.length === 1) return shaped[0]!.flatMap((b) => unwrapUnion(b, path));
  }
  return [{ path, message: issue.message }];
}
