import type { Handlers } from '../api/dispatch'

// Each app feature file serves a slice of the contract; service.ts joins them.
export type HandlersFor<K extends keyof Handlers> = Pick<Handlers, K>
