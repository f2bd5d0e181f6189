import { citedEvidenceIds } from './screening.ts';
import { evidenceByIds, fail, pass } from './facts.ts';
import type { Rule } from './types.ts';

/** Justice (RULES.md §4.6). */

export const justiceRules: Rule[] = [
  {
    id: 'KP-JUS-06',
    principles: ['B.prosecution.torture'],
    summary: 'Evidence with a torture or ill-treatment allegation is quarantined until investigated, and permanently inadmissible if confirmed.',
    severity: 'block',
    previewable: false,
    check(ctx) {
      const { found } = evidenceByIds(ctx.subject, citedEvidenceIds(ctx));
      const confirmed = found.filter((e) => e.tortureAllegation === 'confirmed' || e.investigation === 'confirmed');
      const alleged = found.filter((e) => e.tortureAllegation === 'alleged' && e.investigation !== 'cleared' && e.investigation !== 'confirmed');
      if (confirmed.length) return fail(`evidence ${confirmed.map((e) => e.id).join(', ')} is tainted by confirmed torture and permanently inadmissible`);
      if (alleged.length) return fail(`evidence ${alleged.map((e) => e.id).join(', ')} carries a torture allegation and is quarantined until investigated`);
      return pass('no cited evidence is tainted by torture');
    },
  },
];
