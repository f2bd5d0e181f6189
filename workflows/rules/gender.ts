import type { Assessment, RecordReferral, ScreeningContext } from '../screening/model.ts';
import { data, fail, pass, workflowOf } from './facts.ts';
import { say } from './gender.messages.ts';
import type { Rule, RuleContext } from './types.ts';
import { rule } from './rule.ts';

/** Gender and SGBV (RULES.md §4.10). */

const survivor = (ctx: RuleContext): boolean => ctx.subject.facts.person.vulnerabilities.includes('sgbv_survivor');

export const genderRules: readonly Rule[] = [
  rule({
    id: 'KP-GEN-01',
    principles: ['B.women.gender-responsive', 'B.women.support'],
    summary: 'Screen for SGBV in a survivor-centred way: refer with consent, avoid repeat interviewing, never make support conditional on cooperation with prosecution.',
    severity: 'warn',
    previewable: false,
  })
    .on('screening.RECORD_INTERVIEW', (ctx) => {
      const facts = ['person.vulnerabilities', 'screening.interviews'];
      const earlier = (workflowOf(ctx.subject, 'screening')?.context as ScreeningContext | undefined)?.interviews.length ?? 0;
      if (survivor(ctx) && earlier > 0) return fail(say('KP-GEN-01.repeat_interview', { interviews: earlier + 1 }), { facts, toAllow: [say('KP-GEN-01.allow_single_interview')] });
      return pass(say('KP-GEN-01.no_repeat'), { facts });
    })
    .on('screening.RECORD_ASSESSMENT', (ctx) => {
      const facts = ['person.vulnerabilities', 'command.victimIndicators', 'command.referrals', 'command.sgbvReferralConsent'];
      const a = data(ctx) as Partial<Assessment>;
      if (!(survivor(ctx) || a.victimIndicators?.includes('sgbv'))) return pass(say('KP-GEN-01.no_indicator'), { facts });
      if (!a.referrals?.includes('sgbv_support')) return fail(say('KP-GEN-01.referral_missing', { days: ctx.settings.referralSlaDays }), { facts, toAllow: [say('KP-GEN-01.allow_referral')] });
      if (a.sgbvReferralConsent !== true) return fail(say('KP-GEN-01.without_consent'), { facts, toAllow: [say('KP-GEN-01.allow_consent')] });
      return pass(say('KP-GEN-01.with_consent'), { facts });
    })
    .on('screening.RECORD_REFERRAL', (ctx) => {
      const facts = ['command.referrals', 'command.declined', 'command.survivorConsent'];
      const r = data(ctx) as RecordReferral;
      if (!r.referrals.includes('sgbv_support')) return pass(say('KP-GEN-01.no_referral'), { facts });
      if (r.declined) return pass(say('KP-GEN-01.declined'), { facts });
      if (r.survivorConsent !== true) return fail(say('KP-GEN-01.without_consent'), { facts, toAllow: [say('KP-GEN-01.allow_consent')] });
      return pass(say('KP-GEN-01.with_consent'), { facts });
    }),
];
