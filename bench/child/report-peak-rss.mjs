// Preloaded (`--import`) into every measured child process: on exit it writes the process's peak RSS in bytes to
// the file named by BENCH_PEAK_RSS_FILE. Written on exit, so the peak of the whole run is counted, including the
// last moments a sampling poller would miss.
//
// The peak is VmHWM from /proc/self/status, not getrusage's maxRSS: Linux carries ru_maxrss across fork and
// execve, so a child spawned by a parent holding 300 MB reports at least 300 MB whatever it uses itself. VmHWM
// belongs to the address space that execve created. maxRSS is the fallback where /proc does not exist.
import { readFileSync, writeFileSync } from 'node:fs';

function peakRssBytes() {
  try {
    const match = /^VmHWM:\s+(\d+)\s+kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (match?.[1] !== undefined) return Number(match[1]) * 1024;
  } catch {
    // No procfs (macOS, Windows): fall through to getrusage.
  }
  return process.resourceUsage().maxRSS * 1024;
}

const target = process.env.BENCH_PEAK_RSS_FILE;
if (target !== undefined && target !== '') {
  process.on('exit', () => {
    writeFileSync(target, String(peakRssBytes()));
  });
}
