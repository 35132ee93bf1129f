'use strict';
// Who is calling and which request this is, for audit logs deep in the call stack
// (so we don't have to pass the event through every function).
let requestInfo = { requestId: undefined, userId: undefined };

function setRequestInfo(event) {
  requestInfo = {
    requestId: event.requestContext && event.requestContext.requestId,
    userId: event.requestContext && event.requestContext.authorizer && event.requestContext.authorizer.jwt.claims.sub,
  };
}

function getRequestInfo() {
  return requestInfo;
}

module.exports = { setRequestInfo, getRequestInfo };
