/**
 * The language server in a web worker (the browser playground, VS Code for the web): the same
 * services as `main-node.ts`, over `postMessage`, with no file system (the client opens the
 * documents). Bundled to `dist/server/main-browser.js` by `scripts/build-server.mjs`.
 */
// Langium 4.4's chevrotain calls Object.groupBy, which older browsers lack.
import 'core-js/actual/object/group-by.js';
import { EmptyFileSystem } from 'langium';
import { startLanguageServer } from 'langium/lsp';
import { BrowserMessageReader, BrowserMessageWriter, createConnection } from 'vscode-languageserver/browser';
import { createDcdPolicyLspServices } from './dcdpolicy-lsp-module.js';

/** The worker's global scope (typed loosely: this project compiles without the DOM libraries). */
const scope = globalThis as unknown as ConstructorParameters<typeof BrowserMessageReader>[0];
const connection = createConnection(new BrowserMessageReader(scope), new BrowserMessageWriter(scope));
const { shared, DcdPolicy } = createDcdPolicyLspServices({ connection, ...EmptyFileSystem });
// Build the lexer and parser now: the page starts this worker before it evaluates monaco, so the
// few hundred milliseconds chevrotain needs overlap the page's own start-up instead of delaying
// the answer to `initialize` (the reader queues messages that arrive meanwhile).
void DcdPolicy.parser.LangiumParser;
startLanguageServer(shared);
