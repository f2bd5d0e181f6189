import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AgreementInput } from '../../workflows/agreements.ts';
import { requireRole } from '../auth/plugin.ts';
import type { Dossier } from '../engine/agreements.ts';
import type { ProofBundle } from '../engine/bundles.ts';
import type { Services } from '../services.ts';
import { escapeHtml } from '../web/html.ts';
import { CaseIdParams } from './schemas.ts';
import { answerOf } from './errors.ts';

const AgreementParams = z.strictObject({ id: z.string().min(1).max(100) });

/**
 * Data-sharing agreements (KP-DATA-01) and the dossier disclosed under one. A data protection
 * officer proposes and another approves (four-eyes); supervisors and reviewers read them.
 */
export const agreementRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  const { agreements } = services;
  const readers = requireRole('data_protection_officer', 'supervisor', 'reviewer');

  app.get('/agreements', { schema: { tags: ['agreements'], summary: 'Data-sharing agreements' }, preValidation: readers }, async () => ({ items: agreements.list() }));
  app.get('/agreements/:id', { schema: { tags: ['agreements'], summary: 'One data-sharing agreement', params: AgreementParams }, preValidation: readers }, async (request) => agreements.get(request.params.id));
  app.post('/agreements', {
    schema: { tags: ['agreements'], summary: 'Propose a data-sharing agreement (approved by another DPO)', body: AgreementInput },
    preValidation: requireRole('data_protection_officer'),
  }, async (request, reply) => reply.code(201).send(agreements.propose(request.body, request.actor)));
  app.post('/agreements/:id/approve', {
    schema: { tags: ['agreements'], summary: 'Approve a proposed agreement (a DPO other than the proposer)', params: AgreementParams },
    preValidation: requireRole('data_protection_officer'),
  }, async (request) => agreements.approve(request.params.id, request.actor));

  app.get('/cases/:id/dossier', {
    schema: {
      tags: ['cases'],
      summary: 'The dossier disclosed under a data-sharing agreement (only its fields; logged as a disclosure)',
      params: CaseIdParams,
      querystring: z.strictObject({
        agreement: z.string().min(1).max(100),
        purpose: z.string().min(1).max(500).optional(),
        format: z.enum(['json', 'html']).default('json'),
      }),
    },
    preValidation: requireRole('supervisor', 'data_protection_officer'),
  }, async (request, reply) => {
    const { agreement, purpose, format } = request.query;
    const { outcome, dossier } = agreements.dossier(request.params.id, agreement, purpose, request.actor);
    if (!dossier) {
      const answer = answerOf(outcome);
      return reply.code(answer.status).send(answer.body);
    }
    if (format === 'html') return reply.type('text/html; charset=utf-8').send(printable(dossier));
    return dossier;
  });
};

/** The printable dossier: the agreement it rests on, then each shared field. */
function printable(d: Dossier): string {
  const rows = d.fields.map((f) => `<tr><th>${escapeHtml(f)}</th><td><pre>${escapeHtml(JSON.stringify(d.content[f] ?? null, null, 2))}</pre></td></tr>`).join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Dossier ${escapeHtml(d.reference)}</title>
<style>body{font-family:sans-serif;margin:2rem}th{text-align:left;vertical-align:top;padding-right:1rem}pre{margin:0;white-space:pre-wrap}</style></head><body>
<h1>Dossier ${escapeHtml(d.reference)}</h1>
<p>Disclosed to ${escapeHtml(d.agreement.recipient.name)} under data-sharing agreement ${escapeHtml(d.agreement.id)} (${escapeHtml(d.agreement.legalBasis)}; valid to ${escapeHtml(d.agreement.validTo)}),
for: ${escapeHtml(d.purpose)}. Disclosed ${escapeHtml(d.disclosedAt)} by ${escapeHtml(d.disclosedBy)}; audit record ${d.auditSeq}. Only the fields below are shared.</p>
<table>${rows}</table>${d.proofs ? printedDisclosureProof(d.proofs) : ''}</body></html>`;
}

/** The disclosure record's place in the signed log, for a recipient who checks it (the JSON form is the bundle itself). */
function printedDisclosureProof(b: ProofBundle): string {
  const r = b.records[0];
  return `<h2>Signed audit log</h2>
<p>This disclosure is audit record ${r ? r.seq : ''} of the signed log. To check it offline, fetch this dossier with <code>format=json</code> and run
<code>${escapeHtml(b.verifier)}</code> with the log key below, obtained separately.</p>
<p>Log key: <code>${escapeHtml(b.key.vkey)}</code></p>
<pre>${escapeHtml(b.checkpoint.note)}</pre>
<pre>${escapeHtml(b.caseRecords.note)}</pre>
${r ? `<p>Inclusion proof of record ${r.seq} (leaf ${r.leafIndex}):</p><pre>${r.proof.map(escapeHtml).join('\n')}</pre>` : ''}`;
}
