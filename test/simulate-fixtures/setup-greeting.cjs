// A --setup module: imported in each worker before the handler.
globalThis.fakeGreeting = 'hello from setup';
