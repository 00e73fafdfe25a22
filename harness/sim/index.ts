export type {
  PersonaInfo,
  PersonaTiming,
  SimDialect,
  SimMode,
  SimRequestLog,
  SimServer,
  SimServerOptions,
} from './server.ts';
export { listPersonas, personaTiming, startSimServer } from './server.ts';
