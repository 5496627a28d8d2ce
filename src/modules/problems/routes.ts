import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { notFound } from '../../errors.ts';
import { isProblemSlug, PROBLEM_TYPES, type ProblemSlug } from '../../http/problem-types.ts';

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
// `code` in the catalogue's prose, as <code>.
const prose = (text: string) => escape(text).replace(/`([^`]+)`/g, '<code>$1</code>');

function section(slug: ProblemSlug): string {
  const { status, title, meaning, remedy } = PROBLEM_TYPES[slug];
  return `<section id="${slug}"><h2>${status} ${escape(title)} <small>(${slug})</small></h2><p>${prose(meaning)}</p><p><strong>What to do:</strong> ${prose(remedy)}</p></section>`;
}

const page = (title: string, body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escape(title)} · Stance</title><link rel="stylesheet" href="/page/style.css"></head><body><main class="problems"><p><a href="/problems">Problem types</a> · <a href="/docs">API documentation</a></p>${body}</main></body></html>`;

/**
 * Where each problem's `type` points: a page per kind of problem saying what it means and what to do
 * (RFC 9457: a type URI, dereferenced, documents the problem type), and the list of them all.
 */
const routes: FastifyPluginAsync = async (app) => {
  app.get('/', { schema: { hide: true } }, async (_request, reply) =>
    reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'public, max-age=3600')
      .send(page('Problem types', `<h1>Problem types</h1><p>Every error the API answers is <code>application/problem+json</code> (RFC 9457); its <code>type</code> is one of these.</p>${(Object.keys(PROBLEM_TYPES) as ProblemSlug[]).map(section).join('')}`)),
  );
  app.get('/:slug', { schema: { hide: true, params: z.object({ slug: z.string() }) } }, async (request, reply) => {
    const { slug } = request.params as { slug: string };
    if (!isProblemSlug(slug)) throw notFound('problem type', slug);
    return reply.type('text/html; charset=utf-8').header('cache-control', 'public, max-age=3600').send(page(PROBLEM_TYPES[slug].title, `<h1>${escape(PROBLEM_TYPES[slug].title)}</h1>${section(slug)}`));
  });
};

export default routes;
