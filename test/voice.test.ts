import t from 'tap';
import { analyse } from '../src/domain/analyse/index.ts';
import { findQuotes } from '../src/domain/analyse/quotes.ts';
import { snippetMatchOffset, voiceAt } from '../src/domain/voice.ts';
import { createKey } from '../src/modules/auth/keys.ts';
import { readStanceCues } from '../seed/lexicon.ts';
import { readCorpus, seedLexicon } from '../seed/corpus.ts';
import { build, getJson } from './helper.ts';

// Whose words: every quote and evidence span says whether it is a direct quote, reported speech,
// the organisation's own text, or the publisher's narrative (which is never evidence).

const lexicon = seedLexicon(readCorpus(), readStanceCues());

/** Evidence spans that overlap text marked as the publisher's: there must be none. */
const evidenceOnPublisherText = (app: Awaited<ReturnType<typeof build>>) =>
  app.db.all(
    `SELECT ev.id FROM evidence ev JOIN theme_tags tt ON tt.id = ev.tag_id
     JOIN publisher_spans ps ON ps.statement_id = tt.statement_id AND ps.start_offset < ev.end_offset AND ev.start_offset < ps.end_offset`,
  );

t.test('the analyser: direct quotes, reported speech, own voice', async (t) => {
  const news = [
    'Councils respond to the strategy',
    'Cllr Ann Price, Chair of the Example Council Association, said: "The plan is a welcome first step for families."',
    'Cllr Price said the funding announced, "while helpful", fell far short of what councils need each year.',
    'The Government said it would publish a response in the summer.',
    'The strategy runs to 200 pages and sets out six pillars.',
  ].join('\n\n');
  const quotes = findQuotes(news, lexicon);
  t.same(
    quotes.map((q) => [q.voice, q.speaker?.name ?? null, q.organisation, q.text.slice(0, 30)]),
    [
      ['direct', 'Cllr Ann Price', null, 'The plan is a welcome first st'],
      ['reported', 'Cllr Ann Price', null, 'Cllr Price said the funding an'],
      ['reported', null, 'dfe', 'The Government said it would p'],
    ],
  );
  const own = findQuotes('We are a charity for children.\n\nWe welcome the funding for family hubs across the country, and will keep pressing for more.', lexicon);
  t.same(own.map((q) => q.voice), ['own'], 'nobody quoted: the organisation’s own voice');
  t.same(findQuotes('The minister said: “These reforms will put relationships at the heart of the system.”', lexicon).map((q) => q.voice), ['direct']);
  t.same(findQuotes('The LGA has warned that councils face a £1.6bn gap.', lexicon).map((q) => [q.voice, q.organisation]), [['reported', 'lga']]);
  t.same(
    findQuotes('Funding said to be worth a billion pounds is not nearly enough for the families we support every day.', lexicon).map((q) => q.voice),
    ['own'],
    'no attribution, no reported speech',
  );

  const thirdParty = analyse({ text: news, thirdParty: true }, lexicon);
  t.same(
    thirdParty.publisherSpans.map((s) => s.text),
    ['The strategy runs to 200 pages and sets out six pillars.'],
    'in someone else’s text, what lies outside quotes and reported speech is the publisher’s',
  );
  const funding = thirdParty.themes.find((th) => th.theme === 'funding');
  t.equal(funding?.stance, 'critical', 'reported speech is evidence');
  const ownPage = analyse({ text: news }, lexicon);
  t.same(ownPage.publisherSpans, [], 'on the organisation’s own page nothing is marked');
});

t.test('voiceAt and snippetMatchOffset', async (t) => {
  const context = {
    publisherSpans: [{ start: 0, end: 10 }],
    quotes: [
      { start: 10, end: 20, voice: 'direct' as const },
      { start: 20, end: 30, voice: 'reported' as const },
    ],
    byOthers: false,
  };
  t.same([0, 9, 10, 19, 20, 29, 30].map((o) => voiceAt(o, context)), ['publisher', 'publisher', 'direct', 'direct', 'reported', 'reported', 'own']);
  t.equal(voiceAt(30, { ...context, byOthers: true }), 'publisher', 'outside quotes on someone else’s page');
  const text = 'Background. The use of agency social workers will be consulted on.';
  t.equal(snippetMatchOffset(text, '…use of \u0002agency\u0003 \u0002social\u0003 workers will…'), text.indexOf('agency'));
  t.equal(snippetMatchOffset(text, 'Background. The use'), undefined, 'no match marked');
  t.equal(snippetMatchOffset(text, '…not in the \u0002text\u0003…'), undefined, 'a fragment that is not in the text');
});

t.test('search says whose text a snippet is; no stance rests on publisher text', async (t) => {
  const app = await build(t);
  const found = (await getJson(app, `/v1/statements?q=${encodeURIComponent('"agency social workers"')}`)).body;
  const rcpch = found.items.find((i: { organisation: { slug: string } }) => i.organisation.slug === 'rcpch');
  t.equal(rcpch.snippetVoice, 'publisher', 'the RCPCH page’s background about the DfE consultation is nobody’s position');
  t.match(rcpch.snippet, /<mark>agency social workers<\/mark>/);
  const farCry = (await getJson(app, `/v1/statements?q=${encodeURIComponent('"far cry"')}`)).body.items[0];
  t.same([farCry.organisation.slug, farCry.snippetVoice], ['rcpch', 'direct']);
  t.equal((await getJson(app, '/v1/statements?organisation=rcpch')).body.items[0].snippetVoice, null, 'no search, no snippet');
  t.same(await evidenceOnPublisherText(app), [], 'no evidence on publisher text in the curated corpus');
  t.equal(await app.db.value<number>('SELECT count(*) AS n FROM publisher_spans'), 19, 'the RCPCH and CCN page backgrounds');

  const authorization = `Bearer ${await createKey(app.db, 'writer', ['write'])}`;
  const article = await app.inject({
    method: 'POST',
    url: '/v1/statements',
    headers: { authorization },
    payload: {
      text: [
        'Charity attacks kinship plans',
        'The government announced £45m for kinship care pilots and a review of allowances.',
        'Sam Reed, chief executive of Kin Together, said the £45m fell far short of what kinship carers need.',
        '"Kinship carers deserve an allowance now, not another review," said Mr Reed.',
      ].join('\n\n'),
      organisation: { name: 'Kin Together', kind: 'charity' },
      publisher: 'Care News Daily',
      event: 'implementation-strategy-2023',
      date: '2023-02-05',
      url: 'https://example.org/care-news/kin-together',
      title: 'Charity attacks kinship plans',
    },
  });
  t.equal(article.statusCode, 201);
  const stored = article.json();
  t.same(stored.quotes.map((q: { voice: string }) => q.voice), ['reported', 'direct']);
  t.equal(stored.quotes[0].citation, 'Sam Reed, chief executive of Kin Together, as reported by Care News Daily in “Charity attacks kinship plans”, 5 February 2023, https://example.org/care-news/kin-together');
  const kinship = stored.tags.find((tag: { theme: { slug: string } }) => tag.theme.slug === 'kinship');
  t.ok(kinship.evidence.length > 0);
  t.ok(kinship.evidence.every((e: { voice: string }) => e.voice !== 'own'), 'in a news article, evidence is only what was said');
  t.notOk(kinship.evidence.some((e: { text: string }) => e.text.startsWith('The government announced')), 'the reporter’s narrative is not evidence');
  t.same(await evidenceOnPublisherText(app), [], 'nor after analysing a news article');
  const narrative = (await getJson(app, '/v1/statements?q=allowances')).body.items.find((i: { organisation: { slug: string } }) => i.organisation.slug === 'kin-together');
  t.equal(narrative.snippetVoice, 'publisher');
});

t.test('editors change a quote’s voice; its evidence follows', async (t) => {
  const app = await build(t);
  const authorization = `Bearer ${await createKey(app.db, 'writer', ['write'])}`;
  const quote = (await getJson(app, '/v1/quotes?organisation=lga&voice=direct&theme=funding&limit=1')).body.items[0];
  const res = await app.inject({ method: 'PATCH', url: `/v1/quotes/${quote.id}`, headers: { authorization }, payload: { voice: 'reported' } });
  t.equal(res.statusCode, 200);
  t.same([res.json().voice, res.json().speaker.slug], ['reported', quote.speaker.slug], 'the speaker stays');
  t.match(res.json().citation, /as reported by Local Government Lawyer/);
  const evidence = await app.db.all('SELECT DISTINCT voice FROM evidence WHERE quote_id = ?', [quote.id]);
  t.same(evidence, [{ voice: 'reported' }]);
  const empty = await app.inject({ method: 'PATCH', url: `/v1/quotes/${quote.id}`, headers: { authorization }, payload: {} });
  t.equal(empty.statusCode, 400);
  t.equal((await app.inject({ method: 'PATCH', url: `/v1/quotes/${quote.id}`, headers: { authorization }, payload: { voice: 'publisher' } })).statusCode, 400, 'a quote is never the publisher’s');
});
