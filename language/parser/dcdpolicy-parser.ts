import { LangiumParser, createParser, type AstNode, type LangiumCoreServices, type ParseResult, type ParserOptions } from 'langium';

/**
 * Chevrotain's description of where in-rule recovery stands: the rule names and occurrence
 * indices from the entry rule down, and the token just expected (its name and occurrence index
 * in the innermost rule). See chevrotain `traits/recoverable.js` `getCurrentGrammarPath`.
 */
interface GrammarPath {
    ruleStack: string[];
    occurrenceStack: number[];
    lastTok: { name: string };
    lastTokOccurrence: number;
}

/** The part of Chevrotain's recognizer this parser tunes (a method of every Chevrotain parser). */
interface RecoveringRecognizer {
    getNextPossibleTokenTypes(path: GrammarPath): unknown[];
}

/**
 * Langium's parser, made cheap on broken input. Error recovery is on (every syntax error is
 * reported and the rest of the file still parses), but Chevrotain pays for each syntax error
 * twice over: it walks the grammar from the entry rule to find the tokens that may follow
 * (`getNextPossibleTokenTypes`, pure in its grammar path), and it throws a recognition
 * exception whose stack trace it captures and never reads. On 3,000 misplaced `device d {`
 * (30 KB, 3,000 syntax errors) that was ~330 ms a parse; with the walk memoized per grammar
 * path and stack traces off while parsing, ~75 ms (issue 5: every input within 1 s).
 * Parse results are unchanged: the memo returns what the walk returned for the same path.
 */
export class DcdPolicyParser extends LangiumParser {
    private readonly follows = new Map<string, unknown[]>();

    constructor(services: LangiumCoreServices) {
        super(services);
        const recognizer = this.wrapper as unknown as RecoveringRecognizer;
        const walk = recognizer.getNextPossibleTokenTypes.bind(recognizer);
        recognizer.getNextPossibleTokenTypes = path => {
            const key = `${path.ruleStack.join(',')}|${path.occurrenceStack.join(',')}|${path.lastTok.name}|${path.lastTokOccurrence}`;
            let follows = this.follows.get(key);
            if (follows === undefined) {
                follows = walk(path);
                this.follows.set(key, follows);
            }
            return follows;
        };
    }

    /**
     * Parses with `Error.stackTraceLimit` at 0 (recognition exceptions are control flow here).
     * Should anything else escape, the parse is repeated with stack traces on, so the error that
     * reaches the caller carries its stack (parsing is deterministic).
     */
    override parse<T extends AstNode = AstNode>(input: string, options?: ParserOptions): ParseResult<T> {
        const limit = Error.stackTraceLimit;
        Error.stackTraceLimit = 0;
        try {
            return super.parse<T>(input, options);
        } catch {
            Error.stackTraceLimit = limit;
            return super.parse<T>(input, options);
        } finally {
            Error.stackTraceLimit = limit;
        }
    }
}

/**
 * Creates and finalizes the parser, as Langium's `createLangiumParser` does for its own class.
 * @param services the language's core services (its grammar and lexer)
 */
export function createDcdPolicyParser(services: LangiumCoreServices): DcdPolicyParser {
    const parser = createParser(services.Grammar, new DcdPolicyParser(services), services.parser.Lexer.definition);
    parser.finalize();
    return parser;
}
