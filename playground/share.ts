/**
 * Share by URL: the policy text, deflated (`CompressionStream('deflate-raw')`) and base64url
 * encoded, lives in the URL fragment (`#code=…`), which browsers never send to a server. A
 * bundled sample is shared by name (`#sample=flagship-sysram-private-pool.dcdpolicy`).
 */

/** What a fragment names. */
export type SharedSource = { kind: 'code'; text: string } | { kind: 'sample'; name: string } | { kind: 'none' };

export async function encodePolicy(text: string): Promise<string> {
    const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('deflate-raw'));
    const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
    return toBase64Url(bytes);
}

export async function decodePolicy(encoded: string): Promise<string> {
    const stream = new Blob([fromBase64Url(encoded)]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
    return new Response(stream).text();
}

/** The fragment for a text (`code=…`). */
export async function codeFragment(text: string): Promise<string> {
    return `code=${await encodePolicy(text)}`;
}

/** Reads `#code=…` or `#sample=…`; a fragment that does not decode is reported, not thrown. */
export async function readFragment(hash: string): Promise<SharedSource | { kind: 'error'; message: string }> {
    const params = new URLSearchParams(hash.replace(/^#/, ''));
    const code = params.get('code');
    if (code) {
        try {
            return { kind: 'code', text: await decodePolicy(code) };
        } catch {
            return { kind: 'error', message: 'The link\'s policy text is damaged (it did not decompress); showing a sample instead.' };
        }
    }
    const sample = params.get('sample');
    if (sample) return { kind: 'sample', name: sample };
    return { kind: 'none' };
}

function toBase64Url(bytes: Uint8Array): string {
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array<ArrayBuffer> {
    const base64 = text.replace(/-/g, '+').replace(/_/g, '/');
    const binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
}
