import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { apiPage } from './api.ts';
import { generatedDocs } from './generate.ts';
import { openapiDocument } from './openapi.ts';

/** `npm run docs`: writes every generated page (docs/workflows, docs/rules, docs/api.md). */
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const pages = new Map(generatedDocs(root));
pages.set('docs/api.md', apiPage(await openapiDocument()));
for (const [path, text] of pages) {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
}
process.stdout.write(`wrote ${pages.size} pages under docs/\n`);
