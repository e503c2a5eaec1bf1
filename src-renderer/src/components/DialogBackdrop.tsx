// Stands in for Radix's Dialog.Overlay, which wraps react-remove-scroll: that
// injects a <style> element, which our CSP (style-src 'self') blocks and
// reports. The page body never scrolls (only <main> does), so nothing is lost;
// focus trapping and aria-hidden on the rest stay with Dialog.Content.
export function DialogBackdrop() {
  return <div className="dialog__overlay" aria-hidden="true" />
}
