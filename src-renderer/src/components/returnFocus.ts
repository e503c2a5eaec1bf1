import { useCallback, useLayoutEffect, useRef } from 'react'

// Radix gives focus back to a Dialog.Trigger when a dialog closes; ours are
// opened by state (from menus, rows, other dialogs), so without this focus
// fell to the page's body and keyboard users lost their place. The opener is
// noted in a layout effect, which runs before Radix's focus scope moves focus
// into the dialog. Pass the result as Dialog.Content's onCloseAutoFocus.
// The last element that had focus: a button that is disabled while it fetches
// what its dialog needs ("Turn on Swarm" asks for the addresses) loses focus
// to the body before the dialog opens, yet is still what opened it.
let lastFocused: HTMLElement | null = null
if (typeof document !== 'undefined') {
  document.addEventListener('focusin', (e) => {
    if (e.target instanceof HTMLElement) lastFocused = e.target
  })
}

export function useReturnFocus(open: boolean): (event: Event) => void {
  const opener = useRef<HTMLElement | null>(null)
  useLayoutEffect(() => {
    if (!open) return
    const el = document.activeElement
    opener.current = el instanceof HTMLElement && el !== document.body ? el : lastFocused
  }, [open])
  return useCallback((event: Event) => {
    const el = opener.current
    opener.current = null
    // An opener that is gone (the row was deleted, the page changed) can't take focus back.
    if (el?.isConnected) {
      event.preventDefault()
      el.focus()
    }
  }, [])
}
