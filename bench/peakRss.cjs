// Preloaded into a child process by the benches (node -r): at exit, prints the whole process's peak
// RSS and CPU time (every thread) to stderr as one line the bench picks out.
process.on("exit", () => {
  const { maxRSS, userCPUTime, systemCPUTime } = process.resourceUsage();
  process.stderr.write(`\nbench-usage ${JSON.stringify({ peakRssKb: maxRSS, cpuMicros: userCPUTime + systemCPUTime })}\n`);
});
