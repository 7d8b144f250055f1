/**
 * Writes packages/catalog/logos/<name>.svg, one tile per built-in integration, so the server
 * serves every catalog logo from Switchboard's own origin (no hot-linked third-party image).
 *
 *   npm pack simple-icons@16.37.0 && tar xzf simple-icons-16.37.0.tgz
 *   pnpm --filter @switchboard/catalog exec tsx scripts/build-logos.ts "$PWD/package"
 *
 * The glyphs are Simple Icons' (CC0 1.0; the brands remain their owners' trademarks), drawn
 * white or dark on the brand's colour. Brands Simple Icons does not carry get a letter on a
 * colour of our choosing (MONOGRAMS below). Run it again after adding an integration;
 * catalog.test.ts fails while an entry has no logo or a logo has no entry.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { catalog } from '../src/catalog.ts'

/** Catalog names whose Simple Icons slug is not the name without dashes. */
const SLUGS: Record<string, string> = { mistral: 'mistralai', twitter: 'x' }

/** Brands without a Simple Icons glyph: their tile's colour. */
const MONOGRAMS: Record<string, string> = {
  openai: '#0d0d0d',
  slack: '#4a154b',
  groq: '#f55036',
  cohere: '#39594d',
  xai: '#0d0d0d',
  together: '#0f6fff',
  pinecone: '#1c17ff',
  salesforce: '#00a1e0',
  pipedrive: '#017737',
  attio: '#0d0d0d',
  close: '#2f54eb',
  front: '#a857f1',
  sendgrid: '#1a82e2',
  twilio: '#f22f46',
  postmark: '#ffde00',
  'microsoft-365': '#d83b01',
  outlook: '#0078d4',
  onedrive: '#0078d4',
  'microsoft-teams': '#6264a7',
  monday: '#ff3d57',
  linkedin: '#0a66c2',
}

function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
  }
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5)
}

/** White or near-black, whichever contrasts more with the tile. */
function inkOn(hex: string): string {
  const l = luminance(hex)
  return 1.05 / (l + 0.05) >= (l + 0.05) / 0.0644 ? '#ffffff' : '#111827'
}

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;')

function tile(title: string, color: string, inner: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32" role="img"><title>${escapeXml(title)}</title><rect width="32" height="32" rx="7" fill="${color}"/>${inner}</svg>\n`
}

function main() {
  const simpleIcons = process.argv[2]
  if (!simpleIcons) throw new Error('usage: build-logos.ts <unpacked simple-icons package folder>')
  const meta = JSON.parse(readFileSync(path.join(simpleIcons, 'data/simple-icons.json'), 'utf8')) as Array<{
    slug: string
    hex: string
  }>
  const hexOf = new Map(meta.map((m) => [m.slug, `#${m.hex.toLowerCase()}`]))
  const out = fileURLToPath(new URL('../logos/', import.meta.url))
  rmSync(out, { recursive: true, force: true })
  mkdirSync(out, { recursive: true })
  for (const def of catalog) {
    let svg: string
    const monogram = MONOGRAMS[def.name]
    if (monogram) {
      const letter = escapeXml(def.displayName.charAt(0).toUpperCase())
      svg = tile(
        def.displayName,
        monogram,
        `<text x="16" y="22" text-anchor="middle" font-family="system-ui,-apple-system,'Segoe UI',Roboto,sans-serif" font-size="17" font-weight="700" fill="${inkOn(monogram)}">${letter}</text>`,
      )
    } else {
      const slug = SLUGS[def.name] ?? def.name.replaceAll('-', '')
      const source = readFileSync(path.join(simpleIcons, 'icons', `${slug}.svg`), 'utf8')
      const d = /<path d="([^"]+)"/.exec(source)?.[1]
      const color = hexOf.get(slug)
      if (!d || !color) throw new Error(`simple-icons has no usable glyph "${slug}" for ${def.name}`)
      // The 24-unit glyph, 20 units wide, centred on the 32-unit tile.
      svg = tile(
        def.displayName,
        color,
        `<path transform="translate(6 6) scale(0.8333)" fill="${inkOn(color)}" d="${d}"/>`,
      )
    }
    writeFileSync(path.join(out, `${def.name}.svg`), svg)
  }
  console.log(`wrote ${catalog.length} logos to ${out}`)
}

main()
