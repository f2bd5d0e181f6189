import { coverageGaps, ruleCoverage, runFiles, scenarioFiles, type CoverageMark, type RuleCoverage } from '../scenarios/runner.ts';
import { html, type SafeHtml } from './html.ts';
import type { Key } from './i18n.ts';
import type { View } from './layout.ts';
import { ruleLink } from './records.ts';

/** Condition coverage of the scenario files: what `npm run scenarios -- --coverage` reports. */
export interface CoverageReport {
  files: number;
  coverage: RuleCoverage[];
}

/** Runs every scenario file on a private in-memory database (nothing of it is kept). */
export function scenarioCoverage(files: readonly string[] = scenarioFiles()): CoverageReport {
  return { files: files.length, coverage: ruleCoverage(runFiles(files)) };
}

const MARKS: Record<CoverageMark, Key> = { both: 'markBoth', allowing: 'markAllowing', refusing: 'markRefusing', never: 'markNever' };

function count(view: View, n: number): SafeHtml {
  return n ? html`${view.t.number(n)}` : html`<span class="never">${view.t.t('never')}</span>`;
}

function gapList(view: View, id: string, title: Key, items: readonly string[]): SafeHtml {
  const { t } = view;
  return html`<details id="${id}" ${items.length ? html`open` : ''}><summary>${t.t(title)} (${t.number(items.length)})</summary>${items.length ? html`<ul class="gaps mono" dir="ltr">${items.map((i) => html`<li>${i}</li>`)}</ul>` : html`<p class="note">${t.t('none')}</p>`}</details>`;
}

/** Per rule: exercised allowing and refusing, and each condition made true and made false. */
export function coverageTable(view: View, coverage: readonly RuleCoverage[], id: string): SafeHtml {
  const { t } = view;
  return html`<div class="table-wrap"><table id="${id}" class="coverage">
<thead><tr><th scope="col">${t.t('rule')}</th><th scope="col">${t.t('coverageMark')}</th><th scope="col">${t.t('allowingCount')}</th><th scope="col">${t.t('refusingCount')}</th><th scope="col">${t.t('condition')}</th><th scope="col">${t.t('madeTrue')}</th><th scope="col">${t.t('madeFalse')}</th></tr></thead>
${coverage.map((c) => {
    const span = Math.max(1, c.conditions.length);
    const head = html`<th scope="rowgroup" rowspan="${span}">${ruleLink(c.rule)}</th><td rowspan="${span}"><span class="badge mark-${c.mark}">${t.t(MARKS[c.mark])}</span></td><td rowspan="${span}">${count(view, c.allowing)}</td><td rowspan="${span}">${count(view, c.refusing)}</td>`;
    const [first, ...rest] = c.conditions;
    const cells = (k: RuleCoverage['conditions'][number]) => html`<td><code dir="ltr">${k.condition}</code>${k.meaning ? html`<br><small lang="en" dir="ltr">${k.meaning}</small>` : ''}</td><td data-made-true="${k.madeTrue}">${count(view, k.madeTrue)}</td><td data-made-false="${k.madeFalse}">${count(view, k.madeFalse)}</td>`;
    return html`<tbody id="${id}-${c.rule}" data-rule="${c.rule}" data-mark="${c.mark}"><tr>${head}${first ? cells(first) : html`<td colspan="3" class="note">${t.t('noConditions')}</td>`}</tr>${rest.map((k) => html`<tr data-condition="${k.condition}">${cells(k)}</tr>`)}</tbody>`;
  })}
</table></div>`;
}

export function coverageSection(view: View, report: CoverageReport): SafeHtml {
  const { t } = view;
  const { coverage } = report;
  const gaps = coverageGaps(coverage);
  const exercised = coverage.filter((c) => c.mark !== 'never').length;
  const both = coverage.filter((c) => c.mark === 'both').length;
  return html`<section aria-labelledby="cov-h" id="coverage">
<h2 id="cov-h">${t.t('tabCoverage')}</h2>
<p>${t.t('coverageIntro')}</p>
<p class="status ${gaps.rulesNever.length ? 'bad' : 'ok'}" id="coverage-summary">${t.t('coverageSummary', { exercised: t.number(exercised), rules: t.number(coverage.length), files: t.number(report.files), both: t.number(both) })}</p>
${gapList(view, 'rules-never', 'rulesNever', gaps.rulesNever)}
${gapList(view, 'never-true', 'conditionsNeverTrue', gaps.conditionsNeverTrue)}
${gapList(view, 'never-false', 'conditionsNeverFalse', gaps.conditionsNeverFalse)}
${coverageTable(view, coverage, 'coverage-table')}
</section>`;
}
