import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCENARIO_DIR } from '../../src/scenarios/runner.ts';
import { testApp } from '../support/app.ts';
import { postForm, signIn, webSession, type WebSession } from '../support/web.ts';

type T = Awaited<ReturnType<typeof testApp>>;

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
/** A return refused for want of an approved BID (KP-CHILD-02) and of a non-refoulement clearance (KP-RET-01). */
const RETURN_WITHOUT_BID = readFileSync(join(SCENARIO_DIR, '08-child-return-without-bid.yaml'), 'utf8');

/** One verdict's item: from its rule's marker to the next verdict's. */
function verdict(body: string, rule: string): string {
  const start = body.indexOf(`data-rule="${rule}" data-ok="false"`);
  if (start < 0) throw new Error(`no refusing ${rule} verdict`);
  const next = body.indexOf('data-rule="', start + 10);
  return body.slice(start, next < 0 ? undefined : next);
}

/** The markup of the element with this id (up to its closing tag of the same name). */
function section(body: string, id: string): string {
  const start = body.indexOf(`id="${id}"`);
  if (start < 0) throw new Error(`no #${id} on the page`);
  const open = body.lastIndexOf('<', start);
  const tag = /^<(\w+)/.exec(body.slice(open))![1]!;
  let depth = 0;
  const re = new RegExp(`<(/?)${tag}\\b`, 'g');
  re.lastIndex = open;
  for (let m = re.exec(body); m; m = re.exec(body)) {
    depth += m[1] ? -1 : 1;
    if (depth === 0) return body.slice(open, body.indexOf('>', m.index) + 1);
  }
  return body.slice(open);
}

describe('the policy staff page (/ui/policy)', () => {
  let t: T;
  let policy: WebSession;
  beforeAll(async () => {
    t = await testApp();
    policy = await webSession(t.app, t.users.policy.token);
  });
  afterAll(async () => t.close());

  const auditCount = () => t.app.services.repos.db.$client.prepare('select count(*) as n from audit').get() as { n: number };

  it('opens for the policy role only: others are refused (403), strangers sent to sign in', async () => {
    for (const url of ['/ui/policy', '/ui/policy/impact', '/ui/policy/coverage']) {
      const ok = await t.app.inject({ url, headers: { cookie: policy.cookie } });
      expect(ok.statusCode, url).toBe(200);
      expect(ok.body).toContain('<a href="/ui/policy" aria-current="page">Policy</a>');
      for (const role of ['caseworker', 'reviewer', 'supervisor', 'admin'] as const) {
        const res = await t.app.inject({ url, headers: { cookie: await signIn(t.app, t.users[role].token) } });
        expect(res.statusCode, `${role} ${url}`).toBe(403);
        expect(res.body).toContain('Your role may not open this page');
      }
      const anonymous = await t.app.inject({ url });
      expect(anonymous.statusCode).toBe(302);
      expect(anonymous.headers.location).toBe(`/ui/sign-in?next=${encodeURIComponent(url)}`);
    }
    // The nav link is the policy staff's only.
    const reviewer = await t.app.inject({ url: '/ui/rules', headers: { cookie: await signIn(t.app, t.users.reviewer.token) } });
    expect(reviewer.body).not.toContain('href="/ui/policy"');
  }, 60_000);

  it('the forms post only with the session and its CSRF token', async () => {
    const noToken = await postForm(t.app, '/ui/policy/scenario', policy, { scenario: RETURN_WITHOUT_BID }, { csrf: null });
    expect(noToken.statusCode).toBe(403);
    const reviewer = await webSession(t.app, t.users.reviewer.token);
    const refused = await postForm(t.app, '/ui/policy/impact', reviewer, { settings: 'bidPanelMinMembers: 4' });
    expect(refused.statusCode).toBe(403);
    expect(refused.body).not.toContain('impact-result');
  });

  it('a dry run shows each step with its verdicts, the refusal explained, and writes nothing', async () => {
    const before = auditCount().n;
    const cases = t.app.services.repos.db.$client.prepare('select count(*) as n from cases').get() as { n: number };
    const res = await postForm(t.app, '/ui/policy/scenario', policy, { scenario: RETURN_WITHOUT_BID });
    expect(res.statusCode).toBe(200);
    const result = section(res.body, 'scenario-result');
    expect(result).toContain('data-passed="true"');
    expect(result).toContain('Every step gave what the scenario expects.');
    const refusal = section(res.body, 'step-4');
    expect(refusal).toContain('data-result="refused"');
    expect(refusal).toContain('repatriation.APPROVE_RETURN');
    // Every refusing rule is listed; a structured one (KP-CHILD-08) with its code, its reason in
    // the page's language and what would let it pass.
    expect(refusal).toMatch(/data-rule="KP-CHILD-02" data-ok="false"/);
    expect(refusal).toContain('href="/ui/rules#KP-CHILD-02"');
    const structured = verdict(refusal, 'KP-CHILD-08');
    expect(structured).toContain('<span class="reason" lang="en">');
    expect(structured).toMatch(/<dt>Code<\/dt><dd><code dir="ltr">KP-CHILD-08\.\w+/);
    expect(structured).toContain('<dt>Would pass with</dt>');
    expect(structured).toContain('<dt>Facts read</dt>');
    // The rules this run exercised, with their conditions (what POST /v1/scenarios/run reports as coverage).
    const exercised = section(res.body, 'run-coverage');
    expect(exercised).toContain('id="run-coverage-KP-CHILD-08"');
    expect(exercised).not.toContain('data-mark="never"');
    // Applied steps fold their passing verdicts.
    expect(section(res.body, 'step-1')).toMatch(/<summary>Verdicts: \d+ passed<\/summary>/);
    // The scenario's text is shown again to edit; the page is the only place it went.
    expect(res.body).toContain('Adam');
    expect(auditCount().n).toBe(before);
    expect((t.app.services.repos.db.$client.prepare('select count(*) as n from cases').get() as { n: number }).n).toBe(cases.n);
  });

  it('a step that does not give what the scenario expects is marked, with the runner\'s reason', async () => {
    const wrong = RETURN_WITHOUT_BID.replace('expect: { result: refused, rules: [KP-CHILD-02, KP-RET-01], state: documents_ready }', 'expect: applied');
    const res = await postForm(t.app, '/ui/policy/scenario', policy, { scenario: wrong });
    expect(res.statusCode).toBe(200);
    expect(section(res.body, 'scenario-result')).toContain('data-passed="false"');
    const step = section(res.body, 'step-4');
    expect(step).toContain('not as expected');
    expect(step).toContain('expected applied, got refused');
  });

  it('bad YAML, or YAML that is no scenario, is a 400 naming the problem, never a 500', async () => {
    const broken = await postForm(t.app, '/ui/policy/scenario', policy, { scenario: 'name: [unclosed\nsteps: {' });
    expect(broken.statusCode).toBe(400);
    const problems = section(broken.body, 'problems');
    expect(problems).toContain('The scenario could not be run');
    expect(problems).toContain('not YAML or JSON');
    // The text stays in the form to be corrected.
    expect(broken.body).toContain('name: [unclosed');

    const noSteps = await postForm(t.app, '/ui/policy/scenario', policy, { scenario: 'name: x\ndescription: y\ncaseFile: { person: { sex: male } }\n' });
    expect(noSteps.statusCode).toBe(400);
    expect(section(noSteps.body, 'problems')).toContain('<code dir="ltr">scenario.steps</code>');

    // A scenario that parses but names a workflow the engine does not have: the step says so.
    const badWorkflow = await postForm(t.app, '/ui/policy/scenario', policy, { scenario: RETURN_WITHOUT_BID.replace('workflow: repatriation, type: PLAN', 'workflow: nowhere, type: PLAN') });
    expect(badWorkflow.statusCode).toBe(200);
    const step = section(badWorkflow.body, 'step-1');
    expect(step).toContain('data-result="error"');
    expect(step).toContain('workflow nowhere not found');

    const empty = await postForm(t.app, '/ui/policy/scenario', policy, {});
    expect(empty.statusCode).toBe(400);
  });

  it('impact analysis: a larger BID panel over the scenario files, grouped by rule, references only, nothing written', async () => {
    const before = auditCount().n;
    const res = await postForm(t.app, '/ui/policy/impact', policy, { settings: 'bidPanelMinMembers: 4', source: 'scenarios', limit: '500' });
    expect(res.statusCode).toBe(200);
    const result = section(res.body, 'impact-result');
    expect(result).toMatch(/\d+ of \d+ commands on \d+ cases would be decided differently/);
    const row = section(result, 'impact-by-rule');
    expect(row).toMatch(/<tr data-rule="KP-CHILD-04"><th scope="row"><a href="#impact-KP-CHILD-04" class="mono">KP-CHILD-04<\/a><\/th><td data-changed="\d+">/);
    const group = section(result, 'impact-KP-CHILD-04');
    expect(group).toContain('15-bid-panel.yaml, step 7');
    expect(group).toContain('best_interests.PANEL_DECIDE');
    expect(group).toContain('at least 4 are required');
    expect(result).not.toMatch(UUID);
    expect(auditCount().n).toBe(before);
    // The form keeps what was asked.
    expect(res.body).toContain('>bidPanelMinMembers: 4</textarea>');
    expect(res.body).toMatch(/<option value="scenarios" selected>/);
  }, 60_000);

  it('impact analysis in Arabic: a changed verdict reads in Arabic, rendered from its code and params', async () => {
    const res = await postForm(t.app, '/ui/policy/impact?lang=ar', policy, { settings: 'bidPanelMinMembers: 4', source: 'scenarios', limit: '500' });
    expect(res.statusCode).toBe(200);
    const group = section(section(res.body, 'impact-result'), 'impact-KP-CHILD-04');
    expect(group).not.toContain('at least 4 are required');
    expect(group).not.toMatch(/<span lang="en" dir="ltr">[^<]*KP-CHILD-04|<span lang="en" dir="ltr">the panel/);
    expect(group).toMatch(/[\u0600-\u06FF]/);
  }, 60_000);

  it('impact analysis over the recorded cases with nothing recorded: nothing changes', async () => {
    const res = await postForm(t.app, '/ui/policy/impact', policy, { settings: 'bidPanelMinMembers: 4', source: 'cases' });
    expect(res.statusCode).toBe(200);
    expect(section(res.body, 'impact-result')).toContain('No decision would change.');
  });

  it('an impact form that proposes nothing, or nothing valid, is a 400 naming the field', async () => {
    const nothing = await postForm(t.app, '/ui/policy/impact', policy, { source: 'cases' });
    expect(nothing.statusCode).toBe(400);
    expect(section(nothing.body, 'problems')).toContain('name a settings change, a jurisdiction version or a rule set');
    const yaml = await postForm(t.app, '/ui/policy/impact', policy, { settings: 'bidPanelMinMembers: [4' });
    expect(yaml.statusCode).toBe(400);
    expect(section(yaml.body, 'problems')).toMatch(/<code dir="ltr">settings<\/code>: <span lang="en" dir="ltr">not YAML or JSON/);
    const floor = await postForm(t.app, '/ui/policy/impact', policy, { settings: 'macrHardFloor: 9' });
    expect(floor.statusCode).toBe(400);
    expect(section(floor.body, 'problems')).toContain('macrHardFloor');
    const day = await postForm(t.app, '/ui/policy/impact', policy, { settings: 'bidPanelMinMembers: 4', from: 'yesterday' });
    expect(day.statusCode).toBe(400);
    expect(section(day.body, 'problems')).toContain('<code dir="ltr">from</code>');
    const set = await postForm(t.app, '/ui/policy/impact', policy, { ruleSet: 'no-such-set' });
    expect(set.statusCode).toBe(400);
    expect(section(set.body, 'problems')).toContain('no-such-set');
  });

  it('condition coverage: per rule, each condition made true and made false, and what was never exercised', async () => {
    const res = await t.app.inject({ url: '/ui/policy/coverage', headers: { cookie: policy.cookie } });
    expect(res.statusCode).toBe(200);
    expect(section(res.body, 'coverage-summary')).toMatch(/\d+ of \d+ rules exercised by \d+ scenario files; \d+ both ways\./);
    const scr = section(res.body, 'coverage-table-KP-SCR-01');
    expect(scr).toContain('data-mark="both"');
    expect(scr).toContain('<code dir="ltr">another_authoritys_act</code>');
    // Scenario 25 records another authority's detention of a child: the condition was made true.
    expect(scr).toMatch(/data-made-true="[1-9]\d*"/);
    for (const id of ['rules-never', 'never-true', 'never-false']) expect(res.body).toContain(`id="${id}"`);
    expect(section(res.body, 'never-true')).not.toContain('KP-SCR-01 another_authoritys_act');
  }, 60_000);

  it('in Arabic: right to left, labels and the refusal\'s reason in Arabic', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/ui/policy/scenario?lang=ar',
      payload: new URLSearchParams({ _csrf: policy.csrf, scenario: RETURN_WITHOUT_BID }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: policy.cookie },
    });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<html lang="ar" dir="rtl">');
    expect(res.body).toContain('السياسات: جرّب القانون قبل أن يسري');
    const refusal = section(res.body, 'step-4');
    expect(refusal).toContain('رُفض');
    expect(refusal).toContain('<dt>يُستوفى بتوفّر</dt>');
    const reason = /<span class="reason" lang="ar">([^<]+)<\/span>/.exec(verdict(refusal, 'KP-CHILD-08'))?.[1] ?? '';
    expect(reason).toMatch(/[\u0600-\u06FF]/);
    const coverage = await t.app.inject({ url: '/ui/policy/coverage?lang=ar', headers: { cookie: policy.cookie } });
    expect(coverage.body).toContain('<html lang="ar" dir="rtl">');
    expect(coverage.body).toContain('قواعد لم تُختبر قط');
    const impact = await t.app.inject({ url: '/ui/policy/impact?lang=ar', headers: { cookie: policy.cookie } });
    expect(impact.body).toContain('شغّل التحليل');
  }, 60_000);
});
