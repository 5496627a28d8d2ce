import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requestOrigin } from './http/origin.ts';
import { PROBLEM_TYPES, problemTypeUri, type ProblemSlug } from './http/problem-types.ts';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export const problemSchema = z
  .object({
    type: z.string().describe('A URI naming the kind of problem; it opens a page on the service saying what it means and what to do'),
    title: z.string().describe('A short summary of the kind of problem'),
    status: z.number().int().describe('The HTTP status code'),
    detail: z.string().describe('What went wrong with this request, in words'),
    instance: z.string().describe('The request path that caused the problem'),
    errors: z
      .array(
        z.object({
          in: z.enum(['query', 'path', 'body', 'header']).describe('Where the invalid value was'),
          name: z.string().describe('The parameter or field name'),
          message: z.string().describe('Why it is invalid'),
        }),
      )
      .optional()
      .describe('One entry per invalid parameter'),
  })
  .meta({
    id: 'Problem',
    description: 'An RFC 9457 problem details object, served as application/problem+json',
    example: {
      type: 'http://localhost:3000/problems/invalid-parameters',
      title: 'Invalid parameters',
      status: 400,
      detail: 'stance: Invalid option: expected one of "supportive"|"critical"|"mixed"|"neutral"',
      instance: '/v1/statements?stance=angry',
      errors: [{ in: 'query', name: 'stance', message: 'Invalid option: expected one of "supportive"|"critical"|"mixed"|"neutral"' }],
    },
  });

export type Problem = z.infer<typeof problemSchema>;
type FieldError = NonNullable<Problem['errors']>[number];

/** An error a route throws on purpose; the handler turns it into problem+json. */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly slug: ProblemSlug,
    readonly title: string,
    detail: string,
    readonly errors?: FieldError[],
  ) {
    super(detail);
  }
}

export function notFound(what: string, id: string | number): HttpProblem {
  return new HttpProblem(404, 'not-found', 'Not found', `No ${what} with identifier '${id}'`);
}

export function invalidParameter(location: FieldError['in'], name: string, message: string): HttpProblem {
  return new HttpProblem(400, 'invalid-parameters', 'Invalid parameters', `${name}: ${message}`, [
    { in: location, name, message },
  ]);
}

function send(reply: FastifyReply, request: FastifyRequest, problem: HttpProblem): FastifyReply {
  const body: Problem = {
    type: problemTypeUri(problem.slug, requestOrigin(request)),
    title: problem.title,
    status: problem.status,
    detail: problem.message,
    instance: request.url,
    ...(problem.errors ? { errors: problem.errors } : {}),
  };
  return reply.code(problem.status).type(PROBLEM_CONTENT_TYPE).send(body);
}

const LOCATIONS: Record<string, FieldError['in']> = {
  querystring: 'query',
  params: 'path',
  body: 'body',
  headers: 'header',
};

function fromValidation(error: FastifyError): HttpProblem {
  const location = LOCATIONS[error.validationContext ?? 'querystring'] ?? 'query';
  const errors: FieldError[] = [];
  if (hasZodFastifySchemaValidationErrors(error)) {
    for (const issue of error.validation) {
      // `stance.0` names the first value of a repeated parameter: the parameter is `stance`.
      const path = issue.instancePath.replace(/^\//, '').replaceAll('/', '.').replace(/\.\d+$/, '');
      const name = path || (issue.params as { issue?: { path?: unknown[] } })?.issue?.path?.join('.') || location;
      errors.push({ in: location, name, message: issue.message ?? 'is invalid' });
    }
  } else {
    errors.push({ in: location, name: location, message: error.message });
  }
  const detail = errors.map((e) => `${e.name}: ${e.message}`).join('; ');
  return new HttpProblem(400, 'invalid-parameters', 'Invalid parameters', detail, errors);
}

// The problem type of an error Fastify raises with a 4xx status (its title is the type's); any other 4xx is a bad request.
const BY_STATUS: Record<number, ProblemSlug> = {
  400: 'bad-request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not-found',
  405: 'method-not-allowed',
  406: 'not-acceptable',
  413: 'payload-too-large',
  415: 'unsupported-media-type',
  429: 'too-many-requests',
};

/** The one error handler: precise 4xx, and 5xx that say nothing of the internals. */
export function errorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (error instanceof HttpProblem) return send(reply, request, error);
  if (error.validation) return send(reply, request, fromValidation(error));
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500 && !isResponseSerializationError(error)) {
    const slug = BY_STATUS[status] ?? 'bad-request';
    return send(reply, request, new HttpProblem(status, slug, PROBLEM_TYPES[slug].title, error.message));
  }
  request.log.error({ err: error }, 'unhandled error');
  return send(
    reply,
    request,
    new HttpProblem(500, 'internal-error', 'Internal server error', `An unexpected error occurred; quote request id ${request.id} when reporting it`),
  );
}

export function notFoundHandler(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  return send(
    reply,
    request,
    new HttpProblem(404, 'not-found', 'Not found', `No route ${request.method} ${request.url.split('?')[0]}`),
  );
}
