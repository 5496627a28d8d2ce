import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import t from 'tap';
import { closeDb, openDb } from '../src/db/client.ts';
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
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  t.teardown(async () => {
    await browser.close();
    await stopServer(server.child);
    rmSync(dir, { recursive: true, force: true });
  });
  mkdirSync(SCREENSHOTS, { recursive: true });

  t.test('the comparison page shows the matrix and opens a cell’s evidence', async (t) => {
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    await page.goto(`${server.base}/`);
    await page.waitForSelector('.cell');
    t.equal(await page.locator('#matrix tbody tr').count(), 5, 'five organisations');
    t.equal(await page.locator('#matrix thead th').count(), 5, 'a header and four themes');
    t.equal(await page.locator('.cell').count(), 20);
    const lgaFunding = page.locator('.cell[data-organisation="lga"][data-theme="funding"]');
    t.match(await lgaFunding.getAttribute('class'), /stance-critical/, 'stance colour');
    t.match(await page.locator('.cell[data-organisation="ccn"][data-theme="kinship"]').getAttribute('class'), /stance-silent/);

    const rcpchFunding = page.locator('.cell[data-organisation="rcpch"][data-theme="funding"]');
    t.equal(await rcpchFunding.locator('.shift').innerText(), 'was neutral', 'a change of position between events is shown in the cell');
    t.equal(await page.locator('.cell .shift').count(), 2, 'only where the stance changed (RCPCH on funding and workforce)');

    await lgaFunding.click();
    await page.waitForSelector('#detail .evidence');
    const detail = await page.locator('#detail').innerText();
    t.match(detail, /Local Government Association on Funding: critical/);
    t.match(detail, /Cllr James Jamieson, Chairman, Local Government Association, in “Government strategy/);
    // Reported speech is not dressed as a quotation: no blockquote, no quotation marks added, the publisher cited.
    const reported = page.locator('#detail .evidence[data-voice="reported"]');
    t.equal(await reported.count(), 1, 'the £1.6bn sentence is reported speech');
    t.equal(await reported.locator('blockquote').count(), 0, 'not in a blockquote');
    t.match(await reported.locator('p.words').innerText(), /^Cllr Jamieson said the funding announced, "while helpful", fell short of addressing the £1\.6 billion shortfall/);
    t.match(await reported.locator('.who').innerText(), /^Cllr James Jamieson, Chairman, as reported by Local Government Lawyer · 2023-02-02 · critical$/);
    t.match(await reported.locator('.citation').innerText(), /^Cllr James Jamieson, Chairman, Local Government Association, as reported by Local Government Lawyer in “Government strategy/);
    const direct = page.locator('#detail .evidence[data-voice="direct"] blockquote p').first();
    t.match(await direct.innerText(), /^[“"]/, 'a direct quote is shown in quotation marks');
    const path = join(SCREENSHOTS, 'comparison-page.png');
    await page.screenshot({ path, fullPage: true });
    t.ok(statSync(path).size > 10_000, `screenshot of the matrix at ${path}`);

    // Every cell with a stance opens its evidence; none prints a stray "null" where it has no figures.
    const spoken = await page.locator('.cell:not(.stance-silent)').evaluateAll((cells) => cells.map((c) => [c.getAttribute('data-organisation'), c.getAttribute('data-theme')]));
    let withoutFigures = 0;
    for (const [organisation, theme] of spoken) {
      await page.locator(`.cell[data-organisation="${organisation}"][data-theme="${theme}"]`).click();
      await page.waitForFunction(([o, th]) => document.querySelector('#detail')?.getAttribute('data-open') === `${o}/${th}`, [organisation, theme]);
      const text = await page.locator('#detail').innerText();
      t.notMatch(text, /\bnull\b|undefined/, `${organisation} × ${theme}: nothing printed from a missing value`);
      if (!/Figures cited/.test(text)) withoutFigures += 1;
    }
    t.ok(withoutFigures > 0, `${withoutFigures} of ${spoken.length} cells have no figures`);
    await rcpchFunding.click();
    await page.waitForFunction(() => document.querySelector('#detail')?.getAttribute('data-open') === 'rcpch/funding');
    t.equal(await page.locator('#detail .shift-detail').innerText(), 'Its stance changed between events: neutral on independent-review-2022, then critical on implementation-strategy-2023.');

    await page.selectOption('#event', 'independent-review-2022');
    await page.waitForFunction(() => document.querySelectorAll('.cell.stance-silent').length === 18);
    t.pass('narrowed to the 2022 review, only the RCPCH spoke (18 silent cells)');
    t.same(errors, [], 'no script errors and nothing refused by the content security policy');
  });

  t.test('the figures view, readable on a phone', async (t) => {
    const page = await browser.newPage({ viewport: { width: 375, height: 740 }, isMobile: true });
    await page.goto(`${server.base}/`);
    await page.waitForSelector('.cell');
    t.ok((await page.evaluate(() => document.documentElement.scrollWidth)) <= 375, 'no sideways scrolling of the page');
    await page.click('.tab[data-view="figures"]');
    await page.waitForSelector('.group');
    const first = await page.locator('.group').first().innerText();
    t.match(first, /£2\.6bn/);
    t.match(first, /Cited by CCN, RCPCH/);
    t.ok(await page.locator('.group[data-figure="£200m"]').count() >= 2, '£200m committed and £200m overspend are two groups');
    await page.screenshot({ path: join(SCREENSHOTS, 'figures-phone.png') });
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
    const db = openDb(join(dir, 'stance.db'));
    const key = await createKey(db, 'browser-writer', ['write']);
    closeDb(db);
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
    t.match(await funding.getAttribute('aria-label'), /, 1 of 1 machine-tagged and not yet reviewed$/);
    t.equal(await page.locator('.cell[data-organisation="lga"] .machine').count(), 0, 'curated cells carry no mark');
    await funding.click();
    await page.waitForFunction(() => document.querySelector('#detail')?.getAttribute('data-open') === 'test-trust-5/funding');
    t.match(await page.locator('#detail .machine').first().innerText(), /^machine-tagged, not yet reviewed \(confidence 0\.\d\d\)$/);
    await page.screenshot({ path: join(SCREENSHOTS, 'machine-tagged.png'), fullPage: true });
  });
}
