import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RegisterCase } from '../../src/engine/cases.ts';
import { escapeHtml, html } from '../../src/web/html.ts';
import { mermaidDiagram } from '../../src/web/diagram.ts';
import { arabicTerms } from '../../src/web/i18n.ts';
import { allLatest, latest } from '../../workflows/index.ts';
import { stateTree } from '../../workflows/states.ts';
import { boy, testApp } from '../support/app.ts';
import { postForm, postSignIn, setCookies, signIn as signInAs, webSession } from '../support/web.ts';

type T = Awaited<ReturnType<typeof testApp>>;

const signIn = (t: T, token: string): Promise<string> => signInAs(t.app, token);

/** A child's case with one refused screening command (SUBMIT before any interview). */
function childCaseWithRefusal(t: T) {
  const actor = { id: t.users.caseworker.id, roles: t.users.caseworker.roles };
  const c = t.app.services.cases.register(RegisterCase.parse(boy()), actor);
  t.app.services.commands.apply({ caseId: c.id, actor, workflow: 'screening', type: 'START', data: {}, ifMatch: c.version });
  const refused = t.app.services.commands.apply({ caseId: c.id, actor, workflow: 'screening', type: 'SUBMIT', data: {}, ifMatch: c.version + 1 });
  expect(refused.kind).toBe('refused');
  return c;
}

describe('reviewers web pages', () => {
  let t: T;
  beforeEach(async () => {
    t = await testApp();
  });
  afterEach(async () => t.close());

  it('signing in sets an httpOnly, SameSite=Strict session cookie holding a random id, not the token', async () => {
    const { res } = await postSignIn(t.app, t.users.reviewer.token, { next: '/ui/rules' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/ui/rules');
    const cookie = ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith('kp_session='))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Path=\/ui/);
    const value = setCookies(res)['kp_session']!;
    expect(value).toMatch(/^[\w-]{43}$/);
    expect(value).not.toContain(t.users.reviewer.token.slice(3, 12));
    // The token itself is no session.
    const token = await t.app.inject({ url: '/ui/cases', headers: { cookie: `kp_session=${t.users.reviewer.token}` } });
    expect(token.statusCode).toBe(302);
  });

  it('a wrong token is refused on the form and never redirects off-site', async () => {
    const { res: bad } = await postSignIn(t.app, 'kp_nope');
    expect(bad.statusCode).toBe(401);
    expect(bad.body).toContain('Unknown or disabled token');
    const { res: off } = await postSignIn(t.app, t.users.reviewer.token, { next: 'https://evil.example/' });
    expect(off.headers.location).toBe('/ui/cases');
  });

  it('unauthenticated pages redirect to the sign-in form', async () => {
    for (const url of ['/ui/cases', '/ui/audit', '/ui/rules', '/ui/cases/x']) {
      const res = await t.app.inject({ url });
      expect(res.statusCode).toBe(302);
      expect(res.headers.location).toMatch(/^\/ui\/sign-in\?next=/);
    }
    const form = await t.app.inject({ url: '/ui/sign-in' });
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('type="password"');
  });

  it('signing out clears the cookie', async () => {
    const session = await webSession(t.app, t.users.reviewer.token);
    const out = await postForm(t.app, '/ui/sign-out', session);
    expect(out.statusCode).toBe(303);
    expect(String(out.headers['set-cookie'])).toMatch(/kp_session=;/);
  });

  it("a reviewer sees a child's name redacted; a caseworker sees it", async () => {
    const c = childCaseWithRefusal(t);
    const reviewer = await signIn(t, t.users.reviewer.token);
    for (const url of ['/ui/cases', `/ui/cases/${c.id}`, `/ui/cases/${c.id}/print`, `/ui/cases/${c.id}/history.json`]) {
      const res = await t.app.inject({ url, headers: { cookie: reviewer } });
      expect(res.statusCode, url).toBe(200);
      expect(res.body, url).not.toContain('Yusuf');
      expect(res.body, url).toContain('redacted');
    }
    const caseworker = await signIn(t, t.users.caseworker.token);
    const seen = await t.app.inject({ url: `/ui/cases/${c.id}`, headers: { cookie: caseworker } });
    expect(seen.body).toContain('Yusuf');
  });

  it('the case page shows the refusal, its rule linked to the rules page, the diagrams and the filters', async () => {
    const c = childCaseWithRefusal(t);
    const cookie = await signIn(t, t.users.reviewer.token);
    const res = await t.app.inject({ url: `/ui/cases/${c.id}`, headers: { cookie } });
    expect(res.body).toContain('class="refused"');
    expect(res.body).toContain('href="/ui/rules#KP-SCR-01"');
    expect(res.body).toContain('class="mermaid"');
    expect(res.body).toContain('class in_progress current');
    expect(res.body).toContain('/ui/assets/mermaid.min.js');
    const refusedOnly = await t.app.inject({ url: `/ui/cases/${c.id}?result=refused`, headers: { cookie } });
    expect(refusedOnly.body.match(/<li class="(applied|refused|pending)" id="rec-/g)).toEqual(['<li class="refused" id="rec-']);
    const json = await t.app.inject({ url: `/ui/cases/${c.id}/history.json`, headers: { cookie } });
    expect(json.headers['content-disposition']).toMatch(/attachment/);
    expect(json.json().records.some((r: { result: string }) => r.result === 'refused')).toBe(true);
    const missing = await t.app.inject({ url: '/ui/cases/no-such-case', headers: { cookie } });
    expect(missing.statusCode).toBe(404);
  });

  it('a policy user is refused the audit page with 403; a reviewer sees the chain status', async () => {
    childCaseWithRefusal(t);
    const policy = await signIn(t, t.users.policy.token);
    const denied = await t.app.inject({ url: '/ui/audit', headers: { cookie: policy } });
    expect(denied.statusCode).toBe(403);
    expect(denied.headers['content-type']).toMatch(/text\/html/);
    const reviewer = await signIn(t, t.users.reviewer.token);
    const ok = await t.app.inject({ url: '/ui/audit?result=refused&rule=KP-SCR-05', headers: { cookie: reviewer } });
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toContain('data-ok="true"');
    expect(ok.body).toContain('screening.SUBMIT');
    expect(ok.body).not.toContain('screening.START');
  });

  it('the rules page counts refusals in the last 30 days', async () => {
    childCaseWithRefusal(t);
    const cookie = await signIn(t, t.users.reviewer.token);
    const res = await t.app.inject({ url: '/ui/rules', headers: { cookie } });
    expect(res.body).toMatch(/<tr id="KP-SCR-01"[\s\S]*?data-refusals="1"/);
  });

  it('Arabic pages are right-to-left, remembered in a cookie', async () => {
    const cookie = await signIn(t, t.users.reviewer.token);
    const ar = await t.app.inject({ url: '/ui/cases?lang=ar', headers: { cookie } });
    expect(ar.body).toContain('<html lang="ar" dir="rtl">');
    const lang = String(ar.headers['set-cookie']).match(/kp_lang=ar/);
    expect(lang).not.toBeNull();
    const again = await t.app.inject({ url: '/ui/rules', headers: { cookie: `${cookie}; kp_lang=ar` } });
    expect(again.body).toContain('dir="rtl"');
    expect(again.body).toContain('فهرس القواعد');
  });

  it('every state (leaf and parent) and workflow of the registered machines has an Arabic name', () => {
    const terms = arabicTerms();
    const missing = allLatest().flatMap((d) => [d.kind, ...stateTree(d.machine).leaves, ...stateTree(d.machine).parents]).filter((s) => !terms.has(s));
    expect(missing, 'add Arabic names to TERMS.ar in src/web/i18n.ts').toEqual([]);
  });

  it('escapes interpolations and builds a Mermaid state diagram with the current state highlighted', () => {
    expect(html`<p>${'<script>"x"</script>'}</p>`.value).toBe('<p>&lt;script&gt;&quot;x&quot;&lt;/script&gt;</p>');
    expect(escapeHtml(`a&'b`)).toBe('a&amp;&#39;b');
    const d = mermaidDiagram(latest('screening')!, 'submitted');
    expect(d.split('\n')[0]).toBe('stateDiagram-v2');
    expect(d).toContain('[*] --> pending');
    expect(d).toContain('classDef current');
    expect(d).toContain('class submitted current');
    // A state inside a parent state is highlighted by its own (stored) name, labelled inside its block.
    const nested = mermaidDiagram(latest('legal')!, 'judgment', (s) => s.toUpperCase());
    expect(nested).toContain('class judgment current');
    expect(nested).toContain('    state court {\n      state "CHARGED" as charged\n      state "JUDGMENT" as judgment');
    expect(nested).toContain('  state "PROCEEDINGS" as proceedings');
    expect(mermaidDiagram(latest('legal')!, 'court')).not.toContain('class court current');
  });
});
