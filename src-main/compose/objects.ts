// The output of the convert stage and the input of apply: Docker Engine API
// objects, exactly as `docker stack deploy` would send them. Names are
// already stack-scoped (<stack>_<name>) unless external or explicitly named.

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json }

export interface StackNetwork {
  /** Name as created on the engine. */
  name: string
  /** Body of POST /networks/create (Name, Driver, Labels, Attachable, Options, IPAM, Internal, Scope...). */
  spec: { [key: string]: Json }
}

export interface StackSecret {
  name: string
  /** Body of POST /secrets/create (Name, Labels, Data base64, Templating...). */
  spec: { [key: string]: Json }
}

export interface StackConfig {
  name: string
  /** Body of POST /configs/create. */
  spec: { [key: string]: Json }
}

export interface StackService {
  /** <stack>_<service> */
  name: string
  /** Body of POST /services/create: Name, Labels, TaskTemplate, Mode, UpdateConfig, RollbackConfig, EndpointSpec. */
  spec: { [key: string]: Json }
}

export interface StackObjects {
  namespace: string
  networks: StackNetwork[]
  /** External networks the services use; they must already exist. */
  externalNetworks: string[]
  secrets: StackSecret[]
  externalSecrets: string[]
  configs: StackConfig[]
  externalConfigs: string[]
  services: StackService[]
}
