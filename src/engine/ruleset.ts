import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Repositories } from '../../db/index.ts';
import { canonical } from '../audit/chain.ts';
import { loadJurisdictions, loadSettings } from './views.ts';

/**
 * The rule set in force (issue 15.8): the decision logic's source (every file under workflows/:
 * rules, machines, settings floors, the jurisdiction seed) plus the jurisdiction data and policy
 * settings in force. Its hash goes into every audit record as `rulesetHash`; the source is kept
 * once per hash (table rulesets) and published at GET /v1/rules?hash=…, so a decision can be
 * matched to the exact law and data that made it.
 */
const WORKFLOWS = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'workflows');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []))
    .sort();
}

let code: { hash: string; files: Record<string, string> } | null = null;
/** The decision logic's source, read once per process (it does not change while it runs). */
function codeInForce() {
  if (!code) {
    const files = Object.fromEntries(sourceFiles(WORKFLOWS).map((f) => [relative(WORKFLOWS, f).split('\\').join('/'), readFileSync(f, 'utf8')]));
    code = { hash: sha256(canonical(files)), files };
  }
  return code;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
// Per database: the last hash computed (the parsed
// jurisdictions and settings are cached objects, replaced when the data changes, so the hash is
// computed once per pair).
interface Memo { last: { jurisdictions: unknown; settings: unknown; hash: string; data: { jurisdictions: unknown; settings: unknown } } | null }
const memos = new WeakMap<Repositories, Memo>();

/** The hash of the rule set in force; its source is stored the first time it is seen. Inside the caller's transaction. */
export function rulesetHashInForce(repos: Repositories, at: string): string {
  let memo = memos.get(repos);
  if (!memo) {
    memo = { last: null };
    memos.set(repos, memo);
  }
  const jurisdictions = loadJurisdictions(repos);
  const settings = loadSettings(repos);
  if (!memo.last || memo.last.jurisdictions !== jurisdictions || memo.last.settings !== settings) {
    const data = { jurisdictions, settings };
    memo.last = { jurisdictions, settings, data, hash: sha256(`${codeInForce().hash}\n${sha256(canonical(data))}`) };
  }
  const { hash, data } = memo.last;
  // Looked up, not remembered: a rolled-back transaction must not leave a hash without its source.
  if (!repos.rulesets.has(hash)) repos.rulesets.insertIfNew(hash, canonical({ codeHash: codeInForce().hash, code: codeInForce().files, ...data }), at);
  return hash;
}
