import { defineConfig } from 'vitest/config';

export default defineConfig({
    test: {
        // Langium 4.4's chevrotain calls Object.groupBy, which Node 20 lacks (TOOLING.md).
        setupFiles: ['core-js/actual/object/group-by'],
        include: ['test/**/*.test.ts'],
        testTimeout: 30_000
    }
});
