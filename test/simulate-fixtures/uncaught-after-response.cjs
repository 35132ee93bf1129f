// Work left running after the response (fire and forget) throws: nothing catches it, and the worker
// dies. Its own process.on('uncaughtException') would keep the worker alive (`event.handled`).
exports.handler = async (event) => {
  if (event.handled && !process.listenerCount('uncaughtException')) process.on('uncaughtException', () => {});
  setTimeout(() => {
    throw new Error(`audit of request ${event.id} failed`);
  }, 20);
  return { id: event.id };
};
