import type { AuditRow } from '../../db/index.ts';
import { principles, type PrincipleId } from '../../workflows/principles.ts';
import { hasRule, getRule, principleRef } from '../../workflows/rules/registry.ts';
import type { Services } from '../services.ts';
import { html, type SafeHtml } from './html.ts';
import type { Lang, Translator } from './i18n.ts';
import { localizeVerdict } from '../../workflows/rules/explain.ts';
import { term, time } from './layout.ts';

/** A verdict as stored in an audit record (API.md "A verdict"); read defensively. */
export interface StoredVerdict {
  rule: string;
  ok: boolean;
  severity: string;
  /** Rendered from code + params in the page's language; a record from before structured verdicts keeps its stored (English) reason. */
  reason: string;
  /** The language `reason` is in. */
  reasonLang: Lang;
  principle: string;
  case?: string;
  code?: string;
  params?: Record<string, unknown>;
  facts?: string[];
  evidenceIds?: string[];
  toAllow?: string[];
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const strings = (v: unknown): string[] | undefined => (Array.isArray(v) ? v.map(String) : undefined);

export function verdictsOf(record: AuditRow, lang: Lang): StoredVerdict[] {
  if (!Array.isArray(record.verdicts)) return [];
  return record.verdicts.filter(isObject).map((stored) => {
    const v = localizeVerdict(stored, lang);
    const coded = typeof v['code'] === 'string';
    const facts = strings(v['facts']);
    const evidenceIds = strings(v['evidenceIds']);
    const toAllow = Array.isArray(v['toAllow']) ? v['toAllow'].filter(isObject).map((x) => String(x['text'] ?? x['code'] ?? '')) : undefined;
    return {
      rule: String(v['rule'] ?? ''),
      ok: v['ok'] === true,
      severity: String(v['severity'] ?? ''),
      reason: String(v['reason'] ?? ''),
      reasonLang: coded ? lang : 'en',
      principle: String(v['principle'] ?? ''),
      ...(typeof v['case'] === 'string' ? { case: v['case'] } : {}),
      ...(coded ? { code: v['code'] as string } : {}),
      ...(isObject(v['params']) ? { params: v['params'] } : {}),
      ...(facts?.length ? { facts } : {}),
      ...(evidenceIds?.length ? { evidenceIds } : {}),
      ...(toAllow?.length ? { toAllow } : {}),
    };
  });
}

export function actorOf(record: AuditRow): { id: string; roles: string[] } {
  const a = isObject(record.actor) ? record.actor : {};
  return { id: String(a['id'] ?? ''), roles: Array.isArray(a['roles']) ? a['roles'].map(String) : [] };
}

/** User names by id, looked up once per page. */
export function userNames(services: Services): (id: string) => string {
  const cache = new Map<string, string>();
  return (id) => {
    let name = cache.get(id);
    if (name === undefined) {
      name = services.repos.users.get(id)?.name ?? id;
      cache.set(id, name);
    }
    return name;
  };
}

/** A rule id linked to its row on the rules page, its summary and principle in the title. */
export function ruleLink(id: string): SafeHtml {
  if (!hasRule(id)) return html`<code>${id}</code>`;
  const rule = getRule(id);
  return html`<a class="rule mono" href="/ui/rules#${id}" title="${rule.summary} — ${principleRef(rule)}">${id}</a>`;
}

export function principleText(id: string): string {
  const p = principles.get(id as PrincipleId);
  return p ? `${p.ref} ${p.summary}` : id;
}

export function resultBadge(t: Translator, result: string): SafeHtml {
  return html`<span class="badge ${result}">${term(t, result)}</span>`;
}

export function transition(t: Translator, r: AuditRow): SafeHtml {
  if (!r.fromState && !r.toState) return html`—`;
  return html`${r.fromState ? term(t, r.fromState) : '∅'} ${t.dir === 'rtl' ? '←' : '→'} ${r.toState ? term(t, r.toState) : '∅'}`;
}

