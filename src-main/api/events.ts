import type { EventName, EventPayload } from '../contract/contract'

export type EventListener = <E extends EventName>(name: E, payload: EventPayload<E>) => void

// Transports subscribe once and forward every event to their clients.
export class EventBus {
  private listeners = new Set<EventListener>()

  emit<E extends EventName>(name: E, payload: EventPayload<E>): void {
    for (const l of this.listeners) {
      try {
        l(name, payload)
      } catch {
        // One broken client must not stop the others hearing the event.
      }
    }
  }

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }
}
