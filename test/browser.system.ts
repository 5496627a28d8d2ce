import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
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
    await page.waitForSelector('.group');
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

  t.test('figures as a chart on one scale, each bar opening its citations', async (t) => {
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
    t.equal(await focused(page), 'figure-2', 'a bar opens its amount’s citations');
    t.match(await page.locator('#figure-2 h3').innerText(), /^£1\.6bn\s*shortfall$/);
    t.equal(await page.locator('#figure-2 .citation').count(), 1);
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
