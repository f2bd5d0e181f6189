import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AssistanceEligibilityConfig } from '../../workflows/assistance.ts';
import { Jurisdiction } from '../../workflows/jurisdictions.ts';
import { Settings } from '../../workflows/settings.ts';
import { ALL_ROLES, requireRole } from '../auth/plugin.ts';
import { notFound } from '../engine/errors.ts';
import type { Services } from '../services.ts';

/** Jurisdiction data and policy settings: read by all, changed by policy staff, every change audited. */
export const policyRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  const { policy } = services;
  const Code = z.strictObject({ code: z.string().regex(/^[A-Z]{2}(-[A-Z0-9]{1,3})?$/, 'ISO 3166 code') });

  app.get('/jurisdictions', { schema: { tags: ['policy'], summary: 'Per-state data with compliance flags' }, preValidation: requireRole(...ALL_ROLES) }, async () => ({
    items: policy.jurisdictions(),
  }));

  app.get('/jurisdictions/:code', { schema: { tags: ['policy'], summary: 'One jurisdiction: the version in force, every version and revision', params: Code }, preValidation: requireRole(...ALL_ROLES) }, async (request) => {
    const j = policy.jurisdiction(request.params.code);
    if (!j) throw notFound(`jurisdiction ${request.params.code}`);
    return j;
  });

  app.put('/jurisdictions/:code', {
    schema: { tags: ['policy'], summary: 'Add a version of a jurisdiction in force from validFrom; the same body again changes nothing; a different body for an existing validFrom is an audited correction (a new revision, the old one kept). `code` in the body may be left out; given, it must equal the path code', params: Code, body: Jurisdiction.extend({ code: Jurisdiction.shape.code.optional() }) },
    preValidation: requireRole('policy'),
  }, async (request) => policy.putJurisdiction(request.params.code, { ...request.body, code: request.body.code ?? request.params.code }, request.actor));

  app.get('/settings', { schema: { tags: ['policy'], summary: 'Policy settings in force' }, preValidation: requireRole(...ALL_ROLES) }, async () => policy.settings());

  app.put('/settings', {
    schema: { tags: ['policy'], summary: 'Change policy settings (validated against the principles\' floors)', body: Settings.partial() },
    preValidation: requireRole('policy'),
  }, async (request) => policy.putSettings(request.body, request.actor));

  app.get('/assistance-eligibility', {
    schema: { tags: ['policy'], summary: 'Assistance-eligibility rules in force, with their version (0: none stored)' },
    preValidation: requireRole(...ALL_ROLES),
  }, async () => policy.assistanceEligibility());

  app.put('/assistance-eligibility', {
    schema: {
      tags: ['policy'],
      summary: 'Replace the assistance-eligibility rules (a new version, audited); criteria on affiliation, screening result, family links or security rating are refused with KP-HUM-01 (422)',
      body: AssistanceEligibilityConfig,
    },
    preValidation: requireRole('policy'),
  }, async (request) => policy.putAssistanceEligibility(request.body, request.actor));
};
