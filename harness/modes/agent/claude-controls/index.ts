export type { ControlId, ControlInput, ControlKind, ControlSpec, ControlWay } from './control-table.ts';
export { controlTable, informationalNames, requiredNames, scannedNames } from './control-table.ts';
export { firstReleaseWith, measuredRange, measuredSupport } from './measured-support.ts';
export type { ControlShortfall, ReleaseControls, ReleaseSupport, SupportSource } from './plan-controls.ts';
export { controlArgs, controlEnv, missingRequiredNames, planControls, shortfallLines } from './plan-controls.ts';
export { controlsForRelease, releaseSupport } from './release-support.ts';
export { scanReleaseNames } from './scan-release.ts';
