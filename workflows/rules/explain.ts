import { renderAll, render, type Message, type MessageLang, type Params } from './messages.ts';

/**
 * Verdicts as a reader sees them: `reason` rendered from code + params in the reader's language,
 * each `toAllow` hint with its `text`. Records are read defensively (they outlive the code that
 * wrote them): a verdict without a code keeps its stored reason. Pure.
 */

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const isParams = (v: unknown): v is Params => isObject(v);

function messageOf(v: unknown): Message | null {
  if (!isObject(v) || typeof v['code'] !== 'string') return null;
  return isParams(v['params']) ? { code: v['code'], params: v['params'] } : { code: v['code'] };
}

/** A stored or fresh verdict shape: a rule id, ok, a severity. */
const looksLikeVerdict = (v: Record<string, unknown>): boolean => typeof v['rule'] === 'string' && typeof v['ok'] === 'boolean' && typeof v['severity'] === 'string';

/** The verdict with `reason` (and each `toAllow[].text`) in `lang`; unchanged when it carries no code. */
export function localizeVerdict<T>(verdict: T, lang: MessageLang): T {
  if (!isObject(verdict)) return verdict;
  const first = messageOf(verdict);
  if (!first) return verdict;
  const more = Array.isArray(verdict['more']) ? verdict['more'].map(messageOf).filter((m): m is Message => m !== null) : [];
  const toAllow = Array.isArray(verdict['toAllow']) ? { toAllow: verdict['toAllow'].map((t) => (messageOf(t) ? { ...(t as object), text: render(messageOf(t) as Message, lang) } : t)) } : {};
  return { ...verdict, reason: renderAll([first, ...more], lang), ...toAllow } as T;
}

/**
 * Every verdict inside `value` (an API answer: a command's result, an error's details, previews,
 * a dry-run trace, audit records) localized, except inside a record's `hashed` form. Returns
 * `value` itself when nothing changed.
 */
export function localizeVerdicts<T>(value: T, lang: MessageLang): T {
  const go = (v: unknown, depth: number): unknown => {
    if (depth > 12 || v === null || typeof v !== 'object') return v;
    if (Array.isArray(v)) {
      let changed = false;
      const out = v.map((x) => {
        const y = go(x, depth + 1);
        if (y !== x) changed = true;
        return y;
      });
      return changed ? out : v;
    }
    const record = v as Record<string, unknown>;
    if (looksLikeVerdict(record)) return localizeVerdict(record, lang);
    let changed = false;
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(record)) {
      // A record in the form the log hashes (a proof bundle's `hashed`) travels verbatim: a derived
      // reason added to it would break its hash for whoever re-hashes it.
      const y = k === 'hashed' ? x : go(x, depth + 1);
      if (y !== x) changed = true;
      out[k] = y;
    }
    return changed ? out : v;
  };
  return go(value, 0) as T;
}

/** What an audit record stores of a verdict: code + params (+ facts, evidence), not the rendered text. */
export function storedVerdict<T extends { code?: string; reason: string }>(verdict: T): T | Omit<T, 'reason'> {
  if (!verdict.code) return verdict;
  const { reason: _derived, ...stored } = verdict;
  return stored;
}
