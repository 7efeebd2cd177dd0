// One error type with a code and a status, turned into one JSON shape by one handler.
import type { FastifyError, FastifyInstance } from 'fastify';

export class AtiendeError extends Error {
  constructor(
    readonly code: string,
    readonly statusCode: number,
    message: string,
    readonly field?: string,
    /** Sent beside `error` in the body (a conflict sends the current version). */
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'AtiendeError';
  }
}

export const notFound = (what: string) => new AtiendeError('ATIENDE_ERR_NOT_FOUND', 404, `${what} was not found`);

/** Turns schema failures, our errors and anything else into `{ error: { code, message, field? } }`. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | AtiendeError, request, reply) => {
    if (err instanceof AtiendeError) {
      return reply.status(err.statusCode).send({ error: { code: err.code, message: err.message, field: err.field }, ...err.details });
    }
    const fe = err as FastifyError;
    if (fe.validation) {
      const { field, message } = describeValidation(fe);
      return reply.status(400).send({ error: { code: 'ATIENDE_ERR_BAD_REQUEST', message, field } });
    }
    const status = fe.statusCode && fe.statusCode >= 400 ? fe.statusCode : 500;
    if (status >= 500) request.log.error({ err }, 'request failed');
    const code = status === 429 ? 'ATIENDE_ERR_RATE_LIMITED' : status === 413 ? 'ATIENDE_ERR_TOO_LARGE'
      : status >= 500 ? 'ATIENDE_ERR_INTERNAL' : 'ATIENDE_ERR_BAD_REQUEST';
    const message = status >= 500 ? 'Something went wrong on the server' : fe.message;
    return reply.status(status).send({ error: { code, message } });
  });
  app.setNotFoundHandler((request, reply) => {
    reply.status(404).send({ error: { code: 'ATIENDE_ERR_NOT_FOUND', message: `No route for ${request.method} ${request.url.split('?')[0]}` } });
  });
}

/** A sentence a developer can act on, from Ajv's first complaint: which field, and what is wrong. */
function describeValidation(err: FastifyError): { field?: string; message: string } {
  const first = err.validation![0]!;
  const params = first.params as { missingProperty?: string; additionalProperty?: string; allowedValues?: unknown[] };
  const where = err.validationContext ?? 'request';
  const path = first.instancePath.replace(/^\//, '').replace(/\//g, '.');
  if (params.missingProperty) {
    const field = [path, params.missingProperty].filter(Boolean).join('.');
    return { field, message: `${where} field "${field}" is required` };
  }
  if (params.additionalProperty) {
    return { field: params.additionalProperty, message: `${where} field "${params.additionalProperty}" is not allowed` };
  }
  if (params.allowedValues) {
    return { field: path, message: `${where} field "${path}" must be one of: ${params.allowedValues.join(', ')}` };
  }
  if (!path) return { message: `${where} ${first.message ?? 'is invalid'}` };
  return { field: path, message: `${where} field "${path}" ${first.message ?? 'is invalid'}` };
}
