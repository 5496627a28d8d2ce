import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { parse } from 'csv-parse/sync';
import t from 'tap';
import { createKey } from '../src/modules/auth/keys.ts';
import { pressRelease, startServer, stopServer } from './helper.ts';

// A real browser against the real server: Debian's chromium, driven by playwright-core (no download).
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SCREENSHOTS = fileURLToPath(new URL('../.tap/screenshots', import.meta.url));

if (!existsSync(CHROMIUM)) {
  console.error(`\n*** browser tests SKIPPED: no chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH) ***\n`);
  t.test('browser tests', { skip: `no chromium at ${CHROMIUM}` }, async () => {});
} else {
  const dir = mkdtempSync(join(tmpdir(), 'stance-browser-'));
  const server = await startServer(join(dir, 'stance.db'));
  const browser: Browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--host-resolver-rules=MAP stance.test 127.0.0.1', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  t.teardown(async () => {
    await browser.close();
    await stopServer(server.child);
    rmSync(dir, { recursive: true, force: true });
  });
  mkdirSync(SCREENSHOTS, { recursive: true });
  // A real browser through every view takes longer than package.json's 120 s on a shared two-core machine.
  t.setTimeout(300_000);

  /** A page that records script errors and anything the content security policy refused. */
  async function open(url: string, { width = 1280, height = 900, base = server.base } = {}) {
    const context = await browser.newContext({ viewport: { width, height }, isMobile: width < 500, hasTouch: width < 500 });
    // The clipboard is for secure contexts (127.0.0.1 is one, a plain-http host name is not).
    if (base === server.base) await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    const response = await page.goto(`${base}${url}`);
    t.teardown(() => context.close());
    return { page, errors, headers: response?.headers() ?? {} };
  }

  const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  /** axe-core's WCAG 2.1 A and AA rules on the page as it is now: every violation, with the first nodes it names. */
  async function axe(page: Page): Promise<string[]> {
    await page.evaluate(AXE);
    return page.evaluate(async () => {
      type Result = { violations: { id: string; nodes: { target: string[] }[] }[] };
      const runner = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<Result> } }).axe;
      const result = await runner.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
      return result.violations.map((v) => `${v.id}: ${v.nodes.length} nodes, e.g. ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
    });
  }

  const cell = (page: Page, organisation: string, theme: string) => page.locator(`.cell[data-organisation="${organisation}"][data-theme="${theme}"]`);
  const opened = (page: Page, key: string) => page.waitForFunction((k) => document.querySelector('#detail')?.getAttribute('data-open') === k, key);
  const focused = (page: Page, attribute = 'id') => page.evaluate((a) => document.activeElement?.getAttribute(a) ?? null, attribute);

  t.test('the comparison page shows the matrix and opens a cell’s evidence', async (t) => {
    const { page, errors } = await open('/');
    await page.waitForSelector('body[data-ready] .cell');
    t.equal(await page.locator('#matrix tbody tr').count(), 5, 'five organisations');
    t.equal(await page.locator('#matrix thead th').count(), 5, 'a header and four themes');
    t.equal(await page.locator('.cell').count(), 20);
    t.ok(await page.locator('#loading').isHidden(), 'the loading notice goes once the data is in');
    const lgaFunding = cell(page, 'lga', 'funding');
    t.match(await lgaFunding.getAttribute('class'), /stance-critical/, 'stance colour');
    t.match(await cell(page, 'ccn', 'kinship').getAttribute('class'), /stance-silent/);
    // The accessible name starts with the visible text, then says whose cell it is.
    t.equal(await lgaFunding.evaluate((b) => b.textContent), 'Fundingcritical, 1 statement, Local Government Association on Funding');
    t.equal(await lgaFunding.getAttribute('aria-label'), null, 'no label that hides the visible text');

    const rcpchFunding = cell(page, 'rcpch', 'funding');
    t.equal(await rcpchFunding.locator('.shift').innerText(), 'was neutral', 'a change of position between events is shown in the cell');
    t.equal(await page.locator('.cell .shift').count(), 2, 'only where the stance changed (RCPCH on funding and workforce)');

    await lgaFunding.click();
    await opened(page, 'lga/funding');
    t.equal(new URL(page.url()).search, '?cell=lga%2Ffunding', 'the opened cell is in the address');
    t.equal(await page.locator('#detail-title').innerText(), 'Local Government Association on Funding: critical');
    // Reported speech is not dressed as a quotation: no blockquote, no quotation marks added, the publisher cited.
    const reported = page.locator('#detail .evidence[data-voice="reported"]');
    t.equal(await reported.count(), 1, 'the £1.6bn sentence is reported speech');
    t.equal(await reported.locator('blockquote').count(), 0, 'not in a blockquote');
    t.match(await reported.locator('p.words').innerText(), /^Cllr Jamieson said the funding announced, "while helpful", fell short of addressing the £1\.6 billion shortfall/);
    t.equal(await reported.locator('.who').innerText(), 'Cllr James Jamieson, Chairman, as reported by Local Government Lawyer · 2 February 2023 · critical', 'dates written as in citations');
    t.match(await reported.locator('.citation').innerText(), /^Cllr James Jamieson, Chairman, Local Government Association, as reported by Local Government Lawyer in “Government strategy/);
    t.equal(
      await reported.locator('a.source-link').getAttribute('href'),
      'https://localgovernmentlawyer.co.uk/child-protection/392-children-protection-news/52879-government-strategy-to-fix-children-s-social-care-a-positive-first-step-but-more-needs-to-be-done-say-councils',
      'the source is a link',
    );
    t.equal(await reported.locator('a.passage-link').getAttribute('href'), '/statements/3#char=4764,4969', 'and the passage in its statement');
    const direct = page.locator('#detail .evidence[data-voice="direct"] blockquote p').first();
    t.match(await direct.innerText(), /^[“"]/, 'a direct quote is shown in quotation marks');

    // Copy citation copies it, and says so on the button and in the status line.
    const copy = reported.locator('button.copy');
    await copy.click();
    const citation = await reported.locator('.citation').innerText();
    // The button changes once the clipboard has taken the text (a promise the click does not wait for): wait for that.
    await reported.locator('button.copy[data-copied]').waitFor();
    t.equal(await copy.innerText(), 'copied');
    await page.waitForFunction(() => document.querySelector('#status')?.textContent?.startsWith('Copied'));
    t.equal(await page.locator('#status').innerText(), `Copied the citation to the clipboard: ${citation}`);
    t.equal(await page.evaluate(() => navigator.clipboard.readText()), citation, 'the clipboard holds the citation');
    const path = join(SCREENSHOTS, 'comparison-page.png');
    await page.screenshot({ path, fullPage: true });
    t.ok(statSync(path).size > 10_000, `screenshot of the matrix at ${path}`);

    // Every cell with a stance opens its evidence; none prints a stray "null" where it has no figures.
    const spoken = await page.locator('.cell:not(.stance-silent)').evaluateAll((cells) => cells.map((c) => [c.getAttribute('data-organisation') ?? '', c.getAttribute('data-theme') ?? '']));
    let withoutFigures = 0;
    for (const [organisation, theme] of spoken) {
      await cell(page, organisation!, theme!).click();
      await opened(page, `${organisation}/${theme}`);
      const text = await page.locator('#detail').innerText();
      t.notMatch(text, /\bnull\b|undefined/, `${organisation} × ${theme}: nothing printed from a missing value`);
      if (!/Figures cited/.test(text)) withoutFigures += 1;
    }
    t.ok(withoutFigures > 0, `${withoutFigures} of ${spoken.length} cells have no figures`);
    await rcpchFunding.click();
    await opened(page, 'rcpch/funding');
    t.equal(
      await page.locator('#detail .shift-detail').innerText(),
      'Its stance changed between events: neutral on The Independent Review of Children’s Social Care: final report (23 May 2022), then critical on Stable Homes, Built on Love (2 February 2023).',
    );

    await page.selectOption('#event', 'independent-review-2022');
    await page.waitForFunction(() => document.querySelectorAll('.cell.stance-silent').length === 18);
    await page.waitForFunction(() => document.querySelector('#status')?.textContent?.startsWith('Showing'));
    t.equal(await page.locator('#status').innerText(), 'Showing responses to The Independent Review of Children’s Social Care: final report (23 May 2022): 1 organisation spoke.', 'an event change is announced');
    t.equal(new URL(page.url()).search, '?event=independent-review-2022');
    t.same(errors, [], 'no script errors and nothing refused by the content security policy');
  });

  t.test('a shared link reopens the same view, event and cell; the keyboard opens and closes the evidence', async (t) => {
    const { page, errors } = await open('/?event=implementation-strategy-2023&cell=london-councils/funding');
    await opened(page, 'london-councils/funding');
    t.equal(await page.locator('#event').inputValue(), 'implementation-strategy-2023', 'the event is chosen again');
    t.equal(await cell(page, 'london-councils', 'funding').getAttribute('aria-expanded'), 'true');
    t.equal(await page.locator('#detail-title').innerText(), 'London Councils on Funding: mixed');
    t.ok(await page.locator('#detail-title').isVisible(), 'the evidence is in view');

    // Keyboard: Enter on a cell takes the focus to its evidence; Escape brings it back.
    await cell(page, 'ccn', 'early-help').focus();
    await page.keyboard.press('Enter');
    await opened(page, 'ccn/early-help');
    t.equal(await focused(page), 'detail-title', 'focus moves to the evidence heading');
    await page.keyboard.press('Tab');
    t.equal(await page.evaluate(() => document.activeElement?.textContent), 'Close', 'one Tab reaches Close');
    await page.keyboard.press('Escape');
    t.ok(await page.locator('#detail').isHidden(), 'Escape closes the evidence');
    t.equal(await focused(page, 'data-organisation'), 'ccn', 'and returns focus to the cell');
    t.equal(await focused(page, 'data-theme'), 'early-help');
    t.equal(await cell(page, 'ccn', 'early-help').getAttribute('aria-expanded'), 'false');
    t.equal(new URL(page.url()).search, '?event=implementation-strategy-2023', 'the closed cell leaves the address');
    await page.keyboard.press('Enter');
    await opened(page, 'ccn/early-help');
    await page.locator('#detail button.close').click();
    t.equal(await focused(page, 'data-theme'), 'early-help', 'Close returns focus to the cell too');

    // Each view has its own address.
    await page.click('.tab[data-view="figures"]');
    await page.waitForSelector('.measure');
    t.equal(new URL(page.url()).search, '?view=figures&event=implementation-strategy-2023');
    t.same(errors, []);
  });

  t.test('a link naming a cell or point that is not there opens the page as it is', async (t) => {
    for (const url of ['/?cell=a%22%5Dx%2Fb', '/?cell=nobody/funding&event=no-such-event', '/?view=timeline&organisation=nobody&point=x%22%5D/y']) {
      const { page, errors } = await open(url);
      await page.waitForSelector('body[data-ready]');
      t.ok(await page.locator('#detail').isHidden(), `${url}: no evidence opened`);
      t.same(errors, [], `${url}: no script error`);
    }
  });

  t.test('the matrix on a 375 px phone: no sideways scrolling, every theme named, the evidence brought into view', async (t) => {
    const { page } = await open('/', { width: 375, height: 740 });
    await page.waitForSelector('body[data-ready] .cell');
    t.equal(await page.evaluate(() => document.documentElement.scrollWidth), 375, 'no sideways scrolling of the page');
    const names = await page.locator('.cell .cell-theme').evaluateAll((spans) => spans.filter((s) => (s as HTMLElement).offsetWidth > 0).map((s) => s.textContent));
    t.equal(names.length, 20, 'every cell names its theme');
    t.same(names.slice(0, 4), ['Funding', 'Workforce', 'Early help', 'Kinship care']);
    const rights = await page.locator('.cell').evaluateAll((cells) => cells.map((c) => c.getBoundingClientRect().right));
    t.ok(Math.max(...rights) <= 375, `every cell within the screen (the rightmost ends at ${Math.round(Math.max(...rights))} px)`);
    await page.screenshot({ path: join(SCREENSHOTS, 'matrix-phone.png'), fullPage: true });
    await cell(page, 'rcpch', 'kinship').tap();
    await opened(page, 'rcpch/kinship');
    const top = await page.locator('#detail-title').evaluate((h) => h.getBoundingClientRect().top);
    t.ok(top >= 0 && top < 740, `a tap scrolls the evidence into view (its heading at ${Math.round(top)} px)`);
    await page.screenshot({ path: join(SCREENSHOTS, 'evidence-phone.png') });
  });

  t.test('figures as a chart on one scale, each bar opening its measure', async (t) => {
    const { page, errors } = await open('/?view=figures');
    await page.waitForSelector('#chart svg .bar');
    const bars = page.locator('#chart .bar');
    t.same(
      await bars.evaluateAll((links) => links.map((a) => a.getAttribute('aria-label'))),
      [
        '£2.6bn recommended: cited by CCN, RCPCH',
        '£2.1bn spending: cited by CCN',
        '£1.6bn shortfall: cited by LGA',
        '£200m committed: cited by CCN, RCPCH',
        '£200m overspend: cited by London Councils',
        '£45m committed: cited by DfE',
        '£200,000 cost: cited by Action for Children',
      ],
      'one bar per amount and what it measures, labelled with who cited it',
    );
    const widths = await page.locator('#chart .bar rect.ink').evaluateAll((rects) => rects.map((r) => Number(r.getAttribute('width'))));
    t.ok(Math.abs(widths[2]! / widths[0]! - 1.6 / 2.6) < 0.01, `one linear scale: £1.6bn is ${widths[2]} px to £2.6bn's ${widths[0]}`);
    t.equal(widths[6], 2, 'an amount too small to see is still drawn');
    await page.screenshot({ path: join(SCREENSHOTS, 'figures-chart.png'), fullPage: true });
    await bars.nth(2).click();
    t.equal(await focused(page), 'measure-gbp-shortfall-services-inflation-maintain-current', 'a bar opens the measure its amount belongs to');
    t.equal(new URL(page.url()).search, '?view=figures&measure=gbp-shortfall-services-inflation-maintain-current');
    t.same(await page.locator('#measure-gbp-shortfall-services-inflation-maintain-current tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-figure'))), ['6'], 'with its citation');
    t.same(errors, []);

    const phone = await open('/?view=figures', { width: 375, height: 740 });
    await phone.page.waitForSelector('#chart svg .bar');
    t.ok((await phone.page.evaluate(() => document.documentElement.scrollWidth)) <= 375, 'the chart fits a phone');
    const fontSize = await phone.page.locator('#chart .bar-label').first().evaluate((text) => (text as SVGTextElement).getBoundingClientRect().height);
    t.ok(fontSize >= 13, `its labels are drawn at their size, not shrunk (${Math.round(fontSize)} px high)`);
    await phone.page.screenshot({ path: join(SCREENSHOTS, 'figures-phone.png'), fullPage: true });
  });

  t.test('an organisation’s timeline as a picture, each point opening its evidence', async (t) => {
    const { page, errors } = await open('/?view=timeline&organisation=rcpch');
    await page.waitForSelector('#timeline svg .point');
    t.same(
      await page.locator('#timeline .point').evaluateAll((points) => points.map((p) => p.getAttribute('aria-label'))),
      [
        'Funding, The Independent Review of Children’s Social Care: final report (23 May 2022): neutral',
        'Funding, Stable Homes, Built on Love (2 February 2023): critical, was neutral',
        'Workforce, The Independent Review of Children’s Social Care: final report (23 May 2022): neutral',
        'Workforce, Stable Homes, Built on Love (2 February 2023): mixed, was neutral',
        'Early help, Stable Homes, Built on Love (2 February 2023): supportive',
        'Kinship care, Stable Homes, Built on Love (2 February 2023): supportive',
      ],
    );
    t.equal(await page.locator('#timeline .path.shifted').count(), 2, 'a dashed line where the stance changed');
    await page.screenshot({ path: join(SCREENSHOTS, 'timeline.png'), fullPage: true });
    await page.locator('#timeline .point[data-point="funding/implementation-strategy-2023"]').focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('#point')?.getAttribute('data-open') === 'funding/implementation-strategy-2023');
    t.equal(await focused(page), 'point-title');
    t.equal(new URL(page.url()).search, '?view=timeline&organisation=rcpch&point=funding%2Fimplementation-strategy-2023');
    t.match(await page.locator('#point .evidence').first().innerText(), /^“The intentions of this report are good, but we are appalled/);
    await page.keyboard.press('Escape');
    t.ok(await page.locator('#point').isHidden());
    t.equal(await focused(page, 'data-point'), 'funding/implementation-strategy-2023', 'Escape returns focus to the point');
    await page.selectOption('#organisation', 'lga');
    await page.waitForFunction(() => document.querySelectorAll('#timeline .point').length === 4);
    t.equal(new URL(page.url()).search, '?view=timeline&organisation=lga');
    t.same(errors, []);
  });

  t.test('a permalink opens the statement with the passage highlighted and in view; apps get JSON', async (t) => {
    const quotes = (await (await fetch(`${server.base}/v1/quotes?organisation=LGA&q=shortfall`)).json()) as { items: { text: string; permalink: string; citation: string }[] };
    const quote = quotes.items[0]!;
    t.equal(quote.permalink, `${server.base}/statements/3#char=4764,4969`, 'an absolute permalink');
    const json = await fetch(quote.permalink);
    t.equal(json.headers.get('content-type'), 'application/json; charset=utf-8', 'an app gets JSON');
    t.equal(((await json.json()) as { id: number }).id, 3);
    const link = new URL(quote.permalink);
    const { page, errors } = await open(`${link.pathname}${link.hash}`, { width: 1280, height: 800 });
    await page.waitForSelector('mark#highlight');
    t.equal(await page.locator('mark#highlight').innerText(), quote.text, 'exactly the passage is highlighted');
    const box = await page.locator('mark#highlight').boundingBox();
    t.ok(box && box.y >= 0 && box.y + box.height <= 800, 'and scrolled into view');
    t.equal(await focused(page), 'highlight', 'focus starts at the passage');
    t.equal(await page.title(), 'Local Government Association: Government strategy to fix children’s social care a "positive" first step, but more needs to be done, say councils · Stance');
    t.equal(await page.locator('#passage .citation').innerText(), quote.citation, 'with its citation');
    t.equal(await page.locator('#meta').innerText(), 'Local Government Lawyer, 3 February 2023, responding to Stable Homes, Built on Love (2 February 2023). Read the source');
    await page.screenshot({ path: join(SCREENSHOTS, 'statement-permalink.png') });
    // Another passage of the same statement, by its link on the page.
    const other = page.locator('#tags a[href^="#char="]').filter({ hasNotText: 'while helpful' }).first();
    const otherText = await other.innerText();
    t.not(otherText, quote.text);
    await other.click();
    await page.waitForFunction((text) => document.querySelector('mark#highlight')?.textContent === text, otherText);
    t.pass('a passage link on the page moves the highlight');
    const missing = await open('/statements/9999');
    await missing.page.waitForFunction(() => document.querySelector('#status')?.textContent?.startsWith('Could not'));
    t.equal(await missing.page.locator('#status').innerText(), "Could not load the statement: No statement with identifier '9999'");
    t.same(errors, []);
  });

  t.test('the page under another host name with the security headers in force; a message when the data fails', async (t) => {
    const base = server.base.replace('127.0.0.1', 'stance.test');
    const { page, errors, headers } = await open('/', { base });
    await page.waitForSelector('body[data-ready] .cell');
    t.equal(await page.locator('.cell').count(), 20, `the matrix renders at ${base}/`);
    t.same(errors, [], 'nothing refused, nothing complained of');
    t.match(headers['content-security-policy'], /script-src 'self'/, 'under the page’s content security policy');
    t.match(headers['strict-transport-security'], /max-age=/, 'with helmet’s full set');
    const failing = await open('/?view=matrix', { base });
    await failing.page.route('**/v1/compare/matrix*', (route) =>
      route.fulfill({ status: 503, contentType: 'application/problem+json', body: JSON.stringify({ title: 'Service unavailable', status: 503, detail: 'The service is overloaded' }) }),
    );
    await failing.page.reload();
    await failing.page.waitForSelector('#failure:not([hidden])');
    t.equal(await failing.page.locator('#failure').innerText(), 'Could not load the data: The service is overloaded. Reload the page to try again; the API itself is at /v1.');
    t.equal(await failing.page.locator('#failure').getAttribute('role'), 'alert');
  });

  t.test('axe-core finds no WCAG 2.1 AA violation in any view at 375 and 1280 px', async (t) => {
    for (const width of [375, 1280]) {
      const { page } = await open('/', { width });
      await page.waitForSelector('body[data-ready] .cell');
      t.same(await axe(page), [], `${width} px: the matrix at load`);
      await cell(page, 'lga', 'funding').click();
      await opened(page, 'lga/funding');
      await page.locator('#detail button.copy').first().click();
      await page.waitForFunction(() => document.querySelector('#status')?.textContent !== '');
      t.same(await axe(page), [], `${width} px: with evidence open and a copy announced`);
      await page.click('.tab[data-view="figures"]');
      await page.waitForSelector('#chart svg .bar');
      t.same(await axe(page), [], `${width} px: the figures`);
      await page.click('.tab[data-view="timeline"]');
      await page.waitForSelector('#timeline svg .point');
      await page.locator('#timeline .point').first().click();
      await page.waitForSelector('#point:not([hidden]) .evidence');
      t.same(await axe(page), [], `${width} px: the timeline with a point open`);
      const statement = await open('/statements/1#char=2123,2355', { width });
      await statement.page.waitForSelector('mark#highlight');
      t.same(await axe(statement.page), [], `${width} px: a statement page`);
    }
  });

  t.test('Swagger UI: Try it out on /v1/compare', async (t) => {
    const page = await browser.newPage({ viewport: { width: 1300, height: 1000 } });
    const refused: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) refused.push(message.text());
    });
    await page.goto(`${server.base}/docs`);
    await page.waitForSelector('.opblock');
    const operation = page.locator('#operations-compare-compareTheme');
    await operation.locator('.opblock-summary').click();
    await operation.locator('input[placeholder="theme"]').fill('funding');
    await operation.getByRole('button', { name: 'Execute' }).click();
    const status = operation.locator('.live-responses-table tbody .response-col_status').first();
    await status.waitFor();
    t.equal((await status.innerText()).trim(), '200');
    // Only what the user typed is sent, and the page size's default: no optional filter comes pre-filled with an example.
    t.equal((await operation.locator('.request-url pre').innerText()).trim(), `${server.base}/v1/compare?theme=funding&limit=20`);
    const body = JSON.parse(await operation.locator('.live-responses-table .response-col_description .microlight').first().innerText());
    t.same(
      body.organisations.map((o: { organisation: { slug: string } }) => o.organisation.slug).sort(),
      ['action-for-children', 'ccn', 'lga', 'london-councils', 'rcpch'],
      'all five organisations are compared',
    );
    await page.screenshot({ path: join(SCREENSHOTS, 'swagger-try-it-out.png') });
    t.same(refused, [], 'nothing in Swagger UI refused by the content security policy');
  });

  t.test('stance shifts: a marker on the matrix cell and in the timeline, each opening both sides with their citations', async (t) => {
    const { page, errors } = await open('/');
    await page.waitForSelector('body[data-ready] .cell');
    const markers = page.locator('#matrix .shift-marker');
    t.same(
      await markers.evaluateAll((links) => links.map((a) => [a.getAttribute('data-organisation'), a.getAttribute('data-theme'), a.textContent, a.getAttribute('title'), a.getAttribute('href')])),
      [
        ['rcpch', 'funding', 'shift: hardened, Royal College of Paediatrics and Child Health on Funding: neutral (23 May 2022) → critical (2 February 2023)', 'neutral (23 May 2022) → critical (2 February 2023)', '?view=shifts&shift=rcpch%2Ffunding%2F1'],
        ['rcpch', 'workforce', 'shift: changed, Royal College of Paediatrics and Child Health on Workforce: neutral (23 May 2022) → mixed (2 February 2023)', 'neutral (23 May 2022) → mixed (2 February 2023)', '?view=shifts&shift=rcpch%2Fworkforce%2F1'],
      ],
      'a marker, in words, on the two cells whose stance changed, its title giving both stances and dates',
    );
    t.equal(await page.locator('td:has(.cell[data-organisation="lga"][data-theme="funding"]) .shift-marker').count(), 0, 'none on a cell without a shift (LGA on funding)');
    t.equal(await page.locator('td:has(.cell[data-organisation="rcpch"][data-theme="kinship"]) .shift-marker').count(), 0, 'nor on RCPCH’s kinship cell (one statement)');
    t.ok(await page.locator('td:has(.cell[data-organisation="rcpch"][data-theme="funding"]) .shift-marker').isVisible(), 'the RCPCH funding cell’s marker is shown');

    await markers.first().click();
    await page.waitForFunction(() => document.querySelector('#shifts')?.getAttribute('data-open') === 'rcpch/funding/1');
    t.equal(new URL(page.url()).search, '?view=shifts&shift=rcpch%2Ffunding%2F1', 'the shift is in the address');
    t.equal(await focused(page), 'shift-rcpch-funding-1', 'focus moves to the shift');
    t.equal(await page.locator('.shift-card').count(), 2);
    const card = page.locator('#shift-rcpch-funding-1');
    t.equal(await card.locator('h3').innerText(), 'Royal College of Paediatrics and Child Health on Funding: hardened');
    t.equal(await card.locator('.shift-line').innerText(), 'neutral (23 May 2022) → critical (2 February 2023)');
    t.same(await card.locator('.side h4').allInnerTexts(), ['Before: neutral, 23 May 2022', 'After: critical, 2 February 2023']);
    t.same(await card.locator('.side .meta').allInnerTexts(), [
      'Responding to The Independent Review of Children’s Social Care: final report (23 May 2022)',
      'Responding to Stable Homes, Built on Love (2 February 2023)',
    ]);
    const citations = await card.locator('.citation').allInnerTexts();
    t.equal(citations.length, 3, 'one piece of evidence before, two after');
    t.match(citations[0], /^Dr Alison Steele, Officer for Child Protection, Royal College of Paediatrics and Child Health, in “RCPCH responds to the Independent Review of Children's Social Care”, Royal College of Paediatrics and Child Health, 23 May 2022, https:/);
    t.match(citations[1], /^Dr Camilla Kingdon, President, Royal College of Paediatrics and Child Health, in “RCPCH responds to Social Care Review Implementation Strategy”, Royal College of Paediatrics and Child Health, 2 February 2023, https:/);
    t.same(await card.locator('a.passage-link').evaluateAll((links) => links.map((a) => a.getAttribute('href'))), ['/statements/2#char=1862,2079', '/statements/1#char=2123,2355', '/statements/1#char=2521,2647']);
    await page.screenshot({ path: join(SCREENSHOTS, 'shifts.png'), fullPage: true });
    t.same(await axe(page), [], 'axe: the shifts view');

    // A shared link reopens the same shift.
    const shared = await open('/?view=shifts&shift=rcpch/workforce/1');
    await shared.page.waitForFunction(() => document.querySelector('#shifts')?.getAttribute('data-open') === 'rcpch/workforce/1');
    t.equal(await shared.page.locator('#shift-rcpch-workforce-1 h3').innerText(), 'Royal College of Paediatrics and Child Health on Workforce: changed');

    // The timeline marks the point where the stance changed, and links to the shift.
    const timeline = await open('/?view=timeline&organisation=rcpch');
    await timeline.page.waitForSelector('#timeline svg .point');
    const points = timeline.page.locator('#timeline .shift-marker');
    t.same(await points.evaluateAll((links) => links.map((a) => [a.getAttribute('aria-label'), a.querySelector('.shift-label')?.textContent])), [
      ['Shift on Funding: neutral (23 May 2022) → critical (2 February 2023), hardened', 'shift: hardened'],
      ['Shift on Workforce: neutral (23 May 2022) → mixed (2 February 2023), changed', 'shift: changed'],
    ], 'a marker, in words, where the stance changed');
    t.same(await timeline.page.locator('#timeline .shift-marker').evaluateAll((links) => links.map((a) => a.getAttribute('data-shift'))), ['rcpch/funding/1', 'rcpch/workforce/1']);
    await timeline.page.locator('#timeline .point[data-point="funding/implementation-strategy-2023"]').focus();
    await timeline.page.keyboard.press('Enter');
    await timeline.page.waitForSelector('#point:not([hidden]) .shift-link');
    t.equal(await timeline.page.locator('#point .shift-link').innerText(), 'Its stance shifted here (hardened): neutral (23 May 2022) → critical (2 February 2023)');
    await timeline.page.screenshot({ path: join(SCREENSHOTS, 'timeline-shifts.png'), fullPage: true });
    t.same(await axe(timeline.page), [], 'axe: the timeline with its shift markers');
    await points.nth(1).click();
    await timeline.page.waitForFunction(() => document.querySelector('#shifts')?.getAttribute('data-open') === 'rcpch/workforce/1');
    t.equal(new URL(timeline.page.url()).search, '?view=shifts&shift=rcpch%2Fworkforce%2F1');
    const lga = await open('/?view=timeline&organisation=lga');
    await lga.page.waitForSelector('#timeline svg .point');
    t.equal(await lga.page.locator('#timeline .shift-marker').count(), 0, 'no marker for an organisation whose stance never changed');
    t.same([...errors, ...shared.errors, ...timeline.errors, ...lga.errors], [], 'no script errors and nothing refused by the content security policy');
  });

  t.test('the asks ledger: who shares each ask, whose words, what became of it, filters and an address that reopens a group', async (t) => {
    type Ask = { id: number; voice: string; text: string; citation: string; permalink: string };
    const ledger = (await (await fetch(`${server.base}/v1/asks?limit=100`)).json()) as { groups: { key: string; asks: Ask[] }[] };
    const asks = ledger.groups.flatMap((group) => group.asks);
    const { page, errors } = await open('/?view=asks');
    await page.waitForSelector('body[data-ready] .ask-group');
    t.equal(await page.locator('.tab[data-view="asks"]').getAttribute('aria-pressed'), 'true');
    const groups = () => page.locator('.ask-group').evaluateAll((cards) => cards.map((c) => c.getAttribute('data-group')));
    t.same(await groups(), ['ask-2', 'ask-4', 'ask-3', 'ask-8', 'ask-9', 'ask-10'], 'one card per group, in the API’s order (most organisations first)');
    t.equal(await page.locator('#asks-total').innerText(), '6 groups of asks (13 asks), most organisations first.');
    const first = page.locator('.ask-group').first();
    t.equal(await first.locator('h3').innerText(), '4 organisations ask the government for funding, citing £2.6bn', 'the label as heading');
    t.equal(await first.locator('.meta').innerText(), 'Funding · asked of the government · 5 asks', 'theme and target');
    t.equal(await first.locator('.organisations .chips-label').innerText(), 'Shared by 4 organisations:');
    t.same(await first.locator('.organisations .chip').allInnerTexts(), ['CCN', 'LGA', 'London Councils', 'RCPCH'], 'who shares it');
    t.same(await first.locator('.figures .chip').allInnerTexts(), ['£2.6bn'], 'the amounts cited');
    t.equal(await first.locator(':scope > .outcome').innerText(), 'Outcome: no outcome yet', 'no outcome yet, in words');
    t.equal(await first.locator('.outcome-note').innerText(), 'The group’s outcome is the newest recorded on any of its asks.');
    t.same(await first.locator('.ask').evaluateAll((items) => items.map((li) => li.getAttribute('data-ask'))), ['2', '1', '5', '6', '13'], 'each member, oldest first');

    // Quotation marks for a direct quote only; the seed's other asks are organisations' own text (none is reported speech).
    const voices = await page.locator('.ask').evaluateAll((items) => items.map((li) => [Number(li.getAttribute('data-ask')), li.getAttribute('data-voice')]));
    t.same(voices, asks.map((ask) => [ask.id, ask.voice]), 'every ask of the ledger, with its voice');
    t.same([...new Set(asks.map((ask) => ask.voice))].sort(), ['direct', 'own'], 'the seed has direct quotes and own text');
    const direct = page.locator('.ask[data-ask="13"]');
    t.equal(await direct.locator('h4').innerText(), 'County Councils Network, 2 February 2023');
    t.equal(await direct.locator('.asked').innerText(), 'Asks the government: increase the funding allocated for these reforms in line with the recommended £2.6bn by the end of 2026/27');
    t.equal(await direct.locator('blockquote.words p').innerText(), '“we urge government to increase the funding allocated for these reforms in line with the recommended £2.6bn by the end of 2026/27”', 'a direct quote in quotation marks');
    t.equal(await direct.locator('.who').innerText(), 'Cllr Keith Glazier, Children’s Social Care Spokesperson, County Councils Network · responding to Stable Homes, Built on Love (2 February 2023)', 'speaker, event and date');
    t.equal(await direct.locator('.citation').innerText(), asks.find((ask) => ask.id === 13)!.citation);
    t.match(await direct.locator('.citation').innerText(), /^Cllr Keith Glazier, Children’s Social Care Spokesperson, County Councils Network, in “Government reforms for children’s social care put forward: CCN response”, County Councils Network, 2 February 2023, https:/);
    t.equal(await direct.locator('a.passage-link').getAttribute('href'), '/statements/7#char=2370,2498', 'the permalink');
    const own = page.locator('.ask[data-ask="7"]');
    t.equal(await own.locator('blockquote').count(), 0, 'own text is not dressed as a quotation');
    t.equal(await own.locator('p.words').innerText(), 'children need action now', 'no quotation marks added');
    t.equal(await own.locator('.who').innerText(), 'Action for Children’s own statement · responding to Stable Homes, Built on Love (2 February 2023)');
    const unquoted = await page.locator('.ask:not([data-voice="direct"]) .words').allInnerTexts();
    t.equal(unquoted.length, asks.filter((ask) => ask.voice !== 'direct').length);
    t.same(unquoted.filter((text) => /^[“"]/.test(text)), [], 'no ask that is not a direct quote is in quotation marks');
    const quoted = await page.locator('.ask[data-voice="direct"] .words').allInnerTexts();
    t.same(quoted.filter((text) => !/^“.*”$/s.test(text)), [], 'every direct quote is');
    t.equal(await page.locator('.ask details').count(), 0, 'no outcome history where there is no outcome');
    await page.screenshot({ path: join(SCREENSHOTS, 'asks.png'), fullPage: true });
    t.same(await axe(page), [], 'axe: the asks view');

    // The permalink opens the statement with the ask highlighted.
    await direct.locator('a.passage-link').click();
    await page.waitForSelector('mark#highlight');
    t.equal(await page.locator('mark#highlight').innerText(), 'we urge government to increase the funding allocated for these reforms in line with the recommended £2.6bn by the end of 2026/27');
    await page.goBack();
    await page.waitForSelector('body[data-ready] .ask-group');

    // Filters: each in the address; the event is the page's own choice.
    await page.focus('#asks-organisation');
    await page.selectOption('#asks-organisation', 'lga');
    await page.waitForFunction(() => document.querySelectorAll('.ask-group').length === 2);
    t.same(await groups(), ['ask-2', 'ask-4'], 'groups in which LGA asks, shown whole');
    t.equal(new URL(page.url()).search, '?view=asks&organisation=lga');
    await page.waitForFunction(() => document.querySelector('#status')?.textContent !== '');
    t.equal(await page.locator('#status').innerText(), 'Showing 2 groups of asks.', 'the change is announced');
    t.equal(await focused(page), 'asks-organisation', 'the focus stays on the filter');
    await page.fill('#asks-q', '£2.6bn');
    await page.press('#asks-q', 'Enter');
    await page.waitForFunction(() => document.querySelectorAll('.ask-group').length === 1);
    t.equal(new URL(page.url()).search, '?view=asks&organisation=lga&q=%C2%A32.6bn');
    t.equal(await page.locator('#asks-total').innerText(), '1 group of asks (5 asks) matching these filters, most organisations first.');
    await page.selectOption('#asks-theme', 'kinship');
    await page.waitForSelector('#asks .notice');
    t.equal(await page.locator('#asks .notice').innerText(), 'No group of asks matches these filters.');
    t.equal(new URL(page.url()).search, '?view=asks&organisation=lga&theme=kinship&q=%C2%A32.6bn');
    await page.click('#asks-clear');
    await page.waitForFunction(() => document.querySelectorAll('.ask-group').length === 6);
    t.equal(new URL(page.url()).search, '?view=asks', 'Clear filters empties the address of them');
    t.equal(await page.locator('#asks-q').inputValue(), '');
    await page.selectOption('#event', 'independent-review-2022');
    await page.waitForFunction(() => document.querySelectorAll('.ask-group').length === 2);
    t.same(await groups(), ['ask-2', 'ask-3'], 'the page’s event choice filters the asks');
    t.equal(new URL(page.url()).search, '?view=asks&event=independent-review-2022');
    await page.selectOption('#asks-target', 'government');
    await page.selectOption('#asks-outcome', 'none');
    await page.waitForFunction(() => new URL(location.href).searchParams.get('outcome') === 'none');
    t.equal(new URL(page.url()).search, '?view=asks&event=independent-review-2022&target=government&outcome=none');

    // A group's link is its address, with the filters in force; the address reopens it.
    await page.locator('.ask-group[data-group="ask-3"] .group-link a').click();
    t.equal(new URL(page.url()).search, '?view=asks&event=independent-review-2022&target=government&outcome=none&ask=ask-3');
    t.equal(await focused(page), 'asks-ask-3', 'focus moves to the group');
    t.equal(await page.locator('#asks').getAttribute('data-open'), 'ask-3');
    const shared = await open('/?view=asks&organisation=lga&ask=ask-4');
    await shared.page.waitForFunction(() => document.querySelector('#asks')?.getAttribute('data-open') === 'ask-4');
    t.equal(await shared.page.locator('#asks-organisation').inputValue(), 'lga', 'the filter is chosen again');
    t.equal(await focused(shared.page), 'asks-ask-4');
    t.equal(await shared.page.locator('#asks-ask-4 h3').innerText(), '3 organisations ask the government for action');
    t.equal(await shared.page.locator('#asks-ask-4').getAttribute('aria-current'), 'true');
    t.ok(await shared.page.locator('#asks-ask-4 h3').isVisible(), 'the group is in view');
    for (const url of ['/?view=asks&organisation=nobody&theme=none&outcome=maybe&ask=x%22%5D', `/?view=asks&q=${'x'.repeat(201)}&ask=ask-999`]) {
      const odd = await open(url);
      await odd.page.waitForSelector('body[data-ready] .ask-group');
      t.equal(await odd.page.locator('.ask-group').count(), 6, `${url}: the ledger as it is, the unknown filters dropped`);
      t.equal(new URL(odd.page.url()).search, '?view=asks');
      t.same(odd.errors, [], `${url}: no script error`);
    }

    // An editor records an outcome: the group's badge and the ask say it, in words, with its date and source.
    const db = await server.open();
    const key = await createKey(db, 'browser-asks-editor', ['write']);
    await db.close();
    const recorded = await fetch(`${server.base}/v1/asks/13/outcomes`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ outcome: 'partly met', sourceUrl: 'https://www.gov.uk/government/news/example', decidedOn: '2023-11-22', note: '£160m more, against the £2.6bn asked for.' }),
    });
    t.equal(recorded.status, 201);
    const recordedOn = new Date(((await recorded.json()) as { outcome: { recordedAt: string } }).outcome.recordedAt);
    const recordedDay = recordedOn.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
    const after = await open('/?view=asks&ask=ask-2');
    const requests: string[] = [];
    after.page.on('request', (request) => requests.push(new URL(request.url()).pathname));
    await after.page.waitForFunction(() => document.querySelector('#asks')?.getAttribute('data-open') === 'ask-2');
    const group = after.page.locator('#asks-ask-2');
    t.equal(await group.locator(':scope > .outcome').innerText(), 'Outcome: partly met, decided 22 November 2023 · the source: www.gov.uk · £160m more, against the £2.6bn asked for.', 'the group’s outcome');
    t.equal(await group.locator(':scope > .outcome .badge').getAttribute('class'), 'badge outcome-partly-met');
    t.equal(await group.locator(':scope > .outcome a').getAttribute('href'), 'https://www.gov.uk/government/news/example', 'linking to its source');
    t.equal(await group.locator('.outcome-note').innerText(), 'The group’s outcome is the newest recorded on any of its asks: this one on CCN’s ask of 2 February 2023.');
    t.equal(await group.locator('.ask[data-ask="13"] .outcome').innerText(), 'This ask: partly met, decided 22 November 2023 · the source: www.gov.uk · £160m more, against the £2.6bn asked for.');
    t.equal(await group.locator('.ask details').count(), 1, 'a history only on the ask with an outcome');
    t.same(requests.filter((path) => path.startsWith('/v1/asks/')), [], 'the history is not read before it is opened');
    await group.locator('.ask[data-ask="13"] details summary').click();
    await after.page.waitForSelector('.ask[data-ask="13"] details[data-loaded]');
    t.same(await group.locator('.ask[data-ask="13"] .history-list li').allInnerTexts(), [
      `partly met, decided 22 November 2023, recorded ${recordedDay} · the source: www.gov.uk · £160m more, against the £2.6bn asked for.`,
    ]);
    await group.locator('.ask[data-ask="13"] details summary').click();
    await group.locator('.ask[data-ask="13"] details summary').click();
    t.same(requests.filter((path) => path.startsWith('/v1/asks/')), ['/v1/asks/13'], 'one request, when first opened');
    await after.page.screenshot({ path: join(SCREENSHOTS, 'asks-outcome.png'), fullPage: true });
    t.same(await axe(after.page), [], 'axe: an outcome and its history shown');
    await after.page.selectOption('#asks-outcome', 'partly met');
    await after.page.waitForFunction(() => document.querySelectorAll('.ask-group').length === 1);
    t.equal(new URL(after.page.url()).search, '?view=asks&outcome=partly+met');
    await after.page.selectOption('#asks-outcome', 'none');
    await after.page.waitForFunction(() => document.querySelectorAll('.ask-group').length === 5);
    t.notOk(await after.page.locator('.ask-group[data-group="ask-2"]').count(), 'no longer among the groups with no outcome');

    // A phone: no sideways scrolling, nothing for axe.
    const phone = await open('/?view=asks&ask=ask-2', { width: 375, height: 740 });
    await phone.page.waitForFunction(() => document.querySelector('#asks')?.getAttribute('data-open') === 'ask-2');
    t.equal(await phone.page.evaluate(() => document.documentElement.scrollWidth), 375, 'no sideways scrolling on a 375 px phone');
    await phone.page.screenshot({ path: join(SCREENSHOTS, 'asks-phone.png'), fullPage: true });
    t.same(await axe(phone.page), [], 'axe: the asks view at 375 px');
    t.same([...errors, ...shared.errors, ...after.errors, ...phone.errors], [], 'no script errors and nothing refused by the content security policy');
  });

  t.test('figures reconciled: each measure across organisations, a disagreement flagged in words, filters and an address that reopens a card', async (t) => {
    type Citation = { id: number; context: string; citation: string };
    type Group = { key: string; organisations: { organisation: { slug: string }; citations: Citation[] }[] };
    const before = (await (await fetch(`${server.base}/v1/figures/measures?limit=100`)).json()) as { items: Group[]; total: number };
    const { page, errors } = await open('/?view=figures');
    await page.waitForSelector('body[data-ready] .measure');
    const cards = (on = page) => on.locator('.measure').evaluateAll((articles) => articles.map((a) => a.getAttribute('data-measure')));
    t.equal(before.total, 20);
    t.same(await cards(), before.items.map((group) => group.key), 'one card per measure, in the API’s order');
    t.equal(await page.locator('#measures-total').innerText(), '20 measures, money first, largest first; none with a disagreement.');
    t.equal(await page.locator('#figures-csv').getAttribute('href'), '/v1/figures/measures?format=csv', 'a CSV link for the measures shown');

    // The review's £2.6bn: RCPCH and CCN give the same value, each on its own period, with no badge.
    const review = page.locator('#measure-gbp-recommended-independent-review-reform');
    t.equal(await review.locator('h4').innerText(), 'funding the Independent Review said the reform needs (GBP)', 'label and unit as heading');
    t.equal(await review.locator('.meta').innerText(), 'recommended · Funding · 2 organisations, 2 figures', 'category, themes, how many');
    t.equal(await review.locator('.disagreement').count(), 0, 'no disagreement badge where the values agree');
    t.equal(await review.locator('.verdict').innerText(), '2 organisations give the same value.');
    t.equal(await review.locator('caption').textContent(), 'Each organisation’s figures for funding the Independent Review said the reform needs', 'a caption for the table');
    t.same(await review.locator('thead th').evaluateAll((cells) => cells.map((th) => [th.textContent, th.getAttribute('scope')])), [
      ['Organisation', 'col'],
      ['Value', 'col'],
      ['Period', 'col'],
      ['As written', 'col'],
      ['What they say it measures', 'col'],
      ['Source', 'col'],
    ]);
    const rows = (card: Locator) =>
      card.locator('tbody tr').evaluateAll((trs) =>
        trs.map((tr) => [
          tr.querySelector('th[scope="row"]')?.textContent,
          ...[...tr.querySelectorAll('td')].slice(0, 4).map((td) => td.textContent),
          tr.querySelector('a.passage-link')?.getAttribute('href'),
        ]),
      );
    t.same(await rows(review), [
      ['County Councils Network', '£2.6bn', 'by 2026/27', '£2.6bn', 'funding the Independent Review recommended for the reforms', '/statements/7#char=2470,2476'],
      ['Royal College of Paediatrics and Child Health', '£2.6bn', 'not stated', '£2.6bn', 'funding the Independent Review said the reform needs', '/statements/1#char=2260,2266'],
    ], 'organisation, value, period, the figure as written, what they say it measures, and the passage');
    const rcpch = before.items.find((group) => group.key === 'gbp-recommended-independent-review-reform')!.organisations.find((o) => o.organisation.slug === 'rcpch')!.citations[0]!;
    const rcpchRow = review.locator('tbody tr[data-organisation="rcpch"]');
    t.notOk(await rcpchRow.locator('.sentence .context').isVisible(), 'the sentence is folded away');
    await rcpchRow.locator('.sentence summary').click();
    t.equal(await rcpchRow.locator('.sentence .context').innerText(), rcpch.context, 'and there when opened');
    t.equal(await rcpchRow.locator('.sentence .citation').innerText(), rcpch.citation, 'with the citation');
    await page.screenshot({ path: join(SCREENSHOTS, 'figures-measures.png'), fullPage: true });
    t.same(await axe(page), [], 'axe: the measures, a sentence open');
    await rcpchRow.locator('a.passage-link').click();
    await page.waitForSelector('mark#highlight');
    t.equal(await page.locator('mark#highlight').innerText(), '£2.6bn', 'the citation link opens the statement with the figure highlighted');

    // Another organisation gives another value for the yearly shortfall: the card says so, in words, with the spread.
    const db = await server.open();
    const key = await createKey(db, 'browser-figures-writer', ['write']);
    await db.close();
    const name = "Northshire Children's Alliance";
    const sentence = "Councils face a shortfall of £2bn a year in children's services, and this strategy does nothing to close it";
    const posted = await fetch(`${server.base}/v1/statements`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        text: `${name} responds to the children's social care strategy\n\n"${sentence}," said Jo Reed, director of the ${name}.`,
        organisation: { name, kind: 'charity' },
        event: 'implementation-strategy-2023',
        date: '2023-02-06',
        url: 'https://example.org/northshire/response',
        title: `${name} responds`,
      }),
    });
    t.equal(posted.status, 201);
    const stored = (await posted.json()) as { id: number; text: string };
    const at = stored.text.indexOf('£2bn');
    const SHORTFALL = 'gbp-shortfall-services-inflation-maintain-current';
    const after = await open('/?view=figures');
    await after.page.waitForSelector('body[data-ready] .measure');
    t.equal(await after.page.locator('#measures-total').innerText(), '20 measures, money first, largest first; 1 with a disagreement.');
    const shortfall = after.page.locator(`#measure-${SHORTFALL}`);
    t.equal(await shortfall.locator('.disagreement').innerText(), 'Organisations disagree: £1.6bn to £2bn per year (×1.25)', 'the badge, in words');
    t.equal(await shortfall.locator('.disagreement .badge').getAttribute('class'), 'badge disagree');
    t.equal(await shortfall.locator('.verdict').innerText(), '2 organisations give different values per year: £1.6bn to £2bn.');
    t.equal(await shortfall.getAttribute('data-verdict'), 'values-differ');
    t.same(await rows(shortfall), [
      ['Local Government Association', '£1.6bn', 'per year', '£1.6 billion', 'yearly funding shortfall in children’s services, estimated before inflation, just to maintain current service levels', '/statements/3#char=4852,4864'],
      ["Northshire Children's Alliance", '£2bn', 'per year', '£2bn', 'shortfall', `/statements/${stored.id}#char=${at},${at + 4}`],
    ], 'both organisations’ figures side by side');
    t.equal(await after.page.locator('.disagreement').count(), 1, 'the only badge');
    await after.page.screenshot({ path: join(SCREENSHOTS, 'figures-disagreement.png'), fullPage: true });

    // Only disagreements: one card; the toggle in the address and announced; the CSV link follows.
    await after.page.check('#figures-disagreement');
    await after.page.waitForFunction(() => document.querySelectorAll('.measure').length === 1);
    t.same(await cards(after.page), [SHORTFALL]);
    t.equal(new URL(after.page.url()).search, '?view=figures&disagreement=true');
    await after.page.waitForFunction(() => document.querySelector('#status')?.textContent !== '');
    t.equal(await after.page.locator('#status').innerText(), 'Showing 1 measure.', 'the change is announced');
    t.equal(await focused(after.page), 'figures-disagreement', 'the focus stays on the toggle');
    t.equal(await after.page.locator('#measures-total').innerText(), '1 measure matching these filters, money first, largest first; 1 with a disagreement.');
    const csvHref = await after.page.locator('#figures-csv').getAttribute('href');
    t.equal(csvHref, '/v1/figures/measures?disagreement=true&format=csv');
    const csv = await fetch(`${server.base}${csvHref}`);
    t.equal(csv.headers.get('content-type'), 'text/csv; charset=utf-8');
    const csvRows = parse(await csv.text(), { columns: true, bom: true }) as Record<string, string>[];
    t.same(csvRows.map((r) => [r.key, r.organisation, r.figure, r.period, r.spread]), [
      [SHORTFALL, 'Local Government Association', '£1.6bn', 'per year', '£1.6bn to £2bn (per year)'],
      [SHORTFALL, "Northshire Children's Alliance", '£2bn', 'per year', '£1.6bn to £2bn (per year)'],
    ], 'the CSV holds that measure’s two figures');

    // A card's link is its address, with the filters in force; the address reopens it.
    await after.page.locator(`#measure-${SHORTFALL} .group-link a`).first().click();
    t.equal(new URL(after.page.url()).search, `?view=figures&disagreement=true&measure=${SHORTFALL}`);
    t.equal(await focused(after.page), `measure-${SHORTFALL}`, 'focus moves to the card');
    const shared = await open(`/?view=figures&disagreement=true&measure=${SHORTFALL}`);
    await shared.page.waitForFunction((k) => document.querySelector('#measures')?.getAttribute('data-open') === k, SHORTFALL);
    t.ok(await shared.page.locator('#figures-disagreement').isChecked(), 'the toggle is set again');
    t.equal(await focused(shared.page), `measure-${SHORTFALL}`);
    t.equal(await shared.page.locator(`#measure-${SHORTFALL}`).getAttribute('aria-current'), 'true');
    t.ok(await shared.page.locator(`#measure-${SHORTFALL} .disagreement`).isVisible(), 'the card is in view with its badge');

    // The other filters, each in the address; Clear empties it of them.
    await shared.page.selectOption('#figures-unit', 'children');
    await shared.page.waitForSelector('#measures .notice');
    t.equal(await shared.page.locator('#measures .notice').innerText(), 'No measure matches these filters.');
    t.equal(new URL(shared.page.url()).search, '?view=figures&disagreement=true&unit=children');
    await shared.page.click('#figures-clear');
    await shared.page.waitForFunction(() => document.querySelectorAll('.measure').length === 20);
    t.equal(new URL(shared.page.url()).search, '?view=figures');
    t.notOk(await shared.page.locator('#figures-disagreement').isChecked());
    await shared.page.selectOption('#figures-organisation', 'lga');
    await shared.page.waitForFunction(() => document.querySelectorAll('.measure').length === 1);
    await shared.page.selectOption('#figures-theme', 'funding');
    await shared.page.fill('#figures-q', 'shortfall');
    await shared.page.press('#figures-q', 'Enter');
    await shared.page.waitForFunction(() => new URL(location.href).searchParams.get('q') === 'shortfall');
    await shared.page.waitForFunction(() => document.querySelectorAll('.measure').length === 1);
    t.same(await cards(shared.page), [SHORTFALL], 'LGA’s measures on funding about a shortfall, shown whole');
    t.equal(new URL(shared.page.url()).search, '?view=figures&theme=funding&organisation=lga&q=shortfall');
    t.equal(await shared.page.locator(`#measure-${SHORTFALL} tbody tr`).count(), 2, 'with the other organisation’s figure too');
    // A bar of the chart opens its measure, clearing the filters that hide it.
    await shared.page.locator('#chart .bar[data-measure="gbp-cost-average-providing-home"]').click();
    await shared.page.waitForFunction(() => document.querySelector('#measures')?.getAttribute('data-open') === 'gbp-cost-average-providing-home');
    t.equal(new URL(shared.page.url()).search, '?view=figures&measure=gbp-cost-average-providing-home');
    t.equal(await shared.page.locator('.measure').count(), 20);
    const odd = await open(`/?view=figures&disagreement=yes&theme=none&organisation=nobody&unit=%22&q=${'x'.repeat(201)}&measure=x%22%5D`);
    await odd.page.waitForSelector('body[data-ready] .measure');
    t.equal(await odd.page.locator('.measure').count(), 20, 'an odd address: the measures as they are, the unknown filters dropped');
    t.equal(new URL(odd.page.url()).search, '?view=figures');

    // A phone: the table reflows, each value named by its column; no sideways scrolling; nothing for axe.
    const phone = await open(`/?view=figures&measure=${SHORTFALL}`, { width: 375, height: 740 });
    await phone.page.waitForFunction((k) => document.querySelector('#measures')?.getAttribute('data-open') === k, SHORTFALL);
    t.equal(await phone.page.evaluate(() => document.documentElement.scrollWidth), 375, 'no sideways scrolling on a 375 px phone');
    const rights = await phone.page.locator('.measure-table td').evaluateAll((cells) => cells.map((td) => td.getBoundingClientRect().right));
    t.ok(Math.max(...rights) <= 375, `every cell within the screen (the rightmost ends at ${Math.round(Math.max(...rights))} px)`);
    await phone.page.screenshot({ path: join(SCREENSHOTS, 'figures-measures-phone.png'), fullPage: true });
    t.same(await axe(phone.page), [], 'axe: the measures at 375 px, a disagreement shown');
    t.same([...errors, ...after.errors, ...shared.errors, ...odd.errors, ...phone.errors], [], 'no script errors and nothing refused by the content security policy');
  });

  // Last: it adds a statement to the server's database.
  t.test('machine-tagged cells are marked, and the legend says what that means', async (t) => {
    const db = await server.open();
    const key = await createKey(db, 'browser-writer', ['write']);
    await db.close();
    const created = await fetch(`${server.base}/v1/statements`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify(pressRelease(5)),
    });
    t.equal(created.status, 201);
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    await page.goto(`${server.base}/`);
    await page.waitForSelector('.cell[data-organisation="test-trust-5"]');
    t.match(await page.locator('.legend .machine-legend').innerText(), /^machine-tagged found by the analyser and not yet checked by an editor/);
    const funding = page.locator('.cell[data-organisation="test-trust-5"][data-theme="funding"]');
    t.equal(await funding.locator('.machine').innerText(), 'machine-tagged');
    t.match(await funding.evaluate((b) => b.textContent), /^Funding\w+, 1 statement, machine-tagged, Test Trust 5 on Funding$/, 'its accessible name says so');
    t.equal(await page.locator('.cell[data-organisation="lga"] .machine').count(), 0, 'curated cells carry no mark');
    await funding.click();
    await page.waitForFunction(() => document.querySelector('#detail')?.getAttribute('data-open') === 'test-trust-5/funding');
    t.match(await page.locator('#detail .machine').first().innerText(), /^machine-tagged, not yet reviewed \(confidence 0\.\d\d\)$/);
    await page.screenshot({ path: join(SCREENSHOTS, 'machine-tagged.png'), fullPage: true });
  });
}
