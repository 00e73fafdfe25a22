/** What a dialect's request parser returns. */
import type { SimConversation } from '../types.ts';

export type ParseResult<Extra = object> =
  | { ok: true; conversation: SimConversation; extra: Extra }
  /** A 400 in the dialect's error shape. */
  | { ok: false; message: string };
