import type { FastifyPluginAsync } from 'fastify';
import { RULES } from '../../workflows/rules/registry.ts';
import type { Services } from '../services.ts';
import { text } from './cases.ts';
import { html, type HtmlValue, type SafeHtml } from './html.ts';
import { page, term, time, urlWith, type View } from './layout.ts';
import { actorOf, resultBadge, ruleLink, transition, userNames, verdictsOf } from './records.ts';
import { checkpointSection } from './proofs.ts';
import { AUDIT_ROLES, requirePageRole, sendPage, viewOf } from './session.ts';
import { readsNoCases } from '../../workflows/access.ts';

const PAGE_SIZE = 50;
const RESULTS = ['applied', 'refused', 'pending'] as const;
const isDate = (v: string | undefined): v is string => !!v && /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v));

function auditPage(view: View, services: Services): { markup: SafeHtml; status: number } {
  const { t, params } = view;
  const errors: string[] = [];
  const actorParam = text(params, 'actor', 200);
  // The filter names a user as the datalist does; the server maps the name to the user's id (an id is accepted too).
  const actors = actorChoices(services);
  const actor = actorParam ? (actors.byLabel.get(actorParam.toLocaleLowerCase()) ?? (services.repos.users.get(actorParam) ? actorParam : undefined)) : undefined;
  if (actorParam && !actor) errors.push(`${t.t('actor')}: ${t.t('unknownActor', { name: actorParam })}`);
  const ruleParam = text(params, 'rule', 32);
  const rule = ruleParam && RULES.some((r) => r.id === ruleParam) ? ruleParam : undefined;
  if (ruleParam && !rule) errors.push(`${t.t('rule')}: ${ruleParam}`);
  const resultParam = text(params, 'result', 16);
  const result = RESULTS.find((r) => r === resultParam);
  const fromParam = text(params, 'from', 10);
  const toParam = text(params, 'to', 10);
  const from = isDate(fromParam) ? fromParam : undefined;
  const to = isDate(toParam) ? toParam : undefined;
  if (fromParam && !from) errors.push(`${t.t('from')}: ${fromParam}`);
  if (toParam && !to) errors.push(`${t.t('to')}: ${toParam}`);
  const afterRaw = Number(params.get('after') ?? '');
  const after = Number.isInteger(afterRaw) && afterRaw > 0 ? afterRaw : undefined;

  // Incremental: only the records since the last verified checkpoint are re-hashed per view.
  const chain = services.verifier.incremental();
  // The page shows no record data, but it does show what happened on each case: the reads of
  // child records are logged like the API's (KP-DATA-01).
  // An actor named but unknown matches nothing (never every record).
  const { items: rows, more } = actorParam && !actor ? { items: [], more: false } : services.privacy.auditFor(view.user!, {
    ...(actor ? { actor } : {}),
    ...(rule ? { rule } : {}),
    ...(result ? { result } : {}),
    ...(from ? { from } : {}),
    // A calendar date as the upper bound includes the whole day.
    ...(to ? { to: `${to}T23:59:59.999Z` } : {}),
    ...(after !== undefined ? { afterSeq: after } : {}),
    limit: PAGE_SIZE,
  }, { route: 'GET /ui/audit', purpose: 'web_audit_page' });
  const nameOf = userNames(services);
  const references = new Map<string, string>();
  const referenceOf = (id: string) => {
    let ref = references.get(id);
    if (ref === undefined) {
      ref = services.repos.cases.get(id)?.reference ?? id;
      references.set(id, ref);
    }
    return ref;
  };
  const option = (value: string, label: HtmlValue, selected: string | undefined) =>
    html`<option value="${value}" ${(selected ?? '') === value ? html`selected` : ''}>${label}</option>`;

  const body = html`<h1>${t.t('auditTitle')}</h1>
<section aria-labelledby="chain-h"><h2 id="chain-h">${t.t('chain')}</h2>
${chain.ok
    ? html`<p class="status ok" id="chain-status" data-ok="true">✓ ${t.t('chainOk', { n: t.number(chain.records) })}</p>`
    : html`<p class="status bad" id="chain-status" data-ok="false" role="alert">✗ ${t.t('chainBroken', { seq: chain.firstBroken?.seq ?? '?', reason: chain.firstBroken?.reason ?? '' })}</p>`}
</section>
${checkpointSection(view, services)}
${breakGlassSection(view, services, nameOf, referenceOf)}
<section aria-labelledby="rec-h"><h2 id="rec-h">${t.t('navAudit')}</h2>
<form class="filters" method="get" action="/ui/audit">
  <label>${t.t('actor')}<input name="actor" list="actor-names" value="${actorParam ? (actor ? actors.labelOf.get(actor) ?? actorParam : actorParam) : ''}" maxlength="200" placeholder="${t.t('actorHint')}" autocomplete="off"></label>
  <datalist id="actor-names">${actors.labels.map((l) => html`<option value="${l}"></option>`)}</datalist>
  <label>${t.t('rule')}<select name="rule">${option('', t.t('allRules'), rule)}${RULES.map((r) => option(r.id, r.id, rule))}</select></label>
  <label>${t.t('result')}<select name="result">${option('', t.t('allResults'), result)}${RESULTS.map((r) => option(r, term(t, r), result))}</select></label>
  <label>${t.t('from')}<input type="date" name="from" value="${from ?? ''}"></label>
  <label>${t.t('to')}<input type="date" name="to" value="${to ?? ''}"></label>
  <button type="submit" class="primary">${t.t('apply')}</button>
  <a href="/ui/audit">${t.t('clear')}</a>
</form>
${errors.length ? html`<p class="error" role="alert">${errors.join('; ')}</p>` : ''}
${from || to ? html`<p class="note" id="date-range">${t.t('filteredDates', { from: from ? t.day(from) : t.t('anyDate'), to: to ? t.day(to) : t.t('anyDate') })}</p>` : ''}
${rows.length
    ? html`<div class="table-wrap"><table>
<thead><tr><th scope="col">${t.t('seq')}</th><th scope="col">${t.t('when')}</th><th scope="col">${t.t('case')}</th><th scope="col">${t.t('who')}</th><th scope="col">${t.t('command')}</th><th scope="col">${t.t('transition')}</th><th scope="col">${t.t('result')}</th><th scope="col">${t.t('failedRules')}</th></tr></thead>
<tbody>${rows.map((r) => {
        const a = actorOf(r);
        const failed = verdictsOf(r, t.lang).filter((v) => !v.ok);
        return html`<tr class="${r.result}"><td>${r.seq}<br><small><a href="/ui/audit/proof/inclusion?seq=${r.seq}">${t.t('inclusionProof')}</a></small></td><td>${time(t, r.at)}</td>
<td>${r.caseId ? html`<a class="ref" href="/ui/cases/${r.caseId}?before=${r.seq + 1}#rec-${r.seq}">${referenceOf(r.caseId)}</a>` : '—'}</td>
<td><a href="${urlWith(view, { actor: actors.labelOf.get(a.id) ?? a.id, after: undefined })}" class="actor" title="${a.id}"><bdi>${nameOf(a.id)}</bdi></a> <small>(${a.roles.map((x) => t.term(x)).join(', ')})</small></td>
<td class="mono">${r.workflow}.${r.type}</td><td>${transition(t, r)}</td><td>${resultBadge(t, r.result)}</td>
<td>${failed.map((v, i) => html`${i ? ', ' : ''}${ruleLink(v.rule)}`)}</td></tr>`;
      })}</tbody></table></div>`
    : html`<p>${t.t('noRecords')}</p>`}
<nav class="pager" aria-label="pagination">
  ${after !== undefined ? html`<a href="${urlWith(view, { after: undefined })}">${t.t('first')}</a>` : ''}
  ${more ? html`<a rel="next" href="${urlWith(view, { after: rows.at(-1)?.seq })}">${t.t('next')}</a>` : ''}
</nav>
</section>`;
  return { markup: page(view, { title: t.t('auditTitle'), nav: 'audit', body }), status: errors.length ? 400 : 200 };
}

/**
 * The users the actor filter offers, by name. A name two users share is told apart by their roles,
 * and by the start of the id when the roles are the same too: each label names one user.
 */
function actorChoices(services: Services): { labels: string[]; byLabel: Map<string, string>; labelOf: Map<string, string> } {
  const users = services.repos.users.list();
  const count = (key: (u: (typeof users)[number]) => string) => {
    const n = new Map<string, number>();
    for (const u of users) n.set(key(u), (n.get(key(u)) ?? 0) + 1);
    return n;
  };
  const byName = count((u) => u.name.toLocaleLowerCase());
  const withRoles = (u: (typeof users)[number]) => `${u.name} (${u.roles.join(', ')})`;
  const byRoles = count((u) => withRoles(u).toLocaleLowerCase());
  const labelOf = new Map(users.map((u) => {
    if (byName.get(u.name.toLocaleLowerCase()) === 1) return [u.id, u.name];
    if (byRoles.get(withRoles(u).toLocaleLowerCase()) === 1) return [u.id, withRoles(u)];
    return [u.id, `${u.name} (${u.roles.join(', ')}, ${u.id.slice(0, 8)})`];
  }));
  const labels = [...labelOf.values()].sort((a, b) => a.localeCompare(b));
  return { labels, byLabel: new Map([...labelOf].map(([id, l]) => [l.toLocaleLowerCase(), id])), labelOf };
}

/** Break-glass openings (issue 10.3), newest first: for readers of case records only (an admin reads no case). */
function breakGlassSection(view: View, services: Services, nameOf: (id: string) => string, referenceOf: (id: string) => string): SafeHtml | string {
  const { t } = view;
  if (!view.user || readsNoCases(view.user.roles)) return '';
  const grants = services.breakGlass.recent(BREAK_GLASS_SHOWN).filter((g) => services.scope.visible(view.user!, g.caseId));
  return html`<section aria-labelledby="bg-h" id="break-glass"><h2 id="bg-h">${t.t('breakGlassTitle')}</h2>
<p class="note">${t.t('breakGlassIntro')}</p>
${grants.length
    ? html`<div class="table-wrap"><table>
<thead><tr><th scope="col">${t.t('when')}</th><th scope="col">${t.t('case')}</th><th scope="col">${t.t('openedBy')}</th><th scope="col">${t.t('expires')}</th><th scope="col">${t.t('reviewed')}</th></tr></thead>
<tbody>${grants.map((g) => html`<tr data-break-glass="${String(g.id)}"><td>${time(t, g.openedAt)}<br><small>${t.t('seq')} ${String(g.auditSeq)}</small></td>
<td><a class="ref" href="/ui/cases/${g.caseId}?before=${g.auditSeq + 1}#rec-${String(g.auditSeq)}">${referenceOf(g.caseId)}</a></td>
<td><bdi title="${g.userId}">${nameOf(g.userId)}</bdi></td><td>${time(t, g.expiresAt)}</td>
<td>${g.reviewedAt ? html`${time(t, g.reviewedAt)} · <bdi>${nameOf(g.reviewedBy ?? '')}</bdi>` : t.t('notReviewed')}</td></tr>`)}</tbody></table></div>`
    : html`<p>${t.t('breakGlassNone')}</p>`}
</section>`;
}
const BREAK_GLASS_SHOWN = 20;

const wholeNumber = (v: string | undefined): number | undefined => (v !== undefined && /^\d{1,15}$/.test(v) ? Number(v) : undefined);

export const auditPages: FastifyPluginAsync<{ services: Services }> = async (app, { services }) => {
  app.get('/audit', { preHandler: requirePageRole(...AUDIT_ROLES) }, async (request, reply) => {
    const { markup, status } = auditPage(viewOf(request), services);
    return sendPage(reply, markup, status);
  });
  // Proofs for the page's links and its in-browser consistency check: hashes only, as JSON.
  app.get('/audit/proof/inclusion', { preHandler: requirePageRole(...AUDIT_ROLES) }, async (request, reply) => {
    const q = request.query as Record<string, string | undefined>;
    const seq = wholeNumber(q['seq']);
    if (seq === undefined) return reply.code(400).send({ error: { code: 'VALIDATION', message: 'seq: a record number', details: [{ path: 'querystring.seq', message: 'a record number' }] } });
    return services.transparency.inclusion(seq, wholeNumber(q['size']));
  });
  app.get('/audit/proof/consistency', { preHandler: requirePageRole(...AUDIT_ROLES) }, async (request, reply) => {
    const q = request.query as Record<string, string | undefined>;
    const from = wholeNumber(q['from']);
    const to = wholeNumber(q['to']);
    if (from === undefined || to === undefined) return reply.code(400).send({ error: { code: 'VALIDATION', message: 'from and to: tree sizes', details: [{ path: from === undefined ? 'querystring.from' : 'querystring.to', message: 'a tree size' }] } });
    return services.transparency.consistency(from, to);
  });
};
