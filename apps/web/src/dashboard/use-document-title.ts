import { useEffect } from 'react'

/** Sets the tab title, e.g. "API keys · Switchboard". */
export function useDocumentTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} · Switchboard`
  }, [title])
}
