// Reads what the --setup module installed in its worker.
exports.handler = async (event) => ({ id: event.id, greeting: globalThis.fakeGreeting });
