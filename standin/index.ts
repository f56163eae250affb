/** The stand-in's programmatic API: start it, arm faults, read its dataset. */
export { startStandin, type Standin, type StandinOptions } from './start-standin.js';
export { FaultController, type FaultContext } from './faults/fault-controller.js';
export { FAULT_KINDS, faultRuleSchema, type FaultKind, type FaultRule, type ParsedFaultRule } from './faults/fault-rule.js';
export type { AuthConfig } from './http/check-auth.js';
export type { StandinDataset } from './data/source-store.js';
export { SOURCES, findSource, type SourceDefinition, type SourceColumn } from './data/source-catalog.js';
export { versionProfile, type VersionProfile } from './version-profile.js';
export { javaDoubleToString } from './wire/java-double-to-string.js';
export { ksqlRound } from './data/ksql-functions.js';
