/**
 * The dcdpolicy language server's custom protocol, declared once and shared by the server, the
 * VS Code extension and the browser playground: command ids and their results, the settings,
 * and the typed `dcdpolicy/simulationResult` notification.
 *
 * Keep this file free of Langium: it may import only `vscode-languageserver-protocol` /
 * `vscode-jsonrpc` and the plain model types, so a client can bundle it without the server.
 */
import { NotificationType } from 'vscode-languageserver-protocol';
import type { KernelProfile, ScenarioResult } from '../language/model/types.js';

/** The language id, file extension and settings section (LANGUAGE.md §9). */
export const LANGUAGE_ID = 'dcdpolicy';
export const FILE_EXTENSION = '.dcdpolicy';

/** Commands the server executes (`workspace/executeCommand`). */
export const Commands = {
    /** Arguments `[uri, scenarioName, astNodePath?]`; result {@link RunSimulationResult}. */
    runSimulation: 'dcdpolicy.runSimulation',
    /** Arguments `[uri]`; every scenario of the file; result {@link RunAllTestsResult}. */
    runAllTests: 'dcdpolicy.runAllTests',
    /** Arguments `[uri, scenarioName, kernels?: KernelProfile[]]`; result {@link CompareKernelsResult}. */
    compareKernels: 'dcdpolicy.compareKernels',
    /** Arguments `[uri, scenarioName]`: sends the stored result again as a notification (the summary lens runs it); result `boolean` (a result was stored). */
    showTimeline: 'dcdpolicy.showTimeline'
} as const;

/** One inline-timeline line: what the editor shows after an event or an expectation. */
export interface TimelineLine {
    /** 1-based, as in {@link ScenarioResult} (`line` of events and expectations). */
    line: number;
    /** `accepted → online movable N_MEMORY_PRIVATE`, `rejected: tag-mismatch`, `✓`, `✗ actual 0B`. */
    text: string;
}

/** The parameters of {@link SimulationResultNotification}. */
export interface SimulationResultParams {
    /** The document the scenario is written in. */
    uri: string;
    /** The document version the simulation ran on (absent when the client never sent one). */
    version?: number;
    /** The scenario's name (quoted names without their quotes). */
    scenario: string;
    /**
     * The simulation result (LANGUAGE.md §8). Results of very large scenarios are cut to the
     * first events and extents; `truncated` then says how many there were.
     */
    result: ScenarioResult;
    /** The timeline drawn as SVG by `renderSvgTimeline` (the same drawing as `simulate --format svg`). */
    svg: string;
    /** `summaryLine(result)`: `✓ 4 events · 3 accepted · 1 rejected · 2/2 expectations`. */
    summary: string;
    /** The inline timeline after every event line (the inlay hints' text). */
    events: TimelineLine[];
    /** Pass or fail after every expectation line. */
    expectations: TimelineLine[];
    /** Present when `result` was cut: the full counts. */
    truncated?: { events: number; extents: number };
}

/** Sent after every simulation run (the command, or automatically on save / while typing). */
export namespace SimulationResultNotification {
    export const method = 'dcdpolicy/simulationResult' as const;
    export const type = new NotificationType<SimulationResultParams>(method);
}

/** Why a run produced no result. */
export type RunFailure =
    /** The scenario exceeded `dcdpolicy.simulation.maxEvents` processed events. */
    | { kind: 'budget-exceeded'; message: string; maxEvents: number }
    /** No scenario of that name in the document. */
    | { kind: 'no-such-scenario'; message: string };

/** One scenario's run, as the commands return it. */
export interface ScenarioRunSummary {
    scenario: string;
    /** `summaryLine(result)`, or the failure's message. */
    summary: string;
    /** Expectations that held / failed. */
    passed: number;
    failed: number;
    failure?: RunFailure;
}

/** The result of `dcdpolicy.runSimulation`. */
export type RunSimulationResult = ScenarioRunSummary;

/** The result of `dcdpolicy.runAllTests`: one count per expectation, as `dcdpolicy test` prints. */
export interface RunAllTestsResult {
    passed: number;
    failed: number;
    scenarios: ScenarioRunSummary[];
}

/** The result of `dcdpolicy.compareKernels`: the scenario under each profile. */
export interface CompareKernelsResult {
    scenario: string;
    results: Array<{ kernel: KernelProfile; summary: string; result?: ScenarioResult; failure?: RunFailure }>;
    /** `renderCompareText` of the results: the side-by-side table of `dcdpolicy compare`. */
    text: string;
}

/** When simulations run by themselves (`dcdpolicy.simulation.auto`). */
export type SimulationAuto = 'off' | 'onSave' | 'onType';

/** The `dcdpolicy` settings section (LANGUAGE.md §9). */
export interface DcdPolicySettings {
    simulation: {
        /** Default `onSave`. */
        auto: SimulationAuto;
        /** Processed events (records, timers, actions) one editor run may take (default 1,000,000). */
        maxEvents: number;
    };
    inlayHints: {
        /** The inline timeline as inlay hints (default true). */
        timeline: boolean;
    };
    trace: {
        /** Read by the client (`off`, `messages`, `verbose`); the server ignores it. */
        server: 'off' | 'messages' | 'verbose';
    };
}

export const DEFAULT_SETTINGS: DcdPolicySettings = {
    simulation: { auto: 'onSave', maxEvents: 1_000_000 },
    inlayHints: { timeline: true },
    trace: { server: 'off' }
};
