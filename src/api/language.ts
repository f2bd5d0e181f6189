import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { messageLangOf, type MessageLang } from '../../workflows/rules/messages.ts';
import { localizeVerdicts } from '../../workflows/rules/explain.ts';

/** The language of the request's answer (Accept-Language: Arabic or English). */
export const languageOf = (request: FastifyRequest): MessageLang => messageLangOf(request.headers['accept-language']);

/**
 * Every verdict in an answer (commands, refusals, `next` previews, dry runs, scenarios, history and
 * audit records) gets its `reason` rendered from code + params in the request's language. Records
 * asked for in the form the log hashes (`form=hashed`) are sent verbatim.
 */
async function language(app: FastifyInstance): Promise<void> {
  app.addHook('preSerialization', async (request, reply, payload) => {
    if ((request.query as { form?: unknown } | undefined)?.form === 'hashed') return payload;
    reply.header('content-language', languageOf(request));
    return localizeVerdicts(payload, languageOf(request));
  });
}

export const languagePlugin = fp(language, { name: 'verdict-language' });
