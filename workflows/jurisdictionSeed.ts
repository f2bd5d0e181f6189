import { Jurisdiction } from './jurisdictions.ts';

/**
 * A starting set of jurisdiction versions (DOMAIN.md §6.2). Policy staff own this data and edit it
 * through `PUT /jurisdictions/:code`; nothing here is legal advice — verify before production use.
 *
 * Documented defaults, applied where the reference table gives no national figure:
 * - `validFrom` `2000-01-01` is the seed floor — the earliest date this seed vouches for, not the
 *   date the law was enacted. Acts before it are refused under KP-SYS-02 until a version is added.
 * - `detentionReviewIntervalDays` 14 and `pretrialMaxDaysChild` 180 are the CRC benchmarks (GC24:
 *   review about every two weeks; GC10: six months pre-trial), not national law.
 * - `bidPanelMinMembers` 3 (chair plus two members, DOMAIN.md §2).
 * - Penalty flags follow the reference notes; `deathPenaltyAvailable` is true where the penalty is
 *   in the law and applied (Iraq, Kurdistan Region), false where abolished or barred.
 */
const DEFAULTS = {
  macrOffenceSpecific: [],
  deathPenaltyAvailable: false,
  lifeWithoutParoleForMinors: false,
  militaryOrSpecialCourtsForChildren: false,
  juvenileCourts: true,
  detentionReviewIntervalDays: 14,
  pretrialMaxDaysChild: 180,
  bidPanelMinMembers: 3,
  validFrom: '2000-01-01',
} as const;

const SEED_INPUT = [
  { ...DEFAULTS, code: 'DE', name: 'Germany', macrGeneral: 14, macrType: 'absolute', source: '§19 StGB (absolute MACR 14); JGG §3 maturity test for 14-17, juvenile law possible for 18-20 — lexexakt.de; wz.de; munister.de' },
  {
    ...DEFAULTS,
    code: 'FR',
    name: 'France',
    macrGeneral: 13,
    macrType: 'rebuttable_presumption',
    source: 'Before the CJPM: no criminal penalty below 13 under the Ordonnance of 2 Feb 1945 (modelled as 13, rebuttable) [GK-verify]; superseded on 2021-09-30',
  },
  {
    ...DEFAULTS,
    code: 'FR',
    name: 'France',
    macrGeneral: 13,
    macrType: 'rebuttable_presumption',
    validFrom: '2021-09-30',
    source: 'Code de la justice pénale des mineurs, in force 30 Sept 2021: presumption of no discernment below 13 — cabinet-avocat-nozzi.com (2022); nosdeputes.fr debates',
  },
  { ...DEFAULTS, code: 'NL', name: 'Netherlands', macrGeneral: 12, macrType: 'absolute', source: 'esthinktank.com (2023); below the GC24 recommendation of 14 (compliance flag)' },
  {
    ...DEFAULTS,
    code: 'GB',
    name: 'United Kingdom (England, Wales and Northern Ireland)',
    macrGeneral: 10,
    macrType: 'absolute',
    source: 'esthinktank.com (2023); below the KP floor (12) and GC24 (14): compliance flag. Scotland differs (not seeded)',
  },
  { ...DEFAULTS, code: 'SE', name: 'Sweden', macrGeneral: 15, macrType: 'absolute', source: 'esthinktank.com (2023), "Scandinavian countries" 15' },
  { ...DEFAULTS, code: 'DK', name: 'Denmark', macrGeneral: 15, macrType: 'absolute', source: 'esthinktank.com (2023), "Scandinavian countries" 15' },
  { ...DEFAULTS, code: 'NO', name: 'Norway', macrGeneral: 15, macrType: 'absolute', source: 'esthinktank.com (2023), "Scandinavian countries" 15' },
  {
    ...DEFAULTS,
    code: 'RU',
    name: 'Russian Federation',
    macrGeneral: 16,
    macrType: 'absolute',
    macrOffenceSpecific: [
      { offenceCategory: 'terrorism', age: 14 },
      { offenceCategory: 'membership_or_association', age: 14 },
    ],
    source: 'CC art. 20(1) general 16; art. 20(2) 14 for listed offences incl. terrorist act, terrorist training, participation in a terrorist community or organisation — utnews.ru; Nov 2025 extension reported by babel.ua. Offence-specific ages are flagged, never applied (KP-AGE-03). Death penalty under moratorium: false',
  },
  {
    ...DEFAULTS,
    code: 'KZ',
    name: 'Kazakhstan',
    macrGeneral: 16,
    macrType: 'absolute',
    macrOffenceSpecific: [
      { offenceCategory: 'terrorism', age: 14 },
      { offenceCategory: 'membership_or_association', age: 14 },
    ],
    source: 'CC art. 15(1) general 16; art. 15(2) 14 for listed offences incl. act of terrorism, propaganda, creating or joining a terrorist group — zakonpravo.kz. Flagged, never applied (KP-AGE-03)',
  },
  {
    ...DEFAULTS,
    code: 'IQ',
    name: 'Iraq (federal)',
    macrGeneral: 9,
    macrType: 'absolute',
    deathPenaltyAvailable: true,
    source: 'Juvenile Welfare Law No. 76 of 1983 (MACR 9; reform to 11 discussed in 2024) — Iraq State report to CRC (unicef-irc.org); investigator-iol.org (Oct 2024); lawgratis.com. Below the KP floor: compliance flag. Death sentences handed down to transferred foreign nationals (HRW 2019)',
  },
  {
    ...DEFAULTS,
    code: 'IQ-KR',
    name: 'Iraq, Kurdistan Region',
    macrGeneral: 11,
    macrType: 'absolute',
    deathPenaltyAvailable: true,
    source: 'Reported MACR 11 — lawgratis.com (verify). Below the KP floor: compliance flag',
  },
] as const;

/** Validated by the Jurisdiction schema at load: a bad seed fails at start-up, not in a rule. */
export const JURISDICTION_SEED: readonly Jurisdiction[] = SEED_INPUT.map((j) => Jurisdiction.parse(j));
