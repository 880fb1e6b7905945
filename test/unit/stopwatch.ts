/**
 * A stopwatch that counts only time this process ran: the lesser of the wall-clock and the
 * CPU time gone by. When other processes hold both cores, the wall clock runs on while this
 * one does nothing, which is no step of the work taking long.
 */
export function stopwatch(): () => number {
  const wall = performance.now();
  const cpu = process.cpuUsage();
  return () => {
    const { user, system } = process.cpuUsage(cpu);
    return Math.min(performance.now() - wall, (user + system) / 1000);
  };
}
