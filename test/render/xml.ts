/**
 * A minimal XML well-formedness checker and tree builder for the SVG tests (Node has no
 * DOMParser): balanced tags, quoted attributes without duplicates, only the five predefined
 * entities and character references, no raw `<` or stray `&` in text or attribute values.
 * Throws an Error with the offset on the first problem.
 */

export interface XmlElement {
    name: string;
    attrs: Record<string, string>;
    children: XmlElement[];
    /** Decoded character data directly inside this element. */
    text: string;
    parent?: XmlElement;
}

const NAME = /[A-Za-z_:][A-Za-z0-9_.:-]*/y;
const ENTITY = /&(?:amp|lt|gt|quot|apos|#[0-9]+|#x[0-9A-Fa-f]+);/y;

function decode(raw: string, at: number): string {
    let out = '';
    for (let i = 0; i < raw.length; i++) {
        const ch = raw[i]!;
        if (ch === '<') throw new Error(`raw '<' at ${at + i}`);
        if (ch !== '&') { out += ch; continue; }
        ENTITY.lastIndex = i;
        const m = ENTITY.exec(raw);
        if (!m) throw new Error(`bad entity at ${at + i}: ${raw.slice(i, i + 12)}`);
        const body = m[0].slice(1, -1);
        out += body === 'amp' ? '&' : body === 'lt' ? '<' : body === 'gt' ? '>' : body === 'quot' ? '"' : body === 'apos' ? "'"
            : String.fromCodePoint(body.startsWith('#x') ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10));
        i += m[0].length - 1;
    }
    return out;
}

/** Parses `xml` (one root element, optional surrounding whitespace) or throws. */
export function parseXml(xml: string): XmlElement {
    let i = 0;
    const stack: XmlElement[] = [];
    let root: XmlElement | undefined;
    const name = (): string => {
        NAME.lastIndex = i;
        const m = NAME.exec(xml);
        if (!m) throw new Error(`expected a name at ${i}: ${xml.slice(i, i + 20)}`);
        i += m[0].length;
        return m[0];
    };
    const space = (): void => { while (i < xml.length && /\s/.test(xml[i]!)) i++; };
    while (i < xml.length) {
        const lt = xml.indexOf('<', i);
        const textEnd = lt < 0 ? xml.length : lt;
        const raw = xml.slice(i, textEnd);
        if (raw.length > 0) {
            const top = stack[stack.length - 1];
            if (!top) { if (raw.trim()) throw new Error(`text outside the root at ${i}`); }
            else top.text += decode(raw, i);
        }
        i = textEnd;
        if (i >= xml.length) break;
        if (xml.startsWith('<!--', i)) {
            const end = xml.indexOf('-->', i + 4);
            if (end < 0) throw new Error(`unterminated comment at ${i}`);
            i = end + 3;
            continue;
        }
        if (xml.startsWith('</', i)) {
            i += 2;
            const n = name();
            space();
            if (xml[i] !== '>') throw new Error(`expected '>' at ${i}`);
            i++;
            const top = stack.pop();
            if (!top || top.name !== n) throw new Error(`</${n}> closes <${top?.name ?? 'nothing'}> at ${i}`);
            continue;
        }
        i++;
        const el: XmlElement = { name: name(), attrs: {}, children: [], text: '' };
        for (;;) {
            const before = i;
            space();
            if (xml.startsWith('/>', i)) { i += 2; break; }
            if (xml[i] === '>') { i++; stack.push(el); break; }
            if (i === before) throw new Error(`expected whitespace before an attribute at ${i}`);
            const a = name();
            if (xml[i] !== '=') throw new Error(`expected '=' after ${a} at ${i}`);
            i++;
            const q = xml[i];
            if (q !== '"' && q !== "'") throw new Error(`unquoted value of ${a} at ${i}`);
            const end = xml.indexOf(q, i + 1);
            if (end < 0) throw new Error(`unterminated value of ${a} at ${i}`);
            if (a in el.attrs) throw new Error(`duplicate attribute ${a} at ${i}`);
            el.attrs[a] = decode(xml.slice(i + 1, end), i + 1);
            i = end + 1;
        }
        const parent = stack[stack.length - (stack[stack.length - 1] === el ? 2 : 1)];
        if (parent) { el.parent = parent; parent.children.push(el); }
        else if (root) throw new Error(`second root element <${el.name}> at ${i}`);
        else root = el;
    }
    if (stack.length > 0) throw new Error(`unclosed <${stack[stack.length - 1]!.name}>`);
    if (!root) throw new Error('no root element');
    return root;
}

/** Every element under (and including) `root`, document order. */
export function allElements(root: XmlElement): XmlElement[] {
    const out: XmlElement[] = [];
    const walk = (e: XmlElement): void => { out.push(e); e.children.forEach(walk); };
    walk(root);
    return out;
}

/** The text of an element and all its descendants. */
export function textContent(e: XmlElement): string {
    return e.text + e.children.map(textContent).join('');
}
