/** Small TypeBox helpers for the schemas in core/ and report/. */
import Type from 'typebox';

/**
 * A union that the JSON schema states as `oneOf` (exactly one case matches) rather than TypeBox's
 * `anyOf`: the run record's cases are disjoint on a discriminant, and `oneOf` says so to readers.
 */
export function oneOf<T extends Type.TSchema[]>(schemas: [...T]): Type.TUnsafe<Type.Static<Type.TUnion<T>>> {
  return Type.Unsafe<Type.Static<Type.TUnion<T>>>({ oneOf: schemas });
}
