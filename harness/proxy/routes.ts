/** URL → session and route. `/s/<id>/…` selects a session; query strings (`?beta=true`) are ignored. */
import { defaultSessionId } from './sessions.ts';

export type RouteName = 'messages' | 'count_tokens' | 'models' | 'health';

export interface ResolvedRoute {
  sessionId: string;
  /** The path without the session prefix and query. */
  path: string;
  route: RouteName | null;
  /** True when the path exists but not for this method. */
  wrongMethod: boolean;
}

const routes: ReadonlyArray<readonly [string, string, RouteName]> = [
  ['POST', '/v1/messages', 'messages'],
  ['POST', '/v1/messages/count_tokens', 'count_tokens'],
  ['GET', '/v1/models', 'models'],
  ['GET', '/health', 'health'],
];

/** Resolves `method` and the raw request URL. */
export function resolveRoute(method: string, url: string): ResolvedRoute {
  const queryAt = url.indexOf('?');
  let path = queryAt === -1 ? url : url.slice(0, queryAt);
  let sessionId = defaultSessionId;
  const session = /^\/s\/([^/]+)(\/.*)?$/.exec(path);
  if (session !== null) {
    sessionId = safeDecode(session[1] as string);
    path = session[2] ?? '/';
  }
  if (path.length > 1 && path.endsWith('/')) path = path.slice(0, -1);
  const forPath = routes.filter(([, routePath]) => routePath === path);
  const match = forPath.find(([routeMethod]) => routeMethod === method || (routeMethod === 'GET' && method === 'HEAD'));
  return { sessionId, path, route: match?.[2] ?? null, wrongMethod: match === undefined && forPath.length > 0 };
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
