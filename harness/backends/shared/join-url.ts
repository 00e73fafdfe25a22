/**
 * Joins a user-given base URL and an upstream path. Users often paste the OpenAI-style base
 * (`http://host:1234/v1`); a path that already starts with that `/v1` is not doubled.
 */
export function joinUpstreamUrl(baseUrl: string, path: string): string {
  let base = baseUrl.replace(/\/+$/, '');
  const suffix = path.startsWith('/') ? path : `/${path}`;
  if (base.endsWith('/v1') && suffix.startsWith('/v1/')) base = base.slice(0, -3);
  return `${base}${suffix}`;
}
