/**
 * Test helpers for the language server: fresh LSP services (optionally with a fake
 * connection that records what the server sends), documents at chosen uris, and the policy
 * texts the tests share.
 */
import { EmptyFileSystem, URI, type LangiumDocument } from 'langium';
import type { Connection } from 'vscode-languageserver';
import { parseHelper } from 'langium/test';
import { createDcdPolicyLspServices, type DcdPolicyLspServices } from '../../server/dcdpolicy-lsp-module.js';
import type { LangiumSharedServices } from 'langium/lsp';
import type { PolicyFile } from '../../language/generated/ast.js';

/** What a fake connection recorded. */
export interface Recorded {
    notifications: Array<{ method: string; params: unknown }>;
    requests: string[];
}

/** A connection that records notifications and requests (everything else is never called by the services under test). */
export function fakeConnection(): { connection: Connection; recorded: Recorded } {
    const recorded: Recorded = { notifications: [], requests: [] };
    const method = (type: unknown) => typeof type === 'string' ? type : (type as { method: string }).method;
    const connection = {
        sendNotification: (type: unknown, params: unknown) => { recorded.notifications.push({ method: method(type), params }); return Promise.resolve(); },
        sendRequest: (type: unknown) => { recorded.requests.push(method(type)); return Promise.resolve(null); }
    };
    return { connection: connection as unknown as Connection, recorded };
}

export interface TestServer {
    shared: LangiumSharedServices;
    services: DcdPolicyLspServices;
    recorded: Recorded;
    /** Adds (or replaces) a document at `file:///ws/<name>` and builds it (validated). */
    open(name: string, text: string): Promise<LangiumDocument<PolicyFile>>;
}

/**
 * Fresh services. `refresh` makes the (fake) client announce code lens and inlay hint refresh
 * support, as VS Code does.
 */
export async function testServer(options: { refresh?: boolean; connection?: boolean } = {}): Promise<TestServer> {
    const fake = fakeConnection();
    const { shared, DcdPolicy } = createDcdPolicyLspServices({ ...EmptyFileSystem, ...(options.connection === false ? {} : { connection: fake.connection }) });
    await shared.lsp.LanguageServer.initialize({
        processId: null, rootUri: null, workspaceFolders: null,
        capabilities: options.refresh ? { workspace: { codeLens: { refreshSupport: true }, inlayHint: { refreshSupport: true } } } : {}
    });
    const parse = parseHelper<PolicyFile>(DcdPolicy);
    return {
        shared, services: DcdPolicy, recorded: fake.recorded,
        open: async (name, text) => {
            // Opening a name again replaces the document (an edit).
            const documents = shared.workspace.LangiumDocuments;
            if (documents.hasDocument(uriOf(name))) documents.deleteDocument(uriOf(name));
            return parse(text, { documentUri: `file:///ws/${name}`, validation: true });
        }
    };
}

export const uriOf = (name: string) => URI.parse(`file:///ws/${name}`);

/** A small complete workspace: host, device, tag, sysram region and a scenario with expectations. */
export const POOL = `/** Lab host running the sysram-rfc patches. */
host lab01 {
    kernel sysram-rfc
    memory_block_size 128MiB
    node 0 dram 64GiB
    node 2
}

/** QEMU's cxl-type3 with one DC region. */
device mem0 {
    static_capacity 2GiB
    model qemu
    partition dc0 {
        base 0x80000000
        length 4GiB
        block_size 2MiB
    }
}

/** The tiering service's allocation. */
tag pool = 5be13bce-ae34-4a77-b6c3-16df975fcf1a

/** Pool memory handed to a memory-tiering service as private system RAM. */
region pool0 {
    partition mem0.dc0
    range 0x0 size 2GiB
    driver sysram
    accept tag pool
    zone movable
    node 2 N_MEMORY_PRIVATE
}

scenario grow {
    host lab01
    at 0s add mem0.dc0 tag pool extents { 0x0 size 256MiB, 0x10000000 size 256MiB } as set_a
    at 1s add mem0.dc0 untagged extent 0x20000000 size 128MiB as stray
    at 4s alloc unmovable pool0 size 2MiB as slab
    expect set_a accepted
    expect stray rejected untagged-not-accepted
    expect slab failed ENOMEM
    expect region pool0 online 512MiB
}

scenario wrong {
    host lab01
    at 0s add mem0.dc0 tag pool extent 0x0 size 128MiB as one
    expect one rejected
    expect region pool0 online 1GiB
}
`;
