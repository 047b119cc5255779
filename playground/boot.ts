/**
 * Loaded before main.js (a tiny classic script): starts the language server's worker at once,
 * so its start-up (parsing the bundle, building the Langium parser) runs while the page is
 * still evaluating monaco. main.ts picks the worker up from `globalThis`.
 */
const scope = globalThis as unknown as { dcdpolicyServerWorker?: Worker; dcdpolicyServerError?: string };
try {
    const worker = new Worker(new URL('server.worker.js', document.baseURI), { name: 'dcdpolicy language server' });
    worker.addEventListener('error', event => { scope.dcdpolicyServerError = event.message || 'the worker could not start'; });
    scope.dcdpolicyServerWorker = worker;
} catch (err) {
    scope.dcdpolicyServerError = err instanceof Error ? err.message : String(err);
}
