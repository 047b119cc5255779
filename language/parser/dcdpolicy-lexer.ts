import { DefaultLexer, type LexerResult, type TokenizeOptions } from 'langium';

/** The message of an unterminated block comment (one clear lexing error at the `/*`). */
export const UNTERMINATED_COMMENT = "unterminated comment: this '/*' is never closed; add '*/' where the comment ends";

/**
 * The lexer of the language, with one addition: a block comment that reaches the end of the
 * file without `*\/` is one clear lexing error at its `/*`, and the rest of the file is read as
 * that comment, so nothing after it is misread as policy. (The grammar keeps the plain
 * ML_COMMENT pattern, which `langium generate` turns into proper begin/end highlighting rules.)
 */
export class DcdPolicyLexer extends DefaultLexer {
    override tokenize(text: string, options?: TokenizeOptions): LexerResult {
        const result = super.tokenize(text, options);
        const open = result.errors.find(e => text.startsWith('/*', e.offset) && text.indexOf('*/', e.offset + 2) < 0);
        if (!open) return result;
        // Lexing is left to right: what precedes the `/*` lexes the same on its own.
        const head = super.tokenize(text.slice(0, open.offset), options);
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
}
