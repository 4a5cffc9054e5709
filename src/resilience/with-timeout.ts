/**
 * Rejects when `promise` has not settled within `ms`. Used around every Redis command of the
 * resilience layer: a slow or absent Redis must cost a bounded wait, never a stall.
 */
export function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  // A late rejection after the timeout must not surface as unhandled.
  promise.catch(() => {});
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`redis command exceeded ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
