import type { LoggerOptions } from 'pino';

/**
 * One line per request, and never a name, date of birth, document number or free text about a
 * person: request and response bodies are not logged at all, and known personal fields are
 * redacted wherever they might appear in a logged object.
 */
export const PERSONAL_FIELDS = ['names', 'given', 'family', 'dateOfBirth', 'documents', 'number', 'placeOfBirth', 'summary', 'notes', 'reason', 'reasons', 'findings', 'justification', 'circumstances'];

export function loggerOptions(level: string): LoggerOptions {
  return {
    level,
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'body',
        'req.body',
        'res.body',
        ...PERSONAL_FIELDS.map((f) => `*.${f}`),
        ...PERSONAL_FIELDS.map((f) => `*.*.${f}`),
      ],
      censor: '[redacted]',
    },
    serializers: {
      req: (req: { method: string; url: string; id: string }) => ({ method: req.method, url: req.url.split('?')[0], id: req.id }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  };
}
