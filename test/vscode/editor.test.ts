/**
 * The extension in a real VS Code (code-server 4.139 = VS Code 1.139, TOOLING.md), driven from
 * headless Chromium: the packaged .vsix is installed, a workspace holds a copy of the flagship
 * sample (with one expectation made wrong, so a failure shows) and a broken file; the tests read
 * what a person would see from the DOM — the Problems panel, a keyword's hover, the code lens,
 * the inline timeline, its hover, the timeline webview — and save screenshots to
 * test-results/vscode/.
 *
 * Needs `bash scripts/setup-e2e.sh && npm run package`. Without them it is skipped with that
 * message, except under CI (`CI` set), where it fails.
 */
import type { Frame, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { findTools, repoFile, screenshot, SCREENSHOTS, SETUP_HINT, startSession, waitFor, type Session } from './harness.js';

const found = findTools();
const missing = found.missing.length > 0 ? `needs ${found.missing.join(', ')}; run \`${SETUP_HINT}\`` : undefined;
if (missing && !process.env.CI) console.warn(`test/vscode/editor.test.ts skipped: ${missing}`);
for (const warning of found.warnings) console.warn(`test/vscode: ${warning}`);

describe.runIf(missing && process.env.CI)('real VS Code (CI)', () => {
    it('has code-server, Chromium and the packaged extension', () => {
        throw new Error(`The real-VS-Code suite ${missing}`);
    });
});

/** The sample, with `expect stray rejected untagged-not-accepted` turned into a failing claim (same line count). */
const FLAGSHIP = repoFile('samples/flagship-sysram-private-pool.dcdpolicy')
    .replace('expect stray rejected untagged-not-accepted', 'expect stray accepted');
const BROKEN = [
    '// A device with a mistake, for the Problems panel.',
    'device broken_dev {',
    '    static_capacity 1GiB',
    '    partition dc0 {',
    '        base 0x40000000',
    '        length 1GiB',
    '        block_size 3MiB',
    '    }',
    '}',
    ''
].join('\n');

/** 1-based line of the first line of `text` starting (after indentation) with `start`. */
function lineOf(text: string, start: string): number {
    const index = text.split('\n').findIndex(l => l.trimStart().startsWith(start));
    if (index < 0) throw new Error(`no line starting with ${start}`);
    return index + 1;
}

async function gotoLine(page: Page, line: number): Promise<void> {
    await page.keyboard.press('Control+G');
    await page.locator('.quick-input-widget input').waitFor({ state: 'visible' });
    await page.keyboard.type(String(line));
    await page.keyboard.press('Enter');
    await waitFor(async () => (await statusLine(page)) === line, 5000, `the cursor on line ${line}`);
}

/** The cursor's line, from the status bar (`Ln 66, Col 1`). */
async function statusLine(page: Page): Promise<number | undefined> {
    const texts = await page.locator('.statusbar-item').allTextContents();
    const match = texts.map(t => /Ln (\d+), Col/.exec(t)).find(m => m);
    return match ? Number(match[1]) : undefined;
}

async function openFile(page: Page, name: string): Promise<void> {
    await page.getByRole('treeitem', { name }).click();
    await page.locator(`.tabs-container .tab.active[aria-label^="${name}"]`).waitFor({ timeout: 15_000 });
    await page.locator('.monaco-editor .view-lines .view-line').first().waitFor();
}

/** Every inline-timeline decoration in view: the line's text and the decoration's words. */
async function inlineTimeline(page: Page): Promise<Array<{ line: string; text: string }>> {
    return page.evaluate(() => {
        const out: Array<{ line: string; text: string }> = [];
        for (const line of document.querySelectorAll('.monaco-editor .view-lines .view-line')) {
            for (const span of line.querySelectorAll('span')) {
                const content = getComputedStyle(span, '::after').content;
                if (!content || content === 'none' || content === 'normal') continue;
                out.push({ line: (line.textContent ?? '').replace(/\u00a0/g, ' ').trim(), text: JSON.parse(content) as string });
            }
        }
        return out;
    });
}

/** The middle of the decoration whose words include `words`. */
async function decorationBox(page: Page, words: string): Promise<{ x: number; y: number } | undefined> {
    return page.evaluate((w) => {
        for (const span of document.querySelectorAll('.monaco-editor .view-lines .view-line span')) {
            if (!getComputedStyle(span, '::after').content.includes(w)) continue;
            const r = span.getBoundingClientRect();
            // Near its start: a long line's decoration may run past the editor's right edge.
            return { x: r.x + Math.min(r.width / 2, 40), y: r.y + r.height / 2 };
        }
        return undefined;
    }, words);
}

/** The timeline view's page: webviews are an iframe in an iframe; this is the inner one. */
async function timelineFrame(page: Page): Promise<Frame | undefined> {
    for (const frame of page.frames()) {
        if (!frame.url().includes('/webview/')) continue;
        if (await frame.locator('svg [data-extent]').count().catch(() => 0) > 0) return frame;
    }
    return undefined;
}

async function hoverText(page: Page): Promise<string> {
    return (await page.locator('.monaco-hover:visible').allTextContents()).join('\n');
}

describe.skipIf(missing !== undefined)('the extension in code-server', () => {
    let session: Session;
    let page: Page;
    let frame: Frame | undefined;
    const started = performance.now();

    beforeAll(async () => {
        session = await startSession(found.tools!, { 'flagship.dcdpolicy': FLAGSHIP, 'broken.dcdpolicy': BROKEN });
        page = session.page;
        await page.locator('.explorer-folders-view').waitFor({ timeout: 30_000 });
    }, 90_000);

    afterEach(async (context) => {
        if (context.task.result?.state === 'fail' && page) {
            await screenshot(page, `failed-${context.task.name.replace(/[^A-Za-z0-9]+/g, '-').slice(0, 60)}`).catch(() => undefined);
        }
    });

    afterAll(async () => {
        const timings = { ...session?.timings, total: Math.round(performance.now() - started) };
        console.log(`test/vscode timings (ms): ${JSON.stringify(timings)}`);
        await session?.close();
    }, 30_000);

    it('shows the broken file\'s error in the Problems panel', async () => {
        await openFile(page, 'broken.dcdpolicy');
        await page.keyboard.press('Control+Shift+M');
        const rows = page.locator('.markers-panel .monaco-list-row');
        await waitFor(async () => (await rows.allTextContents()).some(t => t.includes('partition/block-size-not-power-of-two')), 20_000,
            'the block-size error in the Problems panel');
        const text = (await rows.allTextContents()).join('\n');
        expect(text).toContain('broken.dcdpolicy');
        expect(text).toMatch(/block size 3MiB is not a power of two/);
        expect(text).toContain('[Ln 7, Col');
        // The squiggle in the editor too.
        expect(await page.locator('.monaco-editor .squiggly-error').count()).toBeGreaterThan(0);
        await screenshot(page, '1-problems');
        await page.keyboard.press('Control+J'); // hide the panel again: more room for the editor
        await page.locator('.part.panel .markers-panel').waitFor({ state: 'hidden' });
    }, 40_000);

    it('shows a keyword\'s documentation on hover', async () => {
        await openFile(page, 'flagship.dcdpolicy');
        await page.keyboard.press('Control+B'); // hide the side bar
        await gotoLine(page, lineOf(FLAGSHIP, 'region pool0'));
        const keyword = page.locator('.view-line', { hasText: 'region pool0 {' }).locator('span > span', { hasText: /^region$/ });
        await keyword.hover();
        await waitFor(async () => /CXL region/.test(await hoverText(page)), 10_000, 'the hover of `region`');
        expect(await hoverText(page)).toMatch(/LANGUAGE\.md §2/);
        await screenshot(page, '2-hover-keyword');
        await page.keyboard.press('Escape');
    }, 30_000);

    it('runs the simulation from the code lens: inline timeline, failed expectation, summary lens', async () => {
        const scenarioLine = lineOf(FLAGSHIP, 'scenario feb2026_sysram_story');
        await gotoLine(page, scenarioLine + 6);
        const lens = page.locator('.codelens-decoration a', { hasText: '▶ Run simulation' });
        await lens.first().waitFor({ timeout: 20_000 });
        await lens.first().click();

        await waitFor(async () => (await inlineTimeline(page)).some(d => d.text.startsWith('✗')), 20_000, 'the inline timeline');
        const inline = await inlineTimeline(page);
        const on = (start: string) => inline.find(d => d.line.startsWith(start))?.text;
        expect(on('at 0s   add mem0.dc0 tag pool extents')).toBe('accepted → online movable N_MEMORY_PRIVATE');
        expect(on('at 1s   add mem0.dc0 untagged extent')).toBe('rejected: untagged-not-accepted');
        expect(on('expect set_a accepted')).toBe('✓');
        expect(on('expect stray accepted')).toBe('✗ actual rejected untagged-not-accepted');

        // The summary lens beside ▶ Run simulation.
        await waitFor(async () => (await page.locator('.codelens-decoration').allTextContents()).some(t => t.includes('13/14 expectations')),
            10_000, 'the summary lens');
        expect((await page.locator('.codelens-decoration').allTextContents()).join(' ')).toMatch(/✗ 7 events · .*1 failed · 13\/14 expectations/);

        // The failed expectation in the error colour, bold.
        const failedColor = await page.evaluate(() => {
            for (const span of document.querySelectorAll('.monaco-editor .view-lines .view-line span')) {
                const after = getComputedStyle(span, '::after');
                if (after.content.includes('✗')) return { color: after.color, weight: after.fontWeight };
            }
            return undefined;
        });
        const errorColor = await page.evaluate(() => getComputedStyle(document.querySelector('.monaco-workbench')!).getPropertyValue('--vscode-editorError-foreground').trim());
        expect(failedColor?.weight).toBe('700');
        expect(errorColor).not.toBe('');
        expect(rgbToHex(failedColor!.color)).toBe(errorColor.toLowerCase().slice(0, 7));

        // The timeline view opened beside the editor.
        await waitFor(async () => (frame = await timelineFrame(page)) !== undefined, 15_000, 'the timeline webview');
        await screenshot(page, '3-run-simulation');
    }, 40_000);

    it('shows the full result when hovering an inline result', async () => {
        const failed = await decorationBox(page, '✗ actual');
        expect(failed).toBeDefined();
        await page.mouse.move(failed!.x, failed!.y);
        await waitFor(async () => (await hoverText(page)).includes('fails'), 10_000, 'the hover of the failed expectation');
        const hover = await hoverText(page);
        expect(hover).toContain('expect stray accepted');
        expect(hover).toContain('rejected untagged-not-accepted');
        await screenshot(page, '4-hover-failed-expectation');
        await page.mouse.move(5, 500);

        const event = await decorationBox(page, 'rejected: untagged-not-accepted');
        await page.mouse.move(event!.x, event!.y);
        await waitFor(async () => (await hoverText(page)).includes('reason: untagged-not-accepted'), 10_000, 'the hover of an event');
        expect(await hoverText(page)).toMatch(/mem0\.dc0@0x20000000/);
        await screenshot(page, '5-hover-event');
        await page.mouse.move(5, 500);
    }, 30_000);

    it('shows the timeline view: one lane per extent, events marked, under a strict CSP', async () => {
        expect(frame).toBeDefined();
        const f = frame!;
        expect(await page.locator('.tab', { hasText: 'Timeline · feb2026_sysram_story' }).count()).toBe(1);
        const lanes = await f.locator('svg [data-extent]').evaluateAll(els => els.map(e => e.getAttribute('data-extent')));
        expect(lanes).toEqual([
            'mem0.dc0@0x0', 'mem0.dc0@0x10000000', 'mem0.dc0@0x20000000', 'mem0.dc0@0x30000000', 'mem0.dc0@0x40000000'
        ]);
        expect(await f.locator('svg [data-part="events"] [data-line]').count()).toBe(7);
        expect(await f.locator('svg rect[data-state="online"]').count()).toBeGreaterThan(0);
        expect(await f.locator('svg').first().getAttribute('aria-label')).toContain('13/14 expectations');
        expect(await f.locator('.meta .file').textContent()).toBe('flagship.dcdpolicy');
        const csp = await f.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
        expect(csp).toMatch(/^default-src 'none'; img-src data:; style-src [^;]+; script-src 'nonce-[A-Za-z0-9]{32}'$/);
        await f.locator('svg').first().screenshot({ path: `${SCREENSHOTS}/6-timeline-svg.png` });
        await screenshot(page, '6-timeline-view');
    }, 30_000);

    it('reveals the line of a clicked lane or event marker', async () => {
        const f = frame!;
        // The lane of the extent tagged `batch`: offered by the add at 3s.
        await f.locator('svg [data-extent="mem0.dc0@0x40000000"] text').first().click();
        const addLine = lineOf(FLAGSHIP, 'at 3s   add mem0.dc0 tag batch');
        await waitFor(async () => (await statusLine(page)) === addLine, 10_000, `the cursor on line ${addLine} after clicking a lane`);
        // The marker of the `slab` allocation at 4s.
        const slabLine = lineOf(FLAGSHIP, 'at 4s   alloc unmovable');
        await f.locator(`svg [data-part="event-labels"] [data-line="${slabLine}"]`).click();
        await waitFor(async () => (await statusLine(page)) === slabLine, 10_000, `the cursor on line ${slabLine} after clicking an event`);
        await screenshot(page, '7-revealed-line');
    }, 30_000);

    it('keeps the inline timeline on its lines while the file is edited', async () => {
        const before = await inlineTimeline(page);
        // A comment line above the scenario: every result moves down one line, with its statement.
        await gotoLine(page, lineOf(FLAGSHIP, 'scenario feb2026_sysram_story') - 1);
        await page.keyboard.type('// an edit above the scenario');
        await page.keyboard.press('Enter');
        await waitFor(async () => (await statusLine(page)) === lineOf(FLAGSHIP, 'scenario feb2026_sysram_story'), 5000, 'the new line');
        await gotoLine(page, lineOf(FLAGSHIP, 'expect stray accepted') + 1);
        // Every decoration in view is one of those before, on the same statement (the view settles first).
        const moved = async () => {
            const now = await inlineTimeline(page);
            return now.some(d => d.text.startsWith('✗')) && now.every(d => before.some(b => b.line === d.line && b.text === d.text));
        };
        await waitFor(moved, 5000, 'the decorations moved with their lines');
        expect((await inlineTimeline(page)).find(d => d.text.startsWith('✗'))?.line).toBe('expect stray accepted');
        // The timeline view says it is from the last run.
        // (Setting a webview's html replaces its inner frame: find it again.)
        await waitFor(async () => ((await (frame = await timelineFrame(page))?.locator('.note').count()) ?? 0) > 0, 10_000, 'the "file changed" note');
        expect(await frame!.locator('.note').textContent()).toContain('the file changed since');
        await screenshot(page, '8-edited');
    }, 30_000);
});

/** `rgb(241, 76, 76)` → `#f14c4c`. */
function rgbToHex(rgb: string): string {
    const m = /rgba?\((\d+),\s*(\d+),\s*(\d+)/.exec(rgb);
    if (!m) return rgb;
    return `#${[m[1], m[2], m[3]].map(v => Number(v).toString(16).padStart(2, '0')).join('')}`;
}
