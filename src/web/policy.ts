import type { FastifyPluginAsync } from 'fastify';
import type { Services } from '../services.ts';
import { html, type HtmlValue, type SafeHtml } from './html.ts';
import { page, type View } from './layout.ts';
import { coverageSection, scenarioCoverage, type CoverageReport } from './policyCoverage.ts';
import { emptyImpactForm, impactFormHtml, impactFormOf, impactResult, runImpact } from './policyImpact.ts';
import { dryRun, exampleScenario, problemList, scenarioForm, scenarioResult } from './policyScenario.ts';
import { requirePageRole, sendPage, viewOf } from './session.ts';

type Tab = 'scenario' | 'impact' | 'coverage';
const TABS: Array<[Tab, string]> = [['scenario', '/ui/policy'], ['impact', '/ui/policy/impact'], ['coverage', '/ui/policy/coverage']];
const TAB_KEYS = { scenario: 'tabScenario', impact: 'tabImpact', coverage: 'tabCoverage' } as const;

/** A scenario file can be long; the forms' default limit (4 KiB) is for sign-in and filters. */
const FORM_LIMIT = 2 * 1024 * 1024;

function policyPage(view: View, tab: Tab, body: HtmlValue): SafeHtml {
  const { t } = view;
  return page(view, {
    title: `${t.t(TAB_KEYS[tab])} · ${t.t('navPolicy')}`,
    nav: 'policy',
    policy: true,
    body: html`<h1>${t.t('policyTitle')}</h1>
<p class="note">${t.t('policyIntro')}</p>
<nav class="tabs" aria-label="${t.t('navPolicy')}"><ul>${TABS.map(([name, href]) => html`<li><a href="${href}" ${name === tab ? html`aria-current="page"` : ''}>${t.t(TAB_KEYS[name])}</a></li>`)}</ul></nav>
${body}`,
  });
}

const field = (body: unknown, name: string): string => {
  const v = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[name] : undefined;
  return typeof v === 'string' ? v : '';
};

/**
 * The policy staff's page (policy role only): a scenario dry run, an impact analysis of a proposed
 * change, and the scenario files' condition coverage. Every answer is computed on private copies
 * or read-only replays: nothing here writes to a case or to the audit trail.
 */
export const policyPages: FastifyPluginAsync<{ services: Services }> = async (app, { services }) => {
  const gate = { preHandler: requirePageRole('policy') };
  // The scenario files do not change while the server runs: their coverage is worked out once, when first asked.
  let coverage: CoverageReport | undefined;

  app.get('/policy', gate, async (request, reply) => {
    const view = viewOf(request);
    return sendPage(reply, policyPage(view, 'scenario', html`<p>${view.t.t('scenarioIntro')}</p>${scenarioForm(view, exampleScenario())}`));
  });

  app.post('/policy/scenario', { ...gate, bodyLimit: FORM_LIMIT }, async (request, reply) => {
    const view = viewOf(request);
    const source = field(request.body, 'scenario');
    const outcome = dryRun(services.repos, source);
    const intro = html`<p>${view.t.t('scenarioIntro')}</p>`;
    if ('problems' in outcome) {
      return sendPage(reply, policyPage(view, 'scenario', html`${intro}${problemList(view, view.t.t('scenarioProblem'), outcome.problems)}${scenarioForm(view, source)}`), 400);
    }
    return sendPage(reply, policyPage(view, 'scenario', html`${intro}${scenarioForm(view, source)}${scenarioResult(view, outcome.result)}`));
  });

  app.get('/policy/impact', gate, async (request, reply) => {
    const view = viewOf(request);
    return sendPage(reply, policyPage(view, 'impact', html`<p>${view.t.t('impactIntro')}</p>${impactFormHtml(view, emptyImpactForm())}`));
  });

  app.post('/policy/impact', { ...gate, bodyLimit: FORM_LIMIT }, async (request, reply) => {
    const view = viewOf(request);
    const form = impactFormOf((request.body ?? {}) as Record<string, unknown>);
    const outcome = runImpact(services.repos, form);
    const intro = html`<p>${view.t.t('impactIntro')}</p>`;
    if ('problems' in outcome) {
      return sendPage(reply, policyPage(view, 'impact', html`${intro}${problemList(view, view.t.t('impactProblem'), outcome.problems)}${impactFormHtml(view, form)}`), 400);
    }
    return sendPage(reply, policyPage(view, 'impact', html`${intro}${impactFormHtml(view, form)}${impactResult(view, outcome.report)}`));
  });

  app.get('/policy/coverage', gate, async (request, reply) => {
    coverage ??= scenarioCoverage();
    return sendPage(reply, policyPage(viewOf(request), 'coverage', coverageSection(viewOf(request), coverage)));
  });
};
