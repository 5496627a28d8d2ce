import type { Socket } from 'node:net';
import { PROBLEM_CONTENT_TYPE } from '../errors.ts';
import { hostOrigin } from './origin.ts';
import { PROBLEM_TYPES, problemTypeUri, type ProblemSlug } from './problem-types.ts';

/** An error Node's HTTP parser raises before there is a request (llhttp's codes, and the request timeout). */
export interface ParserError extends Error {
  code?: string;
  /** The bytes read so far (a Buffer from Node; typed loosely by Fastify). */
  rawPacket?: unknown;
}

// The request line fits in this many bytes; past it a header overflow is the URL's, not the headers'.
const REQUEST_LINE_LIMIT = 8 * 1024;

/** The first character a URL may not carry as it is, as written and percent-encoded ("£" → "%C2%A3"). */
export function offendingCharacter(requestLine: string): { char: string; encoded: string } | undefined {
  const target = requestLine.split(' ')[1] ?? requestLine;
  for (const char of target) {
    const code = char.codePointAt(0) ?? 0;
    if (code > 0x20 && code < 0x7f) continue;
    return { char, encoded: encodeURIComponent(char) };
  }
  return undefined;
}

/** What to answer to a request the parser refused: the status, the problem type and what to do. */
export function parserProblem(error: ParserError): { slug: ProblemSlug; detail: string; target: string; host: string | undefined } {
  const raw = Buffer.isBuffer(error.rawPacket) ? error.rawPacket : Buffer.alloc(0);
  const host = /\r\nhost:[ \t]*([^\r\n]*?)[ \t]*\r\n/i.exec(raw.subarray(0, 16 * 1024).toString('latin1'))?.[1];
  return { ...whatWentWrong(error, raw), host };
}

function whatWentWrong(error: ParserError, raw: Buffer): { slug: ProblemSlug; detail: string; target: string } {
  const lineEnd = raw.indexOf('\r\n');
  const requestLine = new TextDecoder().decode(raw.subarray(0, lineEnd === -1 ? Math.min(raw.length, REQUEST_LINE_LIMIT) : lineEnd));
  const target = requestLine.split(' ')[1] ?? '';
  switch (error.code) {
    case 'HPE_INVALID_URL': {
      const bad = offendingCharacter(requestLine);
      const what = bad ? `'${bad.char}' must be percent-encoded as ${bad.encoded}` : 'it has a character that must be percent-encoded';
      return { slug: 'invalid-url', target, detail: `The URL cannot be read: ${what}. With curl, let it encode the value: curl -G URL --data-urlencode 'q=…'` };
    }
    case 'HPE_HEADER_OVERFLOW':
      return lineEnd === -1 || lineEnd > REQUEST_LINE_LIMIT
        ? { slug: 'uri-too-long', target: `${target.slice(0, 64)}…`, detail: `The request line is longer than ${REQUEST_LINE_LIMIT / 1024} KB` }
        : { slug: 'headers-too-large', target, detail: 'The request headers together are over 16 KB' };
    case 'ERR_HTTP_REQUEST_TIMEOUT':
    case 'ERR_HTTP_HEADERS_TIMEOUT':
      return { slug: 'request-timeout', target, detail: 'The request did not arrive in full in time' };
    default:
      return { slug: 'malformed-request', target, detail: `The request is not well-formed HTTP (${error.message.replace(/^Parse Error: /, '')})` };
  }
}

/**
 * Answers a request the HTTP parser refused with problem+json, as every other mistake is answered,
 * and closes the connection once the answer is written (the parser cannot go on reading it). A connection already gone is left.
 */
export function clientErrorHandler(publicUrl: string | undefined) {
  return (error: ParserError, socket: Socket): void => {
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const { slug, detail, target, host } = parserProblem(error);
    const { status, title } = PROBLEM_TYPES[slug];
    const body = JSON.stringify({ type: problemTypeUri(slug, hostOrigin(host, publicUrl)), title, status, detail, instance: target });
    // Destroyed once written, not ended: a client that sends nothing (the headers timeout) must not keep a half-open descriptor.
    socket.write(
      `HTTP/1.1 ${status} ${title}\r\nContent-Type: ${PROBLEM_CONTENT_TYPE}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
      () => socket.destroy(),
    );
  };
}
