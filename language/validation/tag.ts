/**
 * Tag checks (LANGUAGE.md §1 "UUID", DOMAIN.md §1.2: the all-zero tag means untagged).
 */
import type { ValidationAcceptor } from 'langium';
import type { TagDecl, TagRef } from '../generated/ast.js';
import { canonicalUuid } from '../literals.js';
import { NULL_UUID } from '../model/types.js';
import { TAG_DUPLICATE_UUID, TAG_NULL_UUID } from './codes.js';
import { where } from './util.js';
import type { WorkspaceViews } from './workspace-view.js';

/**
 * A named tag is never the null uuid: the null uuid means *untagged* and is written `untagged`.
 * @see LANGUAGE.md §1; DOMAIN.md §1.2
 */
export function tagMustNotBeTheNullUuid(tag: TagDecl, accept: ValidationAcceptor): void {
    if (!tag.uuid || canonicalUuid(tag.uuid) !== NULL_UUID) return;
    accept('error', `tag ${tag.name} is the null uuid, which means untagged; remove the tag and write \`untagged\` where it is used`, {
        node: tag, property: 'uuid', code: TAG_NULL_UUID
    });
}

/**
 * A tag written as a literal uuid is never the null uuid: write `untagged` (on a region's
 * accept clause a null uuid among tags would mix tagged and untagged acceptance).
 * @see LANGUAGE.md §1; DOMAIN.md §1.2, §4 (exclusive-or)
 */
export function tagLiteralMustNotBeTheNullUuid(ref: TagRef, accept: ValidationAcceptor): void {
    if (!ref.uuid || canonicalUuid(ref.uuid) !== NULL_UUID) return;
    const where = ref.$container.$type === 'AcceptSetting' ? '`accept untagged`' : '`untagged`';
    accept('error', `the null uuid means untagged; write ${where} instead`, {
        node: ref, property: 'uuid', code: TAG_NULL_UUID
    });
}

/**
 * Two tag names for one uuid are one tag: a region accepting one accepts the other, and
 * host-wide tag uniqueness treats them as the same group (warning).
 * @see DOMAIN.md §3.3 (host-wide tag uniqueness)
 */
export const tagUuidsShouldBeUnique = (views: WorkspaceViews) => (tag: TagDecl, accept: ValidationAcceptor): void => {
    if (!tag.uuid) return;
    const uuid = canonicalUuid(tag.uuid);
    if (uuid === NULL_UUID) return;
    const others = (views.get(tag).tagsByUuid.get(uuid) ?? []).filter(t => t !== tag && t.name !== tag.name);
    if (others.length === 0) return;
    const names = others.map(o => `${o.name} (${where(o, tag)})`);
    accept('warning', `tag ${tag.name} has the same uuid as ${names.join(', ')}; they are one tag to the device and the host: use one name, or give each its own uuid`, {
        node: tag, property: 'uuid', code: TAG_DUPLICATE_UUID
    });
};
