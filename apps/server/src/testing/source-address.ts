import { Agent, fetch as undiciFetch } from 'undici'

const agents = new Map<string, Agent>()

/**
 * fetch from another local address (any of 127.0.0.0/8 on Linux loopback), so a test can be
 * several clients, as the server's per-address limits see them, without a proxy in between.
 */
export async function fetchFrom(
  localAddress: string,
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string; redirect?: 'manual' } = {},
): Promise<Response> {
  let agent = agents.get(localAddress)
  if (!agent) {
    agent = new Agent({ localAddress })
    agents.set(localAddress, agent)
  }
  return (await undiciFetch(url, { ...init, dispatcher: agent })) as unknown as Response
}
