import { MEDICAL_AGE_METHODS } from '../age.ts';
import type { RecordAge } from '../machines/ageAssessment.ts';
import { data, fail, pass, subjectIsChild } from './facts.ts';
import type { Rule } from './types.ts';

/** Age and the minimum age of criminal responsibility (RULES.md §4.5). */

export const ageRules: Rule[] = [
  {
    id: 'KP-AGE-04',
    principles: ['B.prosecution.juvenile-justice', 'B.general.children-victims'],
    summary: 'When age is unknown or disputed, assess it holistically into a range with method and confidence; never rely on a single medical method; treat the person as a child whenever the range allows.',
    severity: 'block',
    previewable: false,
    check(ctx) {
      if (ctx.command.workflow === 'age_assessment') {
        const d = data(ctx) as RecordAge;
        const methods = new Set(d.methods);
        if (methods.size < 2) return fail(`a single method (${[...methods].join(', ')}) cannot decide an age: a holistic, multidisciplinary assessment is required`);
        if ([...methods].every((m) => MEDICAL_AGE_METHODS.has(m))) return fail('medical methods alone cannot decide an age: include interview, documents or psychosocial evidence');
        if (new Set(d.assessors.map((a) => a.discipline)).size < 2) return fail('the assessors must come from more than one discipline');
        return pass('holistic assessment with several methods and disciplines');
      }
      // Adult-track moves while the range still allows a child (adult court, detention with adults).
      if (!subjectIsChild(ctx)) return pass('the youngest plausible age is 18 or over');
      const d = data(ctx);
      if (typeof d['forum'] === 'string' && d['forum'] !== 'juvenile') return fail('the age range allows a child: an adult, military or special forum is refused');
      if (d['separateFromAdults'] === false) return fail('the age range allows a child: detention with adults is refused');
      return pass('the person is treated as a child');
    },
  },
];
