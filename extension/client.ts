/**
 * What the desktop and web entries share: the language client's options and middleware, and
 * the presentation parts wired to the server's `dcdpolicy/simulationResult` notification — the
 * result store, the inline timeline (decorations), the timeline and compare views, the commands.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient, LanguageClientOptions, Middleware } from 'vscode-languageclient';
import { LANGUAGE_ID, SimulationResultNotification } from '../server/protocol.js';
import { CommandRunner } from './commands.js';
import { CompareView } from './compare-view.js';
import { InlineTimeline } from './decorations.js';
import { ResultStore } from './results.js';
import { TimelineView } from './timeline-view.js';

/** The client id: VS Code reads `dcdpolicy.trace.server` for it. */
export const CLIENT_ID = LANGUAGE_ID;
export const CLIENT_NAME = 'DCD Policy Language Server';

export function clientOptions(middleware: Middleware): LanguageClientOptions {
    return {
        documentSelector: [{ language: LANGUAGE_ID }],
        outputChannelName: CLIENT_NAME,
        // Settings are pulled (`workspace/configuration`); the server registers for changes.
        middleware
    };
}

/**
 * Creates the client with `create`, wires the views and commands to it, and starts it (so the
 * server's commands are registered before `activate` returns).
 */
export async function startClient(
    context: vscode.ExtensionContext,
    create: (options: LanguageClientOptions) => BaseLanguageClient
): Promise<BaseLanguageClient> {
    const middleware: Middleware = {};
    const client = create(clientOptions(middleware));

    const results = new ResultStore();
    const inline = new InlineTimeline(results);
    const timeline = new TimelineView(context.extensionUri, results);
    const compare = new CompareView(context.extensionUri);
    const output = vscode.window.createOutputChannel('DCD Policy');
    const runner = new CommandRunner(client, results, timeline, compare, output);

    middleware.executeCommand = (command, args, next) => runner.execute(command, args, next);
    middleware.provideInlayHints = async (document, viewPort, token, next) =>
        inline.filterInlayHints(document, await next(document, viewPort, token));

    context.subscriptions.push(
        results, inline, timeline, compare, output,
        client.onNotification(SimulationResultNotification.type, params => { results.set(params); })
    );
    await client.start();
    return client;
}
