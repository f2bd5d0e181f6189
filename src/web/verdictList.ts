import type { AuditRow } from '../../db/index.ts';
import type { Verdict } from '../../workflows/rules/types.ts';
import { html, type SafeHtml } from './html.ts';
import type { Translator } from './i18n.ts';
import { term } from './layout.ts';
import { explanationOf, principleText, ruleLink, verdictsOf, type StoredVerdict } from './records.ts';

/**
 * Verdicts of a dry run shown as the reviewers' page shows a record's: reason rendered in the page
 * language from code + params (records.ts `verdictsOf`), and under it the same explanation
 * (records.ts `explanationOf`): what would make a refusal pass, the facts, params and evidence
 * read, the code. Refusing and warning verdicts first, passes folded.
 */

/** verdictsOf reads only a record's `verdicts`: a fresh trace step's verdicts go through it unchanged. */
export const localized = (verdicts: readonly Verdict[], t: Translator): StoredVerdict[] => verdictsOf({ verdicts } as Pick<AuditRow, 'verdicts'> as AuditRow, t.lang);

/** A dry run has no evidence section on the page to link to: evidence ids are shown, not linked. */
const noEvidenceLinks = (): undefined => undefined;

function item(t: Translator, v: StoredVerdict): SafeHtml {
  return html`<li class="${v.ok ? 'ok' : 'fail'}" data-rule="${v.rule}" data-ok="${String(v.ok)}">${ruleLink(v.rule)} <span class="badge ${v.ok ? 'ok' : 'fail'}">${v.ok ? t.t('passed') : t.t('failed')}</span> <span class="badge">${term(t, v.severity)}</span> <span class="reason" lang="${v.reasonLang}">${v.reason}</span> <small title="${principleText(v.principle)}">(${v.principle})</small>${explanationOf(t, v, noEvidenceLinks)}</li>`;
}

export function verdictList(t: Translator, verdicts: readonly Verdict[]): SafeHtml {
  const all = localized(verdicts, t);
  if (all.length === 0) return html`<p class="note">${t.t('noVerdicts')}</p>`;
  const failed = all.filter((v) => !v.ok);
  const passed = all.filter((v) => v.ok);
  return html`${failed.length ? html`<ul class="verdicts" aria-label="${t.t('verdicts')}">${failed.map((v) => item(t, v))}</ul>` : ''}
${passed.length ? html`<details><summary>${t.t('verdicts')}: ${passed.length} ${t.t('passed')}</summary><ul class="verdicts">${passed.map((v) => item(t, v))}</ul></details>` : ''}`;
}
