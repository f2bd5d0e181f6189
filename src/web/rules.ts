import type { FastifyPluginAsync } from 'fastify';
import { principles } from '../../workflows/principles.ts';
import { RULES } from '../../workflows/rules/registry.ts';
import { ALL_ROLES } from '../auth/plugin.ts';
import type { Services } from '../services.ts';
import { html, type SafeHtml } from './html.ts';
import { page, term, type View } from './layout.ts';
import { principleTitle } from './records.ts';
import { requirePageRole, sendPage, viewOf } from './session.ts';

const DAY_MS = 24 * 3600 * 1000;

function rulesPage(view: View, services: Services): SafeHtml {
  const { t } = view;
  const since = new Date(Date.parse(services.clock.now()) - 30 * DAY_MS).toISOString();
  const refusals = services.repos.audit.refusalsByRule(since);
  const body = html`<h1>${t.t('rulesTitle')}</h1>
<p>${t.t('rulesIntro')}</p>
${t.lang !== 'en' ? html`<p class="note">${t.t('summariesEnglish')}</p>` : ''}
<div class="table-wrap"><table>
<thead><tr><th scope="col">${t.t('rule')}</th><th scope="col">${t.t('summary')}</th><th scope="col">${t.t('principle')}</th><th scope="col">${t.t('severity')}</th><th scope="col">${t.t('refusals30')}</th></tr></thead>
<tbody>${RULES.map((r) => {
    const n = refusals[r.id] ?? 0;
    return html`<tr id="${r.id}" tabindex="-1">
  <th scope="row" class="mono">${r.id}</th>
  <td lang="en" dir="ltr">${r.summary}</td>
  <td>${r.principles.map((p, i) => {
      const pr = principles.get(p);
      return html`${i ? html`<br>` : ''}<strong data-principle="${p}">${principleTitle(p, t.lang)}</strong> <small class="ref">${pr?.ref ?? ''}</small>${t.lang === 'en' ? html` <small>${pr?.summary ?? ''}</small>` : ''}`;
    })}</td>
  <td><span class="badge">${term(t, r.severity)}</span></td>
  <td data-refusals="${n}">${n > 0 && view.canAudit ? html`<a href="/ui/audit?rule=${r.id}&amp;result=refused">${t.number(n)}</a>` : t.number(0)}</td>
</tr>`;
  })}</tbody></table></div>`;
  return page(view, { title: t.t('rulesTitle'), nav: 'rules', body });
}

export const rulesPages: FastifyPluginAsync<{ services: Services }> = async (app, { services }) => {
  app.get('/rules', { preHandler: requirePageRole(...ALL_ROLES) }, async (request, reply) => sendPage(reply, rulesPage(viewOf(request), services)));
};
