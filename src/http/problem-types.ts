/**
 * Every kind of problem the service answers with, documented where its `type` URI points
 * (`/problems/{slug}` on the service itself): what it means and what to do about it.
 */
export const PROBLEM_TYPES = {
  'invalid-parameters': {
    status: 400,
    title: 'Invalid parameters',
    meaning: 'A query parameter, path parameter, header or body field has a value the operation does not accept.',
    remedy: 'Read `errors`: one entry per invalid value, with where it was (`in`), its `name` and why it was refused. Unknown names list the accepted values.',
  },
  'invalid-url': {
    status: 400,
    title: 'Invalid URL',
    meaning: 'The request line holds a character that a URL may not carry as it is (a space, a control character, or a letter outside ASCII such as £).',
    remedy: "Percent-encode it (£ is %C2%A3, a space %20), or let curl do it: `curl -G localhost:3000/v1/statements --data-urlencode 'q=£2.6bn'`.",
  },
  'malformed-request': {
    status: 400,
    title: 'Malformed request',
    meaning: 'The request is not well-formed HTTP (a header name with a space in it, a broken chunk, a missing Host).',
    remedy: 'Send the request with an HTTP client library or curl rather than by hand.',
  },
  'bad-request': {
    status: 400,
    title: 'Bad request',
    meaning: 'The request could not be read (a body that is not valid JSON, an empty body where one is needed).',
    remedy: 'Check the body against the operation in the API documentation at /docs.',
  },
  unauthorized: {
    status: 401,
    title: 'Unauthorized',
    meaning: 'The operation needs an API key, and none was sent, or the one sent is unknown, malformed or revoked.',
    remedy: 'Send `Authorization: Bearer <key>`; an operator creates keys with `npm run keys -- create NAME --scopes read,write`.',
  },
  forbidden: {
    status: 403,
    title: 'Forbidden',
    meaning: 'The API key is valid but lacks the scope the operation needs.',
    remedy: 'Use a key with the scope named in `detail`, or ask an operator for one.',
  },
  'not-found': {
    status: 404,
    title: 'Not found',
    meaning: 'No route answers this method and path, or no record has the identifier given.',
    remedy: 'Check the path against /docs; list records with the collection route (for example /v1/statements).',
  },
  'method-not-allowed': {
    status: 405,
    title: 'Method not allowed',
    meaning: 'The path exists, but not with this method.',
    remedy: 'See /docs for the methods each path answers.',
  },
  'not-acceptable': {
    status: 406,
    title: 'Not acceptable',
    meaning: 'The Accept header, or the `format` parameter, names none of the media types the operation answers with.',
    remedy: 'Accept one of the types named in `detail` (application/json; text/csv and application/atom+xml where offered), or send no Accept header; `format` takes json, and csv or atom where offered.',
  },
  'request-timeout': {
    status: 408,
    title: 'Request timeout',
    meaning: 'The request did not arrive in full within the time the service waits for one.',
    remedy: 'Send the headers and body without pauses; a slow network may need a smaller body.',
  },
  conflict: {
    status: 409,
    title: 'Conflict',
    meaning: 'The write contradicts what is stored (the same source URL already stored with another text).',
    remedy: 'Read `errors` for the record it conflicts with; update that record instead.',
  },
  'payload-too-large': {
    status: 413,
    title: 'Payload too large',
    meaning: 'The body, or a text in it, is longer than the operation accepts.',
    remedy: 'Split the text, or import long documents with `npm run import`.',
  },
  'uri-too-long': {
    status: 414,
    title: 'URI too long',
    meaning: 'The request line is longer than the service reads.',
    remedy: 'Shorten the query: fewer repeated filters, or a narrower search.',
  },
  'unsupported-media-type': {
    status: 415,
    title: 'Unsupported media type',
    meaning: 'The body is of a media type the operation does not read.',
    remedy: 'Send the Content-Type named in `detail` (usually application/json).',
  },
  'headers-too-large': {
    status: 431,
    title: 'Request header fields too large',
    meaning: 'The request headers together are larger than the service reads (16 KB).',
    remedy: 'Send fewer or shorter headers (a large cookie is the usual cause).',
  },
  'too-many-requests': {
    status: 429,
    title: 'Too many requests',
    meaning: 'More writes, searches, analyses or failed key checks than allowed in a minute.',
    remedy: 'Wait the seconds given in the Retry-After header, then try again.',
  },
  'internal-error': {
    status: 500,
    title: 'Internal server error',
    meaning: 'Something went wrong in the service that is not the request’s fault. It is always a bug.',
    remedy: 'Report it with the request id quoted in `detail`.',
  },
  'not-ready': {
    status: 503,
    title: 'Service unavailable',
    meaning: 'The service is starting or cannot reach its database, or migrations are missing.',
    remedy: 'Wait for GET /ready to answer 200; an operator checks the database and the log.',
  },
  overloaded: {
    status: 503,
    title: 'Service unavailable',
    meaning: 'The service is too busy to answer in time (its event loop is delayed).',
    remedy: 'Try again after the seconds given in Retry-After.',
  },
} as const satisfies Record<string, { status: number; title: string; meaning: string; remedy: string }>;

export type ProblemSlug = keyof typeof PROBLEM_TYPES;

export const isProblemSlug = (slug: string): slug is ProblemSlug => Object.hasOwn(PROBLEM_TYPES, slug);

/** Where a problem type is documented: on the service itself, absolute when the origin is known. */
export function problemTypeUri(slug: ProblemSlug, origin: string | undefined): string {
  return `${origin ?? ''}/problems/${slug}`;
}
