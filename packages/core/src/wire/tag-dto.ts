import { z } from 'zod';
import { openEnum } from '../model/open-enum.js';

/**
 * What an organization tag labels (the spec's `TagDto.scope`): agents (`TENANTS`) or chat sessions
 * (`CHAT_SESSIONS`).
 *
 * @example
 * ```ts
 * TagScope.parse('CHAT_SESSIONS');
 * ```
 */
export const TagScope = z.enum(['TENANTS', 'CHAT_SESSIONS']);
/** @see {@link TagScope} */
export type TagScope = z.infer<typeof TagScope>;

/**
 * An organization tag as the published spec answers it (`TagDto`): `label` and `scope` required, `createdAt` and
 * `createdBy` (an `EditorDto`) optional. A scope the platform adds later is kept as sent.
 *
 * @example
 * ```ts
 * const tag = TagDto.parse({ label: 'refund', scope: 'CHAT_SESSIONS', createdAt: '2026-11-25T10:00:00Z' });
 * ```
 */
export const TagDto = z.looseObject({
  label: z.string(),
  scope: openEnum(TagScope),
  createdAt: z.string().optional(),
  createdBy: z
    .looseObject({
      id: z.string().optional(),
      email: z.string().optional(),
      name: z.string().optional(),
      type: z.string().optional(),
    })
    .optional(),
});
/** @see {@link TagDto} */
export type TagDto = z.infer<typeof TagDto>;

/**
 * The answer of `listTags_1` (`ListTagResponse`): an array of tags.
 *
 * @example
 * ```ts
 * const tags = ListTagResponse.parse([{ label: 'refund', scope: 'CHAT_SESSIONS' }]);
 * ```
 */
export const ListTagResponse = z.array(TagDto);
/** @see {@link ListTagResponse} */
export type ListTagResponse = z.infer<typeof ListTagResponse>;
