export { claudeCacheRoot, releaseDir } from './cache-root.ts';
export type { CachedRelease } from './install-release.ts';
export { ensureCachedRelease, isReleaseCached } from './install-release.ts';
export type { RegistryAnswer } from './npm-registry.ts';
export { registryVersion } from './npm-registry.ts';
export type { ReleaseRequest, ResolveDeps } from './resolve-releases.ts';
export { pinnedClaudeVersion, resolveClaudeReleases } from './resolve-releases.ts';
export type { ClaudeVersionSpec } from './version-spec.ts';
export {
  claudePackage,
  compareVersions,
  isExactVersion,
  parseClaudeVersionSpecs,
  specFromLabel,
  specLabel,
} from './version-spec.ts';
