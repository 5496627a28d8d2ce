import { parse } from 'yaml';
import { z } from 'zod';
import { newStatementBody } from './schemas.ts';

const header = z.object({
  organisation: z.union([z.string(), z.object({ name: z.string() }).passthrough()]),
  organisation_name: z.string().optional(),
  organisation_kind: z.string().optional(),
  event: z.string(),
  date: z.union([z.string(), z.date()]).transform((d) => (d instanceof Date ? d.toISOString().slice(0, 10) : d)),
  url: z.string(),
  title: z.string(),
  publisher: z.string().optional(),
  kind: z.string().optional(),
});

/**
 * A document for bulk import: a small YAML front-matter header between `---` lines, then the
 * text. `organisation` is a slug; with `organisation_name` it is created when new.
 */
export function parseDocument(source: string) {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(source.replace(/^\uFEFF/, ''));
  if (!match) throw new Error('no front-matter header: the file must start with a --- line, the fields, and another --- line');
  const fields = header.parse(parse(match[1] ?? '') ?? {});
  const organisation =
    typeof fields.organisation === 'string' && fields.organisation_name
      ? { slug: fields.organisation, name: fields.organisation_name, ...(fields.organisation_kind ? { kind: fields.organisation_kind } : {}) }
      : fields.organisation;
  return newStatementBody.parse({
    text: (match[2] ?? '').trim(),
    organisation,
    event: fields.event,
    date: fields.date,
    url: fields.url,
    title: fields.title,
    publisher: fields.publisher,
    kind: fields.kind,
  });
}
