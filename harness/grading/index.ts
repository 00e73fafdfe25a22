export type { CorruptionInput } from './corruption.ts';
export { detectCorruption } from './corruption.ts';
export { countTestFunctions, countTestsStatically } from './count-tests.ts';
export { extractCodeBlocks } from './extract-code.ts';
export type { GradeOptions } from './grade.ts';
export { gradeFiles, referenceDirName } from './grade.ts';
export { definedClassNames, findIdentifierTypos, isStutterOf } from './identifier-typos.ts';
export type { JUnitCase } from './junit.ts';
export { parseJUnitXml } from './junit.ts';
export type { PytestOptions } from './pytest.ts';
export { runPytest } from './pytest.ts';
export type { GraderPython, ResolvePythonOptions } from './python.ts';
export { resolveGraderPython } from './python.ts';
export { repairFiles } from './repair.ts';
export { graderEnv, isSecretEnvName, secretEnvNamePatterns } from './sandbox-env.ts';
export type { SortedBlocks } from './sort-blocks.ts';
export { isTestFileName, pythonFenceLanguages, sortBlocks } from './sort-blocks.ts';
export type {
  CodeBlock,
  CorruptionReport,
  ExtractedFile,
  Grade,
  IdentifierTypo,
  PytestRun,
  RepairChange,
  TestCase,
  TestOutcome,
} from './types.ts';
export { copyDir, createWorkspace, listPythonFiles, removeWorkspace, writeFiles } from './workspace.ts';
