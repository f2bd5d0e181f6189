import { parse as parseYaml } from 'yaml';
import type { Repositories } from '../../db/index.ts';
import { allLatest } from '../../workflows/index.ts';
import { proposedRuleSets } from '../../workflows/ruleSets.ts';
import { localizeVerdicts } from '../../workflows/rules/explain.ts';
import { AppError } from '../engine/errors.ts';
import type { ImpactChange, ImpactReport, RuleChange } from '../engine/impact.ts';
import { impactAnalysis } from '../scenarios/impact.ts';
import { html, type SafeHtml } from './html.ts';
import { term, type View } from './layout.ts';
import type { Problem } from './policyScenario.ts';
import { resultBadge } from './records.ts';
import { CSRF_FIELD } from './session.ts';

/** What the impact form holds, as typed (shown again with the result or the problems). */
export interface ImpactForm {
  source: string;
  settings: string;
  jurisdiction: string;
  ruleSet: string;
  cases: string;
  workflow: string;
  from: string;
  to: string;
  limit: string;
}

const FIELDS = ['source', 'settings', 'jurisdiction', 'ruleSet', 'cases', 'workflow', 'from', 'to', 'limit'] as const;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function impactFormOf(body: Record<string, unknown>): ImpactForm {
  const get = (k: string) => (typeof body[k] === 'string' ? (body[k] as string).trim() : '');
  return Object.fromEntries(FIELDS.map((k) => [k, get(k)])) as unknown as ImpactForm;
}

export const emptyImpactForm = (): ImpactForm => ({ source: 'cases', settings: '', jurisdiction: '', ruleSet: '', cases: '', workflow: '', from: '', to: '', limit: '500' });

/** The form as POST /v1/impact's body; the problems, named by field, when it cannot be one. */
function requestOf(form: ImpactForm): { body: Record<string, unknown> } | { problems: Problem[] } {
  const problems: Problem[] = [];
  const yaml = (field: 'settings' | 'jurisdiction'): unknown => {
    if (!form[field]) return undefined;
    try {
      const value: unknown = parseYaml(form[field]);
      if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value;
      problems.push({ path: field, message: 'must be a mapping of fields to values' });
    } catch (e) {
      problems.push({ path: field, message: `not YAML or JSON: ${e instanceof Error ? (e.message.split('\n')[0] ?? '') : String(e)}` });
    }
    return undefined;
  };
  const settings = yaml('settings');
  const jurisdiction = yaml('jurisdiction');
  const day = (field: 'from' | 'to', time: string) => {
    if (!form[field]) return undefined;
    if (DAY.test(form[field])) return `${form[field]}T${time}Z`;
    problems.push({ path: field, message: 'a date as YYYY-MM-DD' });
    return undefined;
  };
  const from = day('from', '00:00:00.000');
  const to = day('to', '23:59:59.999');
  const limit = form.limit === '' ? undefined : Number(form.limit);
  if (limit !== undefined && !Number.isInteger(limit)) problems.push({ path: 'limit', message: 'a whole number' });
  if (problems.length) return { problems };
  const cases = form.cases.split(/[\s,]+/).filter(Boolean);
  return {
    body: {
      change: { ...(settings ? { settings } : {}), ...(jurisdiction ? { jurisdiction } : {}), ...(form.ruleSet ? { ruleSet: form.ruleSet } : {}) },
      source: form.source === 'scenarios' ? 'scenarios' : 'cases',
      ...(cases.length ? { cases } : {}),
      ...(form.workflow ? { workflow: form.workflow } : {}),
      ...(from ? { from } : {}),
      ...(to ? { to } : {}),
      ...(limit !== undefined ? { limit } : {}),
    },
  };
}

/** Runs the analysis POST /v1/impact runs (reads only); 4xx errors become problems named by field. */
export function runImpact(repos: Repositories, form: ImpactForm): { problems: Problem[] } | { report: ImpactReport } {
  const request = requestOf(form);
  if ('problems' in request) return request;
  try {
    return { report: impactAnalysis(repos, request.body) };
  } catch (e) {
    if (!(e instanceof AppError) || e.code === 'INTERNAL') throw e;
    const details = Array.isArray(e.details) ? (e.details as Array<{ path?: unknown; message?: unknown }>) : [];
    const listed = details.filter((d) => typeof d.message === 'string').map((d) => ({ ...(typeof d.path === 'string' ? { path: d.path.replace(/^body\./, '') } : {}), message: String(d.message) }));
    return { problems: listed.length ? listed : [{ message: e.message }] };
  }
}

export function impactFormHtml(view: View, form: ImpactForm): SafeHtml {
  const { t } = view;
  const sets = proposedRuleSets();
  const option = (value: string, label: string, selected: boolean) => html`<option value="${value}" ${selected ? html`selected` : ''}>${label}</option>`;
  return html`<form method="post" action="/ui/policy/impact" class="policy-form" id="impact-form">
  <input type="hidden" name="${CSRF_FIELD}" value="${view.csrf()}">
  <div class="grid2">
    <div><label for="settings">${t.t('settingsChange')}</label>
    <textarea id="settings" name="settings" rows="5" dir="ltr" spellcheck="false" maxlength="65536" placeholder="${t.t('settingsHint')}" aria-describedby="settings-hint">${form.settings}</textarea>
    <p class="note" id="settings-hint" dir="ltr">${t.t('settingsHint')}</p></div>
    <div><label for="jurisdiction">${t.t('jurisdictionChange')}</label>
    <textarea id="jurisdiction" name="jurisdiction" rows="5" dir="ltr" spellcheck="false" maxlength="262144">${form.jurisdiction}</textarea></div>
  </div>
  <div class="actions">
    <label for="ruleSet">${t.t('ruleSetChange')}</label>
    <select id="ruleSet" name="ruleSet">${option('', t.t('noRuleSet'), form.ruleSet === '')}${sets.map((s) => option(s.id, `${s.id} — ${s.title}`, form.ruleSet === s.id))}</select>
    ${sets.length ? '' : html`<span class="note">${t.t('noRuleSets')}</span>`}
  </div>
  <div class="actions">
    <label for="source">${t.t('source')}</label>
    <select id="source" name="source">${option('cases', t.t('sourceCases'), form.source !== 'scenarios')}${option('scenarios', t.t('sourceScenarios'), form.source === 'scenarios')}</select>
    <label for="workflow">${t.t('workflow')}</label>
    <select id="workflow" name="workflow">${option('', t.t('allWorkflows'), form.workflow === '')}${allLatest().map((d) => option(d.kind, t.term(d.kind), form.workflow === d.kind))}</select>
    <label for="from">${t.t('from')}</label><input id="from" name="from" type="date" value="${form.from}">
    <label for="to">${t.t('to')}</label><input id="to" name="to" type="date" value="${form.to}">
    <label for="limit">${t.t('listLimit')}</label><input id="limit" name="limit" type="number" min="0" max="5000" value="${form.limit}">
  </div>
  <label for="cases">${t.t('casesFilter')}</label>
  <input id="cases" name="cases" type="text" dir="ltr" class="wide" maxlength="200000" value="${form.cases}">
  <div class="actions"><button type="submit" class="primary">${t.t('runImpact')}</button></div>
</form>`;
}

function verdictCell(view: View, v: RuleChange['current']): SafeHtml {
  const { t } = view;
  if (!v) return html`<span class="note">${t.t('notChecked')}</span>`;
  // A structured verdict is rendered from its code and params in the page's language; one recorded
  // before structured verdicts has only its English reason.
  const local = v.code ? localizeVerdicts(v, t.lang) : v;
  const reason = v.code ? html`<span>${local.reason}</span>` : html`<span lang="en" dir="ltr">${v.reason}</span>`;
  return html`<span class="badge ${v.ok ? 'ok' : 'fail'}">${v.ok ? t.t('passed') : t.t('failed')}</span> <span class="badge">${term(t, v.severity)}</span> ${reason}`;
}

function changeRows(view: View, changes: readonly ImpactChange[], rule: string | undefined): SafeHtml {
  const { t } = view;
  const arrow = t.dir === 'rtl' ? '←' : '→';
  return html`<div class="table-wrap"><table class="changes">
<thead><tr><th scope="col">${t.t('where')}</th><th scope="col">${t.t('command')}</th><th scope="col">${t.t('result')}</th>${rule ? html`<th scope="col">${t.t('nowDecided')}</th><th scope="col">${t.t('proposedDecided')}</th>` : ''}</tr></thead>
<tbody>${changes.map((c) => {
    const r = rule ? c.rules.find((x) => x.rule === rule) : undefined;
    const where = c.scenario ? t.t('scenarioStep', { file: c.scenario.file, step: c.scenario.step }) : `${c.case} #${c.seq}`;
    return html`<tr data-case="${c.case}"><td class="ref">${where}</td><td><span class="cmd">${c.workflow}.${c.type}</span></td><td>${resultBadge(t, c.current.result)} ${arrow} ${resultBadge(t, c.proposed.result)}</td>${rule ? html`<td>${verdictCell(view, r?.current ?? null)}</td><td>${verdictCell(view, r?.proposed ?? null)}</td>` : ''}</tr>`;
  })}</tbody></table></div>`;
}

export function impactResult(view: View, r: ImpactReport): SafeHtml {
  const { t } = view;
  const unexplained = r.changes.filter((c) => c.rules.length === 0);
  return html`<section aria-labelledby="impact-h" id="impact-result" data-changed="${r.changed}">
<h2 id="impact-h">${t.t('tabImpact')}</h2>
<p class="status ${r.changed ? 'bad' : 'ok'}">${r.changed ? t.t('impactSummary', { changed: t.number(r.changed), commands: t.number(r.commands), cases: t.number(r.cases) }) : t.t('impactNone')}</p>
${r.truncated ? html`<p class="note">${t.t('impactTruncated', { n: t.number(r.truncated) })}</p>` : ''}
${r.skipped ? html`<p class="note">${t.t('impactSkipped', { n: t.number(r.skipped) })}</p>` : ''}
${r.differFromRecord ? html`<p class="note">${t.t('impactDiffer', { n: t.number(r.differFromRecord) })}</p>` : ''}
${Object.keys(r.results).length ? html`<h3>${t.t('byResult')}</h3><ul class="results">${Object.entries(r.results).map(([k, n]) => {
    const [a = '', b = ''] = k.split('→');
    return html`<li>${resultBadge(t, a)} ${t.dir === 'rtl' ? '←' : '→'} ${resultBadge(t, b)}: ${t.number(n)}</li>`;
  })}</ul>` : ''}
${r.byRule.length ? html`<h3>${t.t('byRule')}</h3><div class="table-wrap"><table id="impact-by-rule">
<thead><tr><th scope="col">${t.t('rule')}</th><th scope="col">${t.t('changed')}</th><th scope="col">${t.t('newlyRefusing')}</th><th scope="col">${t.t('newlyAllowing')}</th><th scope="col">${t.t('otherwise')}</th><th scope="col">${t.t('casesCount')}</th></tr></thead>
<tbody>${r.byRule.map((b) => html`<tr data-rule="${b.rule}"><th scope="row"><a href="#impact-${b.rule}" class="mono">${b.rule}</a></th><td data-changed="${b.changed}">${t.number(b.changed)}</td><td>${t.number(b.newlyRefusing)}</td><td>${t.number(b.newlyAllowing)}</td><td>${t.number(b.otherwise)}</td><td>${t.number(b.cases)}</td></tr>`)}</tbody>
</table></div>` : ''}
${r.byRule.map((b) => {
    const listed = r.changes.filter((c) => c.rules.some((x) => x.rule === b.rule));
    return html`<details class="rule-changes" id="impact-${b.rule}" data-rule="${b.rule}" open><summary>${t.t('changesOf', { rule: b.rule, n: t.number(b.changed) })}</summary>${changeRows(view, listed, b.rule)}</details>`;
  })}
${unexplained.length ? html`<details class="rule-changes" id="impact-other" open><summary>${t.t('otherChanges')} (${t.number(unexplained.length)})</summary>${changeRows(view, unexplained, undefined)}</details>` : ''}
</section>`;
}
