import { describe, expect, it } from 'vitest';
import { CaseFacts, EvidenceInput, PatchCase, RegisterCase } from '../../workflows/caseFile.ts';
import { versionsOf, WORKFLOW_KINDS } from '../../workflows/index.ts';
import { EvidenceItemSchema } from '../../workflows/privacy.ts';
import { allRecordSchemas } from '../../workflows/recordSchemas.ts';
import { unclassifiedStrings } from '../../workflows/redaction.ts';
import { freeText, identifying, plain } from '../../workflows/personal.ts';
import { z } from 'zod';

/**
 * KP-DATA-01: every string field of every schema that holds data about a person carries its
 * classification (workflows/personal.ts), so a new field cannot leak by default. The command
 * schemas are enumerated from the workflow registry (every version), not listed by hand.
 */
describe('field classification: every string of every schema about a person is classified', () => {
  const caseFile = { CaseFacts, EvidenceInput, EvidenceItem: EvidenceItemSchema, RegisterCase, PatchCase };
  for (const [name, schema] of Object.entries(caseFile)) {
    it(`the case file: ${name}`, () => {
      expect(unclassifiedStrings(schema), name).toEqual([]);
    });
  }

  it('every command of every workflow version in the registry, and every record the engine writes', () => {
    const all = allRecordSchemas();
    // The enumeration reaches every command of the registry.
    const commands = WORKFLOW_KINDS.flatMap((k) => versionsOf(k).flatMap((d) => Object.keys(d.commands)));
    expect(all.filter((s) => !s.name.includes('.') && / v\d+ /.test(s.name)).length).toBe(commands.length);
    const missing = all.flatMap(({ name, schema }) => unclassifiedStrings(schema).map((path) => `${name}: ${path}`));
    expect(missing).toEqual([]);
  });

  it('fails, naming the path, when a string field has no classification', () => {
    const schema = z.strictObject({
      ok: identifying(z.string()),
      note: z.string().optional(),
      list: z.array(z.strictObject({ code: plain(z.string()), who: z.string() })),
      either: z.union([freeText(z.string()), z.strictObject({ text: z.string() })]),
      kind: z.enum(['a', 'b']),
    });
    expect(unclassifiedStrings(schema)).toEqual(['note', 'list[].who', 'either|1.text']);
  });
});
