import type { ProofBundle } from '../engine/bundles.ts';
import type { Services } from '../services.ts';
import { html, type SafeHtml } from './html.ts';
import type { Translator } from './i18n.ts';
import { time, type View } from './layout.ts';

/**
 * The signed log on the reviewers' pages (issue 15.9): the latest checkpoint and its
 * cosignatures, a fork named loudly, and a consistency check the browser makes itself against
 * the last checkpoint it saw (kept in local storage; assets/audit-proofs.js, Web Crypto).
 */
export function checkpointSection(view: View, services: Services): SafeHtml {
  const { t } = view;
  const cp = services.transparency.latest();
  const [fork] = services.transparency.forks(1);
  const key = services.transparency.key();
  return html`<section aria-labelledby="log-h" id="signed-log" data-origin="${cp.origin}" data-size="${cp.size}" data-root="${cp.rootHash}" data-consistency="/ui/audit/proof/consistency">
<h2 id="log-h">${t.t('proofsTitle')}</h2>
${fork ? html`<p class="status bad" id="fork-status" role="alert" data-forked="true">✗ ${t.t('forkAlert', { at: t.date(fork.at), by: fork.reportedBy })}</p>` : ''}
<p id="checkpoint-status">${t.t('checkpointLatest', { size: t.number(cp.size), at: t.date(cp.time) })}</p>
<p>${t.t('rootHash')}: <code class="mono" dir="ltr">${cp.rootHash}</code></p>
<p>${t.t('logKey')}: <code class="mono" dir="ltr">${key.vkey}</code></p>
<details><summary>${t.t('proofsTitle')}</summary><pre class="mono" dir="ltr">${cp.note}</pre></details>
<h3>${t.t('cosignatures')}</h3>
${cp.cosignatures.length
    ? html`<ul id="cosignatures">${cp.cosignatures.map((c) => html`<li><bdi>${c.witness}</bdi> — ${time(t, c.at)} <small class="mono" dir="ltr">${c.vkey}</small></li>`)}</ul>`
    : html`<p id="cosignatures">${t.t('noCosignatures')}</p>`}
<p>${t.t('browserCheck')} <span id="browser-check" aria-live="polite">${t.t('browserCheckPending')}</span></p>
<script src="/ui/assets/audit-proofs.js" defer></script>
</section>`;
}

/** The proofs section of the printable decision history. */
export function printedProofs(t: Translator, bundle: ProofBundle): SafeHtml {
  return html`<h2>${t.t('proofsTitle')}</h2>
<p class="note">${t.t('proofsPrintIntro')}</p>
<p>${t.t('logKey')}: <code class="mono" dir="ltr">${bundle.key.vkey}</code></p>
<pre class="mono" dir="ltr">${bundle.checkpoint.note}</pre>
${bundle.cosignatures.length ? html`<ul>${bundle.cosignatures.map((c) => html`<li class="mono" dir="ltr">${c.line}</li>`)}</ul>` : ''}
<div class="table-wrap"><table class="proofs">
<thead><tr><th scope="col">${t.t('seq')}</th><th scope="col">${t.t('proofOf')}</th></tr></thead>
<tbody>${bundle.records.map((r) => html`<tr id="proof-${r.seq}"><td>${r.seq}</td><td class="mono" dir="ltr"><small>${r.leafIndex}${r.withheld ? html` · ${t.t('withheld')} · leaf ${r.leafHash ?? ''}` : ''}${r.proof.map((p) => html`<br>${p}`)}</small></td></tr>`)}</tbody>
</table></div>`;
}
