import { DefaultLexer, type LexerResult, type TokenizeOptions } from 'langium';

/** The message of an unterminated block comment (one clear lexing error at the `/*`). */
export const UNTERMINATED_COMMENT = "unterminated comment: this '/*' is never closed; add '*/' where the comment ends";

/**
 * The lexing error of characters no token starts with (Chevrotain says `unexpected character:
 * ->X<- at offset: N, skipped K characters.`): which characters, by code point, and what to do.
 * @param skipped the characters the lexer skipped
 */
export function unexpectedCharactersMessage(skipped: string): string {
    const characters = [...skipped];
    const shown = characters.slice(0, 8).map(c => {
        const code = `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
        return /[\p{L}\p{N}\p{P}\p{S}]/u.test(c) ? `'${c}' (${code})` : code;
    }).join(', ') + (characters.length > 8 ? ', …' : '');
    const [s, them] = characters.length > 1 ? ['s', 'them'] : ['', 'it'];
    return `unexpected character${s} ${shown}: no token of the language starts with ${them}; remove ${them} (names are ASCII letters, digits, '_' and '-')`;
}

/**
 * The lexer of the language, with two additions: characters no token starts with get a message
 * naming them by code point (`unexpectedCharactersMessage`: a NUL byte or a non-breaking space
 * is invisible in the editor); and a block comment that reaches the end of the
 * file without `*\/` is one clear lexing error at its `/*`, and the rest of the file is read as
 * that comment, so nothing after it is misread as policy. (The grammar keeps the plain
 * ML_COMMENT pattern, which `langium generate` turns into proper begin/end highlighting rules.)
 */
export class DcdPolicyLexer extends DefaultLexer {
    override tokenize(text: string, options?: TokenizeOptions): LexerResult {
        const result = this.tokenizeExplained(text, options);
        const open = result.errors.find(e => text.startsWith('/*', e.offset) && text.indexOf('*/', e.offset + 2) < 0);
        if (!open) return result;
        // Lexing is left to right: what precedes the `/*` lexes the same on its own.
        const head = this.tokenizeExplained(text.slice(0, open.offset), options);
        const lines = text.slice(open.offset).split(/\r\n|\r|\n/);
        const startLine = open.line ?? 1;
        const startColumn = open.column ?? 1;
        const endLine = startLine + lines.length - 1;
        const lastLine = lines[lines.length - 1];
        const tokenType = this.definition['ML_COMMENT'];
        head.hidden.push({
            image: text.slice(open.offset), tokenType, tokenTypeIdx: tokenType.tokenTypeIdx!,
            startOffset: open.offset, endOffset: text.length - 1,
            startLine, startColumn, endLine,
            endColumn: lines.length === 1 ? startColumn + lastLine.length - 1 : lastLine.length
        });
        head.errors.push({ offset: open.offset, length: 2, line: startLine, column: startColumn, message: UNTERMINATED_COMMENT });
        return head;
    }

    /** Langium's tokenize, with the unexpected-character errors explained. */
    private tokenizeExplained(text: string, options?: TokenizeOptions): LexerResult {
        const result = super.tokenize(text, options);
        for (const error of result.errors) {
            if (!error.message.startsWith('unexpected character:') || text.startsWith('/*', error.offset)) continue;
            error.message = unexpectedCharactersMessage(text.substr(error.offset, error.length));
        }
        return result;
    }
}
