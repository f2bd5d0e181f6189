import type { AuditRow } from '../../db/index.ts';
import { principles, principleTitles, type PrincipleId } from '../../workflows/principles.ts';
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

/** A principle's human title in the page's language ("Due process"), the id itself for one the catalogue does not know. */
export function principleTitle(id: string, lang: Lang): string {
  return principleTitles[id as PrincipleId]?.[lang] ?? id;
}

/** A principle as a verdict cites it: its title, the KP reference beside it; the id stays in an attribute. */
export function principleLabel(t: Translator, id: string): SafeHtml {
  const p = principles.get(id as PrincipleId);
  return html`<span class="principle" data-principle="${id}" ${p && t.lang === 'en' ? html`title="${p.summary}"` : ''}>${principleTitle(id, t.lang)}${p ? html` <small class="ref">(${p.ref})</small>` : ''}</span>`;
}

/** The anchor of an evidence item on the case page (its id may hold . _ : / -). */
export const evidenceAnchor = (id: string): string => `ev-${id.replace(/[^A-Za-z0-9_-]/g, '_')}`;

function paramValue(t: Translator, v: unknown): string {
  if (Array.isArray(v)) return v.map((x) => paramValue(t, x)).join(t.lang === 'ar' ? '، ' : ', ');
  if (v === null || v === undefined) return '—';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/**
 * What a structured verdict adds under its reason: what would allow it, the facts it read, the
 * values it used (params) and the evidence it weighed, each evidence id linked to the item on the
 * case page. `evidenceHref` says where an id links (the print view has no evidence list).
 */
export function explanationOf(t: Translator, v: StoredVerdict, evidenceHref: (id: string) => string | undefined = (id) => `#${evidenceAnchor(id)}`): SafeHtml | '' {
  if (!v.code) return '';
  const params = Object.entries(v.params ?? {});
  return html`<dl class="explain">
  ${v.toAllow?.length ? html`<dt>${t.t('toAllow')}</dt><dd><ul>${v.toAllow.map((x) => html`<li>${x}</li>`)}</ul></dd>` : ''}
  ${v.facts?.length ? html`<dt>${t.t('factsRead')}</dt><dd><ul class="facts-read" dir="ltr">${v.facts.map((f) => html`<li><code>${f}</code></li>`)}</ul></dd>` : ''}
  ${params.length ? html`<dt>${t.t('paramsUsed')}</dt><dd><dl class="params" dir="ltr">${params.map(([k, x]) => html`<dt><code>${k}</code></dt><dd><code>${paramValue(t, x)}</code></dd>`)}</dl></dd>` : ''}
  ${v.evidenceIds?.length ? html`<dt>${t.t('evidenceUsed')}</dt><dd><ul class="evidence-ids" dir="ltr">${v.evidenceIds.map((id) => {
    const href = evidenceHref(id);
    return html`<li>${href ? html`<a class="mono" href="${href}" data-evidence="${id}">${id}</a>` : html`<code>${id}</code>`}</li>`;
  })}</ul></dd>` : ''}
  <dt>${t.t('verdictCode')}</dt><dd><code dir="ltr">${v.code}</code></dd>
</dl>`;
}

export function resultBadge(t: Translator, result: string): SafeHtml {
  return html`<span class="badge ${result}">${term(t, result)}</span>`;
}

export function transition(t: Translator, r: AuditRow): SafeHtml {
  if (!r.fromState && !r.toState) return html`—`;
  // A refused or pending command moved nothing: "stayed in submitted", not "submitted → submitted".
  if (r.result !== 'applied' && r.fromState && (r.toState === r.fromState || !r.toState)) return html`<span class="stayed">${t.t('stayedIn', { state: t.term(r.fromState) })}</span>`;
  return html`${r.fromState ? term(t, r.fromState) : '∅'} ${t.dir === 'rtl' ? '←' : '→'} ${r.toState ? term(t, r.toState) : '∅'}`;
}

