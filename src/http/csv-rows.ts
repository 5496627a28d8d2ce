// How each list and comparison flattens into spreadsheet rows: one row per thing a reporter
// would count (a statement, a quote, a piece of evidence, a cited figure).

type Ref = { slug: string; name: string };
type ThemeStance = { theme: string; stance: string };
type Evidence = { text: string; speaker: { name: string; role: string | null } | null; citation: string; permalink: string };

const themesCell = (themes: ThemeStance[]) => themes.map((t) => `${t.theme}: ${t.stance}`).join('; ');

export const statementRows = (body: {
  items: {
    id: number;
    date: string;
    organisation: Ref;
    event: Ref & { title: string };
    document: { title: string; publisher: string; url: string };
    summary: string;
    themes: ThemeStance[];
    speakers: { name: string }[];
    snippet: string | null;
  }[];
}) =>
  body.items.map((s) => ({
    id: s.id,
    date: s.date,
    organisation: s.organisation.name,
    event: s.event.title,
    themes: themesCell(s.themes),
    speakers: s.speakers.map((p) => p.name).join('; '),
    summary: s.summary,
    title: s.document.title,
    publisher: s.document.publisher,
    url: s.document.url,
    snippet: s.snippet ?? '',
  }));

export const quoteRows = (body: {
  items: {
    id: number;
    text: string;
    speaker: { name: string; role: string | null } | null;
    organisation: Ref;
    statement: { date: string };
    themes: ThemeStance[];
    citation: string;
    permalink: string;
  }[];
}) =>
  body.items.map((q) => ({
    id: q.id,
    date: q.statement.date,
    organisation: q.organisation.name,
    speaker: q.speaker?.name ?? '(organisation)',
    role: q.speaker?.role ?? '',
    quote: q.text,
    themes: themesCell(q.themes),
    citation: q.citation,
    permalink: q.permalink,
  }));

/** A plain list of flat items ({ items: [...] }): nested objects become their name. */
export const itemRows = (body: { items: Record<string, unknown>[] }) =>
  body.items.map((item) =>
    Object.fromEntries(
      Object.entries(item).map(([key, value]) => [
        key,
        Array.isArray(value) ? value.join('; ') : value && typeof value === 'object' ? ((value as { name?: string }).name ?? JSON.stringify(value)) : value,
      ]),
    ),
  );

type Position = {
  organisation: Ref;
  stance: string | null;
  statements: { id: number; date: string; stance: string; evidence: Evidence[] }[];
  figures: { raw: string }[];
};

export const comparisonRows = (body: { theme: Ref; organisations: Position[] }) =>
  body.organisations.flatMap((p): Record<string, unknown>[] => {
    const base = { theme: body.theme.name, organisation: p.organisation.name, overall_stance: p.stance ?? 'silent', figures: p.figures.map((f) => f.raw).join('; ') };
    const rows = p.statements.flatMap((s) =>
      s.evidence.map((e) => ({
        ...base,
        statement: s.id,
        date: s.date,
        statement_stance: s.stance,
        speaker: e.speaker?.name ?? '',
        evidence: e.text,
        citation: e.citation,
        permalink: e.permalink,
      })),
    );
    return rows.length > 0 ? rows : [{ ...base, statement: '', date: '', statement_stance: '', speaker: '', evidence: '', citation: '', permalink: '' }];
  });

type MatrixCsvCell = { theme: string; stance: string | null; statementCount: number; changed: boolean; byEvent: { stance: string }[] };

/** `critical (2)`, or with a change of position `critical (2; by event: neutral → critical)`. */
const cellText = (c: MatrixCsvCell) =>
  c.stance ? `${c.stance} (${c.statementCount}${c.changed ? `; by event: ${c.byEvent.map((e) => e.stance).join(' → ')}` : ''})` : '';

export const matrixRows = (body: { themes: Ref[]; rows: { organisation: Ref; cells: MatrixCsvCell[] }[] }) =>
  body.rows.map((row) => ({
    organisation: row.organisation.name,
    ...Object.fromEntries(row.cells.map((c) => [c.theme, cellText(c)])),
  }));

export const figureRows = (body: {
  groups: {
    display: string;
    value: number;
    unit: string;
    category: string;
    citations: { organisation: Ref; raw: string; measures: string; period: string | null; context: string; citation: string; permalink: string }[];
  }[];
}) =>
  body.groups.flatMap((g) =>
    g.citations.map((c) => ({
      figure: g.display,
      value: g.value,
      unit: g.unit,
      measures: g.category,
      organisation: c.organisation.name,
      as_written: c.raw,
      what_it_measures: c.measures,
      period: c.period ?? '',
      sentence: c.context,
      citation: c.citation,
      permalink: c.permalink,
    })),
  );

export const pairRows = (body: {
  a: Ref;
  b: Ref;
  themes: { theme: Ref; relation: string; a: { stance: string | null; statements: { evidence: Evidence[] }[] }; b: { stance: string | null; statements: { evidence: Evidence[] }[] } }[];
}) =>
  body.themes.map((t) => ({
    theme: t.theme.name,
    relation: t.relation,
    [`${body.a.name} stance`]: t.a.stance ?? 'silent',
    [`${body.b.name} stance`]: t.b.stance ?? 'silent',
    [`${body.a.name} evidence`]: t.a.statements.flatMap((s) => s.evidence.map((e) => e.text)).join(' | '),
    [`${body.b.name} evidence`]: t.b.statements.flatMap((s) => s.evidence.map((e) => e.text)).join(' | '),
  }));

export const timelineRows = (body: {
  organisation: Ref;
  themes: { theme: Ref; points: { date: string; event: { title: string }; stance: string; statement: { id: number }; evidence: Evidence[] }[] }[];
}) =>
  body.themes.flatMap((t) =>
    t.points.map((p) => ({
      organisation: body.organisation.name,
      theme: t.theme.name,
      date: p.date,
      event: p.event.title,
      stance: p.stance,
      statement: p.statement.id,
      evidence: p.evidence.map((e) => e.text).join(' | '),
    })),
  );
