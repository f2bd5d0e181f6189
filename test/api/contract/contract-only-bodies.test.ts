import { describe, expect, it } from 'vitest';
import { clearDestination, failedRules, getCase, ok, register, verifyNationality } from '../../support/flows.ts';
import { t, lo2, panel, personCase, woman, childOf, screen, consular, arrival, verdictIn, womanPlan, bidContract, bidExtras, consentGiven, panelDecision, addEvidence, chargeContract, chargeExtras, convictionContract, detainContract, chargedWoman, plannedNational, refusalContract, refusalJustification, statusAndState, useSharedApp } from './journeyFixtures.ts';

/**
 * Driven through the REST API with command bodies that hold ONLY the fields
 * WORKFLOWS.md names for each command (plus the envelope's `justification` where a rule says
 * JUSTIFY, and `CONFIRM_PENDING` / `REJECT_PENDING` for 2ND). Hidden acceptance tests are written
 * against that contract; our engine added fields and commands so rules can check the data
 * RULES.md asks for (README "Additions to the contract").
 *
 * This file keeps each body that used to be refused and asserts how it is answered now that the
 * rules read contract data or sensible defaults (README "Additions to the contract"), together with
 * what the principle still refuses. Plain shapes of contract fields that WORKFLOWS.md leaves open
 * are accepted and normalised (asserted here too), never into a guarantee met.
 *
 * Each test sends the body WORKFLOWS.md allows, with good values, that used to be refused (category
 * (b): the rule could be satisfied from contract data or sensibly defaulted; (c): a bug; "shape": a
 * plain form of a contract field whose nested shape WORKFLOWS.md leaves open). The lead's decisions
 * (README "Additions to the contract") now answer them; each test asserts the allowed answer and,
 * where the principle still refuses something, that refusal with its rule id.
 */

useSharedApp();

describe('contract-only bodies formerly refused', () => {
  const refusedWith = (res: { status: number; body: any }, rules: string[]) => expect(failedRules(res).sort()).toEqual([...rules].sort());
  const invalidAt = (res: { status: number; body: any }, paths: string[]) => {
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION');
    expect((res.body.error.details as Array<{ path: string }>).map((d) => d.path).sort()).toEqual([...paths].sort());
  };

  it('(b) CONFIRM_ARRIVAL without our NOTIFY_DECISION is flagged by KP-RET-02 (WARN), not refused; the notify task is shown until then', async () => {
    const id = await plannedNational('Aya');
    await clearDestination(t, id, 'FR', false, lo2);
    ok(await t.command('caseworker', id, 'repatriation', 'RECORD_CONSULAR_CONTACT', consular));
    ok(await t.command('caseworker', id, 'repatriation', 'ISSUE_DOCUMENTS', { type: 'laissez_passer' }));
    ok(await t.command('supervisor', id, 'repatriation', 'APPROVE_RETURN'));
    const tasks = await t.request('caseworker', 'GET', '/v1/tasks');
    expect(tasks.status).toBe(200);
    expect(tasks.body.items).toEqual(expect.arrayContaining([expect.objectContaining({ caseId: id, kind: 'notify_decision', rule: 'KP-RET-02' })]));
    const arrived = ok(await t.command('caseworker', id, 'repatriation', 'CONFIRM_ARRIVAL', arrival));
    expect(arrived.state).toBe('returned');
    expect(verdictIn(arrived, 'KP-RET-02')).toMatchObject({ ok: false, severity: 'warn', reason: expect.stringMatching(/^the decision was not recorded as notified/) });
  });

  it('(b) a joint APPROVE_RETURN with documents issued on the mother\'s case only moves the child too (KP-NAT-03)', async () => {
    const mother = await register(t, woman('Salma'));
    const child = await register(t, childOf('Yara', 'female', '2019-03-01', mother));
    await screen(mother, false);
    await screen(child, true);
    for (const id of [mother, child]) await verifyNationality(t, id, 'FR');
    await clearDestination(t, mother, 'FR', false, lo2);
    await clearDestination(t, child, 'FR', true, lo2);
    ok(await t.command('caseworker', child, 'best_interests', 'START_BIA'));
    ok(await t.command('caseworker', child, 'best_interests', 'COMPLETE_BIA', { findings: 'Lives with her mother; no separation proposed', bidRequired: false }));
    ok(await t.command('caseworker', mother, 'repatriation', 'PLAN', { destination: 'FR', withFamily: [child] }));
    ok(await t.command('caseworker', mother, 'repatriation', 'RECORD_CONSULAR_CONTACT', consular));
    ok(await t.command('caseworker', mother, 'repatriation', 'ISSUE_DOCUMENTS', { type: 'laissez_passer' }));
    expect(await statusAndState(child, 'repatriation')).toBe('planning');
    const approved = ok(await t.command('supervisor', mother, 'repatriation', 'APPROVE_RETURN'));
    expect(approved).toMatchObject({ state: 'approved', members: [child] });
    expect(await statusAndState(child, 'repatriation')).toBe('approved');
  });

  it('(b) detention RELEASE and legal CLOSE with no data are flagged by KP-SYS-01 (WARN); rehabilitation COMPLETE (it ends the services) still needs reasons, the justification counts', async () => {
    const { id } = await chargedWoman('Dalia');
    ok(await t.command('legal_officer', id, 'detention', 'DETAIN', detainContract));
    // Continuing a detention is a decision against the person: without reasons it is refused (BLOCK).
    refusedWith(await t.command('supervisor', id, 'detention', 'REVIEW', { continue: true, nextReviewDueAt: '2026-06-10' }), ['KP-SYS-01']);
    const released = ok(await t.command('supervisor', id, 'detention', 'RELEASE'));
    expect(released.state).toBe('not_detained');
    expect(verdictIn(released, 'KP-SYS-01')).toMatchObject({ ok: false, severity: 'warn' });
    ok(await t.command('legal_officer', id, 'legal', 'RECORD_JUDGMENT', { outcome: 'acquitted', appealDeadline: '2026-06-11' }));
    const closed = ok(await t.command('legal_officer', id, 'legal', 'CLOSE'));
    expect(closed.state).toBe('closed');
    expect(verdictIn(closed, 'KP-SYS-01')).toMatchObject({ ok: false, severity: 'warn' });

    const r = await register(t, woman('Rim', { location: { kind: 'returned', name: 'Paris', state: 'FR' } }));
    ok(await t.command('caseworker', r, 'rehabilitation', 'CREATE_PLAN', womanPlan));
    ok(await t.command('caseworker', r, 'rehabilitation', 'START'));
    ok(await t.command('caseworker', r, 'rehabilitation', 'RECORD_PROGRESS'));
    refusedWith(await t.command('caseworker', r, 'rehabilitation', 'COMPLETE'), ['KP-SYS-01']);
    // The envelope's justification is taken as the reason (src/engine/commandReasons.ts): no flag then.
    const s2 = await register(t, woman('Sawsan', { location: { kind: 'returned', name: 'Paris', state: 'FR' } }));
    ok(await t.command('caseworker', s2, 'rehabilitation', 'CREATE_PLAN', womanPlan));
    ok(await t.command('caseworker', s2, 'rehabilitation', 'START'));
    const justified = ok(await t.command('caseworker', s2, 'rehabilitation', 'COMPLETE', undefined, { justification: 'every planned service was delivered' }));
    expect(verdictIn(justified, 'KP-SYS-01')).toMatchObject({ ok: true });
  });

  it('(b) a contract-only PREPARE_BID (childViews): SUBMIT_TO_PANEL is flagged, the approval takes the screening language and the panel\'s reasons (KP-CHILD-05)', async () => {
    const mother = await register(t, woman('Mona'));
    const child = await register(t, childOf('Sara', 'female', '2017-09-01', mother));
    ok(await t.command('caseworker', child, 'best_interests', 'START_BIA'));
    ok(await t.command('caseworker', child, 'best_interests', 'COMPLETE_BIA', { findings: 'Lives with her mother', bidRequired: true }));
    ok(await t.command('caseworker', child, 'best_interests', 'PREPARE_BID', bidContract));
    const submitted = ok(await t.command('caseworker', child, 'best_interests', 'SUBMIT_TO_PANEL'));
    expect(submitted.state).toBe('panel_review');
    // Not yet screened: no language in which she was heard is on record — flagged at submission, refused at the approval.
    expect(verdictIn(submitted, 'KP-CHILD-05')).toMatchObject({ ok: false, severity: 'warn', reason: expect.stringContaining('language') });
    refusedWith(await t.command('bid_panel', child, 'best_interests', 'PANEL_DECIDE', panelDecision('Returning together with her mother serves her best interests')), ['KP-CHILD-05']);
    await screen(child, true);
    const approved = ok(await t.command('bid_panel', child, 'best_interests', 'PANEL_DECIDE', panelDecision('Returning together with her mother serves her best interests')));
    expect(approved.state).toBe('bid_approved');
    expect(verdictIn(approved, 'KP-CHILD-05')).toMatchObject({ ok: true, reason: expect.stringContaining('recorded in the panel\'s reasons') });
  });

  it('(b) PLACE_IN_CARE { type: "kinship", alternativesConsidered: [] } on a current BIA is reasoned by its findings (KP-CHILD-01); foster care still needs reasons', async () => {
    const mother = await register(t, woman('Huda'));
    const child = await register(t, childOf('Omar', 'male', '2020-04-04', mother));
    ok(await t.command('caseworker', child, 'best_interests', 'START_BIA'));
    ok(await t.command('caseworker', child, 'best_interests', 'COMPLETE_BIA', { findings: 'His grandmother in France can care for him', bidRequired: false }));
    expect(failedRules(await t.command('caseworker', child, 'best_interests', 'PLACE_IN_CARE', { type: 'foster', alternativesConsidered: [] }))).toContain('KP-CHILD-01');
    const placed = ok(await t.command('caseworker', child, 'best_interests', 'PLACE_IN_CARE', { type: 'kinship', alternativesConsidered: [] }));
    expect(verdictIn(placed, 'KP-CHILD-01')).toMatchObject({ ok: true });
  });

  it('(b) CHARGE with counsel and interpreter only is flagged by KP-JUS-05 (WARN); a guarantee recorded false is refused; the appeal deadline is the conviction\'s appeal information', async () => {
    const id = await register(t, woman('Nour'));
    await screen(id, false);
    const evidence = await addEvidence(id, 'Bank records: transfers to a listed group');
    ok(await t.command('legal_officer', id, 'legal', 'OPEN_INVESTIGATION', { evidenceIds: [evidence] }));
    refusedWith(await t.command('legal_officer', id, 'legal', 'CHARGE', { ...chargeContract, presumptionOfInnocence: false }), ['KP-JUS-05']);
    const charged = ok(await t.command('legal_officer', id, 'legal', 'CHARGE', chargeContract));
    expect(charged.state).toBe('charged');
    expect(verdictIn(charged, 'KP-JUS-05')).toMatchObject({ ok: false, severity: 'warn', reason: expect.stringContaining('not recorded: the presumption of innocence, that the person was informed of the charges') });
    refusedWith(await t.command('legal_officer', id, 'legal', 'RECORD_JUDGMENT', { ...convictionContract, appealInformationGiven: false }), ['KP-JUS-05']);
    const convicted = ok(await t.command('legal_officer', id, 'legal', 'RECORD_JUDGMENT', convictionContract));
    expect(convicted.state).toBe('judgment');
    expect(verdictIn(convicted, 'KP-JUS-05')).toMatchObject({ ok: true });
  });

  it('(b)/(a) DETAIN of a charged woman with the contract fields only: the proceedings\' evidence (KP-SCR-02); her linked children must be recorded (KP-DET-03)', async () => {
    const { id } = await chargedWoman('Yasmin');
    const detained = ok(await t.command('legal_officer', id, 'detention', 'DETAIN', detainContract));
    expect(detained.state).toBe('detained');
    expect(verdictIn(detained, 'KP-SCR-02')).toMatchObject({ ok: true });
    expect(verdictIn(detained, 'KP-DET-03')).toMatchObject({ ok: false, severity: 'warn', reason: expect.stringContaining('no children recorded; none linked') });

    // A mother with a child on file: her known children must be recorded.
    const { id: mother } = await chargedWoman('Khadija');
    const child = await register(t, childOf('Bilal', 'male', '2019-02-02', mother));
    refusedWith(await t.command('legal_officer', mother, 'detention', 'DETAIN', detainContract), ['KP-DET-03']);
    const children = [{ caseId: child, name: 'Bilal', age: 7, whereabouts: 'with his grandmother in Lyon', carer: 'grandmother', staysWithMother: false, bestInterestsBasis: 'BIA: kinship care with his grandmother' }];
    expect(ok(await t.command('legal_officer', mother, 'detention', 'DETAIN', { ...detainContract, children })).state).toBe('detained');
  });

  it('(b) RECORD_STATE_REFUSAL { reason, legalBasis, reviewRoute } with a justification is recorded (KP-RET-04 reads the aim and proportionality from it; no KP-RET-05)', async () => {
    const id = await plannedNational('Lina');
    const bare = await t.command('caseworker', id, 'repatriation', 'RECORD_STATE_REFUSAL', refusalContract);
    refusedWith(bare, ['KP-RET-04']);
    expect(bare.body.error.details.verdicts[0]).toMatchObject({ severity: 'justify' });
    const res = ok(await t.command('caseworker', id, 'repatriation', 'RECORD_STATE_REFUSAL', refusalContract, refusalJustification));
    expect(res.state).toBe('barrier');
    expect(verdictIn(res, 'KP-RET-04')).toMatchObject({ ok: true });
    expect(verdictIn(res, 'KP-RET-05')).toBeUndefined();
  });

  it('(b) RESOLVE { outcome }: stateless_protected after a referral records the determination procedure (KP-NAT-01), verified names the only State claimed; reasons still needed (KP-SYS-01)', async () => {
    const id = await register(t, personCase('Asma', 'female', { exact: '1997-07-07' }, {}, 'IQ'));
    ok(await t.command('caseworker', id, 'nationality', 'REQUEST_VERIFICATION', { state: 'IQ' }));
    ok(await t.command('caseworker', id, 'nationality', 'REFER_STATELESSNESS'));
    refusedWith(await t.command('supervisor', id, 'nationality', 'RESOLVE', { outcome: 'stateless_protected' }), ['KP-SYS-01']);
    const why = { justification: 'Iraq denies her nationality and no other State recognises her' };
    expect(ok(await t.command('supervisor', id, 'nationality', 'RESOLVE', { outcome: 'stateless_protected' }, why)).state).toBe('stateless_protected');

    const v = await register(t, personCase('Aicha', 'female', { exact: '1997-07-07' }, {}, 'IQ'));
    ok(await t.command('caseworker', v, 'nationality', 'REQUEST_VERIFICATION', { state: 'IQ' }));
    ok(await t.command('caseworker', v, 'nationality', 'REFER_STATELESSNESS'));
    const verified = ok(await t.command('supervisor', v, 'nationality', 'RESOLVE', { outcome: 'verified' }, { justification: 'The Iraqi consulate confirmed her nationality after all' }));
    expect(verified.state).toBe('verified');
    expect((await getCase(t, v)).workflows.find((w: { kind: string }) => w.kind === 'nationality').outcome).toBe('verified');

    // Two nationalities claimed, none still asked: which State verified it cannot be told — 400 naming data.state.
    const two = await register(t, { ...personCase('Rabia', 'female', { exact: '1997-07-07' }, {}, 'IQ'), person: { ...personCase('Rabia', 'female', { exact: '1997-07-07' }, {}, 'IQ').person, nationalities: [{ state: 'IQ', status: 'claimed' }, { state: 'SY', status: 'claimed' }] } });
    ok(await t.command('caseworker', two, 'nationality', 'REQUEST_VERIFICATION', { state: 'IQ' }));
    ok(await t.command('caseworker', two, 'nationality', 'REFER_STATELESSNESS'));
    invalidAt(await t.command('supervisor', two, 'nationality', 'RESOLVE', { outcome: 'verified' }, { justification: 'confirmed' }), ['data.state']);
    expect(await statusAndState(two, 'nationality')).toBe('statelessness_referral');
  });

  it('(b) a child\'s non-refoulement assessment covering the four adult risks: life without parole is answered by the destination\'s law (KP-RET-01)', async () => {
    const mother = await register(t, woman('Rasha'));
    const child = await register(t, childOf('Ali', 'male', '2019-03-01', mother));
    const fourRisks = { risks: ['torture', 'cruel_treatment', 'death_penalty', 'onward_removal'].map((type) => ({ type, level: 'none', sources: ['country information 2026'] })) };
    ok(await t.command('legal_officer', child, 'non_refoulement', 'START', { destination: 'FR' }));
    ok(await t.command('legal_officer', child, 'non_refoulement', 'RECORD_FINDINGS', fourRisks));
    // France's law in force excludes life without parole for minors.
    const submitted = ok(await t.command('legal_officer', child, 'non_refoulement', 'SUBMIT', undefined, { instance: 'FR' }));
    expect(verdictIn(submitted, 'KP-RET-01')).toMatchObject({ ok: true, reason: expect.stringContaining('excluded by FR law in force') });
    // No jurisdiction data for Syria: unknown, still refused.
    ok(await t.command('legal_officer', child, 'non_refoulement', 'START', { destination: 'SY' }));
    ok(await t.command('legal_officer', child, 'non_refoulement', 'RECORD_FINDINGS', fourRisks, { instance: 'SY' }));
    refusedWith(await t.command('legal_officer', child, 'non_refoulement', 'SUBMIT', undefined, { instance: 'SY' }), ['KP-RET-01']);
  });

  it('(b) a woman\'s plan with livelihood but no family-tracing service covers family and community reintegration (KP-REH-01)', async () => {
    const id = await register(t, woman('Farah', { location: { kind: 'returned', name: 'Lyon', state: 'FR' } }));
    const plan = { ...womanPlan, services: womanPlan.services.filter((s) => s.type !== 'family_tracing') };
    const created = ok(await t.command('caseworker', id, 'rehabilitation', 'CREATE_PLAN', plan));
    expect(verdictIn(created, 'KP-REH-01')).toMatchObject({ ok: true });
    // Without either, the domain is still missing.
    const other = await register(t, woman('Ghada', { location: { kind: 'returned', name: 'Lyon', state: 'FR' } }));
    refusedWith(await t.command('caseworker', other, 'rehabilitation', 'CREATE_PLAN', { ...womanPlan, services: plan.services.filter((s) => s.type !== 'livelihood') }), ['KP-REH-01']);
  });

  it('(c) an evidence item with the client `id` WORKFLOWS.md lists keeps that id, unique within the case', async () => {
    const id = await register(t, woman('Ines'));
    const item = { id: 'ev-2026-001', kind: 'document', summary: 'Bank records', concerns: 'own_conduct', tortureAllegation: 'none', source: 'financial intelligence unit', at: '2026-03-10' };
    const res = await t.request('legal_officer', 'POST', `/v1/cases/${id}/evidence`, item);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.id).toBe('ev-2026-001');
    expect((await getCase(t, id)).evidence.map((e: { id: string }) => e.id)).toContain('ev-2026-001');
    invalidAt(await t.request('legal_officer', 'POST', `/v1/cases/${id}/evidence`, item), ['body.id']);
    // Another case may use the same id; left out, one is generated.
    const other = await register(t, woman('Iman'));
    expect((await t.request('legal_officer', 'POST', `/v1/cases/${other}/evidence`, item)).status).toBe(201);
    const { id: _id, ...generated } = item;
    expect((await t.request('legal_officer', 'POST', `/v1/cases/${other}/evidence`, generated)).body.id).toMatch(/^ev-/);
    // The id is what commands cite.
    await screen(id, false);
    expect(ok(await t.command('legal_officer', id, 'legal', 'OPEN_INVESTIGATION', { evidenceIds: ['ev-2026-001'] })).state).toBe('investigation');
  });

  it('(shape) plain forms of open contract fields are accepted and normalised; the rules still refuse what they must', async () => {
    const { id } = await chargedWoman('Souad');
    // DETAIN facility / legalBasis / alternativesConsidered as plain words; the basis reads as criminal (pre-trial).
    const detained = ok(
      await t.command('legal_officer', id, 'detention', 'DETAIN', { ...detainContract, facility: 'Fresnes remand unit', legalBasis: 'Code of Criminal Procedure art. 144', alternativesConsidered: ['judicial supervision'] }),
    );
    expect(detained.state).toBe('detained');
    expect(verdictIn(detained, 'KP-AGE-02')?.reason).not.toBe('not a criminal detention');
    // RECORD_JUDGMENT sentence as plain words.
    expect(ok(await t.command('legal_officer', id, 'legal', 'RECORD_JUDGMENT', { ...convictionContract, sentence: '5 years\' imprisonment' })).state).toBe('judgment');
    const other = await register(t, woman('Widad'));
    await screen(other, false);
    const ev = await addEvidence(other, 'Bank records');
    ok(await t.command('legal_officer', other, 'legal', 'OPEN_INVESTIGATION', { evidenceIds: [ev] }));
    // CHARGE counsel / interpreter / nonJudicialMeasuresConsidered as plain forms: whether an interpreter is needed stays unknown (flagged).
    const charged = ok(
      await t.command('legal_officer', other, 'legal', 'CHARGE', { ...chargeContract, ...chargeExtras, counsel: 'Me Claire Dupont', interpreter: false, nonJudicialMeasuresConsidered: ['restorative justice'] }),
    );
    expect(verdictIn(charged, 'KP-JUS-05')).toMatchObject({ ok: false, severity: 'warn', reason: expect.stringContaining('whether an interpreter is needed') });

    const mother = await register(t, woman('Hanan'));
    const child = await register(t, childOf('Lama', 'female', '2018-01-01', mother));
    // RECORD_AGE assessors by name only: their disciplines are unknown, so the assessment is not multidisciplinary (KP-AGE-04).
    refusedWith(
      await t.command('caseworker', child, 'age_assessment', 'RECORD_AGE', { methods: ['interview', 'documents'], dateOfBirth: { exact: '2018-01-01' }, assessors: ['Dr L. Martin', 'S. Benali'] }),
      ['KP-AGE-04'],
    );
    ok(await t.command('caseworker', child, 'best_interests', 'START_BIA'));
    ok(await t.command('caseworker', child, 'best_interests', 'COMPLETE_BIA', { findings: 'Lives with her mother', bidRequired: true }));
    ok(await t.command('caseworker', child, 'best_interests', 'PREPARE_BID', { ...bidContract, ...bidExtras }));
    ok(await t.command('caseworker', child, 'best_interests', 'SUBMIT_TO_PANEL'));
    // RECORD_CONSENT circumstances as plain words: coercion is not recorded as ruled out, so not free and informed consent (KP-CHILD-06).
    refusedWith(await t.command('caseworker', child, 'best_interests', 'RECORD_CONSENT', { ...consentGiven(mother), circumstances: 'given freely in the camp, witnessed by a UNICEF officer' }), ['KP-CHILD-06']);
    // PANEL_DECIDE discipline: an open set (social work ...), still several disciplines.
    const social = { ...panelDecision('together with her mother'), panel: panel.map((m, i) => ({ userId: m.id, discipline: ['social_work', 'legal', 'health'][i] })) };
    expect(ok(await t.command('bid_panel', child, 'best_interests', 'PANEL_DECIDE', social)).state).toBe('bid_approved');
    // PLACE_IN_CARE alternativesConsidered as care types: no reason recorded for kinship care (KP-CARE-01, KP-CHILD-01).
    refusedWith(await t.command('caseworker', child, 'best_interests', 'PLACE_IN_CARE', { type: 'foster', alternativesConsidered: ['kinship'] }), ['KP-CARE-01', 'KP-CHILD-01']);
  });
});
