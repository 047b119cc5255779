/**
 * The largest policy text dcdpolicy reads: 16 MiB. Langium keeps an AST and a CST node for every
 * token (about 5 KB a line of events), so 16 MiB of policy is already about 1 GiB of heap; a
 * 100,000-line workspace is about 3 MiB. The CLI refuses a larger file before reading it
 * (cli/files.ts, in bytes); the parser reads a larger document as empty with one lexing error
 * (language/parser/dcdpolicy-parser.ts, in UTF-16 code units), so the language server stays up
 * (issue 5: bad input gets a clear error in bounded time and memory).
 */
export const MAX_POLICY_SIZE = 16 * 1024 * 1024;

/** `size` (bytes or characters) as MiB with one decimal: `20.0`. */
export function mebibytes(size: number): string {
    return (size / 1048576).toFixed(1);
}

/**
 * The syntax errors the parser reports before it stops reading a document (as clang's
 * `-ferror-limit`): recovering from each costs about 0.1 ms, so a file of 24,000 broken lines took
 * 2 s a keystroke. The parse stops at the 100th error with one more error saying so; what
 * follows is not read (language/parser/dcdpolicy-parser.ts).
 */
export const MAX_SYNTAX_ERRORS = 100;
