import { INestApplication } from '@nestjs/common';
import * as fs from 'fs';
import * as path from 'path';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';
import sharp from 'sharp';
import request from 'supertest';
import * as zlib from 'zlib';
import { UI_CSP } from '../src/ui/ui-http';
import { image } from './helpers/app';
import { createTestDatabase, TestDatabase } from './support/databases';
import { bearer, bootReviewApp, KEYS } from './support/review-app';

/**
 * The dashboard in a real browser (Debian's chromium, driven by playwright-core) against the real
 * service on a real port: sign-in, queue, claim, reveal, decide, policy editing; axe-core on every
 * page; the CSP header and the first load's gzipped JavaScript measured from outside.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SHOTS = path.join(__dirname, '..', '.cache', 'ui-screenshots');
// Evaluated through the DevTools protocol: addScriptTag would be an inline script, which our CSP refuses.
const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const JS_BUDGET = 250 * 1024;
const DOG = image('twemoji-dog-face.png');

describe('dashboard in a real browser', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let base: string;
  let browser: Browser;
  let ctx: BrowserContext;
  let page: Page;
  const outside: string[] = [];
  let decided = '';

  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    db = await createTestDatabase('sqlite');
    app = await bootReviewApp(db);
    await app.listen(0, '127.0.0.1');
    base = await app.getUrl();
    base = base.replace('[::1]', '127.0.0.1');
    const http = app.getHttpServer();
    // Review items the queue will show: three flagged, two blurred (fixture policies pick the decision).
    for (const policy of ['flagger', 'flagger', 'flagger', 'blurrer', 'blurrer']) {
      await request(http).post(`/v1/moderations?policies=${policy}`).set(bearer('ingest')).set('Content-Type', 'image/png').send(DOG).expect(200);
    }
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    page = await ctx.newPage();
    page.on('request', (r) => {
      if (!r.url().startsWith(base) && !r.url().startsWith('blob:') && !r.url().startsWith('data:')) outside.push(r.url());
    });
    page.on('pageerror', (e) => outside.push(`page error: ${e.message}`));
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) outside.push(`CSP violation: ${m.text()}`);
    });
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await db?.drop();
  });

  async function axe(name: string) {
    await page.evaluate(AXE);
    // A string, so this file needs no DOM typings: runs in the page.
    const violations: { id: string; impact: string; targets: string[] }[] = await page.evaluate(
      `axe.run().then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.map((n) => n.target.join(' ')) })))`,
    );
    const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect({ page: name, bad }).toEqual({ page: name, bad: [] });
  }
  type Dom = { document: { querySelectorAll(q: string): ArrayLike<{ complete?: boolean; naturalWidth?: number }> } };
  // Functions, not strings: a string predicate is eval'd in the page, which our CSP (rightly) refuses.
  const rowsAre = (sel: string, n: number) => page.waitForFunction(([q, k]) => (globalThis as unknown as Dom).document.querySelectorAll(q).length === k, [sel, n] as const);
  const imagesLoaded = (sel: string) =>
    page.waitForFunction((q) => Array.from((globalThis as unknown as Dom).document.querySelectorAll(q)).every((i) => i.complete && (i.naturalWidth ?? 0) > 0), sel);
  const shot = (name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
  async function signIn(key: string) {
    await page.fill('#api-key', key);
    await page.keyboard.press('Enter');
  }

  it('first load: strict CSP, no inline code, JavaScript within budget, nothing fetched from elsewhere', async () => {
    const scripts: { url: string; bytes: number; gzip: number }[] = [];
    const pending: Promise<void>[] = [];
    page.on('response', (r) => {
      if (r.request().resourceType() !== 'script') return;
      pending.push(r.body().then((b) => void scripts.push({ url: r.url(), bytes: b.length, gzip: zlib.gzipSync(b, { level: 9 }).length })));
    });
    const res = await page.goto(`${base}/ui/`);
    expect(res!.headers()['content-security-policy']).toBe(UI_CSP);
    await page.getByLabel('API key').waitFor();
    await page.waitForLoadState('networkidle');
    await Promise.all(pending);
    page.removeAllListeners('response');
    const gzip = scripts.reduce((n, s) => n + s.gzip, 0);
    // eslint-disable-next-line no-console
    console.log(`dashboard first load: ${scripts.length} scripts, ${scripts.reduce((n, s) => n + s.bytes, 0)} bytes, ${gzip} bytes gzipped (budget ${JS_BUDGET})`);
    expect(scripts.length).toBeGreaterThanOrEqual(4);
    expect(gzip).toBeLessThanOrEqual(JS_BUDGET);
    await axe('sign-in');
    await shot('01-sign-in');
  });

  it('refuses an ingest key with a clear message, then signs a moderator in', async () => {
    await signIn(KEYS.ingest.key);
    await expect(page.getByRole('alert').textContent()).resolves.toMatch(/cannot sign in.*ingest/);
    await signIn(KEYS.modA.key);
    await page.getByRole('heading', { name: 'Review queue' }).waitFor();
    const cookie = (await ctx.cookies()).find((c) => c.name === 'clipguard_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    // A moderator sees no policy pages.
    expect(await page.getByRole('navigation').getByRole('link', { name: 'Policies' }).count()).toBe(0);
  });

  it('queue: counts, filters, keyboard selection', async () => {
    await page.locator('table.queue tbody tr').first().waitFor();
    expect(await page.locator('table.queue tbody tr').count()).toBe(5);
    await expect(page.locator('.counts').textContent()).resolves.toMatch(/5\s*open/);
    await axe('queue');
    await shot('02-queue');
    await page.getByLabel('Decision').selectOption('blur');
    await rowsAre('table.queue tbody tr', 2);
    const decisions = await page.locator('table.queue tbody tr td:nth-child(3)').allTextContents();
    expect(decisions).toEqual(['blur', 'blur']);
    await page.getByLabel('Decision').selectOption('');
    await rowsAre('table.queue tbody tr', 5);
    await page.locator('body').press('j');
    expect(await page.locator('table.queue tbody tr.selected').getAttribute('data-id')).toBe(await page.locator('table.queue tbody tr').nth(1).getAttribute('data-id'));
  });

  it('claim next (n) shows the blurred preview and a lease countdown; reveal asks for a reason and is audited', async () => {
    await page.locator('body').press('Escape');
    await page.locator('body').press('n');
    await page.getByRole('timer').waitFor();
    expect(await page.getByRole('timer').textContent()).toMatch(/^(9|10):\d\d$/);
    const id = page.url().split('/item/')[1];
    const img = page.getByRole('img', { name: 'Blurred preview of the image' });
    await img.waitFor();
    await imagesLoaded('.preview img');
    expect(await img.getAttribute('src')).toBe(`/v1/reviews/${id}/image`);
    expect(await page.locator('svg.scorebar').count()).toBeGreaterThan(0);
    await expect(page.locator('.prompts').first().textContent()).resolves.toMatch(/Matched prompt.*“a dog”/);
    await axe('item');
    await shot('03-item');

    await page.locator('body').press('r');
    await page.getByRole('dialog', { name: 'Reveal the original' }).waitFor();
    await axe('reveal dialog');
    await page.getByLabel('Reason').fill('checking whether the dog is real');
    await page.keyboard.press('Enter');
    await page.getByRole('img', { name: 'The original image (revealed)' }).waitFor();
    expect(await page.locator('.preview img').getAttribute('src')).toMatch(/^blob:/);
    const audit = (await request(app.getHttpServer()).get(`/v1/audit?action=image.revealed&entity_id=${id}`).set(bearer('admin')).expect(200)).body.items;
    expect(audit).toEqual([expect.objectContaining({ actor: 'mod-a', after: expect.objectContaining({ reason: 'checking whether the dog is real' }) })]);
    await page.locator('body').press('h');
    await page.getByRole('img', { name: 'Blurred preview of the image' }).waitFor();

    // Grayscale is remembered for this moderator across reloads.
    await page.locator('body').press('v');
    expect(await page.locator('.preview img').getAttribute('class')).toBe('gray');
    await page.reload();
    await page.getByRole('timer').waitFor();
    expect(await page.locator('.preview img').getAttribute('class')).toBe('gray');
    await page.locator('body').press('v');
    expect(await page.locator('.preview img').getAttribute('class')).toBe('');
  });

  it('decides with a note by keyboard (m, Escape, u) and moves on to the next claim', async () => {
    const id = page.url().split('/item/')[1];
    await page.locator('body').press('m');
    await page.keyboard.type('dog, upheld from the dashboard');
    await page.keyboard.press('Escape');
    await page.locator('body').press('u');
    await page.waitForURL((u) => !u.hash.endsWith(id));
    const done = (await request(app.getHttpServer()).get(`/v1/reviews/${id}`).set(bearer('modB')).expect(200)).body;
    expect(done).toMatchObject({ status: 'closed', last_verdict: 'uphold' });
    expect(done.history).toEqual([expect.objectContaining({ type: 'decision', actor: 'mod-a', verdict: 'uphold', note: 'dog, upheld from the dashboard' })]);
    decided = id;
    // The next item is ours now; release it (l) and we are back at the queue.
    await page.getByRole('timer').waitFor();
    await page.locator('body').press('l');
    await page.getByRole('heading', { name: 'Review queue' }).waitFor();
    await rowsAre('table.queue tbody tr', 4);
  });

  it('appeals: an appealed item shows in the appeals queue with its reason, and is decided again', async () => {
    const http = app.getHttpServer();
    const mid = (await request(http).get(`/v1/reviews/${decided}`).set(bearer('modA')).expect(200)).body.moderation_id;
    await request(http).post(`/v1/moderations/${mid}/appeals`).set(bearer('ingest')).send({ reason: 'it is my own dog' }).expect(201);
    await page.locator('body').press('2');
    await page.getByRole('heading', { name: 'Appeals' }).waitFor();
    const row = page.locator(`table.appeals tr[data-id="${decided}"]`);
    await row.waitFor();
    await expect(row.textContent()).resolves.toMatch(/it is my own dog.*uphold/);
    await axe('appeals');
    await shot('09-appeals');
    await page.locator('body').press('o');
    await page.getByRole('heading', { name: `Item ${decided.slice(0, 8)}` }).waitFor();
    await page.locator('body').press('c');
    await page.getByRole('timer').waitFor();
    await page.locator('body').press('o');
    await page.waitForURL((u) => !u.hash.endsWith(decided));
    expect((await request(http).get(`/v1/reviews/${decided}`).set(bearer('modB')).expect(200)).body).toMatchObject({ status: 'closed', last_verdict: 'overturn', appeal_count: 1 });
  });

  it('search: text to a grid of blurred previews, then near duplicates of one of them', async () => {
    await page.locator('body').press('3');
    await page.getByRole('heading', { name: 'Search' }).waitFor();
    await page.getByLabel('Text').fill('a dog');
    await page.keyboard.press('Enter');
    const thumbs = page.locator('ul.grid img.thumb');
    await thumbs.first().waitFor();
    expect(await thumbs.count()).toBe(5);
    await imagesLoaded('ul.grid img.thumb');
    expect(await thumbs.first().getAttribute('src')).toMatch(/^\/v1\/moderations\/[0-9a-f-]{36}\/preview$/);
    await axe('search');
    await shot('10-search');
    await page.getByRole('button', { name: 'Near duplicates', exact: true }).first().click();
    await page.getByRole('heading', { name: /^Near duplicates of / }).waitFor();
    expect(await thumbs.count()).toBe(4); // the same dog, four other times
    // An uploaded image that was never moderated: its near duplicates.
    await page.setInputFiles('#s-image', path.join(__dirname, 'fixtures', 'images', 'twemoji-dog-face.png'));
    await page.getByRole('button', { name: 'Find near duplicates' }).click();
    await page.getByRole('heading', { name: 'Near duplicates of twemoji-dog-face.png' }).waitFor();
    expect(await thumbs.count()).toBe(5);
    await expect(page.locator('ul.grid .num').first().textContent()).resolves.toMatch(/^(1\.000|0\.99\d)$/);
  });

  it('audit log: filter by action, and an export link with the same filters', async () => {
    await page.locator('body').press('4');
    await page.getByRole('heading', { name: 'Audit log' }).waitFor();
    await page.getByLabel('Action').selectOption('image.revealed');
    await rowsAre('table.audit tbody tr', 1);
    await expect(page.locator('table.audit tbody tr').textContent()).resolves.toMatch(/mod-a.*image\.revealed.*reason: checking whether the dog is real/);
    const href = await page.getByRole('link', { name: 'Export CSV' }).getAttribute('href');
    expect(href).toBe('/v1/audit?action=image.revealed&format=csv');
    const csv = await (await page.request.get(`${base}${href}`)).text();
    expect(csv.trim().split('\n')).toHaveLength(2);
    expect(csv).toContain('checking whether the dog is real');
    await axe('audit');
    await shot('11-audit');
  });

  it('stats: charts drawn in SVG from /v1/reviews/stats', async () => {
    await page.locator('body').press('5');
    await page.getByRole('heading', { name: 'Statistics' }).waitFor();
    await page.locator('figure.chart svg').first().waitFor();
    expect(await page.locator('figure.chart svg').count()).toBe(4);
    // One uphold and one overturn of flagger: 50 %.
    expect(await page.getByRole('img', { name: /^Overturn rate per policy/ }).getAttribute('aria-label')).toMatch(/flagger: 50%/);
    expect(await page.getByRole('img', { name: /^Moderations by decision/ }).getAttribute('aria-label')).toMatch(/flag: 3; blur: 2|blur: 2; flag: 3/);
    await axe('stats');
    await shot('12-stats');
  });

  it('item: an animation shows its sampled frames, blurred, with per-policy score bars and the worst frame marked', async () => {
    const http = app.getHttpServer();
    const frames = ['twemoji-dog-face.png', 'twemoji-pistol.png', 'twemoji-beer.png', 'twemoji-skull.png'].map(image);
    const webp = await sharp(frames, { join: { animated: true } }).webp({ lossless: true }).toBuffer();
    const mod = (await request(http).post('/v1/moderations?policies=flagger,never').set(bearer('ingest')).set('Content-Type', 'image/webp').send(webp).expect(200)).body;
    const worst = mod.policies.find((p: { policy_id: string }) => p.policy_id === 'flagger').frame;
    const items = (await request(http).get('/v1/reviews?limit=500').set(bearer('modA')).expect(200)).body.items as { id: string; moderation_id: string }[];
    const itemId = items.find((i) => i.moderation_id === mod.id)!.id;
    await page.goto(`${base}/ui/#/item/${itemId}`);
    await page.getByRole('heading', { name: 'Animation frames' }).waitFor();
    const cards = page.locator('.frame-strip .frame-card');
    expect(await cards.count()).toBe(4);
    await imagesLoaded('.frame-strip img.frame-thumb');
    expect(await cards.locator('img').evaluateAll((imgs) => imgs.map((i) => i.getAttribute('src')))).toEqual([0, 1, 2, 3].map((n) => `/v1/moderations/${mod.id}/preview?frame=${n}`));
    // Two policies on every frame, each a bar labelled with that frame's own score.
    expect(await cards.nth(2).locator('svg.scorebar').count()).toBe(2);
    const score2 = mod.frames[2].policies.find((p: { policy_id: string }) => p.policy_id === 'flagger').score as number;
    expect(await cards.nth(2).getByRole('img', { name: /^flagger on frame 2: score/ }).getAttribute('aria-label')).toBe(`flagger on frame 2: score ${score2.toFixed(3)}, action flag; thresholds flag -1`);
    expect(await page.locator('.frame-card.worst').getAttribute('data-frame')).toBe(String(worst));
    await expect(page.locator('.frame-card.worst .frame-name').textContent()).resolves.toBe(`Frame ${worst} worst`);
    // Keyboard: ] and [ step the large preview through the frames; a frame's button toggles it.
    await page.locator('body').press(']');
    await page.locator('body').press(']');
    await page.getByRole('img', { name: 'Blurred preview of frame 1' }).waitFor();
    expect(await page.getByRole('button', { name: /^Frame 1/ }).getAttribute('aria-pressed')).toBe('true');
    await page.locator('body').press('[');
    await page.getByRole('img', { name: 'Blurred preview of frame 0' }).waitFor();
    await page.getByRole('button', { name: /^Frame 3/ }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('img', { name: 'Blurred preview of frame 3' }).waitFor();
    await imagesLoaded('.preview img');
    await axe('item with animation frames');
    await shot('14-item-frames');
    // The strip scrolls inside itself on a phone; the page does not.
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await shot('15-item-frames-390px');
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('? lists the shortcuts; the dashboard fits a 390-px-wide screen', async () => {
    await page.locator('body').press('1');
    await page.getByRole('heading', { name: 'Review queue' }).waitFor();
    await page.locator('body').press('?');
    const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await help.waitFor();
    await expect(help.textContent()).resolves.toMatch(/Claim the next item/);
    await axe('shortcuts');
    await shot('04-shortcuts');
    await page.keyboard.press('Escape');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.locator('body').press('1');
    await page.locator('table.queue tbody tr').first().waitFor();
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await shot('05-queue-390px');
    await page.locator('table.queue tbody tr a').first().click();
    await page.getByRole('heading', { name: /^Item / }).waitFor();
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await axe('item 390px');
    await shot('06-item-390px');
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('signs out: the session ends on the server', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('API key').waitFor();
    expect((await page.request.get(`${base}/v1/reviews`)).status()).toBe(401);
  });

  it('policy admin: edit with an error shown at its line and column, fix it, save a version, roll back', async () => {
    await signIn(KEYS.policyAdmin.key);
    await page.getByRole('heading', { name: 'Policies' }).waitFor();
    await page.locator('.version-list li').first().waitFor();
    await page.getByText('Valid').first().waitFor();
    await axe('policies');
    await shot('07-policies');
    const text = await page.locator('#policy-text').inputValue();
    const broken = text.replace('  - id: never', '  - id: Never');
    expect(broken).not.toBe(text);
    await page.locator('#policy-text').fill(broken);
    const line = broken.split('\n').findIndex((l) => l === '  - id: Never') + 1;
    const issue = page.locator('.issues li.error').first();
    await issue.waitFor();
    await expect(issue.textContent()).resolves.toMatch(new RegExp(`line ${line}, column \\d+.*policies\\[3\\]\\.id`));
    expect(await page.locator('#policy-text').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByRole('button', { name: 'Save and activate' }).isDisabled()).toBe(true);
    await axe('policies with an error');
    await shot('08-policy-error');
    await page.locator('#policy-text').fill(text.replace('description: never acts', 'description: never acts (edited)'));
    await page.getByText(/^Valid/).waitFor();
    // The draft against the active set on an uploaded image.
    await page.setInputFiles('#dp-image', path.join(__dirname, 'fixtures', 'images', 'twemoji-dog-face.png'));
    await page.getByRole('button', { name: 'Preview' }).click();
    await page.locator('table.preview-table tbody tr').first().waitFor();
    await expect(page.locator('.draft-preview [role=status]').textContent()).resolves.toMatch(/Active set: block · draft: block \(same decision\)/);
    expect(await page.locator('table.preview-table tbody tr td:first-child').allTextContents()).toEqual(expect.arrayContaining(['flagger', 'blurrer', 'blocker', 'never']));
    await axe('policy draft preview');
    await page.getByLabel('Comment').fill('clearer description');
    await page.getByRole('button', { name: 'Save and activate' }).click();
    await page.getByText('Stored and activated version 2.').waitFor();
    const versions = (await request(app.getHttpServer()).get('/v1/policy-sets/review-tests/versions').set(bearer('admin')).expect(200)).body;
    expect(versions.active_version).toBe(2);
    expect(versions.versions[0]).toMatchObject({ version: 2, author: 'policy-admin', comment: 'clearer description' });
    await page.getByRole('button', { name: 'Roll back to v1' }).click();
    await page.getByText('Version 1 is now active.').waitFor();
    expect((await request(app.getHttpServer()).get('/v1/policy-sets/review-tests/versions').set(bearer('admin')).expect(200)).body.active_version).toBe(1);
    // Evaluate the draft on the moderators' verdicts: one moderation so far (upheld, then overturned on appeal).
    await page.getByRole('button', { name: 'Run evaluation' }).click();
    const report = page.locator('.report');
    await report.waitFor();
    await expect(report.locator('p').textContent()).resolves.toMatch(/^1 sample\(s\) from verdicts, set review-tests\. Overall: precision/);
    expect(await report.locator('svg.prcurve').count()).toBeGreaterThan(0);
    await axe('policy evaluation');
    await shot('13-policy-evaluation');
    // A policy admin has no queue, and the server refuses it anyway.
    expect(await page.getByRole('navigation').getByRole('link', { name: 'Queue' }).count()).toBe(0);
    expect((await page.request.get(`${base}/v1/reviews`)).status()).toBe(403);
  });

  it('made no request outside the service and raised no page error', () => {
    expect(outside).toEqual([]);
  });
});
