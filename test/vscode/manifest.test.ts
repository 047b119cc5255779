/**
 * The extension manifest (the root package.json) against the contract the server declares once
 * in server/protocol.ts and LANGUAGE.md §9: its commands, its settings and their defaults, the
 * language id, extension and TextMate scope; and the static contributions parse. Runs without
 * any build.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Commands, DEFAULT_SETTINGS, FILE_EXTENSION, LANGUAGE_ID } from '../../server/protocol.js';
import { ROOT } from './harness.js';

const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');
const pkg = JSON.parse(read('package.json')) as Record<string, any>;
const contributes = pkg.contributes as Record<string, any>;

describe('the extension manifest', () => {
    it('names the entries, the engine and a pinned @types/vscode at the engine floor', () => {
        expect(pkg.publisher).toBe('dcdpolicy');
        expect(pkg.main).toBe('./dist/extension/main-node.cjs');
        expect(pkg.browser).toBe('./dist/extension/main-browser.js');
        expect(pkg.engines.vscode).toBe('^1.95.0');
        expect(pkg.devDependencies['@types/vscode']).toBe(pkg.engines.vscode.replace('^', ''));
        expect(pkg.activationEvents).toEqual([`onLanguage:${LANGUAGE_ID}`]);
        // The CLI keeps working from the same package.json.
        expect(pkg.bin.dcdpolicy).toBe('./bin/dcdpolicy.js');
    });

    it('contributes the language, its TextMate grammar and its snippets', () => {
        expect(contributes.languages).toHaveLength(1);
        const language = contributes.languages[0];
        expect(language.id).toBe(LANGUAGE_ID);
        expect(language.extensions).toEqual([FILE_EXTENSION]);
        expect(existsSync(join(ROOT, language.configuration))).toBe(true);
        expect(contributes.grammars).toEqual([{ language: LANGUAGE_ID, scopeName: 'source.dcdpolicy', path: './syntaxes/dcdpolicy.tmLanguage.json' }]);
        const generated = join(ROOT, 'syntaxes/dcdpolicy.tmLanguage.json');
        if (existsSync(generated)) expect(JSON.parse(readFileSync(generated, 'utf8')).scopeName).toBe('source.dcdpolicy');
        expect(contributes.snippets).toEqual([{ language: LANGUAGE_ID, path: './snippets/dcdpolicy.json' }]);
    });

    it('contributes every server command, in the DCD Policy category, and the run button', () => {
        const ids = contributes.commands.map((c: { command: string }) => c.command).sort();
        expect(ids).toEqual(Object.values(Commands).sort());
        for (const c of contributes.commands) expect(c.category).toBe('DCD Policy');
        expect(contributes.menus['editor/title']).toContainEqual(expect.objectContaining({
            command: Commands.runSimulation, when: `resourceLangId == ${LANGUAGE_ID}`
        }));
    });

    it('contributes the settings of LANGUAGE.md §9 with the server\'s defaults', () => {
        const props = contributes.configuration.properties;
        expect(props['dcdpolicy.simulation.auto']).toMatchObject({ enum: ['off', 'onSave', 'onType'], default: DEFAULT_SETTINGS.simulation.auto });
        expect(props['dcdpolicy.simulation.maxEvents'].default).toBe(DEFAULT_SETTINGS.simulation.maxEvents);
        expect(props['dcdpolicy.inlayHints.timeline']).toMatchObject({ type: 'boolean', default: DEFAULT_SETTINGS.inlayHints.timeline });
        expect(props['dcdpolicy.trace.server']).toMatchObject({ enum: ['off', 'messages', 'verbose'], default: DEFAULT_SETTINGS.trace.server });
    });

    it('contributes the colours the inline timeline uses', () => {
        const declared = contributes.colors.map((c: { id: string }) => c.id).sort();
        const used = [...read('extension/decorations.ts').matchAll(/ThemeColor\('(dcdpolicy\.[^']+)'\)/g)].map(m => m[1]).sort();
        expect(used).toEqual(declared);
    });

    it('has snippets for every declaration, event and expectation', () => {
        const snippets = JSON.parse(read('snippets/dcdpolicy.json')) as Record<string, { prefix: string | string[]; body: string[]; description: string }>;
        expect(Object.keys(snippets).sort()).toEqual(['add event', 'device', 'expect', 'host', 'partition', 'region', 'release event', 'scenario']);
        for (const [name, s] of Object.entries(snippets)) {
            expect(s.body.length, name).toBeGreaterThan(0);
            expect(s.description, name).not.toBe('');
        }
    });

    it('has a language configuration with comments, brackets, auto-closing and folding markers', () => {
        const config = JSON.parse(read('language-configuration.json'));
        expect(config.comments).toEqual({ lineComment: '//', blockComment: ['/*', '*/'] });
        expect(config.brackets).toContainEqual(['{', '}']);
        expect(config.autoClosingPairs.length).toBeGreaterThan(0);
        expect(new RegExp(config.folding.markers.start).test('// #region pools')).toBe(true);
        expect(new RegExp(config.folding.markers.end).test('    // #endregion')).toBe(true);
        // Names with hyphens are one word (double-click selects `sysram-rfc`, `tag-in-use`).
        expect(new RegExp(config.wordPattern).exec('sysram-rfc ')?.[0]).toBe('sysram-rfc');
    });

    it('ships only what .vscodeignore lets through', () => {
        const lines = read('.vscodeignore').split('\n').filter(l => l.trim() && !l.startsWith('#'));
        expect(lines[0]).toBe('**');
        expect(lines.filter(l => l.startsWith('!') && /\*\*$|\.map/.test(l))).toEqual([]);
    });
});
