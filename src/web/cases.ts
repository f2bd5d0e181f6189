import type { FastifyPluginAsync } from 'fastify';
import type { AuditRow } from '../../db/index.ts';
import { LOCATION_KINDS } from '../../workflows/caseFile.ts';
import { allLatest, definitionOf } from '../../workflows/index.ts';
import { ERASED, REDACTED } from '../../workflows/privacy.ts';
import { stateTree } from '../../workflows/states.ts';
import { CASE_ROLES } from '../../workflows/access.ts';
import type { CaseFileView } from '../engine/cases.ts';
import type { ReadHow, Shown } from '../engine/privacy.ts';
import type { HistoryPage } from '../engine/queries.ts';
import type { Services } from '../services.ts';
import { mermaidDiagram } from './diagram.ts';
import { printedProofs } from './proofs.ts';
import { html, type HtmlValue, type SafeHtml } from './html.ts';
import type { Translator } from './i18n.ts';
import { page, term, time, urlWith, type View } from './layout.ts';
import { actorOf, evidenceAnchor, explanationOf, principleLabel, resultBadge, ruleLink, transition, userNames, verdictsOf } from './records.ts';
import { requirePageRole, sendPage, viewOf } from './session.ts';

const PAGE_SIZE = 25;
const RESULTS = ['applied', 'refused', 'pending'] as const;

/** The case as the signed-in reader may see it (KP-DATA-01: redaction decided in workflows/privacy.ts). */
type CaseView = Shown<CaseFileView>;

/** A trimmed, bounded text parameter, or undefined when empty. */
export function text(params: URLSearchParams, name: string, max = 200): string | undefined {
  const v = params.get(name)?.trim();
  return v ? v.slice(0, max) : undefined;
}

function namesOf(t: Translator, person: { names: CaseFileView['person']['names'] | string }): SafeHtml {
  if (!Array.isArray(person.names)) return html`${t.t('redacted')}`;
  return html`${person.names.map((n, i) => html`${i > 0 ? ', ' : ''}<bdi>${`${n.given} ${n.family}`.trim()}</bdi>`)}`;
}

function dateOfBirth(t: Translator, dob: unknown): string {
  if (typeof dob === 'string') return dob === '[redacted]' ? t.t('redacted') : dob;
  if (dob && typeof dob === 'object') {
    const d = dob as Record<string, unknown>;
    if (typeof d['exact'] === 'string') return d['exact'];
    if (typeof d['earliest'] === 'string') return `${d['earliest']} – ${String(d['latest'])} (${String(d['method'])}, ${String(d['confidence'])})`;
  }
  return '—';
}

/** The case and its history as `actor` may see them, the read of a child's record logged (KP-DATA-01: the engine's privacy service). */
function readCase<K extends string = never>(
  services: Services, actor: NonNullable<View['user']>, id: string, how: ReadHow, page?: HistoryPage, also?: Record<K, HistoryPage>,
): { case: CaseView; history: AuditRow[]; more: boolean; also: Record<K, { records: AuditRow[]; more: boolean }> } {
  return services.privacy.readWithHistoryFor(actor, id, how, page, also);
}

/** Timeline records per page of the case page (a case may have thousands): the server sends one page, keyset by seq. */
export const TIMELINE_PAGE = 50;
/** Items per kind in the summary of what needs a reviewer's eye (newest first; the rest through the filtered timeline). */
const ATTENTION_SHOWN = 10;

const seqParam = (params: URLSearchParams, name: string): number | undefined => {
  const v = params.get(name);
  return v && /^\d{1,15}$/.test(v) ? Number(v) : undefined;
};

/** The link that opens the timeline at one record, newest first with the record on top. */
const recordHref = (caseId: string, seq: number): string => `/ui/cases/${caseId}?before=${seq + 1}#rec-${seq}`;

function workflowBadges(t: Translator, workflows: ReadonlyArray<{ kind: string; instance: string; state: string; outcome: string | null }>): SafeHtml {
  return html`<ul class="wf">${workflows.map(
    (w) => html`<li class="badge" data-workflow="${w.kind}">${term(t, w.kind)}${w.instance ? html` (${w.instance})` : ''}: <strong>${term(t, w.state)}</strong>${w.outcome ? html` · ${term(t, w.outcome)}` : ''}</li>`,
  )}</ul>`;
}

function listPage(view: View, services: Services): { markup: SafeHtml; status: number } {
  const { t, params } = view;
  const actor = view.user!;
  const errors: string[] = [];
  const nationalityRaw = text(params, 'nationality', 2 + 8)?.toUpperCase();
  const nationality = nationalityRaw && /^[A-Z]{2}$/.test(nationalityRaw) ? nationalityRaw : undefined;
  if (nationalityRaw && !nationality) errors.push(`${t.t('nationality')}: ${t.t('nationalityHint')}`);
  const childParam = params.get('child');
  const child = childParam === 'true' ? true : childParam === 'false' ? false : undefined;
  const filters = {
    q: text(params, 'q'),
    workflow: text(params, 'workflow', 64),
    state: text(params, 'state', 64),
    nationality,
    location: text(params, 'location'),
    child,
    cursor: text(params, 'cursor'),
    limit: PAGE_SIZE,
  };
  // The reader decides whether `q` may match names (only roles that see a child's identity).
  const result = services.queries.listCases(filters, actor, { names: true });
  const defs = allLatest();
  const states = [...new Set(defs.flatMap((d) => stateTree(d.machine).leaves))];
  const option = (value: string, label: HtmlValue, selected: string | undefined) =>
    html`<option value="${value}" ${selected === value ? html`selected` : ''}>${label}</option>`;

  const rows = result.items.map((c) => html`<tr>
      <th scope="row"><a class="ref" href="/ui/cases/${c.id}">${c.reference}</a></th>
      <td>${'names' in c && c.names ? namesOf(t, { names: c.names }) : html`<span class="redacted">${t.t('redacted')}</span>`}</td>
      <td>${childCell(t, c.child)}</td>
      <td>${c.nationalities.map((n) => n.state).join(', ')}</td>
      <td>${term(t, c.location.kind)} · <bdi>${c.location.name}</bdi> (${c.location.state})</td>
      <td>${workflowBadges(t, c.workflows)}</td>
      <td>${time(t, c.updatedAt)}</td>
    </tr>`);

  const body = html`<h1>${t.t('casesTitle')}</h1>
<p class="note">${t.t('readOnly')}</p>
<form class="filters" method="get" action="/ui/cases" role="search">
  <label>${t.t('reference')}<input type="search" name="q" value="${filters.q ?? ''}" placeholder="${t.t('referenceHint')}" maxlength="200"></label>
  <label>${t.t('workflow')}<select name="workflow">${option('', t.t('any'), filters.workflow ?? '')}${defs.map((d) => option(d.kind, term(t, d.kind), filters.workflow))}</select></label>
  <label>${t.t('state')}<select name="state">${option('', t.t('any'), filters.state ?? '')}${states.map((s) => option(s, term(t, s), filters.state))}</select></label>
  <label>${t.t('nationality')}<input name="nationality" value="${nationalityRaw ?? ''}" size="4" maxlength="2" pattern="[A-Za-z]{2}" title="${t.t('nationalityHint')}" autocapitalize="characters"></label>
  <label>${t.t('location')}<input name="location" value="${filters.location ?? ''}" list="location-kinds" title="${t.t('locationHint')}" maxlength="200"></label>
  <datalist id="location-kinds">${LOCATION_KINDS.map((k) => html`<option value="${k}">${term(t, k)}</option>`)}</datalist>
  <label>${t.t('child')}<select name="child">${option('', t.t('any'), childParam ?? '')}${option('true', t.t('yes'), childParam ?? '')}${option('false', t.t('no'), childParam ?? '')}</select></label>
  <button type="submit" class="primary">${t.t('apply')}</button>
  <a href="/ui/cases">${t.t('clear')}</a>
</form>
${errors.length ? html`<p class="error" role="alert">${errors.join('; ')}</p>` : ''}
${rows.length
    ? html`<div class="table-wrap"><table>
  <thead><tr><th scope="col">${t.t('reference')}</th><th scope="col">${t.t('name')}</th><th scope="col">${t.t('child')}</th><th scope="col">${t.t('nationalities')}</th><th scope="col">${t.t('location')}</th><th scope="col">${t.t('workflows')}</th><th scope="col">${t.t('updated')}</th></tr></thead>
  <tbody>${rows}</tbody>
</table></div>`
    : html`<p>${t.t('noCases')}</p>`}
<nav class="pager" aria-label="pagination">
  ${filters.cursor ? html`<a href="${urlWith(view, { cursor: undefined })}">${t.t('first')}</a>` : ''}
  ${result.nextCursor ? html`<a rel="next" href="${urlWith(view, { cursor: result.nextCursor })}">${t.t('next')}</a>` : ''}
</nav>`;
  return { markup: page(view, { title: t.t('casesTitle'), nav: 'cases', body }), status: errors.length ? 400 : 200 };
}

/** Yes, no, or `[erased]`: an erased person's age is no longer known (docs/erasure.md). */
const childCell = (t: View['t'], child: boolean | string): string => (child === ERASED ? t.t('erasedValue') : child ? t.t('yes') : t.t('no'));

function summarySection(view: View, c: CaseView, redacted: boolean): SafeHtml {
  const { t } = view;
  const p = c.person;
  const vulnerabilities = p.vulnerabilities ?? [];
  const ageBand = 'ageBand' in p && p.ageBand ? p.ageBand : undefined;
  return html`<section aria-labelledby="file-h"><h2 id="file-h">${t.t('caseFile')}</h2>
${redacted ? html`<p class="note" role="note">${t.t('redactedNote')}</p>` : ''}
<div class="grid2">
<dl class="facts">
  <dt>${t.t('reference')}</dt><dd class="mono ref">${c.reference}</dd>
  <dt>${t.t('name')}</dt><dd>${redacted ? t.t('redacted') : namesOf(t, p)}</dd>
  <dt>${t.t('sex')}</dt><dd>${term(t, p.sex)}</dd>
  <dt>${t.t('dateOfBirth')}</dt><dd>${dateOfBirth(t, p.dateOfBirth)}${ageBand ? html` (${ageBand})` : ''}</dd>
  ${p.placeOfBirth ? html`<dt>${t.t('placeOfBirth')}</dt><dd><bdi>${p.placeOfBirth}</bdi></dd>` : ''}
  <dt>${t.t('child')}</dt><dd>${childCell(t, c.child)}</dd>
  <dt>${t.t('nationalities')}</dt><dd>${p.nationalities.length ? p.nationalities.map((n, i) => html`${i ? ', ' : ''}${n.state} (${term(t, n.status)})`) : t.t('none')}</dd>
  <dt>${t.t('documents')}</dt><dd>${redacted || !Array.isArray(p.documents) ? t.t('redacted') : p.documents.length ? p.documents.map((d, i) => html`${i ? '; ' : ''}${d.type} ${d.issuer}`) : t.t('none')}</dd>
  <dt>${t.t('vulnerabilities')}</dt><dd>${vulnerabilities.length ? vulnerabilities.join(', ') : t.t('none')}</dd>
</dl>
<dl class="facts">
  <dt>${t.t('location')}</dt><dd>${term(t, c.location.kind)} · <bdi>${c.location.name}</bdi> (${c.location.state})</dd>
  <dt>${t.t('familyLinks')}</dt><dd>${c.familyLinks.length ? html`<ul>${c.familyLinks.map((l) => html`<li><a href="/ui/cases/${l.caseId}">${l.relation}</a></li>`)}</ul>` : t.t('none')}</dd>
  <dt>${t.t('evidence')}</dt><dd>${t.number(c.evidence.length)}</dd>
  <dt>${t.t('pendingApprovals')}</dt><dd>${c.pending.length ? c.pending.map((pa, i) => html`${i ? ', ' : ''}${term(t, pa.workflow)} → ${term(t, pa.requiredRole)}`) : t.t('none')}</dd>
  <dt>${t.t('version')}</dt><dd>${c.version}</dd>
  <dt>${t.t('created')}</dt><dd>${time(t, c.createdAt)}</dd>
  <dt>${t.t('updated')}</dt><dd>${time(t, c.updatedAt)}</dd>
</dl>
</div></section>`;
}

function recordItem(t: Translator, r: AuditRow, nameOf: (id: string) => string): SafeHtml {
  const actor = actorOf(r);
  const verdicts = verdictsOf(r, t.lang);
  const failed = verdicts.filter((v) => !v.ok);
  const passed = verdicts.filter((v) => v.ok);
  const verdictItem = (v: (typeof verdicts)[number]) =>
    html`<li class="${v.ok ? 'ok' : 'fail'}">${ruleLink(v.rule)} <span class="badge ${v.ok ? 'ok' : 'fail'}">${v.ok ? t.t('passed') : t.t('failed')}</span> <span class="badge">${term(t, v.severity)}</span> <span lang="${v.reasonLang}">${v.reason}</span> — ${principleLabel(t, v.principle)}${explanationOf(t, v)}</li>`;
  return html`<li class="${r.result}" id="rec-${r.seq}" data-result="${r.result}">
  <h3 class="rec-head"><span class="cmd">${r.workflow}.${r.type}</span> ${resultBadge(t, r.result)} <span>${transition(t, r)}</span></h3>
  <p class="note">#${r.seq} · ${time(t, r.at)} · ${t.t('who')}: <bdi>${nameOf(actor.id)}</bdi> · ${t.t('role')}: ${actor.roles.map((x, i) => html`${i ? ', ' : ''}${term(t, x)}`)} · <a class="proof-link" href="/ui/cases/${r.caseId ?? ''}/proof/${r.seq}">${t.t('inclusionProof')}</a></p>
  ${r.justification ? html`<p>${t.t('justification')}: ${r.justification === REDACTED ? html`<span class="redacted">${t.t('redacted')}</span>` : html`<q>${r.justification}</q>`}</p>` : ''}
  ${failed.length ? html`<ul class="verdicts" aria-label="${t.t('verdicts')}">${failed.map(verdictItem)}</ul>` : ''}
  ${passed.length ? html`<details><summary>${t.t('verdicts')}: ${passed.length} ${t.t('passed')}</summary><ul class="verdicts">${passed.map(verdictItem)}</ul></details>` : ''}
</li>`;
}

/** Screening first (every case starts there), then the registry's order. */
const WORKFLOW_ORDER = ['screening', ...allLatest().map((d) => d.kind).filter((k) => k !== 'screening')];
const workflowRank = (kind: string): number => {
  const i = WORKFLOW_ORDER.indexOf(kind);
  return i < 0 ? WORKFLOW_ORDER.length : i;
};

const initialState = (kind: string, version: number): string | undefined => {
  const def = definitionOf(kind, version);
  return def ? stateTree(def.machine).initial : undefined;
};

/** The case's own workflow record (registration, links, erasure) is no process a reviewer follows on a diagram. */
const NOT_DRAWN = new Set(['case']);

function diagramsSection(view: View, c: CaseView): SafeHtml {
  const { t } = view;
  // Only the workflows this case has started: every case holds an instance of each, in its initial
  // state until a first command moves it (a per-destination instance exists only once started).
  const started = c.workflows.filter((w) => !NOT_DRAWN.has(w.kind) && (w.instance !== '' || w.state !== initialState(w.kind, w.version))).sort((a, b) => workflowRank(a.kind) - workflowRank(b.kind) || a.instance.localeCompare(b.instance));
  const figures = started.map((w) => {
    const def = definitionOf(w.kind, w.version);
    if (!def) return '';
    const source = mermaidDiagram(def, w.state, (s) => t.term(s));
    // Large machines take a whole row so their labels stay legible.
    const wide = stateTree(def.machine).leaves.length > 5;
    return html`<figure class="diagram${wide ? ' wide' : ''}" data-workflow="${w.kind}">
  <pre class="mermaid" dir="ltr" aria-hidden="true">${source}</pre>
  <figcaption>${t.t('diagramCaption', { workflow: t.term(w.kind), state: t.term(w.state) })}${w.instance ? html` (${w.instance})` : ''}</figcaption>
  <noscript><p class="note">${t.t('diagramNoScript')}</p><pre dir="ltr">${source}</pre></noscript>
</figure>`;
  });
  return html`<section aria-labelledby="diag-h"><h2 id="diag-h">${t.t('diagrams')}</h2>${figures.length ? html`<div class="diagrams">${figures}</div>` : html`<p>${t.t('diagramsNone')}</p>`}</section>`;
}

/** The evidence items as the reader may see them, each with the anchor a verdict's evidence id links to. */
function evidenceSection(view: View, c: CaseView): SafeHtml {
  const { t } = view;
  const items = Array.isArray(c.evidence) ? c.evidence : [];
  return html`<section aria-labelledby="ev-h"><h2 id="ev-h">${t.t('evidenceList')}</h2>
${items.length
    ? html`<ul class="evidence">${items.map((e) => html`<li id="${evidenceAnchor(e.id)}" data-evidence="${e.id}"><code class="ref" dir="ltr">${e.id}</code> · ${term(t, e.kind)} · ${t.t('evidenceConcerns')} ${term(t, e.concerns)}${e.tortureAllegation && e.tortureAllegation !== 'none' ? html` · ${t.t('torture')}: ${term(t, e.tortureAllegation)}` : ''} · ${t.t('evidenceObtained')} ${e.at.length === 10 ? t.day(e.at) : time(t, e.at)}
  ${typeof e.summary === 'string' ? html`<br><span class="${e.summary === REDACTED ? 'redacted' : ''}">${e.summary === REDACTED ? t.t('redacted') : html`<bdi>${e.summary}</bdi>`}</span>` : ''}</li>`)}</ul>`
    : html`<p>${t.t('none')}</p>`}
</section>`;
}

type Attention = Record<'refused' | 'warned' | 'pending', { records: AuditRow[]; more: boolean }>;

/**
 * What needs a reviewer's eye, before the case file: refused commands, applied commands a WARN
 * verdict flagged, second approvals waiting, overdue tasks. Each item links to its record (the
 * timeline opened at it) or, for a task, to its workflow's row.
 */
function attentionSection(view: View, services: Services, c: CaseView, found: Attention): SafeHtml {
  const { t } = view;
  const today = services.clock.now().slice(0, 10);
  const overdue = services.repos.tasks.ofCase(c.id).filter((k) => k.due !== null && k.due < today && k.visibleFrom <= today && today < k.visibleUntil);
  const failing = (r: AuditRow, warn: boolean) => verdictsOf(r, t.lang).filter((v) => !v.ok && (warn ? v.severity === 'warn' : v.severity !== 'warn'));
  const recordLine = (r: AuditRow, warn: boolean) =>
    html`<li data-seq="${r.seq}"><a href="${recordHref(c.id, r.seq)}">#${r.seq} <span class="cmd mono">${r.workflow}.${r.type}</span></a> · ${time(t, r.at)} · ${transition(t, r)}
  ${failing(r, warn).map((v) => html`<br>${ruleLink(v.rule)} <span lang="${v.reasonLang}">${v.reason}</span>`)}</li>`;
  const group = (key: 'attentionRefused' | 'attentionWarned', kind: 'refused' | 'warned', filter: string) => {
    const { records, more } = found[kind];
    if (!records.length) return '';
    return html`<div class="attention-group" data-attention="${kind}"><h3>${t.t(key)}${more ? html` <small class="note">(${t.t('attentionNewest', { n: t.number(records.length) })})</small>` : ''}</h3>
<ul>${records.map((r) => recordLine(r, kind === 'warned'))}</ul>
${more ? html`<p><a href="/ui/cases/${c.id}?${filter}#tl-h">${t.t('attentionMore')}</a></p>` : ''}</div>`;
  };
  // A pending approval's record: the pending record of its workflow and instance written when it was proposed.
  const pendingRecord = (p: CaseView['pending'][number]) =>
    found.pending.records.find((r) => r.workflow === p.workflow && r.instance === p.instance && r.at === p.createdAt) ??
    found.pending.records.find((r) => r.workflow === p.workflow && r.instance === p.instance);
  const commandOf = (p: CaseView['pending'][number]) => {
    const type = p.command && typeof p.command === 'object' ? (p.command as Record<string, unknown>)['type'] : undefined;
    return `${p.workflow}.${typeof type === 'string' ? type : ''}`;
  };
  const pending = c.pending.length
    ? html`<div class="attention-group" data-attention="pending"><h3>${t.t('attentionPending')}</h3><ul>${c.pending.map((p) => {
        const r = pendingRecord(p);
        const text = t.t('pendingItem', { command: commandOf(p), role: t.term(p.requiredRole), at: t.date(p.createdAt) });
        return html`<li data-pending="${p.id}">${r ? html`<a href="${recordHref(c.id, r.seq)}">${text}</a>` : html`<a href="/ui/cases/${c.id}?result=pending#tl-h">${text}</a>`}</li>`;
      })}</ul></div>`
    : '';
  const tasks = overdue.length
    ? html`<div class="attention-group" data-attention="overdue"><h3>${t.t('attentionOverdue')}</h3><ul>${overdue.map((k) => html`<li data-task="${k.kind}"><a href="#wf-${k.workflow}-${k.instance}">${t.t('taskItem', { task: t.term(k.kind), workflow: t.term(k.workflow), role: t.term(k.role), due: t.day(k.due!) })}</a>${k.rule ? html` · ${ruleLink(k.rule)}` : ''}</li>`)}</ul></div>`
    : '';
  const groups = [group('attentionRefused', 'refused', 'result=refused'), group('attentionWarned', 'warned', ''), pending, tasks].filter((g) => g !== '');
  return html`<section aria-labelledby="attn-h" id="attention" class="attention${groups.length ? '' : ' empty'}"><h2 id="attn-h">${t.t('attentionTitle')}</h2>
${groups.length ? groups : html`<p id="attention-none">${t.t('attentionNone')}</p>`}
</section>`;
}

function casePage(view: View, services: Services, id: string): { markup: SafeHtml; status: number } {
  const { t, params } = view;
  const actor = view.user!;
  const workflowFilter = text(params, 'workflow', 64);
  const resultFilter = text(params, 'result', 16);
  // Newest first unless asked; `before`/`after` a record's seq page backwards and forwards (keyset: stable while records are added).
  const order = params.get('order') === 'oldest' ? 'oldest' : 'newest';
  // A malformed cursor or order is named and ignored (400, the first page shown): never a 500, never a guess.
  const errors = (['before', 'after'] as const).filter((k) => params.has(k) && seqParam(params, k) === undefined).map((k) => `${k}: ${t.t('seqHint')}`);
  if (params.has('order') && !['newest', 'oldest'].includes(params.get('order') ?? '')) errors.push(`order: newest | oldest`);
  const natural = order === 'newest' ? 'desc' : 'asc';
  const before = seqParam(params, 'before');
  const after = before === undefined ? seqParam(params, 'after') : undefined;
  const reading = before !== undefined ? 'desc' : after !== undefined ? 'asc' : natural;
  const filters = { ...(workflowFilter ? { workflow: workflowFilter } : {}), ...(resultFilter ? { result: resultFilter } : {}) };
  // The page, the summary's selections and the page's neighbours: one read of the case's audit index each, one read logged.
  const { case: c, history: fetched, more, also } = readCase(services, actor, id, { route: 'GET /ui/cases/:id', purpose: 'web_case_page' }, {
    ...filters, order: reading, ...(before !== undefined ? { beforeSeq: before } : {}), ...(after !== undefined ? { afterSeq: after } : {}), limit: TIMELINE_PAGE,
  }, {
    refused: { result: 'refused', order: 'desc', limit: ATTENTION_SHOWN },
    warned: { warned: true, order: 'desc', limit: ATTENTION_SHOWN },
    pending: { result: 'pending', order: 'desc', limit: ATTENTION_SHOWN * 5 },
    // Whether records lie on the other side of the cursor (a "previous" link).
    behind: { ...filters, ...(before !== undefined ? { afterSeq: before - 1, order: 'asc' } : after !== undefined ? { beforeSeq: after + 1, order: 'desc' } : { beforeSeq: 0 }), limit: 1 },
  });
  const shown = reading === natural ? fetched : [...fetched].reverse();
  const beyond = { read: more, behind: also.behind.records.length > 0 };
  // In display order: what lies after the last record shown, and before the first.
  const hasNext = reading === natural ? beyond.read : beyond.behind;
  const hasPrev = reading === natural ? beyond.behind : beyond.read;
  const nextCursor = (seq: number) => (order === 'newest' ? { before: seq, after: undefined } : { after: seq, before: undefined });
  const prevCursor = (seq: number) => (order === 'newest' ? { after: seq, before: undefined } : { before: seq, after: undefined });
  const total = services.queries.historyCount(c.id);
  const redacted = c.redacted;
  const nameOf = userNames(services);
  const workflowKinds = [...new Set(['case', ...c.workflows.map((w) => w.kind)])];
  const option = (value: string, label: HtmlValue, selected: string | undefined) =>
    html`<option value="${value}" ${(selected ?? '') === value ? html`selected` : ''}>${label}</option>`;
  const orderLink = (o: 'newest' | 'oldest', label: string) =>
    o === order ? html`<strong aria-current="true">${label}</strong>` : html`<a href="${urlWith(view, { order: o === 'newest' ? undefined : o, before: undefined, after: undefined })}#tl-h" data-order="${o}">${label}</a>`;

  const body = html`<h1>${t.t('caseTitle', { ref: c.reference })}</h1>
<p class="note">${t.t('readOnly')}</p>
<nav class="actions noprint" aria-label="${t.t('export')}">
  <strong>${t.t('export')}:</strong>
  <a href="/ui/cases/${c.id}/history.json" download>${t.t('exportJson')}</a>
  <a href="/ui/cases/${c.id}/print">${t.t('exportPrint')}</a>
</nav>
${attentionSection(view, services, c, also)}
${summarySection(view, c, redacted)}
${evidenceSection(view, c)}
<section aria-labelledby="wf-h"><h2 id="wf-h">${t.t('currentStates')}</h2>
<div class="table-wrap"><table>
<thead><tr><th scope="col">${t.t('workflow')}</th><th scope="col">${t.t('state')}</th><th scope="col">${t.t('outcome')}</th></tr></thead>
<tbody>${c.workflows.map((w) => html`<tr data-workflow="${w.kind}" id="wf-${w.kind}-${w.instance}"><th scope="row">${term(t, w.kind)}${w.instance ? html` (${w.instance})` : ''}</th><td><strong>${term(t, w.state)}</strong></td><td>${w.outcome ? term(t, w.outcome) : '—'}</td></tr>`)}</tbody>
</table></div></section>
<section aria-labelledby="tl-h"><h2 id="tl-h">${t.t('timeline')}</h2>
${errors.length ? html`<p class="error" role="alert" id="timeline-error">${errors.join('; ')}</p>` : ''}
<form class="filters" method="get" action="/ui/cases/${c.id}#tl-h">
  <label>${t.t('workflow')}<select name="workflow">${option('', t.t('allWorkflows'), workflowFilter)}${workflowKinds.map((k) => option(k, term(t, k), workflowFilter))}</select></label>
  <label>${t.t('result')}<select name="result">${option('', t.t('allResults'), resultFilter)}${RESULTS.map((r) => option(r, term(t, r), resultFilter))}</select></label>
  <label>${t.t('order')}<select name="order">${option('', t.t('newestFirst'), order === 'newest' ? '' : order)}${option('oldest', t.t('oldestFirst'), order === 'newest' ? '' : order)}</select></label>
  <button type="submit" class="primary">${t.t('apply')}</button>
  <a href="/ui/cases/${c.id}">${t.t('clear')}</a>
</form>
<p class="note order-toggle noprint">${t.t('order')}: ${orderLink('newest', t.t('newestFirst'))} · ${orderLink('oldest', t.t('oldestFirst'))}</p>
<p class="note" aria-live="polite">${t.t('timelineCount', { shown: t.number(shown.length), total: t.number(total) })}${shown.length ? html` · ${t.t('timelineRange', { from: shown[0]!.seq, to: shown.at(-1)!.seq })}` : ''}</p>
${timelinePager(view, { hasPrev, hasNext, first: shown[0]?.seq, last: shown.at(-1)?.seq, cursor: before !== undefined || after !== undefined, prevCursor, nextCursor })}
${shown.length ? html`<ol class="timeline" data-order="${order}">${shown.map((r) => recordItem(t, r, nameOf))}</ol>` : html`<p>${t.t('noRecords')}</p>`}
${timelinePager(view, { hasPrev, hasNext, first: shown[0]?.seq, last: shown.at(-1)?.seq, cursor: before !== undefined || after !== undefined, prevCursor, nextCursor })}
</section>
${diagramsSection(view, c)}`;
  return { markup: page(view, { title: t.t('caseTitle', { ref: c.reference }), nav: 'cases', diagrams: true, body }), status: errors.length ? 400 : 200 };
}

type Cursor = { before: number | undefined; after: number | undefined };

function timelinePager(view: View, p: { hasPrev: boolean; hasNext: boolean; first: number | undefined; last: number | undefined; cursor: boolean; prevCursor: (seq: number) => Cursor; nextCursor: (seq: number) => Cursor }): SafeHtml {
  const { t } = view;
  return html`<nav class="pager noprint" aria-label="${t.t('timeline')}">
  ${p.cursor ? html`<a href="${urlWith(view, { before: undefined, after: undefined })}#tl-h" data-page="first">${t.t('first')}</a>` : ''}
  ${p.hasPrev && p.first !== undefined ? html`<a rel="prev" href="${urlWith(view, p.prevCursor(p.first))}#tl-h" data-page="prev">${t.t('previous')}</a>` : ''}
  ${p.hasNext && p.last !== undefined ? html`<a rel="next" href="${urlWith(view, p.nextCursor(p.last))}#tl-h" data-page="next">${t.t('next')}</a>` : ''}
</nav>`;
}

function printPage(view: View, services: Services, id: string): SafeHtml {
  const { t } = view;
  const actor = view.user!;
  const { case: c, history } = readCase(services, actor, id, { route: 'GET /ui/cases/:id/print', purpose: 'web_case_print' });
  const nameOf = userNames(services);
  const body = html`<h1>${t.t('printTitle', { ref: c.reference })}</h1>
<p class="note">${t.t('generated', { at: t.date(services.clock.now()), name: actor.name })}</p>
<p class="noprint actions"><button type="button" data-print class="primary">${t.t('print')}</button> <a href="/ui/cases/${c.id}">${t.t('caseTitle', { ref: c.reference })}</a></p>
${summarySection(view, c, c.redacted)}
<h2>${t.t('currentStates')}</h2>
${workflowBadges(t, c.workflows)}
<h2>${t.t('timeline')}</h2>
<div class="table-wrap"><table>
<thead><tr><th scope="col">${t.t('seq')}</th><th scope="col">${t.t('when')}</th><th scope="col">${t.t('who')}</th><th scope="col">${t.t('command')}</th><th scope="col">${t.t('transition')}</th><th scope="col">${t.t('result')}</th><th scope="col">${t.t('verdicts')}</th></tr></thead>
<tbody>${history.map((r) => {
    const a = actorOf(r);
    return html`<tr class="${r.result}"><td>${r.seq}</td><td>${time(t, r.at)}</td><td><bdi>${nameOf(a.id)}</bdi> (${a.roles.map((x) => t.term(x)).join(', ')})</td><td class="mono">${r.workflow}.${r.type}</td><td>${transition(t, r)}</td><td>${resultBadge(t, r.result)}</td>
<td>${verdictsOf(r, t.lang).map((v) => html`<div>${ruleLink(v.rule)} ${v.ok ? '✓' : '✗'} <span lang="${v.reasonLang}">${v.reason}</span></div>`)}</td></tr>`;
  })}</tbody>
</table></div>
${printedProofs(t, services.proofs.bundle(history, { caseId: c.id, fromSeq: 1, complete: true }))}`;
  return page(view, { title: t.t('printTitle', { ref: c.reference }), body, bare: true });
}

/**
 * The JSON export: the (redacted) case summary and every audit record with its verdicts, each
 * record redacted for the reader as GET /v1/cases/:id/history does (one function: redactRecordFor).
 */
function exportJson(view: View, services: Services, id: string) {
  const actor = view.user!;
  const { case: c, history } = readCase(services, actor, id, { route: 'GET /ui/cases/:id/history.json', purpose: 'web_case_export' });
  return {
    exportedAt: services.clock.now(),
    exportedBy: { id: actor.id, roles: actor.roles },
    case: { id: c.id, reference: c.reference, version: c.version, child: c.child, person: c.person, location: c.location, workflows: c.workflows, redacted: c.redacted },
    records: history,
    // Inclusion proofs against a signed checkpoint: checkable offline with tools/audit-verify.mjs.
    proofs: services.proofs.bundle(history, { caseId: c.id, fromSeq: 1, complete: true }),
  };
}

export const casePages: FastifyPluginAsync<{ services: Services }> = async (app, { services }) => {
  // An admin reads no case content: 403 on every case page and export.
  const guard = requirePageRole(...CASE_ROLES);
  const idOf = (params: unknown): string => String((params as { id?: unknown }).id ?? '').slice(0, 64);

  app.get('/cases', { preHandler: guard }, async (request, reply) => {
    const { markup, status } = listPage(viewOf(request), services);
    return sendPage(reply, markup, status);
  });
  app.get('/cases/:id', { preHandler: guard }, async (request, reply) => {
    const { markup, status } = casePage(viewOf(request), services, idOf(request.params));
    return sendPage(reply, markup, status);
  });
  // The inclusion proof of one timeline record (issue 15.9): hashes only, in the case's scope, the record of this case.
  app.get('/cases/:id/proof/:seq', { preHandler: guard }, async (request, reply) => {
    const raw = String((request.params as { seq?: unknown }).seq ?? '');
    if (!/^[1-9]\d{0,14}$/.test(raw)) return reply.code(400).send({ error: { code: 'VALIDATION', message: 'seq: a record number', details: [{ path: 'params.seq', message: 'a record number' }] } });
    return services.proofs.caseInclusion(viewOf(request).user!, idOf(request.params), Number(raw));
  });
  app.get('/cases/:id/print', { preHandler: guard }, async (request, reply) => sendPage(reply, printPage(viewOf(request), services, idOf(request.params))));
  app.get('/cases/:id/history.json', { preHandler: guard }, async (request, reply) => {
    const body = exportJson(viewOf(request), services, idOf(request.params));
    return reply
      .header('cache-control', 'no-store')
      .header('content-disposition', `attachment; filename="${body.case.reference.replace(/[^\w.-]/g, '_')}-decision-history.json"`)
      .type('application/json; charset=utf-8')
      .send(JSON.stringify(body, null, 2));
  });
};

