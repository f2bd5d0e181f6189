import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ALL_ROLES, requireRole } from '../auth/plugin.ts';
import type { ErrorCode } from '../engine/errors.ts';
import { simulate, SimulateInput, type Trace } from '../engine/simulate.ts';
import { runScenarioDry } from '../scenarios/impact.ts';
import { parseScenario, ruleCoverage } from '../scenarios/runner.ts';
import type { Services } from '../services.ts';
import { STATUS } from './errors.ts';

/** Each step with the HTTP status its command would have been answered with. */
function withStatuses(trace: Trace) {
  return { ...trace, steps: trace.steps.map((s) => ({ ...s, status: s.error ? (STATUS[s.error.code as ErrorCode] ?? 500) : s.result === 'pending' ? 202 : 200 })) };
}

/**
 * Dry runs for policy staff (API.md `POST /v1/simulate`) and scenario runs. Both go through the
 * engine's own path inside a transaction that is rolled back: nothing is written.
 */
export const simulateRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  // Scenario files are YAML: accept them as text as well as JSON.
  app.addContentTypeParser(['application/yaml', 'application/x-yaml', 'text/yaml'], { parseAs: 'string' }, (_request, body, done) => done(null, body));

  app.post('/simulate', {
    schema: {
      tags: ['policy'],
      summary: 'Dry run: a hypothetical case (with family) or a copy of a live case; per-step trace, nothing written',
      body: SimulateInput,
    },
    preValidation: requireRole(...ALL_ROLES),
  }, async (request) => {
    // A live case (`caseId`) passes the caller's scope: 404 outside it, 403 for an admin.
    const gate = { visible: (id: string) => services.scope.visible(request.actor, id), require: (id: string) => services.scope.require(request.actor, id) };
    const trace = withStatuses(simulate(services.repos, request.body, () => services.clock.now(), { gate }));
    // A dry run over a live case: what the caller may not see of it is scrubbed from the trace (KP-DATA-01).
    return 'caseId' in request.body ? services.privacy.scrubFor(request.actor, request.body.caseId, trace) : trace;
  });

  app.post('/scenarios/run', {
    schema: {
      tags: ['policy'],
      summary: 'Run a scenario (YAML text, or JSON) and report each step against its expectations',
      body: z.union([z.string().max(1024 * 1024), z.record(z.string(), z.unknown())]),
    },
    preValidation: requireRole('policy'),
  }, async (request) => {
    // On a private copy of the law: a scenario's agreements never reach the real database.
    const result = runScenarioDry(services.repos, parseScenario(request.body));
    const { trace, ...report } = result;
    const coverage = ruleCoverage([result]).filter((c) => c.mark !== 'never');
    return { ...report, coverage, ...(trace ? { trace: withStatuses(trace) } : {}) };
  });
};
