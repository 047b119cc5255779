import { DefaultLexer, type LexerResult, type TokenizeOptions } from 'langium';

/**
 * The lexer of the language, with one addition: a block comment that reaches the end of the
 * file without `*\/` (the grammar's ML_COMMENT swallows the rest of the file so nothing after
 * it is misread as policy) is reported as one clear lexing error at the `/*`.
 */
export class DcdPolicyLexer extends DefaultLexer {
    override tokenize(text: string, options?: TokenizeOptions): LexerResult {
        const result = super.tokenize(text, options);
        for (const token of result.hidden) {
            if (token.tokenType.name === 'ML_COMMENT' && (token.image.length < 4 || !token.image.endsWith('*/'))) {
                result.errors.push({
                    offset: token.startOffset,
                    length: 2,
                    line: token.startLine,
                    column: token.startColumn,
                    message: "unterminated comment: this '/*' is never closed; add '*/' where the comment ends"
                });
            }
        }
        return result;
    }
}
