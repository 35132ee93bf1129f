'use strict';
// src/lib/state.js after its manual migration step (lmi-migrate reports it,
// module-state-per-request, and leaves it: the setter and getter are called from other modules).
// Who is calling and which request this is, for audit logs deep in the call stack, kept per
// request: concurrent requests on one worker each see their own.
const { AsyncLocalStorage } = require('node:async_hooks');

const requestInfo = new AsyncLocalStorage();

// Called first thing in the handler: enterWith() binds the value to the rest of this invocation
// (everything after it, across awaits), not to the other invocations running on the worker.
function setRequestInfo(event) {
  requestInfo.enterWith({
    requestId: event.requestContext && event.requestContext.requestId,
    userId: event.requestContext && event.requestContext.authorizer && event.requestContext.authorizer.jwt.claims.sub,
  });
}

function getRequestInfo() {
  return requestInfo.getStore() ?? { requestId: undefined, userId: undefined };
}

module.exports = { setRequestInfo, getRequestInfo };
