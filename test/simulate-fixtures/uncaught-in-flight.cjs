// An exception thrown in a timer's callback: no code catches it, and it ends the worker thread with
// every request in flight on it. One at a time, only the request whose code threw is lost.
exports.handler = async (event) => {
  await new Promise((resolve) =>
    setTimeout(() => {
      if (event.id === 3) throw new Error(`callback of request ${event.id} failed`);
      resolve();
    }, 10 * event.id),
  );
  return { id: event.id };
};
