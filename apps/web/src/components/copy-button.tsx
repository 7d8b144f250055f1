import { useEffect, useState } from 'react'

interface CopyButtonProps {
  value: string
  label?: string
  className?: string
}

type CopyState = 'idle' | 'copied' | 'failed'

/** Copies a value to the clipboard and says so (in a live region, for screen readers too). */
export function CopyButton({ value, label = 'Copy', className = 'button' }: CopyButtonProps) {
  const [state, setState] = useState<CopyState>('idle')

  useEffect(() => {
    if (state === 'idle') return
    const timer = setTimeout(() => setState('idle'), 2500)
    return () => clearTimeout(timer)
  }, [state])

  async function copy() {
    try {
      await navigator.clipboard.writeText(value)
      setState('copied')
    } catch {
      setState('failed')
    }
  }

  return (
    <>
      <button type="button" className={className} onClick={() => void copy()}>
        {state === 'copied' ? 'Copied' : label}
      </button>
      <span className="visually-hidden" role="status">
        {state === 'copied' ? 'Copied to the clipboard' : ''}
      </span>
      {state === 'failed' && (
        <span className="field-error" role="alert">
          Copying failed. Select the text and copy it with your keyboard.
        </span>
      )}
    </>
  )
}
