import { useLayoutEffect } from 'react'

// The served first screen (FirstScreen.tsx) stands in while the page starts;
// #root is hidden beside it (base.css). Once the App has its own first
// screen, the stand-in goes in the same commit, before the browser paints,
// so the two never show together and nothing flickers.
export function useTakeOverFirstScreen(ready: boolean): void {
  useLayoutEffect(() => {
    if (ready) document.getElementById('first-screen')?.remove()
  }, [ready])
}
