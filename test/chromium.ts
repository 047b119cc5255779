import { chromium, type BrowserContext } from 'playwright-core';

/** Debian's Chromium: the only browser these machines can run (TOOLING.md). */
export const CHROMIUM = '/usr/bin/chromium';

/**
 * Opens Debian's Chromium headless on a fresh profile folder (playwright passes it as
 * `--user-data-dir`), with the flags that keep it off the closed network (TOOLING.md).
 * @param profile an empty folder for the profile
 * @param executablePath the Chromium binary (default /usr/bin/chromium)
 */
export function launchChromium(profile: string, executablePath = CHROMIUM): Promise<BrowserContext> {
    return chromium.launchPersistentContext(profile, {
        executablePath,
        headless: true,
        viewport: { width: 1600, height: 1000 },
        args: [
            '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
            '--disable-background-networking', '--disable-component-update', '--disable-sync'
        ]
    });
}
