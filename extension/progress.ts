/**
 * A progress notification for any simulation the user started that takes more than a second
 * (shorter runs show none: a flash of a notification is noise). Cancelling it cancels the
 * server request (the simulation service stops at its next cancellation check).
 */
import * as vscode from 'vscode';

/** How long a run may take before its progress notification appears. */
export const PROGRESS_DELAY_MS = 1000;

/**
 * Runs `work` with a cancellation token; shows a cancellable progress notification titled
 * `title` once it has run for `delayMs`.
 */
export async function withSlowProgress<T>(title: string, work: (token: vscode.CancellationToken) => Thenable<T>, delayMs = PROGRESS_DELAY_MS): Promise<T> {
    const source = new vscode.CancellationTokenSource();
    const running = Promise.resolve(work(source.token));
    let settled = false;
    const done = running.then(() => { settled = true; }, () => { settled = true; });
    const timer = setTimeout(() => {
        if (settled) return;
        void vscode.window.withProgress(
            { location: vscode.ProgressLocation.Notification, title, cancellable: true },
            (_progress, token) => {
                token.onCancellationRequested(() => source.cancel());
                return done;
            }
        );
    }, delayMs);
    try {
        return await running;
    } finally {
        clearTimeout(timer);
        source.dispose();
    }
}
