import { and, assertEvent, assign, setup } from 'xstate';
import { addDays, calendarDate, isChild } from '../age.ts';
import { reasonOf, stamp } from '../eventReaders.ts';
import { guardedBy, ruleGuards } from '../guards.ts';
import { applicableLaw, chargeIsChildAct } from '../rules/age.ts';
import { effectiveDateOfBirth } from '../rules/facts.ts';
import type { RuleContext } from '../rules/types.ts';
import { legalCommands, type LegalEvent } from './commands.ts';
import { chargeEvidenceIds, initialLegalContext, type ChildJusticeRecord, type LegalContext, type RecordedCharge, type WatchlistEntry } from './model.ts';

const c = legalCommands;

const childNow = (ctx: RuleContext): boolean => isChild(effectiveDateOfBirth(ctx.subject), calendarDate(ctx.at));

/** Opens (or extends) the child-justice record that KP-DATA-03 seals. */
function extendChildJustice(current: ChildJusticeRecord | null, ids: readonly string[], measure: ChildJusticeRecord['measure'], at: string): ChildJusticeRecord {
  if (!current || current.endedAt) return { evidenceIds: [...new Set(ids)], measure, startedAt: at, endedAt: null };
  return { ...current, evidenceIds: [...new Set([...current.evidenceIds, ...ids])], measure };
}

const endChildJustice = (cj: ChildJusticeRecord | null, at: string): ChildJusticeRecord | null => (cj && !cj.endedAt ? { ...cj, endedAt: at } : cj);

export const legalMachine = setup({
  types: { context: {} as LegalContext, events: {} as LegalEvent },
  guards: {
    ...ruleGuards,
    hasActiveWatchlistEntry: ({ context }) => context.watchlist.some((e) => e.status === 'active'),
  },
  actions: {
    openInvestigation: assign(({ context, event }) => {
      assertEvent(event, 'OPEN_INVESTIGATION');
      const d = event.data;
      return {
        investigation: { evidenceIds: d.evidenceIds, ...stamp(event) },
        childJustice: childNow(event.ctx) ? extendChildJustice(context.childJustice, d.evidenceIds, 'investigation', event.ctx.at) : context.childJustice,
      };
    }),
    referDiversion: assign(({ context, event }) => {
      assertEvent(event, 'REFER_DIVERSION');
      const d = event.data;
      const child = childNow(event.ctx) || context.charges.some((ch) => ch.childAtAct);
      const ids = [...(context.investigation?.evidenceIds ?? []), ...context.chargeEvidenceIds];
      return { diversion: { ...d, ...stamp(event) }, childJustice: child ? extendChildJustice(context.childJustice, ids, 'diversion', event.ctx.at) : context.childJustice };
    }),
    charge: assign(({ context, event }) => {
      assertEvent(event, 'CHARGE');
      const d = event.data;
      const ctx = event.ctx;
      const charges: RecordedCharge[] = d.charges.map((ch) => {
        const law = applicableLaw(ctx.jurisdictions, d.jurisdiction, ch.allegedActDate, ctx.at);
        return {
          ...ch,
          childAtAct: chargeIsChildAct(ctx.subject, ch),
          appliedLaw: law ? { code: d.jurisdiction, validFrom: law.atAct.validFrom, appliedValidFrom: law.applied.validFrom, macr: law.macr } : null,
        };
      });
      const juvenile = d.forum === 'juvenile' && charges.some((ch) => ch.childAtAct);
      const own = chargeEvidenceIds(d, context);
      const ids = [...(context.investigation?.evidenceIds ?? []), ...own];
      return {
        charges,
        forum: d.forum,
        jurisdiction: d.jurisdiction,
        chargeEvidenceIds: own,
        fairTrial: {
          counsel: d.counsel,
          interpreter: d.interpreter,
          informedOfCharges: d.informedOfCharges,
          presumptionOfInnocence: d.presumptionOfInnocence,
          appropriateAdult: d.appropriateAdult,
          nonJudicialMeasuresConsidered: d.nonJudicialMeasuresConsidered,
        },
        childJustice: juvenile ? extendChildJustice(context.childJustice, ids, 'juvenile_proceedings', ctx.at) : context.childJustice,
        submittedBy: ctx.proposedBy?.id ?? ctx.actor.id,
        decidedBy: ctx.actor.id,
      };
    }),
    recordJudgment: assign({
      judgments: ({ context, event }) => {
        assertEvent(event, 'RECORD_JUDGMENT');
        return [...context.judgments, { ...event.data, childAct: context.charges.some((ch) => ch.childAtAct), ...stamp(event) }];
      },
    }),
    fileAppeal: assign({
      appeals: ({ context, event }) => {
        assertEvent(event, 'FILE_APPEAL');
        const d = event.data;
        return [...context.appeals, { filedOn: d.filedOn ?? calendarDate(event.ctx.at), grounds: d.grounds ?? event.ctx.command.justification ?? '', ...stamp(event) }];
      },
    }),
    recordFairTrial: assign({
      fairTrial: ({ context, event }) => {
        assertEvent(event, 'RECORD_FAIR_TRIAL');
        const given = Object.fromEntries(Object.entries(event.data).filter(([, v]) => v !== undefined));
        return { ...(context.fairTrial ?? { counsel: { appointed: false }, interpreter: { provided: false } }), ...given } as LegalContext['fairTrial'];
      },
    }),
    close: assign(({ context, event }) => ({
      closures: [...context.closures, { type: event.type, reason: reasonOf(event), ...stamp(event) }],
      childJustice: endChildJustice(context.childJustice, event.ctx.at),
    })),
    requestWatchlist: assign({
      watchlist: ({ context, event }) => {
        assertEvent(event, 'REQUEST_WATCHLIST_ENTRY');
        const d = event.data;
        const s = stamp(event);
        const entry: WatchlistEntry = {
          evidenceIds: d.evidenceIds,
          legalBasis: d.legalBasis,
          childSpecificBasis: d.childSpecificBasis ?? null,
          database: d.database ?? null,
          status: 'active',
          reviewDueAt: addDays(calendarDate(s.at), event.ctx.settings.watchlistReviewDays),
          ...s,
          reviews: [],
        };
        return [...context.watchlist, entry];
      },
    }),
    reviewWatchlist: assign({
      watchlist: ({ context, event }) => {
        assertEvent(event, 'REVIEW_WATCHLIST_ENTRY');
        const d = event.data;
        const s = stamp(event);
        return context.watchlist.map((e) =>
          e.status !== 'active'
            ? e
            : { ...e, status: d.keep ? ('active' as const) : ('deleted' as const), reviewDueAt: addDays(calendarDate(s.at), event.ctx.settings.watchlistReviewDays), reviews: [...e.reviews, { ...d, ...s }] },
        );
      },
    }),
  },
}).createMachine({
  id: 'legal',
  initial: 'no_proceedings',
  context: initialLegalContext,
  on: {
    REQUEST_WATCHLIST_ENTRY: { guard: guardedBy(c.REQUEST_WATCHLIST_ENTRY), actions: 'requestWatchlist' },
    REVIEW_WATCHLIST_ENTRY: { guard: and([guardedBy(c.REVIEW_WATCHLIST_ENTRY), 'hasActiveWatchlistEntry']), actions: 'reviewWatchlist' },
  },
  states: {
    no_proceedings: {
      on: {
        OPEN_INVESTIGATION: { target: 'proceedings.investigation', guard: guardedBy(c.OPEN_INVESTIGATION), actions: 'openInvestigation' },
        REFER_DIVERSION: { target: 'proceedings.diversion', guard: guardedBy(c.REFER_DIVERSION), actions: 'referDiversion' },
      },
    },
    /** Open proceedings, at any stage: they may be closed from each. */
    proceedings: {
      initial: 'investigation',
      on: {
        CLOSE: { target: 'closed', guard: guardedBy(c.CLOSE), actions: 'close' },
      },
      states: {
        investigation: {
          on: {
            REFER_DIVERSION: { target: 'diversion', guard: guardedBy(c.REFER_DIVERSION), actions: 'referDiversion' },
            CHARGE: { target: 'court.charged', guard: guardedBy(c.CHARGE), actions: 'charge' },
            ANNUL_REFERRAL: { target: '#legal.closed', guard: guardedBy(c.ANNUL_REFERRAL), actions: 'close' },
          },
        },
        diversion: {
          on: {
            // A diversion that fails may still end in a charge: every CHARGE rule applies again.
            CHARGE: { target: 'court.charged', guard: guardedBy(c.CHARGE), actions: 'charge' },
          },
        },
        /** Charged, judged or on appeal: fair-trial guarantees are recorded and the referral may be annulled at each stage. */
        court: {
          initial: 'charged',
          on: {
            RECORD_FAIR_TRIAL: { guard: guardedBy(c.RECORD_FAIR_TRIAL), actions: 'recordFairTrial' },
            ANNUL_REFERRAL: { target: '#legal.closed', guard: guardedBy(c.ANNUL_REFERRAL), actions: 'close' },
          },
          states: {
            charged: {
              on: {
                RECORD_JUDGMENT: { target: 'judgment', guard: guardedBy(c.RECORD_JUDGMENT), actions: 'recordJudgment' },
                REFER_DIVERSION: { target: '#legal.proceedings.diversion', guard: guardedBy(c.REFER_DIVERSION), actions: 'referDiversion' },
              },
            },
            judgment: {
              on: {
                FILE_APPEAL: { target: 'appeal', guard: guardedBy(c.FILE_APPEAL), actions: 'fileAppeal' },
              },
            },
            appeal: {
              on: {
                RECORD_JUDGMENT: { target: 'judgment', guard: guardedBy(c.RECORD_JUDGMENT), actions: 'recordJudgment' },
              },
            },
          },
        },
      },
    },
    closed: {
      on: {
        // New proceedings on new evidence; the sealed child-justice record stays sealed (KP-DATA-03).
        OPEN_INVESTIGATION: { target: 'proceedings.investigation', guard: guardedBy(c.OPEN_INVESTIGATION), actions: 'openInvestigation' },
      },
    },
  },
});
