// How each list and comparison reads as an Atom feed: one entry per thing a reader follows (a
// statement, a quote, a cited figure, an organisation's stance on a theme at a statement, an item of a
// reference list), linking to the statement's page and carrying the citation. A route speaks Atom
// with `config: { atom: <one of these> }`; atom.ts makes the feed around the entries.

import { longDate } from '../domain/citation.ts';
import type { FeedContext, FeedEntry, FeedLink, FeedPerson, FeedShape } from './atom.ts';

type Ref = { slug: string; name: string };
type OrganisationRef = Ref & { shortName: string };
type PersonRef = { slug?: string; name: string; role: string | null };
type ThemeStance = { theme: string; stance: string };
type Source = { title: string; publisher: string; url: string; publishedOn: string };
type Evidence = { text: string; speaker: PersonRef | null; citation: string; permalink: string };

const HTML = 'text/html';
const JSON_TYPE = 'application/json';
const ATOM = 'application/atom+xml';

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

/** The first words of a long text, cut at a word, for a title. */
function clip(text: string, length = 90): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= length) return flat;
  const cut = flat.slice(0, length);
  const space = cut.lastIndexOf(' ');
  return `${(space > length / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.–—-]+$/, '')}…`;
}

/** The statement's page: for a person its text with the passage highlighted, for an app its JSON. */
const statementPage = (ctx: FeedContext, id: number): FeedLink => ({ href: ctx.link(`/statements/${id}`), type: HTML });

const organisationAuthor = (ctx: FeedContext, organisation: Ref): FeedPerson => ({
  name: organisation.name,
  uri: ctx.link(`/v1/organisations/${organisation.slug}`),
});

const speakerPerson = (ctx: FeedContext, speaker: PersonRef): FeedPerson => ({
  name: speaker.role ? `${speaker.name}, ${speaker.role}` : speaker.name,
  ...(speaker.slug ? { uri: ctx.link(`/v1/people/${speaker.slug}`) } : {}),
});

/** A theme as a category, and the stance on it as a category in the theme's own scheme ("critical on Funding"). */
function stanceCategories(ctx: FeedContext, theme: { slug: string; name?: string }, stance: string | null) {
  const label = theme.name ?? theme.slug;
  return [
    { term: theme.slug, scheme: ctx.link('/v1/themes'), label },
    ...(stance ? [{ term: stance, scheme: ctx.link(`/v1/themes/${theme.slug}`), label: `${stance} on ${label}` }] : []),
  ];
}

/** Where a statement's words were published, ready to paste. */
const sourceCitation = (source: Source) => `Source: “${source.title}”, ${source.publisher}, ${longDate(source.publishedOn)}, ${source.url}`;

/** Each piece of evidence in its words, then whose words they are and where. */
const evidenceText = (evidence: Evidence[]) => evidence.map((e) => `${e.text}\n${e.citation}`).join('\n\n');

/** An organisation's stance on a theme at one statement: the same entry in the theme comparison and in the timeline. */
function stanceEntry(
  ctx: FeedContext,
  at: {
    organisation: Ref;
    theme: Ref;
    statement: { id: number; date: string };
    stance: string;
    source: Source;
    evidence: Evidence[];
    note?: string | null;
  },
): FeedEntry {
  const first = at.evidence[0];
  return {
    key: `statement/${at.statement.id}/theme/${at.theme.slug}`,
    title: `${at.organisation.name}: ${at.stance} on ${at.theme.name}`,
    date: at.statement.date,
    rank: at.statement.id,
    link: first ? { href: first.permalink, type: HTML } : statementPage(ctx, at.statement.id),
    via: at.source.url,
    authors: [organisationAuthor(ctx, at.organisation)],
    contributors: [...new Map(at.evidence.flatMap((e) => (e.speaker ? [[e.speaker.name, speakerPerson(ctx, e.speaker)] as const] : []))).values()],
    categories: stanceCategories(ctx, at.theme, at.stance),
    summary: at.note ?? first?.text ?? `${at.organisation.name} is ${at.stance} on ${at.theme.name}`,
    content: [at.note ? `Why ${at.stance}: ${at.note}` : null, evidenceText(at.evidence), sourceCitation(at.source)].filter(Boolean).join('\n\n'),
  };
}

export const statementFeed = (
  body: { items: { id: number; date: string; organisation: Ref; document: Source; summary: string; themes: ThemeStance[]; speakers: PersonRef[] }[] },
  ctx: FeedContext,
): FeedShape => ({
  title: 'Statements',
  entries: body.items.map((s) => ({
    key: `statement/${s.id}`,
    title: `${s.organisation.name}: ${s.document.title}`,
    date: s.date,
    rank: s.id,
    link: statementPage(ctx, s.id),
    via: s.document.url,
    authors: [organisationAuthor(ctx, s.organisation)],
    contributors: s.speakers.map((p) => speakerPerson(ctx, p)),
    categories: s.themes.flatMap((t) => stanceCategories(ctx, { slug: t.theme }, t.stance)),
    summary: s.summary,
    content: [
      s.summary,
      s.themes.length > 0 ? `Stances: ${s.themes.map((t) => `${t.theme} ${t.stance}`).join('; ')}` : null,
      sourceCitation(s.document),
    ]
      .filter(Boolean)
      .join('\n\n'),
  })),
});

export const quoteFeed = (
  body: {
    items: {
      id: number;
      text: string;
      speaker: PersonRef | null;
      organisation: OrganisationRef;
      statement: { id: number; date: string };
      document: Source;
      themes: ThemeStance[];
      citation: string;
      permalink: string;
    }[];
  },
  ctx: FeedContext,
): FeedShape => ({
  title: 'Quotes',
  entries: body.items.map((q) => ({
    key: `quote/${q.id}`,
    title: `${q.speaker ? `${q.speaker.name} (${q.organisation.shortName})` : q.organisation.name}: ${clip(q.text)}`,
    date: q.statement.date,
    rank: q.id,
    link: { href: q.permalink, type: HTML },
    via: q.document.url,
    authors: [organisationAuthor(ctx, q.organisation)],
    contributors: q.speaker ? [speakerPerson(ctx, q.speaker)] : [],
    categories: q.themes.flatMap((t) => stanceCategories(ctx, { slug: t.theme }, t.stance)),
    summary: q.text,
    content: `${q.text}\n\n${q.citation}`,
  })),
});

/** One entry per cited figure (each group's citations in the answer), not per group: each has its own sentence and citation. */
export const figureFeed = (
  body: {
    groups: {
      display: string;
      category: string;
      citations: {
        raw: string;
        measures: string;
        period: string | null;
        theme: string | null;
        start: number;
        end: number;
        context: string;
        organisation: Ref;
        statement: { id: number; date: string };
        speaker: PersonRef | null;
        citation: string;
        permalink: string;
      }[];
    }[];
  },
  ctx: FeedContext,
): FeedShape => ({
  title: 'Figures',
  entries: body.groups.flatMap((g) =>
    g.citations.map((c) => ({
      key: `statement/${c.statement.id}/figure/${c.start}-${c.end}`,
      title: `${c.organisation.name}: ${c.raw}, ${c.measures}${c.period ? ` (${c.period})` : ''}`,
      date: c.statement.date,
      rank: c.statement.id,
      link: { href: c.permalink, type: HTML },
      authors: [organisationAuthor(ctx, c.organisation)],
      contributors: c.speaker ? [speakerPerson(ctx, c.speaker)] : [],
      categories: [
        { term: g.category, scheme: ctx.link('/v1/figures') },
        ...(c.theme ? stanceCategories(ctx, { slug: c.theme }, null) : []),
      ],
      summary: c.context,
      content: `${c.context}\n\n${c.citation}`,
    })),
  ),
});

type PositionStatement = { id: number; date: string; stance: string; note: string | null; source: Source; evidence: Evidence[] };

/** One entry per statement shown for each organisation (its latest on the theme): who said what, with the evidence. */
export const comparisonFeed = (
  body: { theme: Ref; organisations: { organisation: Ref; statements: PositionStatement[] }[] },
  ctx: FeedContext,
): FeedShape => ({
  title: 'Theme comparison',
  entries: body.organisations.flatMap((p) =>
    p.statements.map((s) =>
      stanceEntry(ctx, { organisation: p.organisation, theme: body.theme, statement: s, stance: s.stance, source: s.source, evidence: s.evidence, note: s.note }),
    ),
  ),
});

/**
 * One entry per cell where an organisation said something on a theme: its overall stance, linking
 * to the cell opened on the comparison page and to the feed of the statements behind it. Cells
 * carry no date: they are as new as the feed.
 */
export const matrixFeed = (
  body: {
    themes: Ref[];
    rows: {
      organisation: Ref;
      cells: { theme: string; stance: string | null; statementCount: number; changed: boolean; byEvent: { event: string; stance: string }[] }[];
    }[];
  },
  ctx: FeedContext,
): FeedShape => ({
  title: 'Stance matrix',
  entries: body.rows.flatMap((row) =>
    row.cells.flatMap((cell): FeedEntry[] => {
      if (!cell.stance) return [];
      const theme = body.themes.find((t) => t.slug === cell.theme) ?? { slug: cell.theme, name: cell.theme };
      const over = cell.changed ? `; it changed by event: ${cell.byEvent.map((e) => `${e.event} ${e.stance}`).join(' → ')}` : '';
      const said = `${row.organisation.name} is ${cell.stance} on ${theme.name} (${plural(cell.statementCount, 'statement')}${over})`;
      return [
        {
          key: `organisation/${row.organisation.slug}/theme/${theme.slug}`,
          title: `${row.organisation.name}: ${cell.stance} on ${theme.name}${cell.changed ? ' (changed)' : ''}`,
          link: { href: ctx.link(`/?${new URLSearchParams({ cell: `${row.organisation.slug}/${theme.slug}` })}`), type: HTML },
          related: [
            { href: ctx.feed('/v1/statements', { organisation: row.organisation.slug, theme: theme.slug }), type: ATOM, title: 'The statements behind it' },
          ],
          authors: [organisationAuthor(ctx, row.organisation)],
          categories: stanceCategories(ctx, theme, cell.stance),
          summary: said,
        },
      ];
    }),
  ),
});

type Side = { stance: string | null; statements: PositionStatement[] };

/** How two stances relate, in words; where one side was silent the title already says so. */
const RELATION_WORDS: Record<string, string> = { agree: 'they agree', oppose: 'they oppose each other', 'differ-in-degree': 'they differ in degree' };

/** One entry per theme either organisation spoke on: how they relate, with both sides' evidence; as new as the newest statement in it. */
export const pairFeed = (
  body: { a: OrganisationRef; b: OrganisationRef; themes: { theme: Ref; relation: string; a: Side; b: Side }[] },
  ctx: FeedContext,
): FeedShape => ({
  title: 'Two organisations compared',
  entries: body.themes.flatMap((t): FeedEntry[] => {
    const sides = [
      { organisation: body.a, side: t.a },
      { organisation: body.b, side: t.b },
    ];
    const statements = sides.flatMap(({ side }) => side.statements).sort((x, y) => (x.date < y.date ? 1 : x.date > y.date ? -1 : y.id - x.id));
    const newest = statements[0];
    if (!newest) return [];
    const first = newest.evidence[0];
    const how = RELATION_WORDS[t.relation] ? ` (${RELATION_WORDS[t.relation]})` : '';
    return [
      {
        key: `organisations/${body.a.slug}/${body.b.slug}/theme/${t.theme.slug}`,
        title: `${t.theme.name}: ${body.a.shortName} ${t.a.stance ?? 'silent'}, ${body.b.shortName} ${t.b.stance ?? 'silent'}${how}`,
        date: newest.date,
        rank: newest.id,
        link: first ? { href: first.permalink, type: HTML } : statementPage(ctx, newest.id),
        related: statements.slice(1).map((s) => statementPage(ctx, s.id)),
        authors: sides.filter(({ side }) => side.statements.length > 0).map(({ organisation }) => organisationAuthor(ctx, organisation)),
        categories: stanceCategories(ctx, t.theme, null),
        summary: sides.map(({ organisation, side }) => `${organisation.name}: ${side.stance ?? 'said nothing'}`).join('; '),
        content: sides
          .filter(({ side }) => side.statements.length > 0)
          .map(({ organisation, side }) => {
            const said = side.statements.map((s) => evidenceText(s.evidence) || sourceCitation(s.source));
            return `${organisation.name} (${side.stance}):\n\n${said.join('\n\n')}`;
          })
          .join('\n\n'),
      },
    ];
  }),
});

/** One entry per point of the timeline: the organisation's stance on a theme at one of its statements. */
export const timelineFeed = (
  body: {
    organisation: Ref;
    themes: { theme: Ref; points: { date: string; stance: string; statement: { id: number }; source: Source; evidence: Evidence[] }[] }[];
  },
  ctx: FeedContext,
): FeedShape => ({
  title: `Timeline of ${body.organisation.name}`,
  entries: body.themes.flatMap((t) =>
    t.points.map((p) =>
      stanceEntry(ctx, {
        organisation: body.organisation,
        theme: t.theme,
        statement: { id: p.statement.id, date: p.date },
        stance: p.stance,
        source: p.source,
        evidence: p.evidence,
      }),
    ),
  ),
});

// The reference lists: one entry per item, linking to it in the API and to the feed a reader would
// subscribe to next (an organisation's statements, a theme's comparison, a speaker's quotes).

export const organisationFeed = (
  body: { items: { slug: string; name: string; shortName: string; kind: string; url: string | null; statementCount: number }[] },
  ctx: FeedContext,
): FeedShape => ({
  title: 'Organisations',
  entries: body.items.map((o) => ({
    key: `organisation/${o.slug}`,
    title: o.shortName && o.shortName !== o.name ? `${o.name} (${o.shortName})` : o.name,
    link: { href: ctx.link(`/v1/organisations/${o.slug}`), type: JSON_TYPE },
    related: [
      { href: ctx.feed('/v1/statements', { organisation: o.slug }), type: ATOM, title: 'Its statements' },
      { href: ctx.feed(`/v1/organisations/${o.slug}/timeline`), type: ATOM, title: 'Its stance over time' },
      ...(o.url ? [{ href: o.url, type: HTML, title: 'Its website' }] : []),
    ],
    categories: [{ term: o.kind, scheme: ctx.link('/v1/organisations') }],
    summary: `${o.name}, ${o.kind.replace(/-/g, ' ')}: ${plural(o.statementCount, 'statement')}`,
  })),
});

export const themeFeed = (
  body: { items: { slug: string; name: string; definition: string; cues: string[]; statementCount: number }[] },
  ctx: FeedContext,
): FeedShape => ({
  title: 'Themes',
  entries: body.items.map((t) => ({
    key: `theme/${t.slug}`,
    title: t.name,
    link: { href: ctx.link(`/v1/themes/${t.slug}`), type: JSON_TYPE },
    related: [
      { href: ctx.feed('/v1/compare', { theme: t.slug }), type: ATOM, title: 'Compared across organisations' },
      { href: ctx.feed('/v1/statements', { theme: t.slug }), type: ATOM, title: 'Its statements' },
    ],
    summary: t.definition,
    content: `${t.definition}\n\nCue words: ${t.cues.join(', ')}\n\n${plural(t.statementCount, 'statement')}`,
  })),
});

export const eventFeed = (
  body: { items: { slug: string; title: string; description: string; publishedOn: string; publisher: string; kind: string; statementCount: number }[] },
  ctx: FeedContext,
): FeedShape => ({
  title: 'Policy events',
  entries: body.items.map((e) => ({
    key: `event/${e.slug}`,
    title: e.title,
    date: e.publishedOn,
    link: { href: ctx.link(`/v1/events/${e.slug}`), type: JSON_TYPE },
    related: [{ href: ctx.feed('/v1/statements', { event: e.slug }), type: ATOM, title: 'The responses to it' }],
    authors: [{ name: e.publisher }],
    categories: [{ term: e.kind, scheme: ctx.link('/v1/events') }],
    summary: e.description,
    content: `${e.description}\n\n${e.publisher}, ${longDate(e.publishedOn)}: ${plural(e.statementCount, 'response')}`,
  })),
});

export const personFeed = (
  body: { items: { slug: string; name: string; role: string | null; organisation: Ref | null; quoteCount: number; url: string }[] },
  ctx: FeedContext,
): FeedShape => ({
  title: 'People',
  entries: body.items.map((p) => ({
    key: `person/${p.slug}`,
    title: [p.name, p.role, p.organisation?.name].filter(Boolean).join(', '),
    link: { href: ctx.link(p.url), type: JSON_TYPE },
    related: [{ href: ctx.feed('/v1/quotes', { speaker: p.slug }), type: ATOM, title: 'Their quotes' }],
    authors: p.organisation ? [organisationAuthor(ctx, p.organisation)] : [],
    summary: `${[p.name, p.role, p.organisation?.name].filter(Boolean).join(', ')}: ${plural(p.quoteCount, 'quote')}`,
  })),
});

const CHANGE_TITLES: Record<string, string> = {
  'statement.added': 'Statement added',
  'statement.reanalysed': 'Statement re-analysed',
  'tag.corrected': 'Stance corrected by an editor',
  'tag.reviewed': 'Stance reviewed by an editor',
  'tag.removed': 'Theme removed by an editor',
  'quote.corrected': 'Quote corrected by an editor',
  'figure.added': 'Figure added',
  'figure.regrouped': 'Figures regrouped by an editor',
  'ask.added': 'Ask added',
  'ask.outcome': 'Outcome of an ask recorded',
  'aliases.changed': 'Names changed',
};

/** What a change says in a few words: the organisation, the theme and stance, the figure. */
function changeSubject(detail: Record<string, unknown>): string {
  const parts: string[] = [];
  for (const name of ['organisation', 'speaker', 'theme']) if (typeof detail[name] === 'string') parts.push(detail[name] as string);
  if (typeof detail.before === 'string' && typeof detail.after === 'string') parts.push(`${detail.before} → ${detail.after}`);
  else if (typeof detail.stance === 'string') parts.push(detail.stance);
  if (typeof detail.raw === 'string') parts.push(detail.raw);
  if (typeof detail.outcome === 'string') parts.push(detail.outcome);
  if (typeof detail.target === 'string' && typeof detail.action === 'string') parts.push(`asks of ${detail.target}: ${clip(detail.action, 80)}`);
  return parts.join(', ');
}

export const changeFeed = (
  body: { changes: { id: number; at: string; kind: string; statement: { id: number; url: string } | null; detail: Record<string, unknown> }[] },
  ctx: FeedContext,
): FeedShape => ({
  title: 'Changes',
  entries: body.changes.map((change) => {
    const subject = changeSubject(change.detail);
    return {
      key: `change/${change.id}`,
      title: `${CHANGE_TITLES[change.kind] ?? change.kind}${change.statement ? ` (statement ${change.statement.id})` : ''}${subject ? `: ${subject}` : ''}`,
      date: change.at.slice(0, 10),
      rank: change.id,
      link: change.statement ? statementPage(ctx, change.statement.id) : { href: ctx.link(`/v1/changes?since=${change.id - 1}&limit=1`), type: JSON_TYPE },
      categories: [{ term: change.kind, scheme: ctx.link('/v1/changes') }],
      summary: JSON.stringify(change.detail),
    };
  }),
});

type ShiftSide = { stance: string; statement: { id: number; date: string }; source: Source; evidence: Evidence[] };

/** One entry per shift, dated when the new stance was said, linking to the passage that says it. */
export const shiftFeed = (
  body: { items: { organisation: OrganisationRef; theme: Ref; direction: string; summary: string; from: ShiftSide; to: ShiftSide }[] },
  ctx: FeedContext,
): FeedShape => ({
  title: 'Stance shifts',
  entries: body.items.map((shift) => {
    const first = shift.to.evidence[0];
    return {
      key: `shift/${shift.organisation.slug}/${shift.theme.slug}/${shift.from.statement.id}/${shift.to.statement.id}`,
      title: shift.summary,
      date: shift.to.statement.date,
      rank: shift.to.statement.id,
      link: first ? { href: first.permalink, type: HTML } : statementPage(ctx, shift.to.statement.id),
      via: shift.to.source.url,
      related: [statementPage(ctx, shift.from.statement.id)],
      authors: [organisationAuthor(ctx, shift.organisation)],
      categories: [...stanceCategories(ctx, shift.theme, shift.to.stance), { term: shift.direction, scheme: ctx.link('/v1/shifts'), label: shift.direction }],
      summary: shift.summary,
      content: [`Before (${longDate(shift.from.statement.date)}): ${shift.from.stance}`, evidenceText(shift.from.evidence), `After (${longDate(shift.to.statement.date)}): ${shift.to.stance}`, evidenceText(shift.to.evidence)]
        .filter(Boolean)
        .join('\n\n'),
    };
  }),
});

/** One entry per ask (in the order of its group), its wording and citation, linking to the passage. */
export const askFeed = (
  body: {
    groups: {
      label: string;
      asks: { id: number; organisation: OrganisationRef; target: string; action: string; text: string; theme: Ref | null; speaker: PersonRef | null; statement: { id: number; date: string }; citation: string; permalink: string; outcome: { outcome: string; decidedOn: string } | null }[];
    }[];
  },
  ctx: FeedContext,
): FeedShape => ({
  title: 'Asks',
  entries: body.groups.flatMap((group) =>
    group.asks.map((ask) => ({
      key: `ask/${ask.id}`,
      title: `${ask.organisation.name} asks of ${ask.target}: ${clip(ask.action)}`,
      date: ask.statement.date,
      rank: ask.id,
      link: { href: ask.permalink, type: HTML },
      related: [{ href: ctx.link(`/v1/asks/${ask.id}`), type: JSON_TYPE, title: group.label }],
      authors: [organisationAuthor(ctx, ask.organisation)],
      contributors: ask.speaker ? [speakerPerson(ctx, ask.speaker)] : [],
      categories: ask.theme ? stanceCategories(ctx, ask.theme, null) : [],
      summary: ask.text,
      content: [ask.text, ask.citation, `In: ${group.label}`, ask.outcome ? `Outcome: ${ask.outcome.outcome} (${longDate(ask.outcome.decidedOn)})` : 'Outcome: none recorded yet'].join('\n\n'),
    })),
  ),
});

/** One entry per figure cited for a measure, titled with the measure and whether organisations disagree on it. */
export const measureFeed = (
  body: {
    items: {
      key: string;
      label: string;
      disagreement: boolean;
      note: string;
      organisations: {
        organisation: OrganisationRef;
        citations: { id: number; raw: string; display: string; periodBasis: string; theme: string | null; context: string; statement: { id: number; date: string }; speaker: PersonRef | null; citation: string; permalink: string }[];
      }[];
    }[];
  },
  ctx: FeedContext,
): FeedShape => ({
  title: 'Figures by what they measure',
  entries: body.items.flatMap((group) =>
    group.organisations.flatMap(({ organisation, citations }) =>
      citations.map((figure) => ({
        key: `measure/${group.key}/figure/${figure.id}`,
        title: `${organisation.name}: ${figure.display} — ${group.label}${group.disagreement ? ' (organisations disagree)' : ''}`,
        date: figure.statement.date,
        rank: figure.statement.id,
        link: { href: figure.permalink, type: HTML },
        related: [{ href: ctx.link(`/v1/figures/measures/${group.key}`), type: JSON_TYPE, title: group.label }],
        authors: [organisationAuthor(ctx, organisation)],
        contributors: figure.speaker ? [speakerPerson(ctx, figure.speaker)] : [],
        categories: figure.theme ? stanceCategories(ctx, { slug: figure.theme }, null) : [],
        summary: figure.context,
        content: [figure.context, figure.citation, `${group.label}: ${group.note}`].join('\n\n'),
      })),
    ),
  ),
});
