/**
 * The language server for VS Code and other desktop clients: stdio (`--stdio`), IPC
 * (`--node-ipc`) or a socket, as `vscode-languageserver/node` picks from the command line.
 * Bundled to `dist/server/main-node.cjs` by `scripts/build-server.mjs`.
 */
// Langium 4.4's chevrotain calls Object.groupBy, which Node 20 lacks (TOOLING.md).
import 'core-js/actual/object/group-by.js';
import { startLanguageServer } from 'langium/lsp';
import { NodeFileSystem } from 'langium/node';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { createDcdPolicyLspServices } from './dcdpolicy-lsp-module.js';

const connection = createConnection(ProposedFeatures.all);
const { shared } = createDcdPolicyLspServices({ connection, ...NodeFileSystem });
startLanguageServer(shared);
