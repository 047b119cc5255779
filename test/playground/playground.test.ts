/**
 * The browser playground in a real Chromium (playwright-core + Debian's chromium): the built
 * dist/playground served on a loopback port, the language server in its web worker, monaco.
 * Screenshots go to test-results/playground/*.png.
 *
 * Needs /usr/bin/chromium (`bash scripts/setup-e2e.sh`). Without it the suite is skipped with
 * that message, except under CI (`CI` set), where it fails.
 */
import { readFileSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensurePlaygroundBuilt, missingChromium, openSession, ROOT, screenshot, type Session } from './harness.js';

const missing = missingChromium();
if (missing && !process.env.CI) console.warn(`test/playground skipped: ${missing}`);

describe.runIf(missing && process.env.CI)('the playground (CI)', () => {
    it('has Chromium to run in', () => {
        throw new Error(`${missing} — the playground tests cannot run`);
    });
});

/** What the page exposes as `globalThis.dcdpolicyPlayground` (monaco's API objects). */
interface Handle {
    monaco: any;
    editor: any;
}
declare const dcdpolicyPlayground: Handle;

const COMPARE = 'compare-kernels.dcdpolicy';
const compareText = readFileSync(join(ROOT, 'samples', COMPARE), 'utf8');
const lineOf = (pattern: RegExp) => compareText.split('\n').findIndex(l => pattern.test(l)) + 1;

async function waitUntilLoaded(page: Page): Promise<void> {
    await page.waitForSelector('#server-status[data-state="ready"]', { timeout: 15_000 });
    // The first run of every scenario has reached the panel.
    await page.waitForSelector('#results[data-state="fresh"] .timeline svg', { timeout: 15_000 });
}

function editorValue(page: Page): Promise<string> {
    return page.evaluate(() => dcdpolicyPlayground.editor.getValue() as string);
}

/** Scrolls a line into the middle of the editor and returns the page coordinates of a column on it. */
async function pointAt(page: Page, line: number, column: number): Promise<{ x: number; y: number }> {
    return page.evaluate(([lineNumber, col]) => {
        const editor = dcdpolicyPlayground.editor;
        editor.revealLineInCenter(lineNumber);
        const at = editor.getScrolledVisiblePosition({ lineNumber, column: col });
        const box = editor.getDomNode().getBoundingClientRect();
        const layout = editor.getLayoutInfo();
        return { x: box.left + layout.contentLeft + at.left - layout.contentLeft + 2, y: box.top + at.top + at.height / 2 };
    }, [line, column] as const);
}

async function moveCursor(page: Page, line: number, column: number): Promise<void> {
    await page.evaluate(([lineNumber, col]) => {
        const editor = dcdpolicyPlayground.editor;
        editor.setPosition({ lineNumber, column: col });
        editor.revealLineInCenter(lineNumber);
        editor.focus();
    }, [line, column] as const);
}

async function markersOn(page: Page, line: number): Promise<Array<{ message: string; severity: number; code: unknown }>> {
    return page.evaluate(lineNumber => {
        const { monaco, editor } = dcdpolicyPlayground;
        return monaco.editor.getModelMarkers({ resource: editor.getModel().uri })
            .filter((m: any) => m.startLineNumber === lineNumber)
            .map((m: any) => ({ message: m.message, severity: m.severity, code: m.code }));
    }, line);
}

describe.skipIf(missing !== undefined)('the playground in Chromium', () => {
    let session: Session;
    let page: Page;

    beforeAll(async () => {
        ensurePlaygroundBuilt();
        session = await openSession();
        page = session.page;
    }, 180_000);

    afterAll(async () => {
        await session?.close();
    });

    it('loads the flagship sample with the language server running in a worker', async () => {
        await page.goto(session.server.url);
        await waitUntilLoaded(page);
        expect(await page.inputValue('#sample-picker')).toBe('flagship-sysram-private-pool.dcdpolicy');
        expect(await page.textContent('#summary')).toMatch(/✓ \d+ events .* 14\/14 expectations/);
        // Monarch highlighting from the generated grammar: a keyword and a name get different token colours.
        const tokenClasses = () => page.evaluate(() => {
            const line = [...document.querySelectorAll('.view-line')].find(l => l.textContent?.replace(/\s+/g, ' ').trim() === 'host lab01 {');
            const spans = [...(line?.querySelectorAll('span[class^="mtk"]') ?? [])].map(s => ({ text: s.textContent?.trim(), cls: s.className }));
            return { host: spans.find(s => s.text === 'host')?.cls, name: spans.find(s => s.text === 'lab01')?.cls };
        });
        await expect.poll(async () => {
            const { host, name } = await tokenClasses();
            return host !== undefined && name !== undefined && host !== name;
        }, { timeout: 5000 }).toBe(true);
        await screenshot(page, '01-flagship');
    });

    it('picks a sample from the bundled samples', async () => {
        const options = await page.locator('#sample-picker option').allTextContents();
        expect(options).toContain('compare-kernels');
        expect(options.length).toBeGreaterThanOrEqual(13);
        await page.selectOption('#sample-picker', COMPARE);
        await page.waitForFunction(() => (dcdpolicyPlayground.editor.getValue() as string).includes('One offer, three kernels'));
        await expect.poll(() => page.textContent('#file-name')).toBe(COMPARE);
        await page.waitForSelector('#results[data-state="fresh"] .timeline[data-scenario="one_offer"] svg');
        expect(await page.evaluate(() => location.hash)).toBe(`#sample=${'compare-kernels.dcdpolicy'}`);
    });

    it('marks a broken line typed into the editor, with its message and quick fix', async () => {
        const after = lineOf(/^\s*at 3s\s+release cmpdev\.dc0 tag grp/);
        expect(after).toBeGreaterThan(0);
        await moveCursor(page, after, 200);
        await page.keyboard.press('End');
        await page.keyboard.press('Enter');
        await page.keyboard.type('at 4s  add cmpdev.dc0 untagged extent 0x30000000 size 64MB as broken', { delay: 5 });
        await page.keyboard.press('Escape');
        const broken = after + 1;
        await expect.poll(() => markersOn(page, broken), { timeout: 10_000 })
            .toContainEqual(expect.objectContaining({ severity: 8, message: expect.stringMatching(/64MB uses the decimal unit MB/) }));
        const problem = page.locator('#problem-list li.error', { hasText: 'decimal unit' });
        await expect.poll(() => problem.count()).toBe(1);
        expect(await problem.textContent()).toContain(`${broken}:`);
        expect(await page.locator('.squiggly-error').count()).toBeGreaterThan(0);
        // Hovering the squiggle shows the same message.
        await page.keyboard.press('Escape');
        const column = (await editorValue(page)).split('\n')[broken - 1]!.indexOf('64MB') + 2;
        const point = await pointAt(page, broken, column);
        await page.mouse.move(point.x, point.y);
        await page.locator('.monaco-hover', { hasText: 'decimal unit' }).first().waitFor({ state: 'visible', timeout: 10_000 });
        await page.waitForTimeout(400); // the hover fades in
        await screenshot(page, '02-broken-line');
        await page.mouse.move(5, 500);
        await page.keyboard.press('Escape');
        // The server's quick fix: the decimal unit becomes binary.
        await moveCursor(page, broken, column);
        await page.keyboard.press('Control+.');
        const fix = page.locator('.action-widget .monaco-list-row', { hasText: 'Write 64MiB' }).first();
        await fix.waitFor({ state: 'visible', timeout: 10_000 });
        await fix.click();
        await expect.poll(async () => (await editorValue(page)).split('\n')[broken - 1]).toContain('size 64MiB as broken');
        await expect.poll(() => markersOn(page, broken)).toEqual([]);
        await page.evaluate(text => dcdpolicyPlayground.editor.getModel().setValue(text), compareText);
    });

    it('shows a keyword\'s documentation on hover', async () => {
        const line = lineOf(/^\s*driver dax/);
        const column = compareText.split('\n')[line - 1]!.indexOf('driver') + 3;
        const point = await pointAt(page, line, column);
        await page.mouse.move(point.x, point.y);
        const hover = page.locator('.monaco-hover', { hasText: 'The region driver that consumes accepted extents' }).first();
        await hover.waitFor({ state: 'visible', timeout: 10_000 });
        await page.waitForTimeout(400); // the hover fades in
        await screenshot(page, '03-hover-keyword');
        await page.mouse.move(5, 500);
    });

    it('offers completions from the server', async () => {
        const line = lineOf(/^\s*driver dax/);
        await moveCursor(page, line, 200);
        await page.keyboard.press('End');
        await page.keyboard.press('Enter');
        await page.keyboard.press('Control+Space');
        const suggestions = page.locator('.suggest-widget .monaco-list-row');
        await expect.poll(() => suggestions.count(), { timeout: 10_000 }).toBeGreaterThan(0);
        const labels = await suggestions.allTextContents();
        expect(labels.join(' ')).toMatch(/accept|zone|holder/);
        await page.keyboard.press('Escape');
        await page.evaluate(text => dcdpolicyPlayground.editor.getModel().setValue(text), compareText);
    });

    it('runs a scenario from its Run simulation code lens and draws its timeline', async () => {
        const line = lineOf(/^scenario one_offer_v9\b/);
        const lenses = page.locator('.codelens-decoration a', { hasText: 'Run simulation' });
        // The lens drawn just above the scenario's header line (lenses come a moment after a scroll or an edit).
        const lensAbove = async () => {
            const target = await pointAt(page, line, 1);
            for (const lens of await lenses.all()) {
                const box = await lens.boundingBox();
                if (box && box.y < target.y && target.y - box.y < 60) return lens;
            }
            return undefined;
        };
        await expect.poll(async () => (await lensAbove()) !== undefined, { timeout: 10_000 }).toBe(true);
        await (await lensAbove())!.click();
        await expect.poll(() => page.inputValue('#scenario-picker')).toBe('one_offer_v9');
        await page.waitForSelector('#results[data-state="fresh"] .timeline[data-scenario="one_offer_v9"] svg');
        expect(await page.locator('#results .timeline svg [data-extent]').count()).toBeGreaterThanOrEqual(3);
        expect(await page.textContent('#summary')).toMatch(/dcd-v9.*✓ 4 events · .*5\/5 expectations/);
        expect(await page.locator('#results .expectations li.pass').count()).toBe(5);
        await screenshot(page, '04-run-lens');
    });

    it('switches the kernel profile and shows the outcome change', async () => {
        await page.selectOption('#scenario-picker', 'one_offer');
        await page.waitForSelector('#results[data-kernel="dcd-v11"] .timeline[data-scenario="one_offer"]');
        expect(await page.textContent('#summary')).toMatch(/dcd-v11.*✓ .*3\/3 expectations/);
        await page.click('#kernel-switch button[data-kernel="dcd-v9"]');
        await page.waitForSelector('#results[data-kernel="dcd-v9"] .timeline svg [data-extent]');
        expect(await page.textContent('#summary')).toMatch(/dcd-v9.*✗ .*1\/3 expectations/);
        expect(await page.textContent('#results .timeline svg')).toContain('kernel dcd-v9 · host cmp01');
        expect(await page.locator('#results .expectations li.fail').count()).toBe(2);
        expect(await page.textContent('#results .expectations li.fail')).toContain('actual rejected tagged-unsupported');
        // The compare table: a column per profile, the shown one marked, differing rows marked ≠.
        await page.waitForSelector('table.compare th.shown button[data-kernel="dcd-v9"]');
        expect(await page.locator('table.compare tr.differs').count()).toBeGreaterThan(0);
        await screenshot(page, '05-kernel-dcd-v9');
        await page.click('#kernel-switch button[data-kernel="sysram-rfc"]');
        await expect.poll(() => page.textContent('#summary')).toMatch(/sysram-rfc.*✗ .*2\/3 expectations/);
        await page.click('#kernel-switch button[data-kernel="dcd-v11"]');
        await expect.poll(() => page.textContent('#summary')).toMatch(/dcd-v11.*✓ .*3\/3 expectations/);
    });

    it('moves the editor cursor from an expectation\'s line link', async () => {
        const link = page.locator('#results .expectations li a.line-link').nth(1);
        const line = Number(await link.getAttribute('data-line'));
        await link.click();
        await expect.poll(() => page.evaluate(() => dcdpolicyPlayground.editor.getPosition().lineNumber)).toBe(line);
    });

    it('shares the policy in the URL and restores it on reload', async () => {
        await moveCursor(page, 1, 1);
        await page.keyboard.type('// shared from the playground test\n');
        const text = await editorValue(page);
        expect(text.startsWith('// shared from the playground test\n')).toBe(true);
        await page.click('#share');
        // The fragment holds the text itself: deflate-raw, base64url.
        const shared = async () => {
            const hash = await page.evaluate(() => location.hash);
            const code = /^#code=([A-Za-z0-9_-]+)$/.exec(hash)?.[1];
            return code ? inflateRawSync(Buffer.from(code, 'base64url')).toString('utf8') : hash;
        };
        await expect.poll(shared).toBe(text);
        const url = page.url();
        const other = await session.browser.newPage();
        await other.goto(url);
        await waitUntilLoaded(other);
        expect(await editorValue(other)).toBe(text);
        expect(await other.textContent('#file-name')).toBe('shared.dcdpolicy');
        await screenshot(other, '06-shared-link');
        await other.close();
        // The same in place: a reload of the shared URL.
        await page.reload();
        await waitUntilLoaded(page);
        expect(await editorValue(page)).toBe(text);
    });

    it('made no request off its own origin and raised no page errors', () => {
        expect(session.errors).toEqual([]);
    });
});
