import { useCallback, useEffect, useRef, useState } from 'react'

const POPUP_FEATURES = 'popup,width=520,height=720'
const CLOSED_CHECK_MS = 500

/**
 * Opens the hosted connect page in a popup and notices when the person closes it.
 * `blocked` means the browser refused the popup; offer a link instead.
 */
export function useConnectPopup() {
  const popupRef = useRef<Window | null>(null)
  const [blocked, setBlocked] = useState(false)
  const [closed, setClosed] = useState(false)

  const open = useCallback((url: string) => {
    const popup = window.open(url, 'switchboard-connect', POPUP_FEATURES)
    popupRef.current = popup
    setBlocked(popup === null)
    setClosed(false)
    popup?.focus()
  }, [])

  const close = useCallback(() => {
    popupRef.current?.close()
    popupRef.current = null
  }, [])

  useEffect(() => {
    const timer = setInterval(() => {
      if (popupRef.current?.closed) {
        popupRef.current = null
        setClosed(true)
      }
    }, CLOSED_CHECK_MS)
    return () => clearInterval(timer)
  }, [])

  return { open, close, blocked, closed }
}
