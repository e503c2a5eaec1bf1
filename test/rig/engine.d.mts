// Types for engine.mjs, so rig.ts can import it under strict TypeScript.
export interface ApiResponse { status: number; text: string; json: unknown }
export const D2_BRIDGE: { name: string; cidr: string }
export const D2_GWBRIDGE: { name: string; subnet: string; gateway: string }
export function api(sock: string, method: string, urlPath: string, body?: unknown, timeout?: number): Promise<ApiResponse>
export function ping(sock: string): Promise<boolean>
export function swarmState(sock: string): Promise<string | undefined>
export function resetEngine2(sock: string): Promise<void>
