import type { ImpactReport, ImpactVerdict } from '../engine/impact.ts';
import { localizeVerdict } from '../../workflows/rules/explain.ts';
import type { MessageLang } from '../../workflows/rules/messages.ts';

/** A rule's verdict on one side of a change, in `lang`: its text and, when structured, its code. */
function verdictLine(side: 'now' | 'proposed', v: ImpactVerdict, lang: MessageLang): string {
  const shown = localizeVerdict(v, lang);
  return `    ${v.rule} ${side}: ${shown.reason}${v.code ? ` [${v.code}]` : ''}`;
}

/**
 * The impact report as text (CLI): totals, the rules that change most, then each listed change
 * with the verdicts that change, rendered in `lang`.
 */
export function formatImpact(r: ImpactReport, lang: MessageLang = 'en'): string {
  const lines = [
    `${r.changed} of ${r.commands} commands on ${r.cases} cases would be decided differently${r.truncated ? ` (${r.truncated} not listed)` : ''}`,
    ...Object.entries(r.results).map(([k, n]) => `  ${k}: ${n}`),
    ...(r.differFromRecord ? [`${r.differFromRecord} commands are already decided otherwise by the law in force than recorded`] : []),
    ...(r.skipped ? [`${r.skipped} commands could not be re-decided (machine version not registered)`] : []),
    '',
    'rule          changed  newly refusing  newly allowing  otherwise  cases',
    ...r.byRule.map((b) => `${b.rule.padEnd(12)}  ${String(b.changed).padStart(7)}  ${String(b.newlyRefusing).padStart(14)}  ${String(b.newlyAllowing).padStart(14)}  ${String(b.otherwise).padStart(9)}  ${String(b.cases).padStart(5)}`),
    '',
    ...r.changes.flatMap((c) => {
      const where = c.scenario ? `${c.scenario.file} step ${c.scenario.step}` : `${c.case} #${c.seq}`;
      const rules = c.rules.map((x) => `${x.rule} ${x.current ? (x.current.ok ? 'ok' : x.current.severity) : '-'}→${x.proposed ? (x.proposed.ok ? 'ok' : x.proposed.severity) : '-'}`).join(', ');
      const verdicts = c.rules.flatMap((x) => [...(x.current ? [verdictLine('now', x.current, lang)] : []), ...(x.proposed ? [verdictLine('proposed', x.proposed, lang)] : [])]);
      return [`${where} ${c.workflow}.${c.type}: ${c.current.result} → ${c.proposed.result}${rules ? ` (${rules})` : ''}`, ...verdicts];
    }),
  ];
  return lines.join('\n');
}

/** A progress bar on stderr for long runs (10,000 cases): redrawn in place, at most 40 times. */
export function progressBar(unit: string, write: (s: string) => void = (s) => process.stderr.write(s)): (done: number, total: number) => void {
  let last = -1;
  return (done, total) => {
    const share = total ? Math.min(1, done / total) : 1;
    const step = Math.floor(share * 40);
    if (step === last) return;
    last = step;
    write(`\r[${'#'.repeat(step)}${'-'.repeat(40 - step)}] ${Math.round(share * 100)}% ${done}/${total} ${unit}`);
  };
}
