import type { Assessment, RecordReferral, ScreeningContext } from '../screening/model.ts';
import { data, fail, pass, workflowOf } from './facts.ts';
import type { Rule } from './types.ts';
import { rule } from './rule.ts';

/** Gender and SGBV (RULES.md §4.10). */

export const genderRules: readonly Rule[] = [
  rule({
    id: 'KP-GEN-01',
    principles: ['B.women.gender-responsive', 'B.women.support'],
    summary: 'Screen for SGBV in a survivor-centred way: refer with consent, avoid repeat interviewing, never make support conditional on cooperation with prosecution.',
    severity: 'warn',
    guards: ['screening.RECORD_INTERVIEW', 'screening.RECORD_ASSESSMENT', 'screening.RECORD_REFERRAL'],
    previewable: false,
    check(ctx) {
      const survivor = ctx.subject.facts.person.vulnerabilities.includes('sgbv_survivor');
      if (ctx.command.type === 'RECORD_INTERVIEW') {
        const earlier = (workflowOf(ctx.subject, 'screening')?.context as ScreeningContext | undefined)?.interviews.length ?? 0;
        if (survivor && earlier > 0) return fail(`an SGBV survivor is being interviewed again (${earlier + 1} interviews): avoid repeat interviewing`);
        return pass('no repeat interview of an SGBV survivor');
      }
      if (ctx.command.type === 'RECORD_REFERRAL') {
        const r = data(ctx) as RecordReferral;
        if (!r.referrals.includes('sgbv_support')) return pass('no SGBV referral in this record');
        if (r.declined) return pass('SGBV referral offered and declined by the survivor: recorded, not pressed');
        if (r.survivorConsent !== true) return fail('SGBV referral recorded without the survivor\'s consent');
        return pass('SGBV referral made with consent');
      }
      const a = data(ctx) as Partial<Assessment>;
      if (!(survivor || a.victimIndicators?.includes('sgbv'))) return pass('no SGBV indicator');
      if (!a.referrals?.includes('sgbv_support')) return fail(`SGBV indicated but no survivor-centred SGBV referral recorded; a referral task is due within ${ctx.settings.referralSlaDays} days`);
      if (a.sgbvReferralConsent !== true) return fail('SGBV referral recorded without the survivor\'s consent');
      return pass('SGBV referral made with consent');
    },
  }),
];
