export type {
  PersonaFacts,
  PersonaInfo,
  PersonaTiming,
  SimDialect,
  SimFlavour,
  SimMode,
  SimRequestLog,
  SimServer,
  SimServerOptions,
} from './server.ts';
export { listPersonas, personaTiming, simFlavours, startSimServer } from './server.ts';
