/** Every samples/*.dcdpolicy file, sorted by name; bundled by scripts/build-playground.mjs. */
declare module 'virtual:samples' {
    const samples: ReadonlyArray<{ readonly name: string; readonly text: string }>;
    export default samples;
}
