// Stack scoping and the labels docker stack deploy puts on everything it
// creates (docker/cli cli/compose/convert/compose.go: Namespace, AddStackLabel).

import type { Json } from '../objects'
import { goCompare } from './gosort'

/** Label on every service, network, secret, config, volume and container the stack owns. */
export const LABEL_NAMESPACE = 'com.docker.stack.namespace'
/** Label on the service spec: the image exactly as the compose file wrote it. */
export const LABEL_IMAGE = 'com.docker.stack.image'

/** `<stack>_<name>`, docker's Namespace.Scope. */
export function scope(namespace: string, name: string): string {
  return `${namespace}_${name}`
}

/**
 * A copy of `labels` plus the namespace label (which wins over a label of the
 * same name in the file, as in docker). Keys are sorted the way Go's
 * encoding/json writes a map, so rendered output is stable.
 */
export function addStackLabel(namespace: string, labels: Record<string, string> | undefined): Record<string, string> {
  return sortedMap({ ...(labels ?? {}), [LABEL_NAMESPACE]: namespace })
}

/** A map with its keys in Go's (byte-wise) order; what encoding/json would emit. */
export function sortedMap<T>(map: Record<string, T>): Record<string, T> {
  const out: Record<string, T> = {}
  for (const key of Object.keys(map).sort(goCompare)) out[key] = map[key]
  return out
}

/**
 * An object literal without its undefined members: the JSON that Go writes
 * for a struct whose `omitempty` fields are empty. Callers pass undefined for
 * exactly the fields Go would omit, in Go's field order.
 */
export function jsonObject(fields: Record<string, Json | undefined>): { [key: string]: Json } {
  const out: { [key: string]: Json } = {}
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) out[key] = value
  return out
}

/** Go's omitempty for a slice: absent when nil or empty. */
export function nonEmpty<T>(list: T[] | undefined | null): T[] | undefined {
  return list && list.length > 0 ? list : undefined
}

/** Go's omitempty for a map: absent when nil or empty. */
export function nonEmptyMap(map: Record<string, string> | undefined): Record<string, string> | undefined {
  return map && Object.keys(map).length > 0 ? sortedMap(map) : undefined
}

/** Go's omitempty for a string / number / bool: absent when the zero value. */
export function nonZero<T extends string | number | boolean>(value: T | undefined): T | undefined {
  return value ? value : undefined
}
