import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generatedDocs } from './generate.ts';

/** `npm run docs`: writes every generated page (docs/workflows, docs/rules). */
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
for (const [path, text] of generatedDocs(root)) {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
}
process.stdout.write(`wrote ${generatedDocs(root).size} pages under docs/\n`);
