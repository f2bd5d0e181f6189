import { validatorCompiler as zodValidatorCompiler } from 'fastify-type-provider-zod';
import { jsonInputIssues } from '../engine/jsonInput.ts';

/**
 * The request validator of every route: each part a route declares a schema for (body, querystring,
 * params, headers) is first checked for what no schema may let through — lone surrogates and
 * nesting past the bound (src/engine/jsonInput.ts) — then parsed by its zod schema. One place, so a
 * new schema (or a new free-text field in one) is covered without anyone remembering to.
 * Issues are shaped as fastify-type-provider-zod's own, so the one error handler answers them
 * (400 VALIDATION naming each path).
 */
const ZOD_ISSUE = Symbol.for('ZodFastifySchemaValidationError');

export const validatorCompiler: typeof zodValidatorCompiler = (route) => {
  const validate = zodValidatorCompiler(route);
  return (data: unknown) => {
    const issues = jsonInputIssues(data, '');
    if (issues.length === 0) return validate(data);
    return {
      error: issues.map((i) => ({
        [ZOD_ISSUE]: true,
        keyword: 'custom',
        instancePath: `/${i.path.split('.').join('/')}`,
        schemaPath: '#',
        message: i.message,
        params: {},
      })),
    } as never;
  };
};
