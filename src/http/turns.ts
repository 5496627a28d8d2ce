/**
 * Work that holds the thread (analysing a long text) is done one piece per turn of the event loop,
 * in arrival order: between two pieces the server reads and answers whatever else has arrived, so
 * a burst of analyses delays a plain read by at most one analysis, not by all of them.
 */
export function turnQueue() {
  let tail: Promise<unknown> = Promise.resolve();
  return function inTurn<T>(work: () => T): Promise<T> {
    const result = tail.then(
      () =>
        new Promise<T>((resolve, reject) => {
          setImmediate(() => {
            try {
              resolve(work());
            } catch (error) {
              reject(error);
            }
          });
        }),
    );
    tail = result.catch(() => undefined);
    return result;
  };
}

/** The process's one queue for analyses: they share one thread, so they share one queue. */
export const inTurn = turnQueue();
