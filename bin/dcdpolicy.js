#!/usr/bin/env node
// The dcdpolicy command (LANGUAGE.md §7). Built by `npm run build` into out/.
import { runCli } from '../out/cli/main.js';

process.exitCode = await runCli(process.argv.slice(2));
