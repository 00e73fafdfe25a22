export { listPersonas, personaTiming, startSimServer } from './server.ts';
export type { PersonaInfo, PersonaTiming, SimDialect, SimMode, SimRequestLog, SimServer, SimServerOptions } from './server.ts';
