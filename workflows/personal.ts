import { z } from 'zod';

/**
 * Field classification (KP-DATA-01): every string a schema about a person holds says, in the
 * schema itself, whether it identifies someone, is free text about people, or is neither. The
 * redaction walker (workflows/redaction.ts) derives what each reader sees from it, so a field that
 * is added without a classification is caught by test/workflows/classification.test.ts and, at
 * run time, hidden like identifying data (fail closed). See docs/field-classification.md.
 *
 * - `identifying`: names a person or lets them be found (names, dates of birth, document numbers,
 *   places, a guardian's or counsel's name).
 * - `free_text`: words somebody typed about the person, the family or the circumstances (reasons,
 *   notes, findings, an agency or facility named in words): it may name the child or witnesses.
 * - `none`: a closed form that cannot carry a name: ids, dates, State codes, lower-case codes.
 *   Enums and literals are `none` by construction (a closed vocabulary) and need no meta.
 *
 * `aboutChild`: the value describes a child whoever's record holds it (a detained mother's
 * children): it is hidden as a child's data even in an adult's record.
 */
export const PERSONAL = ['identifying', 'free_text', 'none'] as const;
export type Personal = (typeof PERSONAL)[number];

declare module 'zod' {
  interface GlobalMeta {
    /** KP-DATA-01 field classification (workflows/personal.ts). */
    personal?: Personal;
    /** The value is about a child, whoever's record holds it (workflows/personal.ts). */
    aboutChild?: true;
  }
}

export interface PersonalMeta {
  readonly personal?: Personal;
  readonly aboutChild?: true;
}

/** A value that names a person or lets them be found. */
export const identifying = <T extends z.ZodType>(schema: T): T => schema.meta({ personal: 'identifying' });
/** Words typed about people: they may name the child, relatives or witnesses. */
export const freeText = <T extends z.ZodType>(schema: T): T => schema.meta({ personal: 'free_text' });
/** A closed form that cannot carry a name (an id, a date, a code). */
export const plain = <T extends z.ZodType>(schema: T): T => schema.meta({ personal: 'none' });
/** Everything below describes a child, whoever's record holds it. */
export const aboutChild = <T extends z.ZodType>(schema: T): T => schema.meta({ aboutChild: true });

/** The classification a schema node itself carries (not its wrappers' or children's). */
export function personalOf(schema: z.ZodType): PersonalMeta {
  const meta = z.globalRegistry.get(schema);
  return { ...(meta?.personal ? { personal: meta.personal } : {}), ...(meta?.aboutChild ? { aboutChild: true } : {}) };
}

/** Justification (the command envelope's words): free text, like any reasons. */
export const Justification = freeText(z.string());
