import {
    LangiumCompletionParser, LangiumParser, createParser,
    type AstNode, type CompletionParserResult, type LangiumCoreServices, type ParseResult, type ParserOptions
} from 'langium';
import { MAX_POLICY_SIZE, MAX_SYNTAX_ERRORS, mebibytes } from '../limits.js';

/** A syntax error as the parser reports it (Chevrotain's recognition exception). */
type RecognitionError = ParseResult['parserErrors'][number];
/** A token of the parser's input. */
type Token = RecognitionError['token'];

/**
 * The lexing error of a document over `MAX_POLICY_SIZE` (language/limits.ts), which is read as empty.
 * @param length the document's length in UTF-16 code units
 */
export function tooLargeMessage(length: number): string {
    return `this document is ${mebibytes(length)} MiB; dcdpolicy reads policy files up to ${MAX_POLICY_SIZE / 1048576} MiB, so none of it was read: split it into several files (names resolve across a workspace's files)`;
}

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

/**
 * The error the parser adds when it stops at `MAX_SYNTAX_ERRORS` (language/limits.ts).
 * @param count the syntax errors reported before it
 */
export function tooManyErrorsMessage(count: number): string {
    return `too many syntax errors: reading stopped here after ${count}, and the rest of the file is not checked; fix the errors above first`;
}

/**
 * The parts of Chevrotain's recognizer (traits/recoverable.js, error_handler.js,
 * lexer_adapter.js) this parser tunes: the follow-set walk of in-rule recovery, where syntax
 * errors are saved, and the token vector (padded with EOF sentinels while parsing).
 */
interface RecoveringRecognizer {
    getNextPossibleTokenTypes(path: GrammarPath): unknown[];
    SAVE_ERROR(error: RecognitionError): RecognitionError;
    tokVector: Token[];
    tokVectorLength: number;
    currIdx: number;
}

/**
 * Memoizes Chevrotain's walk for the tokens that may follow a grammar path (in-rule recovery):
 * the walk is pure in its path, and a parse of broken input asks it for the same few paths
 * thousands of times.
 */
function memoizeRecoveryFollows(recognizer: RecoveringRecognizer): void {
    const follows = new Map<string, unknown[]>();
    const walk = recognizer.getNextPossibleTokenTypes.bind(recognizer);
    recognizer.getNextPossibleTokenTypes = path => {
        const key = `${path.ruleStack.join(',')}|${path.occurrenceStack.join(',')}|${path.lastTok.name}|${path.lastTokOccurrence}`;
        let next = follows.get(key);
        if (next === undefined) {
            next = walk(path);
            follows.set(key, next);
        }
        return next;
    };
}

/**
 * Runs a parse with `Error.stackTraceLimit` at 0: Chevrotain throws a recognition exception at
 * every syntax error and never reads its stack. Should anything escape, the parse runs again
 * with stack traces on, so the error that reaches the caller carries its stack (parsing is
 * deterministic).
 */
function withoutStackTraces<T>(parse: () => T): T {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
        return parse();
    } catch {
        Error.stackTraceLimit = limit;
        return parse();
    } finally {
        Error.stackTraceLimit = limit;
    }
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
 *
 * After `MAX_SYNTAX_ERRORS` syntax errors the parser stops reading: the input ends, for the
 * parser, after the token of the last error, and one more error there says so
 * (`tooManyErrorsMessage`); the errors before it are the ones Langium's parser reports.
 *
 * A document over `MAX_POLICY_SIZE` characters is read as empty, with one lexing error at its
 * start (`tooLargeMessage`): its tree would not fit in memory, and a language server that ran
 * out of heap would take every open file down with it.
 */
export class DcdPolicyParser extends LangiumParser {
    /** Syntax errors saved in the current parse. */
    private syntaxErrors = 0;
    /** The token of the error that stopped the current parse, once it stopped. */
    private stoppedAt: Token | undefined;

    constructor(services: LangiumCoreServices) {
        super(services);
        const recognizer = this.wrapper as unknown as RecoveringRecognizer;
        const save = recognizer.SAVE_ERROR.bind(recognizer);
        recognizer.SAVE_ERROR = error => {
            if (this.stoppedAt) return error;
            save(error);
            if (++this.syntaxErrors >= MAX_SYNTAX_ERRORS) {
                // End the input after the offending token: the sentinels Chevrotain pads the
                // vector with (EOF tokens) follow it, so recovery runs out of input at once.
                this.stoppedAt = error.token;
                const end = Math.min(recognizer.currIdx + 2, recognizer.tokVectorLength);
                const eof = recognizer.tokVector[recognizer.tokVector.length - 1];
                const padding = recognizer.tokVector.length - recognizer.tokVectorLength;
                recognizer.tokVector = [...recognizer.tokVector.slice(0, end), ...Array<Token>(padding).fill(eof)];
                recognizer.tokVectorLength = end;
            }
            return error;
        };
        memoizeRecoveryFollows(recognizer);
    }

    /** Parses `input` (over `MAX_POLICY_SIZE`, nothing: see the class) without stack traces. */
    override parse<T extends AstNode = AstNode>(input: string, options?: ParserOptions): ParseResult<T> {
        if (input.length > MAX_POLICY_SIZE) {
            const empty = this.parse<T>('', options);
            empty.lexerErrors.push({ offset: 0, length: 1, line: 1, column: 1, message: tooLargeMessage(input.length) });
            return empty;
        }
        return withoutStackTraces(() => this.parseCapped<T>(input, options));
    }

    /** Langium's parse, stopping at `MAX_SYNTAX_ERRORS` with one more error saying so. */
    private parseCapped<T extends AstNode>(input: string, options?: ParserOptions): ParseResult<T> {
        this.syntaxErrors = 0;
        this.stoppedAt = undefined;
        const result = super.parse<T>(input, options);
        if (this.stoppedAt) {
            result.parserErrors.push({
                name: 'TooManySyntaxErrors', message: tooManyErrorsMessage(this.syntaxErrors), token: this.stoppedAt,
                resyncedTokens: [], context: { ruleStack: [], ruleOccurrenceStack: [] }
            });
            this.stoppedAt = undefined;
        }
        return result;
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

/**
 * Langium's completion parser (it parses the text up to the cursor to find what may come next)
 * with the same memoized recovery walk and no stack traces: 8 completions in a 92 KB broken file
 * took 1.5 s. It does not stop at MAX_SYNTAX_ERRORS: what follows the errors is what completion
 * is about.
 */
export class DcdPolicyCompletionParser extends LangiumCompletionParser {
    constructor(services: LangiumCoreServices) {
        super(services);
        memoizeRecoveryFollows(this.wrapper as unknown as RecoveringRecognizer);
    }

    override parse(input: string): CompletionParserResult {
        return withoutStackTraces(() => super.parse(input));
    }
}

/**
 * Creates and finalizes the completion parser, as Langium's `createCompletionParser` does.
 * @param services the language's core services (its grammar and lexer)
 */
export function createDcdPolicyCompletionParser(services: LangiumCoreServices): DcdPolicyCompletionParser {
    const parser = createParser(services.Grammar, new DcdPolicyCompletionParser(services), services.parser.Lexer.definition);
    parser.finalize();
    return parser;
}
