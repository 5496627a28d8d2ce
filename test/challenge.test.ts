import t from 'tap';
import { evaluateCorrections } from '../src/domain/analyse/evaluate.ts';
import { formatCorrections, formatResponseConfidence, formatResponses, missedChallengeTargets, missedTargets, runChallenge, runEvaluation, TARGETS } from '../src/cli/eval.ts';
import { loadLexicon } from '../src/modules/ingest/lexicon.ts';
import { judgedStatements } from '../src/modules/ingest/reviewed.ts';
import { createKey } from '../src/modules/auth/keys.ts';
import { build, pressRelease } from './helper.ts';

// The analyser's targets, kept by CI: the challenge set (short texts written to exhibit one phenomenon
// each: test/challenge/challenge.json) and the curated corpus. See the README for what each set is.

t.test('the challenge set: at least 0.9 overall and 0.8 in every phenomenon', async (t) => {
  const result = runChallenge();
  t.same(missedChallengeTargets(result), [], 'no target missed');
  t.same(
    result.phenomena.map((p) => p.phenomenon),
    [
      'demand-after-measure',
      'demand-before-measure',
      'welcome-condition',
      'problem-talk',
      'negated-criticism',
      'hedged-praise',
      'reported-speech',
      'figures-in-comparison',
      'boilerplate',
      'neutral-description',
      'plain-judgement',
    ],
    'every phenomenon is measured',
  );
  t.ok(result.overall.total >= 300, `${result.overall.total} judgements`);
  t.ok(result.texts >= 150, `${result.texts} texts`);
  for (const theme of result.themes) t.ok(theme.f1 >= TARGETS.themeF1, `${theme.theme} F1 ${theme.f1.toFixed(3)}`);
  // Confidence means something: the analyser is right more often when it is surer.
  const [low, , , high] = result.confidence;
  t.ok((high?.accuracy ?? 0) > (low?.accuracy ?? 1), 'more often right at 0.8–1.0 than below 0.4');
});

t.test('the curated corpus: theme F1 at least 0.9 per theme, stance at least 0.9', async (t) => {
  const result = runEvaluation();
  t.same(missedTargets(result), []);
});

t.test('full press responses are measured and reported per set', async (t) => {
  const result = runChallenge('test/challenge/responses-heldout.json');
  t.equal(result.texts, 50);
  t.ok(result.stanceOnFound.total >= 90, 'most of the editors’ themes are found');
  const table = formatResponses([{ name: 'held out', result }]).split('\n');
  t.equal(table.length, 3);
  t.match(table[2], /^\| held out\s+\|\s+50 \|\s+\d+\.\d% +\| \d\.\d\d \/ \d\.\d\d \/ \d\.\d\d \/ \d\.\d\d +\| \d+\/\d+ = \d+\.\d% +\|$/);
  const bands = formatResponseConfidence([{ name: 'held out', result }]).split('\n');
  t.equal(bands.length, 3);
  t.equal(bands[0], '| stance by confidence               | 0.0 – 0.4       | 0.4 – 0.6       | 0.6 – 0.8       | 0.8 – 1.0       |');
  const [low, , , high] = result.confidence;
  t.equal(bands[2], `| held out                           | ${result.confidence.map((b) => `${b.correct}/${b.total} = ${(b.accuracy * 100).toFixed(1)}%`.padEnd(15)).join(' | ')} |`);
  t.ok((high?.accuracy ?? 0) > (low?.accuracy ?? 1), 'on texts never tuned on, surer tags are right more often');
});

t.test('npm run eval -- --corrections: the analyser against what editors decided', async (t) => {
  const app = await build(t);
  const auth = { authorization: `Bearer ${await createKey(app.db, 'editor', ['write'])}` };
  const release = pressRelease(7);
  const stored = await app.inject({ method: 'POST', url: '/v1/statements', payload: release, headers: auth });
  t.equal(stored.statusCode, 201);
  const { id, tags } = stored.json() as { id: number; tags: { theme: { slug: string }; stance: string }[] };
  const analysed = Object.fromEntries(tags.map((tag) => [tag.theme.slug, tag.stance]));
  const ours = async () => (await judgedStatements(app.db)).filter((s) => s.id === `statement ${id}`);
  t.same(await ours(), [], 'nothing judged by an editor yet');
  t.equal((await judgedStatements(app.db)).length, 7, 'the curated statements are judged by definition');

  // An editor accepts one tag as it is, corrects another's stance, and removes a third.
  const [accepted, corrected, removed] = Object.keys(analysed);
  t.ok(accepted && corrected && removed, 'the release has three themes or more');
  t.equal((await app.inject({ method: 'POST', url: `/v1/statements/${id}/tags/${accepted}/accept`, headers: auth })).statusCode, 200);
  const other = analysed[corrected as string] === 'critical' ? 'supportive' : 'critical';
  t.equal((await app.inject({ method: 'PATCH', url: `/v1/statements/${id}/tags/${corrected}`, payload: { stance: other }, headers: auth })).statusCode, 200);
  t.equal((await app.inject({ method: 'DELETE', url: `/v1/statements/${id}/tags/${removed}`, headers: auth })).statusCode, 204);

  const judged = await ours();
  t.same(judged.map((s) => [s.judged, s.rejected]), [[{ [accepted as string]: analysed[accepted as string], [corrected as string]: other }, [removed]]]);
  const result = evaluateCorrections(judged, await loadLexicon(app.db));
  t.same(
    { statements: result.statements, found: result.found, stance: result.stance, rejected: result.rejected },
    {
      statements: 1,
      found: { correct: 2, total: 2, accuracy: 1 },
      stance: { correct: 1, total: 2, accuracy: 0.5 },
      rejected: { correct: 0, total: 1, accuracy: 0 },
    },
    'the accepted tag agrees, the corrected one does not, and the removed theme is still found',
  );
  t.same(result.misses, [
    `statement ${id} ${corrected}: editors ${other}, analysed ${analysed[corrected as string]}`,
    `statement ${id} ${removed}: editors removed it, analysed ${analysed[removed as string]}`,
  ]);
  t.equal(
    formatCorrections(result).split('\n').slice(0, 4).join('\n'),
    [
      "Editors' decisions: 1 statements with tags an editor set, corrected or accepted, or themes removed",
      '  their tags the analyser finds:             2/2 = 100.0%',
      '  of those, with their stance:               1/2 = 50.0%',
      '  themes they removed, left out:             0/1 = 0.0%',
    ].join('\n'),
  );
});
