import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { apiPage } from '../../src/docs/api.ts';
import { generatedDocs } from '../../src/docs/generate.ts';
import { openapiDocument } from '../../src/docs/openapi.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SKIP = new Set(['node_modules', '.git', 'data', 'test-results']);

function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    SKIP.has(e.name) ? [] : e.isDirectory() ? markdownFiles(join(dir, e.name)) : e.name.endsWith('.md') ? [join(dir, e.name)] : [],
  );
}

/** Relative link targets of a Markdown text: `[text](target)`, no scheme, no bare anchor. */
export function relativeLinks(text: string): string[] {
  return [...text.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)].map((m) => m[1] ?? '').filter((t) => t && !/^[a-z][a-z0-9+.-]*:/i.test(t) && !t.startsWith('#') && !t.startsWith('/'));
}

describe('docs', () => {
  it('every generated page is current (run `npm run docs` after changing a rule or a workflow)', () => {
    const generated = generatedDocs(root);
    expect(generated.size).toBeGreaterThan(60);
    const stale = [...generated].filter(([path, text]) => !existsSync(join(root, path)) || readFileSync(join(root, path), 'utf8') !== text).map(([path]) => path);
    expect(stale).toEqual([]);
  });

  it('docs/api.md is current: rendered from the OpenAPI document the server serves (run `npm run docs` after changing a route)', async () => {
    const page = apiPage(await openapiDocument());
    expect(page).toContain('| POST | `/v1/cases` | Register a person | `caseworker` |');
    expect(readFileSync(join(root, 'docs/api.md'), 'utf8')).toBe(page);
  });

  it('no stale page is left behind for a rule or workflow that no longer exists', () => {
    const generated = generatedDocs(root);
    const onDisk = ['docs/rules', 'docs/workflows'].flatMap((d) => readdirSync(join(root, d)).map((f) => `${d}/${f}`));
    expect(onDisk.filter((p) => !generated.has(p))).toEqual([]);
  });

  it('every relative link in the Markdown files resolves inside the repository', () => {
    const broken = markdownFiles(root).flatMap((file) =>
      relativeLinks(readFileSync(file, 'utf8'))
        .map((target) => ({ target, path: resolve(dirname(file), decodeURIComponent(target.split('#')[0] ?? '')) }))
        .filter(({ path }) => relative(root, path).startsWith('..') || !existsSync(path))
        .map(({ target }) => `${relative(root, file)} -> ${target}`),
    );
    expect(broken).toEqual([]);
  });

  it('the link check sees links, and refuses one leaving the repository', () => {
    expect(relativeLinks('[a](docs/x.md#y) [b](https://e.org) [c](#z) [d](../shared/API.md)')).toEqual(['docs/x.md#y', '../shared/API.md']);
  });
});
