import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

/** The Switchboard server (`pnpm --filter @switchboard/server dev`) answers everything that is not the SPA. */
const backend = 'http://localhost:3000'

export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    proxy: {
      // Whole path segments only, so SPA routes such as /app/oauth-clients stay with Vite.
      '^/(trpc|api|oauth2|oauth)(/|\\?|$)': { target: backend },
      '^/(healthz|\\.well-known)(/|$)': { target: backend },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
  },
})
