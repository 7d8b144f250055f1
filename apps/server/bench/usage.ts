/**
 * For a benchmark's server process: answers the IPC message 'usage' with this process's CPU
 * time and its time in garbage collection (µs), so the benchmark reports both per request
 * (bench/load.ts's BenchProcess.usage), and exits normally on SIGTERM, so `--cpu-prof`
 * (BENCH_CPU_PROF) writes its file.
 */
import { PerformanceObserver } from 'node:perf_hooks'

export function answerUsageRequests(): void {
  let gcMicros = 0
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) gcMicros += entry.duration * 1000
  }).observe({ entryTypes: ['gc'] })
  process.on('message', (m) => {
    if (m === 'usage') process.send?.({ ...process.cpuUsage(), gc: gcMicros })
  })
  process.on('SIGTERM', () => process.exit(0))
}
