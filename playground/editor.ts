/**
 * monaco-editor for dcdpolicy: the editor API without monaco's bundled languages, its editor
 * worker (a separate bundle), the language id with the Monarch grammar `langium generate`
 * writes and the extension's language configuration, and a light theme.
 */
import * as monaco from 'monaco-editor/editor/editor.api.js';
import monarch from '../syntaxes/dcdpolicy.monarch.js';
import languageConfiguration from '../language-configuration.json';
import type { LANGUAGE_ID as LanguageIdType } from '../server/protocol.js';

export { monaco };

export const LANGUAGE_ID: typeof LanguageIdType = 'dcdpolicy';

/** monaco's editor worker (built by scripts/build-playground.mjs next to main.js). */
export function installWorkers(): void {
    (globalThis as unknown as { MonacoEnvironment: monaco.Environment }).MonacoEnvironment = {
        getWorker: () => new Worker(new URL('./editor.worker.js', import.meta.url), { name: 'monaco editor worker' })
    };
}

type JsonRule = { beforeText: string; afterText?: string; previousLineText?: string; action: { indent: string; appendText?: string; removeText?: number } };

/** language-configuration.json is VS Code's format (regular expressions as strings); monaco wants RegExps. */
function toMonacoConfiguration(json: typeof languageConfiguration): monaco.languages.LanguageConfiguration {
    const indent: Record<string, monaco.languages.IndentAction> = {
        none: monaco.languages.IndentAction.None,
        indent: monaco.languages.IndentAction.Indent,
        indentOutdent: monaco.languages.IndentAction.IndentOutdent,
        outdent: monaco.languages.IndentAction.Outdent
    };
    return {
        comments: { lineComment: json.comments.lineComment, blockComment: json.comments.blockComment as [string, string] },
        brackets: json.brackets as Array<[string, string]>,
        autoClosingPairs: json.autoClosingPairs,
        autoCloseBefore: json.autoCloseBefore,
        surroundingPairs: json.surroundingPairs.map(([open, close]) => ({ open: open!, close: close! })),
        folding: { markers: { start: new RegExp(json.folding.markers.start), end: new RegExp(json.folding.markers.end) } },
        wordPattern: new RegExp(json.wordPattern),
        indentationRules: {
            increaseIndentPattern: new RegExp(json.indentationRules.increaseIndentPattern),
            decreaseIndentPattern: new RegExp(json.indentationRules.decreaseIndentPattern)
        },
        onEnterRules: (json.onEnterRules as JsonRule[]).map(rule => ({
            beforeText: new RegExp(rule.beforeText),
            ...(rule.afterText ? { afterText: new RegExp(rule.afterText) } : {}),
            ...(rule.previousLineText ? { previousLineText: new RegExp(rule.previousLineText) } : {}),
            action: {
                indentAction: indent[rule.action.indent] ?? monaco.languages.IndentAction.None,
                ...(rule.action.appendText !== undefined ? { appendText: rule.action.appendText } : {}),
                ...(rule.action.removeText !== undefined ? { removeText: rule.action.removeText } : {})
            }
        }))
    };
}

type MonarchRule = { regex: RegExp | string; action: unknown };
type MonarchGrammar = { tokenizer: Record<string, MonarchRule[] | Array<{ include: string }>> } & Record<string, unknown>;

/**
 * The generated grammar matches a block comment with one regular expression, but Monarch
 * tokenizes line by line, so a comment over several lines would lose its colour after the
 * first. Block comments become a `comment` state, the way monaco's own grammars do it.
 */
export function withMultiLineComments(grammar: MonarchGrammar): MonarchGrammar {
    const isBlockComment = (rule: unknown) => {
        const regex = (rule as Partial<MonarchRule>).regex;
        return (regex instanceof RegExp ? regex.source : String(regex ?? '')).startsWith('\\/\\*');
    };
    const tokenizer = { ...grammar.tokenizer };
    for (const [state, rules] of Object.entries(tokenizer)) {
        tokenizer[state] = (rules as unknown[]).map(rule => isBlockComment(rule)
            ? { regex: /\/\*/, action: { token: 'comment', next: '@blockComment' } }
            : rule) as MonarchRule[];
    }
    tokenizer['blockComment'] = [
        { regex: /[^/*]+/, action: { token: 'comment' } },
        { regex: /\*\//, action: { token: 'comment', next: '@pop' } },
        { regex: /[/*]/, action: { token: 'comment' } }
    ];
    return { ...grammar, tokenizer };
}

export const THEME = 'dcdpolicy-light';

export function registerLanguage(): void {
    monaco.languages.register({ id: LANGUAGE_ID, extensions: ['.dcdpolicy'], aliases: ['DCD Policy', 'dcdpolicy'] });
    monaco.languages.setMonarchTokensProvider(LANGUAGE_ID, withMultiLineComments(monarch as unknown as MonarchGrammar) as unknown as monaco.languages.IMonarchLanguage);
    monaco.languages.setLanguageConfiguration(LANGUAGE_ID, toMonacoConfiguration(languageConfiguration));
    // Token names are the grammar's terminal names (UUID, DURATION, NUMBER, ID) and Monarch's keyword/comment/string.
    monaco.editor.defineTheme(THEME, {
        base: 'vs',
        inherit: true,
        rules: [
            { token: 'keyword', foreground: '0550AE' },
            { token: 'NUMBER', foreground: '953800' },
            { token: 'DURATION', foreground: '116329' },
            { token: 'UUID', foreground: '8250DF' },
            { token: 'string', foreground: '0A3069' },
            { token: 'comment', foreground: '6E7781', fontStyle: 'italic' },
            { token: 'ID', foreground: '1F2328' },
            { token: 'operator', foreground: '57606A' }
        ],
        colors: {
            'editor.background': '#FFFFFF',
            'editor.foreground': '#1F2328',
            'editorLineNumber.foreground': '#8C959F',
            'editorLineNumber.activeForeground': '#1F2328',
            'editor.lineHighlightBackground': '#F6F8FA',
            'editor.lineHighlightBorder': '#00000000',
            'editorCodeLens.foreground': '#59636E',
            'editorInlayHint.foreground': '#57606A',
            'editorInlayHint.background': '#EEF1F4',
            'editorGutter.background': '#FFFFFF',
            'editorIndentGuide.background1': '#EAEEF2',
            'editorWidget.background': '#FFFFFF',
            'editorHoverWidget.background': '#FFFFFF',
            'editorHoverWidget.foreground': '#1F2328',
            'editorHoverWidget.border': '#D0D7DE',
            'textCodeBlock.background': '#EEF1F4'
        }
    });
}

/** The font stacks of the page (system fonts only: nothing is fetched). */
export const MONO_FONT = "ui-monospace, 'SFMono-Regular', 'Cascadia Mono', 'DejaVu Sans Mono', 'Liberation Mono', Menlo, Consolas, monospace";

export function createEditor(host: HTMLElement): monaco.editor.IStandaloneCodeEditor {
    return monaco.editor.create(host, {
        // No default model: monaco's LSP client opens every model on the server, and a
        // plaintext `inmemory://model/1` is not a .dcdpolicy document.
        model: null,
        theme: THEME,
        automaticLayout: true,
        fontFamily: MONO_FONT,
        fontSize: 13.5,
        lineHeight: 21,
        minimap: { enabled: false },
        scrollBeyondLastLine: false,
        renderLineHighlight: 'line',
        codeLens: true,
        codeLensFontFamily: MONO_FONT,
        codeLensFontSize: 12,
        inlayHints: { enabled: 'on', fontFamily: MONO_FONT, fontSize: 12, padding: true },
        hover: { delay: 250 },
        fixedOverflowWidgets: true,
        tabSize: 4,
        insertSpaces: true,
        padding: { top: 8 },
        'semanticHighlighting.enabled': false,
        glyphMargin: false,
        folding: true,
        stickyScroll: { enabled: false },
        guides: { indentation: true },
        quickSuggestions: { other: true, comments: false, strings: false }
    });
}
