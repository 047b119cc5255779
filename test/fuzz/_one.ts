import 'core-js/actual/object/group-by.js';
import { readFileSync, writeFileSync } from 'node:fs';
import { PolicyPipeline, SAMPLE_TEXTS } from './harness.ts';
const p = new PolicyPipeline();
for (const t of SAMPLE_TEXTS) await p.run(t);
const text = readFileSync(process.argv[2], 'utf8');
console.error = () => {};
for (let i = 0; i < 3; i++) { const r = await p.run(text); console.log(r.ms.toFixed(0), 'wall', r.wallMs.toFixed(0), r.diagnostics); }
const { Session } = await import('node:inspector/promises');
const s = new Session(); s.connect(); await s.post('Profiler.enable'); await s.post('Profiler.start');
await p.run(text);
const { profile } = await s.post('Profiler.stop');
writeFileSync('/tmp/prof/one.cpuprofile', JSON.stringify(profile));
