import { useEffect, useMemo } from 'react'
import { detectLanguage, type Language, type Translate, translator } from './i18n.ts'

/** The page language (from ?lang=, else the browser) and its translate function; sets <html lang>. */
export function useConnectLanguage(langParam: string | null): { language: Language; t: Translate } {
  const language = detectLanguage(langParam, typeof navigator === 'undefined' ? [] : navigator.languages)
  useEffect(() => {
    document.documentElement.lang = language
  }, [language])
  const t = useMemo(() => translator(language), [language])
  return { language, t }
}
