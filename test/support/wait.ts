/**
 * Waits until `condition` holds, checking it every `everyMs`, and fails with `what` once `timeoutMs` have
 * passed: a wait for an event the test cannot hook, bounded in time, never a fixed sleep.
 */
export async function waitFor(
  condition: () => boolean | Promise<boolean>,
  what: string,
  { timeoutMs = 5_000, everyMs = 10 } = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/**
 * Waits until no query of `pool` is running or waiting for a connection: the work an answer started without
 * awaiting it (a mail sent after the response) has finished. A query that follows another in the same piece of
 * work asks for its connection before any timer runs, so a pool seen idle from here has no such work left.
 */
export async function waitForIdlePool(
  pool: { totalCount: number; idleCount: number; waitingCount: number },
  what: string,
  options?: { timeoutMs?: number; everyMs?: number },
): Promise<void> {
  await waitFor(() => pool.waitingCount === 0 && pool.idleCount === pool.totalCount, what, options);
}
