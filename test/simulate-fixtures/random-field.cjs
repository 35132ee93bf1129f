// A response field that differs on every run: a race unless --ignore-field names it.
exports.handler = async (event) => ({ id: event.id, nonce: Math.random() });
