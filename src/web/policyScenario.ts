import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Repositories } from '../../db/index.ts';
import { AppError } from '../engine/errors.ts';
import type { TraceStep } from '../engine/simulate.ts';
import { runScenarioDry } from '../scenarios/impact.ts';
import { parseScenario, ruleCoverage, SCENARIO_DIR, type ScenarioResult } from '../scenarios/runner.ts';
import { html, type SafeHtml } from './html.ts';
import { term, type View } from './layout.ts';
import { coverageTable } from './policyCoverage.ts';
import { resultBadge } from './records.ts';
import { CSRF_FIELD } from './session.ts';
import { verdictList } from './verdictList.ts';

/** The scenario the form opens with: a return refused for want of a BID (one of the scenario files). */
const EXAMPLE = join(SCENARIO_DIR, '08-child-return-without-bid.yaml');
export const exampleScenario = (): string => (existsSync(EXAMPLE) ? readFileSync(EXAMPLE, 'utf8') : '');

/** A problem with the scenario, as the form shows it: where, and what. */
export interface Problem {
  path?: string;
  message: string;
}

export type ScenarioOutcome = { problems: Problem[] } | { result: ScenarioResult };

function problemsOf(e: AppError): Problem[] {
  const details = Array.isArray(e.details) ? (e.details as Array<{ path?: unknown; message?: unknown }>) : [];
  const listed = details.filter((d) => typeof d.message === 'string').map((d) => ({ ...(typeof d.path === 'string' ? { path: d.path } : {}), message: String(d.message) }));
  return listed.length ? listed : [{ message: e.message }];
}

/**
 * Parses and runs a scenario on a private in-memory copy of the law in force (jurisdictions and
 * settings): the engine's scenario runner, rolled back, on a database thrown away after — so not
 * even a scenario's data-sharing agreements reach the real one.
 */
export function dryRun(repos: Repositories, source: string): ScenarioOutcome {
  let scenario;
  try {
    scenario = parseScenario(source);
  } catch (e) {
    if (e instanceof AppError) return { problems: problemsOf(e) };
    throw e;
  }
  const result = runScenarioDry(repos, scenario);
  return result.steps.length === 0 && result.errors.length ? { problems: result.errors.map((message) => ({ message })) } : { result };
}

export function problemList(view: View, title: string, problems: readonly Problem[]): SafeHtml {
  return html`<div class="error problems" role="alert" id="problems"><p><strong>${title}</strong></p><ul>${problems.map((p) => html`<li>${p.path ? html`<code dir="ltr">${p.path}</code>: ` : ''}<span lang="en" dir="ltr">${p.message}</span></li>`)}</ul></div>`;
}

export function scenarioForm(view: View, source: string): SafeHtml {
  const { t } = view;
  return html`<form method="post" action="/ui/policy/scenario" class="policy-form" id="scenario-form">
  <input type="hidden" name="${CSRF_FIELD}" value="${view.csrf()}">
  <label for="scenario">${t.t('scenarioText')}</label>
  <textarea id="scenario" name="scenario" rows="18" dir="ltr" spellcheck="false" required maxlength="1048576">${source}</textarea>
  <div class="actions">
    <label for="scenario-file">${t.t('scenarioFile')}</label>
    <input id="scenario-file" type="file" accept=".yaml,.yml,.json,application/yaml,text/yaml" data-load-into="scenario">
    <button type="submit" class="primary">${t.t('runScenario')}</button>
  </div>
</form>`;
}

function stepItem(view: View, s: TraceStep, report: ScenarioResult['steps'][number] | undefined): SafeHtml {
  const { t } = view;
  const arrow = t.dir === 'rtl' ? '←' : '→';
  return html`<li class="${s.result}" id="step-${s.index + 1}" data-result="${s.result}">
  <h3 class="rec-head"><span>${t.t('step')} ${s.index + 1}</span> <span class="cmd">${s.workflow}.${s.type}</span> ${resultBadge(t, s.result)} <span>${s.before ? term(t, s.before) : '∅'} ${arrow} ${s.after ? term(t, s.after) : '∅'}</span></h3>
  <p class="note">${t.t('caseRef')}: <code>${s.case}</code> · ${t.t('actingAs')}: ${s.actor.roles.map((r, i) => html`${i ? ', ' : ''}${term(t, r)}`)}${report && report.expected !== '-' ? html` · ${t.t('expected')}: <code dir="ltr">${report.expected}</code> <span class="badge ${report.ok ? 'ok' : 'fail'}">${report.ok ? t.t('expectationMet') : t.t('expectationMissed')}</span>` : ''}</p>
  ${report && report.problems.length ? html`<ul class="error" lang="en" dir="ltr">${report.problems.map((p) => html`<li>${p}</li>`)}</ul>` : ''}
  ${s.error && s.result !== 'refused' ? html`<p class="error">${t.t('stepError')}: <code>${s.error.code}</code> <span lang="en" dir="ltr">${s.error.message}</span></p>` : ''}
  ${s.verdicts.length || !s.error ? verdictList(t, s.verdicts) : ''}
</li>`;
}

export function scenarioResult(view: View, result: ScenarioResult): SafeHtml {
  const { t } = view;
  const steps = result.trace?.steps ?? [];
  return html`<section aria-labelledby="run-h" id="scenario-result" data-passed="${String(result.passed)}">
<h2 id="run-h"><bdi>${result.name}</bdi></h2>
<p class="status ${result.passed ? 'ok' : 'bad'}">${result.passed ? t.t('scenarioPassed') : t.t('scenarioFailed')}</p>
${result.errors.length ? html`<ul class="error" lang="en" dir="ltr">${result.errors.map((e) => html`<li>${e}</li>`)}</ul>` : ''}
<ol class="timeline steps">${steps.map((s, i) => stepItem(view, s, result.steps[i]))}</ol>
${result.trace?.cases.length ? html`<h3>${t.t('finalStates')}</h3><div class="table-wrap"><table>
<thead><tr><th scope="col">${t.t('caseRef')}</th><th scope="col">${t.t('workflow')}</th><th scope="col">${t.t('state')}</th><th scope="col">${t.t('outcome')}</th></tr></thead>
<tbody>${result.trace.cases.flatMap((c) => c.workflows.map((w) => html`<tr><td><code>${c.ref}</code></td><td>${term(t, w.kind)}${w.instance ? html` <code>${w.instance}</code>` : ''}</td><td>${term(t, w.state)}</td><td>${w.outcome ? term(t, w.outcome) : '—'}</td></tr>`))}</tbody>
</table></div>` : ''}
<h3>${t.t('runCoverage')}</h3>
${coverageTable(view, ruleCoverage([result]).filter((c) => c.mark !== 'never'), 'run-coverage')}
</section>`;
}
