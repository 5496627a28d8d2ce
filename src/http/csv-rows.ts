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

type ShiftSide = { stance: string; statement: { id: number; date: string }; event: { title: string }; evidence: Evidence[] };

/** One row per shift: each side's stance, date, event and statement, its evidence, citations and permalinks. */
export const shiftRows = (body: { items: { organisation: Ref; theme: Ref; direction: string; summary: string; from: ShiftSide; to: ShiftSide }[] }) =>
  body.items.map((s) => {
    const side = (name: 'from' | 'to', x: ShiftSide) => ({
      [`${name}_stance`]: x.stance,
      [`${name}_date`]: x.statement.date,
      [`${name}_event`]: x.event.title,
      [`${name}_statement`]: x.statement.id,
      [`${name}_evidence`]: x.evidence.map((e) => e.text).join(' | '),
      [`${name}_citation`]: [...new Set(x.evidence.map((e) => e.citation))].join(' | '),
      [`${name}_permalink`]: x.evidence.map((e) => e.permalink).join(' | '),
    });
    return { organisation: s.organisation.name, theme: s.theme.name, direction: s.direction, summary: s.summary, ...side('from', s.from), ...side('to', s.to) };
  });

/** One row per citation of a measure group: the measure, its verdict, and who gives which value on which basis. */
export const measureRows = (body: {
  items: {
    key: string;
    label: string;
    unit: string;
    disagreement: boolean;
    verdict: string;
    spread: { display: string; period: string } | null;
    organisations: {
      organisation: Ref;
      citations: { id: number; display: string; raw: string; periodBasis: string; measures: string; context: string; citation: string; permalink: string }[];
    }[];
  }[];
}) =>
  body.items.flatMap((g) =>
    g.organisations.flatMap((o) =>
      o.citations.map((c) => ({
        measure: g.label,
        key: g.key,
        unit: g.unit,
        disagreement: g.disagreement ? 'yes' : 'no',
        verdict: g.verdict,
        spread: g.spread ? `${g.spread.display} (${g.spread.period})` : '',
        organisation: o.organisation.name,
        figure: c.display,
        as_written: c.raw,
        period: c.periodBasis,
        what_it_measures: c.measures,
        sentence: c.context,
        figure_id: c.id,
        citation: c.citation,
        permalink: c.permalink,
      })),
    ),
  );

type AskCsvOutcome = { outcome: string; sourceUrl: string; decidedOn: string } | null;

/** One row per ask in the ledger: its group, who asks whom for what, its wording, citation and outcome. */
export const askRows = (body: {
  groups: {
    key: string;
    label: string;
    organisationCount: number;
    outcome: AskCsvOutcome;
    asks: {
      id: number;
      organisation: Ref;
      target: string;
      action: string;
      text: string;
      theme: { name: string } | null;
      speaker: { name: string } | null;
      statement: { id: number; date: string };
      event: { title: string };
      citation: string;
      permalink: string;
      outcome: AskCsvOutcome;
    }[];
  }[];
}) =>
  body.groups.flatMap((g) =>
    g.asks.map((a) => ({
      group: g.key,
      group_label: g.label,
      organisations_sharing: g.organisationCount,
      group_outcome: g.outcome?.outcome ?? '',
      ask: a.id,
      organisation: a.organisation.name,
      target: a.target,
      action: a.action,
      wording: a.text,
      theme: a.theme?.name ?? '',
      speaker: a.speaker?.name ?? '',
      date: a.statement.date,
      event: a.event.title,
      statement: a.statement.id,
      outcome: a.outcome?.outcome ?? '',
      outcome_decided_on: a.outcome?.decidedOn ?? '',
      outcome_source: a.outcome?.sourceUrl ?? '',
      citation: a.citation,
      permalink: a.permalink,
    })),
  );

/** One row per change, its detail as JSON in a cell (a spreadsheet's filter still finds a theme or a figure in it). */
export const changeRows = (body: {
  changes: { id: number; at: string; kind: string; statement: { id: number } | null; subject: { type: string; id: number } | null; detail: Record<string, unknown> }[];
}) =>
  body.changes.map((change) => ({
    id: change.id,
    at: change.at,
    kind: change.kind,
    statement: change.statement?.id ?? '',
    subject: change.subject ? `${change.subject.type} ${change.subject.id}` : '',
    detail: JSON.stringify(change.detail),
  }));
