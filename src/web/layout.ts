import type { Actor } from '../../workflows/roles.ts';
import { html, query, type HtmlValue, type SafeHtml } from './html.ts';
import type { Translator } from './i18n.ts';

export type WebUser = Actor & { name: string };

/** What every page knows: who is looking, in which language, at which URL. */
export interface View {
  t: Translator;
  user?: WebUser | undefined;
  /** The request path (prefix included) and its query, for the language switch and pagers. */
  path: string;
  params: URLSearchParams;
  canAudit?: boolean;
  /** The token every form carries as `_csrf` (every /ui POST is refused without it). */
  csrf: () => string;
}

/** The current URL with some query parameters replaced (undefined or '' removes them). */
export function urlWith(view: View, changes: Record<string, string | number | undefined>): string {
  const merged: Record<string, string | number | undefined> = Object.fromEntries(view.params.entries());
  for (const [k, v] of Object.entries(changes)) merged[k] = v;
  return `${view.path}${query(merged)}`;
}

export interface PageOptions {
  title: string;
  body: HtmlValue;
  nav?: 'cases' | 'audit' | 'rules' | 'policy';
  /** The policy page's own stylesheet and script (its file loader). */
  policy?: boolean;
  /** Load Mermaid (only case pages draw diagrams). */
  diagrams?: boolean;
  bare?: boolean;
}

export function page(view: View, o: PageOptions): SafeHtml {
  const { t, user } = view;
  const other = t.lang === 'ar' ? 'en' : 'ar';
  const current = (name: PageOptions['nav']) => (o.nav === name ? 'page' : undefined);
  const navLink = (name: NonNullable<PageOptions['nav']>, href: string, label: string) =>
    html`<li><a href="${href}" ${current(name) ? html`aria-current="page"` : ''}>${label}</a></li>`;
  return html`<!doctype html>
<html lang="${t.lang}" dir="${t.dir}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${o.title} · ${t.t('appTitle')}</title>
<link rel="stylesheet" href="/ui/assets/ui.css">
${o.diagrams ? html`<script src="/ui/assets/mermaid.min.js" defer></script>` : ''}
<script src="/ui/assets/ui.js" defer></script>
${o.policy ? html`<link rel="stylesheet" href="/ui/assets/policy.css"><script src="/ui/assets/policy.js" defer></script>` : ''}
</head>
<body>
<a class="skip" href="#main">${t.t('skip')}</a>
<header class="site">
  <a class="brand" href="/ui/cases">${t.t('appTitle')}</a>
  ${user && !o.bare
    ? html`<nav aria-label="${t.t('appTitle')}"><ul>
    ${navLink('cases', '/ui/cases', t.t('navCases'))}
    ${view.canAudit ? navLink('audit', '/ui/audit', t.t('navAudit')) : ''}
    ${navLink('rules', '/ui/rules', t.t('navRules'))}
    ${user.roles.includes('policy') ? navLink('policy', '/ui/policy', t.t('navPolicy')) : ''}
  </ul></nav>`
    : ''}
  <div class="who">
    <a href="${urlWith(view, { lang: other })}" lang="${other}" hreflang="${other}" id="lang-switch">${t.t('switchTo')}</a>
    ${user
      ? html`<span>${t.t('signedInAs', { name: user.name, roles: user.roles.map((r) => t.term(r)).join(', ') })}</span>
    <form method="post" action="/ui/sign-out"><input type="hidden" name="_csrf" value="${view.csrf()}"><button type="submit" class="link">${t.t('signOut')}</button></form>`
      : ''}
  </div>
</header>
<main id="main" tabindex="-1">
${o.body}
</main>
</body>
</html>`;
}

/** A state, workflow, role... in the page's language; untranslated ids are marked English. */
export function term(t: Translator, id: string): SafeHtml {
  return t.hasTerm(id) ? html`${t.term(id)}` : html`<span lang="en">${t.term(id)}</span>`;
}

export function time(t: Translator, iso: string): SafeHtml {
  return html`<time datetime="${iso}">${t.date(iso)}</time>`;
}

export function errorPage(view: View, title: string, text: string): SafeHtml {
  return page(view, { title, body: html`<h1>${title}</h1><p>${text}</p><p><a href="/ui/cases">${view.t.t('back')}</a></p>` });
}
