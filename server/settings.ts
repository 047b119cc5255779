/**
 * The `dcdpolicy` settings (LANGUAGE.md §9): read through Langium's ConfigurationProvider
 * (the client answers `workspace/configuration` for the section `dcdpolicy`, and pushes
 * `workspace/didChangeConfiguration`), kept as one snapshot the providers read synchronously.
 */
import { DefaultConfigurationProvider, type ConfigurationInitializedParams, type LangiumSharedCoreServices } from 'langium';
import type { DidChangeConfigurationParams } from 'vscode-languageserver-protocol';
import { DEFAULT_SETTINGS, LANGUAGE_ID, type DcdPolicySettings, type SimulationAuto } from './protocol.js';

/**
 * Langium's configuration provider, plus: a `didChangeConfiguration` without settings (the
 * pull model, e.g. monaco or VS Code without `synchronize`) fetches the section again, and the
 * whole section can be read at once.
 */
export class DcdPolicyConfigurationProvider extends DefaultConfigurationProvider {
    private fetch?: ConfigurationInitializedParams['fetchConfiguration'];

    override async initialized(params: ConfigurationInitializedParams): Promise<void> {
        this.fetch = params.fetchConfiguration;
        await super.initialized(params);
    }

    override updateConfiguration(change: DidChangeConfigurationParams): void {
        const settings = change.settings as unknown;
        if (settings && typeof settings === 'object' && LANGUAGE_ID in settings) {
            super.updateConfiguration(change);
            return;
        }
        // No section in the notification: ask the client for it.
        if (this.workspaceConfig && this.fetch) {
            this.fetch([{ section: LANGUAGE_ID }]).then(configs => {
                const section = Array.isArray(configs) ? configs[0] : undefined;
                super.updateConfiguration({ settings: { [LANGUAGE_ID]: section ?? {} } });
            }).catch(err => console.error('dcdpolicy: fetching the configuration failed:', err));
        }
    }

    /** The whole settings section of a language, as the client sent it (undefined before any). */
    section(languageId: string): unknown {
        return this.settings[this.toSectionName(languageId)];
    }
}

/** Reads a setting from a section that may be nested (`{simulation: {auto}}`) or flat (`{'simulation.auto': …}`). */
function read(section: unknown, path: string): unknown {
    if (!section || typeof section !== 'object') return undefined;
    const record = section as Record<string, unknown>;
    if (path in record) return record[path];
    let value: unknown = section;
    for (const key of path.split('.')) {
        if (!value || typeof value !== 'object') return undefined;
        value = (value as Record<string, unknown>)[key];
    }
    return value;
}

const AUTO_VALUES: readonly SimulationAuto[] = ['off', 'onSave', 'onType'];

/** The settings a section stands for, with defaults for whatever is missing or malformed. */
export function normalizeSettings(section: unknown): DcdPolicySettings {
    const auto = read(section, 'simulation.auto');
    const maxEvents = read(section, 'simulation.maxEvents');
    const timeline = read(section, 'inlayHints.timeline');
    const trace = read(section, 'trace.server');
    return {
        simulation: {
            auto: AUTO_VALUES.includes(auto as SimulationAuto) ? auto as SimulationAuto : DEFAULT_SETTINGS.simulation.auto,
            maxEvents: typeof maxEvents === 'number' && Number.isFinite(maxEvents) && maxEvents > 0 ? Math.floor(maxEvents) : DEFAULT_SETTINGS.simulation.maxEvents
        },
        inlayHints: { timeline: typeof timeline === 'boolean' ? timeline : DEFAULT_SETTINGS.inlayHints.timeline },
        trace: { server: trace === 'messages' || trace === 'verbose' ? trace : 'off' }
    };
}

/**
 * The current settings. Never waits: until the client has answered, the defaults apply (so
 * providers and tests that run without an `initialized` handshake see the defaults).
 */
export class DcdPolicySettingsService {
    private current: DcdPolicySettings = normalizeSettings(undefined);
    private readonly listeners: Array<(settings: DcdPolicySettings, previous: DcdPolicySettings) => void> = [];

    constructor(shared: LangiumSharedCoreServices) {
        const provider = shared.workspace.ConfigurationProvider;
        provider.ready.then(() => {
            if (provider instanceof DcdPolicyConfigurationProvider) this.apply(provider.section(LANGUAGE_ID));
        }).catch(() => { /* never initialized: defaults */ });
        provider.onConfigurationSectionUpdate(update => {
            if (update.section === LANGUAGE_ID) this.apply(update.configuration);
        });
    }

    get settings(): DcdPolicySettings {
        return this.current;
    }

    /** Replaces the settings with those of a section (tests call it directly). */
    apply(section: unknown): void {
        const previous = this.current;
        this.current = normalizeSettings(section);
        for (const listener of this.listeners) listener(this.current, previous);
    }

    onChange(listener: (settings: DcdPolicySettings, previous: DcdPolicySettings) => void): void {
        this.listeners.push(listener);
    }
}
